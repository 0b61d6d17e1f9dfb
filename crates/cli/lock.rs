//! `gazette.lock`: what a report was built from, written next to it and compared by
//! `gazette check`.
//!
//! The lock is TOML with a fixed layout: the gazette version, the config file's hash, the
//! settings the analysis used, the hashes of the data compiled into gazette-extract (the NER
//! model, word clusters, aliases, gazetteers), and every input file with its status, size and
//! hash. Paths are relative to the folder gazette ran in, with `/` separators; there are no
//! timestamps; tables are sorted. The same inputs give the same bytes on every machine.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use gazette_ingest::{Manifest, Status};
use serde::Deserialize;

/// Version of the lock layout.
pub(crate) const LOCK_VERSION: u32 = 1;

/// A parsed or computed lock file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lock {
    /// Version of the layout ([`LOCK_VERSION`]).
    pub(crate) lock_version: u32,
    /// Version of gazette that wrote the report.
    pub(crate) gazette: String,
    /// `blake3:<hex>` of the config file, or `none`.
    pub(crate) config: String,
    /// The settings the analysis used (from the config file and flags).
    #[serde(default)]
    pub(crate) settings: BTreeMap<String, toml::Value>,
    /// Data compiled into gazette-extract: file name → BLAKE3 hex.
    #[serde(default)]
    pub(crate) models: BTreeMap<String, String>,
    /// Every input, sorted by path and line.
    #[serde(default, rename = "input")]
    pub(crate) inputs: Vec<LockInput>,
}

/// One input file, or one record of a file that was skipped or a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LockInput {
    /// Path relative to the folder gazette ran in (`-` for stdin).
    pub(crate) path: String,
    /// Line or record number, for an entry about one record.
    #[serde(default)]
    pub(crate) line: Option<u64>,
    /// read, skipped, duplicate, near-duplicate or ignored.
    pub(crate) status: String,
    /// File size in bytes (files only).
    #[serde(default)]
    pub(crate) bytes: Option<u64>,
    /// BLAKE3 hex of the file's bytes (files only).
    #[serde(default)]
    pub(crate) blake3: Option<String>,
    /// Why the input was skipped or ignored.
    #[serde(default)]
    pub(crate) reason: Option<String>,
}

impl Lock {
    /// A lock for this run: `config` is the config file's text, `settings` what the analysis
    /// used, `manifest` what became of every input.
    pub(crate) fn new(
        config: Option<&str>,
        settings: BTreeMap<String, toml::Value>,
        manifest: &Manifest,
    ) -> Lock {
        let models = gazette_extract::data::embedded()
            .into_iter()
            .map(|(name, bytes)| (name, gazette_report::hash_bytes(bytes)))
            .collect();
        let mut inputs: Vec<LockInput> = manifest
            .entries
            .iter()
            .filter(|e| e.line.is_none() || e.status != Status::Read)
            .map(|e| {
                let path = relative(&e.path);
                let (bytes, blake3) = if e.line.is_none() && e.path != "-" {
                    match std::fs::read(&e.path) {
                        Ok(b) => (Some(b.len() as u64), Some(gazette_report::hash_bytes(&b))),
                        Err(_) => (None, None),
                    }
                } else {
                    (None, None)
                };
                LockInput {
                    line: e.line,
                    status: status_name(e.status).to_string(),
                    bytes,
                    blake3,
                    reason: e.reason.as_ref().map(|r| r.replace(&e.path, &path)),
                    path,
                }
            })
            .collect();
        inputs.sort();
        Lock {
            lock_version: LOCK_VERSION,
            gazette: env!("CARGO_PKG_VERSION").to_string(),
            config: match config {
                Some(text) => format!("blake3:{}", gazette_report::hash_bytes(text.as_bytes())),
                None => "none".to_string(),
            },
            settings,
            models,
            inputs,
        }
    }

    /// Parses a lock file's text; `path` is for error messages.
    pub(crate) fn parse(text: &str, path: &Path) -> anyhow::Result<Lock> {
        toml::from_str(text).map_err(|err| anyhow::anyhow!("{}: {}", path.display(), err))
    }

    /// The file's text.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# gazette.lock: what this report was built from. Written by `gazette report`,\n\
             # compared by `gazette check`. Paths are relative to the folder gazette ran in;\n\
             # hashes are BLAKE3.\n",
        );
        out.push_str(&format!("lock_version = {}\n", self.lock_version));
        out.push_str(&format!("gazette = {}\n", quote(&self.gazette)));
        out.push_str(&format!("config = {}\n", quote(&self.config)));
        out.push_str("\n[settings]\n");
        for (k, v) in &self.settings {
            out.push_str(&format!("{} = {v}\n", key(k)));
        }
        out.push_str("\n[models]\n");
        for (k, v) in &self.models {
            out.push_str(&format!("{} = {}\n", key(k), quote(v)));
        }
        for i in &self.inputs {
            out.push_str("\n[[input]]\n");
            out.push_str(&format!("path = {}\n", quote(&i.path)));
            if let Some(line) = i.line {
                out.push_str(&format!("line = {line}\n"));
            }
            out.push_str(&format!("status = {}\n", quote(&i.status)));
            if let Some(bytes) = i.bytes {
                out.push_str(&format!("bytes = {bytes}\n"));
            }
            if let Some(hash) = &i.blake3 {
                out.push_str(&format!("blake3 = {}\n", quote(hash)));
            }
            if let Some(reason) = &i.reason {
                out.push_str(&format!("reason = {}\n", quote(reason)));
            }
        }
        out
    }
}

/// The status as the lock and the method page name it.
pub(crate) fn status_name(status: Status) -> &'static str {
    match status {
        Status::Read => "read",
        Status::Duplicate => "duplicate",
        Status::NearDuplicate => "near-duplicate",
        Status::Skipped => "skipped",
        Status::Ignored => "ignored",
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML key: bare when it can be, else quoted.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_string()
    } else {
        quote(k)
    }
}

/// A path as the lock writes it: relative to the current folder, `/`-separated, without `.`
/// components. Absolute paths are made relative to the current folder (with `..` when they
/// are outside it), so no machine's folder layout ends up in the lock.
pub(crate) fn relative(path: &str) -> String {
    if path == "-" {
        return path.to_string();
    }
    let p = Path::new(path);
    let rel: PathBuf = if p.is_absolute() {
        match std::env::current_dir().and_then(|cwd| Ok((cwd.canonicalize()?, p.canonicalize()?))) {
            Ok((cwd, abs)) => relative_to(&abs, &cwd),
            // The file is gone: keep only its name rather than a machine path.
            Err(_) => p.file_name().map(PathBuf::from).unwrap_or_default(),
        }
    } else {
        p.to_path_buf()
    };
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// `path` relative to `base` (both absolute and canonical).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let a: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &a[common..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lock {
        let mut settings = BTreeMap::new();
        settings.insert("title".to_string(), toml::Value::from("A \"quoted\" title"));
        settings.insert(
            "watch".to_string(),
            toml::Value::Array(vec!["war".into(), "economy".into()]),
        );
        settings.insert("near_duplicate_threshold".to_string(), 0.8.into());
        Lock {
            lock_version: LOCK_VERSION,
            gazette: "0.1.0".into(),
            config: "none".into(),
            settings,
            models: [("gazetteers/cities.txt".to_string(), "ab".to_string())].into(),
            inputs: vec![
                LockInput {
                    path: "data/a.jsonl".into(),
                    line: None,
                    status: "read".into(),
                    bytes: Some(12),
                    blake3: Some("cd".into()),
                    reason: None,
                },
                LockInput {
                    path: "data/a.jsonl".into(),
                    line: Some(3),
                    status: "skipped".into(),
                    bytes: None,
                    blake3: None,
                    reason: Some("line 3: not JSON".into()),
                },
            ],
        }
    }

    #[test]
    fn render_parses_back_to_the_same_lock() {
        let lock = sample();
        let text = lock.render();
        assert!(
            text.contains("\"gazetteers/cities.txt\" = \"ab\""),
            "{text}"
        );
        assert_eq!(Lock::parse(&text, Path::new("gazette.lock")).unwrap(), lock);
    }

    #[test]
    fn relative_paths_have_no_machine_prefix() {
        assert_eq!(relative("./data/sample/a.txt"), "data/sample/a.txt");
        let cwd = std::env::current_dir().unwrap().canonicalize().unwrap();
        let manifest = cwd.join("Cargo.toml");
        assert_eq!(relative(&manifest.display().to_string()), "Cargo.toml");
        assert_eq!(
            relative_to(Path::new("/a/b/c.txt"), Path::new("/a/d/e")),
            Path::new("../../b/c.txt")
        );
    }
}
