//! gazette-ingest (work in progress).
#![deny(missing_docs)]
