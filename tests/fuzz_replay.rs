//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and the inputs that once crashed a fuzz
//! target (`fuzz/artifacts/<target>/`) through the same entry points and invariant checks as
//! the cargo-fuzz targets, on stable Rust and without cargo-fuzz.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[path = "../fuzz/checks.rs"]
mod checks;

#[test]
fn fuzz_corpora_and_artifacts_replay_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for target in checks::TARGETS {
        let mut files = Vec::new();
        for dir in ["corpus", "artifacts"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
                continue;
            };
            files.extend(entries.map(|e| e.expect("readable fuzz folder").path()));
        }
        assert!(
            !files.is_empty(),
            "no corpus for fuzz target {target} under {}",
            root.display()
        );
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("readable fuzz input");
            if catch_unwind(AssertUnwindSafe(|| checks::run(target, &data))).is_err() {
                failures.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "fuzz inputs failing their checks: {failures:#?}"
    );
    assert!(replayed > 0);
}
