//! Plain data types shared by every gazette crate: articles, spans, tokens, actors, quotes
//! and figures.
//!
//! No I/O happens here. Every span is a pair of UTF-8 **byte** offsets into
//! [`Article::text`], end exclusive, so `&article.text[span.start..span.end]` is always the
//! original text of the thing found. The field names of [`Actor`], [`Quote`] and [`Figure`]
//! are the JSON Lines contract that the evaluation scorers read (`--format jsonl`).
//!
//! # Example
//! ```
//! use gazette_types::{Article, Span};
//!
//! let article = Article::new("a1", "Moscow ends mission", "NATO said on Monday ...");
//! let span = Span::new(0, 4);
//! assert_eq!(span.slice(&article.text), "NATO");
//! assert_eq!(article.source, "");
//! ```
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

pub mod swar;

/// A byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Returns the length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Returns true if and only if the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Returns the text the span covers.
    ///
    /// # Panics
    /// When the span is out of range or not on character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Returns true if and only if the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One news article after ingestion and cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the input's own id, the file stem, or a content hash.
    pub id: String,
    /// Canonical outlet name (`wsws.org`, `New York Times`); empty when unknown.
    pub source: String,
    /// Headline; empty when the input has none.
    pub title: String,
    /// Byline, authors joined with `, `.
    pub author: Option<String>,
    /// Publication date as ISO 8601 (`2021-10-31`, or `2021-10` / `2021` when only that much
    /// is known).
    pub published: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// The cleaned body. For JSON Lines input this is the input's text byte for byte.
    pub text: String,
    /// Free metadata fields (topic, bias, event, path ...), sorted by key.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub meta: std::collections::BTreeMap<String, String>,
}

impl Article {
    /// Makes an article with an id, title and text and no other metadata.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            source: String::new(),
            title: title.into(),
            author: None,
            published: None,
            url: None,
            text: text.into(),
            meta: Default::default(),
        }
    }

    /// Returns the value of a metadata field by name: the built-in fields (`source`,
    /// `author`, `published`, `title`, `url`, `id`) first, then [`Article::meta`].
    pub fn field(&self, name: &str) -> Option<&str> {
        match name {
            "id" => Some(&self.id),
            "source" => Some(&self.source),
            "title" => Some(&self.title),
            "author" => self.author.as_deref(),
            "published" | "date" => self.published.as_deref(),
            "url" => self.url.as_deref(),
            other => self.meta.get(other).map(String::as_str),
        }
    }
}

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (`Kramp-Karrenbauer`, `U.S.`).
    Word,
    /// A numeral, possibly with separators, decimals, currency or percent (`1,389`, `$5`, `3.5%`).
    Number,
    /// Punctuation (`.`, `,`, `"`, `—`).
    Punct,
    /// Any other symbol (`&`, `+`, `©`).
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A hashtag (`#metoo`).
    Hashtag,
    /// An @-mention (`@nato`).
    Mention,
}

/// One token: its normalised text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Normalised text (NFKC, apostrophes unified; case as configured).
    pub text: String,
    /// Where the token sits in the article text; never moved by filters.
    pub span: Span,
    /// What kind of token this is.
    pub kind: TokenKind,
}

/// Named-entity types, as in CoNLL-2003.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    PER,
    /// An organisation: company, party, government body, newspaper.
    ORG,
    /// A place: country, city, region.
    LOC,
    /// Any other name: nationalities, events, works.
    MISC,
}

impl EntityType {
    /// Returns the tag name (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            EntityType::MISC => "MISC",
        }
    }
}

/// One mention of an actor in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The mention as written (`Lavrov`, `Russia`).
    pub text: String,
    /// Byte offset of the mention in the article text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// A named actor in one article, with all its mentions merged (contract: `actors --format jsonl`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Id of the article the actor was found in.
    pub article: String,
    /// Canonical name (`Sergei Lavrov`, `United States`).
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other names used for the actor in this article (`Lavrov`).
    pub aliases: Vec<String>,
    /// Title or appositive role (`Russian Foreign Minister`), if any.
    pub role: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// An attributed statement (contract: `quotes --format jsonl`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Id of the article.
    pub article: String,
    /// Canonical speaker name, or `None` when the speaker could not be resolved.
    pub speaker: Option<String>,
    /// The speaker's mention in this sentence (may be a pronoun or a description).
    pub speaker_text: Option<String>,
    /// Byte offset of `speaker_text`.
    pub speaker_start: Option<usize>,
    /// End byte offset of `speaker_text`.
    pub speaker_end: Option<usize>,
    /// The speech verb or phrase (`said`, `according to`).
    pub cue: Option<String>,
    /// Byte offset of the cue.
    pub cue_start: Option<usize>,
    /// End byte offset of the cue.
    pub cue_end: Option<usize>,
    /// The statement's content, without the quote marks.
    pub text: String,
    /// Byte offset of the content.
    pub start: usize,
    /// End byte offset of the content.
    pub end: usize,
    /// True for a direct quote in quote marks, false for indirect speech.
    pub direct: bool,
}

/// Kinds of cited figure (contract: `figures --format jsonl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// An amount of money.
    Money,
    /// A percentage or percentage points.
    Percent,
    /// A cardinal that counts something.
    Count,
    /// A measure with a unit (5 km, 20 tonnes).
    Quantity,
    /// A calendar date, month, weekday or year used as a date.
    Date,
    /// A time of day.
    Time,
    /// A length of time (20 years).
    Duration,
    /// An ordinal (second, 21st).
    Ordinal,
    /// Any other numeral.
    Number,
}

/// The value of a figure: a number, or an ISO date string for dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FigureValue {
    /// A numeric value (money in units of the currency, percent as written: 3.5 for 3.5%).
    Number(f64),
    /// An ISO 8601 date or partial date (`2021-11-01`, `2021-06`, `2021`), or a time `14:15`.
    Text(String),
}

/// A cited figure (contract: `figures --format jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Id of the article.
    pub article: String,
    /// The figure as written, without its qualifier.
    pub text: String,
    /// Byte offset of the figure.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// What kind of figure it is.
    pub kind: FigureKind,
    /// Normalised value, when it could be worked out.
    pub value: Option<FigureValue>,
    /// Currency code or unit (`USD`, `km`), if any.
    pub unit: Option<String>,
    /// Qualifier such as `more than`, `about`, `up to`.
    pub qualifier: Option<String>,
    /// What is counted (`nuclear warheads`).
    pub object: Option<String>,
    /// The actor the figure is attributed to.
    pub actor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_serialises_to_contract_field_names() {
        let actor = Actor {
            article: "a".into(),
            name: "Sergei Lavrov".into(),
            kind: EntityType::PER,
            aliases: vec!["Lavrov".into()],
            role: Some("Russian Foreign Minister".into()),
            mentions: vec![Mention {
                text: "Sergei Lavrov".into(),
                start: 10,
                end: 23,
            }],
        };
        let json = serde_json::to_string(&actor).unwrap();
        assert!(json.contains("\"type\":\"PER\""), "{json}");
        let figure = Figure {
            article: "a".into(),
            text: "$5 billion".into(),
            start: 0,
            end: 10,
            kind: FigureKind::Money,
            value: Some(FigureValue::Number(5e9)),
            unit: Some("USD".into()),
            qualifier: None,
            object: None,
            actor: None,
        };
        let json = serde_json::to_string(&figure).unwrap();
        assert!(
            json.contains("\"kind\":\"money\",\"value\":5000000000.0"),
            "{json}"
        );
    }
}
