//! `gazette ingest` (being built).

use std::process::ExitCode;

use crate::args::GlobalArgs;

/// Arguments of `gazette ingest`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Corpus files or folders.
    pub(crate) paths: Vec<std::path::PathBuf>,
}

pub(crate) fn run(_args: Args, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`gazette ingest` is not built yet")
}
