//! Scenario files: the contact centre and the day `simulate` runs (TOML or JSON).
//!
//! Times of day are local to the scenario's time zone, written `HH:MM` or `HH:MM:SS`;
//! ranges `HH:MM-HH:MM` (an end of `24:00` is midnight at the end of the day).

use crate::rng::Distribution;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use queue_core::{Show, Strategy};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The built-in day, used when no scenario file is given.
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/default.toml");

/// A contact centre and one day of traffic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Shown in the report.
    pub name: String,
    /// Seed of every random draw; `--seed` overrides it.
    #[serde(default)]
    pub seed: u64,
    /// The simulated day.
    pub date: NaiveDate,
    /// IANA time zone of every time of day in the file (default `UTC`).
    #[serde(default = "utc")]
    pub time_zone: String,
    /// Service-level threshold, seconds (default 20).
    #[serde(default = "twenty")]
    pub service_level_seconds: u32,
    /// Lapsed offers in a row after which an agent is set away (default 0: never).
    #[serde(default)]
    pub max_missed_offers: u32,
    /// The company's presence statuses, each with the show it maps to (`{ lunch = "away" }`);
    /// a break may name one.
    #[serde(default)]
    pub statuses: BTreeMap<String, Show>,
    /// The queues.
    pub queues: Vec<QueueSpec>,
    /// The agents, in groups that share skills, shift and queues.
    pub agents: Vec<AgentGroup>,
}

fn utc() -> String {
    "UTC".into()
}
fn twenty() -> u32 {
    20
}
fn one() -> u32 {
    1
}
fn default_answer() -> Distribution {
    Distribution::Fixed { value: 3.0 }
}

/// One queue and the traffic arriving in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueSpec {
    /// Unique name.
    pub name: String,
    /// Minimum skill levels agents need (`{ english = 3 }`).
    #[serde(default)]
    pub skills: BTreeMap<String, u8>,
    /// Seconds after which a waiting object reaches the next tier.
    #[serde(default)]
    pub priority_delay: Option<u32>,
    /// Seconds an agent has to accept an offer; none: objects are assigned directly.
    #[serde(default)]
    pub offer_timeout: Option<u32>,
    /// How agents are chosen (default `longest_idle`).
    #[serde(default)]
    pub strategy: Strategy,
    /// After-contact work after each completion, seconds (default 0).
    #[serde(default)]
    pub wrap_up_seconds: u32,
    /// Most objects waiting at once; more arrivals are turned away (default: no limit).
    #[serde(default)]
    pub max_waiting: Option<u32>,
    /// Longest wait in this queue, seconds; then the object overflows or times out.
    #[serde(default)]
    pub max_wait_seconds: Option<u32>,
    /// The queue (by name) objects overflow to after `max_wait_seconds`.
    #[serde(default)]
    pub overflow_queue: Option<String>,
    /// Escalate at once past tiers with no ready operator (default false).
    #[serde(default)]
    pub skip_empty_tiers: bool,
    /// Opening hours on the day (`["08:00-20:00"]`); empty: open around the clock.
    #[serde(default)]
    pub hours: Vec<String>,
    /// Poisson arrival rate for each local hour 0–23 (24 values).
    #[serde(default)]
    pub arrivals_per_hour: Vec<f64>,
    /// Arrivals at fixed local times, on top of the Poisson ones.
    #[serde(default)]
    pub arrivals_at: Vec<String>,
    /// Priority of the objects (higher first).
    #[serde(default)]
    pub priority: i32,
    /// Handle time, seconds.
    pub handle_time: Distribution,
    /// How long a customer waits before leaving, seconds.
    pub patience: Distribution,
}

/// Agents who share skills, capacity, shift and queues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentGroup {
    /// Group name (shown in the report).
    pub name: String,
    /// Number of agents (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Skill levels 1–10.
    #[serde(default)]
    pub skills: BTreeMap<String, u8>,
    /// Objects handled at once (default 1).
    #[serde(default = "one")]
    pub capacity: u32,
    /// When the agents are available (`"08:00-16:00"`).
    pub shift: String,
    /// Times within the shift when they show `away` (`"12:00-12:30"`), or are in one of the
    /// scenario's `statuses` (`"12:00-12:30 lunch"`).
    #[serde(default)]
    pub breaks: Vec<String>,
    /// Queues they staff, with their tier (`{ support = 1, sales = 2 }`).
    pub queues: BTreeMap<String, u8>,
    /// Seconds they take to accept an offer (default 3).
    #[serde(default = "default_answer")]
    pub answer: Distribution,
    /// Share of offers they let lapse (0–1).
    #[serde(default)]
    pub miss_rate: f64,
}

/// Seconds since local midnight of `HH:MM[:SS]` (`24:00` allowed).
pub fn parse_time(s: &str) -> Result<u32, String> {
    let bad = || format!("{s:?}: expected HH:MM or HH:MM:SS");
    let parts: Vec<&str> = s.trim().split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return Err(bad());
    }
    let mut n = [0u32; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        n[i] = p.parse().map_err(|_| bad())?;
    }
    let secs = n[0] * 3600 + n[1] * 60 + n[2];
    if n[1] > 59 || n[2] > 59 || secs > 24 * 3600 {
        return Err(bad());
    }
    Ok(secs)
}

/// `(start, end)` seconds since local midnight of `HH:MM-HH:MM`; the end must be later.
pub fn parse_range(s: &str) -> Result<(u32, u32), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("{s:?}: expected HH:MM-HH:MM"))?;
    let (a, b) = (parse_time(a)?, parse_time(b)?);
    if b <= a {
        return Err(format!("{s:?}: the end must be after the start"));
    }
    Ok((a, b))
}

/// A break: its range and the status it names, if any (`"12:00-12:30 lunch"`).
pub fn parse_break(s: &str) -> Result<((u32, u32), Option<&str>), String> {
    match s.trim().split_once(' ') {
        Some((range, status)) => Ok((parse_range(range)?, Some(status.trim()))),
        None => Ok((parse_range(s)?, None)),
    }
}

impl Scenario {
    /// The built-in default day.
    pub fn default_day() -> Result<Scenario, String> {
        Scenario::parse(DEFAULT_SCENARIO, false)
    }

    /// Reads a scenario file: JSON when it ends in `.json`, TOML otherwise.
    pub fn from_path(path: &Path) -> Result<Scenario, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let json = path.extension().is_some_and(|e| e == "json");
        Scenario::parse(&text, json).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses and validates a scenario.
    pub fn parse(text: &str, json: bool) -> Result<Scenario, String> {
        let s: Scenario = if json {
            serde_json::from_str(text).map_err(|e| e.to_string())?
        } else {
            toml::from_str(text).map_err(|e| e.to_string())?
        };
        s.validate()?;
        Ok(s)
    }

    /// The time zone.
    pub fn tz(&self) -> Result<Tz, String> {
        self.time_zone
            .parse()
            .map_err(|_| format!("time_zone {:?} is not an IANA time zone", self.time_zone))
    }

    /// The instant of a local time of day (seconds since midnight) on the scenario's date.
    pub fn instant(&self, secs: u32) -> DateTime<Utc> {
        let tz = self.tz().unwrap_or(Tz::UTC);
        let local = self.date.and_time(NaiveTime::MIN) + Duration::seconds(i64::from(secs));
        // A time skipped by a DST jump happens an hour later; a repeated one the first time.
        tz.from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                tz.from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
    }

    /// Start and end of the simulated day (local midnight to midnight).
    pub fn day(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.instant(0), self.instant(24 * 3600))
    }

    /// The same scenario `n` days later: the `n`-th day of a run of several (0 is itself).
    pub fn nth_day(&self, n: u32) -> Scenario {
        let mut day = self.clone();
        day.date = self
            .date
            .checked_add_days(chrono::Days::new(u64::from(n)))
            .unwrap_or(self.date);
        day
    }

    /// Every skill named anywhere, in name order.
    pub fn skill_names(&self) -> BTreeSet<String> {
        let q = self.queues.iter().flat_map(|q| q.skills.keys());
        let a = self.agents.iter().flat_map(|a| a.skills.keys());
        q.chain(a).cloned().collect()
    }

    /// Number of agents.
    pub fn agent_count(&self) -> u32 {
        self.agents.iter().map(|g| g.count).sum()
    }

    fn validate(&self) -> Result<(), String> {
        self.tz()?;
        if self.queues.is_empty() || self.agents.is_empty() {
            return Err("a scenario needs at least one queue and one agent group".into());
        }
        let mut names = BTreeSet::new();
        for q in &self.queues {
            let at = |e: String| format!("queue {:?}: {e}", q.name);
            if !names.insert(q.name.as_str()) {
                return Err(at("duplicate name".into()));
            }
            check_levels(&q.skills).map_err(at)?;
            for h in &q.hours {
                parse_range(h).map_err(at)?;
            }
            for t in &q.arrivals_at {
                parse_time(t).map_err(at)?;
            }
            if !(q.arrivals_per_hour.is_empty() || q.arrivals_per_hour.len() == 24) {
                return Err(at("arrivals_per_hour needs 24 values, one per hour".into()));
            }
            if q.arrivals_per_hour
                .iter()
                .any(|r| !r.is_finite() || !(0.0..=100_000.0).contains(r))
            {
                return Err(at(
                    "arrivals_per_hour values must be between 0 and 100000".into()
                ));
            }
            q.handle_time.validate("handle_time").map_err(at)?;
            q.patience.validate("patience").map_err(at)?;
        }
        let mut groups = BTreeSet::new();
        for g in &self.agents {
            let at = |e: String| format!("agent group {:?}: {e}", g.name);
            if !groups.insert(g.name.as_str()) {
                return Err(at("duplicate name".into()));
            }
            if g.count > 10_000 {
                return Err(at("count must be at most 10000".into()));
            }
            check_levels(&g.skills).map_err(at)?;
            parse_range(&g.shift).map_err(at)?;
            for b in &g.breaks {
                if let (_, Some(status)) = parse_break(b).map_err(at)? {
                    if !self.statuses.contains_key(status) {
                        return Err(at(format!("break {b:?}: unknown status {status:?}")));
                    }
                }
            }
            for (q, tier) in &g.queues {
                if !names.contains(q.as_str()) {
                    return Err(at(format!("unknown queue {q:?}")));
                }
                if !(1..=99).contains(tier) {
                    return Err(at(format!("tier of {q:?} must be 1–99")));
                }
            }
            g.answer.validate("answer").map_err(at)?;
            if !(0.0..=1.0).contains(&g.miss_rate) {
                return Err(at("miss_rate must be between 0 and 1".into()));
            }
        }
        if self.agent_count() > 10_000 {
            return Err("at most 10000 agents".into());
        }
        Ok(())
    }
}

fn check_levels(skills: &BTreeMap<String, u8>) -> Result<(), String> {
    match skills.iter().find(|(_, l)| !(1..=10).contains(*l)) {
        Some((name, _)) => Err(format!("skill {name:?}: level must be 1–10")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_day_parses() {
        let s = Scenario::default_day().unwrap();
        assert!(s.agent_count() > 10);
        let (start, end) = s.day();
        assert_eq!((end - start).num_hours(), 24);
    }

    #[test]
    fn the_example_scenario_files_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        for name in ["default.toml", "small.json"] {
            let s = Scenario::from_path(&dir.join(name)).unwrap();
            assert!(!s.queues.is_empty(), "{name}");
        }
    }

    #[test]
    fn times_parse_strictly() {
        assert_eq!(parse_time("08:30"), Ok(8 * 3600 + 1800));
        assert_eq!(parse_time("24:00"), Ok(86_400));
        assert!(parse_time("8h").is_err());
        assert!(parse_time("24:01").is_err());
        assert!(parse_range("10:00-09:00").is_err());
    }

    #[test]
    fn unknown_queues_and_fields_are_refused() {
        let bad = r#"
            name = "x"
            date = "2026-03-03"
            [[queues]]
            name = "q"
            handle_time = { distribution = "fixed", value = 1 }
            patience = { distribution = "fixed", value = 1 }
            [[agents]]
            name = "a"
            shift = "08:00-09:00"
            queues = { nope = 1 }
        "#;
        assert!(Scenario::parse(bad, false)
            .unwrap_err()
            .contains("unknown queue"));
        let typo = bad.replace("queues = { nope = 1 }", "queues = { q = 1 }\ncapacty = 2");
        assert!(Scenario::parse(&typo, false).is_err());
    }
}
