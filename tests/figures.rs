//! End-to-end tests of `gazette figures`.
