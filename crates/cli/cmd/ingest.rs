//! `gazette ingest`: read articles and print them cleaned, one per line (or row).

use std::process::ExitCode;

use serde::Serialize;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{self, OutputArgs};

/// Arguments of `gazette ingest`.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

/// One output row: the article's fields in a fixed order, then its metadata.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    source: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    text: &'a str,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    meta: &'a std::collections::BTreeMap<String, String>,
}

impl<'a> From<&'a gazette_types::Article> for Row<'a> {
    fn from(a: &'a gazette_types::Article) -> Self {
        Row {
            id: &a.id,
            source: &a.source,
            title: &a.title,
            author: a.author.as_deref(),
            published: a.published.as_deref(),
            url: a.url.as_deref(),
            text: &a.text,
            meta: &a.meta,
        }
    }
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if args.output.format == output::Format::Jsonl {
        // JSON Lines needs no column widths: write each batch as it comes, so a corpus of
        // any size goes through in bounded memory.
        let mut sink = output::Sink::open(args.output.output.as_deref())?;
        let mut failed: Option<anyhow::Error> = None;
        let streamed = corpus::stream(&args.corpus, global, 256, |batch| {
            if failed.is_some() {
                return;
            }
            let rows: Vec<Row<'_>> = batch.iter().map(Row::from).collect();
            if let Err(e) = output::write_records_to(&mut sink, &rows, output::Format::Jsonl, false)
            {
                failed = Some(broken_pipe_as_io(e));
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        sink.finish()?;
        return Ok(streamed.exit_code());
    }
    let loaded = corpus::load(&args.corpus, global)?;
    let rows: Vec<Row<'_>> = loaded.articles.iter().map(Row::from).collect();
    output::write_records(&rows, &args.output)?;
    Ok(loaded.exit_code())
}

/// serde_json wraps I/O errors in its own type; unwrap a broken pipe (output piped into
/// `head`) so `main` recognises it and exits quietly.
fn broken_pipe_as_io(err: anyhow::Error) -> anyhow::Error {
    let broken = err.chain().any(|c| {
        c.downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind)
            == Some(std::io::ErrorKind::BrokenPipe)
    });
    if broken {
        std::io::Error::from(std::io::ErrorKind::BrokenPipe).into()
    } else {
        err
    }
}
