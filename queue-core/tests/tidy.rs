//! Tidy checks on the source itself, the way rust-analyzer keeps its architecture:
//! - every import between `queue-core`'s top-level modules points down the layer table of
//!   ARCHITECTURE.md (a module may use its own layer and those below), and no modules import
//!   each other in a circle — in `queue-core`, nor in the other crates' `src`;
//! - no Rust source file of the workspace is longer than 600 lines.
//!
//! A failure names the file and line of the import that breaks the rule.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, skipping build output and installed packages.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | ".git") {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// The layer of each `queue-core` module, from ARCHITECTURE.md's table.
fn layers() -> BTreeMap<String, u32> {
    let text = fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = text
        .split("## Layers of `queue-core`")
        .nth(1)
        .expect("a layer section in ARCHITECTURE.md");
    let mut out = BTreeMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 {
            continue;
        }
        let Ok(layer) = cells[1].parse::<u32>() else {
            continue;
        };
        for module in cells[2].split(',') {
            out.insert(module.trim().trim_matches('`').to_string(), layer);
        }
    }
    assert!(
        out.len() > 10,
        "the layer table was not found in ARCHITECTURE.md"
    );
    out
}

/// One `crate::` reference: in which file and line, from which top-level module to which.
struct Import {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

/// The top-level modules each `crate::` path in `src` names, by the module it appears in.
/// Comments are skipped (intra-doc links are no dependency); `crate::Error` and
/// `crate::Result` are the root's re-exports of `error`.
fn imports(src: &Path) -> Vec<Import> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).expect("under src");
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        let from = first.trim_end_matches(".rs").to_string();
        if from == "lib" || from == "main" {
            continue;
        }
        let text = fs::read_to_string(&file).expect("readable source");
        // A `use crate::{a, b::c}` may span lines: join them, remembering where each began.
        let code: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim_start().starts_with("//"))
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect();
        let mut i = 0;
        while i < code.len() {
            let (line, mut stmt) = code[i].clone();
            if stmt.contains("crate::{") {
                while !stmt.contains('}') && i + 1 < code.len() {
                    i += 1;
                    stmt.push_str(&code[i].1);
                }
            }
            for to in referenced(&stmt) {
                if to != from {
                    out.push(Import {
                        file: file.clone(),
                        line,
                        from: from.clone(),
                        to,
                    });
                }
            }
            i += 1;
        }
    }
    out
}

/// The top-level modules a line names with `crate::x` or `crate::{x, y::z}`.
fn referenced(stmt: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (pos, _) in stmt.match_indices("crate::") {
        let before = stmt[..pos].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `my_crate::`, `$crate::`
        }
        let rest = &stmt[pos + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            for item in inner.split(',') {
                out.extend(first_segment(item.trim()));
            }
        } else {
            out.extend(first_segment(rest));
        }
    }
    out
}

fn first_segment(path: &str) -> Option<String> {
    let name: String = path
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match name.as_str() {
        "" => None,
        "Error" | "Result" => Some("error".to_string()),
        _ => Some(name),
    }
}

/// A circle among the modules, if there is one, as the path around it.
fn circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut c = path[start..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, edges, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn graph(imports: &[Import]) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in imports {
        edges
            .entry(i.from.clone())
            .or_default()
            .insert(i.to.clone());
    }
    edges
}

#[test]
fn every_import_in_queue_core_points_down_the_layers() {
    let layers = layers();
    let src = root().join("queue-core/src");
    let mut problems = Vec::new();
    for i in imports(&src) {
        let (Some(from), Some(to)) = (layers.get(&i.from), layers.get(&i.to)) else {
            problems.push(format!(
                "{}:{}: `{}` or `{}` is in no layer of ARCHITECTURE.md",
                i.file.display(),
                i.line,
                i.from,
                i.to
            ));
            continue;
        };
        if to > from {
            problems.push(format!(
                "{}:{}: `{}` (layer {from}) imports `{}` (layer {to}), a layer above it",
                i.file.display(),
                i.line,
                i.from,
                i.to
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    for krate in [
        "queue-core",
        "queue-sqlite",
        "queue-postgres",
        "queue-server",
        "bindings-node",
        "bindings-python",
    ] {
        let imports = imports(&root().join(krate).join("src"));
        if let Some(c) = circle(&graph(&imports)) {
            let first = imports
                .iter()
                .find(|i| i.from == c[0] && i.to == c[1])
                .map(|i| format!("{}:{}", i.file.display(), i.line))
                .unwrap_or_default();
            panic!(
                "{krate}: modules import each other in a circle: {} (first import at {first})",
                c.join(" → ")
            );
        }
    }
}

#[test]
fn no_rust_file_is_longer_than_600_lines() {
    let mut files = Vec::new();
    rust_files(&root(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(files.len() > 100, "the workspace's sources were not found");
    assert!(
        long.is_empty(),
        "split these (over {MAX_LINES} lines):\n{}",
        long.join("\n")
    );
}
