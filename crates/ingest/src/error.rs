//! The error type of the ingestion crate.

use std::fmt;
use std::path::{Path, PathBuf};

/// A convenient alias for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// An error that can occur while reading one input (a file, or a line or row of a file).
///
/// It names the file and, where known, the line (JSON Lines, CSV) or byte offset.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    path: PathBuf,
    line: Option<u64>,
    byte: Option<u64>,
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Occurs when a file cannot be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Occurs when a JSON line or document is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// Occurs when a CSV row cannot be parsed (e.g. a ragged row).
    #[error("invalid CSV: {0}")]
    Csv(String),
    /// Occurs when a record has no field that maps to the article text.
    #[error("no text field (looked for {0})")]
    MissingText(String),
    /// Occurs when the article's body is empty after cleaning.
    #[error("body is empty after normalisation")]
    EmptyBody,
    /// Occurs when a file looks like binary data rather than text.
    #[error("binary file (not text)")]
    Binary,
    /// Occurs when a file is empty.
    #[error("empty file")]
    EmptyFile,
    /// Occurs when a JSON value is neither an object nor an array of objects.
    #[error("expected a JSON object or an array of objects")]
    NotAnObject,
    /// Occurs when a configuration file (aliases, boilerplate patterns) is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Occurs when an input path does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// Occurs when a file was found when the inputs were listed but is gone when it is read.
    #[error("disappeared during the run (it was listed, then could not be opened)")]
    Vanished,
    /// Occurs when a file is larger than the maximum file size.
    #[error(
        "file is {size} bytes, over the maximum file size of {limit} bytes (`--max-file-size`)"
    )]
    FileTooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Occurs when a line (JSON Lines record, CSV row, line of a text file) is longer than the
    /// maximum line size.
    #[error(
        "line is {size} bytes, over the maximum line size of {limit} bytes (`--max-line-size`)"
    )]
    LineTooLong {
        /// Length of the line in bytes (at least this long when it was not read to the end).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Occurs when a folder cannot be walked: a symbolic link loop, a broken link, a folder
    /// that cannot be listed.
    #[error("{0}")]
    Walk(String),
}

impl Error {
    /// Makes an error about `path`.
    pub fn new(path: impl Into<PathBuf>, kind: ErrorKind) -> Error {
        Error {
            path: path.into(),
            line: None,
            byte: None,
            kind,
        }
    }

    /// Sets the 1-based line number the error refers to.
    pub fn at_line(mut self, line: u64) -> Error {
        self.line = Some(line);
        self
    }

    /// Sets the byte offset the error refers to.
    pub fn at_byte(mut self, byte: u64) -> Error {
        self.byte = Some(byte);
        self
    }

    /// Returns the file the error refers to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Returns the 1-based line, when known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// Returns the byte offset, when known.
    pub fn byte(&self) -> Option<u64> {
        self.byte
    }

    /// Returns what went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, " (byte {byte})")?;
        }
        write!(f, ": {}", self.kind)
    }
}
