//! End-to-end tests of `gazette quotes`.

use serde_json::Value;

use crate::util::{Dir, data};

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn find<'a>(rows: &'a [Value], needle: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["text"].as_str().unwrap_or("").contains(needle))
        .unwrap_or_else(|| panic!("no statement containing {needle:?} in {rows:#?}"))
}

#[test]
fn quotes_jsonl_speakers_cues_and_offsets() {
    let dir = Dir::new();
    let input = data("fixtures/quotes/two-outlets.jsonl");
    let run = dir.run([
        "quotes".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    let texts: std::collections::HashMap<String, String> = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // every span holds its text (UTF-8 byte offsets into the input text)
    for r in &rows {
        let text = &texts[r["article"].as_str().unwrap()];
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        if let (Some(s), Some(e)) = (r["cue_start"].as_u64(), r["cue_end"].as_u64()) {
            assert_eq!(&text[s as usize..e as usize], r["cue"].as_str().unwrap());
        }
    }
    let delay = find(&rows, "the council would delay the vote");
    assert_eq!(delay["speaker"], "Helen Ortiz");
    assert_eq!(delay["direct"], false);
    let more_time = find(&rows, "We need more time to read the report before");
    assert_eq!(more_time["cue"], "told");
    assert_eq!(more_time["direct"], true);
    let office = find(&rows, "has not answered a single question");
    assert_eq!(office["speaker_text"], "she");
    assert_eq!(office["speaker"], "Helen Ortiz");
    let traffic = find(&rows, "the plan would double traffic");
    assert_eq!(traffic["cue"], "According to");
    let courier = rows
        .iter()
        .find(|r| r["article"] == "courier-1" && r["direct"] == true)
        .expect("the courier's direct quote");
    assert_eq!(courier["speaker"], "Helen Ortiz");
    assert_eq!(courier["source"], "The Example Courier");
}

#[test]
fn quotes_ledger_finds_the_shared_statement() {
    let dir = Dir::new();
    let input = data("fixtures/quotes/two-outlets.jsonl");
    let run = dir.run([
        "quotes".as_ref(),
        input.as_os_str(),
        "--ledger".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = jsonl(&run.stdout);
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let e = &entries[0];
    assert_eq!(e["first_source"], "The Daily Example");
    assert_eq!(e["first_published"], "2024-03-01");
    assert_eq!(e["articles"], 2);
    let changes: Vec<&str> = e["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, vec!["first", "shorter"]);
}

#[test]
fn quotes_speaker_table_counts_per_outlet() {
    let dir = Dir::new();
    let input = data("fixtures/quotes/two-outlets.jsonl");
    let run = dir.run([
        "quotes".as_ref(),
        input.as_os_str(),
        "--speakers".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap();
    assert!(first.starts_with("source,speaker,type,quotes"), "{first}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("The Daily Example,Helen Ortiz,PER,")),
        "{}",
        run.stdout
    );
}

#[test]
fn quotes_survive_unbalanced_marks() {
    let dir = Dir::new();
    let f = dir.write("odd.txt", "Title\n\n\u{201c}Open \"never \u{2019}closed, he said ``and '' then \u{201d}\u{201d} \"\n\n\u{201c}\n");
    let run = dir.run([
        "quotes".as_ref(),
        f.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The statements `gazette quotes --format jsonl` finds in one text file (real tagger).
fn quotes_of(text: &str) -> Vec<Value> {
    let dir = Dir::new();
    let path = dir.write("article.txt", text);
    let run = dir.run([
        "quotes".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    jsonl(&run.stdout)
}

/// With the real tagger (places are `LOC`): a place in an appositive ("from Houston, Texas,"),
/// after `of` ("Senator John Cornyn of Texas, …"), before a title ("Florida Sen. Marco Rubio")
/// or with a possessive ("France’s Marine Le Pen") is not the speaker.
#[test]
fn a_place_in_an_appositive_or_after_of_is_not_the_speaker() {
    let rows = quotes_of(
        "Convention notes\n\n\
         Christopher Harvey, an African-American delegate from Houston, Texas, said the \
         turmoil at the convention was part of the circus.\n\n\
         Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber \
         would vote on four measures on Monday.\n\n\
         Florida Sen. Marco Rubio reversed himself last year and said the bill was dead.\n\n\
         France’s Marine Le Pen backed the plan and said that it would pass.\n",
    );
    let speaker = |needle| find(&rows, needle)["speaker"].clone();
    assert_eq!(
        speaker("the turmoil at the convention"),
        "Christopher Harvey"
    );
    assert_eq!(speaker("the chamber would vote"), "John Cornyn");
    // the subject of "X did A and said B" is the name a place or a possessive leads to
    assert_eq!(speaker("the bill was dead"), "Marco Rubio");
    assert_eq!(speaker("it would pass"), "Marine Le Pen");
}

/// A dateline ("ORLANDO, Fla. (Reuters) - ") is not the subject of the sentence it opens.
#[test]
fn a_dateline_is_not_the_subject() {
    let rows = quotes_of(
        "Obama meets families\n\n\
         ORLANDO, Fla. (Reuters) - President Barack Obama met survivors of the attack on \
         Thursday and said the United States must act to control gun violence.\n",
    );
    assert_eq!(
        find(&rows, "must act to control gun violence")["speaker"],
        "Barack Obama"
    );
}
