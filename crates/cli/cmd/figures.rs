//! `gazette figures`: every cited figure (money, percentages, counts, quantities, dates,
//! times, durations), normalised, with what it counts and who cites it; `--conflicts` groups
//! figures across articles and shows where sources cite different values for the same thing.

use std::process::ExitCode;

use gazette_extract::actors::ActorExtractor;
use gazette_extract::figures::{self, ConflictOptions, FigureExtractor};
use gazette_types::{Article, Figure, FigureKind};
use serde::Serialize;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{self, OutputArgs};

/// Arguments of `gazette figures`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Print conflicts instead: figures of the same kind, unit, object and year that
    /// different articles cite with different values, one row per citation.
    #[arg(long)]
    pub(crate) conflicts: bool,
    /// Conflicts: largest relative difference (max - min) / max still taken as agreement.
    #[arg(long, default_value_t = 0.05, value_name = "X", requires = "conflicts")]
    pub(crate) tolerance: f64,
    /// Also report relative periods (`last week`, `this year`, `yesterday`) as dates,
    /// resolved against each article's publication date.
    #[arg(long)]
    pub(crate) relative_periods: bool,
    /// Skip the named-actor and quote finders: actors are then the names found next to each
    /// figure, as written (faster).
    #[arg(long)]
    pub(crate) no_actors: bool,
    /// Keep only these kinds (comma-separated: money, percent, count, quantity, date, time,
    /// duration, ordinal, number).
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub(crate) kind: Vec<String>,
}

/// One conflict citation flattened for tables and CSV.
#[derive(Serialize)]
struct ConflictRow<'a> {
    group: usize,
    kind: FigureKind,
    unit: Option<&'a str>,
    object: &'a str,
    period: &'a str,
    spread: f64,
    value: f64,
    qualifier: Option<&'a str>,
    text: &'a str,
    actor: Option<&'a str>,
    source: &'a str,
    article: &'a str,
    start: usize,
    end: usize,
}

/// Finds the figures of every article (in input order, in parallel, each within the time
/// budget), with actors resolved through the named-actor and quote finders unless
/// `with_actors` is false. The second value counts the articles over the budget.
pub(crate) fn extract_all(
    articles: &[Article],
    x: FigureExtractor,
    with_actors: bool,
) -> (Vec<Figure>, usize) {
    let shared = std::sync::Arc::new((x, with_actors.then(ActorExtractor::new)));
    let (per, over) = corpus::per_article(
        articles,
        &shared,
        "figures",
        |(x, actors): &(FigureExtractor, Option<ActorExtractor>), a| match actors {
            Some(ax) => {
                let found = ax.extract(a);
                let said = gazette_extract::quotes::extract_with_actors(a, &found);
                x.extract_with_actors(a, &found, &said)
            }
            None => x.extract(a),
        },
    );
    (per.into_iter().flatten().flatten().collect(), over)
}

fn parse_kind(s: &str) -> anyhow::Result<FigureKind> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_lowercase())).map_err(|_| {
        anyhow::anyhow!(
            "unknown figure kind `{s}`\nhint: use money, percent, count, quantity, date, time, duration, ordinal or number"
        )
    })
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if !(args.tolerance >= 0.0 && args.tolerance.is_finite()) {
        anyhow::bail!(
            "`--tolerance` must be a number of at least 0, got {}",
            args.tolerance
        );
    }
    let kinds: Vec<FigureKind> = args
        .kind
        .iter()
        .map(|k| parse_kind(k))
        .collect::<anyhow::Result<_>>()?;
    // Per-article figures answer for every article, near-duplicates included; conflicts are
    // looked for once per story.
    let loaded = if args.conflicts {
        corpus::load(&args.corpus, global)?
    } else {
        corpus::load_all(&args.corpus, global)?
    };
    let x = FigureExtractor::new().relative_periods(args.relative_periods);
    let (mut found, over) = extract_all(&loaded.articles, x, !args.no_actors);
    let exit = corpus::exit_code_with(&loaded, over);
    if !kinds.is_empty() {
        found.retain(|f| kinds.contains(&f.kind));
    }
    if args.conflicts {
        let groups = figures::conflicts_with(
            &found,
            &loaded.articles,
            ConflictOptions {
                tolerance: args.tolerance,
            },
        );
        let rows: Vec<ConflictRow<'_>> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, c)| {
                c.citations.iter().map(move |ci| ConflictRow {
                    group: g + 1,
                    kind: c.kind,
                    unit: c.unit.as_deref(),
                    object: &c.object,
                    period: &c.period,
                    spread: (c.spread * 1e4).round() / 1e4,
                    value: ci.value,
                    qualifier: ci.qualifier.as_deref(),
                    text: &ci.text,
                    actor: ci.actor.as_deref(),
                    source: &ci.source,
                    article: &ci.article,
                    start: ci.start,
                    end: ci.end,
                })
            })
            .collect();
        output::write_records(&rows, &args.output)?;
    } else {
        output::write_records(&found, &args.output)?;
    }
    Ok(exit)
}
