//! End-to-end tests of the frequency commands on `data/fixtures/freq`.

use crate::util::{Dir, data};

fn fixture(name: &str) -> String {
    data(&format!("fixtures/freq/{name}")).display().to_string()
}

#[test]
fn terms_csv_top_rows_and_exit_code() {
    let dir = Dir::new();
    let run = dir.run([
        "terms",
        &fixture("outlets.jsonl"),
        "--top",
        "3",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "group,period,term,count,documents,per_10k,rank");
    assert!(lines[1].starts_with(",,the,"), "{}", run.stdout);
    assert_eq!(lines.len(), 4);
}

#[test]
fn terms_by_source_drops_stopwords_and_writes_parquet_atomically() {
    let dir = Dir::new();
    let run = dir.run([
        "terms",
        &fixture("outlets.jsonl"),
        "--by",
        "source",
        "--no-stopwords",
        "--top",
        "1",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Morning Courier"), "{}", run.stdout);
    assert!(!run.stdout.contains(" the "), "{}", run.stdout);
    let run = dir.run([
        "terms",
        &fixture("outlets.jsonl"),
        "--format",
        "parquet",
        "-o",
        "t.parquet",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.path().join("t.parquet")).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
}

#[test]
fn keyness_against_the_rest_and_unknown_group() {
    let dir = Dir::new();
    let run = dir.run([
        "keyness",
        &fixture("outlets.jsonl"),
        "--by",
        "source",
        "--target",
        "Morning Courier",
        "--alpha",
        "1",
        "--min-freq",
        "1",
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let war = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["term"] == "war")
        .unwrap();
    assert_eq!(war["target_count"], 5);
    assert_eq!(war["reference_count"], 5);
    let run = dir.run([
        "keyness",
        &fixture("outlets.jsonl"),
        "--target",
        "Nobody",
        "-q",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no group `Nobody`"), "{}", run.stderr);
}

#[test]
fn trend_by_decade_has_zero_rows() {
    let dir = Dir::new();
    let run = dir.run([
        "trend",
        "war,nuclear weapon*",
        &fixture("outlets.jsonl"),
        "--by",
        "decade",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(",1960s,,war,2,"), "{}", run.stdout);
    assert!(run.stdout.contains(",1980s,,war,0,"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1 + 6 * 2);
}

#[test]
fn kwic_and_dictionary_and_collocates_run() {
    let dir = Dir::new();
    let run = dir.run([
        "kwic",
        "nuclear weapon*",
        &fixture("outlets.jsonl"),
        "--width",
        "2",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    assert!(run.stdout.contains("nuclear weapons"));
    let run = dir.run([
        "dictionary",
        &fixture("dictionary.toml"),
        &fixture("outlets.jsonl"),
        "--by",
        "source",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1 + 3 * 3);
    let run = dir.run([
        "collocates",
        "war",
        &fixture("outlets.jsonl"),
        "--min-cooc",
        "2",
        "--min-freq",
        "1",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("node,collocate,cooccurrences"),
        "{}",
        run.stdout
    );
    let run = dir.run([
        "ngrams",
        &fixture("outlets.jsonl"),
        "--top",
        "2",
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("nuclear weapons") || run.stdout.contains("the war"),
        "{}",
        run.stdout
    );
}

/// Snapshot tests of every frequency command on the repo's sample corpus (79 State of the Union
/// addresses, grouped by the president's party, plus the seed article). Tables are printed
/// rounded, so the snapshots do not depend on the last bits of floating-point sums. Review a
/// changed snapshot with `cargo insta review` before accepting it.
#[test]
fn sample_corpus_snapshots() {
    let dir = Dir::new();
    let sample = data("sample").display().to_string();
    let dictionary = fixture("dictionary.toml");
    let cases: &[(&str, Vec<&str>)] = &[
        (
            "terms_by_party",
            vec![
                "terms",
                &sample,
                "--by",
                "source",
                "--no-stopwords",
                "--top",
                "8",
            ],
        ),
        (
            "ngrams_top",
            vec!["ngrams", &sample, "--no-stopwords", "--top", "10"],
        ),
        (
            "keyness_democratic_vs_rest",
            vec![
                "keyness",
                &sample,
                "--by",
                "source",
                "--target",
                "Democratic",
                "--top",
                "10",
            ],
        ),
        (
            "collocates_war",
            vec![
                "collocates",
                "war",
                &sample,
                "--no-stopwords",
                "--top",
                "10",
            ],
        ),
        (
            "trend_by_decade",
            vec!["trend", "war,economy,nuclear", &sample, "--by", "decade"],
        ),
        (
            "kwic_nuclear_weapons",
            vec!["kwic", "nuclear weapon*", &sample, "--width", "30"],
        ),
        (
            "dictionary_by_party",
            vec!["dictionary", &dictionary, &sample, "--by", "source"],
        ),
    ];
    for (name, args) in cases {
        let mut args = args.clone();
        args.push("-q");
        let run = dir.run(&args);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        insta::assert_snapshot!(*name, run.stdout);
    }
}
