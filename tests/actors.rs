//! End-to-end tests of `gazette actors`.

use crate::util::{Dir, data};

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn actor<'a>(rows: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no actor {name:?} in {rows:#?}"))
}

#[test]
fn actors_jsonl_merges_mentions_and_finds_roles_in_the_seed() {
    let dir = Dir::new();
    let seed = data("fixtures/tokenize/nato-mission-2021-10-31.txt");
    let run = dir.run([
        "actors".as_ref(),
        seed.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    let lavrov = actor(&rows, "Sergei Lavrov");
    assert_eq!(lavrov["type"], "PER");
    assert_eq!(lavrov["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(lavrov["role"], "Russian Foreign Minister");
    let nuland = actor(&rows, "Victoria Nuland");
    assert!(
        nuland["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Nuland")
    );
    assert_eq!(
        actor(&rows, "Vladimir Putin")["mentions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let us = actor(&rows, "United States");
    assert_eq!(us["type"], "LOC");
    assert!(
        us["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "America")
    );
    assert_eq!(actor(&rows, "NATO")["type"], "ORG");
    assert_eq!(actor(&rows, "Kremlin")["type"], "ORG");
    for bad in ["In", "The", "Despite", "Monday", "October", "COVID-19"] {
        assert!(
            !rows.iter().any(|r| r["name"] == bad),
            "{bad} must not be an actor"
        );
    }
    // Every body mention's offsets hold its text (title mentions point into the title).
    for r in &rows {
        for m in r["mentions"].as_array().unwrap() {
            assert!(m["end"].as_u64().unwrap() > m["start"].as_u64().unwrap());
        }
    }
}

#[test]
fn conll_mode_appends_one_iob2_column_and_keeps_every_line() {
    let dir = Dir::new();
    let input = "-DOCSTART- -X- O O\n\nRussian JJ B-NP B-MISC\nForeign NNP I-NP O\n\
                 Minister NNP I-NP O\nSergei NNP I-NP B-PER\nLavrov NNP I-NP I-PER\n\
                 met VBD B-VP O\nNATO NNP B-NP B-ORG\nofficials NNS I-NP O\nin IN B-PP O\n\
                 Brussels NNP B-NP B-LOC\n. . O O\n\n";
    let path = dir.write("mini.conll", input);
    let run = dir.run(["actors".as_ref(), "--conll".as_ref(), path.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: Vec<&str> = run.stdout.lines().collect();
    let want: Vec<&str> = input.lines().collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        if w.is_empty() || w.starts_with("-DOCSTART-") {
            assert_eq!(g, w);
        } else {
            assert!(g.starts_with(w), "{g:?} does not extend {w:?}");
            assert_eq!(g.split_whitespace().count(), 5, "{g:?}");
        }
    }
    let tag = |word: &str| {
        got.iter()
            .find(|l| l.starts_with(&format!("{word} ")))
            .and_then(|l| l.split_whitespace().last())
            .unwrap()
            .to_string()
    };
    assert_eq!(tag("Sergei"), "B-PER");
    assert_eq!(tag("Lavrov"), "I-PER");
    assert_eq!(tag("NATO"), "B-ORG");
    assert_eq!(tag("Brussels"), "B-LOC");
    assert_eq!(tag("met"), "O");
}

#[test]
fn user_alias_registry_merges_names_and_bad_registry_fails() {
    let dir = Dir::new();
    let text = dir.write(
        "a.txt",
        "Talks in Moscow\n\nThe Russian Federation said on Monday that Moscow wants talks. \
         Russia will send Sergei Lavrov.\n",
    );
    let reg = dir.write(
        "aliases.toml",
        "[[actor]]\nname = \"Moscow government\"\ntype = \"ORG\"\naliases = [\"Moscow\"]\n",
    );
    let run = dir.run([
        "actors".as_ref(),
        text.as_os_str(),
        "--actor-aliases".as_ref(),
        reg.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    assert_eq!(actor(&rows, "Moscow government")["type"], "ORG");
    let russia = actor(&rows, "Russia");
    assert!(
        russia["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Russian Federation")
    );

    let bad = dir.write("bad.toml", "[[actor]]\nname = 3\n");
    let run = dir.run([
        "actors".as_ref(),
        text.as_os_str(),
        "--actor-aliases".as_ref(),
        bad.as_os_str(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("alias"), "{}", run.stderr);
}

#[test]
fn corpus_table_and_cooccurrence() {
    let dir = Dir::new();
    let seed = data("fixtures/tokenize/nato-mission-2021-10-31.txt");
    let run = dir.run([
        "actors".as_ref(),
        seed.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let header = run.stdout.lines().next().unwrap();
    assert_eq!(header, "type,name,aliases,roles,mentions,articles,sources");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("PER,Sergei Lavrov,"))
    );
    let run = dir.run([
        "actors".as_ref(),
        seed.as_os_str(),
        "--cooccurrence".as_ref(),
        "sentence".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Joseph Biden,PER,Vladimir Putin,PER,1"),
        "{}",
        run.stdout
    );
}
