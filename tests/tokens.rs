//! End-to-end tests of `gazette tokens`.

use crate::util::{Dir, data};

fn seed() -> std::path::PathBuf {
    data("fixtures/tokenize/nato-mission-2021-10-31.txt")
}

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn tokens_jsonl_offsets_point_into_the_article_text() {
    let dir = Dir::new();
    let run = dir.run([
        "tokens".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        seed().as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    // The article text as `gazette ingest` gives it, so offsets can be checked against it.
    let ingest = dir.run([
        "ingest".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        seed().as_os_str(),
    ]);
    let article: serde_json::Value =
        serde_json::from_str(ingest.stdout.lines().next().unwrap()).unwrap();
    let text = article["text"].as_str().unwrap();
    assert!(rows.len() > 1000, "{} rows", rows.len());
    let mut prev_end = 0;
    for row in &rows {
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert!(start >= prev_end && end > start, "{row}");
        assert_eq!(&text[start..end], row["text"].as_str().unwrap(), "{row}");
        prev_end = end;
    }
    let find = |raw: &str| {
        rows.iter()
            .find(|r| r["text"] == raw)
            .unwrap_or_else(|| panic!("no token {raw}"))
    };
    assert_eq!(find("Kramp-Karrenbauer")["token"], "kramp-karrenbauer");
    assert_eq!(find("1,389")["kind"], "number");
    assert_eq!(find("U.S.")["kind"], "word");
    assert_eq!(find("—")["kind"], "punct");
}

#[test]
fn tokens_sentences_and_filters() {
    let dir = Dir::new();
    let path = dir.write(
        "a.txt",
        "Headline\n\nMr. Putin met Gen. Milley in the U.S. on Jan. 5. Russia’s reply came fast: \"No.\" The end.\n",
    );
    let run = dir.run([
        "tokens".as_ref(),
        "--sentences".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let texts: Vec<String> = jsonl(&run.stdout)
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "Mr. Putin met Gen. Milley in the U.S. on Jan. 5.",
            "Russia’s reply came fast: \"No.\"",
            "The end."
        ]
    );

    let run = dir.run([
        "tokens".as_ref(),
        "--kind".as_ref(),
        "word".as_ref(),
        "--no-stopwords".as_ref(),
        "--stem".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tokens: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(
        tokens,
        [
            "mr.", "putin", "met", "gen.", "milley", "u.s.", "jan.", "russia", "repli", "came",
            "fast", "end"
        ]
    );
}
