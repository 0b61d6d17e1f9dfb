//! `gazette quotes`: attributed statements (who said what), the cross-source quote ledger and
//! per-outlet speaker tables.

use std::process::ExitCode;

use gazette_extract::actors::ActorExtractor;
use gazette_extract::quotes::{self, LedgerOptions};
use gazette_types::{Article, Quote};
use serde::Serialize;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{self, OutputArgs};

/// Arguments of `gazette quotes`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Print the quote ledger instead: statements found in several articles, with their first
    /// appearance, the outlets that carried them and every version side by side.
    #[arg(long, conflicts_with = "speakers")]
    pub(crate) ledger: bool,
    /// Print a table per outlet instead: who is quoted how often, by actor type.
    #[arg(long)]
    pub(crate) speakers: bool,
    /// Ledger: leave out statements with fewer words than this.
    #[arg(long, default_value_t = 6, value_name = "N", requires = "ledger")]
    pub(crate) min_words: usize,
    /// Ledger: least share (0-1) of the shorter statement's word 3-grams found in the other.
    #[arg(long, default_value_t = 0.6, value_name = "X", requires = "ledger")]
    pub(crate) similarity: f64,
    /// Ledger: keep statements carried by at least this many different outlets.
    #[arg(long, default_value_t = 1, value_name = "N", requires = "ledger")]
    pub(crate) min_sources: usize,
    /// Ledger: track indirect statements too, not only direct quotes.
    #[arg(long, requires = "ledger")]
    pub(crate) include_indirect: bool,
}

/// One statement with its article's metadata (the JSON Lines contract plus source and date).
#[derive(Serialize)]
pub(crate) struct Row<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    source: &'a str,
    published: Option<&'a str>,
}

/// One ledger version flattened for tables and CSV.
#[derive(Serialize)]
struct LedgerRow<'a> {
    id: usize,
    speaker: Option<&'a str>,
    articles: usize,
    sources: String,
    first_published: Option<&'a str>,
    first_source: &'a str,
    published: Option<&'a str>,
    source: &'a str,
    article: &'a str,
    change: &'a str,
    similarity: f64,
    text: &'a str,
}

/// Finds the actors and statements of every article (in input order, in parallel, each within
/// the time budget). The speakers are the actor extractor's actors. The last value counts
/// the articles over the budget.
pub(crate) fn extract_all(articles: &[Article]) -> (Vec<Quote>, Vec<gazette_types::Actor>, usize) {
    let (per, over) = corpus::per_article(
        articles,
        &std::sync::Arc::new(ActorExtractor::new()),
        "quotes",
        |x: &ActorExtractor, a| {
            let found = x.extract(a);
            let actors = quotes::body_actors(a, &found);
            (quotes::extract(a, &actors), actors)
        },
    );
    let mut all_quotes = Vec::new();
    let mut all_actors = Vec::new();
    for (q, a) in per.into_iter().flatten() {
        all_quotes.extend(q);
        all_actors.extend(a);
    }
    (all_quotes, all_actors, over)
}

/// The rows `gazette quotes` prints: the contract's fields plus the article's outlet and
/// date.
pub(crate) fn rows<'a>(articles: &'a [Article], found: &'a [Quote]) -> Vec<Row<'a>> {
    let meta: std::collections::HashMap<&str, &Article> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    found
        .iter()
        .map(|q| {
            let a = meta.get(q.article.as_str());
            Row {
                quote: q,
                source: a.map(|a| a.source.as_str()).unwrap_or(""),
                published: a.and_then(|a| a.published.as_deref()),
            }
        })
        .collect()
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.similarity) {
        anyhow::bail!(
            "`--similarity` must be between 0 and 1, got {}",
            args.similarity
        );
    }
    // Per-article quotes answer for every article, near-duplicates included; the ledger
    // counts each story once.
    let loaded = if args.ledger {
        corpus::load(&args.corpus, global)?
    } else {
        corpus::load_all(&args.corpus, global)?
    };
    let (found, actors, over) = extract_all(&loaded.articles);
    let exit = corpus::exit_code_with(&loaded, over);
    if args.ledger {
        let opts = LedgerOptions {
            min_words: args.min_words,
            threshold: args.similarity,
            min_sources: args.min_sources,
            include_indirect: args.include_indirect,
        };
        let entries = quotes::ledger(&loaded.articles, &found, &opts);
        if !global.quiet {
            eprintln!(
                "{} statements in {} articles; {} found in more than one article",
                found.len(),
                loaded.articles.len(),
                entries.len()
            );
        }
        if matches!(
            args.output.format,
            output::Format::Json | output::Format::Jsonl
        ) {
            output::write_records(&entries, &args.output)?;
        } else {
            let rows: Vec<LedgerRow<'_>> = entries
                .iter()
                .flat_map(|e| {
                    e.versions.iter().map(move |v| LedgerRow {
                        id: e.id,
                        speaker: e.speaker.as_deref(),
                        articles: e.articles,
                        sources: e.sources.join("; "),
                        first_published: e.first_published.as_deref(),
                        first_source: &e.first_source,
                        published: v.published.as_deref(),
                        source: &v.source,
                        article: &v.article,
                        change: &v.change,
                        similarity: v.similarity,
                        text: &v.text,
                    })
                })
                .collect();
            output::write_records(&rows, &args.output)?;
        }
    } else if args.speakers {
        let table = quotes::speaker_table(&loaded.articles, &found, &actors);
        output::write_records(&table, &args.output)?;
    } else {
        output::write_records(&rows(&loaded.articles, &found), &args.output)?;
        if !global.quiet {
            eprintln!(
                "{} statements in {} articles ({} with a resolved speaker)",
                found.len(),
                loaded.articles.len(),
                found.iter().filter(|q| q.speaker.is_some()).count()
            );
        }
    }
    Ok(exit)
}
