//! Named actors: a statistical named-entity tagger, and actors built from its mentions.
//!
//! [`Tagger`] is an averaged structured perceptron over BILOU tags with Viterbi decoding,
//! trained on CoNLL-2003 (`gazette train-ner`) and compiled into the binary. [`ActorExtractor`]
//! tags an article's title and body, cleans the spans (no titles, honorifics or possessives in
//! names), merges mentions of one actor (`Nuland` → `Victoria Nuland`, `US`/`America` →
//! `United States` through the [`AliasRegistry`]), and finds roles in titles and appositives.
//!
//! # Example
//! ```
//! use gazette_extract::actors::ActorExtractor;
//! use gazette_types::Article;
//!
//! let extractor = ActorExtractor::new();
//! let article = Article::new("a1", "", "Russian Foreign Minister Sergei Lavrov met NATO officials \
//!     in Brussels on Monday. Lavrov said little.");
//! let found = extractor.extract(&article);
//! let lavrov = found.actors.iter().find(|a| a.name == "Sergei Lavrov").expect("Lavrov");
//! assert_eq!(lavrov.mentions.len(), 2);
//! assert_eq!(lavrov.role.as_deref(), Some("Russian Foreign Minister"));
//! ```

mod error;
mod extract;
pub mod gazetteer;
pub mod ner;
pub(crate) mod registry;
mod roles;
pub mod text;

pub use self::error::Error;
pub(crate) use self::extract::is_pronoun_contraction;
pub use self::extract::{ActorExtractor, ActorMention, ArticleActors, Field, SentenceInfo};
pub use self::gazetteer::{Category, Gazetteer};
pub use self::ner::{Entity, Tagger};
pub use self::registry::{AliasRegistry, Ambiguity, Canonical, PersonNames, canonicalise};
