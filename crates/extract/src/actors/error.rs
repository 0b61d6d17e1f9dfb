//! Errors of the actors module.

/// An error from loading a model or an alias registry.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model file is not valid.
    #[error("invalid NER model: {0}")]
    Model(String),
    /// The alias registry could not be parsed.
    #[error("invalid alias registry: {0}")]
    Aliases(String),
}
