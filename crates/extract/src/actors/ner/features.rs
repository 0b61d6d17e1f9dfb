//! Feature extraction for the tagger: one list of hashed features per token.
//!
//! Features look at the word, its lower-cased and digit-normalised forms, shape, prefixes and
//! suffixes, the two words on each side, capitalisation in context, the position in the
//! sentence, gazetteer membership (multi-word, with the token's position in the match) and
//! word clusters learned from unlabelled news text.

use std::borrow::Cow;

use super::hash::{FeatureHash as H, FeatureMap};
use crate::actors::gazetteer::{Category, Gazetteer};

/// Word clusters and capitalisation statistics learned from unlabelled text.
#[derive(Default)]
pub(crate) struct Lexicon {
    entries: FeatureMap<LexEntry>,
}

/// What the unlabelled corpus says about one lower-cased word.
#[derive(Clone, Copy)]
pub(crate) struct LexEntry {
    /// Cluster ids at three granularities (coarse to fine).
    pub(crate) clusters: [u16; 3],
    /// Share of occurrences that were capitalised when not sentence-initial, in tenths (0..=10).
    pub(crate) caps: u8,
}

impl Lexicon {
    /// Parses the lexicon file: `word<TAB>c1<TAB>c2<TAB>c3<TAB>caps` lines, `#` comments.
    pub(crate) fn parse(text: &str) -> Lexicon {
        let mut entries = FeatureMap::default();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(w), Some(a), Some(b), Some(c), Some(caps)) =
                (it.next(), it.next(), it.next(), it.next(), it.next())
            else {
                continue;
            };
            let p = |s: &str| s.parse::<u16>().unwrap_or(u16::MAX);
            entries.insert(
                word_key(w),
                LexEntry {
                    clusters: [p(a), p(b), p(c)],
                    caps: caps.parse().unwrap_or(0),
                },
            );
        }
        Lexicon { entries }
    }

    /// Looks up a lower-cased word.
    pub(crate) fn get(&self, lower: &str) -> Option<&LexEntry> {
        self.entries.get(&word_key(lower))
    }
}

pub(crate) fn word_key(lower: &str) -> u64 {
    H::new(250).str(lower).finish()
}

/// Everything the features need besides the words.
#[derive(Default)]
pub(crate) struct Resources {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) lexicon: Lexicon,
}

/// What the whole document says about each word (no labels used): capitalised elsewhere,
/// after a first name or a title, before "said", and so on.
#[derive(Default)]
pub(crate) struct DocContext {
    flags: FeatureMap<u8>,
}

impl DocContext {
    /// Collects the flags over every sentence of a document.
    pub(crate) fn new(sentences: &[&[&str]], res: &Resources) -> DocContext {
        let mut flags: FeatureMap<u8> = FeatureMap::default();
        for words in sentences {
            let norms: Vec<Cow<'_, str>> = words.iter().map(|w| normalise(w)).collect();
            let lowers: Vec<String> = norms.iter().map(|w| w.to_lowercase()).collect();
            let classes: Vec<u8> = norms.iter().map(|w| shape_and_class(w).1).collect();
            let letters = classes
                .iter()
                .filter(|c| **c != CLASS_PUNCT && **c != CLASS_DIGIT)
                .count();
            let caps = classes.iter().filter(|c| **c == CLASS_ALLCAPS).count();
            if letters >= 2 && caps * 10 >= letters * 7 {
                continue; // headlines in capitals say nothing about case
            }
            for i in 0..words.len() {
                let mut f = 0u8;
                let c = classes[i];
                if c == CLASS_LOWER {
                    f |= 2;
                }
                if is_capitalised(c) {
                    if i > 0 {
                        f |= 1;
                    }
                    if i > 0 && is_capitalised(classes[i - 1]) {
                        let prev = [lowers[i - 1].as_str()];
                        if res.gazetteer.is(&prev, Category::FirstName) {
                            f |= 4;
                        }
                        if res.gazetteer.is(&prev, Category::Title)
                            || res.gazetteer.is(&prev, Category::Honorific)
                        {
                            f |= 8;
                        }
                    }
                    if i + 1 < words.len() && is_capitalised(classes[i + 1]) && i > 0 {
                        f |= 16;
                    }
                    if i > 0
                        && matches!(lowers[i - 1].as_str(), "in" | "at" | "from" | "to" | "near")
                    {
                        f |= 32;
                    }
                    if i + 1 < words.len()
                        && matches!(lowers[i + 1].as_str(), "said" | "says" | "told" | "added")
                    {
                        f |= 64;
                    }
                    if i > 0
                        && !is_capitalised(classes[i - 1])
                        && (i + 1 == words.len() || !is_capitalised(classes[i + 1]))
                    {
                        f |= 128;
                    }
                }
                if f != 0 {
                    *flags.entry(word_key(&lowers[i])).or_insert(0) |= f;
                }
            }
        }
        DocContext { flags }
    }

    fn get(&self, lower: &str) -> u8 {
        self.flags.get(&word_key(lower)).copied().unwrap_or(0)
    }
}

/// Per-token facts computed once per sentence.
struct Tok {
    lower: String,
    class: u8,
    lex: Option<LexEntry>,
    gaz: u64,
    /// Hashes of `norm`, `lower`, `shape`.
    hn: u64,
    hl: u64,
    hs: u64,
}

pub(crate) fn sh(s: &str) -> u64 {
    H::new(0).str(s).raw()
}

pub(crate) const CLASS_LOWER: u8 = 1;
pub(crate) const CLASS_INITCAP: u8 = 2;
pub(crate) const CLASS_ALLCAPS: u8 = 3;
pub(crate) const CLASS_MIXED: u8 = 4;
pub(crate) const CLASS_DIGIT: u8 = 5;
pub(crate) const CLASS_ALNUM: u8 = 6;
pub(crate) const CLASS_PUNCT: u8 = 7;

/// Unifies curly quotes, dashes and digits so raw text looks like the training data.
pub(crate) fn normalise(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_digit()) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .map(|c| match c {
                '0'..='9' => '0',
                '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
                '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => '-',
                c => c,
            })
            .collect(),
    )
}

pub(crate) fn shape_and_class(word: &str) -> (String, u8) {
    let mut shape = String::new();
    let (mut up, mut low, mut dig, mut other) = (0, 0, 0, 0);
    let mut first_up = false;
    let mut last = '\0';
    for (i, c) in word.chars().enumerate() {
        let s = if c.is_uppercase() {
            up += 1;
            if i == 0 {
                first_up = true;
            }
            'X'
        } else if c.is_lowercase() {
            low += 1;
            'x'
        } else if c.is_ascii_digit() {
            dig += 1;
            'd'
        } else {
            other += 1;
            c
        };
        if s != last && shape.len() < 12 {
            shape.push(s);
        }
        last = s;
    }
    let class = if up + low == 0 {
        if dig > 0 { CLASS_DIGIT } else { CLASS_PUNCT }
    } else if dig > 0 {
        CLASS_ALNUM
    } else if up == 0 {
        CLASS_LOWER
    } else if low == 0 {
        CLASS_ALLCAPS
    } else if first_up && up == 1 {
        CLASS_INITCAP
    } else {
        CLASS_MIXED
    };
    let _ = other;
    (shape, class)
}

pub(crate) fn is_capitalised(class: u8) -> bool {
    matches!(class, CLASS_INITCAP | CLASS_ALLCAPS | CLASS_MIXED)
}

/// Computes the hashed features of every token of one sentence.
///
/// Appends to `feats`; `offsets` receives `words.len() + 1` entries so token `i` owns
/// `feats[offsets[i]..offsets[i + 1]]` (relative to the lengths on entry).
pub(crate) fn sentence_features(
    words: &[&str],
    res: &Resources,
    doc: Option<&DocContext>,
    feats: &mut Vec<u64>,
    offsets: &mut Vec<u32>,
) {
    let toks: Vec<Tok> = words
        .iter()
        .map(|w| {
            let norm = normalise(w);
            let lower = norm.to_lowercase();
            let (shape, class) = shape_and_class(&norm);
            let lex = res.lexicon.get(&lower).copied();
            Tok {
                hn: sh(&norm),
                hl: sh(&lower),
                hs: sh(&shape),
                lower,
                class,
                lex,
                gaz: 0,
            }
        })
        .collect();
    let mut toks = toks;
    let lowers: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let marks = res.gazetteer.mark(&lowers);
    for (t, m) in toks.iter_mut().zip(marks) {
        t.gaz = m;
    }
    let letters = toks
        .iter()
        .filter(|t| t.class != CLASS_PUNCT && t.class != CLASS_DIGIT)
        .count();
    let caps = toks.iter().filter(|t| t.class == CLASS_ALLCAPS).count();
    let all_caps = letters >= 2 && caps * 10 >= letters * 7;
    let n = toks.len();
    let bos = sh("<s>");
    let eos = sh("</s>");
    let lower_at = |j: isize| -> u64 {
        if j < 0 {
            bos
        } else if j as usize >= n {
            eos
        } else {
            toks[j as usize].hl
        }
    };
    let shape_at = |j: isize| -> u64 {
        if j < 0 {
            bos
        } else if j as usize >= n {
            eos
        } else {
            toks[j as usize].hs
        }
    };
    offsets.push(feats.len() as u32);
    for i in 0..n {
        let t = &toks[i];
        let ii = i as isize;
        let mut f = |h: H| feats.push(h.finish());
        let ac = all_caps as u8;
        f(H::new(1));
        f(H::new(2).u(t.hn));
        f(H::new(3).u(t.hl));
        f(H::new(4).u(lower_at(ii - 1)));
        f(H::new(5).u(lower_at(ii + 1)));
        f(H::new(6).u(lower_at(ii - 2)));
        f(H::new(7).u(lower_at(ii + 2)));
        f(H::new(8).u(lower_at(ii - 1)).u(t.hl));
        f(H::new(9).u(t.hl).u(lower_at(ii + 1)));
        // Prefixes and suffixes of up to four characters, hashed incrementally.
        let mut nchars = 0;
        let mut ph = H::new(10);
        for c in t.lower.chars().take(4) {
            nchars += 1;
            ph = ph.num(c as u32);
            f(ph.byte(nchars));
        }
        let mut sh_ = H::new(11);
        for (k, c) in t.lower.chars().rev().take(4).enumerate() {
            sh_ = sh_.num(c as u32);
            f(sh_.byte(k as u8 + 1));
        }
        let nchars = if nchars < 4 {
            nchars as usize
        } else {
            t.lower.chars().count()
        };
        f(H::new(12).u(t.hs));
        f(H::new(13).u(shape_at(ii - 1)));
        f(H::new(14).u(shape_at(ii + 1)));
        f(H::new(15).u(shape_at(ii - 1)).u(t.hs).u(shape_at(ii + 1)));
        f(H::new(16).byte(t.class).byte(ac).byte((i == 0) as u8));
        f(H::new(17).u(t.hl).byte(ac));
        f(H::new(18).u(lower_at(ii - 1)).byte(t.class));
        f(H::new(19).byte(t.class).u(lower_at(ii + 1)));
        let prev_class = if i > 0 { toks[i - 1].class } else { 0 };
        let next_class = toks.get(i + 1).map_or(0, |x| x.class);
        f(H::new(20)
            .byte(prev_class)
            .byte(t.class)
            .byte(next_class)
            .byte(ac));
        // Hyphenated words: the last part (`anti-Russian` -> `russian`).
        if let Some(p) = t.lower.rfind('-')
            && p + 1 < t.lower.len()
            && p > 0
        {
            f(H::new(21).str(&t.lower[p + 1..]));
            f(H::new(22).str(&t.lower[..p]));
        }
        // Gazetteers: this token and its neighbours.
        for (tpl, j) in [(23u8, ii), (24, ii - 1), (25, ii + 1)] {
            if j < 0 || j as usize >= n {
                continue;
            }
            let g = toks[j as usize].gaz;
            let mut bits = g;
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                f(H::new(tpl).byte(b as u8));
                if tpl == 23 {
                    f(H::new(26).byte(b as u8).byte(t.class));
                }
            }
        }
        // Clusters and capitalisation statistics from unlabelled text.
        for (tpl, j) in [(30u8, ii), (33, ii - 1), (36, ii + 1)] {
            if j < 0 || j as usize >= n {
                continue;
            }
            match toks[j as usize].lex {
                Some(e) => {
                    for (k, c) in e.clusters.iter().enumerate() {
                        f(H::new(tpl + k as u8).num(u32::from(*c)));
                    }
                }
                None => f(H::new(tpl).num(u32::MAX)),
            }
        }
        if let Some(e) = t.lex {
            f(H::new(40).num(u32::from(e.clusters[2])).byte(t.class));
            if is_capitalised(t.class) {
                f(H::new(41).byte(e.caps).byte((i == 0) as u8).byte(ac));
            }
        } else {
            f(H::new(42).byte(t.class).byte((i == 0) as u8));
        }
        // Position and length.
        f(H::new(43).byte(i.min(3) as u8).byte(t.class));
        f(H::new(44).byte(nchars.min(12) as u8).byte(t.class));
        // Document context.
        if let Some(d) = doc
            && t.class != CLASS_PUNCT
            && t.class != CLASS_DIGIT
        {
            let fl = d.get(&t.lower);
            f(H::new(46).byte(fl & 3).byte(t.class).byte((i == 0) as u8));
            for b in 2..8 {
                if fl & (1 << b) != 0 {
                    f(H::new(47).byte(b).byte(t.class));
                }
            }
        }
        // Quote or bracket context.
        if i > 0 && i + 1 < n {
            f(H::new(45).u(toks[i - 1].hs).u(toks[i + 1].hs).byte(t.class));
        }
        offsets.push(feats.len() as u32);
    }
}
