//! End-to-end tests of `gazette ingest` (and the corpus flags every command shares).

use crate::util::{self, Dir};

fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn seed_article_is_ingested_and_cleaned() {
    let dir = Dir::new();
    let run = dir.run([
        "ingest".as_ref(),
        util::data("sample/nato-mission-2021-10-31.txt").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.len(), 1);
    let a = &rows[0];
    assert_eq!(a["id"], "nato-mission-2021-10-31");
    assert_eq!(a["source"], "wsws.org");
    assert_eq!(a["author"], "Andrea Peters");
    assert_eq!(a["published"], "2021-10-31");
    assert_eq!(
        a["title"],
        "Moscow ends decades-long NATO diplomatic mission, as alliance continues anti-Russian provocations"
    );
    let text = a["text"].as_str().unwrap();
    for joined in [
        "Victoria Nuland for discussions with high-level government officials",
        "Washington's commitment to Ukraine's eventual entrance into NATO",
        "Vice Chairman of the Joint Chiefs of Staff General John Hyten",
    ] {
        assert!(text.contains(joined), "not rejoined: {joined}");
    }
    assert!(text.contains("$5 billion") && !text.contains("\\$"));
    assert!(text.contains("outlet Kommersant on") && !text.contains("*Kommersant*"));
    assert!(!text.contains("To contact the WSWs") && !text.contains("wsws.org/contact"));
    assert!(!text.contains("Andrea Peters"));
    assert!(!text.contains("\n\n\n"));
}

/// Golden test: the whole ingested seed article. After reviewing a deliberate change, update
/// the golden file with `GAZETTE_BLESS=1 cargo test --test integration ingest::seed_golden`.
#[test]
fn seed_golden() {
    let dir = Dir::new();
    let run = dir.run([
        "ingest".as_ref(),
        util::data("sample/nato-mission-2021-10-31.txt").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let repo = util::repo().to_string_lossy().into_owned();
    let got = run.stdout.replace(&repo, "<repo>");
    let golden = util::data("fixtures/ingest/seed.golden.json");
    if std::env::var_os("GAZETTE_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap();
    assert_eq!(got, want, "ingested seed differs from {}", golden.display());
}

#[test]
fn fixtures_folder_reads_every_format_and_reports_broken_inputs() {
    let dir = Dir::new();
    let manifest = dir.path().join("manifest.jsonl");
    let run = dir.run([
        "ingest".as_ref(),
        util::data("fixtures/ingest").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "--manifest".as_ref(),
        manifest.as_os_str(),
    ]);
    assert_eq!(run.code, 1, "skipped inputs give exit 1: {}", run.stderr);
    let rows = jsonl(&run.stdout);
    let by_id = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no article {id} in {}", run.stdout))
    };
    // JSON Lines: text byte for byte, aliases, default keys, content-hash id, URL domain.
    let bridge = by_id("council-bridge");
    assert_eq!(
        bridge["text"],
        "The town council voted on Tuesday to rebuild the old stone bridge, at a cost of £1.2m.\n\n  Councillor Ann Smith said the vote was \"a victory for common sense\"."
    );
    assert_eq!(bridge["source"], "New York Times");
    let library = by_id("42");
    assert_eq!(library["published"], "2021-10-31");
    assert_eq!(library["author"], "Jo Bloggs, Sam Smith");
    let glass = rows
        .iter()
        .find(|r| r["title"] == "No id, no source, a URL")
        .unwrap();
    assert!(glass["id"].as_str().unwrap().starts_with('h'));
    assert_eq!(glass["source"], "news.example.com");
    assert_eq!(glass["published"], "2023-05-17");
    // CSV
    assert_eq!(by_id("csv-1")["author"], "Pat Jones");
    assert_eq!(by_id("csv-2")["published"], "2022-01-14");
    assert_eq!(by_id("r3")["title"], "Another fine row");
    // HTML
    let page = by_id("page");
    assert_eq!(page["source"], "The Example Gazette");
    assert_eq!(
        page["url"],
        "https://www.example.org/news/2024/03/05/bridge"
    );
    assert!(!page["text"].as_str().unwrap().contains("Advertisement"));
    assert!(!page["text"].as_str().unwrap().contains("Home"));
    // Encodings
    assert_eq!(by_id("latin1")["title"], "Café owner fined £500");
    assert_eq!(by_id("utf16")["title"], "Naïve résumé rules scrapped");
    assert!(
        run.stderr
            .contains("latin1.txt: not UTF-8: decoded as windows-1252")
    );
    // Markdown front matter and emphasis
    let notes = by_id("notes");
    assert_eq!(notes["author"], "Jo Bloggs");
    assert_eq!(
        notes["text"],
        "The committee approved three new homes and rejected a *temporary* car park.\n\nListen to this article\n\nThe next meeting is on 1 March."
    );
    // Broken inputs are named with line and reason.
    for needle in [
        "broken/binary.txt: binary file",
        "broken/empty.txt: empty file",
        "broken/ragged.csv:3",
        "broken/truncated.jsonl:2",
    ] {
        assert!(
            run.stderr.contains(needle),
            "missing `{needle}` in {}",
            run.stderr
        );
    }
    let entries: Vec<serde_json::Value> = jsonl(&std::fs::read_to_string(&manifest).unwrap());
    let skipped = entries.iter().filter(|e| e["status"] == "skipped").count();
    assert_eq!(skipped, 4);
    assert!(
        entries
            .iter()
            .any(|e| e["status"] == "ignored"
                && e["path"].as_str().unwrap().ends_with("aliases.toml"))
    );
}

#[test]
fn strict_stops_at_the_first_problem() {
    let dir = Dir::new();
    let run = dir.run([
        "ingest".as_ref(),
        util::data("fixtures/ingest/broken").as_os_str(),
        "--strict".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("binary.txt: binary file"),
        "{}",
        run.stderr
    );
}

#[test]
fn field_mapping_aliases_and_boilerplate_flags() {
    let dir = Dir::new();
    let input = dir.write(
        "in.jsonl",
        "{\"key\": \"k1\", \"story\": \"Body one.\", \"paper\": \"The Example Gazette\"}\n",
    );
    let run = dir.run([
        "ingest".as_ref(),
        input.as_os_str(),
        "--field".as_ref(),
        "id=key".as_ref(),
        "--field".as_ref(),
        "source=paper".as_ref(),
        "--aliases".as_ref(),
        util::data("fixtures/ingest/aliases.toml").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows[0]["id"], "k1");
    assert_eq!(rows[0]["text"], "Body one.");
    assert_eq!(rows[0]["source"], "Example Gazette");

    let run = dir.run([
        "ingest".as_ref(),
        util::data("fixtures/ingest/notes.md").as_os_str(),
        "--boilerplate".as_ref(),
        util::data("fixtures/ingest/boilerplate.patterns").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !jsonl(&run.stdout)[0]["text"]
            .as_str()
            .unwrap()
            .contains("Listen to this")
    );

    let run = dir.run(["ingest", "in.jsonl", "--field", "colour=red"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `colour`"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicates_are_reported_and_kept_on_request() {
    let dir = Dir::new();
    let body = "The harbour will be dredged in April after two years of delays, the port authority said on Monday.\n";
    dir.write("corpus/a.txt", format!("Harbour to be dredged\n\n{body}"));
    dir.write(
        "corpus/b.txt",
        format!("Dredging starts in April\n\n{body}"),
    );
    let run = dir.run(["ingest", "corpus", "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(jsonl(&run.stdout).len(), 1);
    assert!(
        run.stderr.contains("duplicate: corpus/b.txt (b) of a"),
        "{}",
        run.stderr
    );
    let run = dir.run(["ingest", "corpus", "--format", "jsonl", "--keep-duplicates"]);
    assert_eq!(jsonl(&run.stdout).len(), 2);
}

#[test]
fn sample_corpus_reads_cleanly() {
    let dir = Dir::new();
    let run = dir.run([
        "ingest".as_ref(),
        util::data("sample").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.len(), 80);
    let kennedy = rows
        .iter()
        .find(|r| r["id"] == "sotu-1962-john-f-kennedy")
        .expect("1962 address");
    assert_eq!(kennedy["source"], "Democratic");
    assert_eq!(kennedy["author"], "John F. Kennedy");
    assert_eq!(kennedy["published"], "1962");
    assert!(
        kennedy["text"]
            .as_str()
            .unwrap()
            .starts_with("Mr. Vice President")
    );
    let parties: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(
        parties.into_iter().collect::<Vec<_>>(),
        ["Democratic", "Republican", "wsws.org"]
    );
}

/// The real corpora of `../shared` (not redistributable, so not run by default):
/// `cargo test --test integration ingest::shared_corpora -- --ignored`.
#[test]
#[ignore]
fn shared_corpora() {
    let shared = util::repo().join("../shared/corpora");
    let dir = Dir::new();
    let manifest = dir.path().join("m.jsonl");
    let run = dir.run([
        "ingest".as_ref(),
        shared.join("bbc-news").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "--manifest".as_ref(),
        manifest.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("sport/199.txt: not UTF-8"));
    let rows = jsonl(&run.stdout);
    let sport199 = rows.iter().find(|r| r["id"] == "sport/199").unwrap();
    assert!(sport199["text"].as_str().unwrap().contains('£'));
    let entries = jsonl(&std::fs::read_to_string(&manifest).unwrap());
    let files = entries.iter().filter(|e| e["status"] != "ignored").count();
    assert_eq!(files, 2225);
    // Every byte-identical copy is reported as a duplicate.
    let mut seen = std::collections::HashMap::new();
    let mut identical = 0;
    for e in &entries {
        let path = e["path"].as_str().unwrap();
        if !path.ends_with(".txt") {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        if seen.insert(bytes, path.to_string()).is_some() {
            identical += 1;
            assert_eq!(e["status"], "duplicate", "{path}");
        }
    }
    assert_eq!(identical, 98);
    for corpus in [
        "polnear",
        "basil",
        "allsides-baly2020-2019q4",
        "allsides-roundups-2021",
    ] {
        let run = dir.run([
            "ingest".as_ref(),
            shared.join(corpus).as_os_str(),
            "--format".as_ref(),
            "jsonl".as_ref(),
        ]);
        assert_eq!(run.code, 0, "{corpus}: {}", run.stderr);
    }
}

/// `-o` on something that is not a regular file (here a FIFO, as `/dev/null` is a device) must
/// write into it, not rename a temporary file over it and so replace the device.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_writes_into_it_and_keeps_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = Dir::new();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    let run = dir.run([
        "ingest".as_ref(),
        util::data("sample/nato-mission-2021-10-31.txt").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "-o".as_ref(),
        fifo.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = reader.join().expect("reader thread");
    assert_eq!(text.lines().count(), 1, "one article through the FIFO");
    assert!(text.contains("\"id\""));
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("fifo still there")
        .file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
}

/// CoNLL document files (NewsWCL50's format) become one article per document, with the text
/// rebuilt from the tokens; Excel's `sep=` line names a CSV's delimiter; a table with no text
/// column is skipped once, naming the file, not row by row.
#[test]
fn conll_documents_excel_sep_line_and_tables_without_text() {
    let dir = Dir::new();
    let tok = |doc: &str, s: usize, words: &str| {
        words
            .split(' ')
            .enumerate()
            .map(|(i, w)| format!("{doc}\t{s}\t{i}\t{w}\t-\n"))
            .collect::<String>()
    };
    let conll = format!(
        "#begin document 0/-/0_LL; part 000\n{}\n{}\n{}#end document\n\
         #begin document 0/-/0_R; part 000\n{}\n{}#end document\n",
        tok("0/-/0_LL", 0, "Pompeo met Kim Jong - un"),
        tok(
            "0/-/0_LL",
            1,
            "\" We do n't know , \" Trump said ( on Tuesday ) ."
        ),
        tok(
            "0/-/0_LL",
            2,
            "\\n It cost $ 5 , or 10 % of the plan 's budget ."
        ),
        tok("0/-/0_R", 0, "Report : talks went well"),
        tok("0/-/0_R", 1, "The talks went well , officials said ."),
    );
    dir.write("corpus/events.conll", conll);
    // NewsWCL50's URL list (CRLF): the R document's URL carries its date, the LL one's none;
    // the list is applied to the documents, not read as articles.
    dir.write(
        "corpus/urls.tsv",
        "Event ID\tOutlet\tURL\r\n0\tLL\thttps://www.huffingtonpost.com/entry/pompeo-kim_us_5ad\r\n\
         0\tR\thttp://www.foxnews.com/politics/2018/04/17/talks.html\r\n",
    );
    dir.write(
        "corpus/excel.csv",
        "sep=;\r\nid;title;text\r\nx1;A title;The council met on Monday and agreed.\r\n",
    );
    dir.write(
        "corpus/annotations.csv",
        "sep=,\r\nid,code,start,end\r\n1,ACTOR,0,3\r\n2,ACTOR,4,9\r\n3,GROUP,1,2\r\n",
    );
    let run = dir.run(["ingest", "corpus", "--format", "jsonl"]);
    assert_eq!(run.code, 1, "one file skipped: {}", run.stderr);
    let rows = jsonl(&run.stdout);
    let by_id = |id: &str| {
        rows.iter()
            .find(|r| r["id"].as_str().is_some_and(|x| x.ends_with(id)))
            .unwrap_or_else(|| panic!("{id} missing: {}", run.stdout))
    };
    let a = by_id("0_LL");
    assert_eq!(a["title"], "Pompeo met Kim Jong-un");
    assert_eq!(
        a["text"],
        "\"We don't know,\" Trump said (on Tuesday).\n\nIt cost $5, or 10% of the plan's budget."
    );
    assert_eq!(a["source"], "LL");
    assert_eq!(
        a["url"],
        "https://www.huffingtonpost.com/entry/pompeo-kim_us_5ad"
    );
    assert!(a["published"].is_null(), "{a}");
    let r = by_id("0_R");
    assert_eq!(r["text"], "The talks went well, officials said.");
    assert_eq!(r["published"], "2018-04-17");
    assert_eq!(
        r["source"], "R",
        "the outlet code stays the source, not the URL's domain"
    );
    assert_eq!(by_id("x1")["title"], "A title");
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    let skipped: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("skipped:"))
        .collect();
    assert_eq!(skipped.len(), 1, "{}", run.stderr);
    assert!(
        skipped[0].contains("annotations.csv:2") && skipped[0].contains("no text field"),
        "{}",
        skipped[0]
    );
}
