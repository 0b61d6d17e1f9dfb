//! HTML pages: the main text (not navigation, ads or comments) found by a small
//! readability-style scoring of paragraph containers, and metadata from `<meta>` tags,
//! JSON-LD and `<link rel="canonical">`. Parsing is html5ever's, through `scraper`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};

use crate::clean::{self, Boilerplate};
use crate::meta;
use crate::record::Draft;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid CSS selector")
}

static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)comment|sidebar|related|share|social|\bnav|menu|footer|promo|newsletter|advert|\bads?\b|subscribe|popup|cookie|breadcrumb|byline|caption|signup|sponsor|outbrain|taboola|recirc|most-?read|trending")
        .expect("valid regex")
});

const SKIP_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "figure",
    "figcaption",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
];
const BLOCK_TAGS: &[&str] = &["p", "h2", "h3", "h4", "blockquote", "li", "pre"];

fn excluded(el: &ElementRef<'_>) -> bool {
    let v = el.value();
    if SKIP_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    let class_id = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    );
    // `article`/`main` containers are never dropped for a class name such as `article-share`.
    !matches!(v.name(), "article" | "main" | "body" | "html") && NEGATIVE.is_match(&class_id)
}

fn is_excluded_within(el: &ElementRef<'_>) -> bool {
    if excluded(el) {
        return true;
    }
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| excluded(&a))
}

/// Elements whose content is never text a reader sees (and may be code).
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template"];

/// The text a reader sees in `el`: without script, style, noscript and template content, even
/// when the page misplaces them (an unclosed `<p>` swallowing a `<script>`).
fn text_of(el: &ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in el.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let hidden = node
            .ancestors()
            .take_while(|a| a.id() != el.id())
            .chain(std::iter::once(**el))
            .filter_map(|a| a.value().as_element())
            .any(|e| INVISIBLE.contains(&e.name()));
        if !hidden {
            text.push_str(t);
        }
    }
    clean::collapse_whitespace(&text)
}

/// Deepest element nesting kept. html5ever's tree builder checks the stack of open elements
/// for every tag, so time grows with the square of the depth (100,000 nested `<div>`s took
/// minutes); browsers stop nesting at 512 as well (Blink's maximum DOM tree depth).
pub(crate) const MAX_DEPTH: usize = 512;

/// Elements without content, and elements whose end tag may be left out: neither counts
/// towards the nesting depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rt", "rp", "optgroup", "caption",
];

/// When the page nests elements deeper than [`MAX_DEPTH`], returns it with the tags below
/// that depth removed (their text stays), and the depth it had.
fn flatten_deep(raw: &str) -> Option<(String, usize)> {
    let (max, _) = scan_tags(raw, None);
    (max > MAX_DEPTH).then(|| {
        let mut out = String::with_capacity(raw.len());
        scan_tags(raw, Some(&mut out));
        (out, max)
    })
}

/// Walks the tags of `raw` tracking the nesting depth (a rough count, not a parse: enough
/// to find and cut pathological nesting). With `out`, copies `raw` there without the tags
/// that open or close below [`MAX_DEPTH`]. Returns the maximum depth.
fn scan_tags(raw: &str, mut out: Option<&mut String>) -> (usize, ()) {
    let bytes = raw.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0usize;
    let mut copied = 0usize;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|k| i + k) {
        let Some(gt) = memchr::memchr(b'>', &bytes[lt..]).map(|k| lt + k) else {
            break;
        };
        let inner = &raw[lt + 1..gt];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = gt + 1;
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let mut drop = false;
        if NOT_NESTING.contains(&name.as_str()) || (!closing && inner.ends_with('/')) {
            // no change in depth
        } else if closing {
            drop = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            drop = depth > MAX_DEPTH;
        }
        if let Some(out) = out.as_deref_mut() {
            out.push_str(&raw[copied..lt]);
            if !drop {
                out.push_str(&raw[lt..=gt]);
            }
            copied = gt + 1;
        }
        // Raw text: `<` inside a script or style is not a tag.
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = memchr::memchr_iter(b'<', &bytes[i..])
                .map(|k| i + k)
                .find(|&k| {
                    bytes[k..]
                        .get(..close.len())
                        .is_some_and(|b| b.eq_ignore_ascii_case(close.as_bytes()))
                })
                .unwrap_or(bytes.len());
        }
    }
    if let Some(out) = out {
        out.push_str(&raw[copied..]);
    }
    (max, ())
}

fn meta_content(doc: &Html, selectors: &[&str]) -> Option<String> {
    for s in selectors {
        for el in doc.select(&sel(s)) {
            let v = el
                .value()
                .attr("content")
                .or_else(|| el.value().attr("datetime"))
                .or_else(|| el.value().attr("href"))
                .map(clean::collapse_whitespace)
                .unwrap_or_else(|| text_of(&el));
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

/// Metadata from JSON-LD (`NewsArticle`, `Article`, ...).
fn json_ld(doc: &Html, draft: &mut Draft) {
    for script in doc.select(&sel(r#"script[type="application/ld+json"]"#)) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(o) => {
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    let ty = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    if !ty.contains("Article") && !ty.contains("Posting") {
                        continue;
                    }
                    let s = |k: &str| {
                        o.get(k)
                            .and_then(|x| x.as_str())
                            .map(clean::collapse_whitespace)
                    };
                    if draft.title.is_empty() {
                        draft.title = s("headline").unwrap_or_default();
                    }
                    if draft.published.is_none() {
                        draft.published = s("datePublished").and_then(|d| meta::parse_date(&d));
                    }
                    if draft.author.is_none() {
                        draft.author = names(o.get("author"));
                    }
                    if draft.source.is_none() {
                        draft.source = names(o.get("publisher"));
                    }
                    if draft.url.is_none() {
                        draft.url = s("url");
                    }
                }
                _ => {}
            }
        }
    }
}

fn names(v: Option<&serde_json::Value>) -> Option<String> {
    let v = v?;
    let list: Vec<String> = match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .into_iter()
            .collect(),
        serde_json::Value::Array(items) => items.iter().filter_map(|i| names(Some(i))).collect(),
        _ => vec![],
    };
    let joined = list.join(", ");
    (!joined.trim().is_empty()).then(|| clean::collapse_whitespace(&joined))
}

/// Parses an HTML page into a draft article. The second value is the nesting depth of a
/// page nested deeper than [`MAX_DEPTH`] (whose deeper tags were ignored).
pub(crate) fn parse_html(raw: &str, boilerplate: &Boilerplate) -> (Draft, Option<usize>) {
    let flattened = flatten_deep(raw);
    let doc = Html::parse_document(flattened.as_ref().map_or(raw, |(f, _)| f.as_str()));
    let mut d = Draft {
        title: meta_content(
            &doc,
            &[
                r#"meta[property="og:title"]"#,
                r#"meta[name="twitter:title"]"#,
            ],
        )
        .unwrap_or_default(),
        author: meta_content(
            &doc,
            &[
                r#"meta[name="author"]"#,
                r#"meta[name="byl"]"#,
                r#"meta[name="parsely-author"]"#,
                r#"meta[name="sailthru.author"]"#,
                r#"[rel="author"]"#,
            ],
        )
        .filter(|a| !a.starts_with("http"))
        .map(|a| a.trim_start_matches("By ").to_string()),
        published: meta_content(
            &doc,
            &[
                r#"meta[property="article:published_time"]"#,
                r#"meta[name="article:published_time"]"#,
                r#"meta[itemprop="datePublished"]"#,
                r#"meta[name="date"]"#,
                r#"meta[name="pubdate"]"#,
                r#"meta[name="publish-date"]"#,
                r#"meta[name="DC.date.issued"]"#,
                r#"meta[name="dcterms.date"]"#,
                "time[datetime]",
            ],
        )
        .and_then(|d| meta::parse_date(&d)),
        source: meta_content(
            &doc,
            &[
                r#"meta[property="og:site_name"]"#,
                r#"meta[name="application-name"]"#,
            ],
        ),
        url: meta_content(
            &doc,
            &[r#"link[rel="canonical"]"#, r#"meta[property="og:url"]"#],
        ),
        ..Draft::default()
    };
    json_ld(&doc, &mut d);
    if d.title.is_empty() {
        d.title = meta_content(&doc, &["h1", "title"]).unwrap_or_default();
    }
    if let Some(lang) = doc.root_element().value().attr("lang") {
        d.meta.insert("lang".into(), lang.to_string());
    }
    let blocks = main_blocks(&doc);
    let lines: Vec<Vec<&str>> = blocks.iter().map(|b| vec![b.as_str()]).collect();
    d.text = clean::clean_paragraphs(lines.iter().map(Vec::as_slice), false, boilerplate);
    (d, flattened.map(|(_, depth)| depth))
}

/// The text blocks of the page's main content container, in document order.
fn main_blocks(doc: &Html) -> Vec<String> {
    let paragraphs = sel("p, pre, blockquote");
    let mut scores: HashMap<_, f64> = HashMap::new();
    let mut order = Vec::new();
    for p in doc.select(&paragraphs) {
        if is_excluded_within(&p) {
            continue;
        }
        let text = text_of(&p);
        let len = text.chars().count();
        if len < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let mut ancestors = p.ancestors().filter_map(ElementRef::wrap);
        for (share, anc) in [(1.0, ancestors.next()), (0.5, ancestors.next())] {
            if let Some(anc) = anc {
                let entry = scores.entry(anc.id()).or_insert_with(|| {
                    order.push(anc.id());
                    0.0
                });
                *entry += score * share;
            }
        }
    }
    let mut best: Option<(ElementRef<'_>, f64)> = None;
    for id in order {
        let Some(el) = doc.tree.get(id).and_then(ElementRef::wrap) else {
            continue;
        };
        let total = text_of(&el).chars().count().max(1) as f64;
        let linked: usize = el
            .select(&sel("a"))
            .map(|a| text_of(&a).chars().count())
            .sum();
        let score = scores[&id] * (1.0 - (linked as f64 / total).min(1.0));
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((el, score));
        }
    }
    let root = match best {
        Some((el, _)) => el,
        None => match doc.select(&sel("body")).next() {
            Some(b) => b,
            None => doc.root_element(),
        },
    };
    let block_sel = sel(&BLOCK_TAGS.join(", "));
    let mut out = Vec::new();
    for el in root.select(&block_sel) {
        // A block inside another block (a `p` inside `blockquote` or `li`) is part of it.
        let nested = el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.id() != root.id())
            .any(|a| BLOCK_TAGS.contains(&a.value().name()));
        if nested || is_excluded_within(&el) {
            continue;
        }
        let text = text_of(&el);
        if !text.is_empty() {
            out.push(text);
        }
    }
    if out.is_empty() {
        let text = text_of(&root);
        if !text.is_empty() {
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Council votes to rebuild bridge | The Example Gazette</title>
<meta property="og:title" content="Council votes to rebuild bridge">
<meta property="og:site_name" content="The Example Gazette">
<meta name="author" content="Jo Bloggs">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://www.example.org/news/2024/03/05/bridge">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News, sport, weather and much more here</a></li></ul></nav>
<header><p>The Example Gazette, your trusted local paper since 1901, every day.</p></header>
<article>
<h1>Council votes to rebuild bridge</h1>
<p>The town council voted on Tuesday to rebuild the old stone bridge, at a cost of £1.2m, after years of debate.</p>
<div class="ad-slot"><p>Advertisement: buy our excellent product today, at a great price!</p></div>
<p>Councillor Ann Smith said the vote was "a victory for common sense", and work will start in May.</p>
<p>Advertisement</p>
<p>The bridge, built in 1820, has been closed to traffic since a flood in 2019 damaged its piers.</p>
</article>
<aside class="related"><p>Related: Ten things you never knew about bridges, and more trivia.</p></aside>
<div id="comments"><p>Great news, finally, it took them long enough to decide this one!</p></div>
<footer><p>Copyright 2024 The Example Gazette. All rights reserved, and so on.</p></footer>
</body></html>"#;

    #[test]
    fn main_text_and_metadata() {
        let (d, _) = parse_html(PAGE, &Boilerplate::default());
        assert_eq!(d.title, "Council votes to rebuild bridge");
        assert_eq!(d.author.as_deref(), Some("Jo Bloggs"));
        assert_eq!(d.published.as_deref(), Some("2024-03-05"));
        assert_eq!(d.source.as_deref(), Some("The Example Gazette"));
        assert_eq!(
            d.url.as_deref(),
            Some("https://www.example.org/news/2024/03/05/bridge")
        );
        assert_eq!(
            d.text,
            "The town council voted on Tuesday to rebuild the old stone bridge, at a cost of £1.2m, after years of debate.\n\n\
             Councillor Ann Smith said the vote was \"a victory for common sense\", and work will start in May.\n\n\
             The bridge, built in 1820, has been closed to traffic since a flood in 2019 damaged its piers."
        );
    }

    #[test]
    fn scripts_inside_unclosed_paragraphs_are_not_text() {
        let (d, deep) = parse_html(
            "<html><body><p>Visible words of the article <script>alert(1)</script> go on<p>unclosed",
            &Boilerplate::default(),
        );
        assert_eq!(d.text, "Visible words of the article go on\n\nunclosed");
        assert_eq!(deep, None);
    }

    #[test]
    fn tags_inside_scripts_do_not_count_towards_depth() {
        let page = format!(
            "<html><body><SCRIPT>if (a<b) {{ w(\"{}\") }}</Script><p>Text.</p></body></html>",
            "<div>".repeat(2_000)
        );
        assert_eq!(scan_tags(&page, None).0, 3);
        assert!(flatten_deep(&page).is_none());
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let page = format!(
            "<html><body>{}<p>Deep text of a paragraph long enough to be the body.</p></body></html>",
            "<div>".repeat(20_000)
        );
        let started = std::time::Instant::now();
        let (d, deep) = parse_html(&page, &Boilerplate::default());
        assert_eq!(
            d.text,
            "Deep text of a paragraph long enough to be the body."
        );
        assert_eq!(deep, Some(20_002));
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn json_ld_fills_missing_metadata() {
        let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","datePublished":"2020-01-02","author":[{"@type":"Person","name":"A Writer"}],"publisher":{"@type":"Organization","name":"LD Times"}}</script></head><body><p>Some paragraph of text that is long enough to count as body.</p></body></html>"#;
        let (d, _) = parse_html(page, &Boilerplate::default());
        assert_eq!(d.title, "LD headline");
        assert_eq!(d.published.as_deref(), Some("2020-01-02"));
        assert_eq!(d.author.as_deref(), Some("A Writer"));
        assert_eq!(d.source.as_deref(), Some("LD Times"));
        assert_eq!(
            d.text,
            "Some paragraph of text that is long enough to count as body."
        );
    }
}
