//! End-to-end tests of `gazette tokens`.
