//! The text report `simulate` prints: KPIs per queue and per agent group.

use crate::scenario::Scenario;
use crate::sim::Outcome;
use std::fmt::Write;

/// Seconds as `12.3 s`, or `–` when absent.
pub(crate) fn secs(v: Option<f64>) -> String {
    v.map_or("–".into(), |s| format!("{s:.1} s"))
}

/// Seconds as `m:ss`, or `–` when absent.
fn mmss(v: Option<f64>) -> String {
    v.map_or("–".into(), |s| {
        let s = s.round() as i64;
        format!("{}:{:02}", s / 60, s % 60)
    })
}

/// A share as `84.1%`, or `–` when absent.
pub(crate) fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |p| format!("{:.1}%", p * 100.0))
}

/// Where the run's files went, for the report.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// The database, or `None` when the run was in memory.
    pub database: Option<String>,
    /// The chart, if written.
    pub chart: Option<String>,
}

/// The report: deterministic for a given scenario, seed and file names (no wall-clock times).
pub fn render(scenario: &Scenario, outcome: &Outcome, files: &Files) -> String {
    let mut out = String::new();
    let arrivals: u64 = outcome
        .queues
        .iter()
        .map(|q| q.tally.offered + q.tally.refused)
        .sum();
    let refused: u64 = outcome.queues.iter().map(|q| q.tally.refused).sum();
    let _ = writeln!(out, "ConnectNow Queue · simulate");
    let _ = writeln!(out, "scenario  {}", scenario.name);
    match outcome.days.len() {
        0 | 1 => writeln!(
            out,
            "day       {} ({}), seed {}",
            scenario.date, scenario.time_zone, outcome.seed
        ),
        n => writeln!(
            out,
            "days      {n} from {} ({}), seed {}; shifts repeat daily",
            scenario.date, scenario.time_zone, outcome.seed
        ),
    }
    .ok();
    let _ = writeln!(
        out,
        "centre    {} queues, {} agents in {} groups",
        scenario.queues.len(),
        scenario.agent_count(),
        scenario.agents.len()
    );
    let _ = writeln!(
        out,
        "traffic   {arrivals} arrivals, {refused} turned away while their queue was closed or full"
    );
    let _ = writeln!(
        out,
        "engine    {} commands ({} ticks), {} events, {}",
        outcome.commands,
        outcome.ticks,
        outcome.events,
        match &files.database {
            Some(p) if queue_postgres::is_url(p) => format!("PostgreSQL {p}"),
            Some(p) => format!("SQLite {p}"),
            None => "in memory".into(),
        }
    );
    let _ = writeln!(out);
    if outcome.days.len() > 1 {
        render_days(scenario, outcome, &mut out);
        let _ = writeln!(out, "the whole run");
    }
    let sl = format!("SL {}s", scenario.service_level_seconds);
    let _ = writeln!(
        out,
        "{:<14} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>10} {:>9}",
        "queue",
        "offered",
        "answered",
        "abandoned",
        sl,
        "avg wait",
        "p90 wait",
        "avg handle",
        "occupancy"
    );
    for q in &outcome.queues {
        let s = &q.stats;
        let _ = writeln!(
            out,
            "{:<14} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>10} {:>9}",
            q.name,
            s.offered,
            s.answered,
            s.abandoned,
            pct(s.service_level),
            secs(s.average_wait_seconds),
            secs(s.p90_wait_seconds),
            mmss(s.average_handle_seconds),
            pct(s.occupancy),
        );
    }
    let limited: Vec<String> = outcome
        .queues
        .iter()
        .filter(|q| q.stats.wait_limit_reached > 0)
        .map(|q| format!("{} {}", q.name, q.stats.wait_limit_reached))
        .collect();
    if !limited.is_empty() {
        let _ = writeln!(
            out,
            "left at max_wait_seconds (overflowed or timed out): {}",
            limited.join(", ")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<14} {:>7} {:>8} {:>9} {:>9}",
        "agent group", "agents", "answered", "lapsed", "occupancy"
    );
    for g in &outcome.groups {
        let _ = writeln!(
            out,
            "{:<14} {:>7} {:>8} {:>9} {:>9}",
            g.name,
            g.agents,
            g.answered(),
            g.timed_out(),
            pct(g.occupancy()),
        );
    }
    for (name, id) in &outcome.statuses {
        let per_group: Vec<String> = outcome
            .groups
            .iter()
            .filter(|g| g.agents > 0)
            .map(|g| (g, g.status_seconds(*id) / 60.0 / f64::from(g.agents)))
            .filter(|(_, minutes)| *minutes > 0.0)
            .map(|(g, minutes)| format!("{} {minutes:.0} min", g.name))
            .collect();
        if !per_group.is_empty() {
            let _ = writeln!(out, "status {name} per agent: {}", per_group.join(", "));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "SL: answered within {}s ÷ (answered + abandoned). Waits of answered objects. \
         Occupancy: handling ÷ staffed time.",
        scenario.service_level_seconds
    );
    if let Some(c) = &files.chart {
        let _ = writeln!(out, "chart     {c}");
    }
    out
}

/// One row per day and queue: what contact centres read each morning.
fn render_days(scenario: &Scenario, outcome: &Outcome, out: &mut String) {
    let sl = format!("SL {}s", scenario.service_level_seconds);
    let _ = writeln!(
        out,
        "{:<10} {:<14} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "day",
        "queue",
        "offered",
        "answered",
        "abandoned",
        sl,
        "avg wait",
        "p90 wait",
        "occupancy",
        "commands"
    );
    for d in &outcome.days {
        let tz = scenario.tz().unwrap_or(chrono_tz::Tz::UTC);
        let date = d.day.0.with_timezone(&tz).format("%Y-%m-%d").to_string();
        for (i, s) in d.queues.iter().enumerate() {
            let name = scenario.queues.get(i).map_or("?", |q| q.name.as_str());
            let commands = if i == 0 {
                d.commands.to_string()
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{:<10} {:<14} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9} {:>9}",
                if i == 0 { date.as_str() } else { "" },
                name,
                s.offered,
                s.answered,
                s.abandoned,
                pct(s.service_level),
                secs(s.average_wait_seconds),
                secs(s.p90_wait_seconds),
                pct(s.occupancy),
                commands,
            );
        }
    }
    let _ = writeln!(out);
}
