//! Command-line arguments: what the user typed, nothing resolved yet.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cmd;

/// Corpus evidence from news articles: terms, actors, quotes and figures, compared across
/// sources and over time.
///
/// Every command takes corpus paths (files or folders: plain text, Markdown, JSON Lines, JSON,
/// CSV, HTML). Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 finished but some
/// inputs were skipped (`check`: or the report differs), 2 fatal or usage error.
///
/// Bad input never stops a run: each skipped file, line or record is named on stderr with its
/// line or byte and the reason. Limits: `--max-file-size` (default 256M), `--max-line-size`
/// (16M) and `--time-budget` (60 s per article in the extractors); `0` turns one off.
///
/// A `gazette.toml` in the current folder (or `--config FILE`) sets the defaults of the flags:
/// `[corpus]` for every command, `[terms]` and `[group]` for the counting commands, `[report]`
/// for `report` and `check`. Flags on the command line override it.
#[derive(Parser)]
#[command(name = "gazette", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
}

/// Options every command understands.
#[derive(Args, Debug, Clone)]
pub(crate) struct GlobalArgs {
    /// Print no progress or summary messages on stderr (errors are still printed).
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Number of worker threads (default: all cores). The output is the same for any value.
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// Project configuration (default: `gazette.toml` in the current folder, if present). Its
    /// settings are the defaults of the flags; flags given on the command line override them.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Write a commented `gazette.toml` to start a project from.
    Init(cmd::init::Args),
    /// Read articles from files and folders and print them cleaned, one per line.
    Ingest(cmd::ingest::Args),
    /// Show sentences and tokens of articles, with byte offsets (for inspection).
    Tokens(cmd::tokens::Args),
    /// Count terms across the corpus, per article or per group and period.
    Terms(cmd::freq::TermsArgs),
    /// Count n-grams (2- and 3-word sequences) across the corpus.
    Ngrams(cmd::freq::NgramsArgs),
    /// Keywords of a target group against the rest, another group, or a reference list.
    Keyness(cmd::freq::KeynessArgs),
    /// Words that occur near a node term more often than chance.
    Collocates(cmd::freq::CollocatesArgs),
    /// Keyword in context: every occurrence of a term with its left and right context.
    Kwic(cmd::freq::KwicArgs),
    /// Counts and rates of terms per period and group.
    Trend(cmd::freq::TrendArgs),
    /// Count user-defined categories of terms (a TOML dictionary) per article, group, period.
    Dictionary(cmd::freq::DictionaryArgs),
    /// Named actors (people, organisations, places) with mentions, aliases and roles.
    Actors(cmd::actors::Args),
    /// Train the named-entity tagger from CoNLL-2003 files.
    #[command(name = "train-ner")]
    TrainNer(cmd::train_ner::Args),
    /// Train the learned attribution-cue model of `quotes` from PolNeAR folders.
    #[command(name = "train-quotes")]
    TrainQuotes(cmd::train_quotes::Args),
    /// Attributed statements: who said what, direct and indirect.
    Quotes(cmd::quotes::Args),
    /// Cited figures: money, percentages, counts, quantities and dates, normalised.
    Figures(cmd::figures::Args),
    /// Actors, quotes and figures in one pass, written as three files into a folder.
    Extract(cmd::extract::Args),
    /// Run the whole pipeline and write a report (PDF, charts, tables, Markdown, lock file).
    Report(cmd::report::Args),
    /// Recompute a report and compare it with its folder's tables and lock (for CI).
    Check(cmd::check::CheckArgs),
}
