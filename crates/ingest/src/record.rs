//! Structured records (JSON Lines, JSON, CSV rows, metadata side files) mapped to article
//! fields through a [`FieldMap`].

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::meta;

/// An article as read, before ids, sources and duplicates are settled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub(crate) id: Option<String>,
    pub(crate) title: String,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) text: String,
    pub(crate) meta: BTreeMap<String, String>,
    /// 1-based line (JSON Lines, CSV) or record number (JSON array) in its file.
    pub(crate) line: Option<u64>,
}

/// The article fields a record can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The article's own identifier.
    Id,
    /// The headline.
    Title,
    /// The body text.
    Text,
    /// Publication date.
    Published,
    /// Outlet.
    Source,
    /// Address of the article.
    Url,
    /// Byline.
    Author,
}

impl Field {
    /// Every field, in output order.
    pub const ALL: [Field; 7] = [
        Field::Id,
        Field::Title,
        Field::Text,
        Field::Published,
        Field::Source,
        Field::Url,
        Field::Author,
    ];

    /// Returns the field's name (`id`, `title`, `text`, `published`, `source`, `url`,
    /// `author`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Text => "text",
            Field::Published => "published",
            Field::Source => "source",
            Field::Url => "url",
            Field::Author => "author",
        }
    }

    /// Parses a field name; `date` is accepted for `published`, `body` for `text`.
    pub fn from_name(name: &str) -> Option<Field> {
        Some(match name.trim().to_lowercase().as_str() {
            "id" => Field::Id,
            "title" | "headline" => Field::Title,
            "text" | "body" => Field::Text,
            "published" | "date" => Field::Published,
            "source" | "outlet" => Field::Source,
            "url" | "link" => Field::Url,
            "author" | "authors" | "byline" => Field::Author,
            _ => return None,
        })
    }

    fn defaults(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "_id", "uuid", "doc_id", "docno", "article_id"],
            Field::Title => &["title", "headline", "newsTitle", "heading", "issue"],
            Field::Text => &[
                "text",
                "body",
                "content_original",
                "content",
                "article",
                "full_text",
                "body-paragraphs",
                "newBody",
                "story",
                "roundup",
            ],
            Field::Published => &[
                "published",
                "date",
                "publish_date",
                "publication_date",
                "pubdate",
                "published_at",
                "datetime",
            ],
            Field::Source => &[
                "source",
                "outlet",
                "publisher",
                "newsSource",
                "site_name",
                "media",
            ],
            Field::Url => &["url", "link", "newsLink", "canonical_url"],
            Field::Author => &["author", "authors", "byline", "creator"],
        }
    }
}

/// Which record keys fill which article field. Each field has a list of candidate keys,
/// tried in order (exact match first, then ignoring case); the first present, non-empty one
/// wins. Defaults: `id`; `title`/`headline`; `text`/`body`/`content_original`/`content`;
/// `published`/`date`/`publish_date`; `source`/`outlet`/`publisher`; `url`/`link`;
/// `author`/`authors`/`byline` (and a few more, e.g. the keys of BASIL and AllSides files).
#[derive(Debug, Clone)]
pub struct FieldMap {
    keys: BTreeMap<Field, Vec<String>>,
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            keys: Field::ALL
                .iter()
                .map(|&f| (f, f.defaults().iter().map(|k| k.to_string()).collect()))
                .collect(),
        }
    }
}

impl FieldMap {
    /// Makes `key` the only key read for `field`.
    pub fn set(&mut self, field: Field, key: impl Into<String>) -> &mut Self {
        self.keys.insert(field, vec![key.into()]);
        self
    }

    /// Parses a `field=key` mapping such as `text=body` and applies it.
    ///
    /// # Errors
    /// When the text has no `=` or names an unknown field.
    pub fn set_from_str(&mut self, mapping: &str) -> Result<&mut Self, String> {
        let (field, key) = mapping
            .split_once('=')
            .ok_or_else(|| format!("expected FIELD=KEY, got `{mapping}`"))?;
        let f = Field::from_name(field).ok_or_else(|| {
            format!("unknown field `{field}` (expected id, title, text, published, source, url or author)")
        })?;
        let key = key.trim();
        if key.is_empty() {
            return Err(format!("empty key for field `{field}`"));
        }
        Ok(self.set(f, key))
    }

    /// Returns the candidate keys of a field, in order.
    pub fn keys(&self, field: Field) -> &[String] {
        self.keys.get(&field).map(Vec::as_slice).unwrap_or_default()
    }

    fn find<'a>(&self, field: Field, obj: &'a Map<String, Value>) -> Option<(&'a str, &'a Value)> {
        for key in self.keys(field) {
            if let Some((k, v)) = obj.get_key_value(key.as_str())
                && !is_empty(v)
            {
                return Some((k.as_str(), v));
            }
        }
        for key in self.keys(field) {
            if let Some((k, v)) = obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))
                && !is_empty(v)
            {
                return Some((k.as_str(), v));
            }
        }
        None
    }

    /// Returns true if and only if the object has a value for the text field.
    pub(crate) fn has_text(&self, obj: &Map<String, Value>) -> bool {
        self.find(Field::Text, obj).is_some()
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A scalar or list value as text; lists of strings are joined with `sep`, nested lists
/// (paragraphs of sentences) join their items with a space.
fn value_text(v: &Value, sep: &str) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|item| match item {
                    Value::Array(inner) => {
                        let s: Vec<String> =
                            inner.iter().filter_map(|x| value_text(x, " ")).collect();
                        Some(s.join(" "))
                    }
                    Value::Object(_) | Value::Null => None,
                    other => value_text(other, sep),
                })
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(sep))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// Maps one JSON object to drafts. An object whose values include an object of article-like
/// objects (AllSides roundups: `news: {left: {...}, center: {...}}`) yields one draft per
/// child, with the parent's fields as defaults and the child's key in `meta.side`; the parent
/// itself is returned only when it has no such children.
pub(crate) fn drafts_from_object(obj: &Map<String, Value>, fields: &FieldMap) -> Vec<Draft> {
    let parent = draft_from_object(obj, fields);
    let mut children = Vec::new();
    for (key, value) in obj {
        let Value::Object(inner) = value else {
            continue;
        };
        let article_like: Vec<(&String, &Map<String, Value>)> = inner
            .iter()
            .filter_map(|(k, v)| match v {
                Value::Object(o) if fields.has_text(o) => Some((k, o)),
                _ => None,
            })
            .collect();
        if article_like.is_empty() || article_like.len() != inner.len() {
            continue;
        }
        for (side, child_obj) in article_like {
            let mut child = draft_from_object(child_obj, fields);
            child.id = Some(match (&child.id, &parent.id) {
                (_, Some(pid)) => format!("{pid}-{side}"),
                (Some(cid), None) => cid.clone(),
                (None, None) => side.clone(),
            });
            if child.published.is_none() {
                child.published.clone_from(&parent.published);
            }
            if child.title.is_empty() {
                child.title.clone_from(&parent.title);
            }
            for (k, v) in &parent.meta {
                child.meta.entry(k.clone()).or_insert_with(|| v.clone());
            }
            child.meta.insert(format!("{key}_key"), side.clone());
            if let Some(pid) = &parent.id {
                child.meta.insert("story".into(), pid.clone());
            }
            if !parent.title.is_empty() {
                child
                    .meta
                    .insert("story_title".into(), parent.title.clone());
            }
            children.push(child);
        }
    }
    if children.is_empty() {
        vec![parent]
    } else {
        children
    }
}

/// Maps one JSON object to a draft (text kept exactly as given when it is a string).
pub(crate) fn draft_from_object(obj: &Map<String, Value>, fields: &FieldMap) -> Draft {
    let mut d = Draft::default();
    let mut used: Vec<&str> = Vec::new();
    for field in Field::ALL {
        let Some((key, value)) = fields.find(field, obj) else {
            continue;
        };
        used.push(key);
        let sep = match field {
            Field::Text => "\n\n",
            _ => ", ",
        };
        let Some(text) = value_text(value, sep) else {
            continue;
        };
        match field {
            Field::Id => d.id = Some(text.trim().to_string()),
            Field::Title => d.title = collapse(&text),
            Field::Text => d.text = text,
            Field::Published => match meta::parse_date(&text) {
                Some(date) => d.published = Some(date),
                None => {
                    d.meta.insert("published_raw".into(), text);
                }
            },
            Field::Source => d.source = Some(collapse(&text)),
            Field::Url => d.url = Some(text.trim().to_string()),
            Field::Author => d.author = Some(collapse(&text)).filter(|a| !a.is_empty()),
        }
    }
    // Keys that are alternative spellings of used fields (e.g. `content` next to
    // `content_original`) would only repeat the body; keep short scalar extras as metadata.
    for (k, v) in obj {
        if used.contains(&k.as_str())
            || fields
                .keys(Field::Text)
                .iter()
                .any(|x| x.eq_ignore_ascii_case(k))
        {
            continue;
        }
        let text = match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Array(items) if items.iter().all(Value::is_string) => value_text(v, "; "),
            _ => None,
        };
        if let Some(text) = text
            && !text.is_empty()
            && text.len() <= 300
        {
            d.meta.insert(k.clone(), text);
        }
    }
    d
}

fn collapse(s: &str) -> String {
    crate::clean::collapse_whitespace(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn contract_record_keeps_text_byte_for_byte() {
        let text = "NAIROBI, Kenya (AP) _ ``Taxes'' rose\n\t   by 5%.  ";
        let d = draft_from_object(
            &obj(
                json!({"id": "APW1", "title": "Kenyans  protest", "text": text, "source": "APW", "published": "1998-03-14"}),
            ),
            &FieldMap::default(),
        );
        assert_eq!(d.text, text);
        assert_eq!(d.id.as_deref(), Some("APW1"));
        assert_eq!(d.title, "Kenyans protest");
        assert_eq!(d.published.as_deref(), Some("1998-03-14"));
        assert_eq!(d.source.as_deref(), Some("APW"));
    }

    #[test]
    fn default_keys_and_overrides() {
        let record = obj(
            json!({"ID": 7, "headline": "H", "body": "B", "date": "Oct. 31, 2021", "outlet": "nyt", "authors": ["A One", "B Two"], "topic": "x"}),
        );
        let d = draft_from_object(&record, &FieldMap::default());
        assert_eq!(d.id.as_deref(), Some("7"));
        assert_eq!(d.title, "H");
        assert_eq!(d.text, "B");
        assert_eq!(d.published.as_deref(), Some("2021-10-31"));
        assert_eq!(d.author.as_deref(), Some("A One, B Two"));
        assert_eq!(d.meta.get("topic").map(String::as_str), Some("x"));
        let mut map = FieldMap::default();
        map.set_from_str("text=topic").unwrap();
        assert_eq!(draft_from_object(&record, &map).text, "x");
        assert!(map.set_from_str("colour=red").is_err());
        assert!(map.set_from_str("text").is_err());
    }

    #[test]
    fn paragraphs_of_sentences_are_joined() {
        let d = draft_from_object(
            &obj(json!({"title": "T", "body-paragraphs": [["One.", "Two."], ["Three."]]})),
            &FieldMap::default(),
        );
        assert_eq!(d.text, "One. Two.\n\nThree.");
    }

    #[test]
    fn nested_outlet_records_become_articles() {
        let record = obj(
            json!({"id": 5, "issue": "Story", "date": "2021-10-18T11:30:00-07:00",
            "roundup": ["Summary."],
            "news": {"left": {"newsSource": "Politico", "newsTitle": "L", "newsLink": "https://www.politico.com/news/2021/10/18/x", "newBody": ["P1", "P2"]},
                     "right": {"newsSource": "Washington Examiner", "newsTitle": "R", "newBody": ["Q"]}}}),
        );
        let ds = drafts_from_object(&record, &FieldMap::default());
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].id.as_deref(), Some("5-left"));
        assert_eq!(ds[0].source.as_deref(), Some("Politico"));
        assert_eq!(ds[0].text, "P1\n\nP2");
        assert_eq!(ds[0].published.as_deref(), Some("2021-10-18"));
        assert_eq!(
            ds[1].meta.get("news_key").map(String::as_str),
            Some("right")
        );
        let empty = obj(json!({"id": 6, "issue": "S", "roundup": ["Only a summary."], "news": {}}));
        let ds = drafts_from_object(&empty, &FieldMap::default());
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].text, "Only a summary.");
    }
}
