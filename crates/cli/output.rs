//! Writing result records to stdout or a file as a table, CSV, JSON or JSON Lines.
#![allow(dead_code)] // used as each command lands
//!
//! Commands that produce records (actors, quotes, figures, articles) build a `Vec` of
//! serialisable rows and hand them to [`write_records`]. Files are written through a temporary
//! file in the same folder and renamed into place, so an interrupted run never leaves half a
//! file behind.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

/// Output format of record-producing commands.
#[allow(dead_code)] // used as commands land
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Aligned columns for reading in a terminal (long cells are cut).
    Table,
    /// Comma-separated values with a header row; nested fields as JSON text.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Output options shared by record-producing commands.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Write to this file instead of stdout (`-` is stdout). The file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// In CSV output, prefix cells that start with `=`, `+`, `-`, `@` with `'` so spreadsheets
    /// do not run them as formulas.
    #[arg(long)]
    pub(crate) csv_safe: bool,
}

/// Where output goes: stdout, or a temporary file renamed into place by [`Sink::finish`].
pub(crate) enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
    /// An existing path that is not a regular file (`/dev/null`, a FIFO, a terminal): written
    /// in place, since renaming over it would replace the device with a regular file.
    Special {
        file: BufWriter<std::fs::File>,
        path: PathBuf,
    },
}

impl Sink {
    /// Opens the sink for `-o FILE` (or stdout when `None` or `-`).
    pub(crate) fn open(output: Option<&Path>) -> anyhow::Result<Sink> {
        match output {
            None => Ok(Sink::Stdout(BufWriter::new(io::stdout()))),
            Some(p) if p == Path::new("-") => Ok(Sink::Stdout(BufWriter::new(io::stdout()))),
            Some(path) if is_special(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("opening {}", path.display()))?;
                Ok(Sink::Special {
                    file: BufWriter::new(file),
                    path: path.to_path_buf(),
                })
            }
            Some(path) => {
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                remove_stale_temp_files(dir);
                let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
                let mut builder = tempfile::Builder::new();
                builder.prefix(&prefix);
                // an ordinary file's mode (0666 less the umask), not a temporary file's 0600
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o666));
                }
                let tmp = builder
                    .tempfile_in(dir)
                    .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
                Ok(Sink::File {
                    tmp: BufWriter::new(tmp),
                    path: path.to_path_buf(),
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub(crate) fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("writing to stdout"),
            Sink::File { tmp, path } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("writing {}", path.display()))?;
                tmp.persist(&path)
                    .with_context(|| format!("replacing {}", path.display()))?;
                Ok(())
            }
            Sink::Special { mut file, path } => file
                .flush()
                .with_context(|| format!("writing {}", path.display())),
        }
    }
}

/// Temporary output files are named `.gazette-<pid>-<random>`.
const TEMP_PREFIX: &str = ".gazette-";

/// Removes the temporary files that runs killed before they could clean up (SIGINT, SIGTERM,
/// SIGKILL) left in `dir`: those whose process is gone. Only where `/proc` tells which
/// processes are alive (Linux); elsewhere they stay.
fn remove_stale_temp_files(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let Some((pid, _)) = rest.split_once('-') else {
            continue;
        };
        if pid.parse::<u32>().is_ok()
            && !Path::new("/proc").join(pid).exists()
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// True when `path` exists and is neither a regular file nor a directory (a device, FIFO or
/// socket). Such paths are opened in place instead of being replaced by a rename.
pub(crate) fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { tmp, .. } => tmp.write(buf),
            Sink::Special { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
            Sink::Special { file, .. } => file.flush(),
        }
    }
}

/// Writes `rows` in the chosen format to stdout or `-o FILE`.
pub(crate) fn write_records<T: Serialize>(rows: &[T], args: &OutputArgs) -> anyhow::Result<()> {
    let mut sink = Sink::open(args.output.as_deref())?;
    write_records_to(&mut sink, rows, args.format, args.csv_safe)?;
    sink.finish()
}

/// Writes `rows` in `format` to any writer.
pub(crate) fn write_records_to<T: Serialize, W: Write>(
    out: &mut W,
    rows: &[T],
    format: Format,
    csv_safe: bool,
) -> anyhow::Result<()> {
    match format {
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            out.write_all(b"\n")?;
        }
        Format::Csv | Format::Table => {
            let crate::cells::Cells {
                header,
                rows: cells,
            } = crate::cells::cells(rows)?;
            if format == Format::Csv {
                let mut w = csv::Writer::from_writer(&mut *out);
                w.write_record(&header)?;
                for row in &cells {
                    if csv_safe {
                        w.write_record(row.iter().map(|c| guard_formula(c).into_owned()))?;
                    } else {
                        w.write_record(row)?;
                    }
                }
                w.flush()?;
            } else {
                write_table(out, &header, &cells)?;
            }
        }
    }
    Ok(())
}

/// Prefixes a cell that a spreadsheet would read as a formula with `'`.
pub(crate) fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Aligned columns; cells longer than 60 characters are cut with `…`, newlines shown as `⏎`
/// and other control characters as their Unicode symbols (`␛` for escape), so that article
/// text cannot move the cursor or recolour the terminal it is printed to.
fn write_table<W: Write>(out: &mut W, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    const MAX: usize = 60;
    let shown = |s: &str| -> String {
        let flat: String = s
            .chars()
            .map(|c| match c {
                '\n' => '⏎',
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '␡',
                '\u{80}'..='\u{9f}' => '\u{fffd}',
                c => c,
            })
            .collect();
        if flat.chars().count() > MAX {
            let cut: String = flat.chars().take(MAX - 1).collect();
            format!("{cut}…")
        } else {
            flat
        }
    };
    let header: Vec<String> = header.iter().map(|h| shown(h)).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| shown(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut W, cells: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
            }
        }
        writeln!(out, "{s}")
    };
    line(out, &header)?;
    for row in &rows {
        line(out, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        aliases: Vec<&'static str>,
        count: u32,
    }

    fn render(format: Format, csv_safe: bool) -> String {
        let rows = [
            Row {
                name: "Sergei Lavrov",
                aliases: vec!["Lavrov"],
                count: 2,
            },
            Row {
                name: "=HYPERLINK(\"x\")",
                aliases: vec![],
                count: 1,
            },
        ];
        let mut out = Vec::new();
        write_records_to(&mut out, &rows, format, csv_safe).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_flattens_lists_and_guards_formulas_when_asked() {
        assert_eq!(
            render(Format::Csv, false),
            "name,aliases,count\nSergei Lavrov,Lavrov,2\n\"=HYPERLINK(\"\"x\"\")\",,1\n"
        );
        assert!(render(Format::Csv, true).contains("\"'=HYPERLINK"));
    }

    #[test]
    fn table_shows_control_characters_as_symbols() {
        let mut out = Vec::new();
        let rows = [serde_json::json!({"t": "a\u{1b}[31mred\u{7}\u{9b}2J\tb"})];
        write_records_to(&mut out, &rows, Format::Table, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "t\na␛[31mred␇\u{fffd}2J␉b\n"
        );
    }

    #[test]
    fn table_aligns_columns() {
        assert_eq!(
            render(Format::Table, false),
            "name             aliases  count\nSergei Lavrov    Lavrov   2\n=HYPERLINK(\"x\")           1\n"
        );
    }
}
