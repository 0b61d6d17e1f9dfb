//! `gazette init`: write a commented `gazette.toml` to start from.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::GlobalArgs;
use crate::config;

/// Arguments of `gazette init`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Where to write the file.
    #[arg(default_value = config::DEFAULT_FILE)]
    pub(crate) path: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub(crate) force: bool,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .create_new(!args.force)
        .open(&args.path)
        .with_context(|| {
            format!(
                "creating {} (hint: `--force` replaces an existing file)",
                args.path.display()
            )
        })?;
    file.write_all(config::TEMPLATE.as_bytes())
        .with_context(|| format!("writing {}", args.path.display()))?;
    if !global.quiet {
        eprintln!("wrote {}", args.path.display());
    }
    Ok(ExitCode::SUCCESS)
}
