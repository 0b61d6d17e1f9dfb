//! gazette-freq (work in progress).
#![deny(missing_docs)]
