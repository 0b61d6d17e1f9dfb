//! gazette-extract (work in progress).
#![deny(missing_docs)]
