//! The quote ledger: the same statement across articles and outlets, and who gets quoted.
//!
//! Two statements are the same when enough of the shorter one's word 3-grams (shingles)
//! occur in the longer one (containment, so a truncated quote still matches its full
//! version). Groups are built with union-find over candidate pairs from an inverted index of
//! shingles, so the cost grows with the number of shared shingles, not with all pairs.

use std::collections::{BTreeMap, HashMap};

use gazette_types::{Actor, Article, Quote};
use serde::Serialize;

/// Settings of [`ledger`].
#[derive(Debug, Clone)]
pub struct LedgerOptions {
    /// Statements with fewer normalised words are left out (too generic to track).
    pub min_words: usize,
    /// Least share of the shorter statement's shingles found in the other for a match.
    pub threshold: f64,
    /// Keep groups seen in at least this many different outlets (1 = any two articles).
    pub min_sources: usize,
    /// Also track indirect statements (long paraphrases chain unrelated quotes together, so
    /// the default is direct quotes only).
    pub include_indirect: bool,
}

impl Default for LedgerOptions {
    fn default() -> Self {
        LedgerOptions {
            min_words: 6,
            threshold: 0.6,
            min_sources: 1,
            include_indirect: false,
        }
    }
}

/// One wording of a ledger statement in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerVersion {
    /// Article id.
    pub article: String,
    /// Outlet.
    pub source: String,
    /// Publication date, if known.
    pub published: Option<String>,
    /// Speaker as resolved in this article.
    pub speaker: Option<String>,
    /// The statement as printed here.
    pub text: String,
    /// `first` (the earliest), `same`, `shorter` (a truncated form of the first),
    /// `longer`, or `altered` (words changed).
    pub change: String,
    /// Share of shingles in common with the first version (containment, 0 to 1).
    pub similarity: f64,
}

/// A statement found in several articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerEntry {
    /// Position in the ledger (1 = carried most widely).
    pub id: usize,
    /// Most frequent resolved speaker.
    pub speaker: Option<String>,
    /// Wording of the first appearance.
    pub text: String,
    /// Date of the first appearance (articles without a date sort last).
    pub first_published: Option<String>,
    /// Outlet of the first appearance.
    pub first_source: String,
    /// Article of the first appearance.
    pub first_article: String,
    /// Number of articles carrying it.
    pub articles: usize,
    /// Outlets carrying it, sorted.
    pub sources: Vec<String>,
    /// Every version, first appearance first, then by date.
    pub versions: Vec<LedgerVersion>,
}

/// Normalises a statement for comparison: lower case, letters and digits only, single
/// spaces (quote marks, apostrophes, dashes and punctuation dropped).
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if matches!(c, '\'' | '\u{2019}') {
            continue;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn shingles(norm: &str) -> Vec<u64> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<u64> = if words.len() < 3 {
        vec![hash(&words.join(" "))]
    } else {
        words.windows(3).map(|w| hash(&w.join(" "))).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn hash(s: &str) -> u64 {
    // FNV-1a: stable across runs and platforms (the ledger output must be deterministic)
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

fn containment(a: &[u64], b: &[u64]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    let common = small
        .iter()
        .filter(|x| large.binary_search(x).is_ok())
        .count();
    common as f64 / small.len() as f64
}

/// Similarity of two statements: the share of the shorter one's word 3-grams found in the
/// other, after [`normalise`] (1.0 for identical or contained statements).
pub fn similarity(a: &str, b: &str) -> f64 {
    containment(&shingles(&normalise(a)), &shingles(&normalise(b)))
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups the statements of `quotes` (from `articles`, joined on the article id) that appear
/// in more than one article, most widely carried first.
pub fn ledger(articles: &[Article], quotes: &[Quote], opts: &LedgerOptions) -> Vec<LedgerEntry> {
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let items: Vec<(usize, String, Vec<u64>)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.direct || opts.include_indirect)
        .filter_map(|(i, q)| {
            let norm = normalise(&q.text);
            (norm.split(' ').count() >= opts.min_words).then(|| {
                let sh = shingles(&norm);
                (i, norm, sh)
            })
        })
        .collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, (_, _, sh)) in items.iter().enumerate() {
        for &h in sh {
            index.entry(h).or_default().push(j);
        }
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for (j, (qi, _, sh)) in items.iter().enumerate() {
        let mut seen: HashMap<usize, usize> = HashMap::new();
        for h in sh {
            let Some(post) = index.get(h) else { continue };
            if post.len() > 500 {
                continue; // boilerplate shingle
            }
            for &o in post {
                if o > j {
                    *seen.entry(o).or_default() += 1;
                }
            }
        }
        let mut others: Vec<usize> = seen.into_keys().collect();
        others.sort_unstable();
        for o in others {
            let (oq, _, osh) = &items[o];
            if quotes[*oq].article == quotes[*qi].article {
                continue;
            }
            // a few shared 3-grams ("stay in the race") do not make the same statement
            if shared(sh, osh) >= 4 && containment(sh, osh) >= opts.threshold {
                let (ra, rb) = (find(&mut parent, j), find(&mut parent, o));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for j in 0..items.len() {
        let r = find(&mut parent, j);
        groups.entry(r).or_default().push(j);
    }
    let mut entries = Vec::new();
    for members in groups.into_values() {
        let mut arts: Vec<&str> = members
            .iter()
            .map(|&j| quotes[items[j].0].article.as_str())
            .collect();
        arts.sort_unstable();
        arts.dedup();
        if arts.len() < 2 {
            continue;
        }
        let date = |j: usize| {
            by_id
                .get(quotes[items[j].0].article.as_str())
                .and_then(|a| a.published.clone())
        };
        let mut ordered = members.clone();
        // by date (undated last), then by input order
        ordered.sort_by(|&a, &b| {
            let (da, db) = (date(a), date(b));
            match (&da, &db) {
                (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(&b),
            }
        });
        // one version per article: the longest statement of the group in it
        let mut per_article: Vec<usize> = Vec::new();
        for &j in &ordered {
            let art = &quotes[items[j].0].article;
            if let Some(p) = per_article
                .iter_mut()
                .find(|p| quotes[items[**p].0].article == *art)
            {
                if items[j].1.len() > items[*p].1.len() {
                    *p = j;
                }
            } else {
                per_article.push(j);
            }
        }
        // keep the versions that match the first one itself (union-find may chain)
        let first = per_article[0];
        per_article.retain(|&j| {
            j == first || {
                let (a, b) = (&items[j].2, &items[first].2);
                shared(a, b) >= 4 && containment(a, b) >= opts.threshold
            }
        });
        if per_article.len() < 2 {
            continue;
        }
        let (fq, fnorm, fsh) = (&quotes[items[first].0], &items[first].1, &items[first].2);
        let source_of = |q: &Quote| {
            by_id
                .get(q.article.as_str())
                .map(|a| a.source.clone())
                .unwrap_or_default()
        };
        let mut sources: Vec<String> = per_article
            .iter()
            .map(|&j| source_of(&quotes[items[j].0]))
            .collect();
        sources.sort();
        sources.dedup();
        if sources.len() < opts.min_sources {
            continue;
        }
        let mut speakers: BTreeMap<&str, usize> = BTreeMap::new();
        for &j in &per_article {
            if let Some(s) = quotes[items[j].0].speaker.as_deref() {
                *speakers.entry(s).or_default() += 1;
            }
        }
        let speaker = speakers
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.to_string());
        let versions = per_article
            .iter()
            .map(|&j| {
                let (q, norm, sh) = (&quotes[items[j].0], &items[j].1, &items[j].2);
                let change = if j == first {
                    "first"
                } else if norm == fnorm {
                    "same"
                } else if fnorm.contains(norm.as_str()) {
                    "shorter"
                } else if norm.contains(fnorm.as_str()) {
                    "longer"
                } else {
                    "altered"
                };
                LedgerVersion {
                    article: q.article.clone(),
                    source: source_of(q),
                    published: date(j),
                    speaker: q.speaker.clone(),
                    text: q.text.clone(),
                    change: change.to_string(),
                    similarity: (containment(sh, fsh) * 1000.0).round() / 1000.0,
                }
            })
            .collect::<Vec<_>>();
        entries.push(LedgerEntry {
            id: 0,
            speaker,
            text: fq.text.clone(),
            first_published: date(first),
            first_source: source_of(fq),
            first_article: fq.article.clone(),
            articles: per_article.len(),
            sources,
            versions,
        });
    }
    entries.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(b.articles.cmp(&a.articles))
            .then(a.first_published.cmp(&b.first_published))
            .then(a.text.cmp(&b.text))
    });
    for (i, e) in entries.iter_mut().enumerate() {
        e.id = i + 1;
    }
    entries
}

/// One row of the per-outlet speaker table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRow {
    /// Outlet.
    pub source: String,
    /// Speaker (canonical name), or `(unresolved)`.
    pub speaker: String,
    /// Actor type of the speaker (`PER`, `ORG`, `LOC`, `MISC`), or `unknown`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Statements attributed to the speaker in this outlet.
    pub quotes: usize,
    /// Of which direct quotes.
    pub direct: usize,
    /// Articles of this outlet quoting the speaker.
    pub articles: usize,
    /// Share of this outlet's attributed statements (0 to 1).
    pub share: f64,
}

/// Who is quoted how often in each outlet, with the actor type of each speaker (looked up in
/// `actors` by article and name). Rows are sorted by outlet, then by count, descending.
pub fn speaker_table(articles: &[Article], quotes: &[Quote], actors: &[Actor]) -> Vec<SpeakerRow> {
    let source: HashMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.source.as_str()))
        .collect();
    let mut kind: HashMap<(&str, &str), &str> = HashMap::new();
    let mut kind_any: HashMap<&str, &str> = HashMap::new();
    for a in actors {
        kind.insert((a.article.as_str(), a.name.as_str()), a.kind.as_str());
        kind_any.entry(a.name.as_str()).or_insert(a.kind.as_str());
    }
    // (source, speaker) -> (type, quotes, direct, articles)
    type Counts = (String, usize, usize, Vec<String>); // type, quotes, direct, articles
    let mut rows: BTreeMap<(String, String), Counts> = BTreeMap::new();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for q in quotes {
        let src = source
            .get(q.article.as_str())
            .copied()
            .unwrap_or("")
            .to_string();
        let (speaker, ty) = match q.speaker.as_deref() {
            Some(s) => (
                s.to_string(),
                kind.get(&(q.article.as_str(), s))
                    .or_else(|| kind_any.get(s))
                    .copied()
                    .unwrap_or("unknown")
                    .to_string(),
            ),
            None => ("(unresolved)".to_string(), "unknown".to_string()),
        };
        *totals.entry(src.clone()).or_default() += 1;
        let e = rows.entry((src, speaker)).or_insert((ty, 0, 0, Vec::new()));
        e.1 += 1;
        e.2 += usize::from(q.direct);
        if !e.3.contains(&q.article) {
            e.3.push(q.article.clone());
        }
    }
    let mut out: Vec<SpeakerRow> = rows
        .into_iter()
        .map(|((source, speaker), (kind, n, direct, arts))| {
            let total = totals.get(&source).copied().unwrap_or(1).max(1);
            SpeakerRow {
                share: ((n as f64 / total as f64) * 10000.0).round() / 10000.0,
                source,
                speaker,
                kind,
                quotes: n,
                direct,
                articles: arts.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then(b.quotes.cmp(&a.quotes))
            .then(a.speaker.cmp(&b.speaker))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(article: &str, text: &str) -> Quote {
        Quote {
            article: article.into(),
            speaker: Some("Jane Roe".into()),
            speaker_text: None,
            speaker_start: None,
            speaker_end: None,
            cue: None,
            cue_start: None,
            cue_end: None,
            text: text.into(),
            start: 0,
            end: text.len(),
            direct: true,
        }
    }

    fn art(id: &str, source: &str, date: &str) -> Article {
        let mut a = Article::new(id, "", "");
        a.source = source.into();
        a.published = Some(date.into());
        a
    }

    #[test]
    fn truncated_and_altered_versions_are_grouped_with_first_appearance() {
        let arts = [
            art("a", "Post", "2020-01-02"),
            art("b", "Times", "2020-01-01"),
            art("c", "Herald", "2020-01-03"),
        ];
        let quotes = [
            q(
                "a",
                "We will not back down from this fight, whatever it takes.",
            ),
            q(
                "b",
                "“We will not back down from this fight, whatever it takes, and we will win.”",
            ),
            q("c", "we will not back down from this fight"),
            q(
                "c",
                "Something else entirely was said about the weather today.",
            ),
        ];
        let l = ledger(&arts, &quotes, &LedgerOptions::default());
        assert_eq!(l.len(), 1, "{l:#?}");
        let e = &l[0];
        assert_eq!(e.first_source, "Times");
        assert_eq!(e.sources, vec!["Herald", "Post", "Times"]);
        let changes: Vec<&str> = e.versions.iter().map(|v| v.change.as_str()).collect();
        assert_eq!(changes, vec!["first", "shorter", "shorter"]);
    }

    #[test]
    fn normalise_ignores_marks_and_case() {
        assert_eq!(normalise("“It’s TIME,” he—said."), "its time he said");
        assert!(similarity("It is time to go home now", "it is time to go home") > 0.99);
        assert!(
            similarity(
                "It is time to go home now",
                "completely different words here"
            ) < 0.01
        );
    }
}
