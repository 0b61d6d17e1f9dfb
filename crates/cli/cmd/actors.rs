//! `gazette actors`: named actors (people, organisations, places) with mentions, aliases and
//! roles, per article or as corpus tables; `--conll` tags CoNLL-2003 files for evaluation.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::actors::{ActorExtractor, AliasRegistry, ArticleActors, Tagger, canonicalise};
use gazette_types::Article;
use serde::Serialize;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{Format, OutputArgs, write_records};

/// Arguments of `gazette actors`.
///
/// `--format jsonl` prints one line per actor per article (name, type, aliases, role,
/// mentions with byte offsets). The other formats print a corpus table: per actor its type,
/// canonical name, aliases, roles, mentions, articles and sources.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Tag a CoNLL-2003 file instead: print every line with one more column, the predicted
    /// IOB2 tag (`B-PER`, `I-ORG`, `O`).
    #[arg(long, value_name = "FILE")]
    pub(crate) conll: Option<PathBuf>,
    /// TOML alias registry added to the built-in one (`[[actor]] name = "United States"
    /// aliases = ["US", "America"]`, optional `type`).
    #[arg(long, value_name = "FILE")]
    pub(crate) actor_aliases: Option<PathBuf>,
    /// Split the corpus table by source or by publication period.
    #[arg(long, value_enum, value_name = "GROUP")]
    pub(crate) by: Option<GroupBy>,
    /// Length of a period for `--by period`.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub(crate) period: Period,
    /// Print co-occurrence of actors (pairs named in the same sentence or article) instead.
    #[arg(long, value_enum, value_name = "UNIT")]
    pub(crate) cooccurrence: Option<Unit>,
    /// Print the short names that could be several people (kept apart, not merged) instead.
    #[arg(long)]
    pub(crate) ambiguous: bool,
    /// Also report MISC names (events, nationalities, works).
    #[arg(long)]
    pub(crate) include_misc: bool,
    /// Leave out actors with fewer mentions than this (tables only).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub(crate) min_mentions: usize,
    /// Print at most N rows (tables only; 0 = all).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub(crate) top: usize,
}

/// Grouping of the corpus table.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupBy {
    /// One table per source (outlet).
    Source,
    /// One table per publication period.
    Period,
}

/// Period length.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    /// `YYYY`.
    Year,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Day,
}

/// Co-occurrence unit.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Both actors named in the same sentence.
    Sentence,
    /// Both actors named in the same article.
    Article,
}

/// One row of the corpus table.
#[derive(Serialize)]
struct Row {
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
    aliases: String,
    roles: String,
    mentions: usize,
    articles: usize,
    sources: String,
}

#[derive(Serialize)]
struct PairRow {
    actor_a: String,
    type_a: &'static str,
    actor_b: String,
    type_b: &'static str,
    count: usize,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.conll {
        anyhow::ensure!(
            args.corpus.paths.is_empty(),
            "`--conll` takes one file and no corpus paths"
        );
        let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let text = String::from_utf8_lossy(&raw);
        let tagger = Tagger::embedded();
        let out = gazette_extract::actors::ner::tag_conll(&tagger, &text);
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    anyhow::ensure!(
        !args.corpus.paths.is_empty(),
        "no corpus paths given\nhint: `gazette actors FILE...` or `gazette actors --conll FILE`"
    );
    let mut extractor = ActorExtractor::new().include_misc(args.include_misc);
    if let Some(p) = &args.actor_aliases {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let reg = AliasRegistry::parse(&text).with_context(|| format!("in {}", p.display()))?;
        extractor = extractor.with_aliases(reg);
    }
    // Per-article lines answer for every article, near-duplicates included; corpus tables
    // count each story once.
    let per_article = args.output.format == Format::Jsonl && args.cooccurrence.is_none();
    let loaded = if per_article && !args.ambiguous {
        corpus::load_all(&args.corpus, global)?
    } else {
        corpus::load(&args.corpus, global)?
    };
    let articles = &loaded.articles;
    let (per, over) = corpus::per_article(
        articles,
        &std::sync::Arc::new(extractor),
        "actors",
        |x: &ActorExtractor, a| x.extract(a),
    );
    // An article over the time budget has no actors (it was named on stderr).
    let mut found: Vec<ArticleActors> = per
        .into_iter()
        .zip(articles)
        .map(|(f, a)| {
            f.unwrap_or_else(|| ArticleActors {
                article: a.id.clone(),
                ..ArticleActors::default()
            })
        })
        .collect();
    let exit = corpus::exit_code_with(&loaded, over);
    let mut ambiguous: Vec<_> = found.iter().flat_map(|f| f.ambiguous.clone()).collect();
    ambiguous.extend(canonicalise(&mut found));
    if !global.quiet && !ambiguous.is_empty() && !args.ambiguous {
        eprintln!(
            "note: {} short names could be more than one actor\nhint: list them with `--ambiguous`",
            ambiguous.len()
        );
    }
    if args.ambiguous {
        write_records(&ambiguous, &args.output)?;
        return Ok(exit);
    }
    if let Some(unit) = args.cooccurrence {
        let rows = cooccurrence(&found, unit, args.top);
        write_records(&rows, &args.output)?;
        return Ok(exit);
    }
    if args.output.format == Format::Jsonl {
        let rows: Vec<&gazette_types::Actor> = found.iter().flat_map(|f| &f.actors).collect();
        write_records(&rows, &args.output)?;
        return Ok(exit);
    }
    let rows = table(articles, &found, &args);
    write_records(&rows, &args.output)?;
    Ok(exit)
}

fn group_of(a: &Article, args: &Args) -> Option<String> {
    match args.by? {
        GroupBy::Source => Some(if a.source.is_empty() {
            "(unknown)".into()
        } else {
            a.source.clone()
        }),
        GroupBy::Period => Some(match &a.published {
            None => "(undated)".into(),
            Some(d) => {
                let n = match args.period {
                    Period::Year => 4,
                    Period::Month => 7,
                    Period::Day => 10,
                };
                d.get(..n).unwrap_or(d).to_string()
            }
        }),
    }
}

#[derive(Default)]
struct Agg {
    aliases: BTreeMap<String, usize>,
    roles: BTreeMap<String, usize>,
    mentions: usize,
    articles: BTreeSet<usize>,
    sources: BTreeSet<String>,
}

fn table(articles: &[Article], found: &[ArticleActors], args: &Args) -> Vec<Row> {
    let mut agg: BTreeMap<(Option<String>, gazette_types::EntityType, String), Agg> =
        BTreeMap::new();
    for (i, (a, f)) in articles.iter().zip(found).enumerate() {
        let group = group_of(a, args);
        for actor in &f.actors {
            let e = agg
                .entry((group.clone(), actor.kind, actor.name.clone()))
                .or_default();
            for al in &actor.aliases {
                *e.aliases.entry(al.clone()).or_default() += 1;
            }
            if let Some(r) = &actor.role {
                *e.roles.entry(r.clone()).or_default() += 1;
            }
            e.mentions += actor.mentions.len();
            e.articles.insert(i);
            if !a.source.is_empty() {
                e.sources.insert(a.source.clone());
            }
        }
    }
    let by_count = |m: &BTreeMap<String, usize>, max: usize| {
        let mut v: Vec<(&String, &usize)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .take(max)
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows: Vec<Row> = agg
        .into_iter()
        .filter(|(_, v)| v.mentions >= args.min_mentions)
        .map(|((group, kind, name), v)| Row {
            group,
            kind: kind.as_str(),
            name,
            aliases: by_count(&v.aliases, 8),
            roles: by_count(&v.roles, 3),
            mentions: v.mentions,
            articles: v.articles.len(),
            sources: v.sources.into_iter().collect::<Vec<_>>().join("; "),
        })
        .collect();
    rows.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.kind.cmp(b.kind))
            .then(a.name.cmp(&b.name))
    });
    if args.top > 0 {
        let mut seen: BTreeMap<Option<String>, usize> = BTreeMap::new();
        rows.retain(|r| {
            let n = seen.entry(r.group.clone()).or_default();
            *n += 1;
            *n <= args.top
        });
    }
    rows
}

fn cooccurrence(found: &[ArticleActors], unit: Unit, top: usize) -> Vec<PairRow> {
    let mut counts: BTreeMap<(String, &'static str, String, &'static str), usize> = BTreeMap::new();
    for f in found {
        let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for m in &f.mentions {
            let key = match unit {
                Unit::Sentence => m.sentence,
                Unit::Article => 0,
            };
            groups.entry(key).or_default().insert(m.actor);
        }
        // Pairs per unit: once per sentence, or once per article.
        let mut per_unit: Vec<(usize, usize)> = Vec::new();
        for g in groups.values() {
            let v: Vec<usize> = g.iter().copied().collect();
            for (k, &x) in v.iter().enumerate() {
                for &y in &v[k + 1..] {
                    per_unit.push((x, y));
                }
            }
        }
        for (i, j) in per_unit {
            let (a, b) = (&f.actors[i], &f.actors[j]);
            let (a, b) = if (a.name.as_str(), a.kind) <= (b.name.as_str(), b.kind) {
                (a, b)
            } else {
                (b, a)
            };
            *counts
                .entry((
                    a.name.clone(),
                    a.kind.as_str(),
                    b.name.clone(),
                    b.kind.as_str(),
                ))
                .or_default() += 1;
        }
    }
    let mut rows: Vec<PairRow> = counts
        .into_iter()
        .map(|((actor_a, type_a, actor_b, type_b), count)| PairRow {
            actor_a,
            type_a,
            actor_b,
            type_b,
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.actor_a.cmp(&b.actor_a))
            .then(a.actor_b.cmp(&b.actor_b))
    });
    if top > 0 {
        rows.truncate(top);
    }
    rows
}
