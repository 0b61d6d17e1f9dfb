//! The alias registry (user-editable TOML) and cross-article canonicalisation.
//!
//! ```toml
//! [[actor]]
//! name = "United States"
//! type = "LOC"                       # optional: PER, ORG, LOC, MISC
//! aliases = ["US", "U.S.", "America"]
//! ```

use std::collections::{BTreeMap, BTreeSet};

use gazette_types::EntityType;
use serde::Deserialize;

use super::Error;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    actor: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    #[serde(default, rename = "type")]
    kind: Option<EntityType>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Canonical names for aliases (`US`, `U.S.`, `America` → `United States`).
#[derive(Debug, Clone, Default)]
pub struct AliasRegistry {
    /// Lower-cased alias → (canonical name, type, alias as written).
    map: BTreeMap<String, (String, Option<EntityType>, String)>,
}

pub(crate) static BUILTIN: &str = include_str!("../../data/aliases.toml");

impl AliasRegistry {
    /// The registry shipped with gazette (`crates/extract/data/aliases.toml`).
    pub fn builtin() -> AliasRegistry {
        AliasRegistry::parse(BUILTIN).expect("the built-in alias registry is valid")
    }

    /// An empty registry.
    pub fn empty() -> AliasRegistry {
        AliasRegistry::default()
    }

    /// Parses a registry from TOML text.
    pub fn parse(text: &str) -> Result<AliasRegistry, Error> {
        let file: File = toml::from_str(text).map_err(|e| Error::Aliases(e.to_string()))?;
        let mut reg = AliasRegistry::default();
        for e in file.actor {
            if e.name.trim().is_empty() {
                return Err(Error::Aliases("an [[actor]] has an empty `name`".into()));
            }
            reg.insert(&e.name, e.kind, &e.aliases);
        }
        Ok(reg)
    }

    /// Adds a canonical name with its aliases; later entries win over earlier ones.
    pub fn insert(&mut self, name: &str, kind: Option<EntityType>, aliases: &[String]) {
        self.map.insert(
            name.to_lowercase(),
            (name.to_string(), kind, name.to_string()),
        );
        for a in aliases {
            self.map
                .insert(a.to_lowercase(), (name.to_string(), kind, a.clone()));
        }
    }

    /// Adds every entry of `other`, overriding entries with the same alias.
    pub fn extend(&mut self, other: AliasRegistry) {
        self.map.extend(other.map);
    }

    /// Returns the canonical name and type for a mention text, if it is registered.
    pub fn resolve(&self, text: &str) -> Option<(&str, Option<EntityType>)> {
        // An alias written in capitals (`US`, `UK`) matches only in capitals: `Us` is a word.
        self.map
            .get(&text.to_lowercase())
            .filter(|(_, _, written)| {
                written.chars().any(char::is_lowercase) || !text.chars().any(char::is_lowercase)
            })
            .map(|(n, k, _)| (n.as_str(), *k))
    }
}

/// A short name that could belong to more than one actor, reported instead of merged.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ambiguity {
    /// Article id, or empty for corpus-level ambiguities.
    pub article: String,
    /// The short name (`Johnson`).
    pub name: String,
    /// The full names it could be (`Boris Johnson`, `Lyndon Johnson`).
    pub candidates: Vec<String>,
    /// What was done: `kept apart` or `merged with the nearest preceding`.
    pub resolution: String,
}

/// Cross-article canonicalisation: a person known in one article only by a surname
/// (`Blair`) takes the full name used elsewhere in the corpus (`Tony Blair`) when exactly
/// one full name ends with it; when several do, the actor keeps its short name and the
/// case is reported.
pub fn canonicalise(articles: &mut [super::ArticleActors]) -> Vec<Ambiguity> {
    // Surname -> full name -> number of articles using it.
    let mut full: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for a in articles.iter() {
        for actor in &a.actors {
            if actor.kind == EntityType::PER {
                let words: Vec<&str> = actor.name.split_whitespace().collect();
                if words.len() >= 2 {
                    let last = words[words.len() - 1].to_lowercase();
                    *full
                        .entry(last)
                        .or_default()
                        .entry(actor.name.clone())
                        .or_default() += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for a in articles.iter_mut() {
        for actor in &mut a.actors {
            if actor.kind != EntityType::PER || actor.name.split_whitespace().count() != 1 {
                continue;
            }
            let Some(cands) = full.get(&actor.name.to_lowercase()) else {
                continue;
            };
            // One full name, or one used in at least three times as many articles as any
            // other (`Biden` is Joe Biden unless the article says otherwise): merge.
            let mut ranked: Vec<(&String, &usize)> = cands.iter().collect();
            ranked.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
            let dominant = ranked.len() == 1 || *ranked[0].1 >= 3 * *ranked[1].1;
            if ranked.len() > 1 && reported.insert(actor.name.to_lowercase()) {
                out.push(Ambiguity {
                    article: String::new(),
                    name: actor.name.clone(),
                    candidates: ranked.iter().map(|(n, _)| (*n).clone()).collect(),
                    resolution: if dominant {
                        format!("merged with the most used: {}", ranked[0].0)
                    } else {
                        "kept apart".into()
                    },
                });
            }
            if !dominant {
                continue;
            }
            let name = ranked[0].0.clone();
            let short = std::mem::replace(&mut actor.name, name);
            if !actor.aliases.contains(&short) {
                actor.aliases.insert(0, short.clone());
            }
            for m in a.mentions.iter_mut() {
                if m.name == short && m.kind == EntityType::PER {
                    m.name = actor.name.clone();
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_resolves_us_spellings() {
        let r = AliasRegistry::builtin();
        for a in ["US", "U.S.", "america", "United States"] {
            assert_eq!(r.resolve(a).map(|x| x.0), Some("United States"), "{a}");
        }
        assert_eq!(r.resolve("Moscow"), None);
        assert_eq!(r.resolve("Us"), None, "capitalised alias needs capitals");
    }

    #[test]
    fn bad_registry_is_an_error() {
        assert!(AliasRegistry::parse("[[actor]]\nname = 3").is_err());
        let r = AliasRegistry::parse("[[actor]]\nname = \"Tony Blair\"\naliases = [\"Blair\"]\n")
            .unwrap();
        assert_eq!(r.resolve("blair").map(|x| x.0), Some("Tony Blair"));
    }

    fn arts(names: &[&[&str]]) -> Vec<crate::actors::ArticleActors> {
        names
            .iter()
            .enumerate()
            .map(|(i, ns)| crate::actors::ArticleActors {
                article: format!("a{i}"),
                actors: ns
                    .iter()
                    .map(|n| gazette_types::Actor {
                        article: format!("a{i}"),
                        name: n.to_string(),
                        kind: EntityType::PER,
                        aliases: vec![],
                        role: None,
                        mentions: vec![],
                    })
                    .collect(),
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn surnames_take_the_corpus_full_name_unless_ambiguous() {
        let mut a = arts(&[
            &["Tony Blair", "Boris Johnson"],
            &["Blair"],
            &["Lyndon Johnson"],
            &["Johnson"],
        ]);
        let amb = canonicalise(&mut a);
        assert_eq!(a[1].actors[0].name, "Tony Blair");
        assert_eq!(a[1].actors[0].aliases, vec!["Blair".to_string()]);
        assert_eq!(a[3].actors[0].name, "Johnson", "two Johnsons: kept apart");
        assert_eq!(amb.len(), 1);
        assert_eq!(amb[0].candidates, vec!["Boris Johnson", "Lyndon Johnson"]);
        assert_eq!(amb[0].resolution, "kept apart");
    }
}
