//! End-to-end tests of `gazette report`.

use crate::util::{Dir, data};

#[test]
fn report_on_seed_article_writes_every_output() {
    let dir = Dir::new();
    let run = dir.run([
        "report".as_ref(),
        data("sample/nato-mission-2021-10-31.txt").as_os_str(),
        "--out".as_ref(),
        "out".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let out = dir.path().join("out");
    for f in [
        "report.pdf",
        "report.md",
        "tables/overview-sources.csv",
        "charts/terms-top.svg",
        "charts/terms-top.png",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Sergei Lavrov"),
        "the seed's main speaker is in the report"
    );
    assert!(
        std::fs::read(out.join("report.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    // One source: no comparison section.
    assert!(!md.contains("What distinguishes"));
}

#[test]
fn report_refuses_foreign_folder_without_force() {
    let dir = Dir::new();
    dir.write("out/keep.txt", "not gazette's");
    let seed = data("sample/nato-mission-2021-10-31.txt");
    let run = dir.run([
        "report".as_ref(),
        seed.as_os_str(),
        "--out".as_ref(),
        "out".as_ref(),
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    let run = dir.run([
        "report".as_ref(),
        seed.as_os_str(),
        "--out".as_ref(),
        "out".as_ref(),
        "--force".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(dir.path().join("out/keep.txt").is_file());
}

#[test]
fn sample_report_is_reproducible_and_matches_committed() {
    // The committed reports/sample must be what `gazette report` writes, with the cover date
    // from SOURCE_DATE_EPOCH=0 exactly as .ci/run regenerates and diffs it.
    let dir = Dir::new();
    let mut cmd = dir.command();
    cmd.current_dir(crate::util::repo())
        .env("SOURCE_DATE_EPOCH", "0")
        .args(["report", "--out"])
        .arg(dir.path().join("sample"))
        .arg("-q");
    let run = crate::util::run(&mut cmd);
    assert_eq!(run.code, 0, "{run:?}");
    let committed = crate::util::repo().join("reports/sample");
    for rel in [
        "report.md",
        "report.pdf",
        "gazette.lock",
        "charts/terms-top.png",
        "tables/overview-sources.csv",
        "tables/keyness.csv",
    ] {
        let a = std::fs::read(dir.path().join("sample").join(rel)).unwrap();
        let b = std::fs::read(committed.join(rel)).unwrap();
        assert!(a == b, "{rel} differs from the committed reports/sample");
    }
}
