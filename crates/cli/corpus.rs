//! Corpus options shared by every command that reads articles (owned by the ingest work).

/// Options for reading a corpus.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct CorpusArgs {
    /// Corpus files or folders (text, Markdown, JSON Lines, JSON, CSV, HTML).
    pub(crate) paths: Vec<std::path::PathBuf>,
}
