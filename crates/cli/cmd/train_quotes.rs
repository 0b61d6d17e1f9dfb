//! `gazette train-quotes`: trains the learned attribution-cue model from PolNeAR.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use gazette_extract::quotes::{CueTrainOptions, polnear_cues, train_cue_model};

use crate::args::GlobalArgs;

/// Arguments of `gazette train-quotes`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// PolNeAR compartment folder(s) holding `text/` and `attributions/` (e.g.
    /// `polnear/data/train`). Each article's gold is its first `.ann` file by name.
    #[arg(required = true, value_name = "DIR")]
    pub(crate) corpus: Vec<PathBuf>,
    /// Where to write the model (to ship it: `crates/extract/models/quote_cues.tsv`, then
    /// rebuild; to try one without rebuilding, set `GAZETTE_QUOTES_MODEL` to its path).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 8)]
    pub(crate) epochs: usize,
    /// Leave out of the model features whose averaged weight is below this (absolute).
    #[arg(long, default_value_t = 0.3)]
    pub(crate) prune: f32,
    /// Features seen on fewer training tokens than this are not learned.
    #[arg(long, default_value_t = 10)]
    pub(crate) min_count: u32,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut docs = Vec::new();
    for dir in &args.corpus {
        read_compartment(dir, &mut docs)?;
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no annotated articles under the given folders"
    );
    let opts = CueTrainOptions {
        epochs: args.epochs,
        prune: args.prune,
        min_count: args.min_count,
    };
    let model = train_cue_model(&docs, &opts);
    std::fs::write(&args.output, &model)
        .with_context(|| format!("writing {}", args.output.display()))?;
    if !global.quiet {
        eprintln!(
            "wrote {} ({} articles, {} bytes)",
            args.output.display(),
            docs.len(),
            model.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds every article of one compartment (`text/<stem>.txt` with `attributions/<stem>_<id>.ann`)
/// with its gold cue spans, in file-name order.
fn read_compartment(
    dir: &Path,
    docs: &mut Vec<(String, Vec<(usize, usize)>)>,
) -> anyhow::Result<()> {
    let tdir = dir.join("text");
    let adir = dir.join("attributions");
    let mut anns: Vec<String> = std::fs::read_dir(&adir)
        .with_context(|| format!("reading {}", adir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut texts: Vec<String> = std::fs::read_dir(&tdir)
        .with_context(|| format!("reading {}", tdir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    texts.sort();
    for name in texts {
        let stem = &name[..name.len() - 4];
        // the first annotator's file: `<stem>_<hex id>.ann`
        let Some(ann) = anns.iter().find(|a| {
            a.strip_prefix(stem)
                .and_then(|r| r.strip_prefix('_'))
                .and_then(|r| r.strip_suffix(".ann"))
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))
        }) else {
            continue;
        };
        let text = read(&tdir.join(&name))?;
        let ann = read(&adir.join(ann))?;
        let cues = polnear_cues(&text, &ann);
        // the article as gazette reads it: without a leading byte-order mark
        let (text, cues) = match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                let shift = '\u{feff}'.len_utf8();
                let cues = cues
                    .into_iter()
                    .filter(|&(a, _)| a >= shift)
                    .map(|(a, b)| (a - shift, b - shift))
                    .collect();
                (rest.to_string(), cues)
            }
            None => (text, cues),
        };
        docs.push((text, cues));
    }
    Ok(())
}

/// Reads a file as text, replacing bytes that are not UTF-8.
fn read(p: &Path) -> anyhow::Result<String> {
    let raw = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}
