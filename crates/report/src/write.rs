//! Writing a report folder: PDF, charts, tables, Markdown, optional page images.
//!
//! Every file is written to a temporary name in its folder and renamed into place, so an
//! interrupted run never leaves half a file. A marker file identifies folders gazette
//! created; gazette refuses to write into any other non-empty folder unless forced, and in its
//! own folders it removes charts, tables and pages that the new report no longer has.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::chart::{render_png, render_svg};
use crate::error::{Error, Result};
use crate::markdown::render_markdown;
use crate::model::{Report, Table};
use crate::pdf::{DEFAULT_TEMPLATE, LOCK_KEYWORD, PdfInputs, pages_png, typeset};

/// Name of the marker file gazette writes into report folders it creates.
pub const MARKER: &str = ".gazette-report";

/// Name of the lock file in the report folder (see [`WriteOptions::lock`]).
pub const LOCK_FILE: &str = "gazette.lock";

const MARKER_TEXT: &str = "This folder is written by `gazette report`. Files in charts/, \
tables/ and pages/ are replaced or removed on the next run.\n";

/// Options for [`write_report`].
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Write into a non-empty folder that gazette did not create.
    pub force: bool,
    /// Also write every table as Parquet (`tables/<id>.parquet`).
    pub parquet: bool,
    /// Also render every PDF page as `pages/page-NNN.png`.
    pub pages_png: bool,
    /// A Typst template to use instead of the built-in one.
    pub template: Option<String>,
    /// The date Typst's `datetime.today()` returns, as (year, month, day).
    pub today: Option<(i32, u8, u8)>,
    /// In the CSV tables, prefix cells that a spreadsheet would run as a formula with `'`
    /// (see [`guard_formula`]).
    pub csv_safe: bool,
    /// The text of the lock file (what the report was built from). When given, it is written
    /// as `gazette.lock`, and its BLAKE3 hash goes into the PDF's keywords
    /// (`gazette-lock:<hash>`) and a `gazette-lock` tEXt chunk of every PNG.
    pub lock: Option<String>,
}

/// What [`write_report`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Every file written, relative to the output folder, sorted.
    pub files: Vec<PathBuf>,
    /// Number of PDF pages.
    pub pages: usize,
}

/// Writes the report into `dir`: `report.pdf`, `report.md`, `report.json`,
/// `charts/<id>.{svg,png}`, `tables/<id>.csv` (and `.parquet`), `pages/page-NNN.png`.
///
/// # Errors
/// [`Error::NotOurFolder`] when `dir` is a non-empty folder without gazette's marker and
/// `force` is off; [`Error::Typst`] when the template fails; I/O errors.
pub fn write_report(report: &Report, dir: &Path, options: &WriteOptions) -> Result<Written> {
    prepare_dir(dir, options.force)?;
    // Files go to a staging folder first and are moved into place only once all of them are
    // written, so a run that fails or is interrupted (Ctrl-C) leaves the previous report
    // whole; what it left behind is removed on the next run.
    let staging = Staging::create(dir)?;
    let lock_hash = options.lock.as_deref().map(|l| hash_bytes(l.as_bytes()));
    let stamp = |png: Vec<u8>| match &lock_hash {
        Some(hash) => png_text_chunk(&png, LOCK_KEYWORD, hash),
        None => png,
    };
    // Draw charts in parallel; order is restored by the indexed collect.
    let charts: Vec<_> = report.charts().collect();
    let drawn: Vec<(String, String, Vec<u8>)> = charts
        .par_iter()
        .map(|c| Ok((c.id.clone(), render_svg(c)?, stamp(render_png(c)?))))
        .collect::<Result<_>>()?;
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut put = |rel: PathBuf, bytes: &[u8]| -> Result<()> {
        staging.write(&rel, bytes)?;
        files.insert(rel);
        Ok(())
    };
    if let Some(lock) = &options.lock {
        put(PathBuf::from(LOCK_FILE), lock.as_bytes())?;
    }
    for (id, svg, png) in &drawn {
        put(
            Path::new("charts").join(format!("{id}.svg")),
            svg.as_bytes(),
        )?;
        put(Path::new("charts").join(format!("{id}.png")), png)?;
    }
    for t in report.tables() {
        put(
            Path::new("tables").join(format!("{}.csv", t.id)),
            table_csv_with(t, options.csv_safe).as_bytes(),
        )?;
        if options.parquet {
            let rel = Path::new("tables").join(format!("{}.parquet", t.id));
            put(rel.clone(), &table_parquet(t, &dir.join(&rel))?)?;
        }
    }
    let data = display_json(report);
    let svgs: Vec<(String, String)> = drawn
        .iter()
        .map(|(id, svg, _)| (id.clone(), svg.clone()))
        .collect();
    let template = options.template.as_deref().unwrap_or(DEFAULT_TEMPLATE);
    let set = typeset(&PdfInputs {
        template,
        data_json: &data,
        charts: &svgs,
        today: options.today,
        lock_hash: lock_hash.as_deref(),
    })?;
    put(PathBuf::from("report.pdf"), &set.pdf)?;
    put(
        PathBuf::from("report.md"),
        render_markdown(report).as_bytes(),
    )?;
    let pages = set.document.pages().len();
    if options.pages_png {
        for (i, png) in pages_png(&set.document, 110.0)?.into_iter().enumerate() {
            put(
                Path::new("pages").join(format!("page-{:03}.png", i + 1)),
                &stamp(png),
            )?;
        }
    }
    staging.commit(&files)?;
    remove_stale(dir, &files)?;
    Ok(Written {
        files: files.into_iter().collect(),
        pages,
    })
}

/// Returns the BLAKE3 hash of `bytes` as 64 hex digits.
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Returns the PNG with a tEXt chunk `keyword`/`text` inserted right after its header chunk.
/// Both must be Latin-1 without NUL (ASCII here); the keyword 1-79 bytes. Bytes that are not
/// a PNG with an IHDR chunk first are returned unchanged.
pub fn png_text_chunk(png: &[u8], keyword: &str, text: &str) -> Vec<u8> {
    // Signature (8) + IHDR: length (4), type (4), data (13), CRC (4).
    const IHDR_END: usize = 8 + 4 + 4 + 13 + 4;
    if png.len() < IHDR_END || &png[12..16] != b"IHDR" {
        return png.to_vec();
    }
    let mut data = Vec::with_capacity(keyword.len() + 1 + text.len());
    data.extend_from_slice(keyword.as_bytes());
    data.push(0);
    data.extend_from_slice(text.as_bytes());
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&png[..IHDR_END]);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(b"tEXt");
    out.extend_from_slice(&data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
    out.extend_from_slice(&png[IHDR_END..]);
    out
}

/// CRC-32 (ISO-HDLC, the PNG chunk checksum) of `bytes`, bit by bit: chunks here are tiny.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The JSON the template reads: the model with tables cut to their shown rows, plus `total`.
pub fn display_json(report: &Report) -> String {
    let mut value = serde_json::to_value(report.for_display()).expect("the model serialises");
    let totals: Vec<usize> = report.tables().map(|t| t.rows.len()).collect();
    let mut next = totals.into_iter();
    if let Some(sections) = value.get_mut("sections").and_then(|s| s.as_array_mut()) {
        for s in sections {
            let Some(blocks) = s.get_mut("blocks").and_then(|b| b.as_array_mut()) else {
                continue;
            };
            for b in blocks {
                if b.get("type").and_then(|t| t.as_str()) == Some("table")
                    && let Some(obj) = b.as_object_mut()
                {
                    obj.insert("total".into(), next.next().unwrap_or(0).into());
                }
            }
        }
    }
    serde_json::to_string_pretty(&value).expect("JSON values serialise")
}

fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        let marker = dir.join(MARKER);
        if !marker.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
            if entries.next().is_some() && !force {
                return Err(Error::NotOurFolder(dir.to_path_buf()));
            }
            if entries.next().is_none() && !force {
                // Empty folder: take it over.
                write_atomic(&marker, MARKER_TEXT.as_bytes())?;
            }
        }
    } else {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        write_atomic(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
    }
    for sub in ["charts", "tables"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
    }
    Ok(())
}

/// In a folder gazette created, removes files in charts/, tables/ and pages/ (and top-level
/// report files) that this run did not write.
fn remove_stale(dir: &Path, written: &BTreeSet<PathBuf>) -> Result<()> {
    if !dir.join(MARKER).exists() {
        return Ok(());
    }
    for sub in ["charts", "tables", "pages"] {
        let p = dir.join(sub);
        let Ok(entries) = std::fs::read_dir(&p) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&p, e))?;
            let rel = Path::new(sub).join(entry.file_name());
            if entry.path().is_file() && !written.contains(&rel) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            }
        }
        if sub == "pages" && std::fs::read_dir(&p).is_ok_and(|mut e| e.next().is_none()) {
            let _ = std::fs::remove_dir(&p);
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file next to `path` and renames it into place.
///
/// An existing path that is not a regular file (a device such as `/dev/null`, or a FIFO) is
/// written in place: renaming over it would replace the device with a regular file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::write(path, bytes).map_err(|e| Error::io(path, e));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Prefix of the staging folder inside the report folder.
const STAGING_PREFIX: &str = ".gazette-staging-";

/// A folder inside the report folder where a run writes its files before moving them in.
struct Staging {
    dir: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Staging {
    /// Removes what interrupted runs left (staging folders, `.*.tmp` files) and makes a new
    /// staging folder.
    fn create(dir: &Path) -> Result<Staging> {
        for sub in [
            Path::new(""),
            Path::new("charts"),
            Path::new("tables"),
            Path::new("pages"),
        ] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                if sub.as_os_str().is_empty() && name.starts_with(STAGING_PREFIX) {
                    std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
                } else if name.starts_with('.') && name.ends_with(".tmp") && path.is_file() {
                    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                }
            }
        }
        let path = dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            path,
            committed: false,
        })
    }

    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.path.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Moves every staged file into place (each rename is atomic) and removes the staging
    /// folder.
    fn commit(mut self, files: &BTreeSet<PathBuf>) -> Result<()> {
        for rel in files {
            let to = self.dir.join(rel);
            if std::fs::metadata(&to).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                // A device or FIFO is written in place (see `write_atomic`).
                let bytes = std::fs::read(self.path.join(rel))
                    .map_err(|e| Error::io(self.path.join(rel), e))?;
                write_atomic(&to, &bytes)?;
                continue;
            }
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::rename(self.path.join(rel), &to).map_err(|e| Error::io(&to, e))?;
        }
        self.committed = true;
        std::fs::remove_dir_all(&self.path).map_err(|e| Error::io(&self.path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn csv_cell(cell: &str, out: &mut String) {
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Returns `cell` prefixed with `'` when a spreadsheet would read it as a formula: when it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV injection advice).
/// Article text reaches the tables (sources, ids, names), so `--csv-safe` applies this.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Returns the table as CSV text like [`table_csv`], with every cell through
/// [`guard_formula`] when `csv_safe` is true. Numbers stay numbers: only cells of text
/// columns are guarded (a negative number is not a formula).
pub fn table_csv_with(t: &Table, csv_safe: bool) -> String {
    if !csv_safe {
        return table_csv(t);
    }
    let mut guarded = t.clone();
    for row in &mut guarded.rows {
        for (cell, column) in row.iter_mut().zip(&t.columns) {
            if !column.numeric {
                *cell = guard_formula(cell).into_owned();
            }
        }
    }
    table_csv(&guarded)
}

/// Returns the table as CSV text (header row, then every row; RFC 4180 quoting).
pub fn table_csv(t: &Table) -> String {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(c, &mut out);
        }
        out.push('\n');
    };
    line(&mut t.columns.iter().map(|c| c.name.as_str()));
    for row in &t.rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

fn table_parquet(t: &Table, path: &Path) -> Result<Vec<u8>> {
    use polars::prelude::{Column, DataFrame, NamedFrom, Series};
    let err = |e: polars::prelude::PolarsError| Error::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let columns: Vec<Column> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = t
                .rows
                .iter()
                .map(|r| r.get(i).map(String::as_str).unwrap_or(""));
            let name = c.name.as_str().into();
            if c.numeric {
                let v: Vec<Option<f64>> = cells
                    .map(|s| s.replace([',', '%'], "").trim().parse::<f64>().ok())
                    .collect();
                Series::new(name, v).into()
            } else {
                let v: Vec<&str> = cells.collect();
                Series::new(name, v).into()
            }
        })
        .collect();
    let mut df = DataFrame::new(t.rows.len(), columns).map_err(err)?;
    let mut buf = Vec::new();
    polars_io::parquet::write::ParquetWriter::new(&mut buf)
        .finish(&mut df)
        .map_err(err)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn text_chunk_is_a_valid_png_chunk_the_decoder_reads() {
        let png = crate::chart::encode_png(&[255, 0, 0, 0, 255, 0], 2, 1).unwrap();
        let stamped = png_text_chunk(&png, LOCK_KEYWORD, "abc123");
        assert_eq!(stamped.len(), png.len() + 12 + LOCK_KEYWORD.len() + 1 + 6);
        // The decoder checks every chunk's CRC.
        let decoder = png::Decoder::new(std::io::Cursor::new(&stamped));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(&buf[..6], &[255, 0, 0, 0, 255, 0]);
        let text = &reader.info().uncompressed_latin1_text;
        assert_eq!(text.len(), 1);
        assert_eq!(text[0].keyword, LOCK_KEYWORD);
        assert_eq!(text[0].text, "abc123");
    }
}
