//! `gazette terms|ngrams|keyness|collocates|kwic|trend|dictionary`: frequency analysis.
//!
//! Every command streams the corpus in batches into a `gazette-freq` builder (so memory
//! follows the vocabulary, not the corpus), then prints one table.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_freq::polars::prelude::DataFrame;
use gazette_freq::{
    CollocationOptions, Collocations, CorpusCounts, Correction, CountOptions, Dictionary, Grouping,
    KeynessOptions, Kwic, Measure, Pattern, PatternCounter, Period, Reference, TableFormat, Unit,
};
use gazette_types::Article;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::Sink;

/// Articles per batch handed to the counters.
const BATCH: usize = 2048;

/// Output format of frequency tables.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Aligned columns for reading in a terminal (numbers rounded, every row shown).
    Table,
    /// Comma-separated values with a header row, full precision.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (binary; use with `-o FILE`).
    Parquet,
}

/// Output options of the frequency commands.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct TableOutput {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Write to this file instead of stdout (`-` is stdout). The file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// In CSV output, prefix text cells that start with `=`, `+`, `-`, `@` with `'` so
    /// spreadsheets do not run them as formulas (concordance contexts are article text).
    #[arg(long)]
    pub(crate) csv_safe: bool,
}

/// How words become counted terms.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct TermArgs {
    /// Keep letter case (`US` and `us` are different terms).
    #[arg(long)]
    pub(crate) keep_case: bool,
    /// Count Snowball (English) stems instead of words (`elections` → `elect`).
    #[arg(long)]
    pub(crate) stem: bool,
    /// Leave out stop words (the built-in English list).
    #[arg(long)]
    pub(crate) no_stopwords: bool,
    /// Leave out numbers (`1,389`, `$5`, `2021`).
    #[arg(long)]
    pub(crate) no_numbers: bool,
    /// Leave out terms seen fewer than N times in the corpus.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) min_count: u64,
    /// Count only terms matching these patterns (comma-separated; `*` and `?` globs).
    #[arg(long, value_name = "PATTERN", value_delimiter = ',')]
    pub(crate) only: Vec<String>,
    /// Count only terms listed in FILE (one term or glob per line, `#` comments).
    #[arg(long, value_name = "FILE")]
    pub(crate) only_file: Option<PathBuf>,
}

impl TermArgs {
    fn resolve(&self) -> anyhow::Result<CountOptions> {
        let lowercase = !self.keep_case;
        let mut only = Vec::new();
        for p in &self.only {
            only.push(Pattern::new(p, lowercase).with_context(|| "bad `--only`")?);
        }
        if let Some(path) = &self.only_file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if !line.is_empty() {
                    only.push(Pattern::new(line, lowercase)?);
                }
            }
        }
        Ok(CountOptions {
            lowercase,
            stem: self.stem,
            drop_stopwords: self.no_stopwords,
            numbers: !self.no_numbers,
            min_count: self.min_count,
            only,
        })
    }
}

/// Arguments of `gazette terms`.
///
/// Prints the term table: term, count, documents (articles it occurs in), rate per 10,000
/// words and rank, for the corpus or per group and period. Words are the tokens of
/// `gazette tokens` that are words or numbers; possessive `'s` is not counted.
#[derive(clap::Args, Debug)]
pub(crate) struct TermsArgs {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) terms: TermArgs,
    /// Group by this metadata field (source, author, or any other field of the input).
    #[arg(long, value_name = "FIELD")]
    pub(crate) by: Option<String>,
    /// Group by publication period.
    #[arg(long, value_name = "PERIOD")]
    pub(crate) period: Option<Period>,
    /// At most N terms per group.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Print counts per article (article_id, term, count) instead.
    #[arg(long, conflicts_with_all = ["tfidf", "dispersion"])]
    pub(crate) per_article: bool,
    /// Print the top N terms by tf-idf per group (or per article with `--tfidf-articles`).
    #[arg(long, value_name = "N", conflicts_with = "dispersion")]
    pub(crate) tfidf: Option<usize>,
    /// With `--tfidf`: score each article, not each group.
    #[arg(long, requires = "tfidf")]
    pub(crate) tfidf_articles: bool,
    /// Print range, Juilland's D and Gries' DP of each term over the articles.
    #[arg(long)]
    pub(crate) dispersion: bool,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette ngrams`.
///
/// Prints n-gram counts like `gazette terms`. N-grams never cross punctuation; with
/// `--no-stopwords` they may contain stop words inside (`secretary of state`) but not at
/// either end. `--phrases` scores every adjacent word pair instead (phrase discovery).
#[derive(clap::Args, Debug)]
pub(crate) struct NgramsArgs {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) terms: TermArgs,
    /// Words per n-gram.
    #[arg(short, long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=5))]
    pub(crate) n: u8,
    /// Group by this metadata field.
    #[arg(long, value_name = "FIELD")]
    pub(crate) by: Option<String>,
    /// Group by publication period.
    #[arg(long, value_name = "PERIOD")]
    pub(crate) period: Option<Period>,
    /// At most N n-grams per group (or pairs with `--phrases`).
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Score adjacent word pairs with association measures (logDice, MI, MI3, t-score, G²).
    #[arg(long)]
    pub(crate) phrases: bool,
    /// With `--phrases`: sort by this measure (logdice, mi, mi3, t-score, ll, frequency).
    #[arg(long, value_name = "MEASURE", default_value = "logdice")]
    pub(crate) measure: Measure,
    /// With `--phrases`: minimum pair frequency.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub(crate) min_pair: u64,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette keyness`.
///
/// Keywords of the target group against the rest of the corpus, another group, or a
/// reference frequency list: log-likelihood G² (4-term) with its p-value after correction,
/// Hardie's log ratio with a 95% confidence interval, %DIFF, and the counts behind them.
/// Positive keywords (more frequent in the target) come first, then negative ones.
#[derive(clap::Args, Debug)]
pub(crate) struct KeynessArgs {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) terms: TermArgs,
    /// The grouping field.
    #[arg(long, value_name = "FIELD", default_value = "source")]
    pub(crate) by: String,
    /// The target group (a value of the `--by` field).
    #[arg(long, value_name = "GROUP")]
    pub(crate) target: String,
    /// Compare with this group instead of the rest of the corpus.
    #[arg(long, value_name = "GROUP", conflicts_with = "reference")]
    pub(crate) against: Option<String>,
    /// Compare with a reference frequency list: CSV with `term` and `count` columns. The
    /// whole corpus is then the target unless `--target` names a group.
    #[arg(long, value_name = "FILE")]
    pub(crate) reference: Option<PathBuf>,
    /// Significance level for the corrected p-value (1 keeps every term).
    #[arg(long, value_name = "P", default_value_t = 0.05)]
    pub(crate) alpha: f64,
    /// Multiple-comparison correction: none, bonferroni or bh (Benjamini–Hochberg).
    #[arg(long, value_name = "METHOD", default_value = "bh")]
    pub(crate) correction: Correction,
    /// Only test terms seen at least N times in target and reference together.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub(crate) min_freq: u64,
    /// At most N keywords per direction.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// Leave out negative keywords.
    #[arg(long)]
    pub(crate) positive_only: bool,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette collocates`.
///
/// Words that occur within a window around the node more often than chance, with logDice,
/// MI, MI3, t-score and log-likelihood. Expected frequency is f(node)·f(collocate)/N.
#[derive(clap::Args, Debug)]
pub(crate) struct CollocatesArgs {
    /// The node: a term, phrase (`"prime minister"`) or glob (`nuclear*`).
    #[arg(value_name = "TERM")]
    pub(crate) term: String,
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) terms: TermArgs,
    /// Words each side of the node (overridden by `--left` / `--right`).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub(crate) window: usize,
    /// Words to the left.
    #[arg(long, value_name = "N")]
    pub(crate) left: Option<usize>,
    /// Words to the right.
    #[arg(long, value_name = "N")]
    pub(crate) right: Option<usize>,
    /// Minimum co-occurrences.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub(crate) min_cooc: u64,
    /// Minimum corpus frequency of a collocate.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub(crate) min_freq: u64,
    /// Sort by this measure: logdice, mi, mi3, t-score, ll, frequency.
    #[arg(long, value_name = "MEASURE", default_value = "logdice")]
    pub(crate) measure: Measure,
    /// At most N collocates.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette kwic`.
///
/// Every occurrence of the terms with their left and right context, sorted by source, date,
/// article and position, with the article id and the match's byte offsets in the text.
#[derive(clap::Args, Debug)]
pub(crate) struct KwicArgs {
    /// Terms, phrases or globs to find, comma-separated (`war*,"nuclear weapon*"`).
    #[arg(value_name = "TERMS")]
    pub(crate) term: String,
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Words of context on each side.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub(crate) width: usize,
    /// Match letter case exactly.
    #[arg(long)]
    pub(crate) keep_case: bool,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette trend`.
///
/// Count and rate per 10,000 words of each term per period (and group), a row for every
/// period and term, zeros included. Terms may be phrases or globs.
#[derive(clap::Args, Debug)]
pub(crate) struct TrendArgs {
    /// Terms, phrases or globs, comma-separated (`war,economy,nuclear*`).
    #[arg(value_name = "TERMS")]
    pub(crate) term: String,
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Period: day, week, month, year or decade.
    #[arg(long, value_name = "PERIOD", default_value = "month")]
    pub(crate) by: Period,
    /// Also split by this metadata field (e.g. source).
    #[arg(long, value_name = "FIELD")]
    pub(crate) group: Option<String>,
    /// Match letter case exactly.
    #[arg(long)]
    pub(crate) keep_case: bool,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Arguments of `gazette dictionary`.
///
/// Counts user-defined categories per group and period (or per article). The dictionary is
/// TOML: each key is a category with a list of terms, phrases or globs, e.g.
/// `war = ["war*", "military", "nuclear weapon*"]`; tables nest categories (`[economy]`
/// `jobs = [...]` gives `economy.jobs`). A position counts once per category.
#[derive(clap::Args, Debug)]
pub(crate) struct DictionaryArgs {
    /// The TOML dictionary.
    #[arg(value_name = "FILE")]
    pub(crate) dictionary: PathBuf,
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Group by this metadata field.
    #[arg(long, value_name = "FIELD")]
    pub(crate) by: Option<String>,
    /// Group by publication period.
    #[arg(long, value_name = "PERIOD")]
    pub(crate) period: Option<Period>,
    /// One row per article and category instead of per group.
    #[arg(long)]
    pub(crate) per_article: bool,
    /// Match letter case exactly.
    #[arg(long)]
    pub(crate) keep_case: bool,
    #[command(flatten)]
    pub(crate) output: TableOutput,
}

/// Streams the corpus into `f` batch by batch with a progress spinner on stderr.
fn stream(
    corpus: &CorpusArgs,
    global: &GlobalArgs,
    mut f: impl FnMut(&[Article]),
) -> anyhow::Result<ExitCode> {
    let bar = if global.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} articles ({per_sec}) {elapsed}",
            )
            .expect("valid template"),
        );
        b
    };
    let streamed = corpus::stream(corpus, global, BATCH, |batch| {
        f(&batch);
        bar.inc(batch.len() as u64);
    })?;
    bar.finish_and_clear();
    Ok(streamed.exit_code())
}

/// Writes a table in the chosen format; for `table`, columns that are all null are left out.
fn write(df: &DataFrame, out: &TableOutput) -> anyhow::Result<()> {
    let format = match out.format {
        Format::Table => TableFormat::Table,
        Format::Csv => TableFormat::Csv,
        Format::Json => TableFormat::Json,
        Format::Jsonl => TableFormat::Jsonl,
        Format::Parquet => TableFormat::Parquet,
    };
    let to_stdout = out
        .output
        .as_deref()
        .is_none_or(|p| p == std::path::Path::new("-"));
    if format == TableFormat::Parquet && to_stdout && std::io::stdout().is_terminal() {
        anyhow::bail!("refusing to write Parquet to a terminal\nhint: add `-o FILE.parquet`");
    }
    let shown;
    let df = if format == TableFormat::Table {
        shown = gazette_freq::drop_null_columns(df);
        &shown
    } else {
        df
    };
    let mut sink = Sink::open(out.output.as_deref())?;
    if out.csv_safe && format == TableFormat::Csv {
        // Guard the text columns only: `-1.5` in a numeric column is a number, not a formula.
        let mut buf = Vec::new();
        gazette_freq::write_frame(df, format, &mut buf)?;
        let text: Vec<bool> = df
            .columns()
            .iter()
            .map(|c| !c.dtype().is_primitive_numeric())
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(buf.as_slice());
        let mut writer = csv::Writer::from_writer(&mut sink);
        for (i, record) in reader.records().enumerate() {
            let record = record?;
            writer.write_record(record.iter().zip(&text).map(|(cell, &t)| {
                if i > 0 && t {
                    crate::output::guard_formula(cell).into_owned()
                } else {
                    cell.to_string()
                }
            }))?;
        }
        writer.flush()?;
        drop(writer);
    } else {
        gazette_freq::write_frame(df, format, &mut sink)?;
    }
    sink.finish()
}

fn grouping(by: Option<&str>, period: Option<Period>) -> Grouping {
    Grouping {
        field: by.map(str::to_string),
        period,
    }
}

pub(crate) fn run_terms(args: TermsArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let options = args.terms.resolve()?;
    let per_article =
        args.per_article || args.dispersion || (args.tfidf.is_some() && args.tfidf_articles);
    let mut builder = CorpusCounts::builder(&options)
        .grouping(grouping(args.by.as_deref(), args.period))
        .per_article(per_article);
    let code = stream(&args.corpus, global, |batch| {
        builder.add(batch);
    })?;
    let counts = builder.finish();
    let df = if args.per_article {
        counts.article_terms()?.into_frame()
    } else if let Some(n) = args.tfidf {
        counts.tfidf(args.tfidf_articles, n)?.into_frame()
    } else if args.dispersion {
        counts.dispersion(args.top)?.into_frame()
    } else {
        counts.terms(args.top)?.into_frame()
    };
    write(&df, &args.output)?;
    Ok(code)
}

pub(crate) fn run_ngrams(args: NgramsArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let options = args.terms.resolve()?;
    let g = grouping(args.by.as_deref(), args.period);
    if args.phrases {
        if args.n != 2 || g != Grouping::default() {
            anyhow::bail!(
                "`--phrases` scores word pairs of the whole corpus: drop `-n`, `--by` and `--period`"
            );
        }
        // Word frequencies with stop words kept, so every pair's words have a count.
        let word_opts = CountOptions {
            drop_stopwords: false,
            only: Vec::new(),
            min_count: 1,
            ..options.clone()
        };
        let mut words = CorpusCounts::builder(&word_opts);
        let mut pairs = CorpusCounts::builder(&options).unit(Unit::Ngrams(2));
        let code = stream(&args.corpus, global, |batch| {
            words.add(batch);
            pairs.add(batch);
        })?;
        let opts = CollocationOptions {
            min_cooccurrences: args.min_pair,
            min_collocate_count: 1,
            measure: args.measure,
            top: args.top,
            ..CollocationOptions::default()
        };
        let table = gazette_freq::phrases(&words.finish(), &pairs.finish(), &opts)?;
        write(table.frame(), &args.output)?;
        return Ok(code);
    }
    let mut builder = CorpusCounts::builder(&options)
        .unit(Unit::Ngrams(usize::from(args.n)))
        .grouping(g);
    let code = stream(&args.corpus, global, |batch| {
        builder.add(batch);
    })?;
    write(builder.finish().terms(args.top)?.frame(), &args.output)?;
    Ok(code)
}

pub(crate) fn run_keyness(args: KeynessArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let options = args.terms.resolve()?;
    if !(0.0..=1.0).contains(&args.alpha) {
        anyhow::bail!("`--alpha` must be between 0 and 1");
    }
    let reference = match (&args.against, &args.reference) {
        (Some(g), _) => Reference::Group(g.clone()),
        (None, Some(path)) => Reference::from_csv(path, options.lowercase)?,
        (None, None) => Reference::Rest,
    };
    let mut builder = CorpusCounts::builder(&options).grouping(grouping(Some(&args.by), None));
    let code = stream(&args.corpus, global, |batch| {
        builder.add(batch);
    })?;
    let counts = builder.finish();
    let key = KeynessOptions {
        target: args.target,
        reference,
        alpha: args.alpha,
        correction: args.correction,
        min_count: args.min_freq,
        top: args.top,
        negative: !args.positive_only,
    };
    write(counts.keyness(&key)?.frame(), &args.output)?;
    Ok(code)
}

pub(crate) fn run_collocates(
    args: CollocatesArgs,
    global: &GlobalArgs,
) -> anyhow::Result<ExitCode> {
    let options = args.terms.resolve()?;
    let node = Pattern::new(&args.term, options.lowercase)?;
    let opts = CollocationOptions {
        left: args.left.unwrap_or(args.window),
        right: args.right.unwrap_or(args.window),
        min_cooccurrences: args.min_cooc,
        min_collocate_count: args.min_freq,
        measure: args.measure,
        top: args.top,
    };
    let mut finder = Collocations::new(node, &options, opts);
    let code = stream(&args.corpus, global, |batch| {
        finder.add(batch);
    })?;
    write(finder.finish()?.frame(), &args.output)?;
    Ok(code)
}

/// Splits a comma-separated list of terms.
fn split_terms(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn patterns(terms: &[String], lowercase: bool) -> anyhow::Result<Vec<Pattern>> {
    let terms: Vec<&String> = terms.iter().filter(|t| !t.trim().is_empty()).collect();
    if terms.is_empty() {
        anyhow::bail!("no search terms given");
    }
    terms
        .into_iter()
        .map(|t| Pattern::new(t, lowercase).map_err(anyhow::Error::from))
        .collect()
}

pub(crate) fn run_kwic(args: KwicArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let options = CountOptions {
        lowercase: !args.keep_case,
        ..CountOptions::default()
    };
    let mut kwic = Kwic::new(
        patterns(&split_terms(&args.term), options.lowercase)?,
        &options,
        args.width,
    );
    let code = stream(&args.corpus, global, |batch| {
        kwic.add(batch);
    })?;
    write(kwic.finish()?.frame(), &args.output)?;
    Ok(code)
}

pub(crate) fn run_trend(args: TrendArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let options = CountOptions {
        lowercase: !args.keep_case,
        ..CountOptions::default()
    };
    let terms = split_terms(&args.term);
    patterns(&terms, options.lowercase)?;
    let dict = Dictionary::from_terms(&terms, options.lowercase)?;
    let mut counter = PatternCounter::new(
        dict,
        &options,
        grouping(args.group.as_deref(), Some(args.by)),
        false,
    );
    let code = stream(&args.corpus, global, |batch| {
        counter.add(batch);
    })?;
    write(counter.finish()?.frame(), &args.output)?;
    Ok(code)
}

pub(crate) fn run_dictionary(
    args: DictionaryArgs,
    global: &GlobalArgs,
) -> anyhow::Result<ExitCode> {
    let options = CountOptions {
        lowercase: !args.keep_case,
        ..CountOptions::default()
    };
    let dict = Dictionary::from_toml_file(&args.dictionary, options.lowercase)?;
    let mut counter = PatternCounter::new(
        dict,
        &options,
        grouping(args.by.as_deref(), args.period),
        args.per_article,
    );
    let code = stream(&args.corpus, global, |batch| {
        counter.add(batch);
    })?;
    write(counter.finish()?.frame(), &args.output)?;
    Ok(code)
}
