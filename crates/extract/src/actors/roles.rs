//! Roles from titles and appositives: "Russian Foreign Minister Sergei Lavrov", "Andrei
//! Kortunov, general director of the Russian Council on International Affairs", "NATO
//! spokesperson Oana Lungescu", "Germany's incumbent defense minister, Annegret
//! Kramp-Karrenbauer".

use super::gazetteer::{Category, Gazetteer};

/// A token of a sentence as the role finder sees it.
pub(crate) struct RoleTok<'a> {
    pub(crate) text: &'a str,
    pub(crate) lower: String,
    /// Type of the entity the token belongs to, if any (`None` outside entities).
    pub(crate) entity: Option<gazette_types::EntityType>,
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_title(g: &Gazetteer, lower: &str) -> bool {
    g.is(&[lower], Category::Title) || title_word(lower)
}

/// Words that occur inside multi-word titles (`under secretary`, `vice chairman`).
fn title_word(lower: &str) -> bool {
    matches!(
        lower,
        "minister"
            | "secretary"
            | "president"
            | "chairman"
            | "chairwoman"
            | "director"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "deputy"
            | "vice"
            | "under"
            | "assistant"
            | "chief"
            | "general"
            | "ambassador"
            | "governor"
            | "senator"
            | "chancellor"
            | "commander"
            | "head"
            | "leader"
            | "officer"
            | "executive"
            | "adviser"
            | "advisor"
            | "envoy"
            | "premier"
            | "mayor"
            | "secretary-general"
            | "director-general"
            | "undersecretary"
            | "chair"
            | "prosecutor"
            | "justice"
            | "judge"
            | "commissioner"
            | "speaker"
            | "king"
            | "queen"
            | "prince"
            | "pope"
            | "admiral"
            | "colonel"
            | "captain"
            | "manager"
            | "coach"
            | "analyst"
            | "founder"
            | "economist"
            | "editor"
            | "correspondent"
            | "professor"
            | "official"
            | "lawyer"
            | "attorney"
    )
}

const CONNECTORS: &[&str] = &["of", "for", "the", "on", "and", "to", "in"];

/// Role written before the name: walks left from token `m` over title words, capitalised
/// words, demonyms and connectors. Returns the first token of the role and the role text
/// tokens range `[start, end)`.
pub(crate) fn before(g: &Gazetteer, toks: &[RoleTok<'_>], m: usize) -> Option<(usize, usize)> {
    let end = m;
    let mut start = m;
    let mut j = m;
    let mut has_title = false;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if t.entity == Some(gazette_types::EntityType::PER) {
            break;
        }
        if is_title(g, &t.lower) {
            has_title = true;
            start = j;
        } else if capitalised(t.text) && t.text.chars().any(char::is_alphabetic) {
            if j == 0 && t.entity.is_none() && !g.is(&[&t.lower], Category::Demonym) {
                // A sentence-initial capitalised word is only part of a role when it is a
                // name or demonym ("Russian", "NATO"), not "Speaking" or "Despite".
                if !has_title_after(g, toks, j + 1, end) {
                    break;
                }
                if !t
                    .text
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic())
                {
                    break;
                }
            }
            start = j;
        } else if t.text == "'s" || t.text == "\u{2019}s" {
            if j > 0 && capitalised(toks[j - 1].text) {
                start = j;
            } else {
                break;
            }
        } else if CONNECTORS.contains(&t.lower.as_str())
            && j + 1 < end
            && (capitalised(toks[j + 1].text)
                || is_title(g, &toks[j + 1].lower)
                || toks[j + 1].lower == "the")
            && t.lower != "and"
        {
            continue;
        } else {
            break;
        }
    }
    // Trim connectors and possessives at the left edge.
    while start < end
        && (CONNECTORS.contains(&toks[start].lower.as_str()) || toks[start].text.ends_with("'s"))
    {
        start += 1;
    }
    if start < end && has_title && has_title_after(g, toks, start, end) {
        Some((start, end))
    } else {
        None
    }
}

fn has_title_after(g: &Gazetteer, toks: &[RoleTok<'_>], s: usize, e: usize) -> bool {
    toks[s..e].iter().any(|t| is_title(g, &t.lower))
}

/// Role in an appositive after the name: "Name, general director of X, ...".
pub(crate) fn after(g: &Gazetteer, toks: &[RoleTok<'_>], e: usize) -> Option<(usize, usize)> {
    if toks.get(e).map(|t| t.text) != Some(",") {
        return None;
    }
    let s = e + 1;
    let mut k = s;
    while k < toks.len() && k - s < 16 {
        let t = toks[k].text;
        if matches!(
            t,
            "," | ";" | "." | ":" | "(" | ")" | "\"" | "\u{201c}" | "\u{201d}"
        ) || matches!(
            toks[k].lower.as_str(),
            "who" | "which" | "said" | "says" | "told"
        ) {
            break;
        }
        k += 1;
    }
    if k == s || k - s >= 16 {
        return None;
    }
    // The title must come early ("a former defence minister", "general director of ...").
    let head = &toks[s..k.min(s + 4)];
    if !head.iter().any(|t| is_title(g, &t.lower)) {
        return None;
    }
    if toks[s].entity == Some(gazette_types::EntityType::PER) {
        return None;
    }
    let mut start = s;
    while start < k && matches!(toks[start].lower.as_str(), "a" | "an" | "the") {
        start += 1;
    }
    (start < k).then_some((start, k))
}

/// Role in an appositive before the name: "X's incumbent defense minister, Name,".
pub(crate) fn before_comma(
    g: &Gazetteer,
    toks: &[RoleTok<'_>],
    m: usize,
    name_end: usize,
) -> Option<(usize, usize)> {
    if m < 2 || toks[m - 1].text != "," {
        return None;
    }
    // The name must close the appositive.
    if !toks
        .get(name_end)
        .is_some_and(|t| matches!(t.text, "," | "." | ";"))
    {
        return None;
    }
    let end = m - 1;
    let mut start = end;
    let mut j = end;
    let mut lowercase_run = 0;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if t.entity == Some(gazette_types::EntityType::PER) {
            break;
        }
        if is_title(g, &t.lower) || capitalised(t.text) && t.text.chars().any(char::is_alphabetic) {
            if j == 0 && !is_title(g, &t.lower) && t.entity.is_none() {
                break;
            }
            start = j;
            lowercase_run = 0;
        } else if t.text == "'s" || t.text == "\u{2019}s" {
            if j > 0 && capitalised(toks[j - 1].text) {
                start = j;
            } else {
                break;
            }
        } else if t.text == "," {
            // Lists of capitalised names inside the role ("Russia, Ukraine, and Eurasia").
            if j > 0
                && capitalised(toks[j - 1].text)
                && (start == j + 1 || start == j + 2 && toks[j + 1].lower == "and")
            {
                continue;
            }
            break;
        } else if CONNECTORS.contains(&t.lower.as_str()) && j + 1 == start {
            continue;
        } else if t.text.chars().all(char::is_lowercase) && lowercase_run < 3 {
            // Adjectives before the title ("incumbent defense minister"), kept only when
            // a possessive or determiner closes them on the left.
            lowercase_run += 1;
            let mut k = j;
            let mut found = false;
            while k > 0 && j - k < 3 {
                k -= 1;
                if toks[k].text == "'s" || toks[k].text == "\u{2019}s" {
                    found = true;
                    break;
                }
                if !toks[k].text.chars().all(char::is_lowercase) {
                    break;
                }
            }
            if found {
                start = j;
                continue;
            }
            break;
        } else {
            break;
        }
    }
    while start < end
        && (CONNECTORS.contains(&toks[start].lower.as_str()) || toks[start].text == ",")
    {
        start += 1;
    }
    if start < end && has_title_after(g, toks, start, end) {
        Some((start, end))
    } else {
        None
    }
}
