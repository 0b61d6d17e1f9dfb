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

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let loaded = corpus::load(&args.corpus, global)?;
    let rows: Vec<Row<'_>> = loaded
        .articles
        .iter()
        .map(|a| Row {
            id: &a.id,
            source: &a.source,
            title: &a.title,
            author: a.author.as_deref(),
            published: a.published.as_deref(),
            url: a.url.as_deref(),
            text: &a.text,
            meta: &a.meta,
        })
        .collect();
    output::write_records(&rows, &args.output)?;
    Ok(loaded.exit_code())
}
