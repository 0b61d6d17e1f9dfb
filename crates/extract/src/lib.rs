//! Finds named actors, attributed quotes and cited figures in article text (being built).
#![deny(missing_docs)]

pub mod actors;
pub mod budget;
pub mod data;
pub mod figures;
pub mod quotes;
