//! `gazette train-ner`: trains the named-entity tagger from CoNLL-2003 files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::actors::ner::{self, train::TrainOptions};

use crate::args::GlobalArgs;

/// Arguments of `gazette train-ner`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Training file(s) in CoNLL-2003 format (token first, NER tag last; IOB1 or IOB2).
    #[arg(long, required = true, value_name = "FILE")]
    pub(crate) train: Vec<PathBuf>,
    /// Development file, scored after every epoch (not used for training).
    #[arg(long, value_name = "FILE")]
    pub(crate) dev: Option<PathBuf>,
    /// Where to write the model (to ship it: `crates/extract/data/ner.model`, then rebuild).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub(crate) epochs: usize,
    /// Seed of the per-epoch shuffle (training is deterministic for a given seed).
    #[arg(long, default_value_t = 2003)]
    pub(crate) seed: u64,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = 1)]
    pub(crate) min_count: u32,
    /// Leave out of the model features whose largest averaged weight is below this.
    #[arg(long, default_value_t = 0.05)]
    pub(crate) prune: f32,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut sentences = Vec::new();
    for p in &args.train {
        let text = read(p)?;
        sentences.extend(ner::read_conll(&text));
    }
    anyhow::ensure!(!sentences.is_empty(), "no sentences in the training files");
    let dev = match &args.dev {
        Some(p) => Some(ner::read_conll(&read(p)?)),
        None => None,
    };
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        prune: args.prune,
    };
    let quiet = global.quiet;
    let bytes = ner::train::train(&sentences, dev.as_deref(), &opts, |line| {
        if !quiet {
            eprintln!("{line}");
        }
    });
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    let tagger = gazette_extract::actors::Tagger::from_bytes(&bytes)?;
    if let Some(dev) = &dev {
        let s = ner::train::evaluate(&tagger, dev);
        if !quiet {
            eprintln!("saved model, dev {}", s.summary());
        }
    }
    if !quiet {
        eprintln!(
            "wrote {} ({} bytes, {} features)",
            args.output.display(),
            bytes.len(),
            tagger.feature_count()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a file as text, replacing bytes that are not UTF-8.
fn read(p: &PathBuf) -> anyhow::Result<String> {
    let raw = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}
