//! `gazette actors`: named actors with mentions, aliases and roles; `--conll` tags CoNLL files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::actors::Tagger;

use crate::args::GlobalArgs;

/// Arguments of `gazette actors`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Corpus files or folders.
    pub(crate) paths: Vec<PathBuf>,
    /// Tag a CoNLL-2003 file instead: print every line with one more column, the predicted
    /// IOB2 tag.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub(crate) conll: Option<PathBuf>,
}

pub(crate) fn run(args: Args, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.conll {
        let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let text = String::from_utf8_lossy(&raw);
        let tagger = Tagger::embedded();
        let out = gazette_extract::actors::ner::tag_conll(&tagger, &text);
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    anyhow::bail!("`gazette actors` on corpus paths is not built yet")
}
