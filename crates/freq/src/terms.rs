//! Term, per-article, tf-idf and dispersion tables from [`CorpusCounts`].

use polars::prelude::*;

use crate::counts::CorpusCounts;
use crate::tables::{frame, opt_str_col, str_col};
use crate::{ArticleTermTable, DispersionTable, ErrorKind, Result, TermTable, TfidfTable};

/// Sorts (count desc, then term asc); term ids are in alphabetical order already.
fn by_count<T>(rows: &mut [T], count: impl Fn(&T) -> u64, term: impl Fn(&T) -> u32) {
    rows.sort_unstable_by(|a, b| count(b).cmp(&count(a)).then(term(a).cmp(&term(b))));
}

/// The first `top` rows in [`by_count`] order, the rest left unsorted after them: the rows
/// past `top` are set apart first, which costs less than sorting them (ties are broken by the
/// term, so the order is total and the first `top` are the same rows either way).
fn top_by_count<T>(
    rows: &mut [T],
    top: Option<usize>,
    count: impl Fn(&T) -> u64,
    term: impl Fn(&T) -> u32,
) {
    let order = |a: &T, b: &T| count(b).cmp(&count(a)).then(term(a).cmp(&term(b)));
    match top {
        Some(n) if n < rows.len() => {
            rows.select_nth_unstable_by(n, order);
            rows[..n].sort_unstable_by(order);
        }
        _ => rows.sort_unstable_by(order),
    }
}

impl CorpusCounts {
    /// The term table: per group (and period) when the counts were grouped, else one group
    /// for the corpus; at most `top` terms per group when given.
    pub fn terms(&self, top: Option<usize>) -> Result<TermTable> {
        let (mut g, mut p, mut t, mut c, mut d, mut r, mut rank) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        for group in &self.groups {
            let mut rows: Vec<_> = group.terms.iter().collect();
            top_by_count(&mut rows, top, |x| x.count, |x| x.term);
            let words = group.words.max(1) as f64;
            for (i, row) in rows.iter().take(top.unwrap_or(usize::MAX)).enumerate() {
                g.push(group.key.group.as_deref());
                p.push(group.key.period.as_deref());
                t.push(self.vocab[row.term as usize].as_str());
                c.push(row.count);
                d.push(row.documents);
                r.push(row.count as f64 * 10_000.0 / words);
                rank.push(i as u32 + 1);
            }
        }
        let n = t.len();
        TermTable::try_from(frame(
            n,
            vec![
                opt_str_col(TermTable::COL_GROUP, &g),
                opt_str_col(TermTable::COL_PERIOD, &p),
                str_col(TermTable::COL_TERM, &t),
                Column::new(TermTable::COL_COUNT.into(), c),
                Column::new(TermTable::COL_DOCUMENTS.into(), d),
                Column::new(TermTable::COL_PER_10K.into(), r),
                Column::new(TermTable::COL_RANK.into(), rank),
            ],
        )?)
    }

    fn need_articles(&self, what: &str) -> Result<&[crate::counts::ArticleCounts]> {
        self.articles.as_deref().ok_or_else(|| {
            ErrorKind::Missing(format!("{what} needs counts kept per article")).into()
        })
    }

    /// Term counts per article in long form.
    ///
    /// # Errors
    /// When the counts were built without `per_article`.
    pub fn article_terms(&self) -> Result<ArticleTermTable> {
        let docs = self.need_articles("the per-article table")?;
        let (mut a, mut t, mut c) = (vec![], vec![], vec![]);
        for doc in docs {
            for &(term, count) in &doc.terms {
                a.push(doc.id.as_str());
                t.push(self.vocab[term as usize].as_str());
                c.push(count);
            }
        }
        ArticleTermTable::try_from(frame(
            a.len(),
            vec![
                str_col(ArticleTermTable::COL_ARTICLE, &a),
                str_col(ArticleTermTable::COL_TERM, &t),
                Column::new(ArticleTermTable::COL_COUNT.into(), c),
            ],
        )?)
    }

    /// Top `top` terms by tf-idf per article (`per_article` true; needs per-article counts)
    /// or per group (each group is one document).
    pub fn tfidf(&self, per_article: bool, top: usize) -> Result<TfidfTable> {
        let units: Vec<(String, Vec<(u32, u64)>)> = if per_article {
            self.need_articles("tf-idf per article")?
                .iter()
                .map(|d| (d.id.clone(), d.terms.clone()))
                .collect()
        } else {
            self.groups
                .iter()
                .map(|g| {
                    (
                        g.key.label(),
                        g.terms.iter().map(|t| (t.term, t.count)).collect(),
                    )
                })
                .collect()
        };
        let mut df = vec![0u64; self.vocab.len()];
        for (_, terms) in &units {
            for &(t, _) in terms {
                df[t as usize] += 1;
            }
        }
        let n = units.len() as f64;
        let (mut u, mut t, mut c, mut s, mut rank) = (vec![], vec![], vec![], vec![], vec![]);
        for (label, terms) in &units {
            let mut scored: Vec<(u32, u64, f64)> = terms
                .iter()
                .map(|&(term, count)| {
                    (
                        term,
                        count,
                        count as f64 * (n / df[term as usize] as f64).log10(),
                    )
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            for (i, (term, count, score)) in scored.into_iter().take(top).enumerate() {
                u.push(label.as_str());
                t.push(self.vocab[term as usize].as_str());
                c.push(count);
                s.push(score);
                rank.push(i as u32 + 1);
            }
        }
        TfidfTable::try_from(frame(
            u.len(),
            vec![
                str_col(TfidfTable::COL_UNIT, &u),
                str_col(TfidfTable::COL_TERM, &t),
                Column::new(TfidfTable::COL_COUNT.into(), c),
                Column::new(TfidfTable::COL_TF_IDF.into(), s),
                Column::new(TfidfTable::COL_RANK.into(), rank),
            ],
        )?)
    }

    /// Range, Juilland's D and Gries' DP of every term over the articles, in term-table order
    /// (count descending), at most `top` rows.
    ///
    /// Computed from the non-zero cells only, so the cost follows the per-article counts and
    /// not vocabulary × articles; equal to [`stats::dispersion`] on the dense vectors.
    pub fn dispersion(&self, top: Option<usize>) -> Result<DispersionTable> {
        let docs = self.need_articles("dispersion")?;
        let corpus: f64 = docs.iter().map(|d| d.words as f64).sum::<f64>().max(1.0);
        let parts = docs.len() as f64;
        // Per term: Σ|v_i/T − s_i| over parts with the term, Σ s_i over them,
        // Σ r_i and Σ r_i² of relative frequencies r_i = v_i / size_i.
        let mut acc = vec![[0.0f64; 4]; self.vocab.len()];
        for d in docs {
            let s = d.words as f64 / corpus;
            for &(t, v) in &d.terms {
                let total = self.totals[t as usize].0 as f64;
                let r = if d.words > 0 {
                    v as f64 / d.words as f64
                } else {
                    0.0
                };
                let a = &mut acc[t as usize];
                a[0] += (v as f64 / total - s).abs();
                a[1] += s;
                a[2] += r;
                a[3] += r * r;
            }
        }
        let mut order: Vec<u32> = (0..self.vocab.len() as u32).collect();
        by_count(&mut order, |&i| self.totals[i as usize].0, |&i| i);
        let (mut t, mut c, mut range, mut jd, mut dp) = (vec![], vec![], vec![], vec![], vec![]);
        for &i in order.iter().take(top.unwrap_or(usize::MAX)) {
            let a = acc[i as usize];
            t.push(self.vocab[i as usize].as_str());
            c.push(self.totals[i as usize].0);
            range.push(self.totals[i as usize].1);
            dp.push((0.5 * (a[0] + (1.0 - a[1]))).max(0.0));
            jd.push((parts >= 2.0).then(|| {
                let mean = a[2] / parts;
                let var = (a[3] / parts - mean * mean).max(0.0);
                1.0 - (var.sqrt() / mean) / (parts - 1.0).sqrt()
            }));
        }
        DispersionTable::try_from(frame(
            t.len(),
            vec![
                str_col(DispersionTable::COL_TERM, &t),
                Column::new(DispersionTable::COL_COUNT.into(), c),
                Column::new(DispersionTable::COL_RANGE.into(), range),
                Column::new(DispersionTable::COL_JUILLAND_D.into(), jd),
                Column::new(DispersionTable::COL_DP.into(), dp),
            ],
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Cutting at `top` first gives the first `top` rows of the full sort, ties at the cut
        /// included (counts from a small range, so there are many).
        #[test]
        fn top_rows_are_those_of_the_full_sort(
            counts in proptest::collection::vec(0u64..4, 0..60),
            top in 0usize..70,
        ) {
            let rows: Vec<(u64, u32)> =
                counts.iter().enumerate().map(|(i, &c)| (c, (i as u32 * 7919) % 101)).collect();
            let mut full = rows.clone();
            by_count(&mut full, |r| r.0, |r| r.1);
            let mut cut = rows;
            top_by_count(&mut cut, Some(top), |r| r.0, |r| r.1);
            let n = top.min(full.len());
            proptest::prop_assert_eq!(&cut[..n], &full[..n]);
        }
    }
}
