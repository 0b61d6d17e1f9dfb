//! End-to-end tests of `gazette extract` (actors, quotes and figures in one pass).

use crate::util::{Dir, data};

/// The three files equal what the three commands print on their own, on the seed and
/// three State of the Union addresses.
#[test]
fn extract_writes_what_the_three_commands_print() {
    let dir = Dir::new();
    let inputs = [
        data("sample/nato-mission-2021-10-31.txt"),
        data("sample/sotu/1945_franklin_d_roosevelt_d.txt"),
        data("sample/sotu/1946_harry_s_truman_d.txt"),
        data("sample/sotu/1947_harry_s_truman_d.txt"),
    ];
    let with = |args: &[&str]| {
        let mut all: Vec<std::ffi::OsString> = args.iter().map(|a| a.into()).collect();
        all.extend(inputs.iter().map(|p| p.clone().into_os_string()));
        let run = dir.run(&all);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run
    };
    with(&["extract", "--out", "out"]);
    with(&["extract", "--out", "out", "--format", "jsonl"]);
    let read = |name: &str| std::fs::read_to_string(dir.path().join("out").join(name)).unwrap();
    let quotes = with(&["quotes", "--format", "csv", "-q"]).stdout;
    let figures = with(&["figures", "--format", "csv", "-q"]).stdout;
    let actors = with(&["actors", "--format", "jsonl", "-q"]).stdout;
    assert_eq!(read("quotes.csv"), quotes);
    assert_eq!(read("figures.csv"), figures);
    assert_eq!(read("actors.jsonl"), actors);
    // real content: the seed's Lavrov quote and its trillion dollars, SOTU speakers' figures
    assert!(quotes.contains("Lavrov"), "{quotes}");
    assert!(figures.contains("one trillion dollars"), "{figures}");
    assert!(read("actors.csv").contains("Sergei Lavrov"));
    assert!(figures.lines().count() > 100, "{}", figures.lines().count());
}

#[test]
fn extract_out_must_be_a_folder() {
    let dir = Dir::new();
    let file = dir.write("taken", "x");
    let seed = data("sample/nato-mission-2021-10-31.txt");
    let run = dir.run([
        "extract".as_ref(),
        seed.as_os_str(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("taken: not a folder"), "{}", run.stderr);
    // a terminal table is no file format
    let run = dir.run([
        "extract".as_ref(),
        seed.as_os_str(),
        "--out".as_ref(),
        "o".as_ref(),
        "--format".as_ref(),
        "table".as_ref(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Output files get an ordinary file's mode (the umask's), not a temporary file's 0600.
#[cfg(unix)]
#[test]
fn output_files_are_readable_by_others_as_the_umask_allows() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let seed = data("sample/nato-mission-2021-10-31.txt");
    let cmd = dir.command();
    // through a shell, to set the umask of the run
    let sh = std::process::Command::new("sh")
        .current_dir(dir.path())
        .env("SEED", &seed)
        .env("GAZETTE", cmd.get_program())
        .args([
            "-c",
            "umask 022 && \"$GAZETTE\" extract \"$SEED\" --out out -q && \"$GAZETTE\" terms \"$SEED\" -o terms.csv --format csv -q",
        ])
        .status()
        .unwrap();
    assert!(sh.success());
    for f in ["out/quotes.csv", "out/figures.csv", "terms.csv"] {
        let mode = std::fs::metadata(dir.path().join(f))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{f}: {mode:o}");
    }
}
