//! Keyness: which terms a target group uses more (or less) than a reference.

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;

use crate::counts::CorpusCounts;
use crate::stats::{self, Correction};
use crate::tables::{frame, str_col};
use crate::{ErrorKind, KeynessTable, Result};

/// What the target is compared against.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// Every article not in the target group.
    Rest,
    /// Another group (a value of the grouping field).
    Group(String),
    /// A frequency list (term → count) with its total number of words.
    List {
        /// Term counts.
        counts: HashMap<String, u64>,
        /// Words in the reference corpus (the sum of counts when not known).
        words: u64,
    },
}

impl Reference {
    /// Reads a reference frequency list from a CSV file with a header and the columns `term`
    /// and `count` (other columns are ignored). Terms are case-folded when `lowercase`; the
    /// reference size is the sum of the counts.
    ///
    /// # Errors
    /// When the file cannot be read, lacks the columns, or has a negative or missing count.
    pub fn from_csv(path: &Path, lowercase: bool) -> Result<Reference> {
        let bad = |line: u64, message: String| -> crate::Error {
            ErrorKind::ReferenceList {
                path: path.to_path_buf(),
                line,
                message,
            }
            .into()
        };
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(None)
            .try_into_reader_with_file_path(Some(path.to_path_buf()))
            .and_then(|r| r.finish())
            .map_err(|e| bad(0, e.to_string()))?;
        let terms = df
            .column("term")
            .map_err(|_| bad(1, "no `term` column".into()))?
            .cast(&DataType::String)?;
        let counts = df
            .column("count")
            .map_err(|_| bad(1, "no `count` column".into()))?
            .cast(&DataType::Int64)
            .map_err(|e| bad(0, format!("`count` is not a whole number: {e}")))?;
        let terms = terms.str()?;
        let counts = counts.i64()?;
        let mut map: HashMap<String, u64> = HashMap::new();
        let mut words = 0u64;
        for (i, (t, c)) in terms.iter().zip(counts.iter()).enumerate() {
            let line = i as u64 + 2;
            let t = t.ok_or_else(|| bad(line, "empty term".into()))?;
            let c = c.ok_or_else(|| bad(line, "missing or non-numeric count".into()))?;
            let c = u64::try_from(c).map_err(|_| bad(line, format!("negative count {c}")))?;
            let t = if lowercase {
                t.to_lowercase()
            } else {
                t.to_string()
            };
            *map.entry(t.replace('’', "'")).or_default() += c;
            words += c;
        }
        Ok(Reference::List { counts: map, words })
    }
}

/// Options of a keyness comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessOptions {
    /// The target group (a value of the grouping field).
    pub target: String,
    /// What to compare with.
    pub reference: Reference,
    /// Keep terms whose adjusted p-value is below this (1 keeps all). Default 0.05.
    pub alpha: f64,
    /// Multiple-comparison correction over all terms tested. Default Benjamini–Hochberg.
    pub correction: Correction,
    /// Only test terms with at least this many occurrences in target and reference together.
    /// Default 3.
    pub min_count: u64,
    /// At most this many keywords per direction.
    pub top: Option<usize>,
    /// Include negative keywords (less frequent in the target). Default true.
    pub negative: bool,
}

impl KeynessOptions {
    /// Target against the rest of the corpus with the defaults.
    pub fn new(target: impl Into<String>) -> KeynessOptions {
        KeynessOptions {
            target: target.into(),
            reference: Reference::Rest,
            alpha: 0.05,
            correction: Correction::BenjaminiHochberg,
            min_count: 3,
            top: None,
            negative: true,
        }
    }
}

struct Row {
    term: String,
    a: u64,
    b: u64,
    g2: f64,
    p: f64,
}

impl CorpusCounts {
    /// Counts per term for the groups whose field value satisfies `pick`, and their words.
    fn side(&self, pick: impl Fn(&str) -> bool) -> (HashMap<u32, u64>, u64, usize) {
        let mut counts: HashMap<u32, u64> = HashMap::new();
        let (mut words, mut n) = (0, 0);
        for g in &self.groups {
            if pick(g.key.group.as_deref().unwrap_or("")) {
                n += 1;
                words += g.words;
                for t in &g.terms {
                    *counts.entry(t.term).or_default() += t.count;
                }
            }
        }
        (counts, words, n)
    }

    /// Names of the groups (values of the grouping field), sorted and deduplicated.
    pub fn group_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .groups
            .iter()
            .filter_map(|g| g.key.group.clone())
            .collect();
        v.dedup();
        v
    }

    /// Keywords of `options.target` against the reference: G² (4-term), p-values with the
    /// chosen correction, Hardie's log ratio with a 95% CI and %DIFF.
    ///
    /// # Errors
    /// When the counts are not grouped by a field, or the target or reference group does not
    /// exist.
    pub fn keyness(&self, options: &KeynessOptions) -> Result<KeynessTable> {
        if self.grouping.field.is_none() && !matches!(options.reference, Reference::List { .. }) {
            return Err(ErrorKind::Missing(
                "keyness against groups needs counts grouped by a field (e.g. `--by source`)"
                    .into(),
            )
            .into());
        }
        let names = self.group_names();
        let target = options.target.as_str();
        let unknown = |g: &str| -> crate::Error {
            ErrorKind::Missing(format!("no group `{g}`; groups are: {}", names.join(", "))).into()
        };
        let (t_counts, t_words, n) = if self.grouping.field.is_none() {
            self.side(|_| true)
        } else {
            self.side(|g| g == target)
        };
        if n == 0 {
            return Err(unknown(target));
        }
        // Reference counts keyed by term text.
        let (r_counts, r_words): (HashMap<String, u64>, u64) = match &options.reference {
            Reference::Rest => {
                let (c, w, _) = self.side(|g| g != target);
                (self.named(c), w)
            }
            Reference::Group(other) => {
                let (c, w, n) = self.side(|g| g == other);
                if n == 0 {
                    return Err(unknown(other));
                }
                (self.named(c), w)
            }
            Reference::List { counts, words } => (counts.clone(), *words),
        };
        if t_words == 0 || r_words == 0 {
            return Err(ErrorKind::Missing("target or reference has no words".into()).into());
        }
        let mut terms: Vec<&str> = t_counts
            .keys()
            .map(|&i| self.vocab[i as usize].as_str())
            .collect();
        for t in r_counts.keys() {
            // Only reference terms this corpus would have counted are tested: otherwise stop
            // words or numbers dropped here would all show up as negative keywords.
            let o = &self.options;
            let allowed = !(o.drop_stopwords && gazette_tokenize::stopwords::is_stopword(t))
                && (o.numbers || !t.starts_with(|c: char| c.is_ascii_digit()))
                && (o.only.is_empty() || o.only.iter().any(|p| p.matches_term(t)));
            if allowed {
                terms.push(t.as_str());
            }
        }
        terms.sort_unstable();
        terms.dedup();
        let (c, d) = (t_words as f64, r_words as f64);
        let mut rows: Vec<Row> = terms
            .into_iter()
            .filter_map(|term| {
                let a = self
                    .term_id(term)
                    .and_then(|i| t_counts.get(&i))
                    .copied()
                    .unwrap_or(0);
                let b = r_counts.get(term).copied().unwrap_or(0);
                if a + b < options.min_count.max(1) {
                    return None;
                }
                let g2 = stats::log_likelihood(a as f64, b as f64, c, d);
                Some(Row {
                    term: term.to_string(),
                    a,
                    b,
                    g2,
                    p: stats::chi2_p_1df(g2),
                })
            })
            .collect();
        let p: Vec<f64> = rows.iter().map(|r| r.p).collect();
        let adjusted = stats::adjust_p(&p, p.len(), options.correction);
        let mut out: Vec<(Row, f64, bool)> = rows
            .drain(..)
            .zip(adjusted)
            .filter(|(_, q)| options.alpha >= 1.0 || *q < options.alpha)
            .map(|(r, q)| {
                let positive = (r.a as f64 / c) >= (r.b as f64 / d);
                (r, q, positive)
            })
            .filter(|(_, _, pos)| *pos || options.negative)
            .collect();
        out.sort_by(|x, y| {
            y.2.cmp(&x.2)
                .then(y.0.g2.total_cmp(&x.0.g2))
                .then(x.0.term.cmp(&y.0.term))
        });
        let mut cols: (Vec<String>, Vec<u64>, Vec<u64>) = (vec![], vec![], vec![]);
        let mut f: [Vec<f64>; 8] = Default::default();
        let mut pd: Vec<Option<f64>> = vec![];
        let (mut dir, mut rank) = (vec![], vec![]);
        let (mut n_pos, mut n_neg) = (0u32, 0u32);
        for (r, q, positive) in out {
            let k = if positive { &mut n_pos } else { &mut n_neg };
            if options.top.is_some_and(|top| *k as usize >= top) {
                continue;
            }
            *k += 1;
            let (a, b) = (r.a as f64, r.b as f64);
            let (lr, lo, hi) = stats::log_ratio(a, b, c, d);
            cols.0.push(r.term);
            cols.1.push(r.a);
            cols.2.push(r.b);
            for (v, x) in
                f.iter_mut()
                    .zip([a * 10_000.0 / c, b * 10_000.0 / d, r.g2, r.p, q, lr, lo, hi])
            {
                v.push(x);
            }
            pd.push(stats::percent_diff(a, b, c, d));
            dir.push(if positive { "positive" } else { "negative" });
            rank.push(*k);
        }
        let [tp, rp, g2, p, q, lr, lo, hi] = f;
        let k = KeynessTable::COLUMNS;
        KeynessTable::try_from(frame(
            cols.0.len(),
            vec![
                str_col(k[0], &cols.0),
                Column::new(k[1].into(), cols.1),
                Column::new(k[2].into(), cols.2),
                Column::new(k[3].into(), tp),
                Column::new(k[4].into(), rp),
                Column::new(k[5].into(), g2),
                Column::new(k[6].into(), p),
                Column::new(k[7].into(), q),
                Column::new(k[8].into(), lr),
                Column::new(k[9].into(), lo),
                Column::new(k[10].into(), hi),
                Column::new(k[11].into(), pd),
                str_col(k[12], &dir),
                Column::new(k[13].into(), rank),
            ],
        )?)
    }

    fn named(&self, counts: HashMap<u32, u64>) -> HashMap<String, u64> {
        counts
            .into_iter()
            .map(|(i, c)| (self.vocab[i as usize].clone(), c))
            .collect()
    }
}
