//! A learned attribution-cue detector: an averaged perceptron (Collins 2002) that decides, for
//! one word token, whether it is (part of) the cue of an attribution (`said`, but also
//! `expected`, `concern`, `criticism`, `poll`, …).
//!
//! The rules in `attribute.rs` find the speech verbs; the model adds the long tail of stance
//! words that news attribution uses, and only where its context looks like attribution. The
//! features are single words, suffixes and the shape of the neighbourhood (word before and
//! after, a following `that`, comma, colon or quotation mark); the committed model
//! (`models/quote_cues.tsv`) holds those feature strings and their weights, nothing else.
//!
//! `gazette train-quotes` rebuilds the model from a PolNeAR folder ([`polnear_cues`] reads
//! its BRAT files, [`train_cue_model`] learns). Training is deterministic.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lexicon::{self, cue_lemma};
use super::scan::{self, Kind, Scan};

/// The committed model.
static EMBEDDED: &str = include_str!("../../models/quote_cues.tsv");

/// Environment variable naming a model file used instead of the committed one (for
/// cross-validation: score a model trained on one part of a corpus on the other part).
pub const MODEL_ENV: &str = "GAZETTE_QUOTES_MODEL";

/// A trained cue model: feature weights (sum over a token's features, then the bias).
#[derive(Debug, Clone, Default)]
pub(crate) struct CueModel {
    /// Feature -> weight; foldhash (deterministic, fixed seed) as the tagger uses. The
    /// reference form of the model (`CueModel::score`); [`CueModel::scores`] uses the
    /// same weights compiled into [`Compiled`].
    weights: foldhash::HashMap<String, f32>,
    fast: Compiled,
}

/// The pair features, in the order a token emits them.
const P1W: u64 = 0;
const WN1: u64 = 1;
const P2P1: u64 = 2;
const N1N2: u64 = 3;

/// No context word of this text in the model.
const NO_ID: u32 = u32::MAX;

/// The model's weights indexed for scoring a whole article at once: one string lookup per
/// token (its context word's id) instead of ~25 formatted feature strings per word. A weight
/// the model lacks is 0.0 (the trainer prunes every weight below 0.3 in size, so adding 0.0
/// changes no sum but the sign of a zero): [`CueModel::scores`] equals `CueModel::score`,
/// float for float, which the tests check.
#[derive(Debug, Clone, Default)]
struct Compiled {
    /// Context word (a token's lower-cased text or a `<s>`, `</s>`, `<open>`, `<close>`
    /// marker) -> id.
    ids: foldhash::HashMap<String, u32>,
    /// Per id.
    words: Vec<WordWeights>,
    /// `(kind << 62) | (first id << 31) | second id` -> weight of `p1w`, `wn1`, `p2p1`, `n1n2`.
    pairs: foldhash::HashMap<u64, f32>,
    s3: foldhash::HashMap<String, f32>,
    s2: foldhash::HashMap<String, f32>,
    lemma: foldhash::HashMap<String, f32>,
    fixed: Fixed,
    /// Ids of the markers.
    start: u32,
    end: u32,
    open: u32,
    close: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct WordWeights {
    /// `((b + w) + s3) + s2` of the word, the first four terms of its sum in order.
    prefix: f32,
    p1: f32,
    p2: f32,
    n1: f32,
    n2: f32,
    /// `lex=` and `lemma=` weights of the word.
    lex: f32,
    lemma: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Fixed {
    b: f32,
    cap: f32,
    first: f32,
    lex_weak: f32,
    lex_strong: f32,
    lex_none: f32,
    that_soon: f32,
    open_soon: f32,
    close_before: f32,
    colon_soon: f32,
    p1pron: f32,
    p1desc: f32,
    p1cap: f32,
    after: [f32; 5],
    before: [f32; 5],
}

impl Compiled {
    fn new(weights: &foldhash::HashMap<String, f32>) -> Compiled {
        let w = |f: &str| weights.get(f).copied().unwrap_or(0.0);
        let mut c = Compiled::default();
        let id = |c: &mut Compiled, word: &str| -> u32 {
            let n = c.ids.len() as u32;
            *c.ids.entry(word.to_string()).or_insert(n)
        };
        // ids: every context word of a unigram feature and every reading of a pair feature's
        // two words (a `|` token makes `p1w=||x` ambiguous: each split is entered, which
        // matches exactly the token pairs whose feature string it is)
        for (f, &weight) in weights {
            let Some((name, value)) = f.split_once('=') else {
                continue;
            };
            let kind = match name {
                "w" | "p1" | "p2" | "n1" | "n2" => {
                    id(&mut c, value);
                    continue;
                }
                "s3" => {
                    c.s3.insert(value.to_string(), weight);
                    continue;
                }
                "s2" => {
                    c.s2.insert(value.to_string(), weight);
                    continue;
                }
                "lemma" => {
                    c.lemma.insert(value.to_string(), weight);
                    continue;
                }
                "p1w" => P1W,
                "wn1" => WN1,
                "p2p1" => P2P1,
                "n1n2" => N1N2,
                _ => continue,
            };
            for (i, _) in value.match_indices('|') {
                let a = id(&mut c, &value[..i]);
                let b = id(&mut c, &value[i + 1..]);
                c.pairs.insert(pair_key(kind, a, b), weight);
            }
        }
        c.start = id(&mut c, "<s>");
        c.end = id(&mut c, "</s>");
        c.open = id(&mut c, "<open>");
        c.close = id(&mut c, "<close>");
        c.fixed = Fixed {
            b: w("b"),
            cap: w("cap"),
            first: w("first"),
            lex_weak: w("lex=weak"),
            lex_strong: w("lex=strong"),
            lex_none: w("lex=none"),
            that_soon: w("that_soon"),
            open_soon: w("open_soon"),
            close_before: w("close_before"),
            colon_soon: w("colon_soon"),
            p1pron: w("p1pron"),
            p1desc: w("p1desc"),
            p1cap: w("p1cap"),
            after: std::array::from_fn(|i| w(&format!("after={i}"))),
            before: std::array::from_fn(|i| w(&format!("before={i}"))),
        };
        c.words = vec![WordWeights::default(); c.ids.len()];
        for (word, &i) in &c.ids {
            let (lex, lemma) = c.lex_lemma(word);
            c.words[i as usize] = WordWeights {
                prefix: c.prefix(word, w(&format!("w={word}"))),
                p1: w(&format!("p1={word}")),
                p2: w(&format!("p2={word}")),
                n1: w(&format!("n1={word}")),
                n2: w(&format!("n2={word}")),
                lex,
                lemma,
            };
        }
        c
    }

    /// `((b + w) + s3) + s2` for a word whose `w=` weight is `w`.
    fn prefix(&self, word: &str, w: f32) -> f32 {
        let get = |m: &foldhash::HashMap<String, f32>, k: &str| m.get(k).copied().unwrap_or(0.0);
        self.fixed.b + w + get(&self.s3, suffix(word, 3)) + get(&self.s2, suffix(word, 2))
    }

    fn lex_lemma(&self, word: &str) -> (f32, f32) {
        match cue_lemma(word) {
            Some((lemma, weak)) => (
                if weak {
                    self.fixed.lex_weak
                } else {
                    self.fixed.lex_strong
                },
                self.lemma.get(lemma).copied().unwrap_or(0.0),
            ),
            None => (self.fixed.lex_none, 0.0),
        }
    }

    fn pair(&self, kind: u64, a: u32, b: u32) -> f32 {
        if a == NO_ID || b == NO_ID {
            return 0.0;
        }
        self.pairs
            .get(&pair_key(kind, a, b))
            .copied()
            .unwrap_or(0.0)
    }
}

fn pair_key(kind: u64, a: u32, b: u32) -> u64 {
    (kind << 62) | ((a as u64) << 31) | b as u64
}

impl CueModel {
    /// Reads the text format written by [`train_cue_model`]: `feature<TAB>weight` lines,
    /// `#` comments. Bad lines are skipped (never a panic).
    pub(crate) fn parse(text: &str) -> CueModel {
        let mut weights = foldhash::HashMap::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((f, w)) = line.rsplit_once('\t') else {
                continue;
            };
            if let Ok(w) = w.trim().parse::<f32>() {
                weights.insert(f.to_string(), w);
            }
        }
        let fast = Compiled::new(&weights);
        CueModel { weights, fast }
    }

    /// The model in use: the file named by [`MODEL_ENV`] if set and readable, else the
    /// committed one.
    pub(crate) fn get() -> &'static CueModel {
        static MODEL: OnceLock<CueModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            if let Some(p) = std::env::var_os(MODEL_ENV)
                && let Ok(text) = std::fs::read_to_string(p)
            {
                return CueModel::parse(&text);
            }
            CueModel::parse(EMBEDDED)
        })
    }

    /// Score of token `k` (positive: a cue). `None` for tokens the model never judges. The
    /// reference for [`CueModel::scores`], from the feature strings themselves (tests only).
    #[cfg(test)]
    pub(crate) fn score(&self, scan: &Scan, k: usize) -> Option<f32> {
        if self.weights.is_empty() {
            return None;
        }
        // Summed in feature order as they are produced (the same floats as collecting them
        // first), without an allocation per feature.
        let mut sum = 0.0f32;
        let found = features_with(scan, k, &mut |f: &str| {
            if let Some(w) = self.weights.get(f) {
                sum += w;
            }
        });
        found.then_some(sum)
    }

    /// `CueModel::score` of every token of `scan`, the same floats, computed from the
    /// compiled weights.
    pub(crate) fn scores(&self, scan: &Scan) -> Vec<Option<f32>> {
        let toks = &scan.toks;
        if self.weights.is_empty() {
            return vec![None; toks.len()];
        }
        let c = &self.fast;
        let ids: Vec<u32> = toks
            .iter()
            .map(|t| match t.kind {
                Kind::Open => c.open,
                Kind::Close => c.close,
                Kind::Punct | Kind::Word => c.ids.get(t.lower.as_str()).copied().unwrap_or(NO_ID),
            })
            .collect();
        let role = |id: u32| c.words.get(id as usize).copied().unwrap_or_default();
        let fx = &c.fixed;
        let mut out = Vec::with_capacity(toks.len());
        for (k, t) in toks.iter().enumerate() {
            if !judged(t) {
                out.push(None);
                continue;
            }
            let sent = t.sent;
            // the id of the context word at k - d (before) or k + d (after), as `ctx_word`
            let at = |j: Option<usize>| match j.and_then(|j| toks.get(j).map(|x| (j, x))) {
                None => {
                    if j.is_none() {
                        c.start
                    } else {
                        c.end
                    }
                }
                Some((j, x)) if x.sent == sent => ids[j],
                Some((_, x)) => {
                    if x.sent > sent {
                        c.end
                    } else {
                        c.start
                    }
                }
            };
            let (p1, p2, n1, n2) = (
                at(k.checked_sub(1)),
                at(k.checked_sub(2)),
                at(Some(k + 1)),
                at(Some(k + 2)),
            );
            let me = ids[k];
            let mine = if me == NO_ID {
                let (lex, lemma) = c.lex_lemma(&t.lower);
                WordWeights {
                    prefix: c.prefix(&t.lower, 0.0),
                    lex,
                    lemma,
                    ..WordWeights::default()
                }
            } else {
                role(me)
            };
            let mut sum = mine.prefix;
            sum += role(p1).p1;
            sum += role(p2).p2;
            sum += role(n1).n1;
            sum += role(n2).n2;
            sum += c.pair(P1W, p1, me);
            sum += c.pair(WN1, me, n1);
            sum += c.pair(P2P1, p2, p1);
            sum += c.pair(N1N2, n1, n2);
            let first_in_sent = k == 0 || toks[k - 1].sent != sent;
            if t.cap && !first_in_sent {
                sum += fx.cap;
            }
            if first_in_sent {
                sum += fx.first;
            }
            sum += mine.lex;
            sum += mine.lemma;
            let ctx = context(scan, k);
            for (on, w) in [
                (ctx.that_soon, fx.that_soon),
                (ctx.open_soon, fx.open_soon),
                (ctx.close_before, fx.close_before),
                (ctx.colon_soon, fx.colon_soon),
                (ctx.p1pron, fx.p1pron),
                (ctx.p1desc, fx.p1desc),
                (ctx.p1cap, fx.p1cap),
            ] {
                if on {
                    sum += w;
                }
            }
            sum += fx.after[ctx.after];
            sum += fx.before[ctx.before];
            out.push(Some(sum));
        }
        out
    }
}

/// True for the tokens the model judges: words, outside quotes, not function words,
/// starting with a letter.
fn judged(t: &scan::Tok) -> bool {
    t.kind == Kind::Word
        && t.in_quote.is_none()
        && !is_function_word(&t.lower)
        && t.lower.chars().next().is_some_and(char::is_alphabetic)
}

/// The context flags of token `k` (the features after `lemma=`).
struct Context {
    that_soon: bool,
    open_soon: bool,
    close_before: bool,
    colon_soon: bool,
    p1pron: bool,
    p1desc: bool,
    p1cap: bool,
    /// Words after / before in the sentence, up to 8, halved (0..=4).
    after: usize,
    before: usize,
}

fn context(scan: &Scan, k: usize) -> Context {
    let toks = &scan.toks;
    let sent = toks[k].sent;
    let window = |from: usize, to: usize| {
        toks[from.min(toks.len())..to.min(toks.len())]
            .iter()
            .filter(move |x| x.sent == sent)
    };
    let pt = k
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .filter(|x| x.sent == sent);
    let s = &scan.sents[sent];
    // Only up to 8 words count, so neither scan goes further (no quadratic cost on long
    // sentences).
    let after = toks[(k + 1).min(s.last)..s.last]
        .iter()
        .filter(|x| x.is_word())
        .take(8)
        .count();
    let before = toks[s.first.min(k)..k]
        .iter()
        .rev()
        .filter(|x| x.is_word())
        .take(8)
        .count();
    Context {
        that_soon: window(k + 1, k + 4).any(|x| x.lower == "that"),
        open_soon: window(k + 1, k + 6).any(|x| x.kind == Kind::Open),
        close_before: window(k.saturating_sub(4), k).any(|x| x.kind == Kind::Close),
        colon_soon: window(k + 1, k + 4).any(|x| x.lower == ":"),
        p1pron: pt.is_some_and(|pt| lexicon::pronoun(&pt.lower).is_some()),
        p1desc: pt.is_some_and(|pt| lexicon::description(&pt.lower).is_some()),
        p1cap: pt.is_some_and(|pt| pt.cap && pt.kind == Kind::Word),
        after: after.min(8) / 2,
        before: before.min(8) / 2,
    }
}

/// Words the model never takes as a cue on their own: they are only the frame of one
/// (`is expected to`, `according to`, `had said that`).
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "to"
            | "of"
            | "that"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "n't"
            | "also"
            | "and"
            | "or"
            | "but"
            | "this"
            | "these"
            | "those"
            | "by"
            | "for"
            | "with"
            | "on"
            | "at"
            | "as"
            | "from"
            | "about"
            | "who"
            | "which"
            | "what"
            | "when"
            | "if"
            | "than"
            | "so"
            | "there"
            | "here"
            | "some"
            | "all"
            | "more"
            | "most"
            | "very"
            | "just"
            | "only"
            | "even"
            | "still"
            | "now"
            | "then"
    ) || lexicon::is_personal(w)
}

fn suffix(w: &str, n: usize) -> &str {
    let mut i = w.len().saturating_sub(n);
    while !w.is_char_boundary(i) {
        i += 1;
    }
    &w[i..]
}

/// The word (or a marker for punctuation, quotation marks and sentence edges) at token
/// `j`, seen from a token of sentence `sent`.
fn ctx_word(scan: &Scan, j: Option<usize>, sent: usize) -> &str {
    let Some(j) = j else { return "<s>" };
    let Some(t) = scan.toks.get(j) else {
        return "</s>";
    };
    if t.sent != sent {
        return if j < scan.toks.len() && t.sent > sent {
            "</s>"
        } else {
            "<s>"
        };
    }
    match t.kind {
        Kind::Open => "<open>",
        Kind::Close => "<close>",
        Kind::Punct | Kind::Word => t.lower.as_str(),
    }
}

/// Pushes the features of token `k` into `out`. Returns false (and pushes nothing) when the
/// token is not judged: not a word, inside a quote, or a function word.
fn features(scan: &Scan, k: usize, out: &mut Vec<String>) -> bool {
    features_with(scan, k, &mut |f: &str| out.push(f.to_string()))
}

/// [`features`], handing each feature to `emit` in order; `false` (and nothing emitted) for
/// tokens the model never judges.
fn features_with(scan: &Scan, k: usize, emit: &mut impl FnMut(&str)) -> bool {
    use std::fmt::Write as _;
    let mut buf = String::with_capacity(48);
    let mut put = |args: std::fmt::Arguments<'_>, emit: &mut dyn FnMut(&str)| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(&buf);
    };
    let toks = &scan.toks;
    let Some(t) = toks.get(k) else { return false };
    if !judged(t) {
        return false;
    }
    let sent = t.sent;
    let w = t.lower.as_str();
    let prev = |d: usize| ctx_word(scan, k.checked_sub(d), sent);
    let next = |d: usize| ctx_word(scan, Some(k + d), sent);
    let (p1, p2, n1, n2) = (prev(1), prev(2), next(1), next(2));
    emit("b");
    put(format_args!("w={w}"), emit);
    put(format_args!("s3={}", suffix(w, 3)), emit);
    put(format_args!("s2={}", suffix(w, 2)), emit);
    put(format_args!("p1={p1}"), emit);
    put(format_args!("p2={p2}"), emit);
    put(format_args!("n1={n1}"), emit);
    put(format_args!("n2={n2}"), emit);
    put(format_args!("p1w={p1}|{w}"), emit);
    put(format_args!("wn1={w}|{n1}"), emit);
    put(format_args!("p2p1={p2}|{p1}"), emit);
    put(format_args!("n1n2={n1}|{n2}"), emit);
    let first_in_sent = k == 0 || toks[k - 1].sent != sent;
    if t.cap && !first_in_sent {
        emit("cap");
    }
    if first_in_sent {
        emit("first");
    }
    match cue_lemma(w) {
        Some((lemma, weak)) => {
            put(
                format_args!("lex={}", if weak { "weak" } else { "strong" }),
                emit,
            );
            put(format_args!("lemma={lemma}"), emit);
        }
        None => emit("lex=none"),
    }
    let ctx = context(scan, k);
    for (on, name) in [
        (ctx.that_soon, "that_soon"),
        (ctx.open_soon, "open_soon"),
        (ctx.close_before, "close_before"),
        (ctx.colon_soon, "colon_soon"),
        (ctx.p1pron, "p1pron"),
        (ctx.p1desc, "p1desc"),
        (ctx.p1cap, "p1cap"),
    ] {
        if on {
            emit(name);
        }
    }
    put(format_args!("after={}", ctx.after), emit);
    put(format_args!("before={}", ctx.before), emit);
    true
}

/// Byte spans of the Cue annotations of one PolNeAR BRAT file (`T` lines labelled `Cue…`),
/// converted from PolNeAR's character offsets into byte offsets of `text`. A leading
/// byte-order mark, which PolNeAR's offsets count, is accounted for. Lines that do not parse
/// or point outside the text are skipped.
pub fn polnear_cues(text: &str, ann: &str) -> Vec<(usize, usize)> {
    // character offset -> byte offset
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(spec)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((label, ranges)) = spec.split_once(' ') else {
            continue;
        };
        if !label.starts_with("Cue") {
            continue;
        }
        for frag in ranges.split(';') {
            let mut it = frag.split_whitespace().map(str::parse::<usize>);
            if let (Some(Ok(a)), Some(Ok(b))) = (it.next(), it.next())
                && a < b
                && b < byte_of.len()
            {
                out.push((byte_of[a], byte_of[b]));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct CueTrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Features whose averaged weight is smaller than this (absolute) are left out.
    pub prune: f32,
    /// Features seen on fewer training tokens than this are not learned.
    pub min_count: u32,
}

impl Default for CueTrainOptions {
    fn default() -> Self {
        CueTrainOptions {
            epochs: 8,
            prune: 0.3,
            min_count: 10,
        }
    }
}

/// Trains the cue model on articles with their gold cue spans (byte offsets, as
/// [`polnear_cues`] returns them) and returns the model file's text. A token is a positive
/// example when it overlaps a gold cue. Deterministic (articles in the order given, a fixed
/// per-epoch rotation).
pub fn train_cue_model(docs: &[(String, Vec<(usize, usize)>)], opts: &CueTrainOptions) -> String {
    // examples: (features, label)
    let mut examples: Vec<(Vec<u32>, bool)> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    for (text, cues) in docs {
        let sc = scan::scan(text);
        for k in 0..sc.toks.len() {
            buf.clear();
            if !features(&sc, k, &mut buf) {
                continue;
            }
            let t = &sc.toks[k];
            let label = cues.iter().any(|&(a, b)| a < t.end && t.start < b);
            let ids = buf
                .drain(..)
                .map(|f| {
                    let n = index.len() as u32;
                    *index.entry(f.clone()).or_insert_with(|| {
                        names.push(f);
                        n
                    })
                })
                .collect();
            examples.push((ids, label));
        }
    }
    let nf = names.len();
    let mut count = vec![0u32; nf];
    for (ids, _) in &examples {
        for &f in ids {
            count[f as usize] += 1;
        }
    }
    for (ids, _) in &mut examples {
        ids.retain(|&f| count[f as usize] >= opts.min_count);
    }
    let mut w = vec![0f32; nf];
    let mut total = vec![0f64; nf];
    let mut stamp = vec![0u64; nf];
    let mut c: u64 = 0;
    let n = examples.len();
    for epoch in 0..opts.epochs {
        // a different, fixed starting point and stride every epoch
        let stride = [1usize, 7, 13, 31, 61, 127, 251, 509][epoch % 8];
        let stride = if n > 0 && gcd(stride, n) == 1 {
            stride
        } else {
            1
        };
        let mut i = (epoch * 7919) % n.max(1);
        for _ in 0..n {
            let (ids, label) = &examples[i];
            i = (i + stride) % n;
            c += 1;
            let score: f32 = ids.iter().map(|&f| w[f as usize]).sum();
            let pred = score > 0.0;
            if pred != *label {
                let delta = if *label { 1.0 } else { -1.0 };
                for &f in ids {
                    let f = f as usize;
                    total[f] += (c - stamp[f]) as f64 * w[f] as f64;
                    stamp[f] = c;
                    w[f] += delta;
                }
            }
        }
    }
    let mut lines: Vec<(String, f32)> = Vec::new();
    for f in 0..nf {
        total[f] += (c - stamp[f]) as f64 * w[f] as f64;
        let avg = (total[f] / c.max(1) as f64) as f32;
        if avg.abs() >= opts.prune {
            lines.push((names[f].clone(), avg));
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let positives = examples.iter().filter(|e| e.1).count();
    let mut out = format!(
        "# gazette quote cue model: averaged perceptron, {} articles, {} tokens ({} cue), {} epochs, {} features kept\n",
        docs.len(),
        n,
        positives,
        opts.epochs,
        lines.len()
    );
    for (f, v) in lines {
        out.push_str(&format!("{f}\t{v:.3}\n"));
    }
    out
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polnear_cues_counts_characters_not_bytes() {
        let text = "Café owner Ann said no.";
        let ann = "T1\tCue 15 19\tsaid\nT2\tSource 11 14\tAnn\nE1\tAttribution:T1\n";
        let cues = polnear_cues(text, ann);
        assert_eq!(cues.len(), 1);
        assert_eq!(&text[cues[0].0..cues[0].1], "said");
    }

    #[test]
    fn polnear_cues_skips_bad_lines() {
        let cues = polnear_cues("short", "T1\tCue 2 99\tx\nT2\tCue x y\nT3\tCue 3 1\n");
        assert!(cues.is_empty());
    }

    #[test]
    fn training_learns_a_new_cue_word() {
        let docs: Vec<(String, Vec<(usize, usize)>)> = (0..20)
            .map(|i| {
                let text = format!(
                    "Officials voiced alarm that the plan {i} would fail. The plan {i} was green."
                );
                let a = text.find("alarm").unwrap();
                (text, vec![(a, a + 5)])
            })
            .collect();
        let model = CueModel::parse(&train_cue_model(&docs, &CueTrainOptions::default()));
        let text = "Lawyers voiced alarm that the deal was bad. The deal was green.";
        let sc = scan::scan(text);
        let at = |w: &str| sc.toks.iter().position(|t| t.lower == w).unwrap();
        assert!(model.score(&sc, at("alarm")).unwrap() > 0.0);
        assert!(model.score(&sc, at("green")).unwrap() < 0.0);
        assert!(model.score(&sc, at("the")).is_none());
    }

    /// The compiled scorer gives the reference scorer's floats on real text (the seed
    /// article) and on text made to trip it: `|` tokens (ambiguous pair features), quotes,
    /// sentence edges, words the model lacks.
    #[test]
    fn compiled_scores_equal_reference_scores() {
        let seed = include_str!("../../../../data/sample/nato-mission-2021-10-31.txt");
        let odd = "He said | that \u{201c}it\u{201d} was | fine: | | said. \"No,\" said Ann | Lee. Zyx qq warned |";
        let model = CueModel::get();
        let mut judged_words = 0;
        for text in [seed, odd, "", "said", "| |"] {
            let sc = scan::scan(text);
            let fast = model.scores(&sc);
            assert_eq!(fast.len(), sc.toks.len());
            for (k, f) in fast.iter().enumerate() {
                assert_eq!(*f, model.score(&sc, k), "token {k} {:?}", sc.toks[k].lower);
                judged_words += usize::from(f.is_some());
            }
        }
        assert!(judged_words > 300, "{judged_words}");
        // a model with a `|` pair feature scores it through either reading
        let m = CueModel::parse("b\t-1.0\nwn1=said||\t5.0\np2p1=|||\t2.0\n");
        let mut hit = 0;
        for text in ["x | | said", "said | | said", "| said |"] {
            let sc = scan::scan(text);
            let fast = m.scores(&sc);
            for (k, f) in fast.iter().enumerate() {
                assert_eq!(*f, m.score(&sc, k), "{text:?} token {k}");
                hit += usize::from(f.is_some_and(|f| f > 0.0));
            }
        }
        assert!(hit >= 2, "{hit}");
    }
}
