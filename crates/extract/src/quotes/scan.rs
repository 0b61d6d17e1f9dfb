//! Low-level scanning of article text for quote finding: word tokens with byte spans,
//! quotation marks paired into quotes (multi-paragraph and unbalanced cases included),
//! paragraphs and sentences.
//!
//! Everything here works on byte offsets into the original text and never panics on any
//! input: unpaired marks are dropped, not reported.

/// What a token is, as far as quote finding cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters or digits (with inner apostrophes, hyphens, periods).
    Word,
    /// A quotation mark that opens a quote.
    Open,
    /// A quotation mark that closes a quote.
    Close,
    /// Any other punctuation or symbol.
    Punct,
}

/// One token of the article text.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// Lower-cased text, apostrophes unified to `'`.
    pub(crate) lower: String,
    /// True if and only if the token starts with an upper-case letter.
    pub(crate) cap: bool,
    /// Index of the quote ([`Scan::quotes`]) the token lies inside, if any.
    pub(crate) in_quote: Option<usize>,
    /// Index of the sentence the token belongs to.
    pub(crate) sent: usize,
    /// Index of the paragraph the token belongs to.
    pub(crate) para: usize,
}

impl Tok {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A quote found between a pair of quotation marks.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub(crate) open: usize,
    /// Byte offset just after the closing mark (or the end of the content when unclosed).
    pub(crate) close: usize,
    /// Content start (after the opening mark).
    pub(crate) start: usize,
    /// Content end (before the closing mark).
    pub(crate) end: usize,
    /// Token index of the opening mark.
    pub(crate) open_tok: usize,
    /// Token index of the closing mark, or of the last content token when unclosed.
    pub(crate) close_tok: usize,
    /// True if and only if this quote continues the previous one after a paragraph break
    /// (the previous paragraph ended without closing it).
    pub(crate) continues: bool,
    /// Number of word tokens inside.
    pub(crate) words: usize,
}

/// A sentence: token range and byte range.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub(crate) first: usize,
    /// One past the last token.
    pub(crate) last: usize,
}

/// The scanned article.
#[derive(Debug, Clone)]
pub(crate) struct Scan {
    pub(crate) toks: Vec<Tok>,
    pub(crate) quotes: Vec<QuoteSpan>,
    pub(crate) sents: Vec<Sentence>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

const DQ_OPEN: [char; 3] = ['\u{201c}', '\u{201e}', '\u{00ab}'];
const DQ_CLOSE: [char; 2] = ['\u{201d}', '\u{00bb}'];

/// Splits `text` into raw tokens (words and single punctuation characters, `` and '' as one).
fn raw_tokens(text: &str) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                // inner apostrophe, hyphen, period or ampersand followed by a letter/digit
                if matches!(cj, '\'' | '\u{2019}' | '-' | '.' | '&')
                    && j + 1 < n
                    && is_word_char(chars[j + 1].1)
                {
                    j += 2;
                    continue;
                }
                break;
            }
            // keep a final period of an abbreviation (U.S., Mr.) with the word: a single
            // capital letter or a dotted form before it
            if j < n && chars[j].1 == '.' {
                let w = &text[b..byte_at(j)];
                if w.contains('.') || is_abbreviation(w) {
                    j += 1;
                }
            }
            out.push((b, byte_at(j), Kind::Word));
            i = j;
            continue;
        }
        // `` and '' (PTB / IEER)
        if (c == '`' || c == '\'') && i + 1 < n && chars[i + 1].1 == c {
            // `` always opens; '' closes, or opens where the text uses it on both sides
            // (the New York Times archive writes ''quote'')
            let kind = if c == '`' {
                Kind::Open
            } else {
                let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
                let next = if i + 2 < n {
                    Some(chars[i + 2].1)
                } else {
                    None
                };
                match straight_kind(prev, next) {
                    Kind::Open => Kind::Open,
                    _ => Kind::Close,
                }
            };
            out.push((b, byte_at(i + 2), kind));
            i += 2;
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let next = if i + 1 < n {
            Some(chars[i + 1].1)
        } else {
            None
        };
        let kind = if DQ_OPEN.contains(&c) {
            Kind::Open
        } else if DQ_CLOSE.contains(&c) {
            Kind::Close
        } else if c == '"' {
            straight_kind(prev, next)
        } else {
            Kind::Punct
        };
        out.push((b, byte_at(i + 1), kind));
        i += 1;
    }
    out
}

/// Decides whether a straight `"` opens or closes a quote from its neighbours.
fn straight_kind(prev: Option<char>, next: Option<char>) -> Kind {
    let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}-/:".contains(p));
    let next_space = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}".contains(n));
    match (prev_space, next_space) {
        (true, false) => Kind::Open,
        (false, true) => Kind::Close,
        (true, true) => Kind::Punct,
        (false, false) => Kind::Close,
    }
}

/// Abbreviations whose final period does not end a sentence.
pub(crate) fn is_abbreviation(w: &str) -> bool {
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Prof"
            | "Rev"
            | "St"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "vs"
            | "No"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Ariz"
            | "Calif"
            | "Fla"
            | "Mass"
            | "Penn"
            | "Va"
            | "Wis"
            | "Ill"
            | "Mich"
            | "Minn"
            | "Tenn"
            | "Ky"
            | "Ga"
            | "La"
            | "Ala"
            | "Conn"
            | "Colo"
            | "Ore"
            | "Wash"
            | "Okla"
            | "Nev"
            | "Md"
            | "Mo"
            | "Ind"
    )
}

fn is_para_break(text: &str, from: usize, to: usize) -> bool {
    // two newlines in the gap, or a newline followed by indentation (IEER paragraphs)
    let gap = text.get(from..to).unwrap_or("");
    let mut newlines = 0;
    let mut after_nl_indent = false;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            after_nl_indent = false;
        } else if newlines > 0 && (c == '\t' || c == ' ') {
            after_nl_indent = true;
        }
    }
    newlines >= 2 || (newlines == 1 && after_nl_indent && gap.contains('\t'))
}

/// Scans the text: tokens, quotes, paragraphs and sentences.
pub(crate) fn scan(text: &str) -> Scan {
    let raw = raw_tokens(text);
    let mut toks: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut para = 0;
    for (k, &(s, e, kind)) in raw.iter().enumerate() {
        if k > 0 && is_para_break(text, raw[k - 1].1, s) {
            para += 1;
        }
        let t = &text[s..e];
        let lower = t.to_lowercase().replace('\u{2019}', "'");
        let cap = t.chars().next().is_some_and(char::is_uppercase);
        toks.push(Tok {
            start: s,
            end: e,
            kind,
            lower,
            cap,
            in_quote: None,
            sent: 0,
            para,
        });
    }
    let quotes = pair_quotes(text, &mut toks);
    for (qi, q) in quotes.iter().enumerate() {
        for t in toks.iter_mut().take(q.close_tok + 1).skip(q.open_tok) {
            t.in_quote = Some(qi);
        }
    }
    let sents = sentences(&mut toks);
    Scan {
        toks,
        quotes,
        sents,
    }
}

/// Pairs opening and closing marks into quotes. Single curly quotes pair only outside
/// double quotes (headlines quote with them).
fn pair_quotes(text: &str, toks: &mut [Tok]) -> Vec<QuoteSpan> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None; // token index of the open mark
    let mut continues = false; // the open quote continues one from the previous paragraph
    let mut k = 0;
    while k < toks.len() {
        let kind = toks[k].kind;
        if let Some(o) = open
            && toks[k].para != toks[o].para
        {
            // a paragraph break while a quote is open: the quote runs to the paragraph end
            if k - 1 > o {
                push_quote(text, toks, &mut quotes, o, k - 1, false, continues);
            }
            open = None;
            continues = false;
            // a new paragraph that reopens it continues the same quote
            if kind == Kind::Open {
                open = Some(k);
                continues = true;
                k += 1;
                continue;
            }
        }
        match kind {
            Kind::Open => {
                // an open inside an open quote in the same paragraph: a stray mark, restart
                open = Some(k);
                continues = false;
            }
            Kind::Close => {
                if let Some(o) = open {
                    if k > o + 1 {
                        push_quote(text, toks, &mut quotes, o, k, true, continues);
                    }
                    open = None;
                    continues = false;
                } else if toks[k].lower == "\"" || toks[k].lower == "''" {
                    // straight mark read as closing with nothing open: treat as opening
                    toks[k].kind = Kind::Open;
                    open = Some(k);
                }
            }
            _ => {}
        }
        k += 1;
    }
    if let Some(o) = open {
        let last = toks.len() - 1;
        if last > o {
            push_quote(text, toks, &mut quotes, o, last, false, continues);
        }
    }
    single_quotes(text, toks, &mut quotes);
    quotes.sort_by_key(|q| q.open);
    quotes
}

#[allow(clippy::too_many_arguments)]
fn push_quote(
    text: &str,
    toks: &[Tok],
    quotes: &mut Vec<QuoteSpan>,
    o: usize,
    c: usize,
    closed: bool,
    continues: bool,
) {
    let start = toks[o].end;
    let (end, close) = if closed {
        (toks[c].start, toks[c].end)
    } else {
        (toks[c].end, toks[c].end)
    };
    if end <= start {
        return;
    }
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if e <= s {
        return;
    }
    let words = toks[o..=c].iter().filter(|t| t.is_word()).count();
    quotes.push(QuoteSpan {
        open: toks[o].start,
        close,
        start: s,
        end: e,
        open_tok: o,
        close_tok: c,
        continues,
        words,
    });
}

/// Pairs ‘ … ’ outside double quotes: ‘ opens before a letter, ’ closes when not followed by
/// a letter (an apostrophe inside a word is part of the word token already).
fn single_quotes(text: &str, toks: &mut [Tok], quotes: &mut Vec<QuoteSpan>) {
    let inside = |quotes: &[QuoteSpan], b: usize| quotes.iter().any(|q| q.open <= b && b < q.close);
    let mut open: Option<usize> = None;
    let mut found = Vec::new();
    for k in 0..toks.len() {
        let t = &toks[k];
        if t.kind != Kind::Punct {
            continue;
        }
        let s = &text[t.start..t.end];
        if s == "\u{2018}" && !inside(quotes, t.start) {
            open = Some(k);
        } else if s == "\u{2019}" {
            if let Some(o) = open
                && toks[o].para == t.para
                && k > o + 1
            {
                found.push((o, k));
            }
            open = None;
        }
    }
    for (o, c) in found {
        toks[o].kind = Kind::Open;
        toks[c].kind = Kind::Close;
        push_quote(text, toks, quotes, o, c, true, false);
    }
}

/// Assigns sentences: a sentence ends after `.`, `?`, `!` (plus closing marks) when the next
/// token starts a new sentence, and at every paragraph break. Terminators inside quotes end
/// the sentence only when the quote closes right after them.
fn sentences(toks: &mut [Tok]) -> Vec<Sentence> {
    let mut sents = Vec::new();
    let mut first = 0;
    let n = toks.len();
    let mut k = 0;
    while k < n {
        let mut end_here = false;
        let mut last = k; // last token of the sentence if it ends here
        if k + 1 < n && toks[k + 1].para != toks[k].para {
            end_here = true;
        } else if toks[k].kind == Kind::Punct && matches!(toks[k].lower.as_str(), "." | "?" | "!") {
            // absorb closing quote marks and brackets
            let mut j = k;
            while j + 1 < n
                && (toks[j + 1].kind == Kind::Close
                    || matches!(toks[j + 1].lower.as_str(), ")" | "]"))
                && toks[j + 1].para == toks[k].para
            {
                j += 1;
            }
            let next_starts = j + 1 >= n || {
                let nx = &toks[j + 1];
                nx.cap
                    || nx.kind == Kind::Open
                    || nx.lower.starts_with(|c: char| c.is_ascii_digit())
            };
            // a terminator inside a quote that goes on does not end the sentence: the whole
            // quote stays in one sentence with its cue
            let quote_goes_on =
                toks[k].in_quote.is_some() && j + 1 < n && toks[j + 1].in_quote == toks[k].in_quote;
            if next_starts && !quote_goes_on {
                end_here = true;
                last = j;
            }
        }
        if end_here || k + 1 == n {
            let last = last.max(k);
            sents.push((first, last + 1));
            first = last + 1;
            k = last + 1;
            continue;
        }
        k += 1;
    }
    let mut out = Vec::with_capacity(sents.len());
    for (i, &(f, l)) in sents.iter().enumerate() {
        if f >= l {
            continue;
        }
        for t in toks.iter_mut().take(l).skip(f) {
            t.sent = out.len();
        }
        let _ = i;
        out.push(Sentence { first: f, last: l });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes_of(text: &str) -> Vec<&str> {
        let s = scan(text);
        s.quotes.iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn curly_straight_and_ptb_quotes_pair() {
        assert_eq!(
            quotes_of("He said “we will win.” Then"),
            vec!["we will win."]
        );
        assert_eq!(
            quotes_of("He said \"we will win,\" and left"),
            vec!["we will win,"]
        );
        assert_eq!(
            quotes_of("He said ``we will win,'' and left"),
            vec!["we will win,"]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "“First part.\n\n“Second part,” he said.";
        let s = scan(t);
        assert_eq!(s.quotes.len(), 2);
        assert!(s.quotes[1].continues);
        assert_eq!(&t[s.quotes[0].start..s.quotes[0].end], "First part.");
    }

    #[test]
    fn unbalanced_marks_do_not_panic() {
        for t in [
            "\"",
            "“",
            "”",
            "a ” b “",
            "``",
            "''",
            "“a\n\n",
            "x \" y \" z \"",
        ] {
            let _ = scan(t);
        }
    }

    #[test]
    fn sentences_split_after_quotes_and_not_after_mr() {
        let t = "Mr. Smith said “go.” Then he left. U.S. officials agreed.";
        let s = scan(t);
        let texts: Vec<&str> = s
            .sents
            .iter()
            .map(|x| &t[s.toks[x.first].start..s.toks[x.last - 1].end])
            .collect();
        assert_eq!(
            texts,
            vec![
                "Mr. Smith said “go.”",
                "Then he left.",
                "U.S. officials agreed."
            ]
        );
    }
}
