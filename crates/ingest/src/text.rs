//! Plain-text and Markdown articles: the layouts real files use.
//!
//! * seed / web-copy layout: leading blank lines, a title line, a byline and a date line,
//!   the body, a footer;
//! * BBC and PolNeAR layout: the first line is the headline, then the body;
//! * Markdown: an optional `---` front-matter block (`title:`, `author:`, `date:` ...), a
//!   `# Title` line;
//! * no title at all (the first line is a long paragraph): the whole file is the body.

use std::collections::BTreeMap;

use crate::clean::{self, Boilerplate};
use crate::meta;
use crate::record::Draft;

/// The longest line (in characters) taken as a headline.
const MAX_TITLE_CHARS: usize = 300;

/// Parses one plain-text or Markdown article. `known_title` (from a metadata side file) is
/// used instead of guessing; the first line is dropped when it repeats it.
pub(crate) fn parse_text(
    raw: &str,
    markdown: bool,
    known_title: Option<&str>,
    boilerplate: &Boilerplate,
) -> Draft {
    let mut draft = Draft::default();
    let normalised;
    let mut text = raw;
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        text = &normalised;
    }
    let text = front_matter(text, &mut draft);
    let from_front_matter = (!draft.title.is_empty()).then(|| draft.title.clone());
    let known_title = known_title.or(from_front_matter.as_deref());
    let paragraphs = clean::split_paragraphs(text);
    // (paragraph, line) cursor over the header area.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate().take(4) {
        for li in 0..p.len() {
            lines.push((pi, li));
        }
    }
    let mut cursor = 0; // number of header lines consumed
    let line_at =
        |k: usize| -> Option<&str> { lines.get(k).map(|&(pi, li)| paragraphs[pi][li].trim()) };

    if let Some(title) = known_title {
        draft.title = clean::collapse_whitespace(title);
        if let Some(first) = line_at(0) {
            let first = strip_heading(first, markdown);
            if same_words(&first, &draft.title) {
                cursor = 1;
            } else if let Some(p) = paragraphs.first()
                && p.len() > 1
                && same_words(&p.join(" "), &draft.title)
            {
                // A headline wrapped over several lines (PolNeAR's NYT files).
                cursor = p.len();
            }
        }
    } else {
        if let Some(first) = line_at(0)
            && looks_like_title(first)
        {
            let t = if markdown {
                clean::strip_markdown(first).into_owned()
            } else {
                first.to_string()
            };
            draft.title = clean::collapse_whitespace(&t);
            cursor = 1;
        }
    }

    // Byline and date lines right after the title.
    if cursor == 1 || known_title.is_some() {
        while cursor < lines.len() && cursor <= 4 {
            let Some(line) = line_at(cursor) else { break };
            if !is_short_line(line) {
                break;
            }
            let plain = clean::collapse_whitespace(&clean::strip_markdown(line));
            if draft.published.is_none()
                && let Some(date) = meta::parse_date(&plain)
            {
                draft.published = Some(date);
                cursor += 1;
                continue;
            }
            if draft.author.is_none() {
                // A bare name (no "By") counts only next to a date line: a venue or a
                // subheading looks the same on its own.
                let next_is_date = line_at(cursor + 1)
                    .is_some_and(|l| meta::parse_date(&clean::strip_markdown(l)).is_some());
                let by = plain.starts_with("By ")
                    || plain.starts_with("by ")
                    || plain.starts_with("BY ");
                if let Some(author) =
                    byline(&plain).filter(|_| by || next_is_date || draft.published.is_some())
                {
                    draft.author = Some(author);
                    cursor += 1;
                    continue;
                }
            }
            break;
        }
    }

    // The body: the rest of the header paragraph(s), then every later paragraph.
    let mut body: Vec<&[&str]> = Vec::new();
    let (start_p, start_l) = match lines.get(cursor) {
        Some(&(pi, li)) => (pi, li),
        None => (paragraphs.len().min(lines.last().map_or(0, |l| l.0 + 1)), 0),
    };
    for (pi, p) in paragraphs.iter().enumerate().skip(start_p) {
        let from = if pi == start_p { start_l } else { 0 };
        if from < p.len() {
            body.push(&p[from..]);
        }
    }
    // The footer's link gives the outlet when nothing else does (`wsws.org`).
    // Only links in the boilerplate at the end count: a link in the last body paragraph is
    // usually some other site.
    let tail: Vec<std::borrow::Cow<'_, str>> = body
        .iter()
        .rev()
        .take(3)
        .map(|p| match p {
            [line] => std::borrow::Cow::Borrowed(*line),
            lines => std::borrow::Cow::Owned(lines.join(" ")),
        })
        .take_while(|p| boilerplate.is_match(p))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if let Some(domain) = clean::link_domain(tail.iter().map(|p| &**p)) {
        draft.meta.insert("footer_domain".into(), domain);
    }
    draft.text = clean::clean_paragraphs(body, markdown, boilerplate);
    draft
}

fn strip_heading(line: &str, markdown: bool) -> String {
    if markdown {
        clean::strip_markdown(line).into_owned()
    } else {
        line.to_string()
    }
}

/// Returns true if and only if the two texts have the same words, ignoring case and
/// punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

/// A headline: not too long, and not several sentences.
fn looks_like_title(line: &str) -> bool {
    let chars = line.chars().count();
    if chars == 0 || chars > MAX_TITLE_CHARS {
        return false;
    }
    // "First sentence. Second sentence." is a paragraph, not a headline.
    let sentence_breaks = line.matches(". ").count();
    sentence_breaks < 2
}

fn is_short_line(line: &str) -> bool {
    line.chars().count() <= 100 && line.split_whitespace().count() <= 12
}

/// A byline: `By Jane Doe`, or a bare name of two to five capitalised words (`Andrea
/// Peters`, `Jean-Paul de la Tour`).
fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "));
    if let Some(rest) = rest {
        let name = rest.trim().trim_end_matches(['.', ',']);
        let capitalised = name
            .split_whitespace()
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        let words = name.split_whitespace().count();
        return (capitalised && (1..=8).contains(&words) && name.len() <= 100)
            .then(|| name.to_string());
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) {
        return None;
    }
    if line.ends_with(['.', '!', '?', ':', ';']) && !line.ends_with("Jr.") {
        return None;
    }
    let connectors = [
        "and", "de", "da", "van", "von", "der", "la", "le", "bin", "al", "of", "&",
    ];
    let mut capitalised = 0;
    for w in &words {
        let w = w.trim_end_matches(',');
        if connectors.contains(&w) {
            continue;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        capitalised += 1;
    }
    (capitalised >= 2).then(|| line.to_string())
}

/// Reads a Markdown/YAML front-matter block (`---` ... `---`) of `key: value` lines into the
/// draft and returns the rest of the text.
fn front_matter<'a>(text: &'a str, draft: &mut Draft) -> &'a str {
    let trimmed = text.trim_start_matches(['\n', ' ', '\u{FEFF}']);
    let Some(rest) = trimmed.strip_prefix("---\n") else {
        return text;
    };
    let Some(end) = rest.find("\n---") else {
        return text;
    };
    let block = &rest[..end];
    let after = &rest[end + 4..];
    let after = after.strip_prefix('\n').unwrap_or(after);
    let mut fields = BTreeMap::new();
    for line in block.lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches(['"', '\'']);
            if !v.is_empty() {
                fields.insert(k.trim().to_lowercase(), v.to_string());
            }
        }
    }
    if fields.is_empty() {
        return text;
    }
    for (k, v) in fields {
        match k.as_str() {
            "title" | "headline" => draft.title = v,
            "author" | "authors" | "byline" => draft.author = Some(v),
            "date" | "published" | "publish_date" => draft.published = meta::parse_date(&v),
            "source" | "outlet" | "publisher" | "site" => draft.source = Some(v),
            "url" | "link" | "canonical" => draft.url = Some(v),
            "id" => draft.id = Some(v),
            _ => {
                draft.meta.insert(k, v);
            }
        }
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Draft {
        parse_text(text, false, None, &Boilerplate::default())
    }

    #[test]
    fn bbc_layout_first_line_is_the_title() {
        let d = parse(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December.\n\nThe firm said it was pleased.\n",
        );
        assert_eq!(d.title, "Ad sales boost Time Warner profit");
        assert_eq!(d.author, None);
        assert!(d.text.starts_with("Quarterly profits"), "{}", d.text);
        assert!(d.text.contains("\n\nThe firm said"));
    }

    #[test]
    fn seed_layout_has_byline_and_date() {
        let d = parse(
            "\n\nA title here\n\nJane Q. Public\n31 October 2021\n\nThe body starts here and it goes on for a while.\n",
        );
        assert_eq!(d.title, "A title here");
        assert_eq!(d.author.as_deref(), Some("Jane Q. Public"));
        assert_eq!(d.published.as_deref(), Some("2021-10-31"));
        assert_eq!(d.text, "The body starts here and it goes on for a while.");
    }

    #[test]
    fn a_venue_line_is_not_a_byline() {
        let d = parse(
            "Blackburn v Burnley\n\nEwood Park\nTuesday, 1 March\n\n2000 GMT\n\nBlackburn have won their last three games at home.\n",
        );
        assert_eq!(d.author, None);
        assert!(d.text.starts_with("Ewood Park"), "{}", d.text);
    }

    #[test]
    fn a_long_first_line_is_body_not_title() {
        let speech = "Mr. Speaker, Mr. Vice President, Members of the Congress. We meet today in a time of challenge. We will meet it. ".repeat(5);
        let d = parse(&speech);
        assert_eq!(d.title, "");
        assert!(d.text.starts_with("Mr. Speaker"));
    }

    #[test]
    fn known_title_is_used_and_its_repeat_dropped() {
        let d = parse_text(
            "The Headline\n\nBody text.",
            false,
            Some("The Headline"),
            &Boilerplate::default(),
        );
        assert_eq!(d.title, "The Headline");
        assert_eq!(d.text, "Body text.");
        let d = parse_text(
            "Body only text, no headline.",
            false,
            Some("Given"),
            &Boilerplate::default(),
        );
        assert_eq!(d.text, "Body only text, no headline.");
    }

    #[test]
    fn markdown_front_matter_and_heading() {
        let md = "---\ntitle: \"Front Title\"\nauthor: Jane Doe\ndate: 2020-05-01\nurl: https://example.org/a\n---\n\n# Front Title\n\nSome *body* text.\n";
        let d = parse_text(md, true, None, &Boilerplate::default());
        assert_eq!(d.title, "Front Title");
        assert_eq!(d.author.as_deref(), Some("Jane Doe"));
        assert_eq!(d.published.as_deref(), Some("2020-05-01"));
        assert_eq!(d.text, "Some body text.");
        let d = parse_text(
            "# Heading Title\n\nBy Jo Bloggs\n\nText here.",
            true,
            None,
            &Boilerplate::default(),
        );
        assert_eq!(d.title, "Heading Title");
        assert_eq!(d.author.as_deref(), Some("Jo Bloggs"));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("Andrea Peters").as_deref(), Some("Andrea Peters"));
        assert_eq!(byline("The firm said it was pleased."), None);
        assert_eq!(byline("Background"), None);
        assert_eq!(
            byline("By early 2005 the net could have two new domain names"),
            None
        );
    }

    #[test]
    fn a_wrapped_known_headline_is_dropped_from_the_body() {
        let d = parse_text(
            "Main headline; \nA subheading.\n\nBody text.",
            false,
            Some("Main headline; A subheading"),
            &Boilerplate::default(),
        );
        assert_eq!(d.title, "Main headline; A subheading");
        assert_eq!(d.text, "Body text.");
    }
}
