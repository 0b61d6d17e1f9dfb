//! `gazette check`: recompute a report and compare it with the committed tables and lock.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::GlobalArgs;
use crate::cmd::report::{self, Plan};
use crate::lock::{Lock, LockInput};

/// Arguments of `gazette check`.
///
/// Reads the corpus and reruns the analysis exactly as `gazette report` would (same paths,
/// config file and flags), then compares the result with the report folder: its
/// `gazette.lock` (gazette version, config hash, settings, model hashes, every input file's
/// status, size and hash) and its `tables/*.csv`. Differences are printed on stdout: inputs
/// added, removed or changed, and table rows (terms, actors, quotes, figures...) added,
/// removed or changed, with old and new values.
///
/// Exit codes: 0 the folder matches; 1 something differs beyond `--tolerance` (or some inputs
/// were skipped); 2 fatal or usage error, e.g. the folder has no `gazette.lock` yet. With
/// `--update` the new state is written (the whole report folder) and differences do not
/// change the exit code.
#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    /// The report to check, given as to `gazette report` (without paths: the sample corpus
    /// against `reports/sample/`).
    #[command(flatten)]
    pub(crate) report: report::Args,
    /// Relative difference allowed between numbers in table cells, e.g. 0.01 for 1%
    /// (`|old - new| <= X * max(|old|, |new|)`). Text, added or removed rows and any change
    /// of inputs, config, settings, models or gazette version always count.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub(crate) tolerance: f64,
    /// Accept the new state: rewrite the report folder (PDF, charts, tables, lock).
    #[arg(long)]
    pub(crate) update: bool,
    /// Rows shown per table that differs (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(crate) max_rows: usize,
}

pub(crate) fn run(args: CheckArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.tolerance >= 0.0 && args.tolerance.is_finite(),
        "`--tolerance` must be a number of at least 0"
    );
    let plan = Plan::new(&args.report, global)?;
    let report = gazette_report::build_report(&plan.input());
    let lock_text = plan.lock().render();
    let new = Lock::parse(&lock_text, Path::new(gazette_report::LOCK_FILE))?;
    let dir = &plan.out;
    let lock_path = dir.join(gazette_report::LOCK_FILE);
    let old = match std::fs::read_to_string(&lock_path) {
        Ok(text) => match Lock::parse(&text, &lock_path) {
            Ok(lock) => Some(lock),
            Err(err) if args.update => {
                eprintln!("warning: {err:#}");
                None
            }
            Err(err) => {
                return Err(err.context("hint: `gazette check --update` writes a new lock"));
            }
        },
        Err(_) if args.update => None,
        Err(err) => {
            return Err(anyhow::Error::new(err).context(format!(
                "reading {}\nhint: `gazette report` (or `gazette check --update`) writes the report and its lock first",
                lock_path.display()
            )));
        }
    };

    let mut out = String::new();
    let mut differences = 0;
    if let Some(old) = &old {
        differences += diff_lock(old, &new, &mut out);
    }
    let mut tables = 0;
    for t in report.tables() {
        if t.id.starts_with("method-") {
            continue; // the method page's tables repeat the lock's inputs
        }
        tables += 1;
        let rel = format!("tables/{}.csv", t.id);
        let n = diff_table(&dir.join(&rel), t, args.tolerance, args.max_rows, &mut out)
            .with_context(|| format!("comparing {}", dir.join(&rel).display()))?;
        if n > 0 {
            differences += 1;
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;

    if args.update {
        plan.write(&report, &args.report)?;
        if !global.quiet {
            eprintln!(
                "check: updated {} ({differences} difference{} accepted)",
                dir.display(),
                plural(differences)
            );
        }
        return Ok(plan.loaded.exit_code());
    }
    if differences > 0 {
        eprintln!(
            "check: {} differs from what gazette computes now ({differences} difference{}, tolerance {})\nhint: `gazette check --update` accepts the new state",
            dir.display(),
            plural(differences),
            args.tolerance
        );
        return Ok(ExitCode::from(1));
    }
    if !global.quiet {
        eprintln!(
            "check: {} matches ({} inputs, {tables} tables)",
            dir.display(),
            new.inputs.len()
        );
    }
    Ok(plan.loaded.exit_code())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The first 12 hex digits of a hash (with or without a `blake3:` prefix).
fn short(hash: &str) -> String {
    let hex = hash.strip_prefix("blake3:").unwrap_or(hash);
    if hex.len() > 12 {
        format!("{}…", &hex[..12])
    } else {
        hex.to_string()
    }
}

/// Writes the differences between two locks; returns how many there are.
fn diff_lock(old: &Lock, new: &Lock, out: &mut String) -> usize {
    let mut lines = Vec::new();
    if old.gazette != new.gazette {
        lines.push(format!(
            "  gazette version: {} -> {}",
            old.gazette, new.gazette
        ));
    }
    if old.config != new.config {
        lines.push(format!(
            "  config file: {} -> {}",
            short(&old.config),
            short(&new.config)
        ));
    }
    for (k, v) in changed(&old.settings, &new.settings) {
        lines.push(format!("  setting {k}: {v}"));
    }
    for (k, v) in changed(&old.models, &new.models) {
        lines.push(format!("  model {k}: {v}"));
    }
    let mut n = 0;
    if !lines.is_empty() {
        n += lines.len();
        out.push_str("gazette.lock:\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let key = |i: &LockInput| match i.line {
        Some(l) => format!("{}:{l}", i.path),
        None => i.path.clone(),
    };
    let olds: BTreeMap<String, &LockInput> = old.inputs.iter().map(|i| (key(i), i)).collect();
    let news: BTreeMap<String, &LockInput> = new.inputs.iter().map(|i| (key(i), i)).collect();
    let mut lines = Vec::new();
    for (k, new) in &news {
        match olds.get(k) {
            None => lines.push(format!("  added    {k} ({})", describe(new))),
            Some(old) if old != new => {
                let mut what = Vec::new();
                if old.status != new.status {
                    what.push(format!("{} -> {}", old.status, new.status));
                }
                if old.bytes != new.bytes {
                    what.push(format!(
                        "{} -> {} bytes",
                        opt(&old.bytes.map(|b| b.to_string())),
                        opt(&new.bytes.map(|b| b.to_string()))
                    ));
                }
                if old.blake3 != new.blake3 {
                    what.push(format!(
                        "blake3 {} -> {}",
                        short(&opt(&old.blake3)),
                        short(&opt(&new.blake3))
                    ));
                }
                if old.reason != new.reason {
                    what.push(format!(
                        "reason {:?} -> {:?}",
                        opt(&old.reason),
                        opt(&new.reason)
                    ));
                }
                lines.push(format!("  changed  {k}: {}", what.join(", ")));
            }
            Some(_) => {}
        }
    }
    for (k, old) in &olds {
        if !news.contains_key(k) {
            lines.push(format!("  removed  {k} (was {})", describe(old)));
        }
    }
    if !lines.is_empty() {
        n += lines.len();
        out.push_str("inputs:\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    n
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "-".to_string())
}

fn describe(i: &LockInput) -> String {
    match i.bytes {
        Some(b) => format!("{}, {b} bytes", i.status),
        None => i.status.clone(),
    }
}

/// Keys whose values differ, as `key -> "old -> new"` (`(none)` for a missing side).
fn changed<V: PartialEq + std::fmt::Display>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
) -> Vec<(String, String)> {
    let show = |v: Option<&V>| v.map_or_else(|| "(none)".to_string(), |v| v.to_string());
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| {
            let (a, b) = (show(old.get(k)), show(new.get(k)));
            let (a, b) = if a.len() == 64 + 7 || a.len() == 64 {
                (short(&a), short(&b))
            } else {
                (a, b)
            };
            (k.clone(), format!("{a} -> {b}"))
        })
        .collect()
}

/// Compares the committed CSV at `path` with the recomputed table; writes the differences
/// (at most `max_rows` rows, 0 for all) and returns how many rows differ.
fn diff_table(
    path: &Path,
    table: &gazette_report::Table,
    tolerance: f64,
    max_rows: usize,
    out: &mut String,
) -> anyhow::Result<usize> {
    let rel = format!("tables/{}.csv", table.id);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(_) => {
            let _ = writeln!(out, "{rel}: new table ({} rows)", table.rows.len());
            return Ok(1);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    if header != names {
        let _ = writeln!(
            out,
            "{rel}: columns changed\n  - {}\n  + {}",
            header.join(", "),
            names.join(", ")
        );
        return Ok(1);
    }
    // A report written with `--csv-safe` has `'` before cells that look like formulas; the
    // cell's value is without it.
    let unguard = |cell: &str| -> String {
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
            _ => cell.to_string(),
        }
    };
    let old_rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(unguard).collect()))
        .collect::<Result<_, _>>()?;
    // Rows are matched on their text columns (term, actor, source...); the numbers are the
    // values compared. A table whose only number is its rank is matched on its first column.
    let mut keys: Vec<usize> = (0..names.len())
        .filter(|&i| !table.columns[i].numeric)
        .collect();
    if keys.is_empty() || keys.len() + 1 >= names.len() && table.columns[0].numeric {
        keys = vec![0];
    }
    let keyed = |rows: &[Vec<String>]| -> Vec<(String, Vec<String>)> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        rows.iter()
            .map(|row| {
                let mut k = keys
                    .iter()
                    .map(|&i| format!("{}={}", names[i], row.get(i).map_or("", String::as_str)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = seen.entry(k.clone()).or_default();
                *n += 1;
                if *n > 1 {
                    k.push_str(&format!(" (#{n})"));
                }
                (k, row.clone())
            })
            .collect()
    };
    let olds = keyed(&old_rows);
    let news = keyed(&table.rows);
    let old_map: HashMap<&str, &Vec<String>> = olds.iter().map(|(k, r)| (k.as_str(), r)).collect();
    let new_keys: std::collections::HashSet<&str> = news.iter().map(|(k, _)| k.as_str()).collect();
    let values = |row: &Vec<String>| -> String {
        (0..names.len())
            .filter(|i| !keys.contains(i))
            .map(|i| format!("{} {}", names[i], row.get(i).map_or("", String::as_str)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut lines = Vec::new();
    for (k, new) in &news {
        match old_map.get(k.as_str()) {
            None => lines.push(format!("  + {k}: {}", values(new))),
            Some(old) => {
                let moved: Vec<String> = (0..names.len())
                    .filter(|i| !keys.contains(i))
                    .filter_map(|i| {
                        let a = old.get(i).map_or("", String::as_str);
                        let b = new.get(i).map_or("", String::as_str);
                        (!cells_match(a, b, tolerance)).then(|| format!("{} {a} -> {b}", names[i]))
                    })
                    .collect();
                if !moved.is_empty() {
                    lines.push(format!("  {k}: {}", moved.join("; ")));
                }
            }
        }
    }
    for (k, old) in &olds {
        if !new_keys.contains(k.as_str()) {
            lines.push(format!("  - {k}: {}", values(old)));
        }
    }
    if lines.is_empty() {
        return Ok(0);
    }
    let n = lines.len();
    let _ = writeln!(out, "{rel}: {n} row{} differ", plural(n));
    let shown = if max_rows == 0 { n } else { max_rows.min(n) };
    for l in &lines[..shown] {
        out.push_str(l);
        out.push('\n');
    }
    if shown < n {
        let _ = writeln!(out, "  ... and {} more", n - shown);
    }
    Ok(n)
}

/// True if and only if two cells are the same text with numbers that differ by at most
/// `tolerance` (relative): `1,828` and `1,830` match at 0.01, `must (1008)` and `must (1010)`
/// too, `[1.89, 9.93]` and `[1.90, 9.93]` too.
fn cells_match(a: &str, b: &str, tolerance: f64) -> bool {
    if a == b {
        return true;
    }
    if tolerance == 0.0 {
        return false;
    }
    let (sa, na) = split_numbers(a);
    let (sb, nb) = split_numbers(b);
    sa == sb
        && na.len() == nb.len()
        && na
            .iter()
            .zip(&nb)
            .all(|(x, y)| x == y || (x - y).abs() <= tolerance * x.abs().max(y.abs()))
}

/// The text with every number replaced by `#`, and the numbers (thousands separators
/// removed).
fn split_numbers(s: &str) -> (String, Vec<f64>) {
    let b = s.as_bytes();
    let mut skeleton = String::new();
    let mut numbers = Vec::new();
    let mut i = 0;
    let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            let c = s[i..].chars().next().expect("in bounds");
            skeleton.push(c);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < b.len() {
            let thousands =
                b[i] == b',' && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4);
            let decimal = b[i] == b'.' && digit(i + 1);
            if digit(i) || thousands || decimal {
                i += 1;
            } else if matches!(b[i], b'e' | b'E')
                && (digit(i + 1) || (matches!(b.get(i + 1), Some(b'-' | b'+')) && digit(i + 2)))
            {
                i += 2;
            } else {
                break;
            }
        }
        let text = s[start..i].replace(',', "");
        match text.parse::<f64>() {
            Ok(x) => {
                numbers.push(x);
                skeleton.push('#');
            }
            Err(_) => skeleton.push_str(&s[start..i]),
        }
    }
    (skeleton, numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_within_the_tolerance() {
        assert!(cells_match("1,828", "1,830", 0.01));
        assert!(!cells_match("1,828", "1,900", 0.01));
        assert!(!cells_match("1,828", "1,830", 0.0));
        assert!(cells_match("must (1008)", "must (1010)", 0.01));
        assert!(!cells_match("must (1008)", "war (1008)", 0.5));
        assert!(cells_match("[1.89, 9.93]", "[1.90, 9.93]", 0.01));
        assert!(cells_match("9.3e-9", "9.4e-9", 0.02));
        assert!(cells_match("82%", "83%", 0.02));
    }

    #[test]
    fn split_numbers_keeps_the_text_around_them() {
        assert_eq!(
            split_numbers("[1.89, 9.93]"),
            ("[#, #]".to_string(), vec![1.89, 9.93])
        );
        assert_eq!(
            split_numbers("2,140 and 1990s"),
            ("# and #s".to_string(), vec![2140.0, 1990.0])
        );
    }
}
