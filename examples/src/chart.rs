//! The day as an SVG chart: objects waiting per queue and agents available and busy, minute
//! by minute. Hand-written SVG: no dependency, and the file is plain text that diffs well.

use crate::sim::Sample;
use std::fmt::Write;

const W: f64 = 1000.0;
const H: f64 = 460.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 70.0;
const BOTTOM: f64 = 44.0;
const COLOURS: [&str; 8] = [
    "#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round upper bound for the y axis and its tick step.
fn scale(max: u32) -> (u32, u32) {
    let max = max.max(4);
    let raw = max.div_ceil(5);
    let step = [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ]
    .into_iter()
    .find(|s| *s >= raw)
    .unwrap_or(raw);
    (max.div_ceil(step) * step, step)
}

/// Renders the chart; `queues` names the waiting series, `title` heads it.
pub fn render(title: &str, queues: &[String], samples: &[Sample]) -> String {
    let minutes = samples.last().map_or(1440, |s| s.minute + 1).max(60);
    let top = samples
        .iter()
        .flat_map(|s| s.waiting.iter().copied().chain([s.available, s.busy]))
        .max()
        .unwrap_or(0);
    let (ymax, ystep) = scale(top);
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let x = |m: f64| LEFT + pw * m / f64::from(minutes);
    let y = |v: f64| TOP + ph * (1.0 - v / f64::from(ymax));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{}</text>"#,
        esc(title)
    );
    // Grid and axes.
    let mut v = 0;
    while v <= ymax {
        let yy = y(f64::from(v));
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{v}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        );
        v += ystep;
    }
    let mut h = 0;
    while h * 60 <= minutes {
        let xx = x(f64::from(h * 60));
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{TOP}" y2="{:.1}" stroke="#f0f0f0"/><text x="{xx:.1}" y="{:.1}" text-anchor="middle" fill="#555">{h:02}:00</text>"##,
            H - BOTTOM,
            H - BOTTOM + 16.0
        );
        h += 2;
    }
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">local time</text>"##,
        LEFT + pw / 2.0,
        H - 8.0
    );
    // Agents available: a filled step area; busy: a step line; waiting: one line per queue.
    let step_path = |values: &dyn Fn(&Sample) -> u32| {
        let mut d = String::new();
        let mut prev: Option<u32> = None;
        for smp in samples {
            let v = values(smp);
            let (xx, yy) = (x(f64::from(smp.minute)), y(f64::from(v)));
            match prev {
                None => {
                    let _ = write!(d, "M{xx:.1},{yy:.1}");
                }
                Some(p) if p != v => {
                    let _ = write!(d, " L{xx:.1},{:.1} L{xx:.1},{yy:.1}", y(f64::from(p)));
                }
                _ => {}
            }
            prev = Some(v);
        }
        if let Some(p) = prev {
            let _ = write!(d, " L{:.1},{:.1}", x(f64::from(minutes)), y(f64::from(p)));
        }
        d
    };
    let avail = step_path(&|s| s.available);
    if !avail.is_empty() {
        let _ = writeln!(
            s,
            r##"<path d="{avail} L{:.1},{:.1} L{LEFT},{:.1} Z" fill="#2ca02c" fill-opacity="0.15" stroke="#2ca02c" stroke-width="1.5"/>"##,
            x(f64::from(minutes)),
            y(0.0),
            y(0.0)
        );
    }
    let busy = step_path(&|s| s.busy);
    let _ = writeln!(
        s,
        r##"<path d="{busy}" fill="none" stroke="#555" stroke-width="1.2" stroke-dasharray="4 3"/>"##
    );
    for (i, _) in queues.iter().enumerate() {
        let d = step_path(&|s| s.waiting.get(i).copied().unwrap_or(0));
        let _ = writeln!(
            s,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
            COLOURS[i % COLOURS.len()]
        );
    }
    // Legend.
    let mut lx = LEFT;
    let mut item = |s: &mut String, colour: &str, label: &str, dash: bool| {
        let _ = writeln!(
            s,
            r#"<line x1="{lx:.1}" x2="{:.1}" y1="44" y2="44" stroke="{colour}" stroke-width="3"{}/><text x="{:.1}" y="48">{}</text>"#,
            lx + 18.0,
            if dash {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            },
            lx + 23.0,
            esc(label)
        );
        lx += 32.0 + 7.0 * label.chars().count() as f64;
    };
    item(&mut s, "#2ca02c", "agents available", false);
    item(&mut s, "#555", "agents handling", true);
    for (i, q) in queues.iter().enumerate() {
        item(
            &mut s,
            COLOURS[i % COLOURS.len()],
            &format!("waiting: {q}"),
            false,
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_scales_are_round() {
        assert_eq!(scale(0), (4, 1));
        assert_eq!(scale(37), (40, 10));
        assert_eq!(scale(123), (125, 25));
    }

    #[test]
    fn the_chart_is_one_svg_with_a_series_per_queue() {
        let samples: Vec<Sample> = (0..1440)
            .map(|m| Sample {
                minute: m,
                waiting: vec![m % 7, m % 3],
                available: 10,
                busy: m % 10,
            })
            .collect();
        let svg = render("a <day>", &["a".into(), "b".into()], &samples);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("a &lt;day&gt;"));
        assert_eq!(svg.matches("<path").count(), 4);
    }
}
