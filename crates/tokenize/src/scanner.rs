//! The hand-written scanner: finds token boundaries and kinds without allocating.
//!
//! It walks the bytes of the text, decoding a `char` only when it meets a non-ASCII byte, and
//! yields [`RawToken`]s (a byte range, a kind and whether a final period belongs to an
//! abbreviation). Normalisation happens later, in `tokenizer.rs`, on the span's text only.
//!
//! Every branch moves forward by at least one character, and the look-aheads that could be
//! long (e-mail local parts, domain labels) remember how far they got when they fail, so a
//! text is scanned in linear time whatever it contains.

use gazette_types::TokenKind;

use crate::lexicon;

/// A token before normalisation: where it is and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawToken {
    /// First byte.
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
    /// Token kind.
    pub(crate) kind: TokenKind,
    /// True when the token ends with a period that belongs to it: an abbreviation (`Gen.`),
    /// an initialism (`U.S.`) or an initial (`J.`).
    pub(crate) abbrev: bool,
}

/// Iterator over the raw tokens of a text.
pub(crate) struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    split_possessive: bool,
    /// No e-mail address starts before this byte (a failed look-ahead reached it).
    email_fail_until: usize,
    /// No scheme-less address starts before this byte.
    domain_fail_until: usize,
}

impl<'t> Scanner<'t> {
    /// Scans `text`; `split_possessive` makes `Russia's` two tokens, `Russia` and `'s`.
    pub(crate) fn new(text: &'t str, split_possessive: bool) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            split_possessive,
            email_fail_until: 0,
            domain_fail_until: 0,
        }
    }

    /// The character at byte `i` and its length in bytes, or `None` at the end.
    #[inline]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let b = *self.bytes.get(i)?;
        if b < 0x80 {
            Some((b as char, 1))
        } else {
            // `i` is always on a char boundary: every step moves by whole characters.
            let c = self.text[i..].chars().next()?;
            Some((c, c.len_utf8()))
        }
    }

    /// The character ending at byte `i`, if any.
    #[inline]
    fn char_before(&self, i: usize) -> Option<char> {
        let b = *self.bytes.get(i.checked_sub(1)?)?;
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[..i].chars().next_back()
        }
    }

    #[inline]
    fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// End of the run of word characters starting at `i`.
    #[inline]
    fn word_run(&self, mut i: usize, has_letter: &mut bool) -> usize {
        loop {
            let b = self.byte(i);
            if b.is_ascii_alphabetic() {
                *has_letter = true;
                i += 1;
            } else if b.is_ascii_digit() {
                i += 1;
            } else if b >= 0x80 {
                match self.char_at(i) {
                    Some((c, l)) if is_word_char(c) => {
                        *has_letter |= c.is_alphabetic();
                        i += l;
                    }
                    _ => return i,
                }
            } else {
                return i;
            }
        }
    }

    /// True when the apostrophe at `i` starts a possessive or clitic `'s` that ends the word.
    fn is_possessive_suffix(&self, i: usize) -> bool {
        let Some((a, al)) = self.char_at(i) else {
            return false;
        };
        if !is_apostrophe(a) || !matches!(self.byte(i + al), b's' | b'S') {
            return false;
        }
        match self.char_at(i + al + 1) {
            None => true,
            Some((c, _)) => !is_word_char(c),
        }
    }

    /// A word segment: word characters, joined across inner apostrophes (`don't`, `O'Brien`).
    fn word_segment(&self, mut i: usize, has_letter: &mut bool) -> usize {
        loop {
            i = self.word_run(i, has_letter);
            match self.char_at(i) {
                Some((a, al)) if is_apostrophe(a) => match self.char_at(i + al) {
                    Some((c, _)) if c.is_alphabetic() => {
                        if self.split_possessive && self.is_possessive_suffix(i) {
                            return i;
                        }
                        i += al;
                    }
                    _ => return i,
                },
                _ => return i,
            }
        }
    }

    /// A number segment: digits with thousands separators (`1,389`), decimals (`3.5`),
    /// times and fractions (`14:15`, `9/11`), then a letter suffix (`bn`, `th`, `s`) and `%`.
    fn number_segment(&self, mut i: usize, has_letter: &mut bool) -> usize {
        loop {
            loop {
                let b = self.byte(i);
                if b.is_ascii_digit() {
                    i += 1;
                } else if b >= 0x80 {
                    match self.char_at(i) {
                        Some((c, l)) if c.is_numeric() => i += l,
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let b = self.byte(i);
            let digit = |k: usize| self.byte(k).is_ascii_digit();
            if b == b',' && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
                i += 4;
                continue;
            }
            if matches!(b, b'.' | b':' | b'/') && digit(i + 1) {
                i += 1;
                continue;
            }
            break;
        }
        i = self.word_segment(i, has_letter);
        if self.byte(i) == b'%' {
            i += 1;
        } else if let Some(('‰' | '‱', l)) = self.char_at(i) {
            i += l;
        }
        i
    }

    /// Words, numbers and hyphenated compounds of both (`Kramp-Karrenbauer`, `Zapad-2021`,
    /// `$5`, `£1.2bn`), plus abbreviations, initialisms and initials with their period.
    fn compound(&self, start: usize, body: usize, currency: bool) -> RawToken {
        let mut has_letter = false;
        let mut i = body;
        let mut segments = 0;
        let digit_led = self.char_at(body).is_some_and(|(c, _)| c.is_numeric());
        loop {
            let numeric = self.char_at(i).is_some_and(|(c, _)| c.is_numeric());
            let seg_start = i;
            i = if numeric {
                self.number_segment(i, &mut has_letter)
            } else {
                self.word_segment(i, &mut has_letter)
            };
            segments += 1;
            if segments == 1
                && !numeric
                && !currency
                && self.byte(i) == b'.'
                && let Some(end) = self.abbreviation(seg_start, i)
            {
                return RawToken {
                    start,
                    end,
                    kind: TokenKind::Word,
                    abbrev: self.byte(end - 1) == b'.',
                };
            }
            match self.char_at(i) {
                Some((h, hl)) if is_hyphen(h) => match self.char_at(i + hl) {
                    Some((c, _)) if is_word_char(c) => i += hl,
                    _ => break,
                },
                _ => break,
            }
        }
        let kind = if currency || (digit_led && segments == 1) || !has_letter {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        RawToken {
            start,
            end: i,
            kind,
            abbrev: false,
        }
    }

    /// The end of an abbreviation, initialism or initial whose first letters are
    /// `start..dot` (`dot` holds a period), or `None` when the period is not part of a word.
    fn abbreviation(&self, start: usize, dot: usize) -> Option<usize> {
        let word = &self.text[start..dot];
        // Nothing below takes a word of more than eight bytes: an initialism's groups have two
        // letters at most, the longest abbreviation (`Messrs`, `approx`) has six, and an
        // initial one. Most sentences end with a longer word.
        if word.len() > 8 {
            return None;
        }
        let letters = word.chars().count();
        // Initialisms: `U.S.`, `e.g.`, `Ph.D.`, `a.m.`, `U.S.A.`: groups of one or two letters,
        // each followed by a period.
        if letters <= 2
            && word.chars().all(char::is_alphabetic)
            && self
                .char_at(dot + 1)
                .is_some_and(|(c, _)| c.is_alphabetic())
        {
            let mut i = start;
            let mut groups = 0;
            let mut dotted = 0;
            let mut dotted_end = start;
            let mut single_upper = true;
            loop {
                let mut n = 0;
                while n < 2 {
                    match self.char_at(i) {
                        Some((c, l)) if c.is_alphabetic() => {
                            single_upper &= c.is_uppercase();
                            i += l;
                            n += 1;
                        }
                        _ => break,
                    }
                }
                // A longer group (`co.uk`, `U.S.Army`) is not part of the initialism.
                if n == 0 || self.char_at(i).is_some_and(|(c, _)| is_word_char(c)) {
                    break;
                }
                single_upper &= n == 1;
                groups += 1;
                if self.byte(i) == b'.' {
                    i += 1;
                    dotted += 1;
                    dotted_end = i;
                } else {
                    // `U.S` without the final period.
                    if groups >= 2 && single_upper {
                        return Some(i);
                    }
                    break;
                }
            }
            if dotted >= 2 {
                return Some(dotted_end);
            }
        }
        if lexicon::is_abbreviation(word) {
            return Some(dot + 1);
        }
        // `No. 5`, `Nos. 3 and 4`: only before a number.
        if word == "No" || word == "no" {
            let mut j = dot + 1;
            while self.byte(j) == b' ' {
                j += 1;
            }
            if j > dot + 1 && self.byte(j).is_ascii_digit() {
                return Some(dot + 1);
            }
        }
        // Initials: `J. R. R. Tolkien`, `George W. Bush`; not the last letter of `AT&T.`.
        if letters == 1
            && word.chars().all(char::is_uppercase)
            && !self
                .char_before(start)
                .is_some_and(|c| !is_space(c) && !matches!(c, '(' | '[' | '"' | '“' | '‘'))
        {
            return Some(dot + 1);
        }
        None
    }

    /// An address with a scheme or `www.` at `start`: `https://www.wsws.org/contact`.
    fn url_with_scheme(&self, start: usize) -> Option<usize> {
        let rest = &self.bytes[start..];
        let prefix = [&b"https://"[..], b"http://", b"ftp://", b"www."]
            .into_iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?;
        let body = start + prefix.len();
        if !self.byte(body).is_ascii_alphanumeric() {
            return None;
        }
        Some(self.url_tail(body))
    }

    /// Consumes the rest of an address from `i`: up to white space or a quote, then gives
    /// back trailing punctuation and unbalanced closing brackets.
    fn url_tail(&self, mut i: usize) -> usize {
        let start = i;
        // Brackets opened inside the address may close inside it (Wikipedia titles); a closing
        // bracket with no opener ends it (`[wsws.org/contact](https://…)` in Markdown).
        let (mut parens, mut squares) = (0usize, 0usize);
        while let Some((c, l)) = self.char_at(i) {
            if c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '`')
            {
                break;
            }
            match c {
                '(' => parens += 1,
                '[' => squares += 1,
                ')' if parens == 0 => break,
                ']' if squares == 0 => break,
                ')' => parens -= 1,
                ']' => squares -= 1,
                _ => {}
            }
            i += l;
        }
        loop {
            let s = &self.text[start..i];
            let Some(last) = s.chars().next_back() else {
                break;
            };
            let strip = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
                ')' => s.matches('(').count() < s.matches(')').count(),
                ']' => s.matches('[').count() < s.matches(']').count(),
                _ => false,
            };
            if !strip {
                break;
            }
            i -= last.len_utf8();
        }
        i
    }

    /// End of a domain starting at `i` (labels of ASCII letters, digits and `-` joined by
    /// `.`), with the byte where the look-ahead stopped. The end is after the last label
    /// (from the second on) for which `accept` holds.
    fn domain(&self, mut i: usize, accept: impl Fn(&[u8]) -> bool) -> (Option<usize>, usize) {
        let mut labels = 0;
        let mut end = None;
        loop {
            let ls = i;
            while self.byte(i).is_ascii_alphanumeric() || self.byte(i) == b'-' {
                i += 1;
            }
            if i == ls {
                break;
            }
            labels += 1;
            if labels >= 2 && accept(&self.bytes[ls..i]) {
                end = Some(i);
            }
            if self.byte(i) == b'.' && self.byte(i + 1).is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        (end, i)
    }

    /// A scheme-less address at `start`: `wsws.org/contact`, `bbc.co.uk`.
    fn bare_domain(&mut self, start: usize) -> Option<usize> {
        if start < self.domain_fail_until {
            return None;
        }
        let (end, reached) = self.domain(start, lexicon::is_tld);
        let end = end.filter(|&e| match self.char_at(e) {
            None => true,
            Some((c, _)) => !is_word_char(c) && c != '@',
        });
        let Some(end) = end else {
            self.domain_fail_until = reached;
            return None;
        };
        if self.byte(end) == b'/' {
            Some(self.url_tail(end).max(end))
        } else {
            Some(end)
        }
    }

    /// An e-mail address at `start`.
    fn email(&mut self, start: usize) -> Option<usize> {
        if start < self.email_fail_until {
            return None;
        }
        let mut j = start;
        while self.byte(j).is_ascii_alphanumeric()
            || matches!(self.byte(j), b'.' | b'_' | b'%' | b'+' | b'-')
        {
            j += 1;
        }
        if self.byte(j) != b'@' || self.byte(j - 1) == b'.' {
            self.email_fail_until = j;
            return None;
        }
        let (end, _) = self.domain(j + 1, |l| {
            l.len() >= 2 && l.iter().all(u8::is_ascii_alphabetic)
        });
        if end.is_none() {
            self.email_fail_until = j;
        }
        end
    }

    /// A token that starts with a word character.
    fn wordlike(&mut self, start: usize, first: char) -> RawToken {
        let tok = |end, kind| RawToken {
            start,
            end,
            kind,
            abbrev: false,
        };
        if matches!(first, 'h' | 'H' | 'w' | 'W' | 'f' | 'F')
            && let Some(end) = self.url_with_scheme(start)
        {
            return tok(end, TokenKind::Url);
        }
        if first.is_ascii_alphanumeric() {
            let mut i = start + 1;
            while self.byte(i).is_ascii_alphanumeric() {
                i += 1;
            }
            let next = self.byte(i);
            if matches!(next, b'.' | b'_' | b'%' | b'+' | b'-' | b'@')
                && let Some(end) = self.email(start)
            {
                return tok(end, TokenKind::Email);
            }
            if matches!(next, b'.' | b'-')
                && let Some(end) = self.bare_domain(start)
            {
                return tok(end, TokenKind::Url);
            }
        }
        self.compound(start, start, false)
    }

    /// A plain ASCII word at `start` (first character `first`): a letter, then ASCII letters
    /// and digits, then the end of the text or an ASCII byte that no rule of
    /// [`Scanner::wordlike`] continues a token with (`.` abbreviations, domains and e-mail
    /// addresses, `-` compounds, `'` inner apostrophes and possessives, `:` URL schemes,
    /// `_ % + @` e-mail addresses); or such a word before a period and white space (the end
    /// of a sentence, or an abbreviation: no address or compound goes on after it). Most
    /// words of news text are plain; for them this gives what `wordlike` gives, without its
    /// look-aheads.
    #[inline]
    fn plain_word(&self, start: usize, first: char) -> Option<RawToken> {
        if !first.is_ascii_alphabetic() {
            return None;
        }
        let i = ascii_alnum_end(self.bytes, start + 1);
        let next = self.byte(i);
        let word = |end| RawToken {
            start,
            end,
            kind: TokenKind::Word,
            abbrev: false,
        };
        if next < 0x80 && !matches!(next, b'.' | b'-' | b'\'' | b':' | b'_' | b'%' | b'+' | b'@') {
            return Some(word(i));
        }
        if next == b'.' && matches!(self.byte(i + 1), b' ' | b'\n' | b'\t' | b'\r' | 0) {
            // What `compound` does with a first segment that ends at a period.
            return Some(match self.abbreviation(start, i) {
                Some(end) => RawToken {
                    abbrev: self.byte(end - 1) == b'.',
                    ..word(end)
                },
                None => word(i),
            });
        }
        None
    }

    /// Punctuation and symbols, one character each, except runs of `.`, `!`/`?` and `-`.
    fn punct(&self, start: usize, c: char, l: usize) -> RawToken {
        let run = |same: fn(u8) -> bool| {
            let mut i = start + 1;
            while same(self.byte(i)) {
                i += 1;
            }
            i
        };
        let end = match c {
            '.' => run(|b| b == b'.'),
            '!' | '?' => run(|b| b == b'!' || b == b'?'),
            '-' => run(|b| b == b'-'),
            _ => start + l,
        };
        RawToken {
            start,
            end,
            kind: if is_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            },
            abbrev: false,
        }
    }
}

impl Iterator for Scanner<'_> {
    type Item = RawToken;

    /// Plain words after ASCII white space, most tokens of news text, are found here, inlined
    /// into the caller's loop; everything else in [`Scanner::next_token`].
    #[inline(always)]
    fn next(&mut self) -> Option<RawToken> {
        while matches!(self.byte(self.pos), b' ' | b'\n' | b'\t' | b'\r') {
            self.pos += 1;
        }
        let start = self.pos;
        let first = self.byte(start);
        if first.is_ascii_alphabetic()
            && let Some(tok) = self.plain_word(start, first as char)
        {
            self.pos = tok.end;
            return Some(tok);
        }
        self.next_token()
    }
}

impl Scanner<'_> {
    /// The next token, whatever it is.
    #[inline(never)]
    fn next_token(&mut self) -> Option<RawToken> {
        let (start, c, l) = loop {
            let (c, l) = self.char_at(self.pos)?;
            if is_space(c) {
                self.pos += l;
            } else {
                break (self.pos, c, l);
            }
        };
        let tok = if let Some(tok) = self.plain_word(start, c) {
            tok
        } else if c.is_ascii_alphanumeric() || (!c.is_ascii() && is_word_char(c)) {
            self.wordlike(start, c)
        } else if self.split_possessive
            && is_apostrophe(c)
            && self.char_before(start).is_some_and(is_word_char)
            && self.is_possessive_suffix(start)
        {
            RawToken {
                start,
                end: start + l + 1,
                kind: TokenKind::Word,
                abbrev: false,
            }
        } else if is_currency(c) && self.byte(start + l).is_ascii_digit() {
            self.compound(start, start + l, true)
        } else if (c == '#' || c == '@')
            && !self.char_before(start).is_some_and(is_word_char)
            && self
                .char_at(start + 1)
                .is_some_and(|(n, _)| is_word_char(n))
        {
            let mut has_letter = false;
            let mut i = start + 1;
            loop {
                i = self.word_run(i, &mut has_letter);
                if self.byte(i) == b'_' && self.char_at(i + 1).is_some_and(|(n, _)| is_word_char(n))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            if c == '#' && !has_letter {
                self.punct(start, c, l)
            } else {
                RawToken {
                    start,
                    end: i,
                    kind: if c == '#' {
                        TokenKind::Hashtag
                    } else {
                        TokenKind::Mention
                    },
                    abbrev: false,
                }
            }
        } else {
            self.punct(start, c, l)
        };
        debug_assert!(tok.end > tok.start && tok.start == start);
        self.pos = tok.end;
        Some(tok)
    }
}

/// The end of the run of ASCII letters and digits from byte `i`: eight bytes at a time
/// where the text has them (bit tricks on a `u64`, no branch per byte), then a byte at a time.
#[inline]
fn ascii_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    use gazette_types::swar::{HIGH, between};
    while let Some(chunk) = bytes.get(i..i + 8) {
        let raw = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // Bytes of 0x80 and up are not ASCII: cleared to 0 (not alphanumeric) for the
        // arithmetic, which then never carries from one byte into the next.
        let ascii = !raw & HIGH;
        let x = raw & !HIGH;
        // Letters of either case: 0x20 added to every lane makes capitals lower case.
        let lower = x | 0x2020_2020_2020_2020;
        let alnum = (between(x, b'0', b'9') | between(lower, b'a', b'z')) & ascii;
        let stop = !alnum & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Returns true if and only if `c` separates tokens and is never part of one.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// Letters, digits, combining marks and the joiners that occur inside words.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General punctuation (curly quotes, dashes, ellipsis) is common in news and never
    // alphanumeric: answer without the slow Unicode table lookup.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return matches!(c, '\u{200C}' | '\u{200D}');
    }
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Apostrophes: straight, right single quote (the typographic apostrophe), modifier letter.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that join compounds. En and em dashes do not.
#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Currency signs that start a number (`$5`, `£1.2bn`).
#[inline]
fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '£'
            | '€'
            | '¥'
            | '₹'
            | '₽'
            | '₩'
            | '₪'
            | '₺'
            | '₴'
            | '¢'
            | '₦'
            | '₱'
            | '₫'
            | '฿'
            | '₣'
            | '₤'
    )
}

/// Unicode punctuation (general category P), approximately; other non-word characters are
/// symbols.
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '#'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
        );
    }
    matches!(c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{037E}' | '\u{0387}' | '\u{055A}'..='\u{055F}' | '\u{0589}' | '\u{05BE}' | '\u{05C0}'
        | '\u{05C3}' | '\u{05F3}' | '\u{05F4}' | '\u{060C}' | '\u{061B}' | '\u{061F}'
        | '\u{066A}'..='\u{066D}' | '\u{06D4}' | '\u{0964}' | '\u{0965}' | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}' | '\u{2053}'..='\u{205E}'
        | '\u{2E00}'..='\u{2E4F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FE50}'..='\u{FE61}' | '\u{FE63}' | '\u{FE68}' | '\u{FE6A}' | '\u{FE6B}'
        | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}' | '\u{FF0C}'..='\u{FF0F}'
        | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}' | '\u{FF3F}'
        | '\u{FF5B}' | '\u{FF5D}' | '\u{FF5F}'..='\u{FF65}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value, at every position of the first and second eight-byte chunk and of the
    /// byte-at-a-time tail, ends a run exactly where a byte-by-byte walk says.
    #[test]
    fn ascii_alnum_end_agrees_with_a_byte_walk() {
        let walk = |bytes: &[u8], mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            i
        };
        for b in 0..=255u8 {
            for pos in 0..20 {
                for len in [pos + 1, pos + 3, 24] {
                    let mut bytes: Vec<u8> =
                        b"aZ09zA9yqQ0bcdefghijklmnopq"[..len.max(pos + 1)].to_vec();
                    bytes[pos] = b;
                    for start in [0, 1, 5] {
                        assert_eq!(
                            ascii_alnum_end(&bytes, start),
                            walk(&bytes, start),
                            "byte {b:#x} at {pos}, length {len}, from {start}"
                        );
                    }
                }
            }
        }
    }
    use proptest::prelude::*;

    /// Every start where `plain_word` answers, `wordlike` gives the same token.
    fn check_plain_words(text: &str) {
        for (start, c) in text.char_indices() {
            for split in [false, true] {
                let Some(plain) = Scanner::new(text, split).plain_word(start, c) else {
                    continue;
                };
                let t = Scanner::new(text, split).wordlike(start, c);
                assert_eq!(t, plain, "{text:?} at {start}");
            }
        }
    }

    #[test]
    fn plain_words_are_what_wordlike_gives() {
        check_plain_words(
            "The U.S. said Kramp-Karrenbauer's 1,389 troops—in 2021 e.g. www.wsws.org \
             http://x.org hello@x.org J. R. Tolkien No. 5 Gen. Smith don't O’Brien Zapad-2021 \
             ended. No. 5. Then (J. Smith) Mr. Jones etc. www. U.S. x. Ph.D. end.",
        );
    }

    proptest! {
        #[test]
        fn plain_words_agree_with_wordlike(
            text in "[a-zA-Z0-9 .,:;'’@_%+/#$£é\u{2010}\u{2014}-]{0,40}"
        ) {
            check_plain_words(&text);
        }
    }
}
