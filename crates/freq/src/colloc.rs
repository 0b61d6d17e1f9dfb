//! Collocations of a node within a window, and all-pairs phrase discovery.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use gazette_types::Article;
use polars::prelude::*;
use rayon::prelude::*;

use crate::split_len;

use crate::analyze::{Analyzer, CountOptions};
use crate::counts::CorpusCounts;
use crate::stats;
use crate::stream::{Tok, Vocab};
use crate::tables::{frame, str_col};
use crate::{CollocationTable, Pattern, Result};

/// The score collocates are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// logDice (Rychlý 2008), the default: stable across corpus sizes.
    #[default]
    LogDice,
    /// Mutual information.
    Mi,
    /// MI³.
    Mi3,
    /// t-score.
    TScore,
    /// Log-likelihood G².
    LogLikelihood,
    /// Raw co-occurrence frequency.
    Frequency,
}

impl std::str::FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Measure, String> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "logdice" => Ok(Measure::LogDice),
            "mi" => Ok(Measure::Mi),
            "mi3" => Ok(Measure::Mi3),
            "t" | "tscore" => Ok(Measure::TScore),
            "ll" | "g2" | "loglikelihood" => Ok(Measure::LogLikelihood),
            "freq" | "frequency" => Ok(Measure::Frequency),
            _ => Err(format!(
                "unknown measure `{s}` (logdice, mi, mi3, t-score, ll, frequency)"
            )),
        }
    }
}

/// Options for collocations.
#[derive(Debug, Clone, PartialEq)]
pub struct CollocationOptions {
    /// Words to the left of the node. Default 5.
    pub left: usize,
    /// Words to the right of the node. Default 5.
    pub right: usize,
    /// Minimum co-occurrences. Default 3.
    pub min_cooccurrences: u64,
    /// Minimum corpus frequency of the collocate. Default 3.
    pub min_collocate_count: u64,
    /// Sort by this score.
    pub measure: Measure,
    /// At most this many rows.
    pub top: Option<usize>,
}

impl Default for CollocationOptions {
    fn default() -> Self {
        CollocationOptions {
            left: 5,
            right: 5,
            min_cooccurrences: 3,
            min_collocate_count: 3,
            measure: Measure::LogDice,
            top: None,
        }
    }
}

struct Acc<'a> {
    vocab: Vocab<'a>,
    counts: Vec<u64>,
    cooc: HashMap<u32, u64, RandomState>,
    nodes: u64,
    words: u64,
    toks: Vec<Tok>,
}

impl<'a> Acc<'a> {
    fn new(an: &'a Analyzer, node: &'a [Pattern]) -> Acc<'a> {
        Acc {
            vocab: Vocab::new(an, node),
            counts: Vec::new(),
            cooc: HashMap::default(),
            nodes: 0,
            words: 0,
            toks: Vec::new(),
        }
    }

    fn add(&mut self, article: &Article, left: usize, right: usize) {
        let mut toks = std::mem::take(&mut self.toks);
        self.vocab.tokens(&article.text, &mut toks);
        self.words += toks.len() as u64;
        for t in &toks {
            let info = self.vocab.info[t.surf as usize];
            if info.counted {
                let c = info.canon as usize;
                if c >= self.counts.len() {
                    self.counts.resize(c + 1024, 0);
                }
                self.counts[c] += 1;
            }
        }
        let mut i = 0;
        while i < toks.len() {
            let Some(end) = (!self.vocab.first[toks[i].surf as usize].is_empty())
                .then(|| self.vocab.match_at(&toks, i, 0))
                .flatten()
            else {
                i += 1;
                continue;
            };
            self.nodes += 1;
            let lo = i.saturating_sub(left);
            let hi = (end + right).min(toks.len());
            for t in toks[lo..i].iter().chain(&toks[end..hi]) {
                let info = self.vocab.info[t.surf as usize];
                if info.counted {
                    *self.cooc.entry(info.canon).or_default() += 1;
                }
            }
            i += 1;
        }
        self.toks = toks;
    }

    fn merge(mut self, other: Acc<'a>) -> Acc<'a> {
        let map = self.vocab.canon.absorb(&other.vocab.canon);
        let need = self.vocab.canon.len();
        if self.counts.len() < need {
            self.counts.resize(need, 0);
        }
        for (i, &c) in other.counts.iter().enumerate() {
            if c > 0 {
                self.counts[map[i] as usize] += c;
            }
        }
        for (k, v) in other.cooc {
            *self.cooc.entry(map[k as usize]).or_default() += v;
        }
        self.nodes += other.nodes;
        self.words += other.words;
        self
    }
}

/// Streaming collocation finder for one node pattern.
pub struct Collocations {
    analyzer: Analyzer,
    node: Vec<Pattern>,
    options: CollocationOptions,
    counts: HashMap<String, u64>,
    cooc: HashMap<String, u64>,
    nodes: u64,
    words: u64,
}

impl Collocations {
    /// A finder for `node` (a term, phrase or glob) with counting and window options.
    pub fn new(node: Pattern, count: &CountOptions, options: CollocationOptions) -> Collocations {
        Collocations {
            analyzer: Analyzer::new(count),
            node: vec![node],
            options,
            counts: HashMap::new(),
            cooc: HashMap::new(),
            nodes: 0,
            words: 0,
        }
    }

    /// Counts a batch of articles in parallel.
    pub fn add(&mut self, articles: &[Article]) -> &mut Collocations {
        let (an, node, l, r) = (
            &self.analyzer,
            self.node.as_slice(),
            self.options.left,
            self.options.right,
        );
        let acc = articles
            .par_iter()
            .with_min_len(split_len(articles.len()))
            .fold(
                || Acc::new(an, node),
                |mut a, art| {
                    a.add(art, l, r);
                    a
                },
            )
            .reduce(|| Acc::new(an, node), Acc::merge);
        for (i, &c) in acc.counts.iter().enumerate() {
            if c > 0 {
                *self
                    .counts
                    .entry(acc.vocab.canon.resolve(i as u32).to_string())
                    .or_default() += c;
            }
        }
        for (k, v) in acc.cooc {
            *self
                .cooc
                .entry(acc.vocab.canon.resolve(k).to_string())
                .or_default() += v;
        }
        self.nodes += acc.nodes;
        self.words += acc.words;
        self
    }

    /// The collocation table.
    pub fn finish(self) -> Result<CollocationTable> {
        let node = self.node[0].as_str().to_string();
        let rows = self
            .cooc
            .iter()
            .map(|(c, &o)| (node.clone(), c.clone(), o, self.nodes, self.counts[c]))
            .collect();
        build(rows, self.words, &self.options)
    }
}

/// Collocates of `node` in `articles` (one batch).
pub fn collocations(
    articles: &[Article],
    node: Pattern,
    count: &CountOptions,
    options: CollocationOptions,
) -> Result<CollocationTable> {
    let mut c = Collocations::new(node, count, options);
    c.add(articles);
    c.finish()
}

/// All-pairs phrase discovery: every adjacent word pair (from `bigrams`, counted as
/// [`crate::Unit::Ngrams`]`(2)`) scored against its words' frequencies in `terms` (counted
/// with the same options, stop words kept).
pub fn phrases(
    terms: &CorpusCounts,
    bigrams: &CorpusCounts,
    options: &CollocationOptions,
) -> Result<CollocationTable> {
    let mut rows = Vec::new();
    for (id, gram) in bigrams.vocabulary().iter().enumerate() {
        let o = bigrams.totals[id].0;
        let Some((a, b)) = gram.split_once(' ') else {
            continue;
        };
        rows.push((
            a.to_string(),
            b.to_string(),
            o,
            terms.count(a),
            terms.count(b),
        ));
    }
    build(rows, terms.words(), options)
}

/// (node, collocate, co-occurrences, node count, collocate count)
type Pair = (String, String, u64, u64, u64);

fn build(rows: Vec<Pair>, words: u64, options: &CollocationOptions) -> Result<CollocationTable> {
    let n = words.max(1) as f64;
    let mut scored: Vec<_> = rows
        .into_iter()
        .filter(|r| {
            r.2 >= options.min_cooccurrences.max(1)
                && r.4 >= options.min_collocate_count
                && r.3 > 0
                && r.4 > 0
        })
        .map(|r| {
            let s = stats::association(r.2 as f64, r.3 as f64, r.4 as f64, n);
            let key = match options.measure {
                Measure::LogDice => s.log_dice,
                Measure::Mi => s.mi,
                Measure::Mi3 => s.mi3,
                Measure::TScore => s.t_score,
                Measure::LogLikelihood => s.log_likelihood,
                Measure::Frequency => r.2 as f64,
            };
            (r, s, key)
        })
        .collect();
    scored.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then(x.0.0.cmp(&y.0.0))
            .then(x.0.1.cmp(&y.0.1))
    });
    scored.truncate(options.top.unwrap_or(usize::MAX));
    let k = CollocationTable::COLUMNS;
    let len = scored.len();
    let col_s = |f: &dyn Fn(&Pair) -> &str, name: &str| {
        str_col(name, &scored.iter().map(|x| f(&x.0)).collect::<Vec<_>>())
    };
    let col_u = |f: &dyn Fn(&Pair) -> u64, name: &str| {
        Column::new(
            name.into(),
            scored.iter().map(|x| f(&x.0)).collect::<Vec<u64>>(),
        )
    };
    let col_f = |f: &dyn Fn(&stats::Association) -> f64, name: &str| {
        Column::new(
            name.into(),
            scored.iter().map(|x| f(&x.1)).collect::<Vec<f64>>(),
        )
    };
    CollocationTable::try_from(frame(
        len,
        vec![
            col_s(&|r| r.0.as_str(), k[0]),
            col_s(&|r| r.1.as_str(), k[1]),
            col_u(&|r| r.2, k[2]),
            col_u(&|r| r.3, k[3]),
            col_u(&|r| r.4, k[4]),
            col_f(&|s| s.expected, k[5]),
            col_f(&|s| s.log_dice, k[6]),
            col_f(&|s| s.mi, k[7]),
            col_f(&|s| s.mi3, k[8]),
            col_f(&|s| s.t_score, k[9]),
            col_f(&|s| s.log_likelihood, k[10]),
            Column::new(k[11].into(), (1..=len as u32).collect::<Vec<u32>>()),
        ],
    )?)
}
