//! Token streams for the passes that need positions (collocations, KWIC, pattern counts).

use crate::analyze::{Analyzer, Kind, scan};
use crate::intern::Interner;
use crate::pattern::Pattern;

/// One token of an article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Surface id in [`Vocab::surf`].
    pub(crate) surf: u32,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Punctuation before it (phrases do not cross it).
    pub(crate) boundary: bool,
}

/// Per-surface information, computed once per distinct form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Info {
    /// Id in [`Vocab::canon`] (stemmed form).
    pub(crate) canon: u32,
    /// Id in [`Vocab::norm`].
    pub(crate) norm: u32,
    /// Counted as a term under the options (not a dropped stop word or number, passes the
    /// term filter).
    pub(crate) counted: bool,
}

/// A worker's vocabulary of surface and counted forms.
pub(crate) struct Vocab<'a> {
    pub(crate) an: &'a Analyzer,
    pub(crate) surf: Interner,
    pub(crate) canon: Interner,
    /// Normalised (unstemmed) forms, which patterns match.
    pub(crate) norm: Interner,
    pub(crate) info: Vec<Info>,
    /// For each surface id, the indexes of patterns whose first word matches it.
    pub(crate) first: Vec<Vec<u32>>,
    patterns: &'a [Pattern],
}

impl<'a> Vocab<'a> {
    pub(crate) fn new(an: &'a Analyzer, patterns: &'a [Pattern]) -> Vocab<'a> {
        Vocab {
            an,
            surf: Interner::default(),
            canon: Interner::default(),
            norm: Interner::default(),
            info: Vec::new(),
            first: Vec::new(),
            patterns,
        }
    }

    /// Tokenises `text` into `out` (cleared first).
    pub(crate) fn tokens(&mut self, text: &str, out: &mut Vec<Tok>) {
        out.clear();
        let an = self.an;
        let Vocab {
            surf,
            canon,
            norm,
            info,
            first,
            patterns,
            ..
        } = self;
        scan(&an.tokenizer, text, |t| {
            let (sid, new) = surf.intern(t.raw);
            if new {
                let n = an.normalize(t.raw);
                let c = canon.intern(&an.canonical(&n)).0;
                let drop_number = !an.opts.numbers && t.kind == Kind::Number;
                let dropped = drop_number || (an.opts.drop_stopwords && an.is_stopword(&n));
                let counted = !dropped && an.passes_filter(canon.resolve(c));
                first.push(
                    patterns
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.matches_first(&n))
                        .map(|(i, _)| i as u32)
                        .collect(),
                );
                info.push(Info {
                    canon: c,
                    norm: norm.intern(&n).0,
                    counted,
                });
            }
            out.push(Tok {
                surf: sid,
                start: t.start,
                end: t.end,
                boundary: t.boundary,
            });
        });
    }

    /// If pattern `p` matches at token `i`, the index one past its last token.
    pub(crate) fn match_at(&self, toks: &[Tok], i: usize, p: u32) -> Option<usize> {
        let pat = &self.patterns[p as usize];
        let n = pat.len();
        if i + n > toks.len() {
            return None;
        }
        if n == 1 {
            return Some(i + 1);
        }
        for (j, t) in toks[i + 1..i + n].iter().enumerate() {
            if t.boundary
                || !pat.word_matches(j + 1, self.norm.resolve(self.info[t.surf as usize].norm))
            {
                return None;
            }
        }
        Some(i + n)
    }
}
