//! `gazette report`: run the whole pipeline and write a report folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::args::GlobalArgs;
use crate::config::{self, Config};
use crate::corpus::{self, CorpusArgs, IngestFlags, Loaded};
use crate::lock::Lock;

/// Corpus used when no path is given, and where its report goes.
const SAMPLE_CORPUS: &str = "data/sample";
const SAMPLE_OUT: &str = "reports/sample";
/// Output folder when paths are given and neither `--out` nor the config names one.
const DEFAULT_OUT: &str = "report";

/// Arguments of `gazette report`.
///
/// Writes DIR/report.pdf, DIR/report.md, DIR/charts/*.png and *.svg, DIR/tables/*.csv and
/// DIR/gazette.lock (the gazette version, config hash, model hashes and every input file's
/// status, size and BLAKE3 hash; its own hash is in the PDF keywords and each PNG's
/// `gazette-lock` text chunk). The output is byte-identical for the same inputs and
/// configuration; the date on the cover is taken from SOURCE_DATE_EPOCH (no date without it).
/// `gazette check` compares a report folder with what gazette computes now.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Corpus options; without any path, the sample corpus in `data/sample/` is used and the
    /// report goes to `reports/sample/`.
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
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
    /// Also render every PDF page as a PNG image in DIR/pages/ (previews by Typst's
    /// rasteriser; the PDF is the reference).
    #[arg(long)]
    pub(crate) pages_png: bool,
    /// In the CSV tables, prefix text cells that start with `=`, `+`, `-`, `@` with `'` so
    /// spreadsheets do not run them as formulas (article text reaches the tables).
    #[arg(long)]
    pub(crate) csv_safe: bool,
    /// TOML alias registry for actors, added to the built-in one (`[[actor]] name = "Barack
    /// Obama" aliases = ["Obama"]`, optional `type`): settles names the report lists as
    /// possibly several actors.
    #[arg(long, value_name = "FILE")]
    pub(crate) actor_aliases: Option<PathBuf>,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let plan = Plan::new(&args, global)?;
    let report = gazette_report::build_report(&plan.input());
    let written = plan.write(&report, &args)?;
    if !global.quiet {
        eprintln!(
            "wrote {} ({} pages, {} files) in {:.1}s",
            plan.out.join("report.pdf").display(),
            written.pages,
            written.files.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(plan.loaded.exit_code())
}

/// Everything a report is built from, resolved from the flags and the config file, with the
/// corpus read. `gazette check` builds the same plan to recompute a report.
pub(crate) struct Plan {
    /// The output folder.
    pub(crate) out: PathBuf,
    /// The corpus read.
    pub(crate) loaded: Loaded,
    paths: Vec<PathBuf>,
    title: String,
    config: Config,
    config_text: Option<String>,
    template: Option<String>,
    parquet: bool,
    today: Option<(i32, u8, u8)>,
    ingest: IngestFlags,
    actor_aliases: Option<(PathBuf, gazette_extract::actors::AliasRegistry)>,
}

impl Plan {
    /// Resolves the flags against the config file and reads the corpus.
    pub(crate) fn new(args: &Args, global: &GlobalArgs) -> anyhow::Result<Plan> {
        let (config, config_path) = Config::load(global.config.as_deref())?;
        let config_text = match &config_path {
            Some(p) => Some(
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            ),
            None => None,
        };
        // The config's corpus paths are already the defaults of the path arguments.
        let (paths, sample) = if !args.corpus.paths.is_empty() {
            (args.corpus.paths.clone(), false)
        } else {
            (vec![PathBuf::from(SAMPLE_CORPUS)], true)
        };
        let out = args
            .out
            .clone()
            .or_else(|| config.report.out.as_ref().map(|p| config.resolve(p)))
            .unwrap_or_else(|| PathBuf::from(if sample { SAMPLE_OUT } else { DEFAULT_OUT }));
        let template_path = args
            .template
            .clone()
            .or_else(|| config.report.template.as_ref().map(|p| config.resolve(p)));
        let template = match template_path {
            Some(p) => Some(
                std::fs::read_to_string(&p)
                    .with_context(|| format!("reading template {}", p.display()))?,
            ),
            None => None,
        };
        let actor_aliases = match &args.actor_aliases {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("reading {}", p.display()))?;
                let reg = gazette_extract::actors::AliasRegistry::parse(&text)
                    .with_context(|| format!("in {}", p.display()))?;
                Some((p.clone(), reg))
            }
            None => None,
        };
        let corpus_args = CorpusArgs {
            paths: paths.clone(),
        };
        let ingest = corpus_args.flags();
        let loaded = corpus::load(&corpus_args, global)?;
        if loaded.articles.is_empty() {
            anyhow::bail!(
                "no articles found in {}\nhint: pass files or folders of articles (text, Markdown, JSON Lines, JSON, CSV, HTML)",
                label(&paths)
            );
        }
        let title = args
            .title
            .clone()
            .or_else(|| config.report.title.clone())
            .unwrap_or_else(|| default_title(&paths, sample));
        Ok(Plan {
            out,
            loaded,
            paths,
            title,
            parquet: args.parquet || config.report.parquet.unwrap_or(false),
            config,
            config_text,
            template,
            today: source_date()?,
            ingest,
            actor_aliases,
        })
    }

    /// What the report is built from.
    pub(crate) fn input(&self) -> gazette_report::ReportInput<'_> {
        let mut input = gazette_report::ReportInput::new(&self.loaded.articles, label(&self.paths));
        input.title = self.title.clone();
        if let Some(by) = &self.config.group.by {
            input.group_by = by.clone();
        }
        input.period = self.config.group.period.and_then(period);
        input.watch = self.config.terms.watch.clone();
        input.skipped = self.loaded.skipped;
        input.time_budget = self.ingest.budget();
        let summary = self.loaded.manifest.summary();
        input.duplicates = summary.duplicates + summary.near_duplicates;
        input.inputs = inputs(&self.loaded.manifest);
        input.config = self.config_text.clone();
        input.date = self.today.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        input.actor_aliases = self.actor_aliases.as_ref().map(|(_, r)| r.clone());
        input
    }

    /// The lock file of this run: the config's hash, the settings below, the embedded models
    /// and every input.
    pub(crate) fn lock(&self) -> Lock {
        use toml::Value;
        let hash_of = |p: &Option<PathBuf>| -> Value {
            match p {
                Some(p) => match std::fs::read(p) {
                    Ok(b) => format!("blake3:{}", gazette_report::hash_bytes(&b)).into(),
                    Err(_) => "unreadable".into(),
                },
                None => "none".into(),
            }
        };
        let strings = |v: &[String]| Value::Array(v.iter().map(|s| s.as_str().into()).collect());
        let paths: Vec<String> = self
            .paths
            .iter()
            .map(|p| crate::lock::relative(&p.display().to_string()))
            .collect();
        let mut s = std::collections::BTreeMap::new();
        let mut set = |k: &str, v: Value| {
            s.insert(k.to_string(), v);
        };
        set("corpus", strings(&paths));
        set("title", self.title.as_str().into());
        let by = self.config.group.by.as_deref().unwrap_or("source");
        set("group_by", by.into());
        let period = self
            .config
            .group
            .period
            .map_or("auto", config::Period::name);
        set("period", period.into());
        set("watch", strings(&self.config.terms.watch));
        set("fields", strings(&self.ingest.fields));
        set("aliases", hash_of(&self.ingest.aliases));
        set("boilerplate", hash_of(&self.ingest.boilerplate));
        if let Some((p, _)) = &self.actor_aliases {
            set("actor_aliases", hash_of(&Some(p.clone())));
        }
        set("keep_duplicates", self.ingest.keep_duplicates.into());
        set(
            "near_duplicate_threshold",
            self.ingest.near_dup_threshold.into(),
        );
        set("clean_records", self.ingest.clean_records.into());
        let template = match &self.template {
            Some(t) => format!("blake3:{}", gazette_report::hash_bytes(t.as_bytes())),
            None => "built-in".to_string(),
        };
        set("template", template.into());
        Lock::new(self.config_text.as_deref(), s, &self.loaded.manifest)
    }

    /// Writes the report and its lock into the output folder.
    pub(crate) fn write(
        &self,
        report: &gazette_report::Report,
        args: &Args,
    ) -> anyhow::Result<gazette_report::Written> {
        let options = gazette_report::WriteOptions {
            force: args.force,
            parquet: self.parquet,
            pages_png: args.pages_png,
            template: self.template.clone(),
            today: self.today,
            lock: Some(self.lock().render()),
            csv_safe: args.csv_safe,
        };
        gazette_report::write_report(report, &self.out, &options)
            .with_context(|| format!("writing the report to {}", self.out.display()))
    }
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
            let path = crate::lock::relative(&e.path);
            gazette_report::InputFile {
                path: match e.line {
                    Some(l) => format!("{path}:{l}"),
                    None => path.clone(),
                },
                hash,
                bytes,
                status: crate::lock::status_name(e.status).to_string(),
                reason: e.reason.as_ref().map(|r| r.replace(&e.path, &path)),
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
