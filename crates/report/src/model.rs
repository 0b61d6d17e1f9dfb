//! The report model: what the report says, independent of how it is drawn.
//!
//! A [`Report`] is a list of [`Section`]s made of [`Block`]s (paragraphs, tables, charts).
//! Every renderer (the PDF template, the Markdown file, the CSV tables, the charts) reads the
//! same model, so they cannot disagree. The model serialises to JSON (handed to the Typst
//! template as data, never as markup) and to YAML (snapshot tests).

use serde::{Deserialize, Serialize};

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Title on the cover page.
    pub title: String,
    /// One line under the title (what corpus this is).
    pub subtitle: String,
    /// Date shown on the cover (`YYYY-MM-DD`), from `SOURCE_DATE_EPOCH`; `None` shows none.
    pub date: Option<String>,
    /// Tool name and version (`gazette 0.1.0`).
    pub generator: String,
    /// Sources in the order and colours used by every chart.
    pub sources: Vec<SourceStyle>,
    /// Key findings, one sentence each, shown on the cover and at the top of `report.md`.
    pub summary: Vec<String>,
    /// The sections in order.
    pub sections: Vec<Section>,
}

/// A source (outlet, party, group) and the colour it has in every chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStyle {
    /// Source name as shown (`(no source)` for articles without one).
    pub name: String,
    /// Colour as `#rrggbb`.
    pub color: String,
}

/// One numbered section of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable identifier (`overview`, `terms`); also the prefix of its tables and charts.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Content in order.
    pub blocks: Vec<Block>,
}

/// A piece of content in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph {
        /// The text; never interpreted as markup.
        text: String,
    },
    /// A second-level heading inside a section.
    Heading {
        /// The heading text.
        text: String,
    },
    /// A bulleted list of plain-text items.
    List {
        /// The items.
        items: Vec<String>,
    },
    /// A table; written in full to `tables/<id>.csv`.
    Table(Table),
    /// A chart; drawn to `charts/<id>.png` and `charts/<id>.svg`.
    Chart(Chart),
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// File stem of the CSV (`overview-sources`).
    pub id: String,
    /// Caption shown above the table.
    pub caption: String,
    /// Column headers.
    pub columns: Vec<Column>,
    /// All rows, cells already formatted as text. The CSV gets every row.
    pub rows: Vec<Vec<String>>,
    /// How many rows the PDF and Markdown show (`None`: all).
    pub shown: Option<usize>,
}

impl Table {
    /// Returns the rows the PDF and Markdown show.
    pub fn shown_rows(&self) -> &[Vec<String>] {
        let n = self.shown.unwrap_or(self.rows.len()).min(self.rows.len());
        &self.rows[..n]
    }
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Header text.
    pub name: String,
    /// True if and only if the column holds numbers (right-aligned).
    pub numeric: bool,
}

impl Column {
    /// A text column.
    pub fn text(name: &str) -> Column {
        Column {
            name: name.to_string(),
            numeric: false,
        }
    }

    /// A numeric column.
    pub fn number(name: &str) -> Column {
        Column {
            name: name.to_string(),
            numeric: true,
        }
    }
}

/// A chart: what to draw, not how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// File stem of the PNG and SVG (`terms-keyness`).
    pub id: String,
    /// Title drawn on the chart.
    pub title: String,
    /// Caption under the chart in the PDF and Markdown: how to read it.
    pub caption: String,
    /// Label of the value axis.
    pub x_label: String,
    /// Label of the category axis.
    pub y_label: String,
    /// The chart's data.
    pub kind: ChartKind,
}

/// The data of a chart, by chart type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "chart", rename_all = "lowercase")]
pub enum ChartKind {
    /// Horizontal bars, one row per category; several series are stacked or grouped.
    Bars {
        /// Category labels, top to bottom.
        categories: Vec<String>,
        /// One series per colour; `values[i]` belongs to `categories[i]`.
        series: Vec<Series>,
        /// True: series are stacked; false: drawn side by side.
        stacked: bool,
    },
    /// Horizontal bars left or right of zero with a confidence interval (keyness).
    Diverging {
        /// Rows top to bottom.
        rows: Vec<IntervalRow>,
    },
    /// Lines over ordered periods.
    Lines {
        /// Period labels, left to right.
        x: Vec<String>,
        /// One line per series; `values[i]` is for `x[i]` (`NaN`-free; use 0 for none).
        series: Vec<Series>,
    },
    /// A matrix of counts with a colour scale.
    Heatmap {
        /// Row labels, top to bottom.
        rows: Vec<String>,
        /// Column labels, left to right.
        columns: Vec<String>,
        /// `values[r][c]`.
        values: Vec<Vec<f64>>,
    },
    /// Where in the corpus each occurrence falls (0 = start, 1 = end).
    Dispersion {
        /// Rows top to bottom.
        rows: Vec<DispersionRow>,
    },
}

/// One coloured data series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// Colour as `#rrggbb`.
    pub color: String,
    /// One value per category or period.
    pub values: Vec<f64>,
}

/// A value with a confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntervalRow {
    /// Row label.
    pub label: String,
    /// Colour as `#rrggbb`.
    pub color: String,
    /// Point estimate.
    pub value: f64,
    /// Lower bound of the interval.
    pub low: f64,
    /// Upper bound of the interval.
    pub high: f64,
}

/// One row of a dispersion plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DispersionRow {
    /// Row label.
    pub label: String,
    /// Colour as `#rrggbb`.
    pub color: String,
    /// Relative positions in `[0, 1]`.
    pub positions: Vec<f64>,
}

impl Report {
    /// Returns every table in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
        })
    }

    /// Returns every chart in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
        })
    }

    /// Returns a copy whose tables hold only their shown rows (what the PDF needs).
    pub fn for_display(&self) -> Report {
        let mut r = self.clone();
        for s in &mut r.sections {
            for b in &mut s.blocks {
                if let Block::Table(t) = b {
                    let n = t.shown_rows().len();
                    t.rows.truncate(n);
                }
            }
        }
        r
    }
}
