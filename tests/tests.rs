//! End-to-end tests of the `gazette` binary.
