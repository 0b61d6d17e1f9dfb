//! Corpus options shared by every command that reads articles, and loading them.
//!
//! Temporary minimal reader (JSON Lines and plain text) until `gazette-ingest` lands; the
//! signatures of [`CorpusArgs`], [`load`] and [`Loaded`] are what the commands rely on.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_types::Article;

use crate::args::GlobalArgs;

/// Options for reading a corpus.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct CorpusArgs {
    /// Corpus files or folders (text, Markdown, JSON Lines, JSON, CSV, HTML).
    pub(crate) paths: Vec<PathBuf>,
}

/// The articles read, and how many inputs were skipped.
pub(crate) struct Loaded {
    /// Articles in stable input order, duplicates removed.
    pub(crate) articles: Vec<Article>,
    /// Number of inputs skipped (bad files, bad lines).
    pub(crate) skipped: usize,
}

impl Loaded {
    /// Exit code for a run that read this corpus: 1 when something was skipped, else 0.
    pub(crate) fn exit_code(&self) -> ExitCode {
        if self.skipped > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Reads every article under `args.paths`.
pub(crate) fn load(args: &CorpusArgs, _global: &GlobalArgs) -> anyhow::Result<Loaded> {
    let mut articles = Vec::new();
    for path in &args.paths {
        let raw =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        if path.extension().is_some_and(|e| e == "jsonl") {
            for (i, line) in raw.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = serde_json::from_str(line)
                    .with_context(|| format!("{}:{}", path.display(), i + 1))?;
                let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let mut a = Article::new(
                    get("id").unwrap_or_else(|| format!("{}", i + 1)),
                    get("title").unwrap_or_default(),
                    get("text").unwrap_or_default(),
                );
                a.source = get("source").unwrap_or_default();
                a.published = get("published");
                articles.push(a);
            }
        } else {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let mut lines = raw.trim_start().splitn(2, '\n');
            let title = lines.next().unwrap_or_default().trim().to_string();
            let body = lines.next().unwrap_or_default().trim().to_string();
            articles.push(Article::new(stem.unwrap_or_default(), title, body));
        }
    }
    Ok(Loaded {
        articles,
        skipped: 0,
    })
}
