//! Writing tables as CSV, JSON, Parquet or aligned text.

use std::io::Write;

use polars::prelude::*;

use crate::Result;

/// Output formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns for a terminal; numbers rounded for reading.
    Table,
    /// CSV with a header (polars `CsvWriter`, full precision).
    Csv,
    /// A JSON array of row objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (polars `ParquetWriter`).
    Parquet,
}

/// Writes `df` to `out` in `format`.
///
/// # Errors
/// When writing fails.
pub fn write_frame<W: Write>(df: &DataFrame, format: TableFormat, out: &mut W) -> Result<()> {
    let mut df = df.clone();
    match format {
        TableFormat::Csv => {
            // The header is written here: polars builds it with a placeholder array whose
            // first use fills an 8 MiB block of zeros (7 ms, a third of a small run's time).
            let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
            out.write_all(&csv_header(&names))?;
            CsvWriter::new(out).include_header(false).finish(&mut df)?;
        }
        TableFormat::Parquet => {
            ParquetWriter::new(out).finish(&mut df)?;
        }
        TableFormat::Json => {
            let rows = json_rows(&df);
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Jsonl => {
            for row in json_rows(&df) {
                serde_json::to_writer(&mut *out, &row).map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Table => write_text(&df, out)?,
    }
    Ok(())
}

/// A CSV header line quoted as polars quotes strings (`QuoteStyle::Necessary`): a name with a
/// comma, a line break or a quote is quoted (quotes doubled), and an empty one is `""`.
fn csv_header(names: &[&str]) -> Vec<u8> {
    let mut line = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        if name.is_empty() || name.contains([',', '"', '\n', '\r']) {
            line.push(b'"');
            line.extend_from_slice(name.replace('"', "\"\"").as_bytes());
            line.push(b'"');
        } else {
            line.extend_from_slice(name.as_bytes());
        }
    }
    line.push(b'\n');
    line
}

fn json_value(v: AnyValue<'_>) -> serde_json::Value {
    use serde_json::Value;
    match v {
        AnyValue::Null => Value::Null,
        AnyValue::Boolean(b) => Value::Bool(b),
        AnyValue::String(s) => Value::String(s.to_string()),
        AnyValue::StringOwned(s) => Value::String(s.to_string()),
        AnyValue::UInt8(x) => x.into(),
        AnyValue::UInt16(x) => x.into(),
        AnyValue::UInt32(x) => x.into(),
        AnyValue::UInt64(x) => x.into(),
        AnyValue::Int8(x) => x.into(),
        AnyValue::Int16(x) => x.into(),
        AnyValue::Int32(x) => x.into(),
        AnyValue::Int64(x) => x.into(),
        AnyValue::Float32(x) => {
            serde_json::Number::from_f64(f64::from(x)).map_or(Value::Null, Value::Number)
        }
        AnyValue::Float64(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        other => Value::String(other.to_string()),
    }
}

fn json_rows(df: &DataFrame) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let cols = df.columns();
    (0..df.height())
        .map(|i| {
            cols.iter()
                .map(|c| {
                    (
                        c.name().to_string(),
                        json_value(c.get(i).unwrap_or(AnyValue::Null)),
                    )
                })
                .collect()
        })
        .collect()
}

/// A cell as text for the terminal.
fn text_cell(v: AnyValue<'_>) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Float64(x) => fmt_float(x),
        AnyValue::Float32(x) => fmt_float(f64::from(x)),
        other => other.to_string(),
    }
}

fn fmt_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x != 0.0 && x.abs() < 0.001 {
        format!("{x:.2e}")
    } else {
        format!("{x:.3}")
    }
}

/// Aligned columns (numbers right-aligned), every row shown, cells cut at 60 characters.
fn write_text<W: Write>(df: &DataFrame, out: &mut W) -> Result<()> {
    const MAX: usize = 60;
    let cols = df.columns();
    // A concordance's left context is cut at its start and right-aligned, so the words next to
    // the match stay visible and the matches line up, as in AntConc.
    let left: Vec<bool> = cols.iter().map(|c| c.name().as_str() == "left").collect();
    let numeric: Vec<bool> = cols
        .iter()
        .zip(&left)
        .map(|(c, &l)| l || c.dtype().is_primitive_numeric())
        .collect();
    let cut = |s: String, from_start: bool| -> String {
        // Concordance contexts are article text: control characters are shown as their
        // symbols (`␛`), so an escape code in an article cannot drive the terminal.
        let s: String = s
            .chars()
            .map(|c| match c {
                '\n' => ' ',
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '␡',
                '\u{80}'..='\u{9f}' => '\u{fffd}',
                c => c,
            })
            .collect();
        let n = s.chars().count();
        if n <= MAX {
            s
        } else if from_start {
            std::iter::once('…')
                .chain(s.chars().skip(n - (MAX - 1)))
                .collect()
        } else {
            let mut t: String = s.chars().take(MAX - 1).collect();
            t.push('…');
            t
        }
    };
    let header: Vec<String> = cols.iter().map(|c| c.name().to_string()).collect();
    let rows: Vec<Vec<String>> = (0..df.height())
        .map(|i| {
            cols.iter()
                .zip(&left)
                .map(|(c, &l)| cut(text_cell(c.get(i).unwrap_or(AnyValue::Null)), l))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut line = |cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let pad = widths[i] - c.chars().count();
            if numeric[i] {
                s.extend(std::iter::repeat_n(' ', pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&header)?;
    for r in &rows {
        line(r)?;
    }
    Ok(())
}

/// Drops columns that are entirely null (e.g. `group` when not grouping), for display.
pub fn drop_null_columns(df: &DataFrame) -> DataFrame {
    let keep: Vec<Column> = df
        .columns()
        .iter()
        .filter(|c| df.height() == 0 || c.null_count() < df.height())
        .cloned()
        .collect();
    DataFrame::new(df.height(), keep).expect("same height")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our header line is the one polars writes, for plain names and for every case that
    /// needs quoting.
    #[test]
    fn csv_header_matches_polars() {
        let names = [
            "term",
            "count",
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "cr\rhere",
            "",
            "per_1000",
        ];
        let ours = csv_header(&names);
        let theirs = polars_io::csv::write::csv_header(
            &names,
            &polars_io::csv::write::SerializeOptions::default(),
        )
        .expect("header");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }
}
