//! figures (being built).
