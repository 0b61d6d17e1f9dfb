//! End-to-end tests of `gazette ingest`.
