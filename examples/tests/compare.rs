//! `simulate --compare`: the same day once per value of a setting, side by side.

use queue_core::Strategy;
use queue_examples::{compare, Scenario};

const SMALL: &str = include_str!("../scenarios/small.json");

#[test]
fn a_key_reaches_every_queue_one_group_or_the_top_level() {
    let day = Scenario::parse(SMALL, true).unwrap();
    let runs = compare::variants(&day, "strategy=round_robin,most_skilled").unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs[0]
        .scenario
        .queues
        .iter()
        .all(|q| q.strategy == Strategy::RoundRobin));
    let runs = compare::variants(&day, "agents.front.count=1,5").unwrap();
    assert_eq!(runs[1].scenario.agents[0].count, 5);
    assert_eq!(runs[1].scenario.agents[1].count, day.agents[1].count);
    let runs = compare::variants(&day, "max_missed_offers=0,3").unwrap();
    assert_eq!(runs[1].scenario.max_missed_offers, 3);
    let runs = compare::variants(&day, "queues.vip.wrap_up_seconds=0,30").unwrap();
    assert_eq!(runs[1].scenario.queues[1].wrap_up_seconds, 30);
    assert_eq!(runs[1].scenario.queues[0].wrap_up_seconds, 0);
}

#[test]
fn bad_keys_and_values_are_refused_with_a_message() {
    let day = Scenario::parse(SMALL, true).unwrap();
    for spec in [
        "no_such_setting=1",
        "agents.nobody.count=1",
        "strategy=fastest",
        "agents.front.count=-1",
        "strategy",
        "strategy=",
    ] {
        let got = compare::variants(&day, spec);
        assert!(got.is_err(), "{spec} was accepted");
    }
}

#[test]
fn each_value_runs_the_same_day_and_the_tables_name_them() {
    let day = Scenario::parse(SMALL, true).unwrap();
    let runs = compare::variants(&day, "strategy=longest_idle,least_occupied").unwrap();
    let outcomes = compare::run_all(&runs, 7, 1).unwrap();
    // Same seed, same customers: every run sees the same arrivals.
    let arrivals = |o: &queue_examples::Outcome| -> Vec<u64> {
        o.queues
            .iter()
            .map(|q| q.tally.offered + q.tally.refused)
            .collect()
    };
    assert_eq!(arrivals(&outcomes[0]), arrivals(&outcomes[1]));
    let text = compare::render("strategy", &runs, &outcomes);
    assert!(
        text.contains("queue chat") && text.contains("queue vip"),
        "{text}"
    );
    assert!(
        text.contains("longest_idle") && text.contains("least_occupied"),
        "{text}"
    );
    let svg = compare::chart("small", &runs, &outcomes);
    assert!(svg.starts_with("<svg") && svg.contains("least_occupied"));
    // The library gives the same as a second run: reproducible.
    let again = compare::run_all(&runs, 7, 1).unwrap();
    assert_eq!(compare::render("strategy", &runs, &again), text);
}
