//! Strategy comparison, or any sweep of one scenario setting: the same day, same seed, once
//! per value, and every queue's KPIs side by side — the routing benchmark harness.
//!
//! A key names a setting as the scenario file does, dotted: a top-level field
//! (`max_missed_offers`), a queue field set on every queue (`strategy`, `offer_timeout`),
//! an agent-group field set on every group (`capacity`), or one queue's or group's field by
//! its name (`queues.support-en.wrap_up_seconds`, `agents.english-early.count`; a space in a
//! name may be written `-`). Values are
//! read as JSON where they parse (`6`, `null`, `true`), as text otherwise (`round_robin`).
//!
//! ```
//! use queue_examples::{compare, Scenario};
//! let day = Scenario::default_day()?;
//! let runs = compare::variants(&day, "agents.english-early.count=6,8,10")?;
//! let outcomes = compare::run_all(&runs, 42, 1)?;
//! print!("{}", compare::render("agents.english-early.count", &runs, &outcomes));
//! let runs = compare::variants(&day, "strategy=longest_idle,round_robin")?;
//! assert!(runs[1].scenario.queues.iter().all(|q| q.strategy == queue_core::Strategy::RoundRobin));
//! # Ok::<(), String>(())
//! ```

use crate::report::{pct, secs};
use crate::sim::{self, Outcome};
use crate::Scenario;
use serde_json::Value;
use std::fmt::Write;

/// One value of the sweep and the scenario it gives.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The value as given.
    pub label: String,
    /// The scenario with it set.
    pub scenario: Scenario,
}

/// The key and values of `KEY=V1,V2,…`, each applied to `base`.
pub fn variants(base: &Scenario, spec: &str) -> Result<Vec<Variant>, String> {
    let (key, values) = spec
        .split_once('=')
        .ok_or_else(|| format!("--compare {spec:?}: expected KEY=VALUE,VALUE,…"))?;
    let values: Vec<&str> = values.split(',').map(str::trim).collect();
    if key.is_empty() || values.iter().any(|v| v.is_empty()) {
        return Err(format!("--compare {spec:?}: expected KEY=VALUE,VALUE,…"));
    }
    values
        .into_iter()
        .map(|v| {
            Ok(Variant {
                label: v.to_string(),
                scenario: with(base, key, v)?,
            })
        })
        .collect()
}

/// `base` with `key` set to `value`.
pub fn with(base: &Scenario, key: &str, value: &str) -> Result<Scenario, String> {
    let mut doc = serde_json::to_value(base).map_err(|e| e.to_string())?;
    let new: Value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
    let path: Vec<&str> = key.split('.').collect();
    let unknown = || format!("--compare: no setting {key:?} in the scenario");
    match path.as_slice() {
        [field] => {
            let top = doc.as_object_mut().ok_or_else(unknown)?;
            if top.contains_key(*field) && !matches!(*field, "queues" | "agents") {
                top.insert(field.to_string(), new);
            } else {
                let mut set = false;
                for list in ["queues", "agents"] {
                    for item in top
                        .get_mut(list)
                        .and_then(Value::as_array_mut)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(obj) = item.as_object_mut().filter(|o| o.contains_key(*field)) {
                            obj.insert(field.to_string(), new.clone());
                            set = true;
                        }
                    }
                    if set {
                        break;
                    }
                }
                if !set {
                    return Err(unknown());
                }
            }
        }
        [list @ ("queues" | "agents"), name, field] => {
            let item = doc
                .get_mut(*list)
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .find(|i| {
                    i.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n == *name || n.replace(' ', "-") == *name)
                })
                .and_then(Value::as_object_mut)
                .ok_or_else(|| format!("--compare: no {list} entry named {name:?}"))?;
            if !item.contains_key(*field) {
                return Err(unknown());
            }
            item.insert(field.to_string(), new);
        }
        _ => return Err(unknown()),
    }
    let scenario: Scenario =
        serde_json::from_value(doc).map_err(|e| format!("--compare {key}={value}: {e}"))?;
    // Re-parsing checks what the file parser checks (times, distributions).
    let text = serde_json::to_string(&scenario).map_err(|e| e.to_string())?;
    Scenario::parse(&text, true).map_err(|e| format!("--compare {key}={value}: {e}"))
}

/// Runs every variant on a fresh in-memory engine with the same seed, `days` days each.
pub fn run_all(variants: &[Variant], seed: u64, days: u32) -> Result<Vec<Outcome>, String> {
    variants
        .iter()
        .map(|v| {
            let (start, _) = v.scenario.day();
            let (mut engine, clock) = sim::open_engine(None, start, seed)
                .map_err(|e| format!("cannot open the engine: {e}"))?;
            sim::run(&v.scenario, seed, days, &mut engine, &clock, &mut |_| {})
                .map_err(|e| format!("{}: simulation failed: {e}", v.label))
        })
        .collect()
}

/// Every queue's KPIs, one row per variant, and the agents' occupancy per variant.
pub fn render(key: &str, variants: &[Variant], outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let Some(first) = outcomes.first() else {
        return out;
    };
    let sl_secs = variants
        .first()
        .map_or(20, |v| v.scenario.service_level_seconds);
    let _ = writeln!(
        out,
        "ConnectNow Queue · simulate --compare {key} ({} runs, seed {})\n",
        outcomes.len(),
        first.seed
    );
    let width = variants
        .iter()
        .map(|v| v.label.len())
        .max()
        .unwrap_or(5)
        .max(key.len().min(24));
    for (qi, q) in first.queues.iter().enumerate() {
        let _ = writeln!(out, "queue {}", q.name);
        let _ = writeln!(
            out,
            "  {:<width$} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
            key,
            "offered",
            "answered",
            "abandoned",
            format!("SL {sl_secs}s"),
            "avg wait",
            "p90 wait",
            "occupancy"
        );
        for (v, o) in variants.iter().zip(outcomes) {
            let Some(s) = o.queues.get(qi).map(|r| &r.stats) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  {:<width$} {:>7} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
                v.label,
                s.offered,
                s.answered,
                s.abandoned,
                pct(s.service_level),
                secs(s.average_wait_seconds),
                secs(s.p90_wait_seconds),
                pct(s.occupancy)
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "agents (occupancy of all groups together)");
    for (v, o) in variants.iter().zip(outcomes) {
        let staffed: f64 = o
            .groups
            .iter()
            .flat_map(|g| &g.stats)
            .map(|s| s.staffed_seconds)
            .sum();
        let busy: f64 = o
            .groups
            .iter()
            .flat_map(|g| &g.stats)
            .map(|s| s.busy_seconds)
            .sum();
        let _ = writeln!(
            out,
            "  {:<width$} {:>9}",
            v.label,
            pct((staffed > 0.0).then(|| busy / staffed))
        );
    }
    out
}

/// One SVG chart: each queue's service level, a bar per variant.
pub fn chart(title: &str, variants: &[Variant], outcomes: &[Outcome]) -> String {
    const COLOURS: [&str; 8] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    ];
    let queues: Vec<String> = outcomes
        .first()
        .map(|o| o.queues.iter().map(|q| q.name.clone()).collect())
        .unwrap_or_default();
    let (w, h, left, top, bottom) = (1000.0, 420.0, 56.0, 70.0, 60.0);
    let group = (w - left - 24.0) / queues.len().max(1) as f64;
    let bar = group * 0.8 / variants.len().max(1) as f64;
    let ph = h - top - bottom;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{w}" height="{h}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{left}" y="22" font-size="15" font-weight="bold">{}</text>"#,
        esc(title)
    );
    for tick in 0..=5 {
        let v = f64::from(tick) * 20.0;
        let y = top + ph * (1.0 - v / 100.0);
        let _ = writeln!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{v}%</text>"##,
            w - 24.0,
            left - 6.0,
            y + 4.0
        );
    }
    for (vi, v) in variants.iter().enumerate() {
        let colour = COLOURS[vi % COLOURS.len()];
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="34" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="45">{}</text>"#,
            left + 160.0 * vi as f64,
            left + 16.0 + 160.0 * vi as f64,
            esc(&v.label)
        );
    }
    for (qi, q) in queues.iter().enumerate() {
        let x0 = left + group * qi as f64 + group * 0.1;
        for (vi, o) in outcomes.iter().enumerate() {
            let sl = o
                .queues
                .get(qi)
                .and_then(|r| r.stats.service_level)
                .unwrap_or(0.0);
            let bh = ph * sl.clamp(0.0, 1.0);
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{} · {}: {:.1}%</title></rect>"#,
                x0 + bar * vi as f64,
                top + ph - bh,
                bar * 0.9,
                COLOURS[vi % COLOURS.len()],
                esc(q),
                esc(&variants[vi].label),
                sl * 100.0
            );
        }
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x0 + group * 0.4,
            h - bottom + 18.0,
            esc(q)
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{left}" y="{:.1}" fill="#555">service level per queue, one bar per value</text>"##,
        h - 14.0
    );
    let _ = writeln!(s, "</svg>");
    s
}
