//! Counting benchmark on the seed article (asserts a count so a broken path cannot look fast).
fn main() {}
