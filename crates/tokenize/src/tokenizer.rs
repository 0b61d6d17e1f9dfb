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
