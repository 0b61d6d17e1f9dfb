//! Reading a corpus: finding the files (folders walked recursively in sorted order), reading
//! them in parallel (rayon), then settling ids, sources and duplicates in input order, so the
//! result is the same for any number of threads.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use gazette_types::Article;
use rayon::prelude::*;
use regex::Regex;
use serde_json::{Map, Value};

use crate::clean::{self, Boilerplate};
use crate::decode;
use crate::dedup::{self, Deduper, Fingerprint, Verdict};
use crate::error::{Error, ErrorKind, Result};
use crate::manifest::{Entry, Manifest, Status};
use crate::meta::{self, SourceAliases};
use crate::record::{self, Draft, Field, FieldMap};

/// JSON Lines files larger than this are read in chunks of lines instead of whole.
const STREAM_JSONL_BYTES: u64 = 8 << 20;
/// Lines per chunk when a JSON Lines file is streamed.
const JSONL_CHUNK_LINES: usize = 4096;
/// Default for [`CorpusBuilder::max_file_size`]: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;
/// Default for [`CorpusBuilder::max_line_size`]: 16 MiB.
pub const DEFAULT_MAX_LINE_SIZE: u64 = 16 << 20;

/// Sets up how a corpus is read; [`CorpusBuilder::build`] makes the [`Corpus`] reader.
///
/// # Example
/// ```
/// use gazette_ingest::CorpusBuilder;
///
/// let corpus = CorpusBuilder::new()
///     .field_mapping("text=body")?
///     .near_duplicate_threshold(Some(0.9))
///     .keep_duplicates(false)
///     .build();
/// let dir = std::env::temp_dir().join("gazette-ingest-doc-example");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("a.jsonl"), "{\"id\": \"a1\", \"body\": \"Some text.\"}\n")?;
/// let ingested = corpus.read(&[dir.join("a.jsonl")])?;
/// assert_eq!(ingested.articles[0].text, "Some text.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CorpusBuilder {
    fields: FieldMap,
    aliases: SourceAliases,
    boilerplate: Boilerplate,
    near_threshold: Option<f64>,
    keep_duplicates: bool,
    strict: bool,
    clean_records: bool,
    clean_json: bool,
    max_file_size: Option<u64>,
    max_line_size: Option<u64>,
}

impl Default for CorpusBuilder {
    fn default() -> Self {
        CorpusBuilder {
            fields: FieldMap::default(),
            aliases: SourceAliases::default(),
            boilerplate: Boilerplate::default(),
            near_threshold: Some(0.8),
            keep_duplicates: false,
            strict: false,
            clean_records: false,
            clean_json: true,
            max_file_size: Some(DEFAULT_MAX_FILE_SIZE),
            max_line_size: Some(DEFAULT_MAX_LINE_SIZE),
        }
    }
}

impl CorpusBuilder {
    /// Default options: default field names, built-in aliases and boilerplate patterns,
    /// near-duplicate threshold 0.8, duplicates excluded, not strict.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads record key `key` for `field` (and no other key).
    pub fn field(mut self, field: Field, key: &str) -> Self {
        self.fields.set(field, key);
        self
    }

    /// Applies a `field=key` mapping such as `text=body`.
    ///
    /// # Errors
    /// When the mapping is not of that form or names an unknown field.
    pub fn field_mapping(mut self, mapping: &str) -> Result<Self> {
        self.fields
            .set_from_str(mapping)
            .map_err(|e| Error::new("--field", ErrorKind::Config(e)))?;
        Ok(self)
    }

    /// Replaces the source alias table.
    pub fn aliases(mut self, aliases: SourceAliases) -> Self {
        self.aliases = aliases;
        self
    }

    /// Adds the aliases of a TOML file to the table.
    ///
    /// # Errors
    /// When the file cannot be read or is not a valid alias table.
    pub fn alias_file(mut self, path: &Path) -> Result<Self> {
        self.aliases.extend_from_file(path)?;
        Ok(self)
    }

    /// Replaces the boilerplate patterns.
    pub fn boilerplate(mut self, boilerplate: Boilerplate) -> Self {
        self.boilerplate = boilerplate;
        self
    }

    /// Adds the boilerplate patterns of a file (one regular expression per line).
    ///
    /// # Errors
    /// When the file cannot be read or holds an invalid pattern.
    pub fn boilerplate_file(mut self, path: &Path) -> Result<Self> {
        self.boilerplate.extend_from_file(path)?;
        Ok(self)
    }

    /// Minimum estimated Jaccard similarity (0–1) of word 3-shingles for two articles to be
    /// near-duplicates; `None` turns near-duplicate detection off.
    pub fn near_duplicate_threshold(mut self, threshold: Option<f64>) -> Self {
        self.near_threshold = threshold;
        self
    }

    /// Keeps duplicates in the output (they are still reported in the manifest).
    pub fn keep_duplicates(mut self, keep: bool) -> Self {
        self.keep_duplicates = keep;
        self
    }

    /// Makes the first skipped input an error.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Also cleans the text of JSON Lines and CSV records (normally kept byte for byte, since
    /// offsets refer to it).
    pub fn clean_records(mut self, clean: bool) -> Self {
        self.clean_records = clean;
        self
    }

    /// Cleans the text of `.json` documents (boilerplate, whitespace); on by default.
    pub fn clean_json(mut self, clean: bool) -> Self {
        self.clean_json = clean;
        self
    }

    /// Skips files larger than `bytes` (checked before they are read, so a huge file costs no
    /// memory); `None` for no limit. JSON Lines files are streamed a line at a time and
    /// limited by [`CorpusBuilder::max_line_size`] only. Default [`DEFAULT_MAX_FILE_SIZE`].
    pub fn max_file_size(mut self, bytes: Option<u64>) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// Skips JSON Lines records and CSV rows longer than `bytes`, and text and Markdown files
    /// with a longer line; `None` for no limit. A streamed JSON Lines record is never held in
    /// memory beyond the limit. Default [`DEFAULT_MAX_LINE_SIZE`].
    pub fn max_line_size(mut self, bytes: Option<u64>) -> Self {
        self.max_line_size = bytes;
        self
    }

    /// Makes the reader.
    pub fn build(self) -> Corpus {
        Corpus { opts: self }
    }
}

/// Articles read from a corpus and what became of every input.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// The articles, in input order (duplicates excluded unless kept).
    pub articles: Vec<Article>,
    /// What became of every input file and record.
    pub manifest: Manifest,
}

/// Reads every article under `paths` with default options.
///
/// # Errors
/// Never with default options (problems are reported in the manifest).
pub fn read<P: AsRef<Path>>(paths: &[P]) -> Result<Ingested> {
    CorpusBuilder::new().build().read(paths)
}

/// A corpus reader (see [`CorpusBuilder`]).
#[derive(Debug, Clone)]
pub struct Corpus {
    opts: CorpusBuilder,
}

impl Default for Corpus {
    fn default() -> Self {
        CorpusBuilder::new().build()
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Text,
    Html,
    Jsonl,
    Json,
    Csv(u8),
    /// CoNLL-2012-style document files (NewsWCL50): text rebuilt from tokens.
    Conll,
    Sniff,
    Ignore(String),
}

#[derive(Debug, Clone)]
struct Input {
    path: PathBuf,
    display: String,
    id_base: String,
    folder_source: Option<String>,
    folder: Option<String>,
    kind: Kind,
    sidecar: Option<Arc<Map<String, Value>>>,
    missing: bool,
    /// Why a folder entry could not be walked (a broken link, a folder that cannot be listed).
    walk_error: Option<String>,
}

type Items = Vec<Result<(Draft, Fingerprint)>>;

struct FileOutput {
    items: Vec<Result<(Draft, Fingerprint)>>,
    warning: Option<String>,
    ignored: Option<String>,
    multi: bool,
}

impl Corpus {
    /// Reads every article under `paths` (files, folders, `-` for stdin).
    ///
    /// # Errors
    /// Only in strict mode: the first problem.
    pub fn read<P: AsRef<Path>>(&self, paths: &[P]) -> Result<Ingested> {
        let mut articles = Vec::new();
        let manifest = self.stream(paths, 1024, |batch| articles.extend(batch))?;
        Ok(Ingested { articles, manifest })
    }

    /// Reads every article under `paths` and hands them to `sink` in batches of about
    /// `batch_size`, in input order, without holding the whole corpus: files are read in
    /// parallel a group at a time, and large JSON Lines files a chunk of lines at a time.
    /// Returns the manifest.
    ///
    /// # Errors
    /// Only in strict mode: the first problem.
    pub fn stream<P: AsRef<Path>>(
        &self,
        paths: &[P],
        batch_size: usize,
        mut sink: impl FnMut(Vec<Article>),
    ) -> Result<Manifest> {
        // The boilerplate patterns compile while the files are listed.
        let inputs = std::thread::scope(|scope| {
            scope.spawn(|| self.opts.boilerplate.prepare());
            discover(paths)
        });
        // Reading (parallel parsing, then the sequential merge) runs on its own thread while
        // `sink` works on the batch before, so neither waits for the other; one batch at most
        // waits in the channel, so memory stays bounded. Batches arrive in input order.
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Article>>(1);
            let inputs = &inputs;
            let reader = scope.spawn(move || {
                // Set when the receiver is gone (the sink panicked): reading stops, and the
                // panic is raised when the scope ends.
                let gone = std::cell::Cell::new(false);
                self.read_inputs(inputs, batch_size, &gone, &mut |batch| {
                    if tx.send(batch).is_err() {
                        gone.set(true);
                    }
                })
            });
            for batch in rx {
                sink(batch);
            }
            match reader.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// The reading half of [`Corpus::stream`]: hands batches to `sink` in input order.
    fn read_inputs(
        &self,
        inputs: &[Input],
        batch_size: usize,
        gone: &std::cell::Cell<bool>,
        sink: &mut dyn FnMut(Vec<Article>),
    ) -> Result<Manifest> {
        let batch_size = batch_size.max(1);
        let mut merger = Merger {
            opts: &self.opts,
            dedup: Deduper::new(self.opts.near_threshold),
            ids: HashSet::new(),
            manifest: Manifest::default(),
            buffer: Vec::new(),
        };
        let group = batch_size.clamp(64, 1024);
        let mut i = 0;
        while i < inputs.len() && !gone.get() {
            if self.is_big_jsonl(&inputs[i]) {
                self.stream_jsonl(&inputs[i], &mut merger, batch_size, gone, sink)?;
                i += 1;
                continue;
            }
            let mut j = i;
            while j < inputs.len() && j - i < group && !self.is_big_jsonl(&inputs[j]) {
                j += 1;
            }
            let mut outputs: Vec<FileOutput> = inputs[i..j]
                .par_iter()
                .map(|input| self.read_input(input))
                .collect();
            merger.sign(outputs.iter_mut().flat_map(|o| o.items.iter_mut()));
            for (input, output) in inputs[i..j].iter().zip(outputs) {
                merger.merge(input, output)?;
                if merger.buffer.len() >= batch_size {
                    sink(std::mem::take(&mut merger.buffer));
                }
            }
            i = j;
        }
        if !merger.buffer.is_empty() {
            sink(std::mem::take(&mut merger.buffer));
        }
        Ok(merger.manifest)
    }

    /// Reads articles from bytes as if they were the file `name` (its extension picks the
    /// reader; content decides when it has none).
    pub fn read_bytes(&self, name: &str, bytes: &[u8]) -> Ingested {
        let input = make_input(
            Path::new(name),
            name.to_string(),
            stem(Path::new(name)),
            None,
            None,
        );
        let output = self.parse_bytes(&input, bytes);
        let mut merger = Merger {
            opts: &self.opts,
            dedup: Deduper::new(self.opts.near_threshold),
            ids: HashSet::new(),
            manifest: Manifest::default(),
            buffer: Vec::new(),
        };
        let strict_off = CorpusBuilder {
            strict: false,
            ..self.opts.clone()
        };
        merger.opts = &strict_off;
        merger
            .merge(&input, output)
            .expect("not strict, so merging cannot fail");
        Ingested {
            articles: merger.buffer,
            manifest: merger.manifest,
        }
    }

    fn is_big_jsonl(&self, input: &Input) -> bool {
        matches!(input.kind, Kind::Jsonl)
            && !input.missing
            && input.path != Path::new("-")
            && std::fs::metadata(&input.path).is_ok_and(|m| m.len() > STREAM_JSONL_BYTES)
    }

    fn stream_jsonl(
        &self,
        input: &Input,
        merger: &mut Merger<'_>,
        batch_size: usize,
        gone: &std::cell::Cell<bool>,
        sink: &mut dyn FnMut(Vec<Article>),
    ) -> Result<()> {
        let file = match std::fs::File::open(&input.path) {
            Ok(f) => f,
            Err(e) => {
                let output = FileOutput {
                    items: vec![Err(Error::new(&input.display, ErrorKind::Io(e)))],
                    warning: None,
                    ignored: None,
                    multi: false,
                };
                return merger.merge(input, output);
            }
        };
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let file_entry = merger.manifest.entries.len();
        merger
            .manifest
            .entries
            .push(Entry::new(&input.display, Status::Read));
        let mut line_no: u64 = 0;
        let mut offset: u64 = 0;
        let mut decoded_lossy = false;
        while !gone.get() {
            // (line number, byte offset, the line, its length when over the limit)
            let mut lines: Vec<(u64, u64, Vec<u8>, Option<u64>)> =
                Vec::with_capacity(JSONL_CHUNK_LINES);
            while lines.len() < JSONL_CHUNK_LINES {
                let mut buf = Vec::new();
                let (n, too_long) =
                    read_line_limited(&mut reader, &mut buf, self.opts.max_line_size).map_err(
                        |e| Error::new(&input.display, ErrorKind::Io(e)).at_line(line_no + 1),
                    )?;
                if n == 0 {
                    break;
                }
                line_no += 1;
                lines.push((line_no, offset, buf, too_long.then_some(n)));
                offset += n;
            }
            if lines.is_empty() {
                break;
            }
            let parsed: Vec<(Items, bool)> = lines
                .par_iter()
                .map(|(no, off, bytes, too_long)| match too_long {
                    Some(size) => (
                        vec![Err(self.line_too_long(input, *no, *off, *size))],
                        false,
                    ),
                    None => self.parse_jsonl_line(input, *no, *off, bytes),
                })
                .collect();
            let mut items = Vec::new();
            for (line_items, lossy) in parsed {
                decoded_lossy |= lossy;
                items.extend(line_items);
            }
            merger.sign(items.iter_mut());
            merger.merge_records(input, items, file_entry)?;
            if merger.buffer.len() >= batch_size {
                sink(std::mem::take(&mut merger.buffer));
            }
        }
        merger.no_records(input, file_entry);
        if decoded_lossy {
            merger.manifest.entries[file_entry].warning =
                Some("some lines were not UTF-8 and were decoded as windows-1252".into());
        }
        Ok(())
    }

    fn line_too_long(&self, input: &Input, line: u64, offset: u64, size: u64) -> Error {
        Error::new(
            &input.display,
            ErrorKind::LineTooLong {
                size,
                limit: self.opts.max_line_size.unwrap_or(u64::MAX),
            },
        )
        .at_line(line)
        .at_byte(offset)
    }

    fn parse_jsonl_line(
        &self,
        input: &Input,
        line_no: u64,
        offset: u64,
        bytes: &[u8],
    ) -> (Vec<Result<(Draft, Fingerprint)>>, bool) {
        let mut bytes = bytes;
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let (text, lossy) = match std::str::from_utf8(bytes) {
            Ok(t) => (std::borrow::Cow::Borrowed(t), false),
            Err(_) => (
                std::borrow::Cow::Owned(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()),
                true,
            ),
        };
        if text.trim().is_empty() {
            return (Vec::new(), lossy);
        }
        let items = match serde_json::from_str::<Value>(text.trim_end_matches(['\n', '\r'])) {
            Ok(Value::Object(obj)) => self.finish_records(
                input,
                record::drafts_from_object(&obj, &self.opts.fields),
                line_no,
                self.opts.clean_records,
                &obj,
            ),
            Ok(_) => vec![Err(Error::new(&input.display, ErrorKind::NotAnObject)
                .at_line(line_no)
                .at_byte(offset))],
            Err(e) => vec![Err(Error::new(
                &input.display,
                ErrorKind::Json(json_message(&e)),
            )
            .at_line(line_no)
            .at_byte(offset + e.column().saturating_sub(1) as u64))],
        };
        (items, lossy)
    }

    fn read_input(&self, input: &Input) -> FileOutput {
        if let Kind::Ignore(reason) = &input.kind {
            return FileOutput {
                items: Vec::new(),
                warning: None,
                ignored: Some(reason.clone()),
                multi: false,
            };
        }
        let err = |kind| FileOutput {
            items: vec![Err(Error::new(&input.display, kind))],
            warning: None,
            ignored: None,
            multi: false,
        };
        if input.missing {
            return err(ErrorKind::NotFound);
        }
        if let Some(reason) = &input.walk_error {
            return err(ErrorKind::Walk(reason.clone()));
        }
        let limit = self.opts.max_file_size;
        if input.path == Path::new("-") {
            // Read at most one byte over the limit, so that stdin cannot make us hold more
            // than the limit either.
            let mut buf = Vec::new();
            let read = match limit {
                Some(l) => std::io::stdin()
                    .lock()
                    .take(l.saturating_add(1))
                    .read_to_end(&mut buf),
                None => std::io::stdin().lock().read_to_end(&mut buf),
            };
            return match read {
                Ok(_) if limit.is_some_and(|l| buf.len() as u64 > l) => {
                    err(ErrorKind::FileTooLarge {
                        size: buf.len() as u64,
                        limit: limit.unwrap_or(u64::MAX),
                    })
                }
                Ok(_) => self.parse_bytes(input, &buf),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => err(ErrorKind::Vanished),
                Err(e) => err(ErrorKind::Io(e)),
            };
        }
        match read_file(&input.path, limit) {
            Ok(FileRead::Bytes(bytes)) => self.parse_bytes(input, &bytes),
            Ok(FileRead::TooLarge(size)) => err(ErrorKind::FileTooLarge {
                size,
                limit: limit.unwrap_or(u64::MAX),
            }),
            Err(e) => {
                // A file over the limit is refused for its size even when it cannot be read.
                if let Some(limit) = limit
                    && let Ok(m) = std::fs::metadata(&input.path)
                    && m.is_file()
                    && m.len() > limit
                {
                    return err(ErrorKind::FileTooLarge {
                        size: m.len(),
                        limit,
                    });
                }
                if e.kind() == std::io::ErrorKind::NotFound {
                    err(ErrorKind::Vanished)
                } else {
                    err(ErrorKind::Io(e))
                }
            }
        }
    }

    fn parse_bytes(&self, input: &Input, bytes: &[u8]) -> FileOutput {
        let err = |kind| FileOutput {
            items: vec![Err(Error::new(&input.display, kind))],
            warning: None,
            ignored: None,
            multi: false,
        };
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return err(ErrorKind::EmptyFile);
        }
        if decode::looks_binary(bytes) {
            return err(ErrorKind::Binary);
        }
        // A text file over the line limit is refused before it is decoded (a copy as large
        // as the file). Newlines are the same bytes in UTF-8 and the legacy encodings; UTF-16
        // (with its byte-order mark) is checked after decoding, below.
        if matches!(input.kind, Kind::Text)
            && !bytes.starts_with(b"\xFF\xFE")
            && !bytes.starts_with(b"\xFE\xFF")
            && let Some(limit) = self.opts.max_line_size
            && let Some((line, offset, size)) = long_line(bytes, limit)
        {
            return FileOutput {
                items: vec![Err(self.line_too_long(input, line, offset, size))],
                warning: None,
                ignored: None,
                multi: false,
            };
        }
        let decoded = decode::decode(bytes);
        let mut warnings: Vec<String> = decoded
            .encoding
            .map(|enc| format!("not UTF-8: decoded as {enc}"))
            .into_iter()
            .collect();
        let mut text = decoded.text;
        // A stray NUL (a truncated write, a bad export) is not text and would break JSON,
        // CSV and every output format downstream; a file with many is binary (above).
        let nuls = memchr::memchr_iter(0, text.as_bytes()).count();
        if nuls > 0 {
            text = std::borrow::Cow::Owned(text.replace('\0', ""));
            warnings.push(format!("removed {nuls} NUL byte(s)"));
        }
        let kind = match &input.kind {
            Kind::Sniff => sniff(&text),
            k => k.clone(),
        };
        if matches!(kind, Kind::Text | Kind::Sniff)
            && let Some(limit) = self.opts.max_line_size
            && let Some((line, offset, size)) = long_line(text.as_bytes(), limit)
        {
            return FileOutput {
                items: vec![Err(self.line_too_long(input, line, offset, size))],
                warning: join_warnings(warnings),
                ignored: None,
                multi: false,
            };
        }
        let (items, multi) = match kind {
            Kind::Text | Kind::Sniff | Kind::Ignore(_) => {
                let known_title = input
                    .sidecar
                    .as_ref()
                    .map(|s| record::draft_from_object(s, &self.opts.fields).title)
                    .filter(|t| !t.is_empty());
                let mut d = crate::text::parse_text(
                    &text,
                    true,
                    known_title.as_deref(),
                    &self.opts.boilerplate,
                );
                self.apply_sidecar(input, &mut d);
                (vec![self.finish(input, d, false)], false)
            }
            Kind::Html => {
                let (mut d, flattened) = crate::html::parse_html(&text, &self.opts.boilerplate);
                if let Some(depth) = flattened {
                    warnings.push(format!(
                        "HTML nested {depth} levels deep: tags below level {} were ignored",
                        crate::html::MAX_DEPTH
                    ));
                }
                self.apply_sidecar(input, &mut d);
                (vec![self.finish(input, d, false)], false)
            }
            Kind::Json => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(obj)) => {
                    let drafts = record::drafts_from_object(&obj, &self.opts.fields);
                    let multi = drafts.len() > 1;
                    let mut items =
                        self.finish_records(input, drafts, 0, self.opts.clean_json, &obj);
                    if !multi {
                        for (d, _) in items.iter_mut().flatten() {
                            d.line = None;
                        }
                    }
                    (items, multi)
                }
                Ok(Value::Array(values)) => (self.array_items(input, &values), true),
                Ok(_) => (
                    vec![Err(Error::new(&input.display, ErrorKind::NotAnObject))],
                    false,
                ),
                Err(e) if text.trim_start().starts_with('{') && !e.is_data() && e.line() > 1 => {
                    (self.parse_jsonl_text(input, &text), true)
                }
                Err(_) if text.trim_start().starts_with('[') => {
                    // An array cut short (a download that stopped, a dump still being
                    // written): keep the complete records before the break.
                    let (values, broken) = json_array_prefix(&text);
                    let mut items = self.array_items(input, &values);
                    if let Some((byte, message)) = broken {
                        let n = values.len() as u64 + 1;
                        items.push(Err(Error::new(
                            &input.display,
                            ErrorKind::Json(format!(
                                "{message} in record {n}; kept the {} complete record(s) before it",
                                values.len()
                            )),
                        )
                        .at_line(n)
                        .at_byte(byte as u64)));
                    }
                    (items, true)
                }
                Err(e) => (
                    vec![Err(Error::new(
                        &input.display,
                        ErrorKind::Json(json_message(&e)),
                    )
                    .at_line(e.line() as u64))],
                    false,
                ),
            },
            Kind::Jsonl => (self.parse_jsonl_text(input, &text), true),
            Kind::Csv(delimiter) => (self.parse_csv(input, &text, delimiter), true),
            Kind::Conll => (self.parse_conll(input, &text), true),
        };
        FileOutput {
            items,
            warning: join_warnings(warnings),
            ignored: None,
            multi,
        }
    }

    /// The documents of a CoNLL file, each a record (its `#begin document` line is its line).
    fn parse_conll(&self, input: &Input, text: &str) -> Items {
        let docs = crate::conll::documents(text);
        if docs.is_empty() {
            return vec![Err(Error::new(&input.display, ErrorKind::EmptyFile))];
        }
        let urls = input
            .path
            .parent()
            .map(|dir| crate::conll::read_urls(&dir.join(crate::conll::URLS_FILE)))
            .unwrap_or_default();
        let mut items = Vec::new();
        for doc in docs {
            let mut obj = Map::new();
            if let Some(url) = crate::conll::url_of(&urls, &doc) {
                obj.insert("url".into(), Value::String(url.to_string()));
            }
            obj.insert("id".into(), Value::String(doc.name));
            obj.insert("title".into(), Value::String(doc.title));
            obj.insert("text".into(), Value::String(doc.text));
            obj.insert("source".into(), Value::String(doc.source));
            let drafts = record::drafts_from_object(&obj, &self.opts.fields);
            items.extend(self.finish_records(input, drafts, doc.line, false, &obj));
        }
        items
    }

    /// The records of a JSON array, numbered from 1.
    fn array_items(&self, input: &Input, values: &[Value]) -> Items {
        let mut items = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let n = i as u64 + 1;
            match v {
                Value::Object(obj) => items.extend(self.finish_records(
                    input,
                    record::drafts_from_object(obj, &self.opts.fields),
                    n,
                    self.opts.clean_json,
                    obj,
                )),
                _ => items.push(Err(
                    Error::new(&input.display, ErrorKind::NotAnObject).at_line(n)
                )),
            }
        }
        items
    }

    fn parse_jsonl_text(&self, input: &Input, text: &str) -> Vec<Result<(Draft, Fingerprint)>> {
        let mut offset = 0u64;
        let mut lines = Vec::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            lines.push((i as u64 + 1, offset, line));
            offset += line.len() as u64;
        }
        let limit = self.opts.max_line_size.unwrap_or(u64::MAX);
        lines
            .par_iter()
            .map(|(no, off, line)| {
                let len = line.trim_end_matches(['\n', '\r']).len() as u64;
                if len > limit {
                    return vec![Err(self.line_too_long(input, *no, *off, len))];
                }
                self.parse_jsonl_line(input, *no, *off, line.as_bytes()).0
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    fn parse_csv(
        &self,
        input: &Input,
        text: &str,
        delimiter: u8,
    ) -> Vec<Result<(Draft, Fingerprint)>> {
        // Excel's `sep=;` first line names the delimiter; the header follows it
        let (text, delimiter, line_off, byte_off) = match excel_sep_line(text) {
            Some((d, len)) => (&text[len..], d, 1, len as u64),
            None => (text, delimiter, 0, 0),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return vec![Err(Error::new(
                    &input.display,
                    ErrorKind::Csv(e.to_string()),
                )
                .at_line(1 + line_off))];
            }
        };
        // a table with no column for the text (annotations, a list of URLs) is skipped once,
        // not row by row
        let header_obj: Map<String, Value> = headers
            .iter()
            .map(|h| (h.trim().to_string(), Value::String("x".into())))
            .collect();
        if !self.opts.fields.has_text(&header_obj) {
            let keys = self.text_keys();
            return vec![Err(Error::new(
                &input.display,
                ErrorKind::MissingText(format!("{keys} among the columns of its header")),
            )
            .at_line(1 + line_off))];
        }
        // Each row's start, so that its raw bytes (up to the next row) can be checked.
        let rows: Vec<csv::Result<csv::StringRecord>> = reader.records().collect();
        let starts: Vec<Option<u64>> = rows
            .iter()
            .map(|r| match r {
                Ok(row) => row.position().map(|p| p.byte()),
                Err(e) => e.position().map(|p| p.byte()),
            })
            .collect();
        let bytes = text.as_bytes();
        let mut items = Vec::new();
        for (i, result) in rows.into_iter().enumerate() {
            match result {
                Ok(row) => {
                    let line = row.position().map_or(0, |p| p.line() + line_off);
                    let start = starts[i].unwrap_or(0) as usize;
                    let end = starts[i + 1..]
                        .iter()
                        .find_map(|s| *s)
                        .map_or(bytes.len(), |s| s as usize)
                        .clamp(start, bytes.len());
                    let raw = &bytes[start..end];
                    let at = |kind| {
                        Error::new(&input.display, kind)
                            .at_line(line)
                            .at_byte(start as u64 + byte_off)
                    };
                    let len = raw.trim_ascii_end().len() as u64;
                    if let Some(limit) = self.opts.max_line_size
                        && len > limit
                    {
                        items.push(Err(at(ErrorKind::LineTooLong { size: len, limit })));
                        continue;
                    }
                    // TSV files often hold quotes at the start of a field ("Yes," he said);
                    // only CSV is held to RFC 4180 quoting.
                    if let Some(problem) = (delimiter == b',')
                        .then(|| bad_quoting(raw, delimiter))
                        .flatten()
                    {
                        items.push(Err(at(ErrorKind::Csv(problem))));
                        continue;
                    }
                    let obj: Map<String, Value> = headers
                        .iter()
                        .zip(row.iter())
                        .map(|(h, v)| (h.trim().to_string(), Value::String(v.to_string())))
                        .collect();
                    let drafts = vec![record::draft_from_object(&obj, &self.opts.fields)];
                    items.extend(self.finish_records(
                        input,
                        drafts,
                        line,
                        self.opts.clean_records,
                        &obj,
                    ));
                }
                Err(e) => {
                    let message = match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => format!("row has {len} fields, the header has {expected_len}"),
                        _ => e.to_string(),
                    };
                    let mut err = Error::new(&input.display, ErrorKind::Csv(message));
                    if let Some(pos) = e.position() {
                        err = err
                            .at_line(pos.line() + line_off)
                            .at_byte(pos.byte() + byte_off);
                    }
                    let fatal = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                    items.push(Err(err));
                    if fatal {
                        break;
                    }
                }
            }
        }
        items
    }

    /// The keys looked for as the article text, for messages: `` `text`, `body`, … ``.
    fn text_keys(&self) -> String {
        self.opts
            .fields
            .keys(Field::Text)
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn finish_records(
        &self,
        input: &Input,
        drafts: Vec<Draft>,
        line: u64,
        clean: bool,
        obj: &Map<String, Value>,
    ) -> Vec<Result<(Draft, Fingerprint)>> {
        drafts
            .into_iter()
            .map(|mut d| {
                d.line = (line > 0).then_some(line);
                if d.text.trim().is_empty()
                    && !self.opts.fields.has_text(obj)
                    && !d.meta.contains_key("news_key")
                {
                    let mut e =
                        Error::new(&input.display, ErrorKind::MissingText(self.text_keys()));
                    if line > 0 {
                        e = e.at_line(line);
                    }
                    return Err(e);
                }
                if clean {
                    d.text = clean::clean_text(&d.text, false, &self.opts.boilerplate);
                }
                self.finish(input, d, true)
            })
            .collect()
    }

    fn apply_sidecar(&self, input: &Input, d: &mut Draft) {
        let Some(sidecar) = &input.sidecar else {
            return;
        };
        let s = record::draft_from_object(sidecar, &self.opts.fields);
        if s.id.is_some() {
            d.id = s.id;
        }
        if !s.title.is_empty() {
            d.title = s.title;
        }
        if s.author.is_some() {
            d.author = s.author;
        }
        if s.published.is_some() {
            d.published = s.published;
        }
        if s.source.is_some() {
            d.source = s.source;
        }
        if s.url.is_some() {
            d.url = s.url;
        }
        for (k, v) in s.meta {
            d.meta.entry(k).or_insert(v);
        }
    }

    /// Settles the source and date fallbacks and computes the duplicate fingerprint.
    fn finish(&self, input: &Input, mut d: Draft, _record: bool) -> Result<(Draft, Fingerprint)> {
        if d.text.trim().is_empty() {
            let mut e = Error::new(&input.display, ErrorKind::EmptyBody);
            if let Some(line) = d.line {
                e = e.at_line(line);
            }
            return Err(e);
        }
        let footer = d.meta.remove("footer_domain");
        let source = d
            .source
            .take()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| d.url.as_deref().and_then(meta::url_domain))
            .or(footer)
            .or_else(|| input.folder_source.clone())
            .unwrap_or_default();
        d.source = Some(self.opts.aliases.canonical(&source));
        if d.published.is_none() {
            d.published = d
                .url
                .as_deref()
                .and_then(meta::date_in_path)
                .or_else(|| meta::date_in_path(&input.id_base));
        }
        if input.path != Path::new("-") {
            d.meta
                .entry("path".into())
                .or_insert_with(|| input.display.clone());
        }
        if let Some(folder) = &input.folder {
            d.meta
                .entry("folder".into())
                .or_insert_with(|| folder.clone());
        }
        let fp = dedup::fingerprint(&d.text, self.opts.near_threshold.is_some());
        Ok((d, fp))
    }
}

/// The sequential half: ids, duplicates, manifest, output buffer.
struct Merger<'a> {
    opts: &'a CorpusBuilder,
    dedup: Deduper,
    ids: HashSet<String>,
    manifest: Manifest,
    buffer: Vec<Article>,
}

impl Merger<'_> {
    /// Computes, in parallel, the MinHash signatures that merging these items will need: those
    /// of bodies that are not exact duplicates of an article already merged (the first of
    /// several equal bodies stands for them all). Merging gives the same result without this,
    /// computing signatures one at a time.
    fn sign<'i>(&self, items: impl Iterator<Item = &'i mut Result<(Draft, Fingerprint)>>) {
        let mut seen = HashSet::new();
        let mut todo: Vec<&mut Fingerprint> = items
            .filter_map(|item| item.as_mut().ok().map(|(_, fp)| fp))
            .filter(|fp| self.dedup.needs_signature(fp) && seen.insert(*fp.hash()))
            .collect();
        todo.par_iter_mut().for_each(|fp| fp.sign());
    }

    fn merge(&mut self, input: &Input, output: FileOutput) -> Result<()> {
        let mut entry = Entry::new(&input.display, Status::Read);
        entry.warning = output.warning;
        if let Some(reason) = output.ignored {
            entry.status = Status::Ignored;
            entry.reason = Some(reason);
            self.manifest.entries.push(entry);
            return Ok(());
        }
        if !output.multi {
            if let Some(item) = output.items.into_iter().next() {
                match item {
                    Ok((draft, fp)) => {
                        let (article, verdict) = self.settle(input, draft, &fp, false);
                        entry.id = Some(article.id.clone());
                        self.record_verdict(&mut entry, verdict, article);
                    }
                    Err(e) => {
                        if self.opts.strict {
                            return Err(e);
                        }
                        entry.status = Status::Skipped;
                        entry.line = None;
                        entry.reason = Some(e.to_string());
                    }
                }
            } else {
                entry.status = Status::Skipped;
                entry.reason = Some("no article found".into());
            }
            self.manifest.entries.push(entry);
            return Ok(());
        }
        let file_entry = self.manifest.entries.len();
        self.manifest.entries.push(entry);
        self.merge_records(input, output.items, file_entry)?;
        self.no_records(input, file_entry);
        Ok(())
    }

    /// A file of records that held none (a CSV header alone, `[]`, blank lines) contributed
    /// nothing without any record to blame: it is skipped, so the run says so.
    fn no_records(&mut self, input: &Input, file_entry: usize) {
        if self.manifest.entries.len() == file_entry + 1
            && self.manifest.entries[file_entry].articles == 0
        {
            let entry = &mut self.manifest.entries[file_entry];
            entry.status = Status::Skipped;
            entry.reason = Some(format!("{}: no records", input.display));
        }
    }

    fn merge_records(
        &mut self,
        input: &Input,
        items: Vec<Result<(Draft, Fingerprint)>>,
        file_entry: usize,
    ) -> Result<()> {
        for item in items {
            match item {
                Ok((draft, fp)) => {
                    let line = draft.line;
                    let (article, verdict) = self.settle(input, draft, &fp, true);
                    if verdict == Verdict::New {
                        self.manifest.entries[file_entry].articles += 1;
                        self.buffer.push(article);
                    } else {
                        let mut e = Entry::new(&input.display, Status::Duplicate);
                        e.line = line.or(Some(0));
                        e.id = Some(article.id.clone());
                        self.record_verdict(&mut e, verdict, article);
                        self.manifest.entries.push(e);
                    }
                }
                Err(e) => {
                    if self.opts.strict {
                        return Err(e);
                    }
                    let mut entry = Entry::new(&input.display, Status::Skipped);
                    entry.line = Some(e.line().unwrap_or(0));
                    entry.reason = Some(e.to_string());
                    self.manifest.entries.push(entry);
                }
            }
        }
        Ok(())
    }

    fn record_verdict(&mut self, entry: &mut Entry, verdict: Verdict, article: Article) {
        match verdict {
            Verdict::New => {
                entry.articles = 1;
                self.buffer.push(article);
            }
            Verdict::Exact(of) => {
                entry.status = Status::Duplicate;
                entry.duplicate_of = Some(of);
                if self.opts.keep_duplicates {
                    self.buffer.push(article);
                }
            }
            Verdict::Near(of, sim) => {
                entry.status = Status::NearDuplicate;
                entry.duplicate_of = Some(of);
                entry.similarity = Some((sim * 1000.0).round() / 1000.0);
                if self.opts.keep_duplicates {
                    self.buffer.push(article);
                }
            }
        }
    }

    fn settle(
        &mut self,
        input: &Input,
        d: Draft,
        fp: &Fingerprint,
        record: bool,
    ) -> (Article, Verdict) {
        let base = match d.id {
            Some(id) if !id.is_empty() => id,
            _ if !record => input.id_base.clone(),
            _ => {
                let hash = blake3::hash(d.text.as_bytes()).to_hex();
                format!("h{}", &hash.as_str()[..16])
            }
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}~{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        let verdict = self.dedup.check(&id, fp);
        let article = Article {
            id,
            source: d.source.unwrap_or_default(),
            title: d.title,
            author: d.author,
            published: d.published,
            url: d.url,
            text: d.text,
            meta: d.meta,
        };
        (article, verdict)
    }
}

/// Checks the quoting of one raw CSV row (RFC 4180): a quoted field must end with a quote
/// followed by the delimiter or the end of the row. The csv reader accepts anything (it
/// would glue a stray quote into the text, or read the rest of the file into a field whose
/// quote is never closed); such a row is reported instead.
fn bad_quoting(raw: &[u8], delimiter: u8) -> Option<String> {
    let mut i = 0;
    let mut field_start = true;
    while i < raw.len() {
        let b = raw[i];
        if field_start && b == b'"' {
            // A quoted field: find its closing quote.
            let open = i;
            i += 1;
            loop {
                match raw.get(i) {
                    None => {
                        let lines = raw[open..].iter().filter(|&&c| c == b'\n').count();
                        return Some(format!(
                            "a quoted field is never closed (its quote at byte {open} of the row runs to the end of the file, over {lines} more line(s))"
                        ));
                    }
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            i += 1;
            match raw.get(i) {
                None | Some(b'\n' | b'\r') => return None,
                Some(&c) if c == delimiter => {}
                Some(&c) => {
                    return Some(format!(
                        "bad quoting: `{}` after the closing quote at byte {} of the row (a quote inside a quoted field must be doubled)",
                        c as char,
                        i - 1
                    ));
                }
            }
            i += 1;
            field_start = true;
            continue;
        }
        if b == b'\n' || b == b'\r' {
            return None;
        }
        field_start = b == delimiter;
        i += 1;
    }
    None
}

fn join_warnings(warnings: Vec<String>) -> Option<String> {
    (!warnings.is_empty()).then(|| warnings.join("; "))
}

/// serde_json's message without its ` at line L column C` (we give file positions ourselves).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// What [`read_file`] found.
enum FileRead {
    /// The whole file (at most the size limit).
    Bytes(Vec<u8>),
    /// The file is larger than the limit (its size, or the bytes read when it grew).
    TooLarge(u64),
}

/// Bytes read before a file's size is asked for. Most articles are smaller: such a file costs
/// four system calls (open, one read, the read that finds its end, close) instead of a `stat`
/// and a read per doubling of the buffer, which matters on machines where opening and reading
/// thousands of small files is slow.
const PROBE_BYTES: u64 = 32 << 10;

/// Reads a file, never holding more than one byte over `limit`. A file over the limit is
/// refused by its size (`fstat`) once the first [`PROBE_BYTES`] are in, before the rest is
/// read; a file that grows, or a FIFO, is cut one byte over the limit and refused.
fn read_file(path: &Path, limit: Option<u64>) -> std::io::Result<FileRead> {
    let mut file = std::fs::File::open(path)?;
    let cap = limit.map_or(u64::MAX, |l| l.saturating_add(1));
    let probe = PROBE_BYTES.min(cap);
    let mut buf = Vec::with_capacity(probe as usize);
    (&mut file).take(probe).read_to_end(&mut buf)?;
    if (buf.len() as u64) < probe {
        // The end came first (a read returned nothing).
        return Ok(FileRead::Bytes(buf));
    }
    let m = file.metadata()?;
    if let Some(limit) = limit
        && m.is_file()
        && m.len() > limit
    {
        return Ok(FileRead::TooLarge(m.len()));
    }
    if m.is_file() {
        buf.reserve(m.len().saturating_sub(buf.len() as u64).min(cap) as usize + 1);
    }
    (&mut file)
        .take(cap - buf.len() as u64)
        .read_to_end(&mut buf)?;
    match limit {
        Some(l) if buf.len() as u64 > l => Ok(FileRead::TooLarge(buf.len() as u64)),
        _ => Ok(FileRead::Bytes(buf)),
    }
}

/// The first line longer than `limit` bytes: (1-based line, byte offset, length).
fn long_line(bytes: &[u8], limit: u64) -> Option<(u64, u64, u64)> {
    if (bytes.len() as u64) <= limit {
        return None;
    }
    let mut start = 0usize;
    let mut line = 1u64;
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let len = bytes[start..end]
            .strip_suffix(b"\r")
            .unwrap_or(&bytes[start..end])
            .len();
        if len as u64 > limit {
            return Some((line, start as u64, len as u64));
        }
        if end == bytes.len() {
            return None;
        }
        start = end + 1;
        line += 1;
    }
}

/// Reads one line (up to and including `\n`) into `buf`, but never more than `limit` bytes
/// of it: a longer line is read to its end and dropped. Returns the bytes consumed and
/// whether the line was over the limit.
fn read_line_limited<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: Option<u64>,
) -> std::io::Result<(u64, bool)> {
    let mut total = 0u64;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((total, too_long));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            buf.extend_from_slice(&chunk[..take]);
            let content = buf.len() - usize::from(done);
            if limit.is_some_and(|l| content as u64 > l) {
                too_long = true;
                *buf = Vec::new();
            }
        }
        r.consume(take);
        total += take as u64;
        if done {
            return Ok((total, too_long));
        }
    }
}

/// The complete values at the start of a JSON array that breaks off (or goes wrong) part
/// way, and where and how it breaks: (byte offset, message).
fn json_array_prefix(text: &str) -> (Vec<Value>, Option<(usize, String)>) {
    let mut values = Vec::new();
    let Some(open) = text.find('[') else {
        return (values, Some((0, "expected `[`".into())));
    };
    let skip_ws = |pos: usize| pos + (text[pos..].len() - text[pos..].trim_start().len());
    let mut pos = skip_ws(open + 1);
    if text[pos..].starts_with(']') {
        return (
            values,
            Some((pos + 1, "trailing characters after the array".into())),
        );
    }
    loop {
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(v)) => {
                pos += stream.byte_offset();
                values.push(v);
            }
            Some(Err(e)) => {
                let how = if e.is_eof() {
                    format!("the array is cut short ({})", json_message(&e))
                } else {
                    json_message(&e)
                };
                return (values, Some((pos, how)));
            }
            None => return (values, Some((pos, "the array is cut short".into()))),
        }
        pos = skip_ws(pos);
        match text[pos..].chars().next() {
            Some(',') => pos = skip_ws(pos + 1),
            Some(']') => {
                return (
                    values,
                    Some((pos + 1, "trailing characters after the array".into())),
                );
            }
            None => return (values, Some((pos, "the array is cut short".into()))),
            Some(c) => {
                return (
                    values,
                    Some((pos, format!("expected `,` or `]`, found `{c}`"))),
                );
            }
        }
    }
}

/// Excel's `sep=X` first line: the delimiter and the line's length with its line break.
fn excel_sep_line(text: &str) -> Option<(u8, usize)> {
    let rest = text.strip_prefix("sep=")?;
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let value = rest[..line_end].trim_end_matches(['\r', '\n']);
    match value.as_bytes() {
        [d] if d.is_ascii_punctuation() || *d == b'\t' => Some((*d, 4 + line_end)),
        _ => None,
    }
}

fn sniff(text: &str) -> Kind {
    let t = text.trim_start();
    if t.starts_with('[') {
        return Kind::Json;
    }
    if crate::conll::looks_like(t) {
        return Kind::Conll;
    }
    if t.starts_with('{') {
        return if serde_json::from_str::<Value>(t).is_ok() {
            Kind::Json
        } else {
            Kind::Jsonl
        };
    }
    let head: String = t.chars().take(2048).collect::<String>().to_lowercase();
    if head.starts_with('<')
        && (head.contains("<html")
            || head.contains("<!doctype html")
            || head.contains("<body")
            || head.contains("<p"))
    {
        return Kind::Html;
    }
    Kind::Text
}

static DOC_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(upstream_)?(readme|licen[cs]e|copying|changelog|notice|authors|contributing)([._-]|$)|(^|_)changes$")
        .expect("valid regex")
});

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn classify(path: &Path, in_walk: bool) -> Kind {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if in_walk {
        if name.starts_with('.') {
            return Kind::Ignore("hidden file".into());
        }
        if DOC_FILE.is_match(&stem(path)) {
            return Kind::Ignore("documentation file".into());
        }
        if name == "metadata.csv" || name == "metadata.tsv" {
            return Kind::Ignore("metadata side file (applied to the files it lists)".into());
        }
        if name == crate::conll::URLS_FILE && crate::conll::has_conll_beside(path) {
            return Kind::Ignore(
                "URL list of the CoNLL documents beside it (applied to them: their dates)".into(),
            );
        }
        if ext == "ann" || name.ends_with("_ann.json") {
            return Kind::Ignore("annotation file".into());
        }
    }
    match ext.as_str() {
        "txt" | "text" | "md" | "markdown" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "jsonl" | "ndjson" | "jsonlines" => Kind::Jsonl,
        "json" => Kind::Json,
        "csv" => Kind::Csv(b','),
        "tsv" | "tab" => Kind::Csv(b'\t'),
        "conll" => Kind::Conll,
        "" => Kind::Sniff,
        other if in_walk => Kind::Ignore(format!("not an article format (.{other})")),
        _ => Kind::Sniff,
    }
}

fn make_input(
    path: &Path,
    display: String,
    id_base: String,
    folder_source: Option<String>,
    folder: Option<String>,
) -> Input {
    Input {
        kind: classify(path, false),
        path: path.to_path_buf(),
        display,
        id_base,
        folder_source,
        folder,
        sidecar: None,
        missing: false,
        walk_error: None,
    }
}

type Sidecar = HashMap<String, Arc<Map<String, Value>>>;

/// Reads a `metadata.csv`/`metadata.tsv` side file: rows keyed by their `file`, `filename`,
/// `path` or `name` column.
fn read_sidecar(path: &Path) -> Option<Sidecar> {
    let delimiter = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
    {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_path(path)
        .ok()?;
    let headers = reader.headers().ok()?.clone();
    let key_col = ["file", "filename", "path", "name"].iter().find_map(|k| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(k))
    })?;
    let mut map = Sidecar::new();
    for row in reader.records().flatten() {
        let Some(key) = row.get(key_col) else {
            continue;
        };
        let obj: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .enumerate()
            .filter(|(i, (_, v))| {
                *i != key_col && !matches!(v.trim(), "" | "None" | "null" | "NA" | "N/A")
            })
            .map(|(_, (h, v))| (h.trim().to_string(), Value::String(v.trim().to_string())))
            .collect();
        map.insert(key.trim().to_string(), Arc::new(obj));
    }
    Some(map)
}

fn sidecar_row(sidecars: &[(PathBuf, Sidecar)], path: &Path) -> Option<Arc<Map<String, Value>>> {
    // The nearest side file wins.
    for (dir, map) in sidecars.iter().rev() {
        let rel = match path.strip_prefix(dir) {
            Ok(rel) => rel,
            Err(_) if dir == Path::new(".") && path.is_relative() => path,
            Err(_) => continue,
        };
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for key in [rel_s, name, stem(path)] {
            if let Some(row) = map.get(&key) {
                return Some(row.clone());
            }
        }
    }
    None
}

fn folder_name(path: &Path) -> Option<String> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    canon.file_name().map(|s| s.to_string_lossy().into_owned())
}

/// Returns true if and only if `dir` holds the marker file `gazette report` writes into its
/// output folders (`gazette_report::MARKER`; this crate cannot depend on that one).
fn is_report_folder(dir: &Path) -> bool {
    dir.join(".gazette-report").is_file()
}

/// Lists the inputs: files as given, folders walked recursively in sorted order.
fn discover<P: AsRef<Path>>(paths: &[P]) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut sidecar_cache: HashMap<PathBuf, Option<Sidecar>> = HashMap::new();
    for p in paths {
        let path = p.as_ref();
        let display = path.to_string_lossy().into_owned();
        if path == Path::new("-") {
            let mut input = make_input(path, "-".into(), "stdin".into(), None, None);
            input.kind = Kind::Sniff;
            inputs.push(input);
            continue;
        }
        if path.is_dir() {
            let root_name = folder_name(path);
            // Symbolic links are followed (corpora are often assembled from links); a link
            // back to a folder above it is reported and not followed, as are broken links and
            // folders that cannot be listed, so no input goes missing without a word.
            let mut files: Vec<PathBuf> = Vec::new();
            let mut problems: Vec<(PathBuf, std::result::Result<String, String>)> = Vec::new();
            // Siblings in the order of their names. They share their parent's path, so their
            // whole paths compare as their names do, without taking each name apart from its
            // path at every comparison as `sort_by_file_name` does (a quarter of the walk).
            let mut walk = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by(|a, b| {
                    let (a, b) = (a.path().as_os_str(), b.path().as_os_str());
                    a.as_encoded_bytes().cmp(b.as_encoded_bytes())
                })
                .into_iter();
            while let Some(entry) = walk.next() {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    // A report written into the corpus folder is output, not input: its
                    // Markdown would be read as an article and every table row skipped.
                    Ok(e)
                        if e.file_type().is_dir()
                            && e.depth() > 0
                            && is_report_folder(e.path()) =>
                    {
                        walk.skip_current_dir();
                        problems.push((
                            e.into_path(),
                            Ok("a report folder written by `gazette report` (not read)".into()),
                        ));
                    }
                    Ok(e) if e.file_type().is_dir() => {}
                    Ok(e) => problems.push((
                        e.into_path(),
                        Ok("not a regular file (a FIFO, socket or device)".into()),
                    )),
                    Err(e) => {
                        let Some(p) = e.path().map(Path::to_path_buf) else {
                            continue;
                        };
                        let problem = if let Some(ancestor) = e.loop_ancestor() {
                            Ok(format!(
                                "symbolic link loop: points back to {} (not followed)",
                                ancestor.display()
                            ))
                        } else if p.is_symlink() && !p.exists() {
                            let target = std::fs::read_link(&p)
                                .map(|t| t.display().to_string())
                                .unwrap_or_default();
                            Err(format!("broken symbolic link (to `{target}`)"))
                        } else {
                            let why = e
                                .io_error()
                                .map_or_else(|| e.to_string(), ToString::to_string);
                            Err(format!("cannot be listed or read: {why}"))
                        };
                        problems.push((p, problem));
                    }
                }
            }
            let mut sidecars: Vec<(PathBuf, Sidecar)> = Vec::new();
            for f in &files {
                let name = f
                    .file_name()
                    .map(|s| s.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if (name == "metadata.csv" || name == "metadata.tsv")
                    && let (Some(dir), Some(map)) = (f.parent(), read_sidecar(f))
                {
                    sidecars.push((dir.to_path_buf(), map));
                }
            }
            sidecars.sort_by_key(|(d, _)| d.components().count());
            // Each file's input is worked out on its own, so on all cores (in order).
            inputs.par_extend(files.into_par_iter().map(|f| {
                let rel = f.strip_prefix(path).unwrap_or(&f);
                let hidden = rel
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                let rel_s = rel.to_string_lossy().replace('\\', "/");
                let id_base = match rel_s.rfind('.') {
                    Some(dot) if dot > rel_s.rfind('/').map_or(0, |s| s + 1) => {
                        rel_s[..dot].to_string()
                    }
                    _ => rel_s.clone(),
                };
                let folder = rel
                    .parent()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .filter(|s| !s.is_empty());
                let mut kind = classify(&f, true);
                if hidden {
                    kind = Kind::Ignore("hidden file".into());
                }
                Input {
                    sidecar: sidecar_row(&sidecars, &f),
                    display: f.to_string_lossy().into_owned(),
                    path: f,
                    id_base,
                    folder_source: root_name.clone(),
                    folder,
                    kind,
                    missing: false,
                    walk_error: None,
                }
            }));
            // Links and folders that could not be walked, after the files, in path order.
            problems.sort_by(|a, b| a.0.cmp(&b.0));
            for (p, problem) in problems {
                let mut input =
                    make_input(&p, p.to_string_lossy().into_owned(), stem(&p), None, None);
                match problem {
                    Ok(reason) => input.kind = Kind::Ignore(reason),
                    Err(reason) => input.walk_error = Some(reason),
                }
                inputs.push(input);
            }
            continue;
        }
        let parent_name = path.parent().and_then(|p| {
            let p = if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            };
            folder_name(p)
        });
        let mut input = make_input(path, display, stem(path), parent_name, None);
        if !path.exists() {
            input.missing = true;
        } else {
            // A metadata side file up to three folders above applies to a file given alone.
            let mut sidecars = Vec::new();
            let mut dir = path.parent();
            for _ in 0..4 {
                let Some(d) = dir else { break };
                let d = if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                };
                for name in ["metadata.csv", "metadata.tsv"] {
                    let f = d.join(name);
                    let entry = sidecar_cache
                        .entry(f.clone())
                        .or_insert_with(|| f.is_file().then(|| read_sidecar(&f)).flatten());
                    if let Some(map) = entry {
                        sidecars.push((d.to_path_buf(), map.clone()));
                    }
                }
                if d == Path::new(".") {
                    break;
                }
                dir = d.parent();
            }
            sidecars.reverse();
            input.sidecar = sidecar_row(&sidecars, path);
        }
        inputs.push(input);
    }
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading runs on its own thread: batches still arrive in input order, every file is in
    /// the manifest, and a sink that panics stops the reading and its panic comes through
    /// (no hang on the full channel).
    #[test]
    fn streaming_keeps_order_and_a_panicking_sink_stops_it() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            std::fs::write(
                dir.path().join(format!("a{i:03}.txt")),
                format!("Title number {i}\n\nBody {i} of a corpus of numbered test articles.\n"),
            )
            .unwrap();
        }
        let corpus = CorpusBuilder::new().build();
        let mut titles = Vec::new();
        let manifest = corpus
            .stream(&[dir.path()], 16, |batch| {
                assert!(batch.len() >= 16 || titles.len() + batch.len() == 300);
                titles.extend(batch.into_iter().map(|a| a.title));
            })
            .unwrap();
        let want: Vec<String> = (0..300).map(|i| format!("Title number {i}")).collect();
        assert_eq!(titles, want);
        assert_eq!(manifest.entries.len(), 300);
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            corpus.stream(&[dir.path()], 16, |_| {
                calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                panic!("sink failed");
            })
        }));
        assert!(result.is_err());
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 1);
    }
    use proptest::prelude::*;

    #[test]
    fn records_without_text_are_skipped_with_their_line() {
        let corpus = Corpus::default();
        let got = corpus.read_bytes(
            "x.jsonl",
            b"{\"id\": \"a\", \"text\": \"First article body here.\"}\n{\"id\": \"b\", \"title\": \"no body\"}\n[1, 2]\n",
        );
        assert_eq!(got.articles.len(), 1);
        let skipped: Vec<_> = got
            .manifest
            .entries
            .iter()
            .filter(|e| e.status == Status::Skipped)
            .collect();
        assert_eq!(skipped.len(), 2);
        assert_eq!(skipped[0].line, Some(2));
        assert!(
            skipped[0]
                .reason
                .as_deref()
                .unwrap()
                .contains("no text field")
        );
        assert_eq!(skipped[1].line, Some(3));
    }

    #[test]
    fn duplicates_are_reported_and_left_out_unless_kept() {
        let lines = b"{\"id\": \"a\", \"text\": \"The same words in the same order.\"}\n{\"id\": \"b\", \"text\": \"the same words  in the same order\"}\n";
        let got = Corpus::default().read_bytes("d.jsonl", lines);
        assert_eq!(got.articles.len(), 1);
        let dup = got.manifest.duplicates().next().unwrap();
        assert_eq!(dup.id.as_deref(), Some("b"));
        assert_eq!(dup.duplicate_of.as_deref(), Some("a"));
        let kept = CorpusBuilder::new()
            .keep_duplicates(true)
            .build()
            .read_bytes("d.jsonl", lines);
        assert_eq!(kept.articles.len(), 2);
        assert_eq!(kept.manifest.summary().duplicates, 1);
    }

    #[test]
    fn ids_are_unique() {
        let got = Corpus::default().read_bytes(
            "d.jsonl",
            b"{\"id\": \"a\", \"text\": \"One text.\"}\n{\"id\": \"a\", \"text\": \"Another text.\"}\n",
        );
        let ids: Vec<_> = got.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2"]);
    }

    #[test]
    fn sniffing_without_extension() {
        assert!(matches!(sniff("  {\"a\": 1}"), Kind::Json));
        assert!(matches!(sniff("{\"a\": 1}\n{\"a\": 2}"), Kind::Jsonl));
        assert!(matches!(sniff("<!DOCTYPE html><html>"), Kind::Html));
        assert!(matches!(sniff("Title\n\nBody."), Kind::Text));
    }

    #[test]
    fn json_array_cut_short_keeps_complete_records() {
        let (values, broken) = json_array_prefix("[{\"a\": 1}, {\"a\": 2},\n {\"a\": 3, \"t");
        assert_eq!(values.len(), 2);
        let (byte, how) = broken.unwrap();
        assert_eq!(byte, 22);
        assert_eq!(how, "the array is cut short (EOF while parsing a string)");
        let (values, broken) = json_array_prefix("[1, 2 3]");
        assert_eq!(values.len(), 2);
        assert_eq!(
            broken.unwrap(),
            (6, "expected `,` or `]`, found `3`".to_string())
        );
    }

    #[test]
    fn csv_quoting_is_checked() {
        assert_eq!(
            bad_quoting(b"1,\"fine, \"\"quoted\"\" text\"\n", b','),
            None
        );
        assert_eq!(bad_quoting(b"1,unquoted 5\" screen\n", b','), None);
        assert_eq!(
            bad_quoting(b"3,\"bad \"quote\" here\n", b',').unwrap(),
            "bad quoting: `q` after the closing quote at byte 7 of the row (a quote inside a quoted field must be doubled)"
        );
        assert!(
            bad_quoting(b"5,\"never closed\n6,x\n", b',')
                .unwrap()
                .starts_with("a quoted field is never closed (its quote at byte 2 of the row runs to the end of the file, over 2 more line(s))")
        );
    }

    #[test]
    fn long_lines_are_found_and_never_held_whole() {
        assert_eq!(long_line(b"ab\ncdef\r\ng", 3), Some((2, 3, 4)));
        assert_eq!(long_line(b"ab\ncde\r\n", 3), None);
        let data = format!("{{}}\n{}\n{{}}\n", "x".repeat(100));
        let mut r = std::io::BufReader::with_capacity(16, data.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, Some(10)).unwrap(),
            (3, false)
        );
        assert_eq!(buf, b"{}\n");
        buf.clear();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, Some(10)).unwrap(),
            (101, true)
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_limited(&mut r, &mut buf, Some(10)).unwrap(),
            (3, false)
        );
        assert_eq!(buf, b"{}\n");
    }

    #[test]
    fn limits_skip_big_files_and_lines() {
        let corpus = CorpusBuilder::new().max_line_size(Some(25)).build();
        let got = corpus.read_bytes(
            "x.jsonl",
            b"{\"text\": \"short one\"}\n{\"text\": \"a much longer line\"}\n",
        );
        assert_eq!(got.articles.len(), 1);
        let reason = got.manifest.entries[1].reason.as_deref().unwrap();
        assert_eq!(
            reason,
            "x.jsonl:2 (byte 22): line is 30 bytes, over the maximum line size of 25 bytes (`--max-line-size`)"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn readers_never_panic_on_arbitrary_bytes(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            ext in prop::sample::select(vec!["txt", "md", "jsonl", "json", "csv", "tsv", "html", ""]),
        ) {
            let name = if ext.is_empty() { "input".to_string() } else { format!("input.{ext}") };
            let got = Corpus::default().read_bytes(&name, &bytes);
            prop_assert!(!got.manifest.entries.is_empty());
        }

        #[test]
        fn readers_never_panic_on_arbitrary_text(
            text in "(\\PC|\n|\\*|_|\\\\|\\[|\\]|\\(|\\)|\"|,|\\{|\\}|<|>){0,300}",
            ext in prop::sample::select(vec!["txt", "jsonl", "json", "csv", "html"]),
        ) {
            let got = Corpus::default().read_bytes(&format!("input.{ext}"), text.as_bytes());
            for a in &got.articles {
                prop_assert!(!a.text.trim().is_empty());
            }
        }
    }
}
