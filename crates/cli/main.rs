//! The `gazette` command-line tool: corpus evidence from news articles.
//!
//! `main` only parses arguments and dispatches; each subcommand lives in `cmd/<name>.rs` with
//! its `Args` and a `run` function returning the process exit code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

mod args;
mod cells;
mod cmd;
mod config;
#[allow(dead_code)] // used as commands land
mod corpus;
mod lock;
mod output;

/// mimalloc, not the system allocator: ingestion makes about a dozen short-lived allocations
/// an article on every core, and glibc's per-thread arenas grow a page at a time (BBC x10
/// word counts: 6% less wall time in paired runs; BENCHMARKS.md, "Ninth round").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use args::{Cli, Command};

fn main() -> ExitCode {
    // The config file's settings become the defaults of the flags, so it is read before the
    // arguments are parsed (`--config FILE` is found by a first look at the raw arguments).
    let config = config::Config::load(config::config_arg(std::env::args_os()).as_deref());
    let mut command = Cli::command();
    if let Ok((config, Some(_))) = &config {
        command = config.apply_defaults(command);
    }
    let cli = Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|err| err.exit());
    if let Err(err) = &config
        && !matches!(cli.command, Command::Init(_))
    {
        eprintln!("error: {err:#}");
        return ExitCode::from(2);
    }
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
        Command::TrainQuotes(args) => cmd::train_quotes::run(args, &cli.global),
        Command::Quotes(args) => cmd::quotes::run(args, &cli.global),
        Command::Figures(args) => cmd::figures::run(args, &cli.global),
        Command::Extract(args) => cmd::extract::run(args, &cli.global),
        Command::Report(args) => cmd::report::run(args, &cli.global),
        Command::Check(args) => cmd::check::run(args, &cli.global),
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
        if let Some(freq) = cause.downcast_ref::<gazette_freq::Error>() {
            return match freq.kind() {
                gazette_freq::ErrorKind::Io(io) => io.kind() == BrokenPipe,
                gazette_freq::ErrorKind::Polars(p) => {
                    matches!(p, gazette_freq::polars::error::PolarsError::IO { error, .. }
                        if error.kind() == BrokenPipe)
                }
                _ => false,
            };
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
}
