//! Turning a corpus and its analyses into the report model.
//!
//! [`build_report`] runs the analyses that are available and adds one section per analysis.
//! Sections adapt to the corpus: with one source there are no comparison charts, without
//! dates no trends.

use std::collections::BTreeMap;

use gazette_types::Article;

use crate::model::{Block, Chart, ChartKind, Column, Report, Section, Series, Table};
use crate::palette::{color_of, source_styles};

/// Placeholder shown for articles whose grouping field is empty.
pub const NO_SOURCE: &str = "(no source)";

/// How dates are bucketed into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar day (`2021-10-31`).
    Day,
    /// Calendar month (`2021-10`).
    Month,
    /// Calendar year (`2021`).
    Year,
    /// Decade (`1990s`).
    Decade,
}

impl Period {
    /// Returns the period a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) falls in, or `None` when
    /// the date is too coarse or not a date.
    pub fn bucket(self, date: &str) -> Option<String> {
        let date = date.trim();
        let year = date
            .get(0..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
        match self {
            Period::Decade => Some(format!("{}0s", &year[..3])),
            Period::Year => Some(year.to_string()),
            Period::Month => date
                .get(0..7)
                .filter(|m| m.as_bytes()[4] == b'-')
                .map(str::to_string),
            Period::Day => date
                .get(0..10)
                .filter(|d| d.as_bytes()[7] == b'-')
                .map(str::to_string),
        }
    }

    /// Picks a period for a set of dates: years when they span three years or more, then
    /// months, then days.
    pub fn choose(dates: &[&str]) -> Period {
        let years: std::collections::BTreeSet<&str> =
            dates.iter().filter_map(|d| d.get(0..4)).collect();
        if years.len() >= 25 {
            Period::Decade
        } else if years.len() >= 3 {
            Period::Year
        } else {
            let months: std::collections::BTreeSet<&str> =
                dates.iter().filter_map(|d| d.get(0..7)).collect();
            if months.len() >= 3 {
                Period::Month
            } else {
                Period::Day
            }
        }
    }
}

/// One input file as recorded by ingestion (for the method page).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    /// Path as given (relative to where gazette ran).
    pub path: String,
    /// Content hash (hex).
    pub hash: String,
    /// Size in bytes.
    pub bytes: u64,
    /// `read`, `skipped` or `duplicate`.
    pub status: String,
    /// Why the file was skipped, if it was.
    pub reason: Option<String>,
}

/// Returns the BLAKE3 hash (hex) and size of a file.
///
/// # Errors
/// When the file cannot be read.
pub fn hash_file(path: &std::path::Path) -> crate::Result<(String, u64)> {
    let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
    Ok((
        blake3::hash(&bytes).to_hex().to_string(),
        bytes.len() as u64,
    ))
}

/// Everything a report is built from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// The articles, duplicates already removed.
    pub articles: &'a [Article],
    /// Report title.
    pub title: String,
    /// What was read, shown under the title (`data/sample`).
    pub corpus_label: String,
    /// Metadata field that defines the groups compared (default `source`).
    pub group_by: String,
    /// Time bucket; `None` chooses one from the dates.
    pub period: Option<Period>,
    /// Terms whose use over time is charted.
    pub watch: Vec<String>,
    /// Input files (from the ingest manifest), in input order.
    pub inputs: Vec<InputFile>,
    /// Number of duplicate articles removed during ingestion.
    pub duplicates: usize,
    /// Number of inputs skipped (unreadable files, bad records).
    pub skipped: usize,
    /// The configuration used, as TOML text, for the method page.
    pub config: Option<String>,
    /// Date to show on the cover (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Time budget per article for the extractors: an article that takes longer adds nothing
    /// and is counted with the failed ones. `None`: no limit.
    pub time_budget: Option<std::time::Duration>,
    /// Actor aliases added to the built-in registry (`US`, `U.S.` → `United States`).
    pub actor_aliases: Option<gazette_extract::actors::AliasRegistry>,
}

impl<'a> ReportInput<'a> {
    /// A report input with defaults: grouped by `source`, period chosen from the dates.
    pub fn new(articles: &'a [Article], corpus_label: impl Into<String>) -> Self {
        ReportInput {
            articles,
            title: "Corpus report".to_string(),
            corpus_label: corpus_label.into(),
            group_by: "source".to_string(),
            period: None,
            watch: Vec::new(),
            inputs: Vec::new(),
            duplicates: 0,
            skipped: 0,
            config: None,
            date: None,
            time_budget: None,
            actor_aliases: None,
        }
    }
}

/// Facts about the corpus shared by every section.
pub(crate) struct Corpus<'a> {
    pub(crate) input: &'a ReportInput<'a>,
    /// Group of each article (same order as `articles`).
    pub(crate) group: Vec<String>,
    /// Period of each article, when dated.
    pub(crate) period: Vec<Option<String>>,
    /// Sorted distinct groups.
    pub(crate) groups: Vec<String>,
    /// Sorted distinct periods.
    pub(crate) periods: Vec<String>,
    /// The chosen period kind, when any article is dated.
    pub(crate) period_kind: Option<Period>,
    pub(crate) styles: Vec<crate::model::SourceStyle>,
}

impl Corpus<'_> {
    pub(crate) fn color(&self, group: &str) -> String {
        color_of(&self.styles, group)
    }

    pub(crate) fn compares(&self) -> bool {
        self.groups.len() > 1
    }
}

fn corpus<'a>(input: &'a ReportInput<'a>) -> Corpus<'a> {
    let group: Vec<String> = input
        .articles
        .iter()
        .map(|a| match a.field(&input.group_by).map(str::trim) {
            Some(s) if !s.is_empty() => s.to_string(),
            _ => NO_SOURCE.to_string(),
        })
        .collect();
    let dates: Vec<&str> = input
        .articles
        .iter()
        .filter_map(|a| a.published.as_deref())
        .collect();
    let period_kind = if dates.is_empty() {
        None
    } else {
        Some(input.period.unwrap_or_else(|| Period::choose(&dates)))
    };
    let period: Vec<Option<String>> = input
        .articles
        .iter()
        .map(|a| {
            let kind = period_kind?;
            kind.bucket(a.published.as_deref()?)
        })
        .collect();
    let groups: Vec<String> = group
        .iter()
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let periods: Vec<String> = period
        .iter()
        .flatten()
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let styles = source_styles(&groups);
    Corpus {
        input,
        group,
        period,
        groups,
        periods,
        period_kind,
        styles,
    }
}

/// Counts words the way the overview reports them: whitespace-separated pieces that hold a
/// letter or digit.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Returns the UTC calendar date `(year, month, day)` of a Unix time in seconds.
pub fn date_from_epoch(secs: i64) -> (i32, u8, u8) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// Formats an integer with thousands separators (`12,345`).
pub(crate) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a float with `digits` decimals, `-0` shown as `0`.
pub(crate) fn fixed(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

fn overview(c: &Corpus<'_>) -> (Section, Vec<String>) {
    let arts = c.input.articles;
    let words: Vec<usize> = arts.iter().map(|a| word_count(&a.text)).collect();
    let total_words: usize = words.iter().sum();
    let mut blocks = Vec::new();
    let mut summary = Vec::new();
    let dated = c.period.iter().filter(|p| p.is_some()).count();
    let mut first = format!(
        "The corpus holds {} articles ({} words) from {} {}.",
        thousands(arts.len()),
        thousands(total_words),
        c.groups.len(),
        if c.groups.len() == 1 {
            "source"
        } else {
            "sources"
        },
    );
    let first_date = arts.iter().filter_map(|a| a.published.as_deref()).min();
    let last_date = arts.iter().filter_map(|a| a.published.as_deref()).max();
    if let (Some(a), Some(b)) = (first_date, last_date) {
        first.push_str(&format!(
            " {} of them are dated, from {a} to {b}.",
            thousands(dated)
        ));
    } else {
        first.push_str(" No article is dated, so there are no trends over time.");
    }
    summary.push(first.clone());
    blocks.push(Block::Paragraph { text: first });
    let mut ingest = format!(
        "Ingestion removed {} duplicate {} and skipped {} {}.",
        thousands(c.input.duplicates),
        if c.input.duplicates == 1 {
            "article"
        } else {
            "articles"
        },
        thousands(c.input.skipped),
        if c.input.skipped == 1 {
            "input"
        } else {
            "inputs"
        },
    );
    if c.input.skipped > 0 {
        ingest.push_str(" The skipped inputs and their reasons are listed in the method section.");
    }
    blocks.push(Block::Paragraph { text: ingest });

    // Per group.
    // group → (articles, words, first date, last date)
    type Row<'a> = (usize, usize, Option<&'a str>, Option<&'a str>);
    let mut per: BTreeMap<&str, Row<'_>> = BTreeMap::new();
    for (i, a) in arts.iter().enumerate() {
        let e = per.entry(c.group[i].as_str()).or_default();
        e.0 += 1;
        e.1 += words[i];
        if let Some(d) = a.published.as_deref() {
            e.2 = Some(e.2.map_or(d, |x: &str| x.min(d)));
            e.3 = Some(e.3.map_or(d, |x: &str| x.max(d)));
        }
    }
    let group_name = capitalise(&c.input.group_by);
    let rows: Vec<Vec<String>> = per
        .iter()
        .map(|(g, (n, w, lo, hi))| {
            vec![
                g.to_string(),
                thousands(*n),
                thousands(*w),
                thousands(w / n.max(&1)),
                lo.unwrap_or("").to_string(),
                hi.unwrap_or("").to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "overview-sources".into(),
        caption: format!("Articles and words per {}", c.input.group_by),
        columns: vec![
            Column::text(&group_name),
            Column::number("Articles"),
            Column::number("Words"),
            Column::number("Words per article"),
            Column::text("First date"),
            Column::text("Last date"),
        ],
        rows,
        shown: Some(40),
    }));
    if c.compares() {
        // One series per source, non-zero only in its own row, so each bar has its colour.
        let cats: Vec<String> = per.keys().map(|g| g.to_string()).collect();
        let series = cats
            .iter()
            .enumerate()
            .map(|(i, g)| Series {
                name: g.clone(),
                color: c.color(g),
                values: per
                    .values()
                    .enumerate()
                    .map(|(j, v)| if i == j { v.0 as f64 } else { 0.0 })
                    .collect(),
            })
            .collect();
        blocks.push(Block::Chart(Chart {
            id: "overview-sources".into(),
            title: format!("Articles per {}", c.input.group_by),
            caption: format!(
                "Number of articles per {g}. Volume differs between {g}s, so later comparisons use rates per 10,000 words, not raw counts.",
                g = c.input.group_by
            ),
            x_label: "articles".into(),
            y_label: String::new(),
            kind: ChartKind::Bars {
                categories: cats,
                series,
                stacked: true,
            },
        }));
    }
    // Per period.
    if !c.periods.is_empty() {
        let kind = c.period_kind.map_or("period", period_name);
        let mut counts: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
        for (i, n_words) in words.iter().enumerate() {
            if let Some(p) = &c.period[i] {
                let e = counts.entry((p.as_str(), c.group[i].as_str())).or_default();
                e.0 += 1;
                e.1 += n_words;
            }
        }
        if c.compares() && c.groups.len() <= 8 {
            // One row per period, one column per group: a calendar of the corpus.
            let mut columns = vec![Column::text(&capitalise(kind))];
            columns.extend(c.groups.iter().map(|g| Column::number(g)));
            columns.push(Column::number("All articles"));
            columns.push(Column::number("All words"));
            let rows: Vec<Vec<String>> = c
                .periods
                .iter()
                .map(|p| {
                    let mut r = vec![p.clone()];
                    let (mut n, mut w) = (0, 0);
                    for g in &c.groups {
                        let v = counts.get(&(p.as_str(), g.as_str())).copied();
                        let (gn, gw) = v.unwrap_or_default();
                        n += gn;
                        w += gw;
                        r.push(thousands(gn));
                    }
                    r.push(thousands(n));
                    r.push(thousands(w));
                    r
                })
                .collect();
            blocks.push(Block::Table(Table {
                id: "overview-periods".into(),
                caption: format!("Articles per {kind} and {}", c.input.group_by),
                columns,
                rows,
                shown: Some(60),
            }));
        } else {
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|((p, g), (n, w))| {
                    vec![p.to_string(), g.to_string(), thousands(*n), thousands(*w)]
                })
                .collect();
            blocks.push(Block::Table(Table {
                id: "overview-periods".into(),
                caption: format!("Articles and words per {kind} and {}", c.input.group_by),
                columns: vec![
                    Column::text(&capitalise(kind)),
                    Column::text(&group_name),
                    Column::number("Articles"),
                    Column::number("Words"),
                ],
                rows,
                shown: Some(30),
            }));
        }
        if c.periods.len() > 1 {
            let series = c
                .groups
                .iter()
                .map(|g| Series {
                    name: g.clone(),
                    color: c.color(g),
                    values: c
                        .periods
                        .iter()
                        .map(|p| {
                            counts
                                .get(&(p.as_str(), g.as_str()))
                                .map_or(0.0, |v| v.0 as f64)
                        })
                        .collect(),
                })
                .collect();
            blocks.push(Block::Chart(Chart {
                id: "overview-periods".into(),
                title: format!("Articles per {kind}"),
                caption: format!("Number of articles per {kind} and {}.", c.input.group_by),
                x_label: kind.into(),
                y_label: "articles".into(),
                kind: ChartKind::Lines {
                    x: c.periods.clone(),
                    series,
                },
            }));
        }
    }
    (
        Section {
            id: "overview".into(),
            title: "Corpus overview".into(),
            blocks,
        },
        summary,
    )
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Month => "month",
        Period::Year => "year",
        Period::Decade => "decade",
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn method(c: &Corpus<'_>, notes: &[String]) -> Section {
    let i = c.input;
    let mut blocks = vec![Block::Paragraph {
        text: format!(
            "This report was produced by gazette {} from {} with `gazette report`. The same inputs and configuration give byte-identical output: nothing depends on the clock, the machine or the number of threads.",
            env!("CARGO_PKG_VERSION"),
            i.corpus_label
        ),
    }];
    blocks.push(Block::Heading {
        text: "Statistics used and their caveats".into(),
    });
    let mut items = vec![format!(
        "Groups are the values of the `{}` field; articles without one are shown as \"{NO_SOURCE}\". Words are counted as whitespace-separated pieces holding a letter or digit.",
        i.group_by
    )];
    if let Some(k) = c.period_kind {
        items.push(format!(
            "Dates are bucketed by {}. Periods with few articles give unstable rates.",
            period_name(k)
        ));
    }
    items.extend(notes.iter().cloned());
    blocks.push(Block::List { items });
    blocks.push(Block::Heading {
        text: "Configuration".into(),
    });
    blocks.push(Block::Paragraph {
        text: match &i.config {
            Some(cfg) if !cfg.trim().is_empty() => cfg.clone(),
            _ => "No gazette.toml was used: all settings are the defaults.".into(),
        },
    });
    if !i.inputs.is_empty() {
        blocks.push(Block::Table(Table {
            id: "method-inputs".into(),
            caption: "Input files with their content hash (BLAKE3) and status".into(),
            columns: vec![
                Column::text("File"),
                Column::number("Bytes"),
                Column::text("Status"),
                Column::text("Hash"),
                Column::text("Reason"),
            ],
            rows: i
                .inputs
                .iter()
                .map(|f| {
                    vec![
                        f.path.clone(),
                        thousands(f.bytes as usize),
                        f.status.clone(),
                        f.hash.chars().take(16).collect(),
                        f.reason.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            shown: Some(60),
        }));
    }
    Section {
        id: "method".into(),
        title: "Method".into(),
        blocks,
    }
}

/// Builds the report model from a corpus: overview, the analyses, and the method page.
pub fn build_report(input: &ReportInput<'_>) -> Report {
    let c = corpus(input);
    let mut sections = Vec::new();
    let mut summary = Vec::new();
    let notes: Vec<String> = vec![
        "Terms: lower-cased words without stop words and numbers; rates per 10,000 words. Keyness: log-likelihood G² (Rayson and Garside), Benjamini–Hochberg adjusted p < 0.05, effect size Hardie's log ratio with a 95% confidence interval. Significant is not the same as important: large corpora make small differences significant.".into(),
        "Actors come from a statistical tagger trained on CoNLL-2003 news; it misses and mislabels some names, and merges mentions within an article only. Quotes and speakers are found with rules; indirect speech and pronoun speakers are harder than direct quotes.".into(),
        "Figures are found and normalised with rules; objects and attributions are the nearest plausible phrase and can be wrong. Conflicts group figures by kind, unit, object and year, with a 5% tolerance.".into(),
    ];
    let (ov, s) = overview(&c);
    sections.push(ov);
    summary.extend(s);
    let words = crate::analyses::count(&c, gazette_freq::Unit::Terms);
    let bigrams = crate::analyses::count(&c, gazette_freq::Unit::Ngrams(2));
    let (t, s) = crate::analyses::terms(&c, &words, &bigrams);
    sections.push(t);
    summary.extend(s);
    if let Some((k, s)) = crate::analyses::keyness(&c, &words) {
        sections.push(k);
        summary.extend(s);
    }
    let watch: Vec<String> = if input.watch.is_empty() {
        crate::analyses::default_watch(&words)
    } else {
        input.watch.iter().map(|w| w.to_lowercase()).collect()
    };
    if let Some(t) = crate::analyses::trends(&c, &words, &watch) {
        sections.push(t);
    }
    let x = crate::analyses::extract(&c);
    let (a, s) = crate::analyses::actors(&c, &x);
    sections.push(a);
    summary.extend(s);
    let (q, s) = crate::analyses::quotes(&c, &x);
    sections.push(q);
    summary.extend(s);
    let (f, s) = crate::analyses::figures(&c, &x);
    sections.push(f);
    summary.extend(s);
    sections.push(method(&c, &notes));
    Report {
        title: input.title.clone(),
        subtitle: input.corpus_label.clone(),
        date: input.date.clone(),
        generator: format!("gazette {}", env!("CARGO_PKG_VERSION")),
        sources: c.styles.clone(),
        summary,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_bucket_partial_dates() {
        assert_eq!(Period::Year.bucket("2021-10-31").as_deref(), Some("2021"));
        assert_eq!(Period::Month.bucket("2021-10").as_deref(), Some("2021-10"));
        assert_eq!(Period::Month.bucket("2021"), None);
        assert_eq!(
            Period::Decade.bucket("1987-01-02").as_deref(),
            Some("1980s")
        );
        assert_eq!(Period::Year.bucket("n/a"), None);
        assert_eq!(Period::choose(&["2021-01-01", "2021-01-02"]), Period::Day);
        assert_eq!(Period::choose(&["1945", "1950", "1960"]), Period::Year);
    }

    #[test]
    fn number_formatting() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(-1.234, 2), "-1.23");
        assert_eq!(date_from_epoch(0), (1970, 1, 1));
        assert_eq!(date_from_epoch(1_635_638_400), (2021, 10, 31));
        assert_eq!(date_from_epoch(951_782_400), (2000, 2, 29));
    }
}
