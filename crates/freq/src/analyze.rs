//! Turning article text into the terms that are counted.
//!
//! Tokens come from the `gazette-tokenize` scanner (spans only, nothing allocated per
//! token). Each distinct raw form is normalised (NFKC, apostrophes, case), stemmed and
//! checked against the stop words and filters once, then cached by the caller's interner,
//! so the per-token cost is one hash lookup.

use std::borrow::Cow;

use gazette_tokenize::stopwords;
use gazette_tokenize::{TokenKind, Tokenizer};

/// What a scanned token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word, hashtag or @-mention.
    Word,
    /// A number, amount of money or percentage (`1,389`, `$5`, `3.5%`).
    Number,
}

/// One scanned token.
#[derive(Debug)]
pub(crate) struct Scanned<'t> {
    /// The token as written.
    pub(crate) raw: &'t str,
    /// Byte offset of the token in the original text.
    pub(crate) start: usize,
    /// End byte offset (exclusive).
    pub(crate) end: usize,
    /// Word or number.
    pub(crate) kind: Kind,
    /// True if and only if punctuation separates this token from the previous one, or this is
    /// the first token: n-grams and phrases do not cross it.
    pub(crate) boundary: bool,
}

/// Returns true if and only if `raw` is a possessive clitic split off by the tokenizer. Every
/// clitic starts with `'` or the first byte of `’`; most tokens are answered by that byte.
#[inline]
fn is_clitic(raw: &str) -> bool {
    matches!(raw.as_bytes().first(), Some(b'\'' | 0xE2))
        && matches!(raw, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// Calls `f` for every word and number token of `text`, in order, using the
/// `gazette-tokenize` scanner (so counts agree with `gazette tokens`). Possessive `'s` is
/// skipped: `Russia's` counts as `russia`.
pub(crate) fn scan<'t>(tokenizer: &Tokenizer, text: &'t str, mut f: impl FnMut(Scanned<'t>)) {
    let mut boundary = true;
    for (span, kind) in tokenizer.token_spans(text) {
        let kind = match kind {
            TokenKind::Word | TokenKind::Hashtag | TokenKind::Mention => Kind::Word,
            TokenKind::Number => Kind::Number,
            _ => {
                boundary = true;
                continue;
            }
        };
        let raw = &text[span.start..span.end];
        if is_clitic(raw) {
            continue;
        }
        f(Scanned {
            raw,
            start: span.start,
            end: span.end,
            kind,
            boundary,
        });
        boundary = false;
    }
}

/// How text is turned into counted terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountOptions {
    /// Fold case (`War` and `war` are one term). Default true.
    pub lowercase: bool,
    /// Reduce words to their Snowball (Porter 2) English stem. Default false.
    pub stem: bool,
    /// Drop English stop words (`the`, `of`, `said`...). Default false.
    pub drop_stopwords: bool,
    /// Count numbers (`1,389`, `2021`, `1960s`). Default true.
    pub numbers: bool,
    /// Leave out terms seen fewer times than this in the whole corpus. Default 1.
    pub min_count: u64,
    /// Count only terms that match one of these patterns (after case folding and stemming).
    pub only: Vec<crate::Pattern>,
}

impl Default for CountOptions {
    fn default() -> Self {
        CountOptions {
            lowercase: true,
            stem: false,
            drop_stopwords: false,
            numbers: true,
            min_count: 1,
            only: Vec::new(),
        }
    }
}

/// Decides, once per distinct surface form, what (if anything) a token counts as.
pub(crate) struct Analyzer {
    pub(crate) opts: CountOptions,
    pub(crate) tokenizer: Tokenizer,
    stemmer: Option<rust_stemmers::Stemmer>,
}

impl Analyzer {
    pub(crate) fn new(opts: &CountOptions) -> Analyzer {
        Analyzer {
            stemmer: opts
                .stem
                .then(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)),
            tokenizer: Tokenizer::builder().lowercase(opts.lowercase).build(),
            opts: opts.clone(),
        }
    }

    /// The normalised form of a raw token (NFKC, apostrophes, case as configured).
    pub(crate) fn normalize(&self, raw: &str) -> String {
        self.tokenizer.normalize(raw)
    }

    /// Returns true if and only if a normalised form is a stop word.
    pub(crate) fn is_stopword(&self, norm: &str) -> bool {
        stopwords::is_stopword(norm)
    }

    /// The counted form of a normalised token: stemmed when asked.
    pub(crate) fn canonical<'a>(&self, norm: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) if norm.starts_with(char::is_alphabetic) => match s.stem(norm) {
                Cow::Owned(x) if x.is_empty() => Cow::Borrowed(norm),
                x => x,
            },
            _ => Cow::Borrowed(norm),
        }
    }

    /// Returns true if and only if a counted term passes the `only` filter.
    pub(crate) fn passes_filter(&self, term: &str) -> bool {
        self.opts.only.is_empty() || self.opts.only.iter().any(|p| p.matches_term(term))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize, usize, bool)> {
        let mut out = Vec::new();
        scan(&Tokenizer::default(), text, |t| {
            out.push((t.raw.to_string(), t.start, t.end, t.boundary))
        });
        out
    }

    #[test]
    fn scan_skips_punctuation_and_possessives_and_marks_boundaries() {
        let text = "The U.S. said Kramp-Karrenbauer’s 1,389 troops—in 2021.";
        let toks = tokens(text);
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "said",
                "Kramp-Karrenbauer",
                "1,389",
                "troops",
                "in",
                "2021"
            ]
        );
        assert_eq!(&text[toks[3].1..toks[3].2], "Kramp-Karrenbauer");
        // the em dash separates `troops` and `in`
        assert!(toks[6].3);
        assert!(!toks[2].3);
    }

    #[test]
    fn analyzer_normalises_and_stems() {
        let an = Analyzer::new(&CountOptions {
            stem: true,
            ..CountOptions::default()
        });
        assert_eq!(an.normalize("ÉCOLE"), "école");
        assert_eq!(an.canonical("elections"), "elect");
        assert_eq!(an.canonical("1960s"), "1960s");
        assert!(an.is_stopword("the") && !an.is_stopword("war"));
    }

    #[test]
    fn scan_never_panics_on_odd_input() {
        for text in [
            "",
            "-",
            "a-",
            "'a'",
            "1,",
            "1,a",
            "x.\u{301}",
            "..a..",
            "a’",
            "\u{0}é",
        ] {
            let _ = tokens(text);
        }
    }
}
