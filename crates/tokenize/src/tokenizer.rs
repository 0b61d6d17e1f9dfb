//! [`Tokenizer`]: scanning plus normalisation, and its builder.

use std::borrow::Cow;

use gazette_types::{Span, Token, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::scanner::{RawToken, Scanner};
use crate::sentence;

/// One sentence: its span in the text and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first byte of the first token to the last byte of the last token.
    pub span: Span,
    /// The sentence's tokens, in text order.
    pub tokens: Vec<Token>,
}

/// Splits text into tokens and sentences and normalises token text.
///
/// Build one with [`Tokenizer::default`] or [`Tokenizer::builder`] and reuse it: it holds no
/// per-text state and is cheap to clone and share between threads.
///
/// The default: NFKC, apostrophes unified (`’` → `'`), lower case, possessives split
/// (`Russia's` → `russia` + `'s`), no stemming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenizer {
    lowercase: bool,
    nfkc: bool,
    apostrophes: bool,
    split_possessives: bool,
    stem: Option<Algorithm>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        TokenizerBuilder::default().build()
    }
}

/// Builder for a [`Tokenizer`] with non-default settings.
///
/// ```
/// use gazette_tokenize::Tokenizer;
///
/// let stemming = Tokenizer::builder().stem(true).build();
/// assert_eq!(stemming.normalize("Elections"), "elect");
/// let cased = Tokenizer::builder().lowercase(false).build();
/// assert_eq!(cased.normalize("NATO’s"), "NATO's");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizerBuilder {
    tokenizer: Tokenizer,
}

impl Default for TokenizerBuilder {
    fn default() -> Self {
        TokenizerBuilder {
            tokenizer: Tokenizer {
                lowercase: true,
                nfkc: true,
                apostrophes: true,
                split_possessives: true,
                stem: None,
            },
        }
    }
}

impl TokenizerBuilder {
    /// Folds token text to lower case (default: on).
    pub fn lowercase(mut self, yes: bool) -> Self {
        self.tokenizer.lowercase = yes;
        self
    }

    /// Applies Unicode NFKC normalisation to token text (default: on): ligatures, full-width
    /// forms and compatibility characters become their plain equivalents.
    pub fn nfkc(mut self, yes: bool) -> Self {
        self.tokenizer.nfkc = yes;
        self
    }

    /// Writes every apostrophe and single quote (`’`, `‘`, `ʼ`) as `'` (default: on).
    pub fn unify_apostrophes(mut self, yes: bool) -> Self {
        self.tokenizer.apostrophes = yes;
        self
    }

    /// Splits a final `'s` off words as its own token (default: on), so `Russia's` gives
    /// `russia` and `'s` and counts under `russia`; `it's` gives `it` and `'s`. Other
    /// contractions (`don't`, `we're`) stay whole. Off, `Russia's` is one token `russia's`.
    pub fn split_possessives(mut self, yes: bool) -> Self {
        self.tokenizer.split_possessives = yes;
        self
    }

    /// Stems words with the English Snowball stemmer (default: off).
    pub fn stem(mut self, yes: bool) -> Self {
        self.tokenizer.stem = yes.then_some(Algorithm::English);
        self
    }

    /// Stems words with the Snowball stemmer for another language, or not at all.
    pub fn stemmer(mut self, algorithm: Option<Algorithm>) -> Self {
        self.tokenizer.stem = algorithm;
        self
    }

    /// Makes the tokenizer.
    pub fn build(self) -> Tokenizer {
        self.tokenizer
    }
}

impl Tokenizer {
    /// A builder starting from the default settings.
    pub fn builder() -> TokenizerBuilder {
        TokenizerBuilder::default()
    }

    /// Every token of `text` (words, numbers, punctuation, symbols, addresses, hashtags,
    /// mentions) in text order, with byte spans into `text` and normalised text.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5 + 1);
        out.extend(self.scan(text).map(|r| self.token(text, r)));
        out
    }

    /// Spans and kinds of every token, without normalising (no allocation per token).
    pub fn token_spans<'t>(&self, text: &'t str) -> impl Iterator<Item = (Span, TokenKind)> + 't {
        self.scan(text).map(|r| (Span::new(r.start, r.end), r.kind))
    }

    /// The sentences of `text` with their tokens.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        let raw: Vec<RawToken> = self.scan(text).collect();
        sentence::split(text, &raw)
            .into_iter()
            .map(|range| {
                let toks = &raw[range];
                let span = Span::new(toks[0].start, toks[toks.len() - 1].end);
                Sentence {
                    span,
                    tokens: toks.iter().map(|&r| self.token(text, r)).collect(),
                }
            })
            .collect()
    }

    /// Normalises one raw token text the way [`Tokenizer::tokenize`] does: NFKC, apostrophes,
    /// case and stemming as configured. Use it for single search terms; a phrase given by a
    /// user should go through [`Tokenizer::terms`], which also splits possessives.
    pub fn normalize(&self, raw: &str) -> String {
        let mut s = if raw.is_ascii() {
            if self.lowercase {
                raw.to_ascii_lowercase()
            } else {
                raw.to_string()
            }
        } else {
            let nfkc: Cow<'_, str> =
                if !self.nfkc || is_nfkc_quick(raw.chars()) == IsNormalized::Yes {
                    Cow::Borrowed(raw)
                } else {
                    Cow::Owned(raw.nfkc().collect())
                };
            let cased: Cow<'_, str> = if self.lowercase {
                Cow::Owned(nfkc.to_lowercase())
            } else {
                nfkc
            };
            if self.apostrophes && cased.contains(['’', '‘', 'ʼ']) {
                cased.replace(['’', '‘', 'ʼ'], "'")
            } else {
                cased.into_owned()
            }
        };
        if let Some(algorithm) = self.stem
            && s.chars().next().is_some_and(char::is_alphabetic)
            && let Cow::Owned(stemmed) = Stemmer::create(algorithm).stem(&s)
            && !stemmed.is_empty()
        {
            s = stemmed;
        }
        s
    }

    /// The normalised texts of the tokens of `text`: a user's search phrase as the terms
    /// it matches (`Russia’s` → `["russia", "'s"]`).
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.scan(text)
            .map(|r| self.normalize(&text[r.start..r.end]))
            .collect()
    }

    fn scan<'t>(&self, text: &'t str) -> Scanner<'t> {
        Scanner::new(text, self.split_possessives)
    }

    fn token(&self, text: &str, r: RawToken) -> Token {
        Token {
            text: self.normalize(&text[r.start..r.end]),
            span: Span::new(r.start, r.end),
            kind: r.kind,
        }
    }
}

/// Sentence boundaries of `text` as byte spans, without building tokens.
pub fn sentence_spans(text: &str) -> Vec<Span> {
    let raw: Vec<RawToken> = Scanner::new(text, true).collect();
    sentence::split(text, &raw)
        .into_iter()
        .map(|r| Span::new(raw[r.start].start, raw[r.end - 1].end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `raw/kind` of every token, for compact expectations.
    fn show(text: &str) -> Vec<String> {
        Tokenizer::default()
            .tokenize(text)
            .iter()
            .map(|t| format!("{}/{:?}", t.span.slice(text), t.kind))
            .collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn money_percent_and_separators_stay_whole() {
        assert_eq!(
            show("£1.2bn, 3.5% and $5; 1,389.50 or 12,34 by 14:15 on 9/11 in the 1990s."),
            [
                "£1.2bn/Number",
                ",/Punct",
                "3.5%/Number",
                "and/Word",
                "$5/Number",
                ";/Punct",
                "1,389.50/Number",
                "or/Word",
                "12/Number",
                ",/Punct",
                "34/Number",
                "by/Word",
                "14:15/Number",
                "on/Word",
                "9/11/Number",
                "in/Word",
                "the/Word",
                "1990s/Number",
                "./Punct"
            ]
        );
        assert_eq!(
            show("€3-4 2021-10-31"),
            ["€3-4/Number", "2021-10-31/Number"]
        );
    }

    #[test]
    fn abbreviations_initials_and_initialisms_keep_their_period() {
        assert_eq!(
            show("Mr. J. R. R. Tolkien, Gen. Milley, Ph.D., U.S.A. e.g. No. 5, no. Sat."),
            [
                "Mr./Word",
                "J./Word",
                "R./Word",
                "R./Word",
                "Tolkien/Word",
                ",/Punct",
                "Gen./Word",
                "Milley/Word",
                ",/Punct",
                "Ph.D./Word",
                ",/Punct",
                "U.S.A./Word",
                "e.g./Word",
                "No./Word",
                "5/Number",
                ",/Punct",
                "no/Word",
                "./Punct",
                "Sat/Word",
                "./Punct"
            ]
        );
    }

    #[test]
    fn addresses_tags_and_mentions() {
        assert_eq!(
            show(
                "See https://en.wikipedia.org/wiki/Foo_(bar). Mail ap@nyt.com, @NATO #MeToo #1 bbc.co.uk."
            ),
            [
                "See/Word",
                "https://en.wikipedia.org/wiki/Foo_(bar)/Url",
                "./Punct",
                "Mail/Word",
                "ap@nyt.com/Email",
                ",/Punct",
                "@NATO/Mention",
                "#MeToo/Hashtag",
                "#/Punct",
                "1/Number",
                "bbc.co.uk/Url",
                "./Punct"
            ]
        );
    }

    #[test]
    fn possessives_split_by_default_and_contractions_stay() {
        let t = Tokenizer::default();
        let texts = |t: &Tokenizer, s: &str| -> Vec<String> {
            t.tokenize(s).into_iter().map(|t| t.text).collect()
        };
        assert_eq!(
            texts(&t, "Russia’s O'Brien's workers' don’t"),
            ["russia", "'s", "o'brien", "'s", "workers", "'", "don't"]
        );
        let whole = Tokenizer::builder().split_possessives(false).build();
        assert_eq!(texts(&whole, "Russia’s it's"), ["russia's", "it's"]);
        let stem = Tokenizer::builder()
            .split_possessives(false)
            .stem(true)
            .build();
        assert_eq!(texts(&stem, "Russia’s elections"), ["russia", "elect"]);
        assert_eq!(t.terms("Russia’s"), ["russia", "'s"]);
    }

    #[test]
    fn normalisation_folds_compatibility_forms() {
        let t = Tokenizer::default();
        assert_eq!(t.normalize("ﬁnance"), "finance");
        assert_eq!(t.normalize("ＮＡＴＯ"), "nato");
        assert_eq!(t.normalize("Müller"), "müller");
        assert_eq!(t.normalize("“"), "“");
        let raw = Tokenizer::builder()
            .nfkc(false)
            .lowercase(false)
            .unify_apostrophes(false)
            .build();
        assert_eq!(raw.normalize("ﬁ’s"), "ﬁ’s");
    }

    #[test]
    fn sentences_handle_quotes_abbreviations_and_paragraphs() {
        assert_eq!(
            sentences(
                "He said it was \"over.\" Then he left. \"Why?\" she asked. Mr. Smith went to Washington."
            ),
            [
                "He said it was \"over.\"",
                "Then he left.",
                "\"Why?\" she asked.",
                "Mr. Smith went to Washington."
            ]
        );
        assert_eq!(
            sentences(
                "Troops left the U.S. Army base. They moved to the U.S. The war went on. George W. Bush spoke."
            ),
            [
                "Troops left the U.S. Army base.",
                "They moved to the U.S.",
                "The war went on.",
                "George W. Bush spoke."
            ]
        );
        assert_eq!(
            sentences(
                "Growth was 3.5 percent in Jan. 2021 (Applause.) Next\n\nHeadline without stop\nBody line one."
            ),
            [
                "Growth was 3.5 percent in Jan. 2021 (Applause.)",
                "Next",
                "Headline without stop\nBody line one."
            ]
        );
        assert_eq!(
            sentences(
                "It bought AT&T. Consolidation followed at MCI Inc. Former staff left on Dec. 5 at Warner Bros. However, it grew."
            ),
            [
                "It bought AT&T.",
                "Consolidation followed at MCI Inc.",
                "Former staff left on Dec. 5 at Warner Bros.",
                "However, it grew."
            ]
        );
        assert_eq!(
            sentences("Wait... what? Yes!! \u{201C}No.\u{201D} 2021 was hard."),
            [
                "Wait... what?",
                "Yes!!",
                "\u{201C}No.\u{201D}",
                "2021 was hard."
            ]
        );
    }

    #[test]
    fn ngrams_join_windows() {
        let words = ["a", "b", "c"];
        assert_eq!(crate::ngrams(&words, 2).collect::<Vec<_>>(), ["a b", "b c"]);
        assert_eq!(crate::ngrams(&words, 0).count(), 0);
        assert_eq!(crate::ngrams(&words, 4).count(), 0);
    }
}
