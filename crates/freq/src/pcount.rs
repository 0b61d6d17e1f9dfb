//! Counting search terms (trends) and dictionary categories per period, group or article.

use std::collections::BTreeMap;
use std::path::Path;

use gazette_types::Article;
use polars::prelude::*;
use rayon::prelude::*;

use crate::split_len;

use crate::analyze::{Analyzer, CountOptions};
use crate::counts::{GroupKey, Grouping};
use crate::stream::{Tok, Vocab};
use crate::tables::{frame, opt_str_col, str_col};
use crate::{ErrorKind, Pattern, PatternCountTable, Result};

/// Named categories of patterns: one category per search term for trends, or the categories
/// of a dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Dictionary {
    names: Vec<String>,
    /// (category index, pattern)
    patterns: Vec<(usize, Pattern)>,
}

impl Dictionary {
    /// One category per term, named as written (for `trend`).
    pub fn from_terms<S: AsRef<str>>(terms: &[S], lowercase: bool) -> Result<Dictionary> {
        let mut d = Dictionary {
            names: Vec::new(),
            patterns: Vec::new(),
        };
        for t in terms {
            let p = Pattern::new(t.as_ref(), lowercase)?;
            d.patterns.push((d.names.len(), p));
            d.names.push(t.as_ref().trim().to_string());
        }
        Ok(d)
    }

    /// Parses a TOML dictionary: each key is a category holding a list of patterns; nested
    /// tables make categories named `outer.inner`.
    ///
    /// ```toml
    /// war = ["war*", "military", "nuclear weapon*"]
    /// [economy]
    /// jobs = ["job*", "unemploy*"]
    /// prices = ["inflation", "price*"]
    /// ```
    ///
    /// # Errors
    /// When the text is not TOML, a value is not a list of strings, or a pattern is empty.
    pub fn from_toml(text: &str, path: &Path, lowercase: bool) -> Result<Dictionary> {
        let err = |message: String| -> crate::Error {
            ErrorKind::Dictionary {
                path: path.to_path_buf(),
                message,
            }
            .into()
        };
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| err(e.to_string()))?;
        let mut d = Dictionary {
            names: Vec::new(),
            patterns: Vec::new(),
        };
        fn walk(
            d: &mut Dictionary,
            prefix: &str,
            table: &toml::Table,
            lowercase: bool,
            err: &dyn Fn(String) -> crate::Error,
        ) -> Result<()> {
            for (key, value) in table {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match value {
                    toml::Value::Table(t) => walk(d, &name, t, lowercase, err)?,
                    toml::Value::Array(items) => {
                        let cat = d.names.len();
                        d.names.push(name.clone());
                        for item in items {
                            let s = item.as_str().ok_or_else(|| {
                                err(format!("`{name}`: patterns must be strings, found {item}"))
                            })?;
                            let p = Pattern::new(s, lowercase)
                                .map_err(|e| err(format!("`{name}`: {e}")))?;
                            d.patterns.push((cat, p));
                        }
                    }
                    toml::Value::String(s) => {
                        let cat = d.names.len();
                        d.names.push(name.clone());
                        let p = Pattern::new(s, lowercase)
                            .map_err(|e| err(format!("`{name}`: {e}")))?;
                        d.patterns.push((cat, p));
                    }
                    other => {
                        return Err(err(format!(
                            "`{name}` must be a list of patterns, found {}",
                            other.type_str()
                        )));
                    }
                }
            }
            Ok(())
        }
        walk(&mut d, "", &table, lowercase, &err)?;
        if d.names.is_empty() {
            return Err(err("no categories".into()));
        }
        Ok(d)
    }

    /// Reads and parses a TOML dictionary file.
    ///
    /// # Errors
    /// As [`Dictionary::from_toml`], or when the file cannot be read.
    pub fn from_toml_file(path: &Path, lowercase: bool) -> Result<Dictionary> {
        let text = std::fs::read_to_string(path).map_err(|e| ErrorKind::Dictionary {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Dictionary::from_toml(&text, path, lowercase)
    }

    /// Category names in order.
    pub fn categories(&self) -> &[String] {
        &self.names
    }
}

#[derive(Default, Clone)]
struct Cell {
    words: u64,
    counts: Vec<u64>,
}

/// Counts dictionary categories (or trend terms) over batches of articles.
pub struct PatternCounter {
    analyzer: Analyzer,
    dict: Dictionary,
    pattern_list: Vec<Pattern>,
    grouping: Grouping,
    per_article: bool,
    cells: BTreeMap<GroupKey, Cell>,
    articles: Vec<(usize, String, GroupKey, Cell)>,
    next: usize,
}

impl PatternCounter {
    /// A counter for `dict` with these grouping options; per article when `per_article`.
    pub fn new(
        dict: Dictionary,
        options: &CountOptions,
        grouping: Grouping,
        per_article: bool,
    ) -> PatternCounter {
        PatternCounter {
            analyzer: Analyzer::new(&CountOptions {
                stem: false,
                only: Vec::new(),
                ..options.clone()
            }),
            pattern_list: dict.patterns.iter().map(|(_, p)| p.clone()).collect(),
            dict,
            grouping,
            per_article,
            cells: BTreeMap::new(),
            articles: Vec::new(),
            next: 0,
        }
    }

    /// Counts a batch of articles in parallel.
    pub fn add(&mut self, articles: &[Article]) -> &mut PatternCounter {
        let base = self.next;
        self.next += articles.len();
        let (an, pats, dict, grouping) = (
            &self.analyzer,
            self.pattern_list.as_slice(),
            &self.dict,
            &self.grouping,
        );
        let ncat = dict.names.len();
        let per: Vec<(usize, GroupKey, Cell)> = articles
            .par_iter()
            .enumerate()
            .with_min_len(split_len(articles.len()))
            .map_init(
                || (Vocab::new(an, pats), Vec::<Tok>::new(), vec![false; ncat]),
                |(vocab, toks, seen), (i, a)| {
                    vocab.tokens(&a.text, toks);
                    let mut cell = Cell {
                        words: toks.len() as u64,
                        counts: vec![0; ncat],
                    };
                    for pos in 0..toks.len() {
                        let firsts = &vocab.first[toks[pos].surf as usize];
                        if firsts.is_empty() {
                            continue;
                        }
                        seen.iter_mut().for_each(|s| *s = false);
                        for &p in firsts {
                            let cat = dict.patterns[p as usize].0;
                            if !seen[cat] && vocab.match_at(toks, pos, p).is_some() {
                                seen[cat] = true;
                                cell.counts[cat] += 1;
                            }
                        }
                    }
                    (base + i, grouping.key_of(a), cell)
                },
            )
            .collect();
        for ((i, key, cell), a) in per.into_iter().zip(articles) {
            let agg = self.cells.entry(key.clone()).or_insert_with(|| Cell {
                words: 0,
                counts: vec![0; ncat],
            });
            agg.words += cell.words;
            for (x, y) in agg.counts.iter_mut().zip(&cell.counts) {
                *x += y;
            }
            if self.per_article {
                self.articles.push((i, a.id.clone(), key, cell));
            }
        }
        self
    }

    /// The table: one row per (period, group) or article, and category, zeros included.
    pub fn finish(mut self) -> Result<PatternCountTable> {
        let mut rows: Vec<(Option<String>, GroupKey, Cell)> = if self.per_article {
            self.articles.sort_by_key(|a| a.0);
            self.articles
                .into_iter()
                .map(|(_, id, k, c)| (Some(id), k, c))
                .collect()
        } else {
            let mut v: Vec<_> = self.cells.into_iter().map(|(k, c)| (None, k, c)).collect();
            // Period first, then group: a trend reads down the periods.
            v.sort_by(|a, b| (&a.1.period, &a.1.group).cmp(&(&b.1.period, &b.1.group)));
            v
        };
        let names = &self.dict.names;
        let mut art: Vec<Option<String>> = vec![];
        let (mut per, mut grp, mut term) = (vec![], vec![], vec![]);
        let (mut count, mut words, mut rate) = (vec![], vec![], vec![]);
        for (id, key, cell) in rows.drain(..) {
            for (c, name) in names.iter().enumerate() {
                art.push(id.clone());
                per.push(key.period.clone());
                grp.push(key.group.clone());
                term.push(name.as_str());
                count.push(cell.counts[c]);
                words.push(cell.words);
                rate.push(
                    (cell.words > 0).then(|| cell.counts[c] as f64 * 10_000.0 / cell.words as f64),
                );
            }
        }
        let k = PatternCountTable::COLUMNS;
        PatternCountTable::try_from(frame(
            term.len(),
            vec![
                opt_str_col(k[0], &opts(&art)),
                opt_str_col(k[1], &opts(&per)),
                opt_str_col(k[2], &opts(&grp)),
                str_col(k[3], &term),
                Column::new(k[4].into(), count),
                Column::new(k[5].into(), words),
                Column::new(k[6].into(), rate),
            ],
        )?)
    }
}

fn opts(v: &[Option<String>]) -> Vec<Option<&str>> {
    v.iter().map(|x| x.as_deref()).collect()
}
