//! One module per subcommand; each has `Args` and `run`.

pub(crate) mod actors;
pub(crate) mod check;
pub(crate) mod extract;
pub(crate) mod figures;
pub(crate) mod freq;
pub(crate) mod ingest;
pub(crate) mod init;
pub(crate) mod quotes;
pub(crate) mod report;
pub(crate) mod tokens;
pub(crate) mod train_ner;
pub(crate) mod train_quotes;
