//! quotes (being built).
