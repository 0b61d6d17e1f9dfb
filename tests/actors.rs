//! End-to-end tests of `gazette actors`.
