//! Grouping figures across articles and flagging conflicting values.
//!
//! Figures are grouped by kind, unit, object (its head noun, singular, lower case) and
//! period (the date or year cited in the same sentence, else the article's publication
//! date; days within three days of each other are one period). A group conflicts when at least two articles cite it and the values differ by more
//! than the tolerance (relative to the larger value). Counts below 10 are left out ("two
//! people" is a detail of one story); objects counted in every story (people, times,
//! members) group only with figures published the same day; and when the articles come from
//! several sources, a conflict needs at least two of them.

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
        // Without a date in the sentence, a figure is about the news of its day: two
        // outlets telling one story publish within a day, and polls or tallies from other
        // weeks of the same year are not the same thing.
        let published_year = art
            .and_then(|a| a.published.as_deref())
            .and_then(|p| p.get(..10).or_else(|| p.get(..4)))
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
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
                    // A whole date ("on Saturday" resolved) is a day; else its year.
                    Some(FigureValue::Text(t)) => t
                        .get(..10)
                        .filter(|day| day_number(day).is_some())
                        .or_else(|| t.get(..4))
                        .filter(|y| y.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
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
        let Some(FigureValue::Number(value)) = f.value else {
            continue;
        };
        // "two people", "three points": small counts are details of one story, not claims
        // that outlets dispute.
        if f.kind == FigureKind::Count && value < 10.0 {
            continue;
        }
        let head = head(obj);
        let mut period = periods
            .get(&(f.article.as_str(), f.start))
            .cloned()
            .unwrap_or_else(|| "unknown".into());
        // "people", "times", "members": counted in every story; the same story is told on
        // the same day, so these only group with figures published that day.
        if GENERIC.binary_search(&head.as_str()).is_ok() {
            match by_id
                .get(f.article.as_str())
                .and_then(|a| a.published.as_deref())
            {
                Some(day) if day.len() >= 10 => period = day[..10].to_string(),
                _ => continue,
            }
        }
        groups
            .entry((f.kind, f.unit.clone(), head, period))
            .or_default()
            .push(f);
    }
    // Figures dated by day group with those of the next three days (two outlets tell one
    // story within a day or two): runs of consecutive day groups are merged, measured from
    // the run's first day, and the period becomes "first to last".
    let mut merged: BTreeMap<Key, Vec<&Figure>> = BTreeMap::new();
    let mut run: Option<(Key, i64, String)> = None;
    for (key, figs) in groups {
        let day = day_number(&key.3);
        if let (Some((rk, start, last)), Some(d)) = (&mut run, day)
            && (rk.0, &rk.1, &rk.2) == (key.0, &key.1, &key.2)
            && d - *start <= 3
        {
            last.clone_from(&key.3);
            merged
                .get_mut(rk)
                .expect("run key is in the map")
                .extend(figs);
            continue;
        }
        if let Some((rk, _, last)) = run.take() {
            rename_period(&mut merged, rk, &last);
        }
        if let Some(d) = day {
            run = Some((key.clone(), d, key.3.clone()));
        }
        merged.insert(key, figs);
    }
    if let Some((rk, _, last)) = run.take() {
        rename_period(&mut merged, rk, &last);
    }
    let groups = merged;
    // With several sources, a conflict is between sources, not within one.
    let mut sources: Vec<&str> = articles.iter().map(|a| a.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let across_sources = sources.len() > 1;
    let mut out = Vec::new();
    // Within a group, values more than `MAX_RATIO` apart are about different things ("3
    // shares" and "5 million shares"): split the sorted values into clusters first.
    const MAX_RATIO: f64 = 3.0;
    let mut clusters: Vec<(Key, Vec<&Figure>)> = Vec::new();
    for (key, mut figs) in groups {
        figs.sort_by(|a, b| number(a).total_cmp(&number(b)));
        let mut cur: Vec<&Figure> = Vec::new();
        for f in figs {
            // Measured from the cluster's smallest value, so a chain of steps cannot join
            // 69,000 and 69 million.
            if let Some(first) = cur.first() {
                let (a, b) = (number(first), number(f));
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
        if across_sources {
            let mut srcs: Vec<&str> = figs
                .iter()
                .filter_map(|f| by_id.get(f.article.as_str()).map(|a| a.source.as_str()))
                .collect();
            srcs.sort_unstable();
            srcs.dedup();
            if srcs.len() < 2 {
                continue;
            }
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
/// Days since 1970-01-01 of a `YYYY-MM-DD` date, `None` for anything else.
fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Gives a merged run of day groups the period "first to last" (when they differ).
fn rename_period(
    map: &mut BTreeMap<(FigureKind, Option<String>, String, String), Vec<&Figure>>,
    key: (FigureKind, Option<String>, String, String),
    last: &str,
) {
    if key.3 == last {
        return;
    }
    if let Some(figs) = map.remove(&key) {
        let mut k = key;
        k.3 = format!("{} to {last}", k.3);
        map.insert(k, figs);
    }
}

/// Objects counted in almost every story (singular, lower case, sorted).
const GENERIC: &[&str] = &[
    "case", "child", "day", "e", "group", "hour", "issue", "item", "kid", "man", "member",
    "minute", "month", "one", "other", "part", "people", "person", "piece", "place", "point",
    "side", "state", "thing", "time", "way", "week", "woman", "word", "year",
];

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

#[cfg(test)]
mod generic_tests {
    use super::*;

    #[test]
    fn generic_objects_are_sorted_for_binary_search() {
        assert!(GENERIC.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn small_counts_and_other_days_do_not_conflict() {
        let mk = |id: &str, source: &str, day: &str, text: &str| {
            let mut a = Article::new(id, "", text);
            a.source = source.into();
            a.published = Some(day.into());
            a
        };
        let arts = vec![
            mk(
                "a",
                "One",
                "2016-03-01",
                "Police said two people were hurt and 30 people were arrested.",
            ),
            mk(
                "b",
                "Two",
                "2016-03-01",
                "Police said three people were hurt and 45 people were arrested.",
            ),
            mk(
                "c",
                "Two",
                "2016-05-09",
                "Officials said 300 people were arrested.",
            ),
            mk(
                "d",
                "One",
                "2016-05-10",
                "It said 140 delegates were won and 20 people came.",
            ),
            mk("e", "One", "2016-05-11", "It said 200 delegates were won."),
        ];
        let figs: Vec<Figure> = arts.iter().flat_map(super::super::extract).collect();
        let found = conflicts(&figs, &arts);
        let objects: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (c.object.as_str(), c.period.as_str()))
            .collect();
        // 30 vs 45 people on the same day in two sources; not 2 vs 3 (small), not 300 (another
        // day), not the delegates (one source only).
        assert_eq!(objects, [("people", "2016-03-01")], "{found:#?}");
        assert_eq!(found[0].citations.len(), 2);
    }
}
