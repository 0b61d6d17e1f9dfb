//! End-to-end tests of `gazette quotes`.
