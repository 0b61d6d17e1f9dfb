//! Corpus options shared by every command that reads articles, and loading them through
//! `gazette-ingest` (all at once with [`load`], or in batches with [`stream`]).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::budget::Failure;
use gazette_ingest::{Corpus, CorpusBuilder, Manifest, Status};
use gazette_types::Article;

use crate::args::GlobalArgs;

/// Options for reading a corpus: the paths, plus the ingestion flags ([`IngestFlags`]).
///
/// Commands flatten this into their `Args`; some build it by hand from configured paths
/// (`CorpusArgs { paths }`), so it has only that one field. The flags parsed with it from the
/// command line are kept in [`FLAGS`] (one corpus per process) and read by [`load`] and
/// [`stream`]; a hand-built `CorpusArgs` gets the same flags, or the defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct CorpusArgs {
    /// Corpus files or folders.
    pub(crate) paths: Vec<PathBuf>,
}

/// The ingestion flags given on the command line (set once, when the arguments are parsed).
static FLAGS: std::sync::OnceLock<IngestFlags> = std::sync::OnceLock::new();

/// What clap parses for [`CorpusArgs`].
#[derive(clap::Args, Debug, Clone)]
struct ParsedCorpusArgs {
    /// Corpus files or folders (text, Markdown, JSON Lines, JSON, CSV, HTML; `-` for stdin).
    /// Folders are read recursively in sorted order.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    flags: IngestFlags,
}

impl clap::FromArgMatches for CorpusArgs {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let parsed = ParsedCorpusArgs::from_arg_matches(matches)?;
        let _ = FLAGS.set(parsed.flags);
        Ok(CorpusArgs {
            paths: parsed.paths,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Args for CorpusArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        ParsedCorpusArgs::augment_args(cmd)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        ParsedCorpusArgs::augment_args_for_update(cmd)
    }
}

/// How the corpus is read (every command that reads a corpus has these flags).
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct IngestFlags {
    /// Map a record key to an article field for JSON Lines, JSON and CSV input, e.g.
    /// `--field text=body --field published=pub_date` (fields: id, title, text, published,
    /// source, url, author). Repeatable.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    pub(crate) fields: Vec<String>,
    /// TOML file of source aliases, `"Canonical Name" = ["alias", "domain.com"]`, added to
    /// the built-in table.
    #[arg(long, value_name = "FILE")]
    pub(crate) aliases: Option<PathBuf>,
    /// File of extra boilerplate patterns (one regular expression per line, `#` comments);
    /// matching paragraphs of text, Markdown, HTML and JSON articles are removed. Patterns are
    /// case-insensitive; one anchored at both ends with bounded repetitions (`^.{0,80}getty
    /// images$`, not `.*`) is skipped on longer paragraphs, which is faster.
    #[arg(long, value_name = "FILE")]
    pub(crate) boilerplate: Option<PathBuf>,
    /// Keep exact and near-duplicate articles (they are still reported).
    #[arg(long)]
    pub(crate) keep_duplicates: bool,
    /// Minimum similarity (0-1, Jaccard of word 3-shingles) for near-duplicates; 1 turns
    /// near-duplicate detection off.
    #[arg(long, value_name = "X", default_value_t = 0.8)]
    pub(crate) near_dup_threshold: f64,
    /// Stop at the first skipped input instead of reporting it and going on.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Also clean the text of JSON Lines and CSV records (normally kept byte for byte).
    #[arg(long)]
    pub(crate) clean_records: bool,
    /// Write the manifest (what became of every input) to FILE as JSON Lines.
    #[arg(long, value_name = "FILE")]
    pub(crate) manifest: Option<PathBuf>,
    /// Skip files larger than SIZE, before reading them (bytes, or with K, M, G: `512M`; `0`
    /// for no limit). JSON Lines files are streamed and limited per line only.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub(crate) max_file_size: u64,
    /// Skip JSON Lines records and CSV rows longer than SIZE, and text or Markdown files with
    /// a longer line (bytes, or with K, M, G; `0` for no limit).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub(crate) max_line_size: u64,
    /// Time budget per article for the extractors (actors, quotes, figures), in seconds: an
    /// article that takes longer is skipped and named, and the run goes on (`0`: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub(crate) time_budget: f64,
}

impl IngestFlags {
    /// The time budget per article, `None` for no limit.
    pub(crate) fn budget(&self) -> Option<std::time::Duration> {
        (self.time_budget > 0.0 && self.time_budget.is_finite())
            .then(|| std::time::Duration::from_secs_f64(self.time_budget))
    }
}

/// Runs `work` on every article in parallel, in input order, each within the time budget of
/// `--time-budget`. An article whose work runs over (or panics) gives `None` and is named on
/// stderr; the second value counts them (they make the run exit with code 1).
///
/// Rust cannot stop a thread, so the timed work runs on a helper thread
/// ([`gazette_extract::budget`]); a helper over budget is left to finish in the background:
/// the run, and its other articles, are not held up.
pub(crate) fn per_article<X, T>(
    articles: &[Article],
    shared: &std::sync::Arc<X>,
    what: &str,
    work: fn(&X, &Article) -> T,
) -> (Vec<Option<T>>, usize)
where
    X: Send + Sync + 'static,
    T: Send + 'static,
{
    use rayon::prelude::*;
    let budget = FLAGS.get().cloned().unwrap_or_default().budget();
    // Short runs of articles per task: rayon's default halves the range only a few times, so
    // one thread was left with a run of hundreds of articles at the end (300 ms of `gazette
    // figures` on BBC News with the other core idle).
    let results: Vec<Result<T, Failure>> = articles
        .par_iter()
        .with_max_len(8)
        .map(|a| gazette_extract::budget::within(budget, shared, a, work))
        .collect();
    let mut over = 0;
    let mut err = std::io::stderr().lock();
    let out = results
        .into_iter()
        .zip(articles)
        .map(|(r, a)| match r {
            Ok(v) => Some(v),
            Err(why) => {
                over += 1;
                let why = match (why, budget) {
                    (Failure::OverBudget, Some(b)) => format!(
                        "took longer than the time budget of {} s per article (`--time-budget`)",
                        b.as_secs_f64()
                    ),
                    _ => "failed with an internal error".to_string(),
                };
                let _ = writeln!(
                    err,
                    "skipped: {}: {what} {why}; its results are left out",
                    a.id
                );
                None
            }
        })
        .collect();
    (out, over)
}

/// Parses a size such as `1048576`, `512K`, `16M`, `2G` or `16MiB` (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as `16M` or `1048576`, got `{s}`"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown size unit in `{s}` (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("size `{s}` is too large"))
}

impl Default for IngestFlags {
    fn default() -> Self {
        IngestFlags {
            fields: Vec::new(),
            aliases: None,
            boilerplate: None,
            keep_duplicates: false,
            near_dup_threshold: 0.8,
            strict: false,
            clean_records: false,
            manifest: None,
            max_file_size: gazette_ingest::DEFAULT_MAX_FILE_SIZE,
            max_line_size: gazette_ingest::DEFAULT_MAX_LINE_SIZE,
            time_budget: 60.0,
        }
    }
}

impl CorpusArgs {
    /// The ingestion flags given on the command line (defaults when none were parsed).
    pub(crate) fn flags(&self) -> IngestFlags {
        FLAGS.get().cloned().unwrap_or_default()
    }
}

/// The articles read, and how many inputs were skipped.
pub(crate) struct Loaded {
    /// Articles in stable input order, duplicates removed unless kept.
    pub(crate) articles: Vec<Article>,
    /// Number of inputs skipped (bad files, bad lines).
    pub(crate) skipped: usize,
    /// What became of every input.
    pub(crate) manifest: Manifest,
}

impl Loaded {
    /// Exit code for a run that read this corpus: 1 when something was skipped, else 0.
    pub(crate) fn exit_code(&self) -> ExitCode {
        exit_code(self.skipped)
    }
}

/// What [`stream`] read: counts and the manifest, without the articles.
pub(crate) struct Streamed {
    /// Articles handed to the callback.
    pub(crate) articles: usize,
    /// Number of inputs skipped.
    pub(crate) skipped: usize,
    /// What became of every input.
    pub(crate) manifest: Manifest,
}

impl Streamed {
    /// Exit code: 1 when something was skipped, else 0.
    pub(crate) fn exit_code(&self) -> ExitCode {
        exit_code(self.skipped)
    }
}

/// Exit code for a run that read `loaded` and then skipped `more` articles (over the time
/// budget): 1 when anything was skipped, else 0.
pub(crate) fn exit_code_with(loaded: &Loaded, more: usize) -> ExitCode {
    exit_code(loaded.skipped + more)
}

fn exit_code(skipped: usize) -> ExitCode {
    if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Builds the reader the options describe.
pub(crate) fn corpus(args: &CorpusArgs) -> anyhow::Result<Corpus> {
    corpus_with(&args.paths, &args.flags())
}

fn corpus_with(paths: &[PathBuf], args: &IngestFlags) -> anyhow::Result<Corpus> {
    if paths.is_empty() {
        anyhow::bail!("no corpus paths given\nhint: pass files or folders, e.g. `data/sample`");
    }
    if !(0.0..=1.0).contains(&args.near_dup_threshold) {
        anyhow::bail!("`--near-dup-threshold` must be between 0 and 1");
    }
    let mut builder = CorpusBuilder::new()
        .keep_duplicates(args.keep_duplicates)
        .near_duplicate_threshold(
            (args.near_dup_threshold < 1.0).then_some(args.near_dup_threshold),
        )
        .strict(args.strict)
        .clean_records(args.clean_records)
        .max_file_size((args.max_file_size > 0).then_some(args.max_file_size))
        .max_line_size((args.max_line_size > 0).then_some(args.max_line_size));
    for mapping in &args.fields {
        builder = builder.field_mapping(mapping).context("bad `--field`")?;
    }
    if let Some(path) = &args.aliases {
        builder = builder.alias_file(path).context("reading `--aliases`")?;
    }
    if let Some(path) = &args.boilerplate {
        builder = builder
            .boilerplate_file(path)
            .context("reading `--boilerplate`")?;
    }
    Ok(builder.build())
}

/// Reads every article under `args.paths`, reports the manifest summary on stderr (unless
/// `--quiet`) and writes `--manifest FILE`.
pub(crate) fn load(args: &CorpusArgs, global: &GlobalArgs) -> anyhow::Result<Loaded> {
    let mut articles = Vec::new();
    let streamed = stream(args, global, 1024, |batch| articles.extend(batch))?;
    Ok(Loaded {
        articles,
        skipped: streamed.skipped,
        manifest: streamed.manifest,
    })
}

/// Like [`load`], but keeps exact and near-duplicates in `articles` (they are still reported).
/// For per-article commands (actors, quotes, figures): an article asked about by id must be
/// answered even when an earlier one is nearly the same (IEER has 4 near-duplicate AP
/// updates among 81 stories, PolNeAR 3). Statistics use [`load`] or [`stream`], which leave
/// duplicates out unless `--keep-duplicates`.
pub(crate) fn load_all(args: &CorpusArgs, global: &GlobalArgs) -> anyhow::Result<Loaded> {
    let mut flags = args.flags();
    flags.keep_duplicates = true;
    let mut articles = Vec::new();
    let streamed = stream_with(args, &flags, global, 1024, |batch| articles.extend(batch))?;
    Ok(Loaded {
        articles,
        skipped: streamed.skipped,
        manifest: streamed.manifest,
    })
}

/// Reads every article under `args.paths` and hands them to `f` in batches of about
/// `batch_size`, in stable input order, never holding the whole corpus. Reports like [`load`].
pub(crate) fn stream(
    args: &CorpusArgs,
    global: &GlobalArgs,
    batch_size: usize,
    f: impl FnMut(Vec<Article>),
) -> anyhow::Result<Streamed> {
    stream_with(args, &args.flags(), global, batch_size, f)
}

fn stream_with(
    args: &CorpusArgs,
    flags: &IngestFlags,
    global: &GlobalArgs,
    batch_size: usize,
    mut f: impl FnMut(Vec<Article>),
) -> anyhow::Result<Streamed> {
    let corpus = corpus_with(&args.paths, flags)?;
    let mut count = 0;
    let manifest = corpus.stream(&args.paths, batch_size, |batch| {
        count += batch.len();
        f(batch)
    })?;
    report(&manifest, flags, global)?;
    Ok(Streamed {
        articles: count,
        skipped: manifest.skipped(),
        manifest,
    })
}

/// Prints one message line. File names and ids come from the corpus: a newline in one would
/// forge a message line and an escape code would drive the terminal, so control characters
/// are shown as their symbols (`⏎`, `␛`).
fn say(err: &mut impl Write, message: &str) {
    let shown: String = message
        .chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '␡',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            c => c,
        })
        .collect();
    let _ = writeln!(err, "{shown}");
}

/// Prints skipped inputs, warnings, duplicates (with `-v`-less brevity: counts only beyond
/// the first few) and the summary on stderr; writes the manifest file.
fn report(manifest: &Manifest, args: &IngestFlags, global: &GlobalArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.manifest {
        let mut sink = crate::output::Sink::open(Some(path))?;
        for entry in &manifest.entries {
            serde_json::to_writer(&mut sink, entry)?;
            sink.write_all(b"\n")?;
        }
        sink.finish()?;
    }
    let mut err = std::io::stderr().lock();
    // Problems are printed even with --quiet: they change the exit code. A file of thousands
    // of bad lines would bury everything else, so only the first ones are.
    const SHOWN_SKIPPED: usize = 50;
    let skipped: Vec<_> = manifest
        .entries
        .iter()
        .filter(|e| e.status == Status::Skipped)
        .collect();
    for e in skipped.iter().take(SHOWN_SKIPPED) {
        let reason = e.reason.as_deref().unwrap_or("skipped");
        say(&mut err, &format!("skipped: {reason}"));
    }
    if skipped.len() > SHOWN_SKIPPED {
        let _ = writeln!(
            err,
            "... and {} more skipped (all listed with `--manifest FILE`)",
            skipped.len() - SHOWN_SKIPPED
        );
    }
    if global.quiet {
        return Ok(());
    }
    for e in &manifest.entries {
        if let Some(w) = &e.warning {
            say(&mut err, &format!("warning: {}: {w}", e.path));
        }
    }
    const SHOWN: usize = 10;
    let dups: Vec<_> = manifest.duplicates().collect();
    for e in dups.iter().take(SHOWN) {
        let what = if e.status == Status::Duplicate {
            "duplicate"
        } else {
            "near-duplicate"
        };
        let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        let sim = e
            .similarity
            .map(|s| format!(" (similarity {s:.2})"))
            .unwrap_or_default();
        say(
            &mut err,
            &format!(
                "{what}: {}{line} ({}) of {}{sim}",
                e.path,
                e.id.as_deref().unwrap_or("?"),
                e.duplicate_of.as_deref().unwrap_or("?")
            ),
        );
    }
    if dups.len() > SHOWN {
        let _ = writeln!(
            err,
            "... and {} more duplicates (all listed with `--manifest FILE`)",
            dups.len() - SHOWN
        );
    }
    let summary = manifest.summary();
    let kept = if args.keep_duplicates {
        "kept"
    } else {
        "left out"
    };
    let _ = writeln!(err, "read {summary} (duplicates {kept})");
    Ok(())
}
