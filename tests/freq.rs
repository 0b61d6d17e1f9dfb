//! End-to-end tests of `gazette freq`.
