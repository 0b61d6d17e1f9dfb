//! The tables this crate produces: newtypes over polars `DataFrame`s with a documented,
//! checked schema. Use the `COLUMNS` constants (or the `COL_*` ones) instead of raw column
//! names.

use polars::prelude::*;

use crate::{ErrorKind, Result};

macro_rules! table {
    (
        $(#[$doc:meta])*
        $name:ident { $( $(#[$cdoc:meta])* $const:ident = $col:literal ),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name(DataFrame);

        impl $name {
            $( $(#[$cdoc])* pub const $const: &'static str = $col; )+
            /// The column names, in order.
            pub const COLUMNS: &'static [&'static str] = &[$($col),+];

            /// The underlying DataFrame.
            pub fn frame(&self) -> &DataFrame {
                &self.0
            }

            /// Unwraps the DataFrame.
            pub fn into_frame(self) -> DataFrame {
                self.0
            }

            /// Number of rows.
            pub fn len(&self) -> usize {
                self.0.height()
            }

            /// Returns true if and only if the table has no rows.
            pub fn is_empty(&self) -> bool {
                self.0.height() == 0
            }
        }

        impl TryFrom<DataFrame> for $name {
            type Error = crate::Error;

            /// Checks that the frame has exactly the documented columns, in order.
            fn try_from(df: DataFrame) -> Result<$name> {
                let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
                if names != Self::COLUMNS {
                    return Err(ErrorKind::Schema(format!(
                        "{}: expected {:?}, found {:?}",
                        stringify!($name),
                        Self::COLUMNS,
                        names
                    ))
                    .into());
                }
                Ok($name(df))
            }
        }

        impl From<$name> for DataFrame {
            fn from(t: $name) -> DataFrame {
                t.0
            }
        }
    };
}

table! {
    /// Term counts per article, long form: one row per (article, term) with count > 0,
    /// articles in input order, terms alphabetical.
    ArticleTermTable {
        /// Article id (str).
        COL_ARTICLE = "article_id",
        /// Term (str).
        COL_TERM = "term",
        /// Occurrences in the article (u64).
        COL_COUNT = "count",
    }
}

table! {
    /// Term (or n-gram) frequencies for the corpus or per group and period. Rows are grouped
    /// by (group, period) in sorted order, then by count descending and term ascending.
    TermTable {
        /// Value of the grouping field (str; null when not grouped by a field).
        COL_GROUP = "group",
        /// Period label such as `2021-10` (str; null when not grouped by period or undated).
        COL_PERIOD = "period",
        /// The term; n-grams have their words joined by one space (str).
        COL_TERM = "term",
        /// Occurrences (u64).
        COL_COUNT = "count",
        /// Number of articles it occurs in (u64).
        COL_DOCUMENTS = "documents",
        /// Occurrences per 10,000 words of the group (f64).
        COL_PER_10K = "per_10k",
        /// 1 for the most frequent term of the group (u32).
        COL_RANK = "rank",
    }
}

table! {
    /// Dispersion of each term over the articles of the corpus (each article is one part).
    DispersionTable {
        /// Term (str).
        COL_TERM = "term",
        /// Occurrences (u64).
        COL_COUNT = "count",
        /// Number of articles it occurs in (u64).
        COL_RANGE = "range",
        /// Juilland's D, 1 = perfectly even (f64; null for fewer than 2 articles).
        COL_JUILLAND_D = "juilland_d",
        /// Gries' DP, 0 = perfectly even (f64).
        COL_DP = "dp",
    }
}

table! {
    /// Top terms by tf-idf per unit (an article, or a group/period treated as one document).
    /// tf = count in the unit, idf = log10(units / units containing the term) (quanteda's
    /// `dfm_tfidf` defaults).
    TfidfTable {
        /// Article id, or group/period label (str).
        COL_UNIT = "unit",
        /// Term (str).
        COL_TERM = "term",
        /// Occurrences in the unit (u64).
        COL_COUNT = "count",
        /// tf × idf (f64).
        COL_TF_IDF = "tf_idf",
        /// 1 for the highest score in the unit (u32).
        COL_RANK = "rank",
    }
}

table! {
    /// Keywords of a target against a reference. Positive keywords first, then negative,
    /// each by G² descending.
    KeynessTable {
        /// Term (str).
        COL_TERM = "term",
        /// Frequency in the target (u64).
        COL_TARGET_COUNT = "target_count",
        /// Frequency in the reference (u64).
        COL_REFERENCE_COUNT = "reference_count",
        /// Per 10,000 target words (f64).
        COL_TARGET_PER_10K = "target_per_10k",
        /// Per 10,000 reference words (f64).
        COL_REFERENCE_PER_10K = "reference_per_10k",
        /// Log-likelihood G², 4-term (f64).
        COL_G2 = "g2",
        /// p-value of G² against χ² with 1 df (f64).
        COL_P = "p",
        /// p-value after the multiple-comparison correction (f64).
        COL_P_ADJUSTED = "p_adjusted",
        /// Hardie's log ratio, log₂ of the ratio of relative frequencies (f64).
        COL_LOG_RATIO = "log_ratio",
        /// Lower bound of its 95% confidence interval (f64).
        COL_LOG_RATIO_LOW = "log_ratio_low",
        /// Upper bound of its 95% confidence interval (f64).
        COL_LOG_RATIO_HIGH = "log_ratio_high",
        /// %DIFF (f64; null when the term is absent from the reference).
        COL_PERCENT_DIFF = "percent_diff",
        /// `positive` (more frequent in the target) or `negative` (str).
        COL_DIRECTION = "direction",
        /// Rank within its direction (u32).
        COL_RANK = "rank",
    }
}

table! {
    /// Collocates of a node (or, for phrase discovery, adjacent word pairs) with association
    /// scores, sorted by the chosen score descending, then collocate.
    CollocationTable {
        /// The node as searched, or the first word of a pair (str).
        COL_NODE = "node",
        /// The collocate, or the second word of a pair (str).
        COL_COLLOCATE = "collocate",
        /// Co-occurrences within the window (u64).
        COL_COOCCURRENCES = "cooccurrences",
        /// Corpus frequency of the node (u64).
        COL_NODE_COUNT = "node_count",
        /// Corpus frequency of the collocate (u64).
        COL_COLLOCATE_COUNT = "collocate_count",
        /// Expected co-occurrences under independence (f64).
        COL_EXPECTED = "expected",
        /// logDice (f64).
        COL_LOG_DICE = "log_dice",
        /// Mutual information (f64).
        COL_MI = "mi",
        /// MI³ (f64).
        COL_MI3 = "mi3",
        /// t-score (f64).
        COL_T_SCORE = "t_score",
        /// Log-likelihood G² (f64).
        COL_LOG_LIKELIHOOD = "log_likelihood",
        /// 1 for the strongest (u32).
        COL_RANK = "rank",
    }
}

table! {
    /// Keyword-in-context lines sorted by source, date, article and offset.
    KwicTable {
        /// Article id (str).
        COL_ARTICLE = "article_id",
        /// Source (str).
        COL_SOURCE = "source",
        /// Publication date as given (str, nullable).
        COL_PUBLISHED = "published",
        /// Byte offset of the match in the article text (u64).
        COL_START = "start",
        /// End byte offset of the match (u64).
        COL_END = "end",
        /// Text before the match, white space collapsed (str).
        COL_LEFT = "left",
        /// The match as written (str).
        COL_MATCH = "match",
        /// Text after the match, white space collapsed (str).
        COL_RIGHT = "right",
    }
}

table! {
    /// Counts and rates of search terms (trend) or dictionary categories per period and group
    /// (or per article), with a row for every combination, zeros included.
    PatternCountTable {
        /// Article id (str; null unless counted per article).
        COL_ARTICLE = "article_id",
        /// Period label (str, nullable).
        COL_PERIOD = "period",
        /// Group value (str, nullable).
        COL_GROUP = "group",
        /// The search term or dictionary category (str).
        COL_TERM = "term",
        /// Matches (u64).
        COL_COUNT = "count",
        /// Words in the period/group/article (u64).
        COL_WORDS = "words",
        /// Matches per 10,000 words (f64; null when there are no words).
        COL_PER_10K = "per_10k",
    }
}

/// Builds a string column.
pub(crate) fn str_col<S: AsRef<str>>(name: &str, values: &[S]) -> Column {
    Column::new(
        name.into(),
        values.iter().map(|s| s.as_ref()).collect::<Vec<&str>>(),
    )
}

/// Builds a nullable string column.
pub(crate) fn opt_str_col(name: &str, values: &[Option<&str>]) -> Column {
    Column::new(name.into(), values)
}

/// Builds a frame from columns of equal length.
pub(crate) fn frame(height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    Ok(DataFrame::new(height, columns)?)
}
