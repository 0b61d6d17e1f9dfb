//! The analysis sections: terms, keyness, trends, actors, quotes and figures.
//!
//! Each function reads the corpus through `gazette-freq` or `gazette-extract` and returns a
//! section (or `None` when the corpus cannot support it: one source has nothing to compare,
//! undated articles have no trends).

use std::collections::{BTreeMap, BTreeSet};

use gazette_extract::actors::{ActorExtractor, Ambiguity, ArticleActors, canonicalise};
use gazette_freq::{CorpusCounts, CountOptions, Grouping, KeynessOptions, KeynessTable, Unit};
use gazette_types::{Actor, Figure, FigureValue, Quote};
use rayon::prelude::*;

use crate::build::{Corpus, Period, capitalise, fixed, thousands};
use crate::model::{
    Block, Chart, ChartKind, Column, DispersionRow, IntervalRow, Section, Series, Table,
};
use crate::palette::GREY;

/// Extractions of every article, in article order.
pub(crate) struct Extracted {
    pub(crate) actors: Vec<Vec<Actor>>,
    pub(crate) quotes: Vec<Quote>,
    pub(crate) figures: Vec<Figure>,
    /// Articles whose extraction failed (an extractor panicked or ran over the time budget);
    /// they add nothing.
    pub(crate) failed: usize,
    /// Names that could be several actors across articles, and what was done with them.
    pub(crate) ambiguous: Vec<Ambiguity>,
}

/// Actors, quotes and figures of one article.
type PerArticle = (Vec<Actor>, Vec<Quote>, Vec<Figure>);

/// Runs actors, quotes and figures on every article, in parallel, keeping article order.
pub(crate) fn extract(c: &Corpus<'_>) -> Extracted {
    type Extractors = (ActorExtractor, gazette_extract::figures::FigureExtractor);
    let mut actors_x = ActorExtractor::new();
    if let Some(reg) = &c.input.actor_aliases {
        actors_x = actors_x.with_aliases(reg.clone());
    }
    let shared = std::sync::Arc::new((actors_x, gazette_extract::figures::FigureExtractor::new()));
    fn run((extractor, figures_x): &Extractors, a: &gazette_types::Article) -> PerArticle {
        let found = extractor.extract(a);
        let quotes = gazette_extract::quotes::extract(a, &found.actors);
        let figures = figures_x.extract(a);
        (found.actors, quotes, figures)
    }
    let budget = c.input.time_budget;
    let per: Vec<Option<PerArticle>> = c
        .input
        .articles
        .par_iter()
        // Short runs of articles per task, so that both cores finish together.
        .with_max_len(8)
        // A bug in one extractor must not cost the whole report, nor must one article that
        // takes forever: such an article contributes nothing and is counted in `failed`.
        .map(|a| gazette_extract::budget::within(budget, &shared, a, run).ok())
        .collect();
    let failed = per.iter().filter(|p| p.is_none()).count();
    let per: Vec<(Vec<Actor>, Vec<Quote>, Vec<Figure>)> =
        per.into_iter().map(|p| p.unwrap_or_default()).collect();
    // One actor across articles: "Obama" alone is Barack Obama when the corpus names no other
    // Obama as often; "Donald J. Trump" is Donald Trump. Quotes follow their speaker.
    let mut found = Vec::with_capacity(per.len());
    let mut rest = Vec::with_capacity(per.len());
    for ((actors, quotes, figures), a) in per.into_iter().zip(c.input.articles) {
        // The names before canonicalisation, to rename quote speakers after it.
        let old: Vec<String> = actors.iter().map(|x| x.name.clone()).collect();
        found.push(ArticleActors {
            article: a.id.clone(),
            actors,
            ..Default::default()
        });
        rest.push((old, quotes, figures));
    }
    let ambiguous = canonicalise(&mut found);
    let mut out = Extracted {
        actors: Vec::with_capacity(found.len()),
        quotes: Vec::new(),
        figures: Vec::new(),
        failed,
        ambiguous,
    };
    for ((old, mut q, f), new) in rest.into_iter().zip(found) {
        for quote in &mut q {
            let renamed = quote.speaker.as_ref().and_then(|s| {
                old.iter()
                    .zip(&new.actors)
                    .find(|(o, n)| *o == s && **o != n.name)
                    .map(|(_, n)| n.name.clone())
            });
            if renamed.is_some() {
                quote.speaker = renamed;
            }
        }
        out.actors.push(new.actors);
        out.quotes.extend(q);
        out.figures.extend(f);
    }
    out
}

fn freq_period(p: Period) -> gazette_freq::Period {
    match p {
        Period::Day => gazette_freq::Period::Day,
        Period::Month => gazette_freq::Period::Month,
        Period::Year => gazette_freq::Period::Year,
        Period::Decade => gazette_freq::Period::Decade,
    }
}

/// Term counts grouped by the group field and period; stop words and numbers left out.
pub(crate) fn count(c: &Corpus<'_>, unit: Unit) -> CorpusCounts {
    let opts = CountOptions {
        drop_stopwords: true,
        numbers: false,
        ..CountOptions::default()
    };
    let mut b = CorpusCounts::builder(&opts).unit(unit).grouping(Grouping {
        field: Some(c.input.group_by.clone()),
        period: c.period_kind.map(freq_period),
    });
    b.add(c.input.articles);
    b.finish()
}

/// The group name freq uses for an article's group (`""` for none) mapped to ours.
fn group_label(g: Option<&str>) -> String {
    match g.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => crate::build::NO_SOURCE.to_string(),
    }
}

/// (term, count, documents) per group, summed over periods, and the group's words.
struct GroupTotals {
    terms: BTreeMap<String, BTreeMap<u32, (u64, u64)>>,
    words: BTreeMap<String, u64>,
}

fn totals(counts: &CorpusCounts) -> GroupTotals {
    let mut t = GroupTotals {
        terms: BTreeMap::new(),
        words: BTreeMap::new(),
    };
    for g in counts.groups() {
        let name = group_label(g.key.group.as_deref());
        *t.words.entry(name.clone()).or_default() += g.words;
        let m = t.terms.entry(name).or_default();
        for tc in &g.terms {
            let e = m.entry(tc.term).or_default();
            e.0 += tc.count;
            e.1 += tc.documents;
        }
    }
    t
}

/// Top `n` terms by count (ties by term), from a term → (count, docs) map.
fn top(vocab: &[String], m: &BTreeMap<u32, (u64, u64)>, n: usize) -> Vec<(String, u64, u64)> {
    let mut v: Vec<(String, u64, u64)> = m
        .iter()
        .map(|(id, (c, d))| (vocab[*id as usize].clone(), *c, *d))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn per10k(count: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        count as f64 * 10_000.0 / words as f64
    }
}

/// Top terms and n-grams, overall and per group.
pub(crate) fn terms(
    c: &Corpus<'_>,
    words: &CorpusCounts,
    bigrams: &CorpusCounts,
) -> (Section, Vec<String>) {
    let mut blocks = vec![Block::Paragraph {
        text: "Terms are words folded to lower case, without stop words (the, of, said ...) and numbers. Rates are occurrences per 10,000 words, so groups of different size can be compared.".into(),
    }];
    let mut summary = Vec::new();
    let wt = totals(words);
    let vocab = words.vocabulary();
    let mut overall: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for m in wt.terms.values() {
        for (id, (n, d)) in m {
            let e = overall.entry(*id).or_default();
            e.0 += n;
            e.1 += d;
        }
    }
    let total_words: u64 = wt.words.values().sum();
    let top_all = top(vocab, &overall, 50);
    if let Some((t, n, _)) = top_all.first() {
        summary.push(format!(
            "The most frequent content word is \"{t}\" ({} occurrences, {} per 10,000 words).",
            thousands(*n as usize),
            fixed(per10k(*n, total_words), 1)
        ));
    }
    let mut columns = vec![
        Column::number("Rank"),
        Column::text("Term"),
        Column::number("Count"),
        Column::number("Per 10k words"),
        Column::number("Articles"),
    ];
    // Per-group rates fit up to four groups; beyond, `terms-by-source` has them.
    let per_group = c.compares() && c.groups.len() <= 4;
    if per_group {
        columns.extend(
            c.groups
                .iter()
                .map(|g| Column::number(&format!("{g} per 10k"))),
        );
    }
    let rows = top_all
        .iter()
        .enumerate()
        .map(|(i, (t, n, d))| {
            let mut r = vec![
                (i + 1).to_string(),
                t.clone(),
                thousands(*n as usize),
                fixed(per10k(*n, total_words), 1),
                thousands(*d as usize),
            ];
            if per_group {
                let id = words.term_id(t);
                for g in &c.groups {
                    let n = id
                        .and_then(|id| wt.terms.get(g).and_then(|m| m.get(&id)))
                        .map_or(0, |v| v.0);
                    r.push(fixed(per10k(n, wt.words.get(g).copied().unwrap_or(0)), 1));
                }
            }
            r
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "terms-top".into(),
        caption: "Most frequent terms in the whole corpus".into(),
        columns,
        rows,
        shown: Some(25),
    }));
    // Chart: top 20 terms, rate per 10k in each group, side by side.
    // Side-by-side bars for many groups get tall: fewer terms then.
    let n_chart = if c.groups.len() > 4 { 10 } else { 20 };
    let chart_terms: Vec<&(String, u64, u64)> = top_all.iter().take(n_chart).collect();
    let series: Vec<Series> = if c.compares() {
        c.groups
            .iter()
            .map(|g| Series {
                name: g.clone(),
                color: c.color(g),
                values: chart_terms
                    .iter()
                    .map(|(t, _, _)| {
                        let n = words
                            .term_id(t)
                            .and_then(|id| wt.terms.get(g).and_then(|m| m.get(&id)))
                            .map_or(0, |v| v.0);
                        per10k(n, wt.words.get(g).copied().unwrap_or(0))
                    })
                    .collect(),
            })
            .collect()
    } else {
        vec![Series {
            name: "corpus".into(),
            color: c.styles.first().map_or(GREY.into(), |s| s.color.clone()),
            values: chart_terms
                .iter()
                .map(|(_, n, _)| per10k(*n, total_words))
                .collect(),
        }]
    };
    if !chart_terms.is_empty() {
        blocks.push(Block::Chart(Chart {
            id: "terms-top".into(),
            title: "Most frequent terms".into(),
            caption: if c.compares() {
                format!(
                    "The {n_chart} most frequent terms of the corpus, with their rate per 10,000 words in each {}.",
                    c.input.group_by
                )
            } else {
                format!("The {n_chart} most frequent terms, per 10,000 words.")
            },
            x_label: "occurrences per 10,000 words".into(),
            y_label: String::new(),
            kind: ChartKind::Bars {
                categories: chart_terms.iter().map(|t| t.0.clone()).collect(),
                series,
                stacked: false,
            },
        }));
    }
    // Per group: the top 15 terms side by side.
    if c.compares() {
        let per: Vec<Vec<(String, u64, u64)>> = c
            .groups
            .iter()
            .map(|g| wt.terms.get(g).map_or_else(Vec::new, |m| top(vocab, m, 15)))
            .collect();
        let rows = (0..15)
            .map(|i| {
                let mut r = vec![(i + 1).to_string()];
                for p in &per {
                    r.push(
                        p.get(i)
                            .map_or(String::new(), |(t, n, _)| format!("{t} ({n})")),
                    );
                }
                r
            })
            .filter(|r| r[1..].iter().any(|x| !x.is_empty()))
            .collect();
        let mut columns = vec![Column::number("Rank")];
        columns.extend(c.groups.iter().map(|g| Column::text(g)));
        blocks.push(Block::Table(Table {
            id: "terms-by-source".into(),
            caption: format!("Top terms per {} (count)", c.input.group_by),
            columns,
            rows,
            shown: None,
        }));
    }
    // Bigrams.
    let bt = totals(bigrams);
    let bvocab = bigrams.vocabulary();
    let mut ball: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for m in bt.terms.values() {
        for (id, (n, d)) in m {
            let e = ball.entry(*id).or_default();
            e.0 += n;
            e.1 += d;
        }
    }
    let btop = top(bvocab, &ball, 30);
    if !btop.is_empty() {
        let mut columns = vec![
            Column::number("Rank"),
            Column::text("Two-word phrase"),
            Column::number("Count"),
            Column::number("Articles"),
        ];
        if per_group {
            columns.extend(c.groups.iter().map(|g| Column::number(g)));
        }
        let rows = btop
            .iter()
            .enumerate()
            .map(|(i, (t, n, d))| {
                let mut r = vec![
                    (i + 1).to_string(),
                    t.clone(),
                    thousands(*n as usize),
                    thousands(*d as usize),
                ];
                if per_group {
                    let id = bigrams.term_id(t);
                    for g in &c.groups {
                        let n = id
                            .and_then(|id| bt.terms.get(g).and_then(|m| m.get(&id)))
                            .map_or(0, |v| v.0);
                        r.push(thousands(n as usize));
                    }
                }
                r
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: "terms-bigrams".into(),
            caption: "Most frequent two-word phrases (no stop word at either end)".into(),
            columns,
            rows,
            shown: Some(20),
        }));
    }
    (
        Section {
            id: "terms".into(),
            title: "Term usage".into(),
            blocks,
        },
        summary,
    )
}

fn col_str(t: &KeynessTable, name: &str) -> Vec<String> {
    t.frame()
        .column(name)
        .ok()
        .and_then(|c| {
            c.str().ok().map(|s| {
                (0..s.len())
                    .map(|i| s.get(i).unwrap_or("").to_string())
                    .collect()
            })
        })
        .unwrap_or_default()
}

fn col_f64(t: &KeynessTable, name: &str) -> Vec<f64> {
    t.frame()
        .column(name)
        .ok()
        .and_then(|c| {
            c.cast(&gazette_freq::polars::prelude::DataType::Float64)
                .ok()
        })
        .and_then(|c| {
            c.f64()
                .ok()
                .map(|s| (0..s.len()).map(|i| s.get(i).unwrap_or(0.0)).collect())
        })
        .unwrap_or_default()
}

/// Articles per term and group, for the dispersion of keywords.
struct GroupDocs<'a> {
    words: &'a CorpusCounts,
}

impl<'a> GroupDocs<'a> {
    fn new(words: &'a CorpusCounts) -> Self {
        GroupDocs { words }
    }

    /// For the groups `pick` accepts: a function giving the articles a term id occurs in,
    /// and their number of articles.
    fn side(&self, pick: impl Fn(&str) -> bool) -> (impl Fn(Option<u32>) -> u64 + '_, u64) {
        let mut per: BTreeMap<u32, u64> = BTreeMap::new();
        let mut total = 0;
        for g in self.words.groups() {
            // freq names an article without the field ""; so does `target` here.
            if pick(g.key.group.as_deref().unwrap_or("")) {
                total += g.documents;
                for t in &g.terms {
                    *per.entry(t.term).or_default() += t.documents;
                }
            }
        }
        (
            move |id: Option<u32>| id.and_then(|i| per.get(&i).copied()).unwrap_or(0),
            total,
        )
    }
}

/// Keywords of each group against the rest of the corpus.
pub(crate) fn keyness(c: &Corpus<'_>, words: &CorpusCounts) -> Option<(Section, Vec<String>)> {
    if !c.compares() {
        return None;
    }
    let mut blocks = vec![Block::Paragraph {
        text: format!(
            "Keywords are terms a {g} uses significantly more (or less) often than all other {g}s together, and in several of its articles (at least 3, and 5% of them; for keywords it uses less, in several articles of the rest), so that one long article cannot make them. Significance is the log-likelihood G² with Benjamini–Hochberg correction (adjusted p < 0.05, at least 3 occurrences); the 10 strongest each way are shown. Effect size is Hardie's log ratio: 1 means twice as frequent, 2 four times. Bars show the log ratio, whiskers its 95% confidence interval. Keywords show what is distinctive, not what is common to all {g}s.",
            g = c.input.group_by
        ),
    }];
    let mut summary = Vec::new();
    let mut all_rows = Vec::new();
    let docs = GroupDocs::new(words);
    for g in &c.groups {
        // freq names an article without the field ""; ours is NO_SOURCE.
        let target = if g == crate::build::NO_SOURCE {
            ""
        } else {
            g.as_str()
        };
        let opts = KeynessOptions::new(target);
        let Ok(t) = words.keyness(&opts) else {
            continue;
        };
        let terms = col_str(&t, KeynessTable::COL_TERM);
        // Dispersion: a keyword must occur in several articles of the side it is frequent
        // in (at least 3, and 5% of them), so one long article cannot make a source's
        // keywords. The table is sorted by G², strongest first, within each direction.
        let (t_docs, t_total) = docs.side(|x| x == target);
        let (r_docs, r_total) = docs.side(|x| x != target);
        let range = |n: u64| n.min(3.max((n as f64 * 0.05).ceil() as u64));
        let (mut n_pos, mut n_neg) = (0, 0);
        let lr_all = col_f64(&t, KeynessTable::COL_LOG_RATIO);
        let keep: Vec<usize> = (0..terms.len().min(lr_all.len()))
            .filter(|&i| {
                let positive = lr_all[i] > 0.0;
                let id = words.term_id(&terms[i]);
                let (spread, need, n) = if positive {
                    (t_docs(id), range(t_total), &mut n_pos)
                } else {
                    (r_docs(id), range(r_total), &mut n_neg)
                };
                if spread < need || *n >= 10 {
                    return false;
                }
                *n += 1;
                true
            })
            .collect();
        let pick = |v: Vec<f64>| -> Vec<f64> { keep.iter().map(|&i| v[i]).collect() };
        let terms: Vec<String> = keep.iter().map(|&i| terms[i].clone()).collect();
        let lr = pick(col_f64(&t, KeynessTable::COL_LOG_RATIO));
        let lo = pick(col_f64(&t, KeynessTable::COL_LOG_RATIO_LOW));
        let hi = pick(col_f64(&t, KeynessTable::COL_LOG_RATIO_HIGH));
        let tgt = pick(col_f64(&t, KeynessTable::COL_TARGET_PER_10K));
        let rf = pick(col_f64(&t, KeynessTable::COL_REFERENCE_PER_10K));
        let g2 = pick(col_f64(&t, KeynessTable::COL_G2));
        let p = pick(col_f64(&t, KeynessTable::COL_P_ADJUSTED));
        let spread: Vec<String> = terms
            .iter()
            .map(|term| {
                let id = words.term_id(term);
                format!("{} / {}", t_docs(id), r_docs(id))
            })
            .collect();
        let mut rows: Vec<usize> = (0..terms.len().min(lr.len())).collect();
        // Positive keywords first (strongest first), then negative (most avoided last).
        rows.sort_by(|&a, &b| {
            lr[b]
                .partial_cmp(&lr[a])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| terms[a].cmp(&terms[b]))
        });
        if rows.is_empty() {
            blocks.push(Block::Paragraph {
                text: format!(
                    "{g}: no term is significantly more or less frequent than in the rest."
                ),
            });
            continue;
        }
        let pos: Vec<&String> = rows
            .iter()
            .filter(|&&i| lr[i] > 0.0)
            .take(5)
            .map(|&i| &terms[i])
            .collect();
        if !pos.is_empty() {
            summary.push(format!(
                "{g} stands out for: {}.",
                pos.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        blocks.push(Block::Chart(Chart {
            id: format!("keyness-{}", slug(g)),
            title: format!("Keywords: {g} vs the rest"),
            caption: format!(
                "Log ratio of each keyword's rate in {g} against all other {}s; right of zero: more frequent in {g} (its colour), left: less frequent (grey). Whiskers: 95% confidence interval.",
                c.input.group_by
            ),
            x_label: "log₂ ratio (target / rest)".into(),
            y_label: String::new(),
            kind: ChartKind::Diverging {
                rows: rows
                    .iter()
                    .map(|&i| IntervalRow {
                        label: terms[i].clone(),
                        color: if lr[i] > 0.0 { c.color(g) } else { GREY.into() },
                        value: lr[i],
                        low: lo.get(i).copied().unwrap_or(lr[i]),
                        high: hi.get(i).copied().unwrap_or(lr[i]),
                    })
                    .collect(),
            },
        }));
        for &i in &rows {
            all_rows.push(vec![
                g.clone(),
                terms[i].clone(),
                spread[i].clone(),
                fixed(tgt.get(i).copied().unwrap_or(0.0), 1),
                fixed(rf.get(i).copied().unwrap_or(0.0), 1),
                fixed(lr[i], 2),
                format!(
                    "[{}, {}]",
                    fixed(lo.get(i).copied().unwrap_or(0.0), 2),
                    fixed(hi.get(i).copied().unwrap_or(0.0), 2)
                ),
                fixed(g2.get(i).copied().unwrap_or(0.0), 1),
                format!("{:.1e}", p.get(i).copied().unwrap_or(1.0)),
            ]);
        }
    }
    blocks.push(Block::Table(Table {
        id: "keyness".into(),
        caption: format!("Keywords of each {} against the rest", c.input.group_by),
        columns: vec![
            Column::text(&capitalise(&c.input.group_by)),
            Column::text("Term"),
            Column::number("Articles (target / rest)"),
            Column::number("Per 10k (target)"),
            Column::number("Per 10k (rest)"),
            Column::number("Log ratio"),
            Column::text("95% CI"),
            Column::number("G²"),
            Column::number("Adj. p"),
        ],
        shown: Some(all_rows.len().min(20 * 8)),
        rows: all_rows,
    }));
    Some((
        Section {
            id: "keyness".into(),
            title: format!("What distinguishes each {}", c.input.group_by),
            blocks,
        },
        summary,
    ))
}

/// A file-name-safe form of a label.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-').to_string();
    if t.is_empty() { "x".into() } else { t }
}

/// Watch terms over time per group, and where they occur (dispersion).
pub(crate) fn trends(c: &Corpus<'_>, words: &CorpusCounts, watch: &[String]) -> Option<Section> {
    if c.periods.len() < 2 || watch.is_empty() {
        return None;
    }
    let kind = c.period_kind.map_or("period", |p| match p {
        Period::Day => "day",
        Period::Month => "month",
        Period::Year => "year",
        Period::Decade => "decade",
    });
    let mut blocks = vec![Block::Paragraph {
        text: format!(
            "Rates per 10,000 words of the watch terms per {kind} and {g}. A missing point means the {g} has no article in that {kind}; rates from few articles are unstable.",
            g = c.input.group_by
        ),
    }];
    // (group, period) → words and term counts.
    let mut cell: BTreeMap<(String, String), (u64, BTreeMap<u32, u64>)> = BTreeMap::new();
    for g in words.groups() {
        let Some(p) = g.key.period.clone() else {
            continue;
        };
        let e = cell
            .entry((group_label(g.key.group.as_deref()), p))
            .or_default();
        e.0 += g.words;
        for t in &g.terms {
            *e.1.entry(t.term).or_default() += t.count;
        }
    }
    let periods: Vec<String> = cell
        .keys()
        .map(|k| k.1.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut rows = Vec::new();
    for term in watch {
        let id = words.term_id(term);
        let series: Vec<Series> = c
            .groups
            .iter()
            .map(|g| Series {
                name: g.clone(),
                color: c.color(g),
                values: periods
                    .iter()
                    .map(|p| match cell.get(&(g.clone(), p.clone())) {
                        Some((w, m)) if *w > 0 => {
                            let n = id.and_then(|id| m.get(&id).copied()).unwrap_or(0);
                            rows.push(vec![
                                term.clone(),
                                p.clone(),
                                g.clone(),
                                thousands(n as usize),
                                fixed(per10k(n, *w), 2),
                            ]);
                            per10k(n, *w)
                        }
                        _ => f64::NAN,
                    })
                    .collect(),
            })
            .collect();
        blocks.push(Block::Chart(Chart {
            id: format!("trend-{}", slug(term)),
            title: format!("\"{term}\" over time"),
            caption: format!(
                "Occurrences of \"{term}\" per 10,000 words, per {kind} and {}.",
                c.input.group_by
            ),
            x_label: kind.into(),
            y_label: "per 10,000 words".into(),
            kind: ChartKind::Lines {
                x: periods.clone(),
                series,
            },
        }));
    }
    blocks.push(Block::Table(Table {
        id: "trends".into(),
        caption: format!("Watch terms per {kind} and {}", c.input.group_by),
        columns: vec![
            Column::text("Term"),
            Column::text(&capitalise(kind)),
            Column::text(&capitalise(&c.input.group_by)),
            Column::number("Count"),
            Column::number("Per 10k words"),
        ],
        rows,
        shown: Some(40),
    }));
    // Dispersion: each occurrence's position in its group's articles in date order.
    let mut order: Vec<usize> = (0..c.input.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let pa = c.input.articles[a].published.as_deref().unwrap_or("");
        let pb = c.input.articles[b].published.as_deref().unwrap_or("");
        pa.cmp(pb).then(a.cmp(&b))
    });
    let tokenizer = gazette_tokenize::Tokenizer::default();
    let watch_set: BTreeSet<&str> = watch.iter().map(String::as_str).collect();
    // (term, group) → positions in words from the group's start; group → total words.
    let mut pos: BTreeMap<(&str, &str), Vec<u64>> = BTreeMap::new();
    let mut offset: BTreeMap<&str, u64> = BTreeMap::new();
    for &i in &order {
        let g = c.group[i].as_str();
        let base = offset.entry(g).or_default();
        let mut n = 0u64;
        for tok in tokenizer.tokenize(&c.input.articles[i].text) {
            if !matches!(
                tok.kind,
                gazette_types::TokenKind::Word | gazette_types::TokenKind::Number
            ) {
                continue;
            }
            let lower = tok.text.to_lowercase();
            if let Some(w) = watch_set.get(lower.as_str()) {
                pos.entry((w, g)).or_default().push(*base + n);
            }
            n += 1;
        }
        *base += n;
    }
    let mut drows = Vec::new();
    for term in watch {
        for g in &c.groups {
            let total = offset.get(g.as_str()).copied().unwrap_or(0).max(1) as f64;
            let ps = pos
                .get(&(term.as_str(), g.as_str()))
                .cloned()
                .unwrap_or_default();
            drows.push(DispersionRow {
                label: if c.compares() {
                    format!("{term} · {g}")
                } else {
                    term.clone()
                },
                color: c.color(g),
                positions: ps.iter().map(|&p| p as f64 / total).collect(),
            });
        }
    }
    blocks.push(Block::Chart(Chart {
        id: "dispersion".into(),
        title: "Where the watch terms occur".into(),
        caption: format!(
            "Each tick is one occurrence, placed by its position in the {g}'s articles read in date order (0% = first word of the earliest article). Even spread: used throughout; clumps: tied to particular articles or periods.",
            g = c.input.group_by
        ),
        x_label: "position in the corpus (date order)".into(),
        y_label: String::new(),
        kind: ChartKind::Dispersion { rows: drows },
    }));
    Some(Section {
        id: "trends".into(),
        title: "Watch terms over time".into(),
        blocks,
    })
}

/// Most mentioned actors per group, their roles, and who appears with whom.
pub(crate) fn actors(c: &Corpus<'_>, x: &Extracted) -> (Section, Vec<String>) {
    let mut blocks = vec![Block::Paragraph {
        text: "Actors are people, organisations and places found by gazette's named-entity tagger, with the mentions of one actor in an article merged (\"Lavrov\" → \"Sergei Lavrov\"). Counts are mentions; \"articles\" counts articles naming the actor at least once.".into(),
    }];
    let mut summary = Vec::new();
    if x.failed > 0 {
        blocks.push(Block::Paragraph {
            text: format!(
                "Warning: extraction failed on {} articles (an internal error, or over the time budget per article); their actors, quotes and figures are missing from this report.",
                thousands(x.failed)
            ),
        });
    }
    // name → (type, mentions per group, articles, roles)
    #[derive(Default)]
    struct Agg {
        kind: String,
        mentions: BTreeMap<String, u64>,
        articles: u64,
        roles: BTreeMap<String, u64>,
    }
    let mut agg: BTreeMap<String, Agg> = BTreeMap::new();
    for (i, list) in x.actors.iter().enumerate() {
        let g = &c.group[i];
        // After merging across articles, one article may hold two forms of one name.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for a in list {
            let e = agg.entry(a.name.clone()).or_default();
            e.kind = a.kind.as_str().to_string();
            *e.mentions.entry(g.clone()).or_default() += a.mentions.len() as u64;
            if seen.insert(&a.name) {
                e.articles += 1;
            }
            if let Some(r) = &a.role {
                *e.roles.entry(r.clone()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(&String, &Agg, u64)> = agg
        .iter()
        .map(|(n, a)| (n, a, a.mentions.values().sum()))
        .collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
    if ranked.is_empty() {
        blocks.push(Block::Paragraph {
            text: "No named actor was found.".into(),
        });
        return (
            Section {
                id: "actors".into(),
                title: "Named actors".into(),
                blocks,
            },
            summary,
        );
    }
    let names: Vec<String> = ranked.iter().take(5).map(|r| r.0.clone()).collect();
    summary.push(format!(
        "The most mentioned actors are {}.",
        names.join(", ")
    ));
    let top20: Vec<&(&String, &Agg, u64)> = ranked.iter().take(20).collect();
    blocks.push(Block::Chart(Chart {
        id: "actors-top".into(),
        title: "Most mentioned actors".into(),
        caption: format!(
            "Mentions of the 20 most mentioned actors, split by {}.",
            c.input.group_by
        ),
        x_label: "mentions".into(),
        y_label: String::new(),
        kind: ChartKind::Bars {
            categories: top20.iter().map(|r| r.0.clone()).collect(),
            series: c
                .groups
                .iter()
                .map(|g| Series {
                    name: g.clone(),
                    color: c.color(g),
                    values: top20
                        .iter()
                        .map(|r| r.1.mentions.get(g).copied().unwrap_or(0) as f64)
                        .collect(),
                })
                .collect(),
            stacked: true,
        },
    }));
    let mut columns = vec![
        Column::text("Actor"),
        Column::text("Type"),
        Column::number("Mentions"),
        Column::number("Articles"),
    ];
    if c.compares() {
        columns.extend(c.groups.iter().map(|g| Column::number(g)));
    }
    columns.push(Column::text("Most frequent role"));
    let rows = ranked
        .iter()
        .take(200)
        .map(|(n, a, total)| {
            let mut r = vec![
                n.to_string(),
                a.kind.clone(),
                thousands(*total as usize),
                thousands(a.articles as usize),
            ];
            if c.compares() {
                r.extend(
                    c.groups
                        .iter()
                        .map(|g| thousands(a.mentions.get(g).copied().unwrap_or(0) as usize)),
                );
            }
            let role = a
                .roles
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(r, _)| r.clone())
                .unwrap_or_default();
            r.push(role);
            r
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "actors".into(),
        caption: "Most mentioned actors, with their most frequent role".into(),
        columns,
        rows,
        shown: Some(30),
    }));
    if !x.ambiguous.is_empty() {
        blocks.push(Block::Paragraph {
            text: "Across articles, a surname used alone (\"Obama\") takes the full name the corpus uses for it, and a name written with and without middle initials (\"Donald J. Trump\") is one actor, unless several people could be meant. These decisions are listed for review; an alias registry (`gazette report --actor-aliases FILE`) settles them.".into(),
        });
        blocks.push(Block::Table(Table {
            id: "actors-merges".into(),
            caption: "Names that could be more than one actor across articles".into(),
            columns: vec![
                Column::text("Name"),
                Column::text("Could be"),
                Column::text("Decision"),
            ],
            rows: {
                let mut v: Vec<&Ambiguity> = x.ambiguous.iter().collect();
                // What was kept apart needs a decision most; then what was merged.
                v.sort_by_key(|a| (a.resolution != "kept apart", a.name.to_lowercase()));
                v
            }
            .into_iter()
            .map(|a| {
                vec![
                    a.name.clone(),
                    a.candidates.join("; "),
                    a.resolution.clone(),
                ]
            })
            .collect(),
            shown: Some(15),
        }));
    }
    // Co-occurrence of the top 15 actors: articles naming both.
    let top15: Vec<&String> = ranked.iter().take(15).map(|r| r.0).collect();
    if top15.len() >= 3 {
        let index: BTreeMap<&str, usize> = top15
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut m = vec![vec![0.0; top15.len()]; top15.len()];
        for list in &x.actors {
            let present: BTreeSet<usize> = list
                .iter()
                .filter_map(|a| index.get(a.name.as_str()).copied())
                .collect();
            for &i in &present {
                for &j in &present {
                    if i != j {
                        m[i][j] += 1.0;
                    }
                }
            }
        }
        // Columns are numbered like the rows: rotated names would not fit.
        let labels: Vec<String> = top15
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {s}", i + 1))
            .collect();
        let numbers: Vec<String> = (1..=top15.len()).map(|i| i.to_string()).collect();
        blocks.push(Block::Chart(Chart {
            id: "actors-cooccurrence".into(),
            title: "Which actors appear together".into(),
            caption: "Number of articles naming both actors (the 15 most mentioned); columns are numbered like the rows. Darker: more articles.".into(),
            x_label: String::new(),
            y_label: String::new(),
            kind: ChartKind::Heatmap { rows: labels, columns: numbers, values: m },
        }));
    }
    (
        Section {
            id: "actors".into(),
            title: "Named actors".into(),
            blocks,
        },
        summary,
    )
}

/// Who is quoted, per group, and statements carried by several articles.
pub(crate) fn quotes(c: &Corpus<'_>, x: &Extracted) -> (Section, Vec<String>) {
    let mut blocks = vec![Block::Paragraph {
        text: format!(
            "Statements are direct quotes (in quote marks) and indirect speech (\"X said that ...\") with the speaker resolved to an actor where possible. {} statements were found, {} of them direct.",
            thousands(x.quotes.len()),
            thousands(x.quotes.iter().filter(|q| q.direct).count())
        ),
    }];
    let mut summary = Vec::new();
    let all_actors: Vec<Actor> = x.actors.iter().flatten().cloned().collect();
    let mut rows = gazette_extract::quotes::speaker_table(c.input.articles, &x.quotes, &all_actors);
    // Our group names: an empty source is NO_SOURCE.
    for r in &mut rows {
        r.source = group_label(Some(&r.source));
    }
    let resolved: Vec<&gazette_extract::quotes::SpeakerRow> = rows
        .iter()
        .filter(|r| r.speaker != "(unresolved)")
        .collect();
    // Chart: top 15 speakers overall, stacked by group.
    let mut by_speaker: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for r in &resolved {
        *by_speaker
            .entry(&r.speaker)
            .or_default()
            .entry(&r.source)
            .or_default() += r.quotes;
    }
    let mut ranked: Vec<(&str, usize)> = by_speaker
        .iter()
        .map(|(s, m)| (*s, m.values().sum()))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    if let Some((s, n)) = ranked.first() {
        summary.push(format!("The most quoted speaker is {s} ({n} statements)."));
        let top: Vec<&(&str, usize)> = ranked.iter().take(15).collect();
        blocks.push(Block::Chart(Chart {
            id: "quotes-speakers".into(),
            title: "Most quoted speakers".into(),
            caption: format!(
                "Attributed statements of the 15 most quoted speakers, split by {}.",
                c.input.group_by
            ),
            x_label: "statements".into(),
            y_label: String::new(),
            kind: ChartKind::Bars {
                categories: top.iter().map(|t| t.0.to_string()).collect(),
                series: c
                    .groups
                    .iter()
                    .map(|g| Series {
                        name: g.clone(),
                        color: c.color(g),
                        values: top
                            .iter()
                            .map(|t| {
                                by_speaker
                                    .get(t.0)
                                    .and_then(|m| m.get(g.as_str()))
                                    .copied()
                                    .unwrap_or(0) as f64
                            })
                            .collect(),
                    })
                    .collect(),
                stacked: true,
            },
        }));
    }
    // Table: top 10 speakers per group.
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| {
            let n = per_group.entry(&r.source).or_default();
            *n += 1;
            *n <= 10
        })
        .map(|r| {
            vec![
                r.source.clone(),
                r.speaker.clone(),
                r.kind.clone(),
                thousands(r.quotes),
                thousands(r.direct),
                thousands(r.articles),
                format!("{}%", fixed(r.share * 100.0, 0)),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "quotes-speakers".into(),
        caption: format!(
            "Most quoted speakers per {} (top 10 each)",
            c.input.group_by
        ),
        columns: vec![
            Column::text(&capitalise(&c.input.group_by)),
            Column::text("Speaker"),
            Column::text("Type"),
            Column::number("Statements"),
            Column::number("Direct"),
            Column::number("Articles"),
            Column::number("Share"),
        ],
        rows: table_rows,
        shown: None,
    }));
    // Ledger: the same statement in several articles.
    let ledger = gazette_extract::quotes::ledger(
        c.input.articles,
        &x.quotes,
        &gazette_extract::quotes::LedgerOptions {
            min_sources: if c.compares() { 2 } else { 1 },
            ..Default::default()
        },
    );
    if !ledger.is_empty() {
        blocks.push(Block::Heading {
            text: "The quote ledger".into(),
        });
        blocks.push(Block::Paragraph {
            text: format!(
                "{} statements appear in more than one article{}. Each row is one wording of a statement: who printed it, when, and how it differs from the first appearance (same, shorter, longer, altered).",
                thousands(ledger.len()),
                if c.compares() { format!(" of different {}s", c.input.group_by) } else { String::new() }
            ),
        });
        let mut rows = Vec::new();
        for e in ledger.iter().take(40) {
            for v in &e.versions {
                rows.push(vec![
                    e.id.to_string(),
                    v.speaker
                        .clone()
                        .or_else(|| e.speaker.clone())
                        .unwrap_or_default(),
                    group_label(Some(&v.source)),
                    v.published.clone().unwrap_or_default(),
                    v.change.clone(),
                    excerpt(&v.text, 160),
                ]);
            }
        }
        blocks.push(Block::Table(Table {
            id: "quotes-ledger".into(),
            caption: "Statements carried by several articles".into(),
            columns: vec![
                Column::number("#"),
                Column::text("Speaker"),
                Column::text(&capitalise(&c.input.group_by)),
                Column::text("Date"),
                Column::text("Change"),
                Column::text("Statement"),
            ],
            rows,
            shown: Some(40),
        }));
    }
    (
        Section {
            id: "quotes".into(),
            title: "Who is quoted".into(),
            blocks,
        },
        summary,
    )
}

fn excerpt(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn value_text(v: &Option<FigureValue>) -> String {
    match v {
        Some(FigureValue::Number(n)) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                thousands(n.abs() as usize).replacen("", if *n < 0.0 { "-" } else { "" }, 1)
            } else {
                format!("{n}")
            }
        }
        Some(FigureValue::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// Cited figures: money, percentages and counts with what they count and who cites them.
pub(crate) fn figures(c: &Corpus<'_>, x: &Extracted) -> (Section, Vec<String>) {
    use gazette_types::FigureKind as K;
    let cited: Vec<(usize, &Figure)> = {
        let index: BTreeMap<&str, usize> = c
            .input
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        x.figures
            .iter()
            .filter(|f| matches!(f.kind, K::Money | K::Percent | K::Count | K::Quantity))
            .filter_map(|f| index.get(f.article.as_str()).map(|&i| (i, f)))
            .collect()
    };
    let mut blocks = vec![Block::Paragraph {
        text: format!(
            "Figures are amounts of money, percentages, counts and quantities, normalised (\"$1.2bn\" → 1200000000 USD) with what they count and, where stated, who cites them. {} such figures were found; dates, times and ordinals are left out here.",
            thousands(cited.len())
        ),
    }];
    let mut summary = Vec::new();
    // Kinds per group.
    let kinds = [K::Money, K::Percent, K::Count, K::Quantity];
    let kind_name = |k: K| match k {
        K::Money => "money",
        K::Percent => "percent",
        K::Count => "count",
        K::Quantity => "quantity",
        _ => "other",
    };
    let mut per: BTreeMap<&str, [u64; 4]> = BTreeMap::new();
    for (i, f) in &cited {
        let e = per.entry(c.group[*i].as_str()).or_default();
        if let Some(k) = kinds.iter().position(|k| *k == f.kind) {
            e[k] += 1;
        }
    }
    let words: BTreeMap<&str, usize> = {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, a) in c.input.articles.iter().enumerate() {
            *m.entry(c.group[i].as_str()).or_default() += a
                .text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
        }
        m
    };
    let mut krows = Vec::new();
    for g in &c.groups {
        let v = per.get(g.as_str()).copied().unwrap_or_default();
        let total: u64 = v.iter().sum();
        let mut r = vec![g.clone()];
        r.extend(v.iter().map(|n| thousands(*n as usize)));
        r.push(fixed(
            per10k(total, words.get(g.as_str()).copied().unwrap_or(0) as u64),
            1,
        ));
        krows.push(r);
    }
    blocks.push(Block::Table(Table {
        id: "figures-kinds".into(),
        caption: format!("Cited figures per {} and kind", c.input.group_by),
        columns: vec![
            Column::text(&capitalise(&c.input.group_by)),
            Column::number("Money"),
            Column::number("Percent"),
            Column::number("Count"),
            Column::number("Quantity"),
            Column::number("All per 10k words"),
        ],
        rows: krows,
        shown: None,
    }));
    // Table of figures with an object or an actor (the informative ones).
    let mut frows: Vec<Vec<String>> = cited
        .iter()
        .filter(|(_, f)| f.object.is_some() || f.actor.is_some())
        .map(|(i, f)| {
            let a = &c.input.articles[*i];
            vec![
                c.group[*i].clone(),
                a.published.clone().unwrap_or_default(),
                kind_name(f.kind).to_string(),
                f.text.clone(),
                value_text(&f.value),
                f.unit.clone().unwrap_or_default(),
                f.object.clone().unwrap_or_default(),
                f.actor.clone().unwrap_or_default(),
                a.id.clone(),
            ]
        })
        .collect();
    // Figures someone is quoted as citing first, then money, percentages, quantities and
    // counts; within that by source and date (stable: text order within an article).
    let rank = |k: &str| match k {
        "money" => 0,
        "percent" => 1,
        "quantity" => 2,
        _ => 3,
    };
    frows.sort_by(|a, b| {
        a[7].is_empty()
            .cmp(&b[7].is_empty())
            .then_with(|| rank(&a[2]).cmp(&rank(&b[2])))
            .then_with(|| a[0].cmp(&b[0]))
            .then_with(|| a[1].cmp(&b[1]))
            .then_with(|| a[8].cmp(&b[8]))
    });
    if let Some(n) = std::num::NonZeroUsize::new(frows.len()) {
        summary.push(format!(
            "{} cited figures name what they count or who cites them.",
            thousands(n.get())
        ));
    }
    blocks.push(Block::Table(Table {
        id: "figures".into(),
        caption: "Cited figures with what they count or who cites them (figures with a speaker first, then money, percentages, quantities, counts)".into(),
        columns: vec![
            Column::text(&capitalise(&c.input.group_by)),
            Column::text("Date"),
            Column::text("Kind"),
            Column::text("As written"),
            Column::number("Value"),
            Column::text("Unit"),
            Column::text("Object"),
            Column::text("Cited by"),
            Column::text("Article"),
        ],
        rows: frows,
        shown: Some(40),
    }));
    // Conflicts.
    let owned: Vec<Figure> = cited.iter().map(|(_, f)| (*f).clone()).collect();
    let conflicts = gazette_extract::figures::conflicts(&owned, c.input.articles);
    if !conflicts.is_empty() {
        blocks.push(Block::Heading {
            text: "Figures that disagree".into(),
        });
        blocks.push(Block::Paragraph {
            text: format!(
                "{} groups of figures about the same thing differ by more than 5%: same kind, unit and object (counts from 10 up), and the same year when the sentence cites one, else the same publication day, in at least two sources (two articles when the corpus has one source). Differences can be real (different dates or definitions) or errors; check the articles.",
                thousands(conflicts.len())
            ),
        });
        let mut rows = Vec::new();
        for (k, cf) in conflicts.iter().take(30).enumerate() {
            for ci in &cf.citations {
                rows.push(vec![
                    (k + 1).to_string(),
                    cf.object.clone(),
                    cf.period.clone(),
                    group_label(Some(&ci.source)),
                    ci.text.clone(),
                    ci.actor.clone().unwrap_or_default(),
                    ci.article.clone(),
                ]);
            }
        }
        blocks.push(Block::Table(Table {
            id: "figures-conflicts".into(),
            caption: "Conflicting figures".into(),
            columns: vec![
                Column::number("#"),
                Column::text("Object"),
                Column::text("Year or day"),
                Column::text(&capitalise(&c.input.group_by)),
                Column::text("As written"),
                Column::text("Cited by"),
                Column::text("Article"),
            ],
            rows,
            shown: Some(40),
        }));
    }
    // Figures over time: per period and group, per 10k words.
    if c.periods.len() > 1 {
        let mut cnt: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        let mut w: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for (i, a) in c.input.articles.iter().enumerate() {
            if let Some(p) = &c.period[i] {
                *w.entry((p.as_str(), c.group[i].as_str())).or_default() +=
                    a.text
                        .split_whitespace()
                        .filter(|x| x.chars().any(char::is_alphanumeric))
                        .count() as u64;
            }
        }
        for (i, _) in &cited {
            if let Some(p) = &c.period[*i] {
                *cnt.entry((p.as_str(), c.group[*i].as_str())).or_default() += 1;
            }
        }
        blocks.push(Block::Chart(Chart {
            id: "figures-over-time".into(),
            title: "Cited figures over time".into(),
            caption: format!("Money, percentages, counts and quantities cited per 10,000 words, per period and {}.", c.input.group_by),
            x_label: "period".into(),
            y_label: "figures per 10,000 words".into(),
            kind: ChartKind::Lines {
                x: c.periods.clone(),
                series: c
                    .groups
                    .iter()
                    .map(|g| Series {
                        name: g.clone(),
                        color: c.color(g),
                        values: c
                            .periods
                            .iter()
                            .map(|p| match w.get(&(p.as_str(), g.as_str())) {
                                Some(&words) if words > 0 => {
                                    per10k(cnt.get(&(p.as_str(), g.as_str())).copied().unwrap_or(0), words)
                                }
                                _ => f64::NAN,
                            })
                            .collect(),
                    })
                    .collect(),
            },
        }));
    }
    (
        Section {
            id: "figures".into(),
            title: "Cited figures".into(),
            blocks,
        },
        summary,
    )
}

/// Watch terms when none are configured: the four most frequent terms.
pub(crate) fn default_watch(words: &CorpusCounts) -> Vec<String> {
    let t = totals(words);
    let mut all: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for m in t.terms.values() {
        for (id, (n, d)) in m {
            let e = all.entry(*id).or_default();
            e.0 += n;
            e.1 += d;
        }
    }
    // Reporting verbs and honorifics are frequent everywhere and say little over time.
    const DULL: [&str; 12] = [
        "said", "says", "say", "mr", "mrs", "ms", "also", "would", "one", "new", "year", "years",
    ];
    top(words.vocabulary(), &all, 40)
        .into_iter()
        .map(|t| t.0)
        .filter(|t| t.chars().count() > 2 && !DULL.contains(&t.as_str()))
        .take(4)
        .collect()
}
