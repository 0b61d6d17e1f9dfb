//! End-to-end tests of `gazette figures`.

use crate::util::{Dir, data};

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn figures_on_the_seed_article() {
    let dir = Dir::new();
    let seed = data("fixtures/tokenize/nato-mission-2021-10-31.txt");
    let run = dir.run([
        std::ffi::OsStr::new("figures"),
        seed.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    let find = |text: &str| {
        rows.iter()
            .find(|r| r["text"] == text)
            .unwrap_or_else(|| panic!("{text} missing: {}", run.stdout))
    };
    let warheads = find("1,389");
    assert_eq!(warheads["kind"], "count");
    assert_eq!(warheads["object"], "nuclear warheads");
    assert_eq!(find("1,458")["object"], "nuclear warheads");
    let trillion = find("one trillion dollars");
    assert_eq!(trillion["value"], 1e12);
    assert_eq!(trillion["unit"], "USD");
    assert_eq!(trillion["qualifier"], "more than");
    assert_eq!(find("$5 billion")["value"], 5e9);
    assert_eq!(find("June 2021")["value"], "2021-06");
    assert_eq!(find("eight")["object"], "members");
    // Numbers inside names are not figures.
    for r in &rows {
        let t = r["text"].as_str().unwrap();
        assert!(!["2021", "19"].contains(&t) || r["kind"] == "date", "{r}");
    }
    assert!(
        !rows.iter().any(|r| r["text"] == "19"),
        "COVID-19 is a name"
    );
}

#[test]
fn figures_conflicts_show_who_cites_what() {
    let dir = Dir::new();
    let input = dir.write(
        "articles.jsonl",
        concat!(
            r#"{"id": "a", "source": "Daily One", "published": "2021-10-30", "text": "The ministry said 1,200 protesters were arrested on Saturday."}"#,
            "\n",
            r#"{"id": "b", "source": "Daily Two", "published": "2021-10-31", "text": "Police said 450 protesters were arrested at the rally."}"#,
            "\n",
            r#"{"id": "c", "source": "Daily Three", "published": "2021-10-31", "text": "Organisers counted 30,000 marchers. Police said 452 protesters were held."}"#,
            "\n"
        ),
    );
    let run = dir.run([
        std::ffi::OsStr::new("figures"),
        input.as_os_str(),
        "--conflicts".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    assert!(
        rows.iter()
            .all(|r| r["group"] == 1 && r["object"] == "protesters"),
        "{}",
        run.stdout
    );
    let cited: Vec<(&str, f64)> = rows
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        cited,
        [
            ("Daily Two", 450.0),
            ("Daily Three", 452.0),
            ("Daily One", 1200.0)
        ]
    );
    assert_eq!(rows[0]["actor"], "Police");
    assert!(rows[2]["actor"].is_null(), "{}", run.stdout);
}

#[test]
fn figures_kind_filter_and_bad_kind() {
    let dir = Dir::new();
    let input = dir.write(
        "a.jsonl",
        r#"{"id": "a", "text": "It cost $5 million, up 3.5% from 2020."}"#,
    );
    let run = dir.run([
        std::ffi::OsStr::new("figures"),
        input.as_os_str(),
        "--kind".as_ref(),
        "money,percent".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[1].contains("$5 million") && lines[2].contains("3.5%"),
        "{}",
        run.stdout
    );
    let bad = dir.run([
        std::ffi::OsStr::new("figures"),
        input.as_os_str(),
        "--kind".as_ref(),
        "bananas".as_ref(),
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("unknown figure kind `bananas`"),
        "{}",
        bad.stderr
    );
}
