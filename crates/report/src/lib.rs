//! Builds gazette's report: charts, tables, Markdown and a deterministic PDF.
//!
//! [`build_report`] turns a corpus into a [`Report`] model (sections of paragraphs, tables and
//! chart specifications); [`write_report`] draws the charts with plotters (SVG and PNG, with
//! the embedded DejaVu Sans font), typesets the PDF with Typst as a library, and writes the
//! tables as CSV and the whole report as Markdown.
//!
//! # Example
//! ```no_run
//! use gazette_report::{ReportInput, WriteOptions, build_report, write_report};
//! use gazette_types::Article;
//!
//! let mut a = Article::new("a1", "Title", "NATO said on Monday it would end the mission.");
//! a.source = "Example News".into();
//! let articles = vec![a];
//! let report = build_report(&ReportInput::new(&articles, "example"));
//! let written = write_report(&report, "out".as_ref(), &WriteOptions::default())?;
//! assert!(written.pages >= 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub use crate::{
    build::{InputFile, NO_SOURCE, Period, ReportInput, build_report, date_from_epoch, hash_file},
    chart::{FONT_FAMILY, chart_size, render_png, render_svg},
    error::{Error, Result},
    markdown::render_markdown,
    model::{
        Block, Chart, ChartKind, Column, DispersionRow, IntervalRow, Report, Section, Series,
        SourceStyle, Table,
    },
    palette::{GREY, color_of, source_styles},
    pdf::{DEFAULT_TEMPLATE, LOCK_KEYWORD, PdfInputs, Typeset, pages_png, typeset},
    write::{
        LOCK_FILE, MARKER, WriteOptions, Written, display_json, guard_formula, hash_bytes,
        png_text_chunk, table_csv, table_csv_with, write_atomic, write_report,
    },
};

mod analyses;
mod build;
mod chart;
mod error;
mod markdown;
mod model;
mod palette;
mod pdf;
mod write;
