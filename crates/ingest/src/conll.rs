//! CoNLL-2012-style document files (`#begin document NAME; part N` … `#end document`, one
//! token per line in tab-separated columns, a blank line between sentences), as NewsWCL50
//! ships its articles: the text is rebuilt by detokenising.
//!
//! The token is the fourth column (`doc  sentence  token_no  token  …`), or the only column
//! of a one-column line. A token written `\n` (a backslash and an `n`) is a paragraph break.
//! The first sentence of a document is its title (NewsWCL50's headline or dateline). The
//! source is the part of the document name after its last `_` or `/` (NewsWCL50's outlet code:
//! `0/-/0_LL` is outlet `LL`), which `--aliases` can map to an outlet name.
//!
//! A `urls.tsv` beside the file (NewsWCL50's `Event ID  Outlet  URL`, or a `document`/`id`
//! column with a `url` column) gives each document its URL, and so the date the URL carries
//! (`/2018/04/17/`); the file itself is then not read as articles.

use std::collections::HashMap;
use std::path::Path;

/// The name of the URL list read beside a CoNLL file.
pub(crate) const URLS_FILE: &str = "urls.tsv";

/// URLs of documents, keyed by full document name or by `event<TAB>outlet`.
pub(crate) type Urls = HashMap<String, String>;

/// Reads a URL list; a missing or unreadable file, or one without a `url` column and a key
/// column, gives no URLs (the documents just have none).
pub(crate) fn read_urls(path: &Path) -> Urls {
    let mut urls = Urls::new();
    let Ok(mut reader) = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .quoting(false)
        .from_path(path)
    else {
        return urls;
    };
    let Ok(headers) = reader.headers().cloned() else {
        return urls;
    };
    let col = |names: &[&str]| {
        headers.iter().position(|h| {
            let h = h.trim();
            names.iter().any(|n| h.eq_ignore_ascii_case(n))
        })
    };
    let Some(url) = col(&["url", "link"]) else {
        return urls;
    };
    let by_name = col(&["document", "doc", "id", "name"]);
    let event_outlet = col(&["event id", "event"]).zip(col(&["outlet", "source"]));
    for row in reader.records().flatten() {
        let Some(u) = row.get(url).map(str::trim).filter(|u| !u.is_empty()) else {
            continue;
        };
        if let Some(k) = by_name.and_then(|c| row.get(c)) {
            urls.insert(k.trim().to_string(), u.to_string());
        } else if let Some((e, o)) = event_outlet
            && let (Some(e), Some(o)) = (row.get(e), row.get(o))
        {
            urls.insert(format!("{}\t{}", e.trim(), o.trim()), u.to_string());
        }
    }
    urls
}

/// The URL of a document: by its full name, else by its event (the name up to the first
/// `/` or `_`) and outlet code.
pub(crate) fn url_of<'u>(urls: &'u Urls, doc: &Doc) -> Option<&'u str> {
    if urls.is_empty() {
        return None;
    }
    let event = doc.name.split(['/', '_']).next().unwrap_or("");
    urls.get(&doc.name)
        .or_else(|| urls.get(&format!("{event}\t{}", doc.source)))
        .map(String::as_str)
}

/// True when the folder of `path` holds a `.conll` file.
pub(crate) fn has_conll_beside(path: &Path) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("conll"))
        })
    })
}

/// One document of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Doc {
    /// The name after `#begin document`, without `; part N`.
    pub(crate) name: String,
    /// 1-based line of its `#begin document` line.
    pub(crate) line: u64,
    pub(crate) title: String,
    pub(crate) text: String,
    /// The part of the name after its last `_` or `/`.
    pub(crate) source: String,
}

/// True when `text` starts (after blank lines) with `#begin document`.
pub(crate) fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with("#begin document")
}

/// The documents of a CoNLL file, in order. Token lines outside a document are ignored; a
/// document not closed by `#end document` ends at the next `#begin` or the end of the file.
pub(crate) fn documents(text: &str) -> Vec<Doc> {
    let mut out = Vec::new();
    let mut cur: Option<Builder> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if let Some(rest) = line.strip_prefix("#begin document") {
            if let Some(b) = cur.take() {
                out.push(b.finish());
            }
            let name = rest
                .trim()
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(|c| c == '(' || c == ')')
                .to_string();
            cur = Some(Builder::new(name, i as u64 + 1));
            continue;
        }
        if line.starts_with("#end document") {
            if let Some(b) = cur.take() {
                out.push(b.finish());
            }
            continue;
        }
        let Some(b) = cur.as_mut() else { continue };
        if line.trim().is_empty() {
            b.end_sentence();
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let token = match cols.len() {
            1 => cols[0],
            n if n >= 4 => cols[3],
            _ => continue,
        };
        b.token(token);
    }
    if let Some(b) = cur.take() {
        out.push(b.finish());
    }
    out
}

struct Builder {
    name: String,
    line: u64,
    /// Paragraphs of sentences of tokens; the last sentence of the last paragraph is open.
    paragraphs: Vec<Vec<Vec<String>>>,
}

impl Builder {
    fn new(name: String, line: u64) -> Builder {
        Builder {
            name,
            line,
            paragraphs: vec![vec![Vec::new()]],
        }
    }

    fn token(&mut self, token: &str) {
        let t = token.trim();
        if t == "\\n" {
            self.paragraphs.push(vec![Vec::new()]);
        } else if !t.is_empty()
            && let Some(sentence) = self.paragraphs.last_mut().and_then(|p| p.last_mut())
        {
            sentence.push(t.to_string());
        }
    }

    fn end_sentence(&mut self) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push(Vec::new());
        }
    }

    /// The first sentence is the title; the other sentences, by paragraph, the text.
    fn finish(self) -> Doc {
        let mut paragraphs: Vec<Vec<Vec<String>>> = self
            .paragraphs
            .into_iter()
            .map(|p| p.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>())
            .filter(|p| !p.is_empty())
            .collect();
        let title = match paragraphs.first_mut() {
            Some(first) => detokenize(&first.remove(0)),
            None => String::new(),
        };
        let text = paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| detokenize(&p.concat()))
            .collect::<Vec<_>>()
            .join("\n\n");
        let source = self
            .name
            .rsplit(['_', '/'])
            .next()
            .unwrap_or("")
            .to_string();
        Doc {
            name: self.name,
            line: self.line,
            title,
            text,
            source,
        }
    }
}

/// Joins tokens into text: no space before closing punctuation and clitics (`,` `.` `'s`
/// `n't` `)`), none after opening brackets and currency signs, straight quotes alternate
/// between opening and closing, and a hyphen between two words joins them (`Jong - un` →
/// `Jong-un`).
pub(crate) fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut double_open = false;
    let mut single_open = false;
    let mut glue_next = false;
    for (i, t) in tokens.iter().enumerate() {
        let tok = t.as_str();
        let prev_word = i > 0
            && tokens[i - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
        let next_word = tokens
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_alphanumeric));
        let mut space_before = !out.is_empty() && !glue_next;
        glue_next = false;
        match tok {
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "”" | "’" | "…" => {
                space_before = false;
            }
            "(" | "[" | "{" | "$" | "#" | "“" | "‘" => glue_next = true,
            "\"" => {
                if double_open {
                    space_before = false;
                } else {
                    glue_next = true;
                }
                double_open = !double_open;
            }
            "'" => {
                if single_open {
                    space_before = false;
                    single_open = false;
                } else if prev_word && (!next_word || tokens[i - 1].ends_with('s')) {
                    // a possessive after a plural (`voters ' choice`)
                    space_before = false;
                } else {
                    glue_next = true;
                    single_open = true;
                }
            }
            "-" if prev_word && next_word => {
                space_before = false;
                glue_next = true;
            }
            _ => {
                if tok.starts_with(['\'', '’'])
                    || tok.eq_ignore_ascii_case("n't")
                    || tok.eq_ignore_ascii_case("n’t")
                {
                    space_before = false;
                }
            }
        }
        if space_before {
            out.push(' ');
        }
        out.push_str(tok);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn detokenize_news_text() {
        let cases = [
            (
                "President Trump dispatched Kim Jong - un , he said .",
                "President Trump dispatched Kim Jong-un, he said.",
            ),
            (
                "\" We do n't know , \" she said ( on Tuesday ) .",
                "\"We don't know,\" she said (on Tuesday).",
            ),
            (
                "It cost $ 5 , or 10 % of Trump 's budget .",
                "It cost $5, or 10% of Trump's budget.",
            ),
            ("“ Fine , ” he said — again .", "“Fine,” he said — again."),
            ("the voters ' choice", "the voters' choice"),
        ];
        for (input, want) in cases {
            assert_eq!(detokenize(&toks(input)), want, "{input}");
        }
    }

    #[test]
    fn documents_with_title_paragraphs_and_source() {
        let text = "#begin document 0/-/0_LL; part 000\n\
                    0/-/0_LL\t0\t0\tWEST\t-\n0/-/0_LL\t0\t1\tPALM\t-\n0/-/0_LL\t0\t2\t—\t-\n\n\
                    0/-/0_LL\t1\t0\tTrump\t(0_A\n0/-/0_LL\t1\t1\tspoke\t-\n0/-/0_LL\t1\t2\t.\t-\n\n\
                    0/-/0_LL\t2\t0\t\\n\t-\n0/-/0_LL\t2\t1\tHe\t-\n0/-/0_LL\t2\t2\tleft\t-\n\
                    0/-/0_LL\t2\t3\t.\t-\n\n#end document\n\
                    stray\tline\n\
                    #begin document 3/-/3_R; part 000\r\n3/-/3_R\t0\t0\tHeadline\t-\r\n";
        let docs = documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "0/-/0_LL");
        assert_eq!(docs[0].line, 1);
        assert_eq!(docs[0].title, "WEST PALM —");
        assert_eq!(docs[0].text, "Trump spoke.\n\nHe left.");
        assert_eq!(docs[0].source, "LL");
        assert_eq!(docs[1].title, "Headline");
        assert_eq!(docs[1].text, "");
        assert_eq!(docs[1].source, "R");
        assert!(looks_like("\n#begin document x; part 000\n"));
        assert!(!looks_like("Title\n\nBody"));
    }

    proptest::proptest! {
        /// Any text (lines of tab-separated odd tokens, quotes, `\n` marks) parses without a
        /// panic, and every document's text holds only what its tokens held.
        #[test]
        fn any_text_parses(body in "(#begin document [a-z_/]{0,6}\n|#end document\n|[a-z]{0,2}\t[0-9]\t[0-9]\t[\"'(),.$%\\n a-zA-Z’“”-]{0,4}\t-\n|\n){0,40}") {
            for doc in documents(&body) {
                proptest::prop_assert!(!doc.text.contains('\t'));
                proptest::prop_assert!(!doc.title.contains('\n'));
            }
        }
    }

    #[test]
    fn never_panics_on_odd_lines() {
        for text in [
            "",
            "#begin document",
            "#begin document ; part",
            "#end document\n#end document",
            "#begin document a\n\t\t\t\n\\n\n\"\n'\n-\n",
            "#begin document a\nx\ty\n",
        ] {
            let _ = documents(text);
        }
    }
}
