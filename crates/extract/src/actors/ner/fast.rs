//! Scoring at tagging time: the features of [`super::features::sentence_features`], found as
//! model rows without hashing most of them per token.
//!
//! Of the ~45 features of a token, most depend on one word only (the word itself, its
//! prefixes, suffixes, shape and clusters, or the word as a neighbour); those rows are looked
//! up once per distinct word and kept in a per-thread cache ([`WordCache`]) across documents.
//! Features over small domains (class, position, gazetteer bits, document flags) come from
//! tables made when the model is loaded ([`Tables`]). Only the few features that pair two
//! words (`prev|word`, `word|next`, shapes around the word) are hashed per token.
//!
//! The rows of the features that depend on one word alone are also summed once per word,
//! three sums per word: as the token itself, as the previous word and as the next word
//! ([`WordFeat`]). That leaves about 20 rows to add per token instead of 45, and cut the
//! tagger's CPU time by 15-20% (BENCHMARKS.md, thirteenth round). The sums add the same rows
//! in another order than the reference path, so a score may differ from the reference's in
//! its last bits; the tests hold them to 1e-4 and the tags on the fixtures to equality.

use super::features::{
    CLASS_ALLCAPS, CLASS_DIGIT, CLASS_LOWER, CLASS_PUNCT, LexEntry, Resources, is_capitalised,
    normalise, sh, shape_and_class, word_key,
};
use super::hash::{FeatureHash as H, FeatureMap};
use super::{NT, Weights, model};
use crate::actors::gazetteer::{self, Category, Entry, MAX_WORDS};

/// No row: the feature is absent for this token, or unknown to the model.
pub(crate) const NONE: u32 = u32::MAX;

/// Row of a feature hash in the model, or [`NONE`].
#[inline]
fn row_of(w: &Weights, h: H) -> u32 {
    w.row(model::key32(h.finish()) as u32)
        .map_or(NONE, |r| r as u32)
}

// Positions of the per-word rows in `WordFeat::rows`, in emission order within each group.
const R2: usize = 0;
const R3: usize = 1;
/// The word as the previous word (template 4), the next (5), two before (6), two after (7).
const A4: usize = 2;
const A5: usize = 3;
const A6: usize = 4;
const A7: usize = 5;
/// Prefixes (4), suffixes (4) and the shape (template 12): nine rows in a row.
const PRE: usize = 6;
const R12: usize = 14;
/// The word's shape as the previous word's (13) and the next word's (14).
const A13: usize = 15;
const A14: usize = 16;
/// Template 17 without and with the all-capitals flag.
const R17: usize = 17;
const R21: usize = 19;
const R22: usize = 20;
/// Clusters of the word as itself (30..32), as the previous word (33..35), the next (36..38).
const C30: usize = 21;
const C33: usize = 24;
const C36: usize = 27;
const R40: usize = 30;
/// Template 41 by `[sentence-initial * 2 + all-capitals]`.
const R41: usize = 31;
/// Template 42 by sentence-initial.
const R42: usize = 35;
const NR: usize = 37;

/// Bits of [`WordFeat::doc_bits`]: what the document context asks of a previous or next word.
const DOC_FIRST_NAME: u8 = 1;
const DOC_TITLE: u8 = 2;
const DOC_PLACE_CUE: u8 = 4;
const DOC_SAID: u8 = 8;

/// What the tagger needs of one distinct word, computed once.
pub(crate) struct WordFeat {
    /// Normalised, lower-cased word.
    lower: Box<str>,
    class: u8,
    /// Characters, at most 12.
    nchars: u8,
    has_lex: bool,
    /// Hashes of the lower-cased word and of its shape.
    hl: u64,
    hs: u64,
    /// Key of the word in the document flags.
    lower_key: u64,
    doc_bits: u8,
    /// Gazetteer state after this word as the first of a phrase, and the one-word entry.
    gaz_state: H,
    gaz: Option<Entry>,
    rows: [u32; NR],
    /// Sums of the rows that depend on this word alone: as the token itself (templates 2, 3,
    /// 10-12, 21, 22, 30-32 and 40), as the previous word (4, 13, 33-35) and as the next
    /// word (5, 14, 36-38).
    own: [f32; NT],
    as_prev: [f32; NT],
    as_next: [f32; NT],
}

impl WordFeat {
    fn new(word: &str, res: &Resources, w: &Weights) -> WordFeat {
        let norm = normalise(word);
        let lower = norm.to_lowercase();
        let (shape, class) = shape_and_class(&norm);
        let lex: Option<LexEntry> = res.lexicon.get(&lower).copied();
        let hn = sh(&norm);
        let hl = sh(&lower);
        let hs = sh(&shape);
        let mut rows = [NONE; NR];
        rows[R2] = row_of(w, H::new(2).u(hn));
        rows[R3] = row_of(w, H::new(3).u(hl));
        rows[A4] = row_of(w, H::new(4).u(hl));
        rows[A5] = row_of(w, H::new(5).u(hl));
        rows[A6] = row_of(w, H::new(6).u(hl));
        rows[A7] = row_of(w, H::new(7).u(hl));
        let mut nchars = 0u8;
        let mut ph = H::new(10);
        for c in lower.chars().take(4) {
            nchars += 1;
            ph = ph.num(c as u32);
            rows[PRE + usize::from(nchars) - 1] = row_of(w, ph.byte(nchars));
        }
        let mut sh_ = H::new(11);
        for (k, c) in lower.chars().rev().take(4).enumerate() {
            sh_ = sh_.num(c as u32);
            rows[PRE + 4 + k] = row_of(w, sh_.byte(k as u8 + 1));
        }
        rows[R12] = row_of(w, H::new(12).u(hs));
        rows[A13] = row_of(w, H::new(13).u(hs));
        rows[A14] = row_of(w, H::new(14).u(hs));
        for ac in 0..2u8 {
            rows[R17 + usize::from(ac)] = row_of(w, H::new(17).u(hl).byte(ac));
        }
        if let Some(p) = lower.rfind('-')
            && p + 1 < lower.len()
            && p > 0
        {
            rows[R21] = row_of(w, H::new(21).str(&lower[p + 1..]));
            rows[R22] = row_of(w, H::new(22).str(&lower[..p]));
        }
        for (slot, tpl) in [(C30, 30u8), (C33, 33), (C36, 36)] {
            match lex {
                Some(e) => {
                    for (k, c) in e.clusters.iter().enumerate() {
                        rows[slot + k] = row_of(w, H::new(tpl + k as u8).num(u32::from(*c)));
                    }
                }
                None => rows[slot] = row_of(w, H::new(tpl).num(u32::MAX)),
            }
        }
        match lex {
            Some(e) => {
                rows[R40] = row_of(w, H::new(40).num(u32::from(e.clusters[2])).byte(class));
                if is_capitalised(class) {
                    for i0 in 0..2u8 {
                        for ac in 0..2u8 {
                            rows[R41 + usize::from(i0 * 2 + ac)] =
                                row_of(w, H::new(41).byte(e.caps).byte(i0).byte(ac));
                        }
                    }
                }
            }
            None => {
                for i0 in 0..2u8 {
                    rows[R42 + usize::from(i0)] = row_of(w, H::new(42).byte(class).byte(i0));
                }
            }
        }
        let nchars = if nchars < 4 {
            usize::from(nchars)
        } else {
            lower.chars().count()
        };
        let g = &res.gazetteer;
        let mut doc_bits = 0;
        if g.is(&[&lower], Category::FirstName) {
            doc_bits |= DOC_FIRST_NAME;
        }
        if g.is(&[&lower], Category::Title) || g.is(&[&lower], Category::Honorific) {
            doc_bits |= DOC_TITLE;
        }
        if matches!(lower.as_str(), "in" | "at" | "from" | "to" | "near") {
            doc_bits |= DOC_PLACE_CUE;
        }
        if matches!(lower.as_str(), "said" | "says" | "told" | "added") {
            doc_bits |= DOC_SAID;
        }
        let gaz_state = gazetteer::start().str(&lower);
        let sum = |rows: &mut dyn Iterator<Item = u32>| {
            let mut acc = [0f32; NT];
            for r in rows {
                if r != NONE {
                    add_row(w, r as usize, &mut acc);
                }
            }
            acc
        };
        let own = sum(&mut [rows[R2], rows[R3]]
            .into_iter()
            .chain(rows[PRE..=R12].iter().copied())
            .chain([rows[R21], rows[R22]])
            .chain(rows[C30..C30 + 3].iter().copied())
            .chain(lex.is_some().then_some(rows[R40])));
        let as_prev = sum(&mut [rows[A4], rows[A13]]
            .into_iter()
            .chain(rows[C33..C33 + 3].iter().copied()));
        let as_next = sum(&mut [rows[A5], rows[A14]]
            .into_iter()
            .chain(rows[C36..C36 + 3].iter().copied()));
        WordFeat {
            gaz: g.entry(gaz_state),
            gaz_state,
            lower_key: word_key(&lower),
            lower: lower.into_boxed_str(),
            class,
            nchars: nchars.min(12) as u8,
            has_lex: lex.is_some(),
            hl,
            hs,
            doc_bits,
            rows,
            own,
            as_prev,
            as_next,
        }
    }
}

/// Rows of the features over small domains, made once per model.
pub(crate) struct Tables {
    r1: u32,
    /// Template 16 by `[class][all caps][sentence-initial]`.
    t16: [[[u32; 2]; 2]; 8],
    /// Template 20 by `((prev * 8 + class) * 8 + next) * 2 + all caps`.
    t20: Vec<u32>,
    /// Templates 23, 24, 25 by gazetteer bit; 26 by `[bit][class]`.
    t23: [u32; 64],
    t24: [u32; 64],
    t25: [u32; 64],
    t26: Vec<[u32; 8]>,
    /// Template 43 by `[min(position, 3)][class]`, 44 by `[min(chars, 12)][class]`.
    t43: [[u32; 8]; 4],
    t44: [[u32; 8]; 13],
    /// Template 46 by `[flags & 3][class][sentence-initial]`, 47 by `[bit][class]`.
    t46: [[[u32; 2]; 8]; 4],
    t47: [[u32; 8]; 8],
    /// Neighbour features at the sentence edges.
    bos6: u32,
    eos7: u32,
    /// Templates 4 and 13 at the start of a sentence, 5 and 14 at its end, summed.
    bos_prev: [f32; NT],
    eos_next: [f32; NT],
    bos: u64,
    eos: u64,
}

impl Tables {
    pub(crate) fn new(w: &Weights) -> Tables {
        let bos = sh("<s>");
        let eos = sh("</s>");
        let mut t16 = [[[NONE; 2]; 2]; 8];
        for (c, t) in t16.iter_mut().enumerate() {
            for (ac, t) in t.iter_mut().enumerate() {
                for (i0, r) in t.iter_mut().enumerate() {
                    *r = row_of(w, H::new(16).byte(c as u8).byte(ac as u8).byte(i0 as u8));
                }
            }
        }
        let mut t20 = vec![NONE; 8 * 8 * 8 * 2];
        for (k, r) in t20.iter_mut().enumerate() {
            let (ac, k) = (k % 2, k / 2);
            let (next, k) = (k % 8, k / 8);
            let (c, prev) = (k % 8, k / 8);
            *r = row_of(
                w,
                H::new(20)
                    .byte(prev as u8)
                    .byte(c as u8)
                    .byte(next as u8)
                    .byte(ac as u8),
            );
        }
        let bit_rows = |tpl: u8| -> [u32; 64] {
            std::array::from_fn(|b| row_of(w, H::new(tpl).byte(b as u8)))
        };
        let t26 = (0..64u8)
            .map(|b| std::array::from_fn(|c| row_of(w, H::new(26).byte(b).byte(c as u8))))
            .collect();
        let t43 = std::array::from_fn(|p| {
            std::array::from_fn(|c| row_of(w, H::new(43).byte(p as u8).byte(c as u8)))
        });
        let t44 = std::array::from_fn(|n| {
            std::array::from_fn(|c| row_of(w, H::new(44).byte(n as u8).byte(c as u8)))
        });
        let t46 = std::array::from_fn(|f| {
            std::array::from_fn(|c| {
                std::array::from_fn(|i0| {
                    row_of(w, H::new(46).byte(f as u8).byte(c as u8).byte(i0 as u8))
                })
            })
        });
        let t47 = std::array::from_fn(|b| {
            std::array::from_fn(|c| row_of(w, H::new(47).byte(b as u8).byte(c as u8)))
        });
        let edge = |a: H, b: H| {
            let mut acc = [0f32; NT];
            for r in [row_of(w, a), row_of(w, b)] {
                if r != NONE {
                    add_row(w, r as usize, &mut acc);
                }
            }
            acc
        };
        Tables {
            r1: row_of(w, H::new(1)),
            t16,
            t20,
            t23: bit_rows(23),
            t24: bit_rows(24),
            t25: bit_rows(25),
            t26,
            t43,
            t44,
            t46,
            t47,
            bos6: row_of(w, H::new(6).u(bos)),
            eos7: row_of(w, H::new(7).u(eos)),
            bos_prev: edge(H::new(4).u(bos), H::new(13).u(bos)),
            eos_next: edge(H::new(5).u(eos), H::new(14).u(eos)),
            bos,
            eos,
        }
    }
}

/// Distinct words seen by the tagger, with their features.
///
/// Taggers keep a pool of these (one per thread that tags at the same time), so the words of
/// one article are found already computed by the next, whichever thread runs it.
#[derive(Default)]
pub(crate) struct WordCache {
    index: foldhash::HashMap<Box<str>, u32>,
    words: Vec<WordFeat>,
}

/// Words kept per cache before it starts over (about 250 bytes each).
const CACHE_WORDS: usize = 40_000;

/// Caches of one tagger, lent to one document at a time.
#[derive(Default)]
pub(crate) struct CachePool(std::sync::Mutex<Vec<WordCache>>);

impl CachePool {
    /// Runs `f` with a cache from the pool (a new one when all are lent), then returns it.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut WordCache) -> T) -> T {
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let mut cache = lock().pop().unwrap_or_default();
        let out = f(&mut cache);
        if cache.words.len() > CACHE_WORDS {
            cache = WordCache::default();
        }
        lock().push(cache);
        out
    }
}

impl WordCache {
    fn id(&mut self, word: &str, res: &Resources, w: &Weights) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(WordFeat::new(word, res, w));
        self.index.insert(word.into(), id);
        id
    }
}

/// Reused buffers of one document.
#[derive(Default)]
pub(crate) struct Scratch {
    ids: Vec<u32>,
    marks: Vec<u64>,
    pub(crate) scores: Vec<f32>,
}

/// A document's words as cache ids, sentence by sentence.
pub(crate) struct Doc {
    ids: Vec<u32>,
    /// Sentence `k` is `ids[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    /// Per sentence: true if and only if it is written in capitals.
    all_caps: Vec<bool>,
    /// Document flags by lower-cased word key (see `DocContext`), when asked for.
    flags: Option<FeatureMap<u8>>,
}

fn is_all_caps(words: &[WordFeat], ids: &[u32]) -> bool {
    let mut letters = 0;
    let mut caps = 0;
    for &id in ids {
        let c = words[id as usize].class;
        if c != CLASS_PUNCT && c != CLASS_DIGIT {
            letters += 1;
        }
        if c == CLASS_ALLCAPS {
            caps += 1;
        }
    }
    letters >= 2 && caps * 10 >= letters * 7
}

impl WordCache {
    /// Looks up (or adds) every word of the document and collects the document flags
    /// exactly as `DocContext::new` does.
    pub(crate) fn document(
        &mut self,
        sentences: &[&[&str]],
        res: &Resources,
        w: &Weights,
        with_flags: bool,
    ) -> Doc {
        let total: usize = sentences.iter().map(|s| s.len()).sum();
        let mut ids = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(sentences.len() + 1);
        starts.push(0);
        for s in sentences {
            for word in *s {
                ids.push(self.id(word, res, w));
            }
            starts.push(ids.len());
        }
        let words = &self.words;
        let all_caps: Vec<bool> = starts
            .windows(2)
            .map(|r| is_all_caps(words, &ids[r[0]..r[1]]))
            .collect();
        let flags = with_flags.then(|| {
            let mut flags: FeatureMap<u8> = FeatureMap::default();
            for (k, r) in starts.windows(2).enumerate() {
                if all_caps[k] {
                    continue; // headlines in capitals say nothing about case
                }
                let s = &ids[r[0]..r[1]];
                let n = s.len();
                for i in 0..n {
                    let t = &words[s[i] as usize];
                    let mut f = 0u8;
                    let c = t.class;
                    if c == CLASS_LOWER {
                        f |= 2;
                    }
                    if is_capitalised(c) {
                        let prev = (i > 0).then(|| &words[s[i - 1] as usize]);
                        let next = (i + 1 < n).then(|| &words[s[i + 1] as usize]);
                        if i > 0 {
                            f |= 1;
                        }
                        if let Some(p) = prev
                            && is_capitalised(p.class)
                        {
                            if p.doc_bits & DOC_FIRST_NAME != 0 {
                                f |= 4;
                            }
                            if p.doc_bits & DOC_TITLE != 0 {
                                f |= 8;
                            }
                        }
                        if let Some(x) = next
                            && is_capitalised(x.class)
                            && i > 0
                        {
                            f |= 16;
                        }
                        if prev.is_some_and(|p| p.doc_bits & DOC_PLACE_CUE != 0) {
                            f |= 32;
                        }
                        if next.is_some_and(|x| x.doc_bits & DOC_SAID != 0) {
                            f |= 64;
                        }
                        if let Some(p) = prev
                            && !is_capitalised(p.class)
                            && next.is_none_or(|x| !is_capitalised(x.class))
                        {
                            f |= 128;
                        }
                    }
                    if f != 0 {
                        *flags.entry(t.lower_key).or_insert(0) |= f;
                    }
                }
            }
            flags
        });
        Doc {
            ids,
            starts,
            all_caps,
            flags,
        }
    }

    /// Computes the emission scores (`n * NT`) of sentence `k` of `doc` into `scratch.scores`.
    pub(crate) fn scores(
        &self,
        doc: &Doc,
        k: usize,
        res: &Resources,
        w: &Weights,
        tb: &Tables,
        scratch: &mut Scratch,
    ) {
        let Scratch { ids, marks, scores } = scratch;
        ids.clear();
        ids.extend_from_slice(&doc.ids[doc.starts[k]..doc.starts[k + 1]]);
        let words = &self.words;
        let n = ids.len();
        let word = |i: usize| &words[ids[i] as usize];
        // Gazetteer marks, as `Gazetteer::mark` makes them.
        marks.clear();
        marks.resize(n, 0);
        for i in 0..n {
            let first = word(i);
            let Some(mut e) = first.gaz else { continue };
            let mut h = first.gaz_state;
            let mut j = i;
            loop {
                let mut bits = e.mask;
                while bits != 0 {
                    let c = u64::from(bits.trailing_zeros());
                    bits &= bits - 1;
                    if j == i {
                        marks[i] |= 1 << (c * 4 + 3);
                    } else {
                        marks[i] |= 1 << (c * 4);
                        for m in &mut marks[i + 1..j] {
                            *m |= 1 << (c * 4 + 1);
                        }
                        marks[j] |= 1 << (c * 4 + 2);
                    }
                }
                if !e.prefix {
                    break;
                }
                j += 1;
                if j >= n.min(i + MAX_WORDS) {
                    break;
                }
                h = h.str(&word(j).lower);
                match res.gazetteer.entry(h) {
                    Some(x) => e = x,
                    None => break,
                }
            }
        }
        scores.clear();
        scores.resize(n * NT, 0.0);
        let ac = usize::from(doc.all_caps[k]);
        for i in 0..n {
            let t = word(i);
            let prev = (i > 0).then(|| word(i - 1));
            let next = (i + 1 < n).then(|| word(i + 1));
            let c = usize::from(t.class);
            let i0 = usize::from(i == 0);
            // The word's own sum and its neighbours', then the rows of the features that
            // depend on position, pairs of words, tables and the document; the sums stay in
            // registers until the token is done.
            let mut acc = t.own;
            let around = [
                prev.map_or(&tb.bos_prev, |p| &p.as_prev),
                next.map_or(&tb.eos_next, |x| &x.as_next),
            ];
            for sum in around {
                for (s, x) in acc.iter_mut().zip(sum) {
                    *s += x;
                }
            }
            let mut add = |r: u32| {
                if r != NONE {
                    add_row(w, r as usize, &mut acc);
                }
            };
            let lp = prev.map_or(tb.bos, |p| p.hl);
            let ln = next.map_or(tb.eos, |x| x.hl);
            add(tb.r1);
            add(if i >= 2 {
                word(i - 2).rows[A6]
            } else {
                tb.bos6
            });
            add(if i + 2 < n {
                word(i + 2).rows[A7]
            } else {
                tb.eos7
            });
            add(row_of(w, H::new(8).u(lp).u(t.hl)));
            add(row_of(w, H::new(9).u(t.hl).u(ln)));
            let sp = prev.map_or(tb.bos, |p| p.hs);
            let sn = next.map_or(tb.eos, |x| x.hs);
            add(row_of(w, H::new(15).u(sp).u(t.hs).u(sn)));
            add(tb.t16[c][ac][i0]);
            add(t.rows[R17 + ac]);
            add(row_of(w, H::new(18).u(lp).byte(t.class)));
            add(row_of(w, H::new(19).byte(t.class).u(ln)));
            let pc = prev.map_or(0, |p| usize::from(p.class));
            let nc = next.map_or(0, |x| usize::from(x.class));
            add(tb.t20[((pc * 8 + c) * 8 + nc) * 2 + ac]);
            let mut bits = marks[i];
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                add(tb.t23[b]);
                add(tb.t26[b][c]);
            }
            if i > 0 {
                let mut bits = marks[i - 1];
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    add(tb.t24[b]);
                }
            }
            if i + 1 < n {
                let mut bits = marks[i + 1];
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    add(tb.t25[b]);
                }
            }
            if t.has_lex {
                add(t.rows[R41 + i0 * 2 + ac]);
            } else {
                add(t.rows[R42 + i0]);
            }
            add(tb.t43[i.min(3)][c]);
            add(tb.t44[usize::from(t.nchars)][c]);
            if let Some(flags) = &doc.flags
                && t.class != CLASS_PUNCT
                && t.class != CLASS_DIGIT
            {
                let fl = flags.get(&t.lower_key).copied().unwrap_or(0);
                add(tb.t46[usize::from(fl & 3)][c][i0]);
                for b in 2..8 {
                    if fl & (1 << b) != 0 {
                        add(tb.t47[b][c]);
                    }
                }
            }
            if let (Some(p), Some(x)) = (prev, next) {
                add(row_of(w, H::new(45).u(p.hs).u(x.hs).byte(t.class)));
            }
            scores[i * NT..(i + 1) * NT].copy_from_slice(&acc);
        }
    }
}

/// Adds weight row `r` to a token's scores.
#[inline]
fn add_row(w: &Weights, r: usize, row: &mut [f32; NT]) {
    for (s, x) in row.iter_mut().zip(&w.scaled[r]) {
        *s += x;
    }
}
