//! Streaming, parallel term and n-gram counting into [`CorpusCounts`].

use std::collections::HashMap;
use std::sync::Mutex;

use foldhash::fast::RandomState;
use gazette_types::Article;
use rayon::prelude::*;

use crate::split_len;

use crate::analyze::{Analyzer, CountOptions, Kind, scan};
use crate::intern::{Interner, StrMap};
use crate::period::Period;

/// What is counted: single terms or n-grams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Single words (and numbers, unless turned off).
    Terms,
    /// Sequences of `n` words (n ≥ 2) that do not cross punctuation. With stop words dropped,
    /// an n-gram may contain stop words inside (`secretary of state`) but not begin or end
    /// with one.
    Ngrams(usize),
}

/// The group an article is counted in: a metadata value and a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey {
    /// Value of the grouping field (`None` when not grouping by a field; an article without
    /// the field has `Some("")`).
    pub group: Option<String>,
    /// Period label (`None` when not grouping by period or the article has no usable date).
    pub period: Option<String>,
}

impl GroupKey {
    /// A readable label: `group / period`, either alone, or `corpus` for no grouping.
    pub fn label(&self) -> String {
        match (&self.group, &self.period) {
            (Some(g), Some(p)) => format!("{g} / {p}"),
            (Some(g), None) => g.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => "corpus".to_string(),
        }
    }
}

/// How articles are grouped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Metadata field to group by (`source`, `author`, any `meta` key).
    pub field: Option<String>,
    /// Calendar period to group by.
    pub period: Option<Period>,
}

impl Grouping {
    /// The key of one article.
    pub fn key_of(&self, article: &Article) -> GroupKey {
        GroupKey {
            group: self
                .field
                .as_deref()
                .map(|f| article.field(f).unwrap_or("").trim().to_string()),
            period: self
                .period
                .and_then(|p| article.published.as_deref().and_then(|d| p.label(d))),
        }
    }
}

const DROP: u32 = u32::MAX;

/// What a distinct surface form counts as; computed once per form.
#[derive(Clone, Copy, Default)]
struct SurfInfo {
    /// Id in `canon`, or `DROP` for numbers when numbers are off.
    canon: u32,
    /// Stop word (by its surface form).
    stop: bool,
    /// Counted as a unigram (not dropped by stop word, number or term filters).
    counted: bool,
}

/// Frequency of a term in some slice of the corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stat {
    count: u64,
    docs: u64,
}

impl std::ops::AddAssign for Stat {
    fn add_assign(&mut self, other: Stat) {
        self.count += other.count;
        self.docs += other.docs;
    }
}

/// A term's statistics in a group's array: the stamp of the last article counted in it (0
/// for none) lets an article count straight into the array, adding one to `docs` the first
/// time it meets the term. 16 bytes, like [`Stat`].
#[derive(Debug, Clone, Copy, Default)]
struct Dense {
    count: u64,
    docs: u32,
    last: u32,
}

/// A group's term statistics by term id: a hash map while the group has seen few of the
/// terms, an array indexed by id (absent terms have a zero count) once it has seen half of
/// them, so that the one group of an ungrouped count costs an array access per token.
enum TermStats {
    Sparse(HashMap<u32, Stat, RandomState>),
    Dense(Vec<Dense>),
}

impl Default for TermStats {
    fn default() -> Self {
        TermStats::Sparse(HashMap::default())
    }
}

impl TermStats {
    /// Adds `s` to term `id`; `vocab` is the number of term ids so far (all are below it).
    #[inline]
    fn add(&mut self, id: u32, s: Stat, vocab: usize) {
        match self {
            TermStats::Dense(v) => {
                let i = id as usize;
                if i >= v.len() {
                    v.resize(vocab.max(i + 1), Dense::default());
                }
                let e = &mut v[i];
                e.count += s.count;
                e.docs = u32::try_from(u64::from(e.docs) + s.docs)
                    .expect("fewer than 4 billion articles in a group");
            }
            TermStats::Sparse(m) => {
                *m.entry(id).or_default() += s;
                // An array of the whole vocabulary (16 bytes a term) takes about as much
                // memory as the map (about 30 bytes an entry) once the map holds half the
                // terms; the one group of an ungrouped count holds them all.
                if m.len() * 2 >= vocab && vocab >= 1024 {
                    let mut v = vec![Dense::default(); vocab.max(id as usize + 1)];
                    for (&k, &st) in m.iter() {
                        v[k as usize] = Dense {
                            count: st.count,
                            docs: u32::try_from(st.docs)
                                .expect("fewer than 4 billion articles in a group"),
                            last: 0,
                        };
                    }
                    *self = TermStats::Dense(v);
                }
            }
        }
    }

    /// Calls `f` on each (id, stat) pair with a count.
    fn for_each(&self, mut f: impl FnMut(u32, Stat)) {
        match self {
            TermStats::Sparse(m) => m.iter().for_each(|(&k, &s)| f(k, s)),
            TermStats::Dense(v) => {
                v.iter()
                    .enumerate()
                    .filter(|(_, s)| s.count > 0)
                    .for_each(|(i, s)| {
                        f(
                            i as u32,
                            Stat {
                                count: s.count,
                                docs: u64::from(s.docs),
                            },
                        )
                    })
            }
        }
    }
}

#[derive(Default)]
struct KeyAcc {
    words: u64,
    docs: u64,
    terms: TermStats,
}

struct DocRec {
    index: usize,
    id: String,
    key: u32,
    words: u64,
    terms: Vec<(u32, u64)>,
}

/// One worker's partial counts. Ids are local to it until merged.
struct Local {
    unit: Unit,
    per_article: bool,
    /// What each distinct surface form counts as.
    surf: StrMap<SurfInfo>,
    canon: Interner,
    grams: Interner,
    keys: HashMap<GroupKey, u32, RandomState>,
    key_list: Vec<GroupKey>,
    accs: Vec<KeyAcc>,
    docs: Vec<DocRec>,
    scratch_counts: Vec<u64>,
    touched: Vec<u32>,
    window: Vec<SurfInfo>,
    gram_buf: String,
    /// The stamp of the article being counted (see [`Dense`]).
    stamp: u32,
}

impl Local {
    fn new(unit: Unit, per_article: bool) -> Self {
        Local {
            unit,
            per_article,
            surf: StrMap::default(),
            canon: Interner::default(),
            grams: Interner::default(),
            keys: HashMap::default(),
            key_list: Vec::new(),
            accs: Vec::new(),
            docs: Vec::new(),
            scratch_counts: Vec::new(),
            touched: Vec::new(),
            window: Vec::new(),
            gram_buf: String::new(),
            stamp: 0,
        }
    }

    fn key_id(&mut self, key: GroupKey) -> u32 {
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let id = self.key_list.len() as u32;
        self.keys.insert(key.clone(), id);
        self.key_list.push(key);
        self.accs.push(KeyAcc::default());
        id
    }

    fn add(&mut self, an: &Analyzer, grouping: &Grouping, index: usize, article: &Article) {
        let key = self.key_id(grouping.key_of(article));
        let mut words = 0u64;
        self.next_stamp();
        let Local {
            surf,
            canon,
            grams,
            scratch_counts,
            touched,
            window,
            gram_buf,
            unit,
            accs,
            stamp,
            per_article,
            ..
        } = self;
        let stamp = *stamp;
        // Terms of a group that holds an array go straight into it: one array access per
        // token, where the scratch counts below take one per token and one per term.
        let mut dense = match (&*unit, *per_article, &mut accs[key as usize].terms) {
            (Unit::Terms, false, TermStats::Dense(v)) => Some(v),
            _ => None,
        };
        let bump = |id: u32, scratch: &mut Vec<u64>, touched: &mut Vec<u32>| {
            let i = id as usize;
            if i >= scratch.len() {
                scratch.resize(i + 1024, 0);
            }
            if scratch[i] == 0 {
                touched.push(id);
            }
            scratch[i] += 1;
        };
        window.clear();
        scan(&an.tokenizer, &article.text, |t| {
            words += 1;
            let (si, _) = surf.get_or_insert_with(t.raw, || {
                let norm = an.normalize(t.raw);
                let stop = an.is_stopword(&norm);
                let drop_number = !an.opts.numbers && t.kind == Kind::Number;
                let c = if drop_number {
                    DROP
                } else {
                    canon.intern(&an.canonical(&norm)).0
                };
                let counted = c != DROP
                    && !(stop && an.opts.drop_stopwords)
                    && an.passes_filter(canon.resolve(c));
                SurfInfo {
                    canon: c,
                    stop,
                    counted,
                }
            });
            match *unit {
                Unit::Terms => {
                    if !si.counted {
                        return;
                    }
                    match dense.as_deref_mut() {
                        Some(v) => {
                            let i = si.canon as usize;
                            if i >= v.len() {
                                v.resize(i + 1024, Dense::default());
                            }
                            let e = &mut v[i];
                            e.count += 1;
                            if e.last != stamp {
                                e.last = stamp;
                                e.docs += 1;
                            }
                        }
                        None => bump(si.canon, scratch_counts, touched),
                    }
                }
                Unit::Ngrams(n) => {
                    if t.boundary {
                        window.clear();
                    }
                    if si.canon == DROP {
                        window.clear();
                        return;
                    }
                    window.push(si);
                    if window.len() > n {
                        window.remove(0);
                    }
                    if window.len() == n {
                        let (first, last) = (window[0], window[n - 1]);
                        if an.opts.drop_stopwords && (first.stop || last.stop) {
                            return;
                        }
                        gram_buf.clear();
                        for (k, w) in window.iter().enumerate() {
                            if k > 0 {
                                gram_buf.push(' ');
                            }
                            gram_buf.push_str(canon.resolve(w.canon));
                        }
                        if !an.passes_filter(gram_buf) {
                            return;
                        }
                        let gid = grams.intern(gram_buf).0;
                        bump(gid, scratch_counts, touched);
                    }
                }
            }
        });
        let vocab = match self.unit {
            Unit::Terms => self.canon.len(),
            Unit::Ngrams(_) => self.grams.len(),
        };
        let acc = &mut self.accs[key as usize];
        acc.words += words;
        acc.docs += 1;
        let mut doc_terms = Vec::new();
        for id in self.touched.drain(..) {
            let c = std::mem::take(&mut self.scratch_counts[id as usize]);
            acc.terms.add(id, Stat { count: c, docs: 1 }, vocab);
            if self.per_article {
                doc_terms.push((id, c));
            }
        }
        if self.per_article {
            self.docs.push(DocRec {
                index,
                id: article.id.clone(),
                key,
                words,
                terms: doc_terms,
            });
        }
    }

    /// Moves to the next article's stamp. After four billion articles the stamps start
    /// again from 1, with every array's marks cleared.
    fn next_stamp(&mut self) {
        self.stamp = match self.stamp.checked_add(1) {
            Some(s) => s,
            None => {
                for acc in &mut self.accs {
                    if let TermStats::Dense(v) = &mut acc.terms {
                        v.iter_mut().for_each(|e| e.last = 0);
                    }
                }
                1
            }
        };
    }

    fn terms(&self) -> &Interner {
        match self.unit {
            Unit::Terms => &self.canon,
            Unit::Ngrams(_) => &self.grams,
        }
    }

    /// Merges `other` into `self`.
    fn merge(mut self, other: Local) -> Local {
        let map = match self.unit {
            Unit::Terms => self.canon.absorb(&other.canon),
            Unit::Ngrams(_) => self.grams.absorb(&other.grams),
        };
        let mut key_map = Vec::with_capacity(other.key_list.len());
        for key in other.key_list {
            key_map.push(self.key_id(key));
        }
        let vocab = self.terms().len();
        for (k, acc) in other.accs.into_iter().enumerate() {
            let mine = &mut self.accs[key_map[k] as usize];
            mine.words += acc.words;
            mine.docs += acc.docs;
            acc.terms
                .for_each(|id, s| mine.terms.add(map[id as usize], s, vocab));
        }
        for mut d in other.docs {
            d.key = key_map[d.key as usize];
            for t in &mut d.terms {
                t.0 = map[t.0 as usize];
            }
            self.docs.push(d);
        }
        self
    }
}

/// Counts for one article (kept when counting per article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCounts {
    /// Article id.
    pub id: String,
    /// Index of the article's group key in [`CorpusCounts::keys`].
    pub key: usize,
    /// Words (word and number tokens) in the article.
    pub words: u64,
    /// (term id, count), sorted by term id (ids index [`CorpusCounts::vocabulary`]).
    pub terms: Vec<(u32, u64)>,
}

/// Counts of one term in one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermCount {
    /// Term id (index into [`CorpusCounts::vocabulary`]).
    pub term: u32,
    /// Occurrences.
    pub count: u64,
    /// Articles it occurs in.
    pub documents: u64,
}

/// Per-group totals and term counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCounts {
    /// The group.
    pub key: GroupKey,
    /// Words in the group.
    pub words: u64,
    /// Articles in the group.
    pub documents: u64,
    /// Term counts, sorted by term id.
    pub terms: Vec<TermCount>,
}

/// Builds [`CorpusCounts`] from batches of articles; memory grows with the vocabulary (and
/// with the corpus only when counting per article).
pub struct CountsBuilder {
    analyzer: Analyzer,
    unit: Unit,
    grouping: Grouping,
    per_article: bool,
    /// One set of partial counts per worker thread, kept from batch to batch (so each
    /// worker normalises a surface form once per run, not once per batch) and merged once,
    /// in [`CountsBuilder::finish`]. A worker only ever locks its own.
    locals: Vec<Mutex<Local>>,
    next_index: usize,
}

impl CountsBuilder {
    /// A builder counting single terms over the whole corpus with these options.
    pub fn new(options: &CountOptions) -> CountsBuilder {
        CountsBuilder {
            analyzer: Analyzer::new(options),
            unit: Unit::Terms,
            grouping: Grouping::default(),
            per_article: false,
            locals: Vec::new(),
            next_index: 0,
        }
    }

    /// Count n-grams or terms.
    pub fn unit(mut self, unit: Unit) -> CountsBuilder {
        self.unit = match unit {
            Unit::Ngrams(n) if n < 2 => Unit::Terms,
            u => u,
        };
        self
    }

    /// Group articles by a metadata field and/or period.
    pub fn grouping(mut self, grouping: Grouping) -> CountsBuilder {
        self.grouping = grouping;
        self
    }

    /// Keep counts per article (needed for [`CorpusCounts::article_terms`], dispersion and
    /// per-article tf-idf). Memory then grows with the corpus.
    pub fn per_article(mut self, yes: bool) -> CountsBuilder {
        self.per_article = yes;
        self
    }

    /// Counts a batch of articles in parallel. Batches may be of any size; the result does not
    /// depend on how the corpus is split into batches or on the number of threads.
    pub fn add(&mut self, articles: &[Article]) -> &mut CountsBuilder {
        let base = self.next_index;
        self.next_index += articles.len();
        let threads = rayon::current_num_threads().max(1);
        while self.locals.len() < threads {
            self.locals
                .push(Mutex::new(Local::new(self.unit, self.per_article)));
        }
        let (an, grouping, locals) = (&self.analyzer, &self.grouping, &self.locals);
        let chunk = split_len(articles.len());
        articles
            .par_chunks(chunk)
            .enumerate()
            .for_each(|(c, chunk_articles)| {
                let worker = rayon::current_thread_index().unwrap_or(0) % locals.len();
                let mut local = locals[worker]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                for (k, a) in chunk_articles.iter().enumerate() {
                    local.add(an, grouping, base + c * chunk + k, a);
                }
            });
        self
    }

    /// Finishes counting: sorts the vocabulary and groups and applies `min_count`.
    pub fn finish(mut self) -> CorpusCounts {
        // The largest vocabulary first, so the merge copies the fewest strings; counts are
        // sums and the vocabulary is sorted below, so the order does not change the result.
        let mut locals: Vec<Local> = std::mem::take(&mut self.locals)
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            })
            .collect();
        locals.sort_by_key(|l| std::cmp::Reverse(l.terms().len()));
        let local = locals
            .into_iter()
            .reduce(Local::merge)
            .unwrap_or_else(|| Local::new(self.unit, self.per_article));
        let Local {
            canon,
            grams,
            key_list,
            accs,
            docs,
            ..
        } = local;
        let terms = match self.unit {
            Unit::Terms => canon,
            Unit::Ngrams(_) => grams,
        };
        // Moved out, not copied, into the vocabulary below.
        let mut strings = terms.into_strings();
        let part = PartialCounts {
            keys: key_list,
            accs,
            docs,
        };
        let min = self.analyzer.opts.min_count.max(1);
        // Corpus totals per local id.
        let mut totals = vec![Stat::default(); strings.len()];
        for acc in &part.accs {
            acc.terms.for_each(|id, s| totals[id as usize] += s);
        }
        // The terms kept, sorted. They are distinct, so an unstable sort gives the one order
        // there is. Each carries its first eight bytes as a number, which orders them as the
        // bytes do and settles most comparisons without reading the strings.
        let mut keyed: Vec<(u64, u32)> = (0..strings.len() as u32)
            .filter(|&i| totals[i as usize].count >= min)
            .map(|i| (prefix_key(&strings[i as usize]), i))
            .collect();
        keyed.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| strings[a.1 as usize].cmp(&strings[b.1 as usize]))
        });
        let kept: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
        let mut remap = vec![DROP; strings.len()];
        for (new, &old) in kept.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let vocab: Vec<String> = kept
            .iter()
            .map(|&i| String::from(std::mem::take(&mut strings[i as usize])))
            .collect();
        let term_totals: Vec<(u64, u64)> = kept
            .iter()
            .map(|&i| (totals[i as usize].count, totals[i as usize].docs))
            .collect();
        // Groups in sorted order.
        let mut key_order: Vec<usize> = (0..part.keys.len()).collect();
        key_order.sort_by(|&a, &b| part.keys[a].cmp(&part.keys[b]));
        let mut key_remap = vec![0usize; part.keys.len()];
        for (new, &old) in key_order.iter().enumerate() {
            key_remap[old] = new;
        }
        let mut accs: Vec<Option<KeyAcc>> = part.accs.into_iter().map(Some).collect();
        let groups: Vec<GroupCounts> = key_order
            .iter()
            .map(|&old| {
                let acc = accs[old].take().expect("each key once");
                let mut terms: Vec<TermCount> = Vec::new();
                acc.terms.for_each(|id, s| {
                    if remap[id as usize] != DROP {
                        terms.push(TermCount {
                            term: remap[id as usize],
                            count: s.count,
                            documents: s.docs,
                        });
                    }
                });
                terms.sort_unstable_by_key(|t| t.term);
                GroupCounts {
                    key: part.keys[old].clone(),
                    words: acc.words,
                    documents: acc.docs,
                    terms,
                }
            })
            .collect();
        let articles = self.per_article.then(|| {
            let mut docs = part.docs;
            docs.sort_by_key(|d| d.index);
            docs.into_iter()
                .map(|d| {
                    let mut terms: Vec<(u32, u64)> = d
                        .terms
                        .into_iter()
                        .filter(|(id, _)| remap[*id as usize] != DROP)
                        .map(|(id, c)| (remap[id as usize], c))
                        .collect();
                    terms.sort_unstable();
                    ArticleCounts {
                        id: d.id,
                        key: key_remap[d.key as usize],
                        words: d.words,
                        terms,
                    }
                })
                .collect()
        });
        CorpusCounts {
            words: groups.iter().map(|g| g.words).sum(),
            documents: groups.iter().map(|g| g.documents).sum(),
            vocab,
            totals: term_totals,
            groups,
            articles,
            grouping: std::mem::take(&mut self.grouping),
            unit: self.unit,
            options: self.analyzer.opts.clone(),
        }
    }
}

/// The first eight bytes of `s` (zeros after a shorter one) as a big-endian number: `a < b`
/// as numbers only if `a < b` as strings, and equal numbers leave the order to the rest.
fn prefix_key(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// The merged counts, with ids still in first-seen order.
struct PartialCounts {
    keys: Vec<GroupKey>,
    accs: Vec<KeyAcc>,
    docs: Vec<DocRec>,
}

/// Term or n-gram counts of a corpus, overall and per group, ready to be turned into tables.
///
/// Term ids index [`CorpusCounts::vocabulary`], which is sorted, so ids (and every table) are
/// the same for any thread count and batch size.
#[derive(Debug, Clone)]
pub struct CorpusCounts {
    pub(crate) vocab: Vec<String>,
    pub(crate) totals: Vec<(u64, u64)>,
    pub(crate) groups: Vec<GroupCounts>,
    pub(crate) articles: Option<Vec<ArticleCounts>>,
    pub(crate) words: u64,
    pub(crate) documents: u64,
    pub(crate) grouping: Grouping,
    pub(crate) unit: Unit,
    pub(crate) options: CountOptions,
}

impl CorpusCounts {
    /// Counts single terms of all `articles` (one batch, no grouping, per-article counts kept).
    pub fn from_articles(articles: &[Article], options: &CountOptions) -> CorpusCounts {
        let mut b = CountsBuilder::new(options).per_article(true);
        b.add(articles);
        b.finish()
    }

    /// Starts a builder; see [`CountsBuilder`].
    pub fn builder(options: &CountOptions) -> CountsBuilder {
        CountsBuilder::new(options)
    }

    /// The sorted vocabulary (terms or n-grams counted at least `min_count` times).
    pub fn vocabulary(&self) -> &[String] {
        &self.vocab
    }

    /// The id of a term, if it was counted.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.vocab
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| i as u32)
    }

    /// Occurrences of a term in the whole corpus (0 when absent).
    pub fn count(&self, term: &str) -> u64 {
        self.term_id(term).map_or(0, |i| self.totals[i as usize].0)
    }

    /// Number of articles a term occurs in.
    pub fn document_count(&self, term: &str) -> u64 {
        self.term_id(term).map_or(0, |i| self.totals[i as usize].1)
    }

    /// Words (word and number tokens, before any filter) in the corpus.
    pub fn words(&self) -> u64 {
        self.words
    }

    /// Number of articles counted.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The groups in sorted order, with their counts.
    pub fn groups(&self) -> &[GroupCounts] {
        &self.groups
    }

    /// Per-article counts, if kept.
    pub fn articles(&self) -> Option<&[ArticleCounts]> {
        self.articles.as_deref()
    }

    /// How the articles were grouped.
    pub fn grouping(&self) -> &Grouping {
        &self.grouping
    }

    /// What was counted.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The options the counts were made with.
    pub fn options(&self) -> &CountOptions {
        &self.options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Ordering by the prefix key, then by the strings, is ordering by the strings (NUL
        /// bytes included, which the zero padding could confuse).
        #[test]
        fn prefix_keys_order_as_the_strings_do(a in "[\0a-c]{0,10}", b in "[\0a-c]{0,10}") {
            let by_key = prefix_key(&a).cmp(&prefix_key(&b)).then_with(|| a.cmp(&b));
            proptest::prop_assert_eq!(by_key, a.cmp(&b));
        }
    }

    /// Document counts stay right when the article stamps start again from 1: without the
    /// marks cleared, the last article below would find `shared` already marked by the
    /// second (stamp 2) and not count it.
    #[test]
    fn document_counts_survive_the_stamps_starting_again() {
        let an = Analyzer::new(&CountOptions::default());
        let grouping = Grouping::default();
        // Enough distinct words (1,100) for the group's statistics to become an array.
        let many: String = (0..1100).map(|k| format!("w{k} ")).collect();
        let articles = [
            Article::new("a", "", many),
            Article::new("b", "", "shared words".to_string()),
            Article::new("c", "", "other words".to_string()),
            Article::new("d", "", "more words".to_string()),
            Article::new("e", "", "shared again".to_string()),
        ];
        let mut local = Local::new(Unit::Terms, false);
        local.add(&an, &grouping, 0, &articles[0]);
        assert!(matches!(local.accs[0].terms, TermStats::Dense(_)));
        local.add(&an, &grouping, 1, &articles[1]);
        // The next article takes the last stamp, the one after starts again from 1, and the
        // last takes stamp 2, as the second did.
        local.stamp = u32::MAX - 1;
        for (k, a) in articles.iter().enumerate().skip(2) {
            local.add(&an, &grouping, k, a);
        }
        assert_eq!(local.stamp, 2);
        let mut docs = |word: &str| {
            let (id, new) = local.canon.intern(word);
            assert!(!new, "{word} was counted");
            let mut found = None;
            local.accs[0].terms.for_each(|i, s| {
                if i == id {
                    found = Some((s.count, s.docs));
                }
            });
            found
        };
        assert_eq!(docs("shared"), Some((2, 2)));
        assert_eq!(docs("words"), Some((3, 3)));
        assert_eq!(docs("w7"), Some((1, 1)));
    }
}
