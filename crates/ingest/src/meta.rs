//! Metadata normalisation: dates to ISO 8601, outlet names through an alias table, domains
//! from URLs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, ErrorKind, Result};

const BUILTIN_ALIASES: &str = include_str!("aliases.toml");

/// A table mapping spellings of an outlet (`nyt`, `NYT`, `nytimes.com`) to one canonical name
/// (`New York Times`). Lookups ignore case, surrounding space and a leading `www.`.
#[derive(Debug, Clone)]
pub struct SourceAliases {
    map: HashMap<String, String>,
}

impl Default for SourceAliases {
    /// The built-in table (major US and UK outlets, the codes used by PolNeAR and BASIL).
    fn default() -> Self {
        let mut aliases = SourceAliases {
            map: HashMap::new(),
        };
        aliases
            .extend_from_toml(BUILTIN_ALIASES)
            .expect("the built-in alias table is valid TOML");
        aliases
    }
}

impl SourceAliases {
    /// An empty table (no aliases at all).
    pub fn empty() -> Self {
        SourceAliases {
            map: HashMap::new(),
        }
    }

    /// Adds the entries of a TOML table `"Canonical" = ["alias", ...]`; later entries override
    /// earlier ones.
    ///
    /// # Errors
    /// When the text is not TOML of that shape.
    pub fn extend_from_toml(&mut self, text: &str) -> std::result::Result<(), String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        for (canonical, value) in table {
            let list = value
                .as_array()
                .ok_or_else(|| format!("`{canonical}`: expected an array of strings"))?;
            self.insert(&canonical, &canonical);
            for alias in list {
                let alias = alias
                    .as_str()
                    .ok_or_else(|| format!("`{canonical}`: expected an array of strings"))?;
                self.insert(alias, &canonical);
            }
        }
        Ok(())
    }

    /// Reads a user alias file (TOML) and adds its entries.
    ///
    /// # Errors
    /// When the file cannot be read or is not a valid alias table.
    pub fn extend_from_file(&mut self, path: &std::path::Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::new(path, ErrorKind::Io(e)))?;
        self.extend_from_toml(&text)
            .map_err(|e| Error::new(path, ErrorKind::Config(e)))
    }

    /// Maps `alias` to `canonical`.
    pub fn insert(&mut self, alias: &str, canonical: &str) {
        self.map
            .insert(alias_key(alias).into_owned(), canonical.trim().to_string());
    }

    /// Returns the canonical name of a source: the alias table's entry, else the name with
    /// outlet-section suffixes such as ` - News` or ` (Online News)` removed.
    pub fn canonical(&self, source: &str) -> String {
        // Called for every article, nearly always with a name that needs no change, so the
        // steps below borrow until a change or the result needs a string of its own.
        let trimmed = collapse_ws(source);
        if trimmed.is_empty() {
            return String::new();
        }
        if let Some(c) = self.map.get(&*alias_key(&trimmed)) {
            return c.clone();
        }
        static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\s*(?:-\s*News|\((?:Online News|Online|News|Web News)\)|Online News)$")
                .expect("valid regex")
        });
        let stripped = SUFFIX.replace(&trimmed, "");
        if stripped != trimmed && !stripped.is_empty() {
            if let Some(c) = self.map.get(&*alias_key(&stripped)) {
                return c.clone();
            }
            return stripped.into_owned();
        }
        trimmed.into_owned()
    }
}

/// The key an alias is filed under: whitespace collapsed, lower case, without `www.`.
fn alias_key(s: &str) -> Cow<'_, str> {
    let s = match collapse_ws(s) {
        // ASCII without capitals is its own lower case; anything else goes through
        // `to_lowercase` (title-case letters and final sigma have rules of their own).
        Cow::Borrowed(b) if b.bytes().all(|c| c.is_ascii() && !c.is_ascii_uppercase()) => {
            Cow::Borrowed(b)
        }
        c => Cow::Owned(c.to_lowercase()),
    };
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.strip_prefix("www.").unwrap_or(b)),
        Cow::Owned(o) => match o.strip_prefix("www.") {
            Some(rest) => Cow::Owned(rest.to_string()),
            None => Cow::Owned(o),
        },
    }
}

/// `s` trimmed, with every run of whitespace made one space; borrowed when it already is
/// (the test cleaning uses for paragraphs; unlike cleaning, zero-width characters stay).
fn collapse_ws(s: &str) -> Cow<'_, str> {
    if crate::clean::plain_spacing(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Returns the host of a URL without `www.` (`https://www.wsws.org/x` → `wsws.org`).
pub fn url_domain(url: &str) -> Option<String> {
    let url = url.trim();
    let parsed = url::Url::parse(url)
        .or_else(|_| url::Url::parse(&format!("https://{url}")))
        .ok()?;
    let host = parsed.host_str()?.to_lowercase();
    if !host.contains('.') {
        return None;
    }
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let lower = if lower == "sept" {
        "sep".to_string()
    } else {
        lower
    };
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full)
        .position(|(short, long)| lower == *short || lower == long)
        .map(|i| i as u32 + 1)
}

/// Years a news article can have been published in. A date outside (`0001-01-01`,
/// `9999-12-31`: placeholders of databases and forms) is not taken as the publication date;
/// it would also stretch every chart over time across thousands of empty years.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1600..=2100;

fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    if !PLAUSIBLE_YEARS.contains(&year) {
        return None;
    }
    let m = i8::try_from(month).ok()?;
    let d = i8::try_from(day).ok()?;
    let y = i16::try_from(year).ok()?;
    jiff::civil::Date::new(y, m, d).ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Parses a date as real articles write it and returns it as ISO 8601 (`YYYY-MM-DD`, or
/// `YYYY-MM` / `YYYY` when only that much is given). Understands ISO dates and date-times,
/// RFC 3339 and RFC 2822, `31 October 2021`, `October 31, 2021`, `Oct. 31, 2021`,
/// `Sunday, 31 Oct 2021`, `10/31/2021` (US order unless the first number exceeds 12),
/// `2021/10/31`, and a bare year. Returns `None` for anything else. The calendar date is
/// taken as written (no time-zone conversion).
pub fn parse_date(text: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:$|[T\s]\d)").expect("valid regex")
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})\b",
        )
        .expect("valid regex")
    });
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
        )
        .expect("valid regex")
    });
    static MY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Za-z]{3,9}\.?),?\s+(\d{4})$").expect("valid regex"));
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b").expect("valid regex")
    });
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})$").expect("valid regex"));

    let t = text.trim();
    let t = t
        .strip_prefix("Published")
        .or_else(|| t.strip_prefix("Updated"))
        .map(|s| s.trim_start_matches([':', ' ']))
        .unwrap_or(t);
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    if let Some(c) = ISO.captures(t) {
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        return match c.get(3) {
            Some(d) => iso(y, m, d.as_str().parse().ok()?),
            None => (1..=12)
                .contains(&m)
                .then(|| format!("{y:04}-{m:02}"))
                .filter(|_| PLAUSIBLE_YEARS.contains(&y)),
        };
    }
    if let Some(c) = DMY.captures(t)
        && let Some(m) = month_number(&c[2])
    {
        return iso(c[3].parse().ok()?, m, c[1].parse().ok()?);
    }
    if let Some(c) = MDY.captures(t)
        && let Some(m) = month_number(&c[1])
    {
        return iso(c[3].parse().ok()?, m, c[2].parse().ok()?);
    }
    if let Some(c) = MY.captures(t) {
        let y: i32 = c[2].parse().ok()?;
        return month_number(&c[1]).map(|m| format!("{y:04}-{m:02}"));
    }
    if let Some(c) = NUMERIC.captures(t) {
        let a: u32 = c[1].parse().ok()?;
        let b: u32 = c[2].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        return if a > 12 { iso(y, b, a) } else { iso(y, a, b) };
    }
    if let Some(c) = YEAR.captures(t) {
        let y: i32 = c[1].parse().ok()?;
        return PLAUSIBLE_YEARS.contains(&y).then(|| format!("{y:04}"));
    }
    None
}

/// Finds a date in a URL or file path: `/2021/10/31/`, `2021-10-31`, `/20211031/`, or
/// `/2021/10/` (returned as `2021-10`).
pub fn date_in_path(path: &str) -> Option<String> {
    static FULL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[/_.-])((?:19|20)\d{2})[/_-](\d{2})[/_-](\d{2})(?:$|[/_.-])")
            .expect("valid regex")
    });
    static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:$|[/_.-])").expect("valid regex")
    });
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(\d{2})/").expect("valid regex"));
    // `is_match` first: it allocates nothing, and most paths hold no date.
    for re in [&*FULL, &*COMPACT] {
        if !re.is_match(path) {
            continue;
        }
        for c in re.captures_iter(path) {
            let parsed = (|| iso(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))();
            if parsed.is_some() {
                return parsed;
            }
        }
    }
    if !MONTH.is_match(path) {
        return None;
    }
    let c = MONTH.captures(path)?;
    let m: u32 = c[2].parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{}-{:02}", &c[1], m))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The borrowing helpers give what the plain definitions give: split on whitespace and
        /// join with one space; then lower case without `www.`.
        #[test]
        fn alias_keys_match_their_plain_definition(s in "[ \t\n\u{a0}\u{3000}aAwW.ǅΣσ-]{0,12}") {
            let plain = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(&*collapse_ws(&s), plain.as_str());
            let lower = plain.to_lowercase();
            let key = lower.strip_prefix("www.").unwrap_or(&lower);
            proptest::prop_assert_eq!(&*alias_key(&s), key);
        }
    }

    #[test]
    fn placeholder_years_are_not_dates() {
        assert_eq!(parse_date("0001-01-01"), None);
        assert_eq!(parse_date("9999-12-31T23:59:59Z"), None);
        assert_eq!(parse_date("1 January 1500"), None);
        assert_eq!(parse_date("1605-01-01").as_deref(), Some("1605-01-01"));
        assert_eq!(parse_date("2100-12").as_deref(), Some("2100-12"));
    }

    #[test]
    fn dates_in_the_formats_articles_use() {
        let cases = [
            ("31 October 2021", Some("2021-10-31")),
            ("Oct. 31, 2021", Some("2021-10-31")),
            ("October 31, 2021", Some("2021-10-31")),
            ("Sept. 3, 2019", Some("2019-09-03")),
            ("Sunday, October 31, 2021", Some("2021-10-31")),
            ("2021-10-31", Some("2021-10-31")),
            ("2021-10-18T11:30:00-07:00", Some("2021-10-18")),
            ("Sun, 31 Oct 2021 10:15:00 +0000", Some("2021-10-31")),
            ("10/31/2021", Some("2021-10-31")),
            ("31/10/2021", Some("2021-10-31")),
            ("1962", Some("1962")),
            ("2021-10", Some("2021-10")),
            ("October 2021", Some("2021-10")),
            ("Published: 31 October 2021", Some("2021-10-31")),
            ("31 Octember 2021", None),
            ("2021-02-30", None),
            ("Andrea Peters", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn dates_in_urls_and_file_names() {
        assert_eq!(
            date_in_path(
                "https://www.politico.com/news/2021/10/18/general-colin-powell-obit-036445"
            )
            .as_deref(),
            Some("2021-10-18")
        );
        assert_eq!(
            date_in_path("https://wgntv.com/2019/11/12/nfl-teams/").as_deref(),
            Some("2019-11-12")
        );
        assert_eq!(
            date_in_path("breitbart_2016-03-11_activists-brick-up").as_deref(),
            Some("2016-03-11")
        );
        assert_eq!(
            date_in_path("https://example.com/2020/07/story").as_deref(),
            Some("2020-07")
        );
        assert_eq!(date_in_path("https://example.com/story-12345"), None);
    }

    #[test]
    fn aliases_merge_spellings_of_one_outlet() {
        let aliases = SourceAliases::default();
        for s in [
            "nyt",
            "NYT",
            "New York Times",
            "www.nytimes.com",
            "New York Times - News",
        ] {
            assert_eq!(aliases.canonical(s), "New York Times", "{s}");
        }
        assert_eq!(aliases.canonical("hpo"), "HuffPost");
        assert_eq!(aliases.canonical("Some Paper (Online News)"), "Some Paper");
        assert_eq!(aliases.canonical("wsws.org"), "wsws.org");
        let mut user = SourceAliases::default();
        user.extend_from_toml("\"World Socialist Web Site\" = [\"wsws.org\"]")
            .unwrap();
        assert_eq!(user.canonical("www.wsws.org"), "World Socialist Web Site");
        assert!(user.extend_from_toml("x = 3").is_err());
    }

    #[test]
    fn domains_from_urls() {
        assert_eq!(
            url_domain("https://www.wsws.org/contact").as_deref(),
            Some("wsws.org")
        );
        assert_eq!(url_domain("wgntv.com/2019/").as_deref(), Some("wgntv.com"));
        assert_eq!(url_domain("/story/some-path"), None);
    }
}
