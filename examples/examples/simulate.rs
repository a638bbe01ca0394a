//! `simulate`: a whole contact-centre day through the real router, on SQLite, with a
//! simulated clock. Prints KPIs per queue and writes a chart next to the database.
//!
//! ```sh
//! cargo run --release --example simulate                      # the built-in day
//! cargo run --release --example simulate -- my-day.toml --seed 7
//! ```

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use queue_examples::report::{self, Files};
use queue_examples::{chart, sim, Scenario};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: simulate [SCENARIO.toml|SCENARIO.json] [--seed N] [--db PATH | --memory] [--chart PATH]

Runs a contact-centre day through the ConnectNow Queue router with a simulated clock and
prints KPIs per queue. Without a scenario file it runs the built-in day
(examples/scenarios/default.toml).

  --seed N      seed of every random draw (default: the scenario's)
  --db PATH     SQLite database to write (default out/simulate.sqlite; an existing
                database there is replaced)
  --memory      run on the in-memory store instead of SQLite
  --chart PATH  where to write the SVG chart (default: next to the database)";

struct Args {
    scenario: Option<PathBuf>,
    seed: Option<u64>,
    db: Option<PathBuf>,
    chart: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        scenario: None,
        seed: None,
        db: Some(PathBuf::from("out/simulate.sqlite")),
        chart: None,
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
            "--db" => args.db = Some(PathBuf::from(value("--db")?)),
            "--memory" => args.db = None,
            "--chart" => args.chart = Some(PathBuf::from(value("--chart")?)),
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
    if let Some(db) = &args.db {
        replace_database(db)?;
    }
    let chart_path = args.chart.clone().unwrap_or_else(|| match &args.db {
        Some(db) => db.with_extension("svg"),
        None => PathBuf::from("out/simulate.svg"),
    });

    let (start, end) = scenario.day();
    let tz = scenario.tz()?;
    let total = (end - start).num_milliseconds().max(1) as u64;
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "simulating {msg} [{bar:40.cyan/blue}] {percent:>3}% ({elapsed})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    let mut minute = u64::MAX;
    let mut progress = |t: u64| {
        if t / 60_000 != minute {
            minute = t / 60_000;
            bar.set_position(t);
            let local = (start + chrono::Duration::milliseconds(t as i64)).with_timezone(&tz);
            bar.set_message(local.format("%H:%M").to_string());
        }
    };

    let wall = Instant::now();
    let (mut engine, clock) = queue_examples::sim::open_engine(args.db.as_deref(), start, seed)
        .map_err(|e| format!("cannot open the engine: {e}"))?;
    let outcome = sim::run(&scenario, seed, &mut engine, &clock, &mut progress)
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
        database: args.db.as_ref().map(|p| p.display().to_string()),
        chart: Some(chart_path.display().to_string()),
    };
    print!("{}", report::render(&scenario, &outcome, &files));
    eprintln!(
        "simulated the day in {:.2} s of wall time ({} commands)",
        elapsed.as_secs_f64(),
        outcome.commands
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
