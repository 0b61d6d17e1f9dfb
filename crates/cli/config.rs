//! `gazette.toml`: the project configuration every command reads when present.
//!
//! Flags given on the command line override the file. Unknown keys and bad values are errors
//! that name the file, line and column (toml's spans), so a typo never silently does nothing.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// The file name looked up in the current folder when `--config` is not given.
pub(crate) const DEFAULT_FILE: &str = "gazette.toml";

/// A parsed `gazette.toml`.
#[derive(Debug, Default, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// Where the corpus is and how to read it.
    #[serde(default)]
    pub(crate) corpus: CorpusConfig,
    /// How terms are counted.
    #[serde(default)]
    pub(crate) terms: TermsConfig,
    /// How articles are grouped and bucketed in time.
    #[serde(default)]
    pub(crate) group: GroupConfig,
    /// What the report contains and where it goes.
    #[serde(default)]
    pub(crate) report: ReportConfig,
    /// The folder of the config file: relative paths in it are relative to this folder.
    #[serde(skip)]
    pub(crate) base: PathBuf,
}

/// `[corpus]`.
#[derive(Debug, Default, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct CorpusConfig {
    /// Files, folders or glob patterns, relative to the config file.
    #[serde(default)]
    pub(crate) paths: Vec<String>,
    /// Field mapping for JSON Lines / CSV input: gazette field = input field.
    #[serde(default)]
    pub(crate) fields: std::collections::BTreeMap<String, String>,
    /// A TOML table of source aliases (`"New York Times" = ["nyt", "NYT"]`).
    pub(crate) aliases: Option<PathBuf>,
    /// Keep duplicate articles in the statistics.
    pub(crate) keep_duplicates: Option<bool>,
    /// Similarity above which two articles are near-duplicates (0–1).
    pub(crate) near_duplicate_threshold: Option<f64>,
    /// Treat the first skipped input as fatal.
    pub(crate) strict: Option<bool>,
    /// Skip files larger than this (`--max-file-size`: bytes, or `512M`; `0`: no limit).
    pub(crate) max_file_size: Option<toml::Value>,
    /// Skip longer records, rows and lines (`--max-line-size`).
    pub(crate) max_line_size: Option<toml::Value>,
    /// Seconds per article for the extractors (`--time-budget`; `0`: no limit).
    pub(crate) time_budget: Option<f64>,
}

/// `[terms]`.
#[derive(Debug, Default, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermsConfig {
    /// Fold case before counting (default true).
    pub(crate) lowercase: Option<bool>,
    /// Snowball-stem terms (default false).
    pub(crate) stem: Option<bool>,
    /// Remove English stop words (default true).
    pub(crate) stopwords: Option<bool>,
    /// Extra stop words.
    #[serde(default)]
    pub(crate) extra_stopwords: Vec<String>,
    /// Drop terms seen fewer times than this.
    pub(crate) min_count: Option<u64>,
    /// Count numbers as terms (default false).
    pub(crate) numbers: Option<bool>,
    /// Terms whose trends the report follows.
    #[serde(default)]
    pub(crate) watch: Vec<String>,
    /// A TOML dictionary of term categories.
    pub(crate) dictionary: Option<PathBuf>,
}

/// `[group]`.
#[derive(Debug, Default, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct GroupConfig {
    /// Metadata field to compare (default `source`).
    pub(crate) by: Option<String>,
    /// Time bucket: day, week, month, year or decade.
    pub(crate) period: Option<Period>,
}

/// Time buckets for trends.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Period {
    /// Calendar day.
    Day,
    /// ISO week.
    Week,
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
    /// Decade (1990s).
    Decade,
}

/// `[report]`.
#[derive(Debug, Default, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportConfig {
    /// Output folder.
    pub(crate) out: Option<PathBuf>,
    /// Report title.
    pub(crate) title: Option<String>,
    /// Sections to include (default: all that the corpus supports).
    pub(crate) sections: Option<Vec<Section>>,
    /// A Typst template to use instead of the built-in one.
    pub(crate) template: Option<PathBuf>,
    /// Also write tables as Parquet.
    pub(crate) parquet: Option<bool>,
}

/// Report sections.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Section {
    /// Articles and words per source and period.
    Overview,
    /// Top terms and n-grams.
    Terms,
    /// Keyness of each source against the rest.
    Keyness,
    /// Watch-term trends.
    Trends,
    /// Named actors.
    Actors,
    /// Who said what.
    Quotes,
    /// Cited figures.
    Figures,
    /// Method page.
    Method,
}

impl Config {
    /// Parses a config from its text; `path` is only used in error messages.
    pub(crate) fn parse(text: &str, path: &Path) -> anyhow::Result<Config> {
        toml::from_str(text).map_err(|err| {
            let location = err
                .span()
                .map(|span| {
                    let (line, col) = line_col(text, span.start);
                    format!(":{line}:{col}")
                })
                .unwrap_or_default();
            anyhow::anyhow!("{}{location}: {}", path.display(), err.message())
        })
    }

    /// Reads `path`, or `gazette.toml` in the current folder when `path` is `None` and that
    /// file exists. Returns the default config when there is no file.
    pub(crate) fn load(path: Option<&Path>) -> anyhow::Result<(Config, Option<PathBuf>)> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if Path::new(DEFAULT_FILE).is_file() => PathBuf::from(DEFAULT_FILE),
            None => return Ok((Config::default(), None)),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let mut config = Config::parse(&text, &path)?;
        config.base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok((config, Some(path)))
    }

    /// A path from the file, relative to the file's folder (absolute paths stay as they are).
    pub(crate) fn resolve(&self, path: impl AsRef<Path>) -> PathBuf {
        self.base.join(path)
    }

    /// Makes the config the defaults of the commands' flags, so that flags given on the
    /// command line override it: `[corpus]` for every command that reads a corpus, `[terms]`
    /// and `[group]` for the commands with the matching flags (`terms`, `ngrams`, `keyness`,
    /// `collocates`, `kwic`, `trend`, `dictionary`). Keys without a matching flag (`watch`,
    /// `dictionary`, `extra_stopwords`) are read by `gazette report` only.
    pub(crate) fn apply_defaults(&self, cli: clap::Command) -> clap::Command {
        cli.mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            let mut set: Vec<(&str, Vec<String>)> = Vec::new();
            let c = &self.corpus;
            if !c.paths.is_empty() {
                let paths = c
                    .paths
                    .iter()
                    .map(|p| self.resolve(p).display().to_string());
                set.push(("paths", paths.collect()));
            }
            if !c.fields.is_empty() {
                let fields = c.fields.iter().map(|(k, v)| format!("{k}={v}"));
                set.push(("fields", fields.collect()));
            }
            if let Some(p) = &c.aliases {
                set.push(("aliases", vec![self.resolve(p).display().to_string()]));
            }
            let flag = |b: bool| vec![b.to_string()];
            if let Some(b) = c.keep_duplicates {
                set.push(("keep_duplicates", flag(b)));
            }
            if let Some(x) = c.near_duplicate_threshold {
                set.push(("near_dup_threshold", vec![x.to_string()]));
            }
            if let Some(b) = c.strict {
                set.push(("strict", flag(b)));
            }
            // Sizes may be written as numbers (bytes) or strings (`"512M"`).
            let size = |v: &toml::Value| match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if let Some(v) = &c.max_file_size {
                set.push(("max_file_size", vec![size(v)]));
            }
            if let Some(v) = &c.max_line_size {
                set.push(("max_line_size", vec![size(v)]));
            }
            if let Some(x) = c.time_budget {
                set.push(("time_budget", vec![x.to_string()]));
            }
            let terms_cmd = matches!(
                name.as_str(),
                "terms" | "ngrams" | "keyness" | "collocates" | "kwic" | "trend" | "dictionary"
            );
            if terms_cmd {
                let t = &self.terms;
                if let Some(b) = t.lowercase {
                    set.push(("keep_case", flag(!b)));
                }
                if let Some(b) = t.stem {
                    set.push(("stem", flag(b)));
                }
                if let Some(b) = t.stopwords {
                    set.push(("no_stopwords", flag(b)));
                }
                if let Some(b) = t.numbers {
                    set.push(("no_numbers", flag(!b)));
                }
                if let Some(n) = t.min_count {
                    set.push(("min_count", vec![n.to_string()]));
                }
                // `trend --by` is the period and `--group` the field; elsewhere `--by` is the
                // field and `--period` the period.
                let (by, period) = if name == "trend" {
                    ("group", "by")
                } else {
                    ("by", "period")
                };
                if let Some(field) = &self.group.by {
                    set.push((by, vec![field.clone()]));
                }
                if let Some(p) = self.group.period {
                    set.push((period, vec![p.name().to_string()]));
                }
            }
            let mut sub = sub;
            for (id, values) in set {
                if !sub.get_arguments().any(|a| a.get_id() == id) {
                    continue;
                }
                // clap keeps `&'static str` defaults; the config lives as long as the process.
                let values: Vec<&'static str> = values.into_iter().map(|v| &*v.leak()).collect();
                sub = sub.mut_arg(id, |arg| {
                    let arg = arg.default_values(values);
                    if id == "paths" && name == "actors" {
                        // `actors --conll FILE` takes no corpus paths.
                        arg.default_value_if("conll", clap::builder::ArgPredicate::IsPresent, None)
                    } else {
                        arg
                    }
                });
            }
            sub
        })
    }
}

impl Period {
    /// The name used in the file and on the command line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
            Period::Decade => "decade",
        }
    }
}

/// The value of `--config FILE` or `--config=FILE` among the raw arguments, if any (up to a
/// `--`).
pub(crate) fn config_arg(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else { continue };
        if text == "--" {
            break;
        }
        if text == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = text.strip_prefix("--config=") {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The commented starting file `gazette init` writes.
pub(crate) const TEMPLATE: &str = r#"# gazette.toml: project configuration. Every gazette command reads it from the current
# folder (or --config FILE); flags given on the command line override it.

[corpus]
# Files, folders or globs, relative to this file.
paths = ["data/sample"]
# Field mapping for JSON Lines and CSV input (gazette field = your field).
# fields = { text = "body", published = "date_published" }
# Source aliases: a TOML file of `"Canonical Name" = ["alias", ...]`.
# aliases = "aliases.toml"
# keep_duplicates = false
# near_duplicate_threshold = 0.9
# strict = false
# Limits (0 for none): bytes or K/M/G, and seconds per article for the extractors.
# max_file_size = "256M"
# max_line_size = "16M"
# time_budget = 60

[terms]
# lowercase = true
# stem = false
# stopwords = true
# extra_stopwords = ["said", "mr"]
# min_count = 1
# numbers = false
# Terms whose use over time the report follows.
watch = ["war", "economy", "nuclear"]
# dictionary = "dictionary.toml"

[group]
# Metadata field to compare: source, author, or any field of your input.
by = "source"
# day, week, month, year or decade.
period = "year"

[report]
# `gazette report` writes this folder and its gazette.lock; `gazette check` compares them with
# what the corpus gives now (in CI: see examples/ci/).
out = "reports/sample"
# title = "My corpus"
# sections = ["overview", "terms", "keyness", "trends", "actors", "quotes", "figures", "method"]
# template = "my-template.typ"
# parquet = false
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_to_the_documented_defaults() {
        let config = Config::parse(TEMPLATE, Path::new("gazette.toml")).unwrap();
        assert_eq!(config.corpus.paths, ["data/sample"]);
        assert_eq!(config.terms.watch, ["war", "economy", "nuclear"]);
        assert_eq!(config.group.period, Some(Period::Year));
        assert_eq!(
            config.report.out.as_deref(),
            Some(Path::new("reports/sample"))
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_column() {
        let text = "[corpus]\npaths = []\n\n[terms]\nstopword = true\n";
        let err = Config::parse(text, Path::new("g.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("g.toml:5:1: unknown field `stopword`"),
            "{err}"
        );
    }

    #[test]
    fn bad_value_names_line() {
        let text = "[group]\nperiod = \"fortnight\"\n";
        let err = Config::parse(text, Path::new("g.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.toml:2:"), "{err}");
        assert!(err.contains("fortnight"), "{err}");
    }
}
