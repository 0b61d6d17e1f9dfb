//! Grouping figures across articles and flagging conflicting values.
//!
//! Figures are grouped by kind, unit, object (its head noun, singular, lower case) and
//! period (the year of a date cited in the same sentence, else the article's publication
//! year). A group conflicts when at least two articles cite it and the values differ by more
//! than the tolerance (relative to the larger value).

use std::collections::BTreeMap;

use gazette_types::{Article, Figure, FigureKind, FigureValue};
use serde::Serialize;

use super::scan;

/// Options of [`conflicts_with`].
#[derive(Debug, Clone, Copy)]
pub struct ConflictOptions {
    /// Largest relative difference `(max - min) / max` still taken as agreement.
    pub tolerance: f64,
}

impl Default for ConflictOptions {
    fn default() -> Self {
        ConflictOptions { tolerance: 0.05 }
    }
}

/// One article citing a value in a conflict group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// Article id.
    pub article: String,
    /// Outlet of the article (may be empty).
    pub source: String,
    /// Actor the figure is attributed to.
    pub actor: Option<String>,
    /// The value cited.
    pub value: f64,
    /// Qualifier (`more than`), if any.
    pub qualifier: Option<String>,
    /// The figure as written.
    pub text: String,
    /// Byte offset of the figure in its article.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// A group of figures about the same thing whose values disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// Kind of the figures.
    pub kind: FigureKind,
    /// Unit or currency shared by the figures.
    pub unit: Option<String>,
    /// What is counted (the most frequent object as written).
    pub object: String,
    /// Year the figures refer to (`2021`), or `unknown`.
    pub period: String,
    /// Smallest value cited.
    pub min: f64,
    /// Largest value cited.
    pub max: f64,
    /// Relative difference `(max - min) / max`.
    pub spread: f64,
    /// Who cites what, ordered by value then article.
    pub citations: Vec<Citation>,
}

/// Groups `figures` (of `articles`) and returns the groups whose values conflict, with the
/// default tolerance (5 %).
pub fn conflicts(figures: &[Figure], articles: &[Article]) -> Vec<Conflict> {
    conflicts_with(figures, articles, ConflictOptions::default())
}

/// Like [`conflicts`], with options.
pub fn conflicts_with(
    figures: &[Figure],
    articles: &[Article],
    opts: ConflictOptions,
) -> Vec<Conflict> {
    let by_id: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    // Sentence ranges per article, to find the date a figure refers to.
    let mut periods: BTreeMap<(&str, usize), String> = BTreeMap::new();
    let mut by_article: BTreeMap<&str, Vec<&Figure>> = BTreeMap::new();
    for f in figures {
        by_article.entry(f.article.as_str()).or_default().push(f);
    }
    for (id, figs) in &by_article {
        let art = by_id.get(id);
        let published_year = art
            .and_then(|a| a.published.as_deref())
            .and_then(|p| p.get(..4))
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string);
        let bounds = art.map(|a| sentence_bounds(&a.text)).unwrap_or_default();
        let sent_of = |pos: usize| bounds.partition_point(|&b| b <= pos);
        for f in figs {
            if f.kind == FigureKind::Date {
                continue;
            }
            let s = sent_of(f.start);
            let year = figs
                .iter()
                .filter(|d| d.kind == FigureKind::Date && sent_of(d.start) == s)
                .find_map(|d| match &d.value {
                    Some(FigureValue::Text(t)) => t
                        .get(..4)
                        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                        .map(str::to_string),
                    _ => None,
                });
            let period = year
                .or_else(|| published_year.clone())
                .unwrap_or_else(|| "unknown".into());
            periods.insert((id, f.start), period);
        }
    }
    type Key = (FigureKind, Option<String>, String, String);
    let mut groups: BTreeMap<Key, Vec<&Figure>> = BTreeMap::new();
    for f in figures {
        let Some(obj) = f.object.as_deref() else {
            continue;
        };
        if !matches!(
            f.kind,
            FigureKind::Money | FigureKind::Percent | FigureKind::Count | FigureKind::Quantity
        ) {
            continue;
        }
        if !matches!(f.value, Some(FigureValue::Number(_))) {
            continue;
        }
        let period = periods
            .get(&(f.article.as_str(), f.start))
            .cloned()
            .unwrap_or_else(|| "unknown".into());
        groups
            .entry((f.kind, f.unit.clone(), head(obj), period))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    // Within a group, values more than `MAX_RATIO` apart are about different things ("3
    // shares" and "5 million shares"): split the sorted values into clusters first.
    const MAX_RATIO: f64 = 3.0;
    let mut clusters: Vec<(Key, Vec<&Figure>)> = Vec::new();
    for (key, mut figs) in groups {
        figs.sort_by(|a, b| number(a).total_cmp(&number(b)));
        let mut cur: Vec<&Figure> = Vec::new();
        for f in figs {
            if let Some(last) = cur.last() {
                let (a, b) = (number(last), number(f));
                if a <= 0.0 || b / a > MAX_RATIO {
                    clusters.push((key.clone(), std::mem::take(&mut cur)));
                }
            }
            cur.push(f);
        }
        clusters.push((key, cur));
    }
    for ((kind, unit, _, period), figs) in clusters {
        let mut articles_seen: Vec<&str> = figs.iter().map(|f| f.article.as_str()).collect();
        articles_seen.sort_unstable();
        articles_seen.dedup();
        if articles_seen.len() < 2 {
            continue;
        }
        let vals: Vec<f64> = figs
            .iter()
            .filter_map(|f| match f.value {
                Some(FigureValue::Number(v)) => Some(v),
                _ => None,
            })
            .collect();
        let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let max = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let spread = if max.abs() > 0.0 {
            (max - min) / max.abs()
        } else {
            0.0
        };
        if spread.is_nan() || spread <= opts.tolerance {
            continue;
        }
        let mut objects: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &figs {
            *objects
                .entry(f.object.as_deref().unwrap_or(""))
                .or_default() += 1;
        }
        let object = objects
            .iter()
            .max_by_key(|(o, n)| (**n, std::cmp::Reverse(**o)))
            .map(|(o, _)| o.to_string())
            .unwrap_or_default();
        let mut citations: Vec<Citation> = figs
            .iter()
            .map(|f| Citation {
                article: f.article.clone(),
                source: by_id
                    .get(f.article.as_str())
                    .map(|a| a.source.clone())
                    .unwrap_or_default(),
                actor: f.actor.clone(),
                value: match f.value {
                    Some(FigureValue::Number(v)) => v,
                    _ => f64::NAN,
                },
                qualifier: f.qualifier.clone(),
                text: f.text.clone(),
                start: f.start,
                end: f.end,
            })
            .collect();
        citations.sort_by(|a, b| {
            a.value
                .total_cmp(&b.value)
                .then_with(|| a.article.cmp(&b.article))
                .then(a.start.cmp(&b.start))
        });
        out.push(Conflict {
            kind,
            unit,
            object,
            period,
            min,
            max,
            spread,
            citations,
        });
    }
    out.sort_by(|a, b| {
        b.spread
            .total_cmp(&a.spread)
            .then_with(|| a.object.cmp(&b.object))
    });
    out
}

fn number(f: &Figure) -> f64 {
    match f.value {
        Some(FigureValue::Number(v)) => v,
        _ => f64::NAN,
    }
}

/// The grouping key of an object: its last word, lower case, crudely singular.
fn head(object: &str) -> String {
    let last = object
        .rsplit([' ', '-'])
        .next()
        .unwrap_or(object)
        .to_lowercase();
    if let Some(s) = last.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{s}y")
    } else if last.ends_with("ss") || last.ends_with("us") {
        last
    } else if let Some(s) = last.strip_suffix('s').filter(|s| s.len() > 2) {
        s.to_string()
    } else {
        last
    }
}

/// Byte offsets where sentences start (after the first).
fn sentence_bounds(text: &str) -> Vec<usize> {
    let toks = scan::scan(text);
    let sent = scan::sentences(&toks);
    let mut out = Vec::new();
    for i in 1..toks.len() {
        if sent[i] != sent[i - 1] {
            out.push(toks[i].start);
        }
    }
    out
}
