//! Reads news articles from plain text, Markdown, JSON Lines, JSON, CSV, HTML and CoNLL-2012
//! document files into clean [`Article`]s, and accounts for every input in a [`Manifest`].
//!
//! * Readers are chosen by extension, or by content when there is none. Folders are walked
//!   recursively in sorted order; documentation, annotation and other non-article files are
//!   listed as ignored. A `metadata.csv`/`metadata.tsv` side file (with a `file`/`filename`
//!   column) supplies title, date, source and author for the files it lists (PolNeAR's
//!   `metadata.tsv` works as is).
//! * CoNLL files (`#begin document` blocks of tokens, as NewsWCL50 ships) give one article per
//!   document: the first sentence is the title, the text is rebuilt by detokenising, and the
//!   document name's last `_`- or `/`-separated part is the source. A CSV with Excel's `sep=` first line uses
//!   the delimiter it names; a table with no text column is skipped once, not row by row.
//! * JSON Lines and CSV text is kept byte for byte (offsets refer to it); text, Markdown,
//!   HTML and JSON documents are cleaned: Markdown undone, boilerplate removed, paragraphs
//!   broken by a page break rejoined, whitespace normalised.
//! * Metadata: source from the record, else the URL's domain, else a link in the footer, else
//!   the folder name, through an alias table; dates to ISO 8601.
//! * Exact and near-duplicates are reported and (by default) left out.
//! * [`Corpus::stream`] hands articles over in batches, reading files in parallel, so large
//!   corpora need not fit in memory; output order never depends on the thread count.
//!
//! # Example
//! ```
//! use gazette_ingest::CorpusBuilder;
//!
//! let corpus = CorpusBuilder::new().build();
//! let seed = "\n\nMoscow ends mission\n\nAndrea Peters\n31 October 2021\n\nNATO spent \\$5 billion on *Kommersant*.\n";
//! let ingested = corpus.read_bytes("nato.txt", seed.as_bytes());
//! let article = &ingested.articles[0];
//! assert_eq!(article.id, "nato");
//! assert_eq!(article.title, "Moscow ends mission");
//! assert_eq!(article.author.as_deref(), Some("Andrea Peters"));
//! assert_eq!(article.published.as_deref(), Some("2021-10-31"));
//! assert_eq!(article.text, "NATO spent $5 billion on Kommersant.");
//! ```
#![deny(missing_docs)]

pub use crate::clean::Boilerplate;
pub use crate::corpus::{
    Corpus, CorpusBuilder, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_LINE_SIZE, Ingested, read,
};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::manifest::{Entry, Manifest, Status, Summary};
pub use crate::meta::{SourceAliases, date_in_path, parse_date, url_domain};
pub use crate::record::{Field, FieldMap};
pub use gazette_types::Article;

mod clean;
mod conll;
mod corpus;
mod decode;
mod dedup;
mod error;
mod html;
mod manifest;
mod meta;
mod record;
mod text;
