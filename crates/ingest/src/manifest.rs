//! The manifest: what became of every input file and record.

use std::fmt;

use serde::Serialize;

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read; its articles are in the corpus.
    Read,
    /// An exact duplicate (same normalised body) of an earlier article.
    Duplicate,
    /// A near-duplicate (similar word shingles) of an earlier article.
    NearDuplicate,
    /// Not read because of a problem (see `reason`); makes the run exit with code 1.
    Skipped,
    /// Not an article file (documentation, annotations, metadata side files, other formats).
    Ignored,
}

/// One line of the manifest: a file, or a record (line) of a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The input path as given or found under a given folder (`-` for stdin).
    pub path: String,
    /// 1-based line (JSON Lines, CSV) or record number (JSON array) when the entry is about
    /// one record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What happened.
    pub status: Status,
    /// Number of articles the file contributed (for `read`).
    pub articles: usize,
    /// Id of the article (single-article files, duplicates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Id of the earlier article this one duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Estimated similarity to `duplicate_of` (near-duplicates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Why the input was skipped or ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Something worth knowing that did not stop reading (e.g. decoded from windows-1252).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl Entry {
    pub(crate) fn new(path: &str, status: Status) -> Entry {
        Entry {
            path: path.to_string(),
            line: None,
            status,
            articles: 0,
            id: None,
            duplicate_of: None,
            similarity: None,
            reason: None,
            warning: None,
        }
    }
}

/// Every input accounted for, in input order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Manifest {
    /// The entries: one per file, plus one per skipped or duplicate record.
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// Counts by status.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for e in &self.entries {
            if e.line.is_none() {
                s.files += 1;
            }
            match e.status {
                Status::Read => s.articles += e.articles,
                Status::Duplicate => s.duplicates += 1,
                Status::NearDuplicate => s.near_duplicates += 1,
                Status::Skipped => s.skipped += 1,
                Status::Ignored => s.ignored += 1,
            }
            if e.warning.is_some() {
                s.warnings += 1;
            }
        }
        s
    }

    /// Number of skipped inputs (files or records).
    pub fn skipped(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status == Status::Skipped)
            .count()
    }

    /// The entries that are duplicates (exact or near), in input order.
    pub fn duplicates(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| matches!(e.status, Status::Duplicate | Status::NearDuplicate))
    }
}

/// Counts of a [`Manifest`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Input files seen (including ignored ones).
    pub files: usize,
    /// Articles in the corpus (duplicates not counted).
    pub articles: usize,
    /// Exact duplicates found.
    pub duplicates: usize,
    /// Near-duplicates found.
    pub near_duplicates: usize,
    /// Files or records skipped because of a problem.
    pub skipped: usize,
    /// Files that are not articles (documentation, annotations, side files).
    pub ignored: usize,
    /// Inputs read with a warning (e.g. not UTF-8).
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files: {} articles, {} exact duplicates, {} near-duplicates, {} skipped, {} ignored, {} warnings",
            self.files,
            self.articles,
            self.duplicates,
            self.near_duplicates,
            self.skipped,
            self.ignored,
            self.warnings
        )
    }
}
