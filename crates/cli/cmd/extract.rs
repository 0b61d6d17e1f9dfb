//! `gazette extract`: actors, quotes and figures of a corpus in one pass, written as three
//! tables into a folder.
//!
//! Each article is tagged once; its actors feed the quote finder, and both feed the figure
//! finder (as `gazette figures` does on its own). The three files hold the same rows as
//! `gazette actors --format jsonl`, `gazette quotes` and `gazette figures` in the chosen
//! format, at about the cost of the slowest of them alone.

use std::path::PathBuf;
use std::process::ExitCode;

use gazette_extract::actors::{ActorExtractor, ArticleActors, canonicalise};
use gazette_extract::figures::FigureExtractor;
use gazette_extract::quotes;
use gazette_types::{Figure, Quote};

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{self, Format, OutputArgs};

/// Arguments of `gazette extract`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Folder to write `actors`, `quotes` and `figures` into (created if missing; the files
    /// are replaced atomically).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Format of the three files (their extension is the format's name).
    #[arg(long, value_enum, default_value_t = FileFormat::Csv)]
    pub(crate) format: FileFormat,
    /// In CSV output, prefix cells that start with `=`, `+`, `-`, `@` with `'` so spreadsheets
    /// do not run them as formulas.
    #[arg(long)]
    pub(crate) csv_safe: bool,
    /// Also report relative periods (`last week`, `this year`, `yesterday`) as dates,
    /// resolved against each article's publication date (as `gazette figures`).
    #[arg(long)]
    pub(crate) relative_periods: bool,
}

/// The file formats of `extract` (no terminal table: the output is files).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileFormat {
    /// Comma-separated values with a header row; nested fields as JSON text.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl FileFormat {
    fn format(self) -> Format {
        match self {
            FileFormat::Csv => Format::Csv,
            FileFormat::Json => Format::Json,
            FileFormat::Jsonl => Format::Jsonl,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
            FileFormat::Jsonl => "jsonl",
        }
    }
}

type Found = (ArticleActors, Vec<Quote>, Vec<Figure>);

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if args.out.exists() && !args.out.is_dir() {
        anyhow::bail!(
            "{}: not a folder (`--out` names a folder)",
            args.out.display()
        );
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", args.out.display()))?;
    // The models load while the corpus is read.
    let (loaded, extractors) = std::thread::scope(|s| {
        let models = s.spawn(|| {
            (
                ActorExtractor::new(),
                FigureExtractor::new().relative_periods(args.relative_periods),
            )
        });
        let loaded = corpus::load_all(&args.corpus, global);
        (loaded, models.join())
    });
    let loaded = loaded?;
    let shared = std::sync::Arc::new(
        extractors.map_err(|_| anyhow::anyhow!("internal error: the models failed to load"))?,
    );
    let (per, over) = corpus::per_article(
        &loaded.articles,
        &shared,
        "extract",
        |(ax, fx): &(ActorExtractor, FigureExtractor), a| -> Found {
            let found = ax.extract(a);
            let said = quotes::extract_with_actors(a, &found);
            let figures = fx.extract_with_actors(a, &found, &said);
            (found, said, figures)
        },
    );
    let exit = corpus::exit_code_with(&loaded, over);
    let mut actors = Vec::with_capacity(per.len());
    let mut said = Vec::new();
    let mut figures = Vec::new();
    for (f, a) in per.into_iter().zip(&loaded.articles) {
        // An article over the time budget has no results (it was named on stderr).
        let (found, q, x) = f.unwrap_or_else(|| {
            (
                ArticleActors {
                    article: a.id.clone(),
                    ..ArticleActors::default()
                },
                Vec::new(),
                Vec::new(),
            )
        });
        actors.push(found);
        said.extend(q);
        figures.extend(x);
    }
    canonicalise(&mut actors);
    let actor_rows: Vec<&gazette_types::Actor> = actors.iter().flat_map(|f| &f.actors).collect();
    let file = |name: &str| OutputArgs {
        format: args.format.format(),
        output: Some(args.out.join(format!("{name}.{}", args.format.extension()))),
        csv_safe: args.csv_safe,
    };
    // The three files are written side by side: laying out and writing the rows was most of
    // the run's last, single-threaded part.
    let (wrote_actors, (wrote_quotes, wrote_figures)) = rayon::join(
        || output::write_records(&actor_rows, &file("actors")),
        || {
            rayon::join(
                || {
                    output::write_records(
                        &super::quotes::rows(&loaded.articles, &said),
                        &file("quotes"),
                    )
                },
                || output::write_records(&figures, &file("figures")),
            )
        },
    );
    wrote_actors?;
    wrote_quotes?;
    wrote_figures?;
    if !global.quiet {
        eprintln!(
            "{} articles: {} actors (per article), {} statements, {} figures written to {}",
            loaded.articles.len(),
            actor_rows.len(),
            said.len(),
            figures.len(),
            args.out.display()
        );
    }
    Ok(exit)
}
