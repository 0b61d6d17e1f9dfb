//! Splits article text into sentences and tokens whose byte spans point back into the text.
//!
//! Every [`Token`] carries a [`Span`] into the original text, so `&text[span.start..span.end]`
//! is exactly what was written, and a normalised `text` (NFKC, apostrophes unified, lower
//! case; stemming on request). Normalisation never moves spans.
//!
//! The scanner is hand-written and knows the things news text is made of: abbreviations and
//! initials (`Mr.`, `U.S.`, `Gen.`, `Jan.`, `J. R. R.`), numbers with thousands separators and
//! decimals (`1,389`, `3.5`), money and percentages as one token (`$5`, `£1.2bn`, `3.5%`),
//! hyphenated names and compounds (`Kramp-Karrenbauer`, `decades-long`, `Zapad-2021`),
//! straight and curly quotes and dashes as punctuation, web and e-mail addresses, hashtags
//! and @-mentions.
//!
//! Possessives: by default a final `'s` is its own token, so `Russia's` is `russia` + `'s`
//! (name finders see `Russia`, frequency counts go to `russia`, and `'s` is a stop word).
//! [`TokenizerBuilder::split_possessives`]`(false)` keeps `russia's` whole.
//!
//! # Example
//! ```
//! use gazette_tokenize::{Tokenizer, TokenKind};
//!
//! let text = "Mr. Lavrov said the U.S. spent $5 billion. Russia’s reply—“no”—came fast.";
//! let tokenizer = Tokenizer::default();
//! let tokens = tokenizer.tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(words[..7], ["mr.", "lavrov", "said", "the", "u.s.", "spent", "$5"]);
//! assert_eq!(tokens[6].kind, TokenKind::Number);
//! assert_eq!(tokens[9].span.slice(text), "Russia");
//! assert_eq!(tokens[10].text, "'s");
//!
//! let sentences = tokenizer.sentences(text);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[1].span.slice(text), "Russia’s reply—“no”—came fast.");
//! ```
#![deny(missing_docs)]

pub use gazette_types::{Span, Token, TokenKind};
pub use rust_stemmers::Algorithm;

pub use crate::ngrams::ngrams;
pub use crate::tokenizer::{Sentence, Tokenizer, TokenizerBuilder, sentence_spans};

mod lexicon;
mod ngrams;
mod scanner;
mod sentence;
pub mod stopwords;
mod tokenizer;

/// The README's example, compiled and run as a doc test.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
