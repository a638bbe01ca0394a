//! `simulate` as a user runs it: a day on a small scenario, checked for reproducibility and
//! against KPIs worked out by hand.

use queue_examples::report::{self, Files};
use queue_examples::sim::{self, Outcome};
use queue_examples::{chart, Scenario};
use std::path::{Path, PathBuf};

/// Two queues, five agents, two hours of traffic with offers, escalation and abandonment.
const SMALL: &str = r#"
name = "small"
seed = 7
date = "2026-03-03"
time_zone = "Europe/Amsterdam"

[[queues]]
name = "chat"
skills = { english = 2 }
priority_delay = 30
offer_timeout = 10
hours = ["09:00-11:00"]
arrivals_per_hour = [0,0,0,0,0,0,0,0,0,40,50,0,0,0,0,0,0,0,0,0,0,0,0,0]
handle_time = { distribution = "lognormal", mean = 240, sd = 120 }
patience = { distribution = "exponential", mean = 90 }

[[queues]]
name = "vip"
priority = 10
hours = ["09:00-11:00"]
arrivals_per_hour = [0,0,0,0,0,0,0,0,0,10,10,0,0,0,0,0,0,0,0,0,0,0,0,0]
arrivals_at = ["10:59:59"]
handle_time = { distribution = "uniform", min = 60, max = 300 }
patience = { distribution = "fixed", value = 120 }

[[agents]]
name = "front"
count = 3
skills = { english = 3 }
capacity = 2
shift = "09:00-11:15"
breaks = ["10:00-10:10"]
queues = { chat = 1 }
answer = { distribution = "uniform", min = 1, max = 14 }
miss_rate = 0.1

[[agents]]
name = "back"
count = 2
skills = { english = 5 }
shift = "09:30-11:00"
queues = { chat = 2, vip = 1 }
"#;

fn run(scenario: &Scenario, seed: u64) -> (Outcome, String) {
    run_on(None, scenario, seed)
}

/// A fresh database file for one test run.
fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("queue-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn run_on(db: Option<&Path>, scenario: &Scenario, seed: u64) -> (Outcome, String) {
    let (start, _) = scenario.day();
    let (mut engine, clock) = sim::open_engine(db, start, seed).unwrap();
    let outcome = sim::run(scenario, seed, 1, &mut engine, &clock, &mut |_| {}).unwrap();
    let files = Files {
        database: None,
        chart: Some("out/small.svg".into()),
    };
    let names: Vec<String> = outcome.queues.iter().map(|q| q.name.clone()).collect();
    let text = report::render(scenario, &outcome, &files)
        + &chart::render(&scenario.name, &names, &outcome.samples);
    (outcome, text)
}

#[test]
fn one_seed_gives_the_same_day_byte_for_byte() {
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let (first, a) = run(&scenario, 7);
    let (_, b) = run(&scenario, 7);
    assert_eq!(a, b);
    assert!(first.queues[0].stats.offered > 40, "{a}");
    assert!(first.queues.iter().any(|q| q.stats.abandoned > 0), "{a}");
    let (_, other) = run(&scenario, 8);
    assert_ne!(a, other, "another seed is another day");
}

#[test]
fn the_day_on_sqlite_is_the_day_in_memory() {
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let (_, in_memory) = run(&scenario, 7);
    let (first, on_disk) = run_on(Some(&temp_db("first")), &scenario, 7);
    let (_, again) = run_on(Some(&temp_db("again")), &scenario, 7);
    assert_eq!(on_disk, again);
    assert_eq!(on_disk, in_memory);
    assert!(first.events > 100);
    if let Some(dir) = temp_db("first").parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// On the PostgreSQL server `QUEUE_POSTGRES_URL` names (skipped without it), in one fixed
/// schema that each run replaces, as `simulate --db postgresql://…` does.
#[test]
fn the_day_on_postgres_is_the_day_in_memory() {
    let Some(url) = std::env::var("QUEUE_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("note: QUEUE_POSTGRES_URL is not set: the PostgreSQL day is skipped");
        return;
    };
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let (_, in_memory) = run(&scenario, 7);
    let on_postgres = || {
        let options = queue_postgres::PostgresOptions {
            schema: Some("cnq_simulate_test".into()),
            ..Default::default()
        };
        let store = queue_postgres::PostgresStore::connect_replacing(&url, options).unwrap();
        let (start, _) = scenario.day();
        let (mut engine, clock) = sim::open_engine_on(Box::new(store), start, 7).unwrap();
        let outcome = sim::run(&scenario, 7, 1, &mut engine, &clock, &mut |_| {}).unwrap();
        let files = Files {
            database: None,
            chart: Some("out/small.svg".into()),
        };
        let names: Vec<String> = outcome.queues.iter().map(|q| q.name.clone()).collect();
        report::render(&scenario, &outcome, &files)
            + &chart::render(&scenario.name, &names, &outcome.samples)
    };
    // The second run replaces the first one's schema (the same seeded ids again).
    assert_eq!(on_postgres(), in_memory);
    assert_eq!(on_postgres(), in_memory);
}

#[test]
fn core_statistics_agree_with_the_simulations_own_count() {
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let (outcome, text) = run(&scenario, 7);
    for q in &outcome.queues {
        let (s, t) = (&q.stats, &q.tally);
        assert_eq!(s.offered, t.offered, "{}: {text}", q.name);
        assert_eq!(s.answered, t.answered, "{}", q.name);
        assert_eq!(s.abandoned, t.abandoned, "{}", q.name);
        let waits: Vec<f64> = t.waits_ms.iter().map(|w| *w as f64 / 1000.0).collect();
        let handles: Vec<f64> = t.handles_ms.iter().map(|h| *h as f64 / 1000.0).collect();
        let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6,
            (a, b) => a == b,
        };
        assert!(close(s.average_wait_seconds, mean(&waits)), "{}", q.name);
        assert!(
            close(s.average_handle_seconds, mean(&handles)),
            "{}",
            q.name
        );
        let mut sorted = waits.clone();
        sorted.sort_by(f64::total_cmp);
        let p90 = (!sorted.is_empty())
            .then(|| sorted[((0.9 * sorted.len() as f64).ceil() as usize).max(1) - 1]);
        assert!(close(s.p90_wait_seconds, p90), "{}", q.name);
        let within = waits.iter().filter(|w| **w <= 20.0).count() as f64;
        let sl = (t.answered + t.abandoned > 0).then(|| within / (t.answered + t.abandoned) as f64);
        assert!(close(s.service_level, sl), "{}", q.name);
    }
    // Every answered object of the day was answered by some agent.
    let by_agents: u64 = outcome.groups.iter().map(|g| g.answered()).sum();
    let by_queues: u64 = outcome.queues.iter().map(|q| q.stats.answered).sum();
    assert_eq!(by_agents, by_queues);
}

/// One agent from 09:00 to 10:00, handle time 300 s, patience 270 s, three chats:
/// - 09:00 is assigned at once (wait 0) and completed at 09:05;
/// - 09:01 waits until 09:05, when the agent is free (wait 240 s), completed at 09:10;
/// - 09:02 gives up at 09:06:30 while the agent is still busy.
#[test]
fn kpis_of_a_tiny_day_match_the_hand_computed_values() {
    let tiny = r#"
        name = "tiny"
        date = "2026-03-03"
        [[queues]]
        name = "q"
        arrivals_at = ["09:00", "09:01", "09:02"]
        handle_time = { distribution = "fixed", value = 300 }
        patience = { distribution = "fixed", value = 270 }
        [[agents]]
        name = "ann"
        shift = "09:00-10:00"
        queues = { q = 1 }
    "#;
    let scenario = Scenario::parse(tiny, false).unwrap();
    let (outcome, text) = run(&scenario, 1);
    let s = &outcome.queues[0].stats;
    assert_eq!((s.offered, s.answered, s.abandoned), (3, 2, 1), "{text}");
    assert_eq!(s.service_level, Some(1.0 / 3.0));
    assert_eq!(s.average_wait_seconds, Some(120.0));
    assert_eq!(s.p90_wait_seconds, Some(240.0));
    assert_eq!(s.average_handle_seconds, Some(300.0));
    // Busy 09:00–09:10 of a shift 09:00–10:00.
    assert_eq!(s.occupancy, Some(600.0 / 3600.0));
    let ann = &outcome.groups[0];
    assert_eq!(ann.answered(), 2);
    assert_eq!(ann.occupancy(), Some(600.0 / 3600.0));
    assert!(text.contains("33.3%") && text.contains("120.0 s") && text.contains("240.0 s"));
}

#[test]
fn json_scenarios_work_too() {
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let json = serde_json::to_string(&scenario).unwrap();
    assert_eq!(Scenario::parse(&json, true).unwrap(), scenario);
}

/// `--batch-ms`: the same day with one store commit per simulated minute. The loop hears of
/// the routing only at each commit, so the day is not the unbatched one, but the core's
/// statistics still agree with what the loop counted, on SQLite as in memory, and the
/// batched day is as repeatable as any other.
#[test]
fn a_batched_day_commits_per_minute_and_still_adds_up() {
    let scenario = Scenario::parse(SMALL, false).unwrap();
    let batched = |db: Option<&Path>| {
        let (start, _) = scenario.day();
        let (mut engine, clock) = sim::open_engine(db, start, 7).unwrap();
        let out = sim::run_batched(
            &scenario,
            7,
            1,
            Some(60_000),
            &mut engine,
            &clock,
            &mut |_| {},
        )
        .unwrap();
        assert!(!engine.in_batch(), "the last batch was committed");
        out
    };
    let in_memory = batched(None);
    let db = temp_db("batched");
    let on_disk = batched(Some(&db));
    for (a, b) in in_memory.queues.iter().zip(&on_disk.queues) {
        assert_eq!(a.stats.offered, b.stats.offered, "{}", a.name);
        assert_eq!(a.stats.answered, b.stats.answered, "{}", a.name);
        assert_eq!(a.stats.offered, a.tally.offered, "{}", a.name);
        assert_eq!(a.stats.answered, a.tally.answered, "{}", a.name);
        assert_eq!(a.stats.abandoned, a.tally.abandoned, "{}", a.name);
    }
    assert!(in_memory.queues[0].stats.answered > 0);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// The routing rules as scenario settings: wrap-up, a waiting limit, a wait limit with
/// overflow and missed offers. The day is reproducible and core's statistics still agree
/// with the simulation's own count, overflowed customers included.
#[test]
fn a_day_with_wrap_up_limits_overflow_and_missed_offers_adds_up() {
    let text = SMALL
        .replace(
            "time_zone = \"Europe/Amsterdam\"\n",
            "time_zone = \"Europe/Amsterdam\"\nmax_missed_offers = 2\n",
        )
        .replace(
            "offer_timeout = 10\n",
            "offer_timeout = 10\nwrap_up_seconds = 20\nmax_wait_seconds = 45\noverflow_queue = \"vip\"\n",
        )
        .replace("priority = 10\n", "priority = 10\nmax_waiting = 3\n");
    let scenario = Scenario::parse(&text, false).unwrap();
    assert_eq!(scenario.queues[0].overflow_queue.as_deref(), Some("vip"));
    let (outcome, report) = run(&scenario, 7);
    let (_, again) = run(&scenario, 7);
    assert_eq!(report, again);
    for q in &outcome.queues {
        let (s, t) = (&q.stats, &q.tally);
        assert_eq!(s.offered, t.offered, "{}: {report}", q.name);
        assert_eq!(s.answered, t.answered, "{}", q.name);
        assert_eq!(s.abandoned, t.abandoned, "{}", q.name);
        assert_eq!(s.wait_limit_reached, t.wait_limit, "{}", q.name);
    }
    assert!(outcome.queues[0].stats.wait_limit_reached > 0, "{report}");
    assert!(report.contains("left at max_wait_seconds"), "{report}");
    let wrap_up: f64 = outcome
        .groups
        .iter()
        .flat_map(|g| &g.stats)
        .map(|s| s.wrap_up_seconds)
        .sum();
    assert!(wrap_up > 0.0, "{report}");
    let by_agents: u64 = outcome.groups.iter().map(|g| g.answered()).sum();
    let by_queues: u64 = outcome.queues.iter().map(|q| q.stats.answered).sum();
    assert_eq!(by_agents, by_queues);
}

#[test]
fn a_break_in_a_presence_status_is_reported_as_time_in_it() {
    let text = SMALL
        .replace(
            "time_zone = \"Europe/Amsterdam\"\n",
            "time_zone = \"Europe/Amsterdam\"\nstatuses = { coffee = \"away\" }\n",
        )
        .replace(
            "breaks = [\"10:00-10:10\"]",
            "breaks = [\"10:00-10:10 coffee\"]",
        );
    let scenario = Scenario::parse(&text, false).unwrap();
    let (outcome, report) = run(&scenario, 7);
    let (name, coffee) = &outcome.statuses[0];
    assert_eq!(name, "coffee");
    let front = &outcome.groups[0];
    assert_eq!(front.status_seconds(*coffee), 3.0 * 600.0, "{report}");
    assert_eq!(outcome.groups[1].status_seconds(*coffee), 0.0);
    assert!(
        report.contains("status coffee per agent: front 10 min"),
        "{report}"
    );
    // A break may only name a status the scenario defines.
    let typo = text.replace("10:10 coffee", "10:10 cofee");
    let err = Scenario::parse(&typo, false).unwrap_err();
    assert!(err.contains("unknown status \"cofee\""), "{err}");
}
