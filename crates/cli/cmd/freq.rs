//! `gazette terms|ngrams|keyness|collocates|kwic|trend|dictionary` (being built).

use std::process::ExitCode;

use crate::args::GlobalArgs;

macro_rules! pending {
    ($args:ident, $run:ident, $name:literal) => {
        /// Arguments of the command.
        #[derive(clap::Args, Debug)]
        pub(crate) struct $args {
            /// Corpus files or folders.
            pub(crate) paths: Vec<std::path::PathBuf>,
        }

        pub(crate) fn $run(_args: $args, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
            anyhow::bail!(concat!("`gazette ", $name, "` is not built yet"))
        }
    };
}

pending!(TermsArgs, run_terms, "terms");
pending!(NgramsArgs, run_ngrams, "ngrams");
pending!(KeynessArgs, run_keyness, "keyness");
pending!(CollocatesArgs, run_collocates, "collocates");
pending!(KwicArgs, run_kwic, "kwic");
pending!(TrendArgs, run_trend, "trend");
pending!(DictionaryArgs, run_dictionary, "dictionary");
