//! Hostile and broken input (issue 9): every case asserts what was kept, the message naming
//! the file and line or byte, and the exit code (0 ok, 1 finished with skipped inputs, 2 fatal
//! or usage). Inputs are generated in a temporary folder, never committed.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{self, Dir, Run};

/// Runs `gazette ingest ARGS --format jsonl` in `dir` and returns the run and its rows.
fn ingest(dir: &Dir, args: &[&str]) -> (Run, Vec<serde_json::Value>) {
    let mut all = vec!["ingest"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "jsonl"]);
    let run = dir.run(&all);
    let rows = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (run, rows)
}

/// The summary line gazette prints last.
fn summary(
    files: usize,
    articles: usize,
    skipped: usize,
    ignored: usize,
    warnings: usize,
) -> String {
    format!(
        "read {files} files: {articles} articles, 0 exact duplicates, 0 near-duplicates, {skipped} skipped, {ignored} ignored, {warnings} warnings (duplicates left out)\n"
    )
}

fn texts(rows: &[serde_json::Value]) -> Vec<&str> {
    rows.iter().map(|r| r["text"].as_str().unwrap()).collect()
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

// ---- empty and binary files ----

#[test]
fn empty_file_is_skipped() {
    let dir = Dir::new();
    dir.write("empty.txt", "");
    let (run, rows) = ingest(&dir, &["empty.txt"]);
    assert_eq!(run.code, 1);
    assert!(rows.is_empty());
    assert_eq!(
        run.stderr,
        format!("skipped: empty.txt: empty file\n{}", summary(1, 0, 1, 0, 0))
    );
}

#[test]
fn whitespace_only_file_is_empty() {
    let dir = Dir::new();
    dir.write("blank.md", " \n\n\t \r\n");
    let (run, rows) = ingest(&dir, &["blank.md"]);
    assert_eq!((run.code, rows.len()), (1, 0));
    assert!(
        run.stderr.starts_with("skipped: blank.md: empty file\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn binary_file_is_skipped_and_the_rest_is_read() {
    let dir = Dir::new();
    dir.write(
        "corpus/a-image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    dir.write("corpus/b.txt", "Headline\n\nThe article itself.\n");
    let (run, rows) = ingest(&dir, &["corpus"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["The article itself."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: corpus/a-image.txt: binary file (not text)\n{}",
            summary(2, 1, 1, 0, 0)
        )
    );
}

#[test]
fn one_nul_byte_is_removed_with_a_warning() {
    let dir = Dir::new();
    dir.write("nul.txt", b"Title\n\nA stray\0 NUL byte in the text.\n");
    let (run, rows) = ingest(&dir, &["nul.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(texts(&rows), ["A stray NUL byte in the text."]);
    assert_eq!(
        run.stderr,
        format!(
            "warning: nul.txt: removed 1 NUL byte(s)\n{}",
            summary(1, 1, 0, 0, 1)
        )
    );
}

#[test]
fn nul_byte_in_a_json_line_does_not_cost_the_record() {
    let dir = Dir::new();
    dir.write(
        "a.jsonl",
        b"{\"id\": \"a\", \"text\": \"Bro\0ken export.\"}\n",
    );
    let (run, rows) = ingest(&dir, &["a.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(texts(&rows), ["Broken export."]);
}

#[test]
fn many_nul_bytes_mean_binary() {
    let dir = Dir::new();
    let mut bytes = b"Title\n\n".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 64));
    dir.write("zeros.txt", bytes);
    let (run, _) = ingest(&dir, &["zeros.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("skipped: zeros.txt: binary file (not text)\n")
    );
}

// ---- encodings: invalid UTF-8 in each reader, cp1252, Latin-1, UTF-16 ----

#[test]
fn invalid_utf8_in_each_reader_is_decoded_as_windows_1252() {
    let dir = Dir::new();
    // 0xE9 is `é` and 0x93/0x94 are curly quotes in windows-1252; none is valid UTF-8 here.
    let cases: [(&str, &[u8]); 6] = [
        ("a.txt", b"Title\n\nCaf\xe9 \x93menu\x94 text.\n"),
        ("b.md", b"# Title\n\nCaf\xe9 \x93menu\x94 text.\n"),
        ("c.jsonl", b"{\"text\": \"Caf\xe9 \x93menu\x94 text.\"}\n"),
        ("d.json", b"{\"text\": \"Caf\xe9 \x93menu\x94 text.\"}"),
        ("e.csv", b"id,text\n1,Caf\xe9 \x93menu\x94 text.\n"),
        (
            "f.html",
            b"<html><body><p>Caf\xe9 \x93menu\x94 text, long enough to be a paragraph.</p></body></html>",
        ),
    ];
    for (name, bytes) in cases {
        dir.write(name, bytes);
        let (run, rows) = ingest(&dir, &[name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let text = rows[0]["text"].as_str().unwrap();
        assert!(text.starts_with("Café “menu” text"), "{name}: {text}");
        assert!(
            run.stderr.starts_with(&format!(
                "warning: {name}: not UTF-8: decoded as windows-1252\n"
            )),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn latin1_text_is_decoded() {
    let dir = Dir::new();
    let text = "Été à Montréal\n\nLe maire a déclaré que la fête aura lieu à l'hôtel de ville, près du marché, où les élèves chanteront.";
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    dir.write("latin1.txt", latin1);
    let (run, rows) = ingest(&dir, &["latin1.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(rows[0]["title"], "Été à Montréal");
    assert_eq!(
        rows[0]["text"],
        "Le maire a déclaré que la fête aura lieu à l'hôtel de ville, près du marché, où les élèves chanteront."
    );
    assert!(
        run.stderr
            .starts_with("warning: latin1.txt: not UTF-8: decoded as windows-1252\n")
    );
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let dir = Dir::new();
    let text = "Café news\n\nThe café sold £5 coffee.\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    dir.write("le.txt", le);
    dir.write("be.txt", be);
    for (name, enc) in [("le.txt", "UTF-16LE"), ("be.txt", "UTF-16BE")] {
        let (run, rows) = ingest(&dir, &[name]);
        assert_eq!(run.code, 0);
        assert_eq!(rows[0]["title"], "Café news");
        assert_eq!(rows[0]["text"], "The café sold £5 coffee.");
        assert_eq!(
            run.stderr,
            format!(
                "warning: {name}: not UTF-8: decoded as {enc}\n{}",
                summary(1, 1, 0, 0, 1)
            )
        );
    }
}

// ---- size limits ----

#[test]
fn single_100_mb_line_is_refused_by_the_line_limit() {
    let dir = Dir::new();
    let mut big = b"Title\n\n".to_vec();
    big.extend(std::iter::repeat_n(b'a', 100 << 20));
    dir.write("huge.txt", &big);
    let (run, rows) = ingest(&dir, &["huge.txt"]);
    assert_eq!(run.code, 1);
    assert!(rows.is_empty());
    assert_eq!(
        run.stderr,
        format!(
            "skipped: huge.txt:3 (byte 7): line is 104857600 bytes, over the maximum line size of 16777216 bytes (`--max-line-size`)\n{}",
            summary(1, 0, 1, 0, 0)
        )
    );
}

#[test]
fn single_100_mb_json_line_is_skipped_and_its_neighbours_kept() {
    let dir = Dir::new();
    let mut big = b"{\"id\": \"a\", \"text\": \"Before.\"}\n{\"id\": \"b\", \"text\": \"".to_vec();
    big.extend(std::iter::repeat_n(b'a', 100 << 20));
    big.extend_from_slice(b"\"}\n{\"id\": \"c\", \"text\": \"After.\"}\n");
    dir.write("huge.jsonl", &big);
    let (run, rows) = ingest(&dir, &["huge.jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["Before.", "After."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: huge.jsonl:2 (byte 31): line is 104857624 bytes, over the maximum line size of 16777216 bytes (`--max-line-size`)\n{}",
            summary(1, 2, 1, 0, 0)
        )
    );
}

#[test]
fn max_file_size_flag_skips_before_reading() {
    let dir = Dir::new();
    dir.write("a.txt", "Title\n\nA body of some forty bytes or so.\n");
    dir.write("b.txt", "Title\n\nShort.\n");
    let (run, rows) = ingest(&dir, &["a.txt", "b.txt", "--max-file-size", "20"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["Short."]);
    assert!(run.stderr.starts_with(
        "skipped: a.txt: file is 41 bytes, over the maximum file size of 20 bytes (`--max-file-size`)\n"
    ), "{}", run.stderr);
    // `0` turns the limit off; units are powers of 1024.
    let (run, rows) = ingest(
        &dir,
        &["a.txt", "--max-file-size", "0", "--max-line-size", "1K"],
    );
    assert_eq!((run.code, rows.len()), (0, 1));
}

#[test]
fn limits_can_be_set_in_gazette_toml() {
    let dir = Dir::new();
    dir.write("a.txt", "Title\n\nA body of some forty bytes or so.\n");
    dir.write(
        "gazette.toml",
        "[corpus]\nmax_file_size = 20\nmax_line_size = \"1K\"\n",
    );
    let (run, rows) = ingest(&dir, &["a.txt"]);
    assert_eq!((run.code, rows.len()), (1, 0));
    assert!(run.stderr.starts_with(
        "skipped: a.txt: file is 41 bytes, over the maximum file size of 20 bytes (`--max-file-size`)\n"
    ), "{}", run.stderr);
    // The command line wins over the file.
    let (run, rows) = ingest(&dir, &["a.txt", "--max-file-size", "1M"]);
    assert_eq!((run.code, rows.len()), (0, 1), "{}", run.stderr);
}

#[test]
fn max_file_size_applies_to_stdin() {
    let dir = Dir::new();
    let mut cmd = dir.command();
    cmd.args(["ingest", "-", "--max-file-size", "8", "--format", "jsonl"]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Title\n\nA longer body on stdin.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(
        "skipped: -: file is 9 bytes, over the maximum file size of 8 bytes (`--max-file-size`)\n"
    ));
}

#[test]
fn bad_size_is_a_usage_error() {
    let dir = Dir::new();
    let run = dir.run(["ingest", "x.txt", "--max-line-size", "10X"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with(
        "error: invalid value '10X' for '--max-line-size <SIZE>': unknown size unit in `10X` (use K, M or G)\n"
    ), "{}", run.stderr);
}

// ---- JSON Lines and JSON ----

#[test]
fn truncated_json_lines_keeps_the_complete_lines() {
    let dir = Dir::new();
    dir.write(
        "t.jsonl",
        "{\"id\": \"a\", \"text\": \"First.\"}\n{\"id\": \"b\", \"text\": \"Cut sho",
    );
    let (run, rows) = ingest(&dir, &["t.jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["First."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: t.jsonl:2 (byte 57): invalid JSON: EOF while parsing a string\n{}",
            summary(1, 1, 1, 0, 0)
        )
    );
}

#[test]
fn malformed_json_lines_are_each_named() {
    let dir = Dir::new();
    dir.write(
        "m.jsonl",
        "{\"id\": \"a\", \"text\": \"One.\"}\n{id: \"b\", \"text\": \"Two.\"}\n[1, 2]\n\n{\"id\": \"e\", \"text\": \"Five.\"}\n{\"id\": \"f\", \"text\": \"Six.\"} trailing\n",
    );
    let (run, rows) = ingest(&dir, &["m.jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["One.", "Five."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: m.jsonl:2 (byte 29): invalid JSON: key must be a string\n\
             skipped: m.jsonl:3 (byte 54): expected a JSON object or an array of objects\n\
             skipped: m.jsonl:6 (byte 119): invalid JSON: trailing characters\n{}",
            summary(1, 2, 3, 0, 0)
        )
    );
}

#[test]
fn json_array_cut_short_keeps_the_complete_records() {
    let dir = Dir::new();
    dir.write(
        "arr.json",
        "[{\"id\": \"a\", \"text\": \"One.\"},\n {\"id\": \"b\", \"text\": \"Two.\"},\n {\"id\": \"c\", \"te",
    );
    let (run, rows) = ingest(&dir, &["arr.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["One.", "Two."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: arr.json:3 (byte 61): invalid JSON: the array is cut short (EOF while parsing a string) in record 3; kept the 2 complete record(s) before it\n{}",
            summary(1, 2, 1, 0, 0)
        )
    );
}

#[test]
fn json_array_with_a_non_object_and_a_record_without_text() {
    let dir = Dir::new();
    dir.write(
        "arr.json",
        "[{\"text\": \"Kept.\"}, 42, {\"title\": \"A title but no body\"}]",
    );
    let (run, rows) = ingest(&dir, &["arr.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["Kept."]);
    assert!(
        run.stderr.starts_with(
            "skipped: arr.json:2: expected a JSON object or an array of objects\n\
         skipped: arr.json:3: no text field (looked for `text`, `body`,"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn files_of_records_without_records_are_skipped() {
    let dir = Dir::new();
    dir.write("header.csv", "id,title,text\n");
    dir.write("empty.json", "[]");
    dir.write("blank.jsonl", "\n\n");
    let (run, rows) = ingest(&dir, &["header.csv", "empty.json", "blank.jsonl"]);
    assert_eq!((run.code, rows.len()), (1, 0));
    assert_eq!(
        run.stderr,
        format!(
            "skipped: header.csv: no records\nskipped: empty.json: no records\nskipped: blank.jsonl: empty file\n{}",
            summary(3, 0, 3, 0, 0)
        )
    );
}

// ---- CSV ----

#[test]
fn csv_ragged_rows_and_bad_quoting() {
    let dir = Dir::new();
    dir.write(
        "r.csv",
        "id,text\n1,First row.\n2,too,many\n3,\"bad \"quote\" here\"\n4,\"Fine, \"\"quoted\"\" row.\"\n5,Unquoted 5\" screen.\n",
    );
    let (run, rows) = ingest(&dir, &["r.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        texts(&rows),
        [
            "First row.",
            "Fine, \"quoted\" row.",
            "Unquoted 5\" screen."
        ]
    );
    assert_eq!(
        run.stderr,
        format!(
            "skipped: r.csv:3 (byte 21): invalid CSV: row has 3 fields, the header has 2\n\
             skipped: r.csv:4 (byte 32): invalid CSV: bad quoting: `q` after the closing quote at byte 7 of the row (a quote inside a quoted field must be doubled)\n{}",
            summary(1, 3, 2, 0, 0)
        )
    );
}

#[test]
fn csv_quote_never_closed_is_reported_not_swallowed_silently() {
    let dir = Dir::new();
    dir.write(
        "u.csv",
        "id,text\n1,First row.\n2,\"Opened and never closed\n3,Third row.\n4,Fourth row.\n",
    );
    let (run, rows) = ingest(&dir, &["u.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["First row."]);
    assert!(run.stderr.starts_with(
        "skipped: u.csv:3 (byte 21): invalid CSV: a quoted field is never closed (its quote at byte 2 of the row runs to the end of the file, over 3 more line(s))\n"
    ), "{}", run.stderr);
}

// ---- HTML ----

#[test]
fn html_with_unclosed_tags_and_scripts() {
    let dir = Dir::new();
    dir.write(
        "page.html",
        "<html><head><title>Unclosed</title><script>var secret = 1;</script></head><body><div><p>The council met on Tuesday <script>alert('x')</script>to vote on the budget.<p>Then it adjourned <style>p { color: red }</style>without a decision.<div><b>bold never closed",
    );
    let (run, rows) = ingest(&dir, &["page.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rows[0]["title"], "Unclosed");
    assert_eq!(
        rows[0]["text"],
        "The council met on Tuesday to vote on the budget.\n\nThen it adjourned without a decision."
    );
}

#[test]
fn deeply_nested_html_is_flattened_in_time() {
    let dir = Dir::new();
    let page = format!(
        "<html><body>{}<p>The text at the bottom of a very deep page.</p></body></html>",
        "<div><span>".repeat(50_000)
    );
    dir.write("deep.html", page);
    let started = Instant::now();
    let (run, rows) = ingest(&dir, &["deep.html"]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        texts(&rows),
        ["The text at the bottom of a very deep page."]
    );
    assert_eq!(
        run.stderr,
        format!(
            "warning: deep.html: HTML nested 100002 levels deep: tags below level 512 were ignored\n{}",
            summary(1, 1, 0, 0, 1)
        )
    );
}

// ---- dates, titles without bodies ----

#[test]
fn missing_and_impossible_dates_keep_the_article() {
    let dir = Dir::new();
    dir.write(
        "d.jsonl",
        "{\"id\": \"a\", \"text\": \"Feb 30.\", \"published\": \"2021-02-30\"}\n\
         {\"id\": \"b\", \"text\": \"Yesterday.\", \"published\": \"yesterday\"}\n\
         {\"id\": \"c\", \"text\": \"Month 13.\", \"published\": \"2021-13-01\"}\n\
         {\"id\": \"d\", \"text\": \"No date.\"}\n\
         {\"id\": \"e\", \"text\": \"Good date.\", \"published\": \"31 October 2021\"}\n\
         {\"id\": \"f\", \"text\": \"Placeholder.\", \"published\": \"0001-01-01\"}\n\
         {\"id\": \"g\", \"text\": \"Far future.\", \"published\": \"9999-12-31T23:59:59Z\"}\n",
    );
    let (run, rows) = ingest(&dir, &["d.jsonl"]);
    assert_eq!(run.code, 0);
    let dates: Vec<_> = rows.iter().map(|r| r["published"].clone()).collect();
    assert_eq!(
        dates,
        [
            serde_json::Value::Null,
            serde_json::Value::Null,
            serde_json::Value::Null,
            serde_json::Value::Null,
            "2021-10-31".into(),
            serde_json::Value::Null,
            serde_json::Value::Null,
        ]
    );
    // The unreadable date is kept, so nothing is lost.
    assert_eq!(rows[0]["meta"]["published_raw"], "2021-02-30");
    assert_eq!(rows[1]["meta"]["published_raw"], "yesterday");
    assert_eq!(rows[2]["meta"]["published_raw"], "2021-13-01");
    // Placeholder years are not publication dates (they also stretched the report's charts
    // over 10,000 empty years: minutes of PNG encoding).
    assert_eq!(rows[5]["meta"]["published_raw"], "0001-01-01");
    assert_eq!(rows[6]["meta"]["published_raw"], "9999-12-31T23:59:59Z");
}

#[test]
fn title_but_no_body() {
    let dir = Dir::new();
    dir.write("a.txt", "Just a headline\n");
    dir.write(
        "b.jsonl",
        "{\"id\": \"b\", \"title\": \"Headline only\", \"text\": \"  \"}\n",
    );
    let (run, rows) = ingest(&dir, &["a.txt", "b.jsonl"]);
    assert_eq!((run.code, rows.len()), (1, 0));
    assert!(
        run.stderr.starts_with(
            "skipped: a.txt: body is empty after normalisation\n\
         skipped: b.jsonl:1: no text field (looked for `text`,"
        ),
        "{}",
        run.stderr
    );
}

// ---- extractors on hostile text ----

#[test]
fn figure_parser_on_huge_numbers_and_digit_runs() {
    let dir = Dir::new();
    let nines = "9".repeat(10_000);
    dir.write(
        "digits.txt",
        format!(
            "Digits\n\nThe budget was ${nines} billion, then 1e308% more, then {} million, said the minister. It also cost $5 million.\n",
            "9".repeat(400)
        ),
    );
    let started = Instant::now();
    let run = dir.run(["figures", "digits.txt", "--format", "json", "-q"]);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let figures: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<(usize, &str, Option<f64>)> = figures
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().len(),
                f["kind"].as_str().unwrap(),
                f["value"].as_f64(),
            )
        })
        .collect();
    // Values too large for a float are left out (null), not infinite; the text is kept.
    assert_eq!(
        got,
        [
            (10_009, "money", None),
            (408, "number", None),
            (10, "money", Some(5_000_000.0))
        ]
    );
}

#[test]
fn thousands_of_unbalanced_quote_marks() {
    let dir = Dir::new();
    let body: Vec<&str> = (0..5000)
        .map(|i| match i % 4 {
            0 => "\u{201c}she",
            1 => "\"He said",
            2 => "word\u{201d}",
            _ => "'it",
        })
        .collect();
    dir.write(
        "q.txt",
        format!("Quotes\n\n{} said Mr Smith.\n", body.join(" ")),
    );
    // Unmatched marks open no quote that runs over the rest of the text: the one statement
    // found is the three words closed by the last curly quote, and nothing explodes.
    let mut found = Vec::new();
    for command in ["quotes", "actors", "figures"] {
        let started = Instant::now();
        let run = dir.run([command, "q.txt", "--format", "jsonl", "-q"]);
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{command}: {:?}",
            started.elapsed()
        );
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        let rows: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        found.push(rows);
    }
    assert_eq!(found[0].len(), 1, "{:?}", found[0]);
    assert_eq!(found[0][0]["text"], "He said word");
    assert_eq!(found[0][0]["direct"], true);
    assert_eq!(found[1].len(), 1, "{:?}", found[1]);
    assert_eq!(found[1][0]["name"], "Smith");
    assert!(found[2].is_empty(), "{:?}", found[2]);
}

/// An article of `words` words drawn (deterministically) from names, cue words, quote marks
/// and figures, without a full stop: one sentence that the extractors find slow.
fn slow_article(words: usize) -> String {
    const WORDS: [&str; 16] = [
        "Smith", "said", "the", "minister", "\"", "of", "Paris", "NATO", "$5", "billion", "and",
        "Mr", "Jones", "3.5%", "\u{201c}", "\u{201d}",
    ];
    let mut state: u64 = 1;
    let picked: Vec<&str> = (0..words)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(state >> 60) as usize]
        })
        .collect();
    format!("Slow\n\n{}\n", picked.join(" "))
}

#[test]
fn time_budget_skips_a_slow_article_and_keeps_the_others() {
    let dir = Dir::new();
    dir.write("slow.txt", slow_article(200_000));
    std::fs::copy(
        util::data("sample/nato-mission-2021-10-31.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    for command in ["actors", "quotes", "figures"] {
        let started = Instant::now();
        let run = dir.run([
            command,
            "slow.txt",
            "seed.txt",
            "--time-budget",
            "3",
            "--format",
            "jsonl",
            "-q",
        ]);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{command}: {:?}",
            started.elapsed()
        );
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "skipped: slow: {command} took longer than the time budget of 3 s per article (`--time-budget`); its results are left out\n"
            )
        );
        let rows: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(!rows.is_empty(), "{command}: the seed's results are kept");
        assert!(
            rows.iter().all(|r| r["article"] == "seed"),
            "{command}: nothing from the slow article"
        );
    }
    // The report goes on without the slow article's extractions and says so.
    let run = dir.run([
        "report",
        "slow.txt",
        "seed.txt",
        "--time-budget",
        "3",
        "--out",
        "out",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(dir.path().join("out/report.md")).unwrap();
    assert!(md.contains(
        "Warning: extraction failed on 1 articles (an internal error, or over the time budget per article); their actors, quotes and figures are missing from this report."
    ));
}

#[test]
fn json_nested_100000_deep_is_refused_without_overflowing_the_stack() {
    let dir = Dir::new();
    dir.write(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    dir.write(
        "deep.jsonl",
        format!(
            "{{\"text\": {}{}}}\n{{\"text\": \"Next line.\"}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let (run, rows) = ingest(&dir, &["deep.json", "deep.jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["Next line."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: deep.json:1 (byte 1): invalid JSON: recursion limit exceeded in record 1; kept the 0 complete record(s) before it\n\
             skipped: deep.jsonl:1 (byte 135): invalid JSON: recursion limit exceeded\n{}",
            summary(2, 1, 2, 0, 0)
        )
    );
}

// ---- folders and paths ----

#[test]
fn symlink_loop_and_broken_link_in_a_folder() {
    let dir = Dir::new();
    dir.write("corpus/sub/a.txt", "Title\n\nThe only article.\n");
    std::os::unix::fs::symlink("..", dir.path().join("corpus/sub/up")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("corpus/broken.txt")).unwrap();
    let manifest = dir.path().join("m.jsonl");
    let (run, rows) = ingest(&dir, &["corpus", "--manifest", manifest.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(texts(&rows), ["The only article."]);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: corpus/broken.txt: broken symbolic link (to `nowhere.txt`)\n{}",
            summary(3, 1, 1, 1, 0)
        )
    );
    let manifest = std::fs::read_to_string(manifest).unwrap();
    assert!(manifest.contains(
        "{\"path\":\"corpus/sub/up\",\"status\":\"ignored\",\"articles\":0,\"reason\":\"symbolic link loop: points back to corpus (not followed)\"}"
    ), "{manifest}");
}

#[test]
fn file_names_cannot_forge_messages_or_drive_the_terminal() {
    let dir = Dir::new();
    dir.write("corpus/fake\nskipped: nothing.txt", "");
    dir.write("corpus/e\u{1b}[31mscape.txt", "");
    let (run, _) = ingest(&dir, &["corpus"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "skipped: corpus/e␛[31mscape.txt: empty file\nskipped: corpus/fake⏎skipped: nothing.txt: empty file\n{}",
            summary(2, 0, 2, 0, 0)
        )
    );
}

#[test]
fn a_report_inside_the_corpus_folder_is_not_read_back() {
    let dir = Dir::new();
    std::fs::copy(
        util::data("sample/nato-mission-2021-10-31.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::rename(
        dir.path().join("seed.txt"),
        dir.path().join("corpus/seed.txt"),
    )
    .unwrap();
    let run = dir.run(["report", "corpus", "--out", "corpus/report", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = dir.path().join("m.jsonl");
    let (run, rows) = ingest(&dir, &["corpus", "--manifest", manifest.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rows.len(), 1);
    assert_eq!(run.stderr, summary(2, 1, 0, 1, 0));
    assert!(std::fs::read_to_string(manifest).unwrap().contains(
        "{\"path\":\"corpus/report\",\"status\":\"ignored\",\"articles\":0,\"reason\":\"a report folder written by `gazette report` (not read)\"}"
    ));
}

#[test]
fn thousands_of_bad_lines_are_counted_not_all_printed() {
    let dir = Dir::new();
    let mut lines = String::from("{\"text\": \"The one good line.\"}\n");
    for _ in 0..3000 {
        lines.push_str("{broken\n");
    }
    dir.write("bad.jsonl", lines);
    let manifest = dir.path().join("m.jsonl");
    let (run, rows) = ingest(
        &dir,
        &["bad.jsonl", "--manifest", manifest.to_str().unwrap()],
    );
    assert_eq!((run.code, texts(&rows)), (1, vec!["The one good line."]));
    let printed: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(printed.len(), 52);
    assert_eq!(
        printed[0],
        "skipped: bad.jsonl:2 (byte 32): invalid JSON: key must be a string"
    );
    assert_eq!(
        printed[50],
        "... and 2950 more skipped (all listed with `--manifest FILE`)"
    );
    assert_eq!(printed[51], summary(1, 1, 3000, 0, 0).trim_end());
    let listed = std::fs::read_to_string(manifest).unwrap();
    assert_eq!(
        listed.lines().filter(|l| l.contains("\"skipped\"")).count(),
        3000
    );
}

#[test]
fn report_into_a_file_is_a_clear_error() {
    let dir = Dir::new();
    dir.write(
        "a.txt",
        "Title\n\nSergei Lavrov said the talks had failed.\n",
    );
    dir.write("afile", "not a folder");
    let run = dir.run(["report", "a.txt", "--out", "afile", "-q"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: writing the report to afile: afile: Not a directory (os error 20)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("afile")).unwrap(),
        "not a folder"
    );
}

#[test]
fn linked_files_and_folders_are_read() {
    let dir = Dir::new();
    dir.write("elsewhere/x.txt", "Title\n\nLinked file.\n");
    dir.write("corpus/a.txt", "Title\n\nReal file.\n");
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("corpus/linked")).unwrap();
    let (run, rows) = ingest(&dir, &["corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(texts(&rows), ["Real file.", "Linked file."]);
}

#[test]
fn unreadable_file() {
    let dir = Dir::new();
    let secret = dir.write("secret.txt", "Title\n\nYou cannot read this.\n");
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let (run, rows) = ingest(&dir, &["secret.txt"]);
    if is_root() {
        // Permissions do not stop root: the file is read, honestly.
        assert_eq!((run.code, texts(&rows)), (0, vec!["You cannot read this."]));
        // A file that cannot be read even by root: reading a process's memory from offset 0
        // fails with EIO.
        let (run, rows) = ingest(&dir, &["/proc/self/mem"]);
        assert_eq!((run.code, rows.len()), (1, 0));
        assert_eq!(
            run.stderr,
            format!(
                "skipped: /proc/self/mem: cannot read: Input/output error (os error 5)\n{}",
                summary(1, 0, 1, 0, 0)
            )
        );
    } else {
        assert_eq!((run.code, rows.len()), (1, 0));
        assert!(
            run.stderr
                .starts_with("skipped: secret.txt: cannot read: Permission denied (os error 13)\n")
        );
    }
}

#[test]
fn path_that_disappears_during_the_run() {
    let dir = Dir::new();
    let fifo = dir.path().join("first.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let second = dir.write("second.txt", "Title\n\nGone before it is read.\n");
    // One thread: inputs are read in order, so gazette has listed both files and is blocked
    // on the FIFO when the test opens its other end; then `second.txt` is removed.
    let child = dir
        .command()
        .args([
            "-j",
            "1",
            "ingest",
            "first.txt",
            "second.txt",
            "--format",
            "jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::fs::remove_file(&second).unwrap();
    use std::io::Write;
    writer
        .write_all(b"Title\n\nThe first article, read from a FIFO.\n")
        .unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(texts(&rows), ["The first article, read from a FIFO."]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "skipped: second.txt: disappeared during the run (it was listed, then could not be opened)\n{}",
            summary(2, 1, 1, 0, 0)
        )
    );
}

#[test]
fn missing_path_is_skipped() {
    let dir = Dir::new();
    let (run, rows) = ingest(&dir, &["no-such.txt"]);
    assert_eq!((run.code, rows.len()), (1, 0));
    assert_eq!(
        run.stderr,
        format!(
            "skipped: no-such.txt: no such file or folder\n{}",
            summary(1, 0, 1, 0, 0)
        )
    );
}

#[test]
fn corpus_of_zero_articles() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path().join("none")).unwrap();
    let (run, rows) = ingest(&dir, &["none"]);
    assert_eq!((run.code, rows.len()), (0, 0));
    assert_eq!(run.stderr, summary(0, 0, 0, 0, 0));
    // Frequency tables of nothing are empty, not an error; a report of nothing is.
    let run = dir.run(["terms", "none", "--format", "csv", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "group,period,term,count,documents,per_10k,rank\n"
    );
    let run = dir.run(["report", "none", "--out", "out", "-q"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no articles found in none\nhint: pass files or folders of articles (text, Markdown, JSON Lines, JSON, CSV, HTML)\n"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn strict_stops_at_the_first_problem_with_exit_2() {
    let dir = Dir::new();
    dir.write(
        "a.jsonl",
        "{\"text\": \"One.\"}\n{broken\n{\"text\": \"Three.\"}\n",
    );
    let (run, rows) = ingest(&dir, &["a.jsonl", "--strict"]);
    assert_eq!((run.code, rows.len()), (2, 0));
    assert_eq!(
        run.stderr,
        "error: a.jsonl:2 (byte 18): invalid JSON: key must be a string\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = Dir::new();
    let run = dir.run(["ingest", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: unexpected argument '--no-such-flag' found")
    );
    let run = dir.run(["ingest"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no corpus paths given\nhint: pass files or folders, e.g. `data/sample`\n"
    );
}

// ---- outputs: injection, atomic writes, interrupted runs ----

const HOSTILE: &str = "#set page(width: 1cm) #read(\"/etc/passwd\") <script>alert(1)</script> [x](javascript:alert(1)) </svg><script>alert(2)</script> =HYPERLINK(\"http://evil.example\",\"x\")";

fn hostile_corpus(dir: &Dir) {
    let body = format!(
        "{HOSTILE}\n\nSergei Lavrov said on Monday that \"{HOSTILE}\" would cost $5 billion. NATO officials in Brussels said the talks had failed, and Russia would respond."
    );
    let row = serde_json::json!({
        "id": "=cmd|' /C calc'!A0",
        "title": HOSTILE,
        "source": "</svg><script>alert(3)</script>",
        "published": "2021-10-31",
        "text": body,
    });
    dir.write("hostile.jsonl", format!("{row}\n"));
}

#[test]
fn article_text_is_never_markup_in_any_output() {
    let dir = Dir::new();
    hostile_corpus(&dir);
    let run = dir.run(["report", "hostile.jsonl", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.path().join("out");
    // Typst: the template reads the text as data. Were `#set page(width: 1cm)` run, the
    // pages would be 1cm wide; they are all A4.
    let pdf = std::fs::read(out.join("report.pdf")).unwrap();
    let pdf_text = String::from_utf8_lossy(&pdf);
    let boxes: Vec<&str> = pdf_text
        .match_indices("/MediaBox[")
        .map(|(i, _)| &pdf_text[i..i + 32])
        .collect();
    assert!(!boxes.is_empty());
    assert!(
        boxes
            .iter()
            .all(|b| *b == "/MediaBox[0 0 595.2756 841.8898]"),
        "{boxes:?}"
    );
    // Markdown: every markup character of the article is escaped, `|` too (it would split
    // a table row).
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        !md.contains("<script>") && !md.contains("](javascript"),
        "{md}"
    );
    assert!(
        md.contains(r"| \</svg\>\<script\>alert(3)\</script\> | 1 |"),
        "{md}"
    );
    assert!(md.contains(r"| \#set page | 2 | 1 |"), "{md}");
    assert!(md.contains(r"| =cmd\|' /C calc'\!A0 |"), "{md}");
    // SVG: text is escaped, so every chart is one well-formed `<svg>` without scripts.
    for entry in std::fs::read_dir(out.join("charts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&path).unwrap();
            assert!(!svg.contains("<script"), "{}", path.display());
            assert_eq!(svg.matches("<svg").count(), 1, "{}", path.display());
            assert_eq!(svg.matches("</svg>").count(), 1, "{}", path.display());
        }
    }
    // CSV tables are quoted (RFC 4180): the hostile source is one cell.
    let sources = std::fs::read_to_string(out.join("tables/overview-sources.csv")).unwrap();
    assert!(
        sources.contains("</svg><script>alert(3)</script>"),
        "{sources}"
    );
    let figures = std::fs::read_to_string(out.join("tables/figures.csv")).unwrap();
    assert!(
        figures.contains(",Sergei Lavrov,=cmd|' /C calc'!A0\n"),
        "{figures}"
    );
    // With `--csv-safe` the cells that would run as formulas are prefixed with `'`, and
    // `gazette check` still finds the report up to date.
    let run = dir.run([
        "report",
        "hostile.jsonl",
        "--out",
        "safe",
        "--csv-safe",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let figures = std::fs::read_to_string(dir.path().join("safe/tables/figures.csv")).unwrap();
    assert!(
        figures.contains(",Sergei Lavrov,'=cmd|' /C calc'!A0\n"),
        "{figures}"
    );
    assert!(!figures.contains(",=cmd"), "{figures}");
    let run = dir.run([
        "check",
        "hostile.jsonl",
        "--out",
        "safe",
        "--csv-safe",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn csv_safe_guards_formulas_and_tables_show_no_escape_codes() {
    let dir = Dir::new();
    hostile_corpus(&dir);
    let run = dir.run([
        "ingest",
        "hostile.jsonl",
        "--format",
        "csv",
        "--csv-safe",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "'=cmd|' /C calc'!A0");
    let run = dir.run(["ingest", "hostile.jsonl", "--format", "csv", "-q"]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    assert_eq!(
        &reader.records().next().unwrap().unwrap()[0],
        "=cmd|' /C calc'!A0"
    );
    // Frequency tables: the source (a group) is article metadata.
    dir.write(
        "src.jsonl",
        "{\"id\": \"s1\", \"source\": \"=HYPERLINK(\\\"http://evil.example\\\")\", \"text\": \"The nuclear talks failed.\"}\n",
    );
    let run = dir.run([
        "kwic",
        "nuclear",
        "src.jsonl",
        "--format",
        "csv",
        "--csv-safe",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "article_id,source,published,start,end,left,match,right\ns1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,4,11,The,nuclear,talks failed\n"
    );
    // Terminal escapes in article text are shown, not sent to the terminal.
    dir.write(
        "esc.txt",
        "Title \u{1b}[2J\u{1b}]0;pwned\u{7}\n\nA scraped article whose headline carries terminal escape codes: clear the screen, then set the window title. Printing it as a table must not run them.\n",
    );
    let run = dir.run(["ingest", "esc.txt", "-q"]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(
        run.stdout.contains("Title ␛[2J␛]0;pwned␇"),
        "{}",
        run.stdout
    );
    // Concordance lines show article text too.
    dir.write(
        "esc2.txt",
        "Title\n\nThe long article text goes on and on, then \u{1b}[2J\u{1b}]0;pwned\u{7} nuclear policy was debated by officials from many countries.\n",
    );
    let run = dir.run(["kwic", "nuclear", "esc2.txt", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(
        run.stdout.contains("then ␛[2J␛]0;pwned␇  nuclear"),
        "{}",
        run.stdout
    );
}

#[test]
fn report_refuses_a_foreign_folder_unless_forced() {
    let dir = Dir::new();
    dir.write(
        "a.txt",
        "Title\n\nSergei Lavrov said the talks had failed.\n",
    );
    dir.write("mine/notes.txt", "my own notes");
    let run = dir.run(["report", "a.txt", "--out", "mine", "-q"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: writing the report to mine: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"));
    let names: Vec<_> = std::fs::read_dir(dir.path().join("mine"))
        .unwrap()
        .collect();
    assert_eq!(
        names.len(),
        1,
        "nothing written into a folder gazette does not own"
    );
    let run = dir.run(["report", "a.txt", "--out", "mine", "--force", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine/notes.txt")).unwrap(),
        "my own notes"
    );
    assert!(dir.path().join("mine/report.pdf").is_file());
}

#[test]
fn output_file_is_replaced_whole_and_killed_runs_leftovers_are_removed() {
    let dir = Dir::new();
    dir.write("a.txt", "Title\n\nThe article.\n");
    dir.write("out.jsonl", "previous output\n");
    // What a run killed while writing leaves: its temporary file (the process is gone).
    dir.write(".gazette-999999999-AbCdEf", "half a file");
    // A file of another program that only looks alike is left alone.
    dir.write(".gazette-notes", "mine");
    let run = dir.run([
        "ingest",
        "a.txt",
        "--format",
        "jsonl",
        "-o",
        "out.jsonl",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(out.starts_with("{\"id\":\"a\""), "{out}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".gazette-notes", "a.txt", "out.jsonl"]);
    // A run that fails before it finishes leaves the previous output as it was.
    let run = dir.run([
        "ingest",
        "a.txt",
        "--format",
        "jsonl",
        "-o",
        "out.jsonl",
        "--field",
        "bad",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        out
    );
}

/// True when this process ignores SIGINT (`SigIgn` in `/proc/self/status`; false where that
/// file does not exist).
fn sigint_ignored() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("SigIgn:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
    })
}

/// True when a file exists anywhere under `dir`; false when `dir` does not exist (or
/// vanishes while it is walked: a finished run renames its staging folder). Reads no file,
/// so polling it is cheap.
fn holds_a_file(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            holds_a_file(&path)
        } else {
            true
        }
    })
}

/// Every file under `dir` (relative path and bytes), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn interrupted_report_leaves_the_previous_one_intact() {
    let dir = Dir::new();
    std::fs::copy(
        util::data("sample/nato-mission-2021-10-31.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    let run = dir.run(["report", "seed.txt", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.path().join("out");
    let before = snapshot(&out);
    // A bigger corpus, so the new report differs and takes a while to write.
    let mut speeches: Vec<_> = std::fs::read_dir(util::data("sample/sotu"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    speeches.sort();
    for p in speeches.iter().take(4) {
        std::fs::copy(p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let mut before = before;
    // A shell starts a background job with SIGINT ignored, and the ignoring is inherited: a
    // child of a test run that way never sees the SIGINT, so only SIGTERM can be tested.
    let signals: &[&str] = if sigint_ignored() {
        eprintln!("SIGINT is ignored in this process (a background job): testing SIGTERM only");
        &["TERM"]
    } else {
        &["INT", "TERM"]
    };
    for signal in signals {
        // A run can finish between the moment it is seen writing and the signal (a loaded
        // machine); then its report is the previous one for the next try.
        let mut interrupted = false;
        for _try in 0..5 {
            let mut child = dir
                .command()
                .args(["report", "seed.txt"])
                .args(speeches.iter().take(4).map(|p| p.file_name().unwrap()))
                .args(["--out", "out", "-q"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // Wait until this run has written its first file of the new report, then
            // interrupt it.
            let staging = out.join(format!(".gazette-staging-{}", child.id()));
            let started = Instant::now();
            let staged = loop {
                if holds_a_file(&staging) {
                    break true;
                }
                if child.try_wait().unwrap().is_some()
                    || started.elapsed() > Duration::from_secs(120)
                {
                    break false;
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            if !staged {
                let status = child.wait().unwrap();
                assert!(status.success(), "SIG{signal}: the run failed: {status}");
                before = snapshot(&out);
                continue;
            }
            let killed = std::process::Command::new("kill")
                .args([format!("-{signal}"), child.id().to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
            let status = child.wait().unwrap();
            if status.code() == Some(0) {
                // finished before the signal arrived
                before = snapshot(&out);
                continue;
            }
            assert_eq!(status.code(), None, "killed by SIG{signal}");
            // The previous report is untouched; only the staging folder was added.
            let after = snapshot(&out);
            let (staged, kept): (Vec<_>, Vec<_>) = after
                .into_iter()
                .partition(|(rel, _)| rel.starts_with(".gazette-staging-"));
            assert!(!staged.is_empty());
            let previous: Vec<_> = before
                .iter()
                .filter(|(rel, _)| !rel.starts_with(".gazette-staging-"))
                .cloned()
                .collect();
            assert!(kept == previous, "SIG{signal}: the previous report changed");
            interrupted = true;
            break;
        }
        assert!(
            interrupted,
            "SIG{signal}: five runs each ended before they could be interrupted"
        );
    }
    // The next run cleans up what the interrupted one left.
    let run = dir.run(["report", "seed.txt", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = snapshot(&out).into_iter().map(|(rel, _)| rel).collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains(".gazette-staging-") && !n.ends_with(".tmp")),
        "{names:?}"
    );
}
