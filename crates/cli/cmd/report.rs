//! `gazette report`: run the whole pipeline and write a report folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::args::GlobalArgs;
use crate::config::{self, Config};
use crate::corpus::{self, CorpusArgs};

/// Corpus used when no path is given, and where its report goes.
const SAMPLE_CORPUS: &str = "data/sample";
const SAMPLE_OUT: &str = "reports/sample";
/// Output folder when paths are given and neither `--out` nor the config names one.
const DEFAULT_OUT: &str = "report";

/// Arguments of `gazette report`.
///
/// Writes DIR/report.pdf, DIR/report.md, DIR/charts/*.png and *.svg, DIR/tables/*.csv. The
/// output is byte-identical for the same inputs and configuration; the date on the cover is
/// taken from SOURCE_DATE_EPOCH (no date without it).
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Corpus options; without any path, the sample corpus in `data/sample/` is used and the
    /// report goes to `reports/sample/`.
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Project configuration (default: `gazette.toml` in the current folder, if present).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Output folder (default: `reports/sample` for the sample corpus, else `report`).
    #[arg(short, long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// A Typst template to typeset the PDF with instead of the built-in one. It reads the
    /// report from `/report.json` and charts from `/charts/<id>.svg`.
    #[arg(long, value_name = "FILE")]
    pub(crate) template: Option<PathBuf>,
    /// Title on the cover page.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Write into DIR even when it is not empty and was not written by gazette.
    #[arg(long)]
    pub(crate) force: bool,
    /// Also write every table as Parquet.
    #[arg(long)]
    pub(crate) parquet: bool,
    /// Also render every PDF page as a PNG image in DIR/pages/.
    #[arg(long)]
    pub(crate) pages_png: bool,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (config, config_path) = Config::load(args.config.as_deref())?;
    let config_text = match &config_path {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let (paths, sample) = if !args.corpus.paths.is_empty() {
        (args.corpus.paths.clone(), false)
    } else if !config.corpus.paths.is_empty() {
        (
            config.corpus.paths.iter().map(PathBuf::from).collect(),
            false,
        )
    } else {
        (vec![PathBuf::from(SAMPLE_CORPUS)], true)
    };
    let out = args
        .out
        .clone()
        .or_else(|| config.report.out.clone())
        .unwrap_or_else(|| PathBuf::from(if sample { SAMPLE_OUT } else { DEFAULT_OUT }));
    let template = match args.template.as_ref().or(config.report.template.as_ref()) {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("reading template {}", p.display()))?,
        ),
        None => None,
    };
    let corpus_args = CorpusArgs {
        paths: paths.clone(),
    };
    let loaded = corpus::load(&corpus_args, global)?;
    if loaded.articles.is_empty() {
        anyhow::bail!(
            "no articles found in {}\nhint: pass files or folders of articles (text, Markdown, JSON Lines, JSON, CSV, HTML)",
            label(&paths)
        );
    }
    let mut input = gazette_report::ReportInput::new(&loaded.articles, label(&paths));
    input.title = args
        .title
        .clone()
        .or_else(|| config.report.title.clone())
        .unwrap_or_else(|| default_title(&paths, sample));
    if let Some(by) = &config.group.by {
        input.group_by = by.clone();
    }
    input.period = config.group.period.and_then(period);
    input.watch = config.terms.watch.clone();
    input.skipped = loaded.skipped;
    let summary = loaded.manifest.summary();
    input.duplicates = summary.duplicates + summary.near_duplicates;
    input.inputs = inputs(&loaded.manifest);
    input.config = config_text;
    let today = source_date()?;
    input.date = today.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    let report = gazette_report::build_report(&input);
    let options = gazette_report::WriteOptions {
        force: args.force,
        parquet: args.parquet || config.report.parquet.unwrap_or(false),
        pages_png: args.pages_png,
        template,
        today,
    };
    let written = gazette_report::write_report(&report, &out, &options)
        .with_context(|| format!("writing the report to {}", out.display()))?;
    if !global.quiet {
        eprintln!(
            "wrote {} ({} pages, {} files) in {:.1}s",
            out.join("report.pdf").display(),
            written.pages,
            written.files.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(loaded.exit_code())
}

/// The manifest as the method page lists it: every file with its hash, plus skipped records.
fn inputs(manifest: &gazette_ingest::Manifest) -> Vec<gazette_report::InputFile> {
    use gazette_ingest::Status;
    manifest
        .entries
        .iter()
        .filter(|e| e.line.is_none() || e.status != Status::Read)
        .map(|e| {
            let (hash, bytes) = if e.line.is_none() && e.path != "-" {
                gazette_report::hash_file(std::path::Path::new(&e.path)).unwrap_or_default()
            } else {
                (String::new(), 0)
            };
            let status = match e.status {
                Status::Read => "read",
                Status::Duplicate => "duplicate",
                Status::NearDuplicate => "near-duplicate",
                Status::Skipped => "skipped",
                Status::Ignored => "ignored",
            };
            gazette_report::InputFile {
                path: match e.line {
                    Some(l) => format!("{}:{l}", e.path),
                    None => e.path.clone(),
                },
                hash,
                bytes,
                status: status.to_string(),
                reason: e.reason.clone(),
            }
        })
        .collect()
}

fn label(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn default_title(paths: &[PathBuf], sample: bool) -> String {
    if sample {
        return "gazette sample report".to_string();
    }
    match paths {
        [one] => {
            let name = one
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty() && s != ".")
                .unwrap_or_else(|| "corpus".to_string());
            format!("Corpus report: {name}")
        }
        _ => "Corpus report".to_string(),
    }
}

fn period(p: config::Period) -> Option<gazette_report::Period> {
    match p {
        config::Period::Day => Some(gazette_report::Period::Day),
        config::Period::Month => Some(gazette_report::Period::Month),
        config::Period::Year => Some(gazette_report::Period::Year),
        config::Period::Decade => Some(gazette_report::Period::Decade),
        // Weeks are not a report period yet: fall back to the automatic choice.
        config::Period::Week => None,
    }
}

/// The date from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), if set.
fn source_date() -> anyhow::Result<Option<(i32, u8, u8)>> {
    let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = raw
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH must be whole seconds, not `{raw}`"))?;
    Ok(Some(gazette_report::date_from_epoch(secs)))
}
