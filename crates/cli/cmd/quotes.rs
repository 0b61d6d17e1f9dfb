//! `gazette quotes` (being built).

use std::process::ExitCode;

use crate::args::GlobalArgs;

/// Arguments of `gazette quotes`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Corpus files or folders.
    pub(crate) paths: Vec<std::path::PathBuf>,
}

pub(crate) fn run(_args: Args, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`gazette quotes` is not built yet")
}
