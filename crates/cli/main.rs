//! The `gazette` command-line tool: corpus evidence from news articles.
//!
//! `main` only parses arguments and dispatches; each subcommand lives in `cmd/<name>.rs` with
//! its `Args` and a `run` function returning the process exit code.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod cmd;
#[allow(dead_code)] // read by the commands as they adopt it
mod config;
#[allow(dead_code)] // used as commands land
mod corpus;
mod output;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(threads) = cli.global.threads {
        // Ignore the error: it only happens when a pool was already built, which cannot be the
        // case this early in `main`.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    let result = match cli.command {
        Command::Init(args) => cmd::init::run(args, &cli.global),
        Command::Ingest(args) => cmd::ingest::run(args, &cli.global),
        Command::Tokens(args) => cmd::tokens::run(args, &cli.global),
        Command::Terms(args) => cmd::freq::run_terms(args, &cli.global),
        Command::Ngrams(args) => cmd::freq::run_ngrams(args, &cli.global),
        Command::Keyness(args) => cmd::freq::run_keyness(args, &cli.global),
        Command::Collocates(args) => cmd::freq::run_collocates(args, &cli.global),
        Command::Kwic(args) => cmd::freq::run_kwic(args, &cli.global),
        Command::Trend(args) => cmd::freq::run_trend(args, &cli.global),
        Command::Dictionary(args) => cmd::freq::run_dictionary(args, &cli.global),
        Command::Actors(args) => cmd::actors::run(args, &cli.global),
        Command::TrainNer(args) => cmd::train_ner::run(args, &cli.global),
        Command::Quotes(args) => cmd::quotes::run(args, &cli.global),
        Command::Figures(args) => cmd::figures::run(args, &cli.global),
        Command::Report(args) => cmd::report::run(args, &cli.global),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Returns true if and only if the error chain holds a broken pipe (output piped into `head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
}
