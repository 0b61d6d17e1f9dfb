//! The error type of `gazette-report`.

use std::path::PathBuf;

/// An error that can occur while building or writing a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Occurs when plotters fails to draw a chart.
    #[error("drawing chart `{id}`: {message}")]
    Chart {
        /// The chart's id.
        id: String,
        /// What plotters said.
        message: String,
    },
    /// Occurs when a PNG cannot be encoded.
    #[error("encoding PNG: {0}")]
    Png(String),
    /// Occurs when the Typst template does not compile; holds the diagnostics.
    #[error("typesetting the PDF failed:\n{0}")]
    Typst(String),
    /// Occurs when the output folder holds files gazette did not write.
    #[error("`{}` is not empty and was not written by gazette\nhint: pass `--force` to write into it anyway, or choose another `--out` folder", .0.display())]
    NotOurFolder(PathBuf),
    /// Occurs when a table cannot be written as Parquet.
    #[error("writing Parquet `{}`: {message}", .path.display())]
    Parquet {
        /// The file.
        path: PathBuf,
        /// What polars said.
        message: String,
    },
    /// Occurs when a file cannot be read or written. Displays the path; the reason is the
    /// source (shown once by `{:#}` and error reporters, not twice).
    #[error("{}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The result type of `gazette-report`.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
