//! End-to-end tests of `gazette report`.
