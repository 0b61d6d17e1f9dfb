//! `gazette actors`: named actors (people, organisations, places) with mentions, aliases and
//! roles, per article or as corpus tables; `--conll` tags CoNLL-2003 files for evaluation.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::actors::{
    ActorExtractor, AliasRegistry, Ambiguity, ArticleActors, Canonical, PersonNames, Tagger,
    canonicalise,
};
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

/// Articles extracted at a time when only corpus totals are printed: the batch, its actors
/// and the running totals are all that is held, so memory follows the number of distinct
/// actors rather than the size of the corpus.
const BATCH: usize = 1024;

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
    let extractor = std::sync::Arc::new(extractor);
    // Per-article lines answer for every article, near-duplicates included; corpus tables
    // count each story once.
    if args.output.format == Format::Jsonl && args.cooccurrence.is_none() && !args.ambiguous {
        return per_article_lines(&args, global, &extractor);
    }
    let mut totals = Totals::new(&args);
    let mut over = 0;
    let streamed = corpus::stream(&args.corpus, global, BATCH, |batch| {
        let (per, o) = corpus::per_article(&batch, &extractor, "actors", |x, a| x.extract(a));
        over += o;
        for (a, f) in batch.iter().zip(per) {
            // An article over the time budget has no actors (it was named on stderr).
            totals.add(a, &f.unwrap_or_default(), &args);
        }
    })?;
    let exit = if streamed.skipped + over > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let plan = totals.names.plan();
    let n_ambiguous = totals.ambiguous + plan.ambiguities.len();
    if !global.quiet && n_ambiguous > 0 && !args.ambiguous {
        eprintln!(
            "note: {n_ambiguous} short names could be more than one actor\nhint: list them with `--ambiguous`"
        );
    }
    if args.ambiguous {
        let mut all = std::mem::take(&mut totals.ambiguities);
        all.extend(plan.ambiguities.iter().cloned());
        write_records(&all, &args.output)?;
        return Ok(exit);
    }
    if args.cooccurrence.is_some() {
        let rows = totals.cooccurrence(&plan, args.top);
        write_records(&rows, &args.output)?;
        return Ok(exit);
    }
    let rows = totals.table(&plan, &args);
    write_records(&rows, &args.output)?;
    Ok(exit)
}

/// `--format jsonl`: one line per actor per article, after canonicalisation across the
/// corpus (so every article's actors are held until the end).
fn per_article_lines(
    args: &Args,
    global: &GlobalArgs,
    extractor: &std::sync::Arc<ActorExtractor>,
) -> anyhow::Result<ExitCode> {
    let loaded = corpus::load_all(&args.corpus, global)?;
    let articles = &loaded.articles;
    let (per, over) =
        corpus::per_article(articles, extractor, "actors", |x: &ActorExtractor, a| {
            x.extract(a)
        });
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
    let mut n_ambiguous: usize = found.iter().map(|f| f.ambiguous.len()).sum();
    n_ambiguous += canonicalise(&mut found).len();
    if !global.quiet && n_ambiguous > 0 {
        eprintln!(
            "note: {n_ambiguous} short names could be more than one actor\nhint: list them with `--ambiguous`"
        );
    }
    let rows: Vec<&gazette_types::Actor> = found.iter().flat_map(|f| &f.actors).collect();
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

/// Corpus totals of one actor (per group), before canonicalisation.
#[derive(Default)]
struct Agg {
    aliases: BTreeMap<String, usize>,
    roles: BTreeMap<String, usize>,
    mentions: usize,
    /// Articles naming the actor, and the last of them (articles come in order).
    articles: usize,
    last: Option<usize>,
    sources: BTreeSet<String>,
    /// Actors (one per article) added, and how many of them list their own name as an alias.
    actors: usize,
    own_alias: usize,
}

impl Agg {
    fn merge(&mut self, o: Agg) {
        for (k, v) in o.aliases {
            *self.aliases.entry(k).or_default() += v;
        }
        for (k, v) in o.roles {
            *self.roles.entry(k).or_default() += v;
        }
        self.mentions += o.mentions;
        self.articles += o.articles;
        self.sources.extend(o.sources);
    }
}

/// Group, type and name of an actor.
type Key = (Option<String>, gazette_types::EntityType, String);

/// What `gazette actors` prints for a corpus, gathered article by article: the table, pair
/// counts, ambiguities and the person names that canonicalisation needs. Everything is keyed
/// by actor names as found; canonical names are put in at the end ([`Canonical`]), which
/// gives the same totals as canonicalising every article first.
struct Totals {
    names: PersonNames,
    /// Per-article ambiguities (listed only with `--ambiguous`; counted always).
    ambiguities: Vec<Ambiguity>,
    ambiguous: usize,
    keep_ambiguities: bool,
    /// Table: totals by (group, type, name).
    table: Option<BTreeMap<Key, Agg>>,
    /// Table: person names that share a surname in one article, by group, with the number of
    /// such articles. Canonicalisation only ever merges person names with the same last word
    /// (`Blair` into `Tony Blair`, `Donald J. Trump` into `Donald Trump`), so these are the
    /// only articles that a merge could count twice.
    together: BTreeMap<(Option<String>, Vec<String>), usize>,
    /// Co-occurrence: pair counts by names as found.
    pairs: Option<(Unit, PairCounts)>,
    index: usize,
}

/// Pair counts keyed by (name, type) of both actors, as found.
type PairCounts = BTreeMap<
    (
        String,
        gazette_types::EntityType,
        String,
        gazette_types::EntityType,
    ),
    usize,
>;

impl Totals {
    fn new(args: &Args) -> Totals {
        let table = !args.ambiguous && args.cooccurrence.is_none();
        Totals {
            names: PersonNames::default(),
            ambiguities: Vec::new(),
            ambiguous: 0,
            keep_ambiguities: args.ambiguous,
            table: table.then(BTreeMap::new),
            together: BTreeMap::new(),
            pairs: args
                .cooccurrence
                .filter(|_| !args.ambiguous)
                .map(|u| (u, BTreeMap::new())),
            index: 0,
        }
    }

    /// Adds the actors of the next article.
    fn add(&mut self, a: &Article, f: &ArticleActors, args: &Args) {
        let i = self.index;
        self.index += 1;
        self.names.add(&f.actors);
        self.ambiguous += f.ambiguous.len();
        if self.keep_ambiguities {
            self.ambiguities.extend(f.ambiguous.iter().cloned());
        }
        if let Some(table) = &mut self.table {
            let group = group_of(a, args);
            let mut by_surname: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
            for actor in &f.actors {
                let e = table
                    .entry((group.clone(), actor.kind, actor.name.clone()))
                    .or_default();
                for al in &actor.aliases {
                    *e.aliases.entry(al.clone()).or_default() += 1;
                }
                if let Some(r) = &actor.role {
                    *e.roles.entry(r.clone()).or_default() += 1;
                }
                e.mentions += actor.mentions.len();
                if e.last != Some(i) {
                    e.last = Some(i);
                    e.articles += 1;
                }
                if !a.source.is_empty() && !e.sources.contains(&a.source) {
                    e.sources.insert(a.source.clone());
                }
                e.actors += 1;
                if actor.aliases.contains(&actor.name) {
                    e.own_alias += 1;
                }
                if actor.kind == gazette_types::EntityType::PER
                    && let Some(last) = actor.name.split_whitespace().last()
                {
                    by_surname
                        .entry(last.to_lowercase())
                        .or_default()
                        .insert(&actor.name);
                }
            }
            for names in by_surname.into_values().filter(|n| n.len() > 1) {
                let names = names.into_iter().map(str::to_string).collect();
                *self.together.entry((group.clone(), names)).or_default() += 1;
            }
        }
        if let Some((unit, counts)) = &mut self.pairs {
            let mut groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
            for m in &f.mentions {
                let key = match unit {
                    Unit::Sentence => m.sentence,
                    Unit::Article => 0,
                };
                groups.entry(key).or_default().insert(m.actor);
            }
            // Pairs per unit: once per sentence, or once per article.
            for g in groups.values() {
                let v: Vec<usize> = g.iter().copied().collect();
                for (k, &x) in v.iter().enumerate() {
                    for &y in &v[k + 1..] {
                        let (a, b) = (&f.actors[x], &f.actors[y]);
                        *counts
                            .entry((a.name.clone(), a.kind, b.name.clone(), b.kind))
                            .or_default() += 1;
                    }
                }
            }
        }
    }

    /// The corpus table, with canonical names.
    fn table(&mut self, plan: &Canonical, args: &Args) -> Vec<Row> {
        let mut agg: BTreeMap<Key, Agg> = BTreeMap::new();
        for ((group, kind, name), mut v) in self.table.take().unwrap_or_default() {
            let to = plan.name(kind, &name);
            if to != name {
                // A renamed actor keeps its old name as an alias.
                *v.aliases.entry(name.clone()).or_default() += v.actors - v.own_alias;
            }
            agg.entry((group, kind, to.to_string()))
                .or_default()
                .merge(v);
        }
        // An article naming two persons that became one counted twice for it.
        for ((group, names), n) in &self.together {
            let mut finals: BTreeMap<&str, usize> = BTreeMap::new();
            for name in names {
                *finals
                    .entry(plan.name(gazette_types::EntityType::PER, name))
                    .or_default() += 1;
            }
            for (name, k) in finals.into_iter().filter(|(_, k)| *k > 1) {
                if let Some(e) = agg.get_mut(&(
                    group.clone(),
                    gazette_types::EntityType::PER,
                    name.to_string(),
                )) {
                    e.articles -= (k - 1) * n;
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
                articles: v.articles,
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

    /// Pairs of actors named together, with canonical names.
    fn cooccurrence(&mut self, plan: &Canonical, top: usize) -> Vec<PairRow> {
        let mut counts: BTreeMap<(String, &'static str, String, &'static str), usize> =
            BTreeMap::new();
        let raw = self.pairs.take().map(|p| p.1).unwrap_or_default();
        for ((an, ak, bn, bk), n) in raw {
            let a = (plan.name(ak, &an), ak);
            let b = (plan.name(bk, &bn), bk);
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            *counts
                .entry((a.0.to_string(), a.1.as_str(), b.0.to_string(), b.1.as_str()))
                .or_default() += n;
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
}
