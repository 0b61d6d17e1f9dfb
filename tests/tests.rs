//! End-to-end tests of the `gazette` binary, one integration test binary (as ripgrep does).
//! Each module is owned by the command it tests; `util` runs the binary in a temp folder.

mod actors;
mod bad_input;
mod check;
mod extract;
mod figures;
mod freq;
mod fuzz_replay;
mod ingest;
mod quotes;
mod report;
mod tokens;
mod util;
