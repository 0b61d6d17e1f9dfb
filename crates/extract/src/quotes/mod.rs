//! Who said what: direct and indirect quotes with their cue and speaker, and a ledger of the
//! same statements across articles and outlets.
//!
//! [`extract`] finds attributed statements in one article, given the article's actors (with
//! mention spans) as speaker candidates; [`extract_with_fallback`] proposes capitalised
//! names itself when no actor list is at hand. Direct quotes in straight, curly, single and
//! ``PTB'' marks are found, including quotes that run over paragraphs and partial quotes
//! inside a sentence; unbalanced marks are dropped, never an error. Indirect speech is found
//! from cue verbs in any tense and order (`said Lavrov`, `he stated`, `had declared`) and
//! `according to`. A pronoun or description speaker is resolved to the last compatible actor
//! before it; when none is found the speaker is `None`, not a guess.
//!
//! [`ledger`] groups the same statement (normalised text, fuzzy word-shingle match) found in
//! several articles: first appearance by date, outlets, and the variant wordings;
//! [`speaker_table`] counts who is quoted how often per outlet and actor type.
//!
//! All offsets are UTF-8 byte offsets into [`Article::text`].
//!
//! # Example
//! ```
//! use gazette_types::Article;
//!
//! let article = Article::new(
//!     "a1",
//!     "",
//!     "Foreign Minister Sergei Lavrov said NATO was not interested in \"equitable dialogue\". \
//!      The Kremlin, he stated, does not \"see the need to keep pretending.\"",
//! );
//! let quotes = gazette_extract::quotes::extract_with_fallback(&article);
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[1].speaker.as_deref(), Some("Sergei Lavrov"));
//! assert_eq!(quotes[1].cue.as_deref(), Some("stated"));
//! ```

use gazette_types::{Actor, Article, Quote};

mod attribute;
mod ledger;
mod lexicon;
mod names;
mod scan;

pub use ledger::{
    LedgerEntry, LedgerOptions, LedgerVersion, SpeakerRow, ledger, normalise, similarity,
    speaker_table,
};

/// Finds the attributed statements of one article, in text order.
///
/// `actors` are the article's actors with their mention spans (from the actor extractor);
/// speakers are chosen among their mentions, pronouns and descriptions. Never fails and never
/// panics, whatever the text; mentions whose offsets do not fit the text are ignored.
pub fn extract(article: &Article, actors: &[Actor]) -> Vec<Quote> {
    let scan = scan::scan(&article.text);
    let cands = names::from_actors(&scan, actors);
    attribute::attribute(article, &scan, &cands)
}

/// Like [`extract`], with speaker candidates proposed from capitalised names in the text
/// (titles cut off, surnames merged into earlier full names) instead of an actor list.
pub fn extract_with_fallback(article: &Article) -> Vec<Quote> {
    let scan = scan::scan(&article.text);
    let cands = names::fallback(&article.text, &scan);
    attribute::attribute(article, &scan, &cands)
}
