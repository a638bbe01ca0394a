//! `simulate`: a whole contact-centre day through the real router, on SQLite, with a
//! simulated clock. Prints KPIs per queue and writes a chart next to the database.
//!
//! ```sh
//! cargo run --release --example simulate                      # the built-in day
//! cargo run --release --example simulate -- my-day.toml --seed 7
//! cargo run --release --example simulate -- --days 7 --memory  # a week, shifts repeating
//! cargo run --release --example simulate -- --db postgresql://postgres@127.0.0.1/postgres
//! cargo run --release --example simulate -- --compare strategy=longest_idle,round_robin
//! ```

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use queue_examples::report::{self, Files};
use queue_examples::{chart, sim, Scenario};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: simulate [SCENARIO.toml|SCENARIO.json] [--seed N] [--days N] [--db PATH|URL | --memory]
                [--schema NAME] [--chart PATH] [--batch-ms N] [--compare KEY=V1,V2,…]

Runs a contact-centre day through the ConnectNow Queue router with a simulated clock and
prints KPIs per queue. Without a scenario file it runs the built-in day
(examples/scenarios/default.toml).

  --seed N      seed of every random draw (default: the scenario's)
  --days N      run N consecutive days, agents' shifts repeating (default 1); prints a
                KPI table per day and for the whole run
  --db PATH     SQLite database to write (default out/simulate.sqlite; an existing
                database there is replaced)
  --db URL      run on a PostgreSQL server instead (postgresql://user@host/db), in the
                schema --schema names; a previous run's tables there are replaced
  --schema NAME the PostgreSQL schema of the run (default cnq_simulate, created if
                missing); only ConnectNow Queue's cnq_ tables in it are ever dropped
  --memory      run on the in-memory store instead of SQLite
  --chart PATH  where to write the SVG chart (default: next to the database)
  --batch-ms N  commit once per N simulated milliseconds (Engine::batch) instead of once
                per command; the loop then hears of each batch's routing at its commit,
                so the day differs slightly (default: off, one commit per command)
  --compare KEY=V1,V2,…
                run the same day, same seed, once per value of one scenario setting, in
                memory, and print every queue's KPIs side by side with one chart
                (default out/compare.svg): strategy=longest_idle,least_occupied,round_robin,
                most_skilled; agents.NAME.count=6,8,10; queues.NAME.offer_timeout=10,20 …";

struct Args {
    scenario: Option<PathBuf>,
    seed: Option<u64>,
    days: u32,
    db: Option<PathBuf>,
    /// `--db` was a PostgreSQL URL.
    url: Option<String>,
    schema: String,
    chart: Option<PathBuf>,
    batch_ms: Option<i64>,
    compare: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scenario: None,
        seed: None,
        days: 1,
        db: Some(PathBuf::from("out/simulate.sqlite")),
        url: None,
        schema: "cnq_simulate".into(),
        chart: None,
        batch_ms: None,
        compare: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--seed" => {
                let v = value("--seed")?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed {v:?}: not a number"))?,
                );
            }
            "--days" => {
                let v = value("--days")?;
                args.days = v
                    .parse()
                    .ok()
                    .filter(|d| (1..=3660).contains(d))
                    .ok_or_else(|| format!("--days {v:?}: not a number of days from 1 to 3660"))?;
            }
            "--db" => {
                let v = value("--db")?;
                if queue_postgres::is_url(&v) {
                    (args.db, args.url) = (None, Some(v));
                } else {
                    (args.db, args.url) = (Some(PathBuf::from(v)), None);
                }
            }
            "--schema" => args.schema = value("--schema")?,
            "--compare" => args.compare = Some(value("--compare")?),
            "--memory" => (args.db, args.url) = (None, None),
            "--chart" => args.chart = Some(PathBuf::from(value("--chart")?)),
            "--batch-ms" => {
                let v = value("--batch-ms")?;
                args.batch_ms = Some(
                    v.parse()
                        .ok()
                        .filter(|ms| (1..=86_400_000).contains(ms))
                        .ok_or_else(|| {
                            format!(
                                "--batch-ms {v:?}: not a number of milliseconds from 1 to 86400000"
                            )
                        })?,
                );
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if args.scenario.is_none() => args.scenario = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    Ok(args)
}

/// Removes a previous run's database, refusing to touch a file that is not SQLite.
fn replace_database(path: &Path) -> Result<(), String> {
    if let Ok(bytes) = std::fs::read(path).map(|b| b.into_iter().take(16).collect::<Vec<u8>>()) {
        if !bytes.is_empty() && bytes != b"SQLite format 3\0" {
            return Err(format!(
                "{} exists and is not an SQLite database; not replacing it",
                path.display()
            ));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let scenario = match &args.scenario {
        Some(p) => Scenario::from_path(p)?,
        None => Scenario::default_day()?,
    };
    let seed = sim::effective_seed(&scenario, args.seed);
    if let Some(spec) = &args.compare {
        return run_compare(&args, &scenario, seed, spec);
    }
    if let Some(db) = &args.db {
        replace_database(db)?;
    }
    let chart_path = args.chart.clone().unwrap_or_else(|| match &args.db {
        Some(db) => db.with_extension("svg"),
        None => PathBuf::from("out/simulate.svg"),
    });

    let (start, _) = scenario.day();
    let end = scenario.nth_day(args.days).day().0;
    let tz = scenario.tz()?;
    let total = (end - start).num_milliseconds().max(1) as u64;
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "simulating {msg} [{bar:40.cyan/blue}] {percent:>3}% ({elapsed})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    let mut minute = u64::MAX;
    // Wall time of each simulated day, to show the cost per command does not grow with it.
    let mut day_walls: Vec<std::time::Duration> = Vec::new();
    let mut day_began = Instant::now();
    let day_ends: Vec<u64> = (1..=args.days)
        .map(|d| {
            (scenario.nth_day(d).day().0 - start)
                .num_milliseconds()
                .max(0) as u64
        })
        .collect();
    let mut progress = |t: u64| {
        while day_walls.len() < day_ends.len() && t >= day_ends[day_walls.len()] {
            day_walls.push(day_began.elapsed());
            day_began = Instant::now();
        }
        if t / 60_000 != minute {
            minute = t / 60_000;
            bar.set_position(t);
            let local = (start + chrono::Duration::milliseconds(t as i64)).with_timezone(&tz);
            let format = if args.days > 1 {
                "%a %d %H:%M"
            } else {
                "%H:%M"
            };
            bar.set_message(local.format(format).to_string());
        }
    };

    let wall = Instant::now();
    let opened = match &args.url {
        Some(url) => {
            let options = queue_postgres::PostgresOptions {
                schema: Some(args.schema.clone()),
                ..Default::default()
            };
            queue_postgres::PostgresStore::connect_replacing(url, options)
                .and_then(|store| sim::open_engine_on(Box::new(store), start, seed))
        }
        None => sim::open_engine(args.db.as_deref(), start, seed),
    };
    let (mut engine, clock) = opened.map_err(|e| format!("cannot open the engine: {e}"))?;
    let outcome = sim::run_batched(
        &scenario,
        seed,
        args.days,
        args.batch_ms,
        &mut engine,
        &clock,
        &mut progress,
    )
    .map_err(|e| format!("simulation failed: {e}"))?;
    bar.finish_and_clear();
    let elapsed = wall.elapsed();

    let names: Vec<String> = outcome.queues.iter().map(|q| q.name.clone()).collect();
    let title = format!("{} · seed {}", scenario.name, seed);
    if let Some(dir) = chart_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&chart_path, chart::render(&title, &names, &outcome.samples))
        .map_err(|e| format!("cannot write {}: {e}", chart_path.display()))?;

    let files = Files {
        database: match &args.url {
            Some(url) => Some(format!(
                "{} (schema {})",
                queue_postgres::redacted(url),
                args.schema
            )),
            None => args.db.as_ref().map(|p| p.display().to_string()),
        },
        chart: Some(chart_path.display().to_string()),
    };
    print!("{}", report::render(&scenario, &outcome, &files));
    if outcome.days.len() > 1 {
        for (d, wall) in outcome.days.iter().zip(&day_walls) {
            eprintln!(
                "day {}: {} commands in {:.2} s ({:.1} µs per command)",
                d.day.0.with_timezone(&tz).format("%Y-%m-%d"),
                d.commands,
                wall.as_secs_f64(),
                wall.as_secs_f64() * 1e6 / d.commands.max(1) as f64
            );
        }
    }
    eprintln!(
        "simulated {} in {:.2} s of wall time ({} commands)",
        if args.days > 1 {
            format!("{} days", args.days)
        } else {
            "the day".into()
        },
        elapsed.as_secs_f64(),
        outcome.commands
    );
    Ok(())
}

/// `--compare`: every value's day in memory, the tables on stdout, the chart to a file.
fn run_compare(args: &Args, scenario: &Scenario, seed: u64, spec: &str) -> Result<(), String> {
    let variants = queue_examples::compare::variants(scenario, spec)?;
    let key = spec.split_once('=').map_or(spec, |(k, _)| k);
    let wall = Instant::now();
    let outcomes = queue_examples::compare::run_all(&variants, seed, args.days)?;
    let chart_path = args
        .chart
        .clone()
        .unwrap_or_else(|| PathBuf::from("out/compare.svg"));
    if let Some(dir) = chart_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let title = format!("{} · {key} · seed {seed}", scenario.name);
    std::fs::write(
        &chart_path,
        queue_examples::compare::chart(&title, &variants, &outcomes),
    )
    .map_err(|e| format!("cannot write {}: {e}", chart_path.display()))?;
    print!(
        "{}",
        queue_examples::compare::render(key, &variants, &outcomes)
    );
    println!("chart     {}", chart_path.display());
    eprintln!(
        "simulated {} runs in {:.2} s of wall time",
        outcomes.len(),
        wall.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("simulate: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
