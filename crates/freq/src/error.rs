//! The error type of `gazette-freq`.

use std::path::PathBuf;

/// A specialised `Result` for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error that can occur while building or writing frequency tables.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// Returns what went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl<K: Into<ErrorKind>> From<K> for Error {
    fn from(kind: K) -> Error {
        Error { kind: kind.into() }
    }
}

/// The kinds of error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when a search pattern is empty or has an empty word (`"war  *"`).
    #[error("empty pattern `{0}`")]
    EmptyPattern(String),
    /// Occurs when a dictionary file is not valid TOML or has a value that is not a list of
    /// patterns.
    #[error("{path}: {message}", path = .path.display())]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Occurs when a reference frequency list cannot be read or has a bad row.
    #[error("{path}:{line}: {message}", path = .path.display())]
    ReferenceList {
        /// The CSV file.
        path: PathBuf,
        /// 1-based line number (0 when the whole file is at fault).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Occurs when a table needs something the counts were not built with (per-article counts,
    /// a grouping field), or a named group does not exist.
    #[error("{0}")]
    Missing(String),
    /// Occurs when a DataFrame does not have the documented columns.
    #[error("table does not have the expected columns: {0}")]
    Schema(String),
    /// An error from polars while building or writing a table.
    #[error(transparent)]
    Polars(#[from] polars::error::PolarsError),
    /// An I/O error while reading or writing a file.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
