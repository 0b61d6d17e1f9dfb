//! Corpus frequency analysis for gazette: term and n-gram counts, keyness, collocations,
//! concordances, dispersion, trends and dictionaries, each returned as a polars
//! `DataFrame` wrapped in a table newtype with a documented schema.
//!
//! Counting is streamed (add batches of articles to a builder) and parallel (rayon), with
//! terms interned per worker and merged by string; the vocabulary is sorted at the end, so
//! every table is identical for any thread count and batch split.
//!
//! # Example
//! ```
//! use gazette_freq::{CorpusCounts, CountOptions, Grouping, KeynessOptions, TermTable};
//! use gazette_types::Article;
//!
//! let mut a = Article::new("1", "", "War and peace. The war ended.");
//! a.source = "A".into();
//! let mut b = Article::new("2", "", "Peace talks and more peace.");
//! b.source = "B".into();
//! let counts = CorpusCounts::from_articles(&[a.clone(), b.clone()], &CountOptions::default());
//! assert_eq!(counts.count("war"), 2);
//! let terms = counts.terms(Some(1))?;
//! assert_eq!(terms.frame().column(TermTable::COL_TERM)?.str()?.get(0), Some("peace"));
//!
//! let mut by_source = CorpusCounts::builder(&CountOptions::default())
//!     .grouping(Grouping { field: Some("source".into()), period: None });
//! by_source.add(&[a, b]);
//! let counts = by_source.finish();
//! let mut opts = KeynessOptions::new("A");
//! opts.alpha = 1.0; // keep everything in this tiny example
//! let key = counts.keyness(&opts)?;
//! assert!(!key.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub use crate::{
    analyze::CountOptions,
    colloc::{CollocationOptions, Collocations, Measure, collocations, phrases},
    counts::{
        ArticleCounts, CorpusCounts, CountsBuilder, GroupCounts, GroupKey, Grouping, TermCount,
        Unit,
    },
    error::{Error, ErrorKind, Result},
    export::{TableFormat, drop_null_columns, write_frame},
    keyness::{KeynessOptions, Reference},
    kwic::{Kwic, kwic},
    pattern::Pattern,
    pcount::{Dictionary, PatternCounter},
    period::Period,
    stats::Correction,
    tables::{
        ArticleTermTable, CollocationTable, DispersionTable, KeynessTable, KwicTable,
        PatternCountTable, TermTable, TfidfTable,
    },
};

/// Re-export of polars, so callers use the same version as the tables.
pub use polars;

mod analyze;
mod colloc;
mod counts;
mod error;
mod export;
mod intern;
mod keyness;
mod kwic;
mod pattern;
mod pcount;
mod period;
pub mod stats;
mod stream;
mod tables;
mod terms;

/// Minimum articles per parallel job: about two jobs per thread, so each worker builds its
/// vocabulary cache once per batch instead of once per small split.
pub(crate) fn split_len(n: usize) -> usize {
    (n / (rayon::current_num_threads() * 2).max(1)).max(8)
}
