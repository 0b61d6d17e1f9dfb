//! Reproducibility: `gazette report` is byte-identical across runs and thread counts, writes a
//! machine-independent `gazette.lock`, and `gazette check` finds what changed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Dir, Run, data};

/// Two Democratic and two Republican addresses plus the seed article, with the metadata side
/// file that gives each address its party.
const FILES: [&str; 4] = [
    "1961_john_f_kennedy_d.txt",
    "1962_john_f_kennedy_d.txt",
    "1982_ronald_reagan_r.txt",
    "1983_ronald_reagan_r.txt",
];

/// A temp folder holding `corpus/` (a copy of a few sample files, never the originals).
fn corpus() -> Dir {
    let dir = Dir::new();
    for f in FILES {
        let text = std::fs::read(data(&format!("sample/sotu/{f}"))).unwrap();
        dir.write(&format!("corpus/sotu/{f}"), text);
    }
    let meta = std::fs::read_to_string(data("sample/sotu/metadata.csv")).unwrap();
    let mut lines = meta.lines();
    let mut kept = vec![lines.next().unwrap().to_string()];
    kept.extend(
        lines
            .filter(|l| FILES.iter().any(|f| l.starts_with(f)))
            .map(str::to_string),
    );
    dir.write("corpus/sotu/metadata.csv", kept.join("\n") + "\n");
    let seed = std::fs::read(data("sample/nato-mission-2021-10-31.txt")).unwrap();
    dir.write("corpus/nato-mission-2021-10-31.txt", seed);
    dir
}

/// Runs `gazette ARGS` in `dir` with `RAYON_NUM_THREADS` set.
fn run_threads(dir: &Dir, threads: &str, args: &[&str]) -> Run {
    let mut cmd = dir.command();
    cmd.env("RAYON_NUM_THREADS", threads)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args);
    crate::util::run(&mut cmd)
}

/// Every file under `root`, by path relative to it.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The 64-hex-digit value after `needle` in `bytes`.
fn hash_after(bytes: &[u8], needle: &[u8]) -> Option<String> {
    let at = bytes.windows(needle.len()).position(|w| w == needle)? + needle.len();
    let hex = bytes.get(at..at + 64)?;
    hex.iter()
        .all(u8::is_ascii_hexdigit)
        .then(|| String::from_utf8(hex.to_vec()).unwrap())
}

#[test]
fn report_is_byte_identical_across_runs_and_thread_counts() {
    let dir = corpus();
    for (out, threads) in [("one", "1"), ("two", "2"), ("again", "2")] {
        let run = run_threads(&dir, threads, &["report", "corpus", "--out", out, "-q"]);
        assert_eq!(run.code, 0, "{run:?}");
    }
    let one = files(&dir.path().join("one"));
    assert!(one.len() > 20, "{:?}", one.keys());
    for f in ["gazette.lock", "report.pdf", "charts/terms-top.png"] {
        assert!(one.contains_key(f), "missing {f}: {:?}", one.keys());
    }
    for other in ["two", "again"] {
        let files = files(&dir.path().join(other));
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            files.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &one {
            assert!(
                &files[name] == bytes,
                "{other}/{name} differs from one/{name}"
            );
        }
    }

    // The lock: relative paths, every input with its size, status and hash, the models.
    let lock = String::from_utf8(one["gazette.lock"].clone()).unwrap();
    let tmp = dir.path().display().to_string();
    assert!(!lock.contains(&tmp), "a machine path in the lock:\n{lock}");
    assert!(
        lock.contains("path = \"corpus/sotu/1961_john_f_kennedy_d.txt\"\nstatus = \"read\"\n"),
        "{lock}"
    );
    let seed_size = std::fs::metadata(dir.path().join("corpus/nato-mission-2021-10-31.txt"))
        .unwrap()
        .len();
    assert!(
        lock.contains(&format!(
            "path = \"corpus/nato-mission-2021-10-31.txt\"\nstatus = \"read\"\nbytes = {seed_size}\nblake3 = \""
        )),
        "{lock}"
    );
    assert!(
        lock.contains("path = \"corpus/sotu/metadata.csv\"\nstatus = \"ignored\""),
        "{lock}"
    );
    assert!(lock.contains("\"ner.model\" = \""), "{lock}");
    assert!(
        lock.contains("gazette = \"0.1.0\"\nconfig = \"none\"\n"),
        "{lock}"
    );
    assert_eq!(lock.matches("[[input]]").count(), 6, "{lock}");

    // The lock's hash is in the PDF keywords and in every PNG's text chunk, the same one.
    let pdf_hash = hash_after(&one["report.pdf"], b"gazette-lock:").expect("lock hash in PDF");
    for (name, bytes) in one.iter().filter(|(n, _)| n.ends_with(".png")) {
        let png_hash = hash_after(bytes, b"tEXtgazette-lock\0");
        assert_eq!(png_hash.as_ref(), Some(&pdf_hash), "{name}");
    }

    // Absolute corpus paths give the same lock.
    let abs = dir.path().join("corpus").display().to_string();
    let run = run_threads(&dir, "2", &["report", &abs, "--out", "abs", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let abs_lock = std::fs::read_to_string(dir.path().join("abs/gazette.lock")).unwrap();
    assert_eq!(abs_lock, lock);
}

#[test]
fn check_passes_unchanged_and_shows_what_moved_after_an_edit() {
    let dir = corpus();
    let run = dir.run(["report", "corpus", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = dir.run(["check", "corpus", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("check: out matches"), "{}", run.stderr);

    // Edit one address: Reagan now talks about the deficit a great deal more.
    let edited = dir.path().join("corpus/sotu/1982_ronald_reagan_r.txt");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str(&"\n\nThe deficit, the deficit and again the deficit must come down.".repeat(40));
    std::fs::write(&edited, &text).unwrap();
    let before = std::fs::read(dir.path().join("out/gazette.lock")).unwrap();
    let run = dir.run(["check", "corpus", "--out", "out"]);
    assert_eq!(run.code, 1, "{run:?}");
    let out = &run.stdout;
    let line = out
        .lines()
        .find(|l| l.contains("changed  corpus/sotu/1982_ronald_reagan_r.txt"))
        .unwrap_or_else(|| panic!("no input line:\n{out}"));
    let size = text.len();
    assert!(line.contains(&format!(" -> {size} bytes")), "{line}");
    assert!(line.contains("blake3 "), "{line}");
    // The term table shows the old and new count of "deficit".
    let deficit = out
        .lines()
        .find(|l| l.starts_with("  Term=deficit: ") || l.starts_with("  + Term=deficit: "))
        .unwrap_or_else(|| panic!("deficit did not move:\n{out}"));
    assert!(deficit.contains("Count"), "{deficit}");
    assert!(out.contains("tables/overview-sources.csv: "), "{out}");
    assert!(
        run.stderr.contains("differs") && run.stderr.contains("--update"),
        "{}",
        run.stderr
    );
    // Checking changes nothing on disk.
    assert_eq!(
        std::fs::read(dir.path().join("out/gazette.lock")).unwrap(),
        before
    );
    // A tolerance does not excuse a changed input.
    let run = dir.run(["check", "corpus", "--out", "out", "--tolerance", "0.5"]);
    assert_eq!(run.code, 1, "{run:?}");

    // --update accepts the new state; then the check passes.
    let run = dir.run(["check", "corpus", "--out", "out", "--update", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = std::fs::read_to_string(dir.path().join("out/gazette.lock")).unwrap();
    assert!(after.contains(&format!("bytes = {size}\n")), "{after}");
    let run = dir.run(["check", "corpus", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn check_without_a_report_is_a_fatal_error_with_a_hint() {
    let dir = corpus();
    let run = dir.run(["check", "corpus", "--out", "missing"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("gazette report"), "{}", run.stderr);
}

#[test]
fn config_file_sets_corpus_and_grouping_of_other_commands() {
    let dir = corpus();
    dir.write(
        "project/gazette.toml",
        "[corpus]\npaths = [\"../corpus/sotu\"]\n\n[group]\nby = \"source\"\n\n[terms]\nstopwords = true\n",
    );
    // No paths: the config's, relative to the config file; grouped by source.
    let run = dir.run([
        "--config",
        "project/gazette.toml",
        "terms",
        "--top",
        "1",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(rows[0].starts_with("Democratic,"), "{}", run.stdout);
    assert!(rows[1].starts_with("Republican,"), "{}", run.stdout);
    assert!(
        !run.stdout.contains(",the,"),
        "stop words left out: {}",
        run.stdout
    );
    // Flags override: one file, another grouping.
    let run = dir.run([
        "--config",
        "project/gazette.toml",
        "terms",
        "corpus/nato-mission-2021-10-31.txt",
        "--by",
        "author",
        "--top",
        "1",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(!run.stdout.contains("Democratic"), "{}", run.stdout);

    // `gazette.toml` in the current folder is read by `ingest` too.
    dir.write("gazette.toml", "[corpus]\npaths = [\"corpus/sotu\"]\n");
    let run = dir.run(["ingest", "--format", "jsonl", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);

    // A bad value names the file and line.
    dir.write(
        "gazette.toml",
        "[corpus]\npaths = [\"corpus\"]\nstrict = \"yes\"\n",
    );
    let run = dir.run(["actors", "-q"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("gazette.toml:3:"), "{}", run.stderr);
}
