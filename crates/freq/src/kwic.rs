//! Keyword in context.

use gazette_types::Article;
use polars::prelude::*;
use rayon::prelude::*;

use crate::split_len;

use crate::analyze::{Analyzer, CountOptions};
use crate::stream::{Tok, Vocab};
use crate::tables::{frame, opt_str_col, str_col};
use crate::{KwicTable, Pattern, Result};

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Line {
    source: String,
    published: Option<String>,
    article: String,
    index: usize,
    start: usize,
    end: usize,
    left: String,
    matched: String,
    right: String,
}

/// White space runs (newlines included) become one space.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Concordance builder: add batches, then [`Kwic::finish`].
pub struct Kwic {
    analyzer: Analyzer,
    patterns: Vec<Pattern>,
    width: usize,
    lines: Vec<Line>,
    next: usize,
}

impl Kwic {
    /// Finds `patterns` (terms, phrases or globs) with `width` words of context each side.
    /// Only `lowercase` of the options matters (matching is on surface forms).
    pub fn new(patterns: Vec<Pattern>, options: &CountOptions, width: usize) -> Kwic {
        Kwic {
            analyzer: Analyzer::new(&CountOptions {
                stem: false,
                only: Vec::new(),
                ..options.clone()
            }),
            patterns,
            width,
            lines: Vec::new(),
            next: 0,
        }
    }

    /// Searches a batch of articles in parallel.
    pub fn add(&mut self, articles: &[Article]) -> &mut Kwic {
        let base = self.next;
        self.next += articles.len();
        let (an, pats, w) = (&self.analyzer, self.patterns.as_slice(), self.width);
        let found: Vec<Line> = articles
            .par_iter()
            .enumerate()
            .with_min_len(split_len(articles.len()))
            .map_init(
                || (Vocab::new(an, pats), Vec::<Tok>::new()),
                |(vocab, toks), (i, a)| lines(vocab, toks, a, base + i, w),
            )
            .flatten_iter()
            .collect();
        self.lines.extend(found);
        self
    }

    /// The table, sorted by source, date, article (input order for equal ids) and offset.
    pub fn finish(mut self) -> Result<KwicTable> {
        self.lines.sort();
        let l = &self.lines;
        let k = KwicTable::COLUMNS;
        KwicTable::try_from(frame(
            l.len(),
            vec![
                str_col(
                    k[0],
                    &l.iter().map(|x| x.article.as_str()).collect::<Vec<_>>(),
                ),
                str_col(
                    k[1],
                    &l.iter().map(|x| x.source.as_str()).collect::<Vec<_>>(),
                ),
                opt_str_col(
                    k[2],
                    &l.iter().map(|x| x.published.as_deref()).collect::<Vec<_>>(),
                ),
                Column::new(
                    k[3].into(),
                    l.iter().map(|x| x.start as u64).collect::<Vec<_>>(),
                ),
                Column::new(
                    k[4].into(),
                    l.iter().map(|x| x.end as u64).collect::<Vec<_>>(),
                ),
                str_col(k[5], &l.iter().map(|x| x.left.as_str()).collect::<Vec<_>>()),
                str_col(
                    k[6],
                    &l.iter().map(|x| x.matched.as_str()).collect::<Vec<_>>(),
                ),
                str_col(
                    k[7],
                    &l.iter().map(|x| x.right.as_str()).collect::<Vec<_>>(),
                ),
            ],
        )?)
    }
}

fn lines(
    vocab: &mut Vocab<'_>,
    toks: &mut Vec<Tok>,
    a: &Article,
    index: usize,
    w: usize,
) -> Vec<Line> {
    vocab.tokens(&a.text, toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Longest match among the patterns whose first word matches.
        let end = vocab.first[toks[i].surf as usize]
            .clone()
            .into_iter()
            .filter_map(|p| vocab.match_at(toks, i, p))
            .max();
        let Some(end) = end else {
            i += 1;
            continue;
        };
        let (s, e) = (toks[i].start, toks[end - 1].end);
        let ls = toks[i.saturating_sub(w)].start;
        let re = if w == 0 {
            e
        } else {
            toks[(end - 1 + w).min(toks.len() - 1)].end
        };
        out.push(Line {
            source: a.source.clone(),
            published: a.published.clone(),
            article: a.id.clone(),
            index,
            start: s,
            end: e,
            left: flat(&a.text[ls..s]),
            matched: a.text[s..e].to_string(),
            right: flat(&a.text[e..re]),
        });
        i = end;
    }
    out
}

/// Concordance of `patterns` in `articles` (one batch).
pub fn kwic(
    articles: &[Article],
    patterns: Vec<Pattern>,
    options: &CountOptions,
    width: usize,
) -> Result<KwicTable> {
    let mut k = Kwic::new(patterns, options, width);
    k.add(articles);
    k.finish()
}
