//! The alias registry (user-editable TOML) and cross-article canonicalisation.
//!
//! ```toml
//! [[actor]]
//! name = "United States"
//! type = "LOC"                       # optional: PER, ORG, LOC, MISC
//! aliases = ["US", "U.S.", "America"]
//! ```

use std::collections::BTreeMap;

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
///
/// Before that, a full name written with middle initials in some articles and without in
/// others (`Donald J. Trump`, `Donald Trump`) becomes one actor under the more used form,
/// when only one initialled form shares that first and last name; when several do (`George
/// W. Bush`, `George H. W. Bush`), they are kept apart and reported.
///
/// A renamed actor keeps its old name as its first alias, and its mentions take the new
/// name. The same as [`PersonNames::plan`] over the articles, then [`Canonical::apply`].
pub fn canonicalise(articles: &mut [super::ArticleActors]) -> Vec<Ambiguity> {
    let mut names = PersonNames::default();
    for a in articles.iter() {
        names.add(&a.actors);
    }
    let plan = names.plan();
    for a in articles.iter_mut() {
        plan.apply(a);
    }
    plan.ambiguities
}

/// What cross-article canonicalisation needs to know of a corpus: every person name, with
/// how many actors (one per article that names the person) carry it and when it was first
/// seen. Its size follows the number of distinct names, not the corpus, so a corpus can be
/// read in batches: [`PersonNames::add`] the actors of each article in corpus order, then
/// [`PersonNames::plan`].
#[derive(Debug, Clone, Default)]
pub struct PersonNames {
    /// Person name -> (actors with this name, order of the first one).
    names: BTreeMap<String, (usize, usize)>,
    seen: usize,
}

/// The result of canonicalisation: which person names become which, and the cases reported.
#[derive(Debug, Clone, Default)]
pub struct Canonical {
    /// Person name -> the name it becomes. A name never becomes a name that changes again.
    pub renames: BTreeMap<String, String>,
    /// Middle-initial cases first, then surnames in the order they first appear.
    pub ambiguities: Vec<Ambiguity>,
}

impl PersonNames {
    /// Counts the person actors of one article (call in corpus order).
    pub fn add(&mut self, actors: &[gazette_types::Actor]) {
        for actor in actors {
            if actor.kind == EntityType::PER {
                let e = self
                    .names
                    .entry(actor.name.clone())
                    .or_insert((0, self.seen));
                e.0 += 1;
                self.seen += 1;
            }
        }
    }

    /// Decides the renames and the cases to report (see [`canonicalise`]).
    pub fn plan(&self) -> Canonical {
        let mut plan = Canonical::default();
        self.middle_initials(&mut plan);
        self.surnames(&mut plan);
        plan
    }

    fn middle_initials(&self, plan: &mut Canonical) {
        // first+last -> written form -> (actors using it, has middle initials)
        let mut forms: BTreeMap<String, BTreeMap<&String, (usize, bool)>> = BTreeMap::new();
        for (name, &(count, _)) in &self.names {
            if let Some((key, initials)) = initials_key(name) {
                forms
                    .entry(key)
                    .or_default()
                    .insert(name, (count, initials));
            }
        }
        for variants in forms.values() {
            let with = variants.values().filter(|v| v.1).count();
            if variants.len() < 2 || with == 0 {
                continue;
            }
            let mut ranked: Vec<(&String, usize)> =
                variants.iter().map(|(n, v)| (*n, v.0)).collect();
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
            let candidates: Vec<String> = ranked.iter().map(|(n, _)| (*n).clone()).collect();
            if with > 1 {
                plan.ambiguities.push(Ambiguity {
                    article: String::new(),
                    name: candidates.join(" / "),
                    candidates,
                    resolution: "kept apart".into(),
                });
                continue;
            }
            let to = ranked[0].0;
            for (n, _) in &ranked[1..] {
                plan.renames.insert((*n).clone(), to.clone());
            }
            plan.ambiguities.push(Ambiguity {
                article: String::new(),
                name: candidates[1..].join(" / "),
                candidates: candidates.clone(),
                resolution: format!("merged with the most used: {to}"),
            });
        }
    }

    fn surnames(&self, plan: &mut Canonical) {
        // Surname -> full name (after the middle-initial merge) -> actors using it.
        let mut full: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
        // Lower-cased one-word name -> (first seen, that first form), for the report order.
        let mut short: BTreeMap<String, (usize, &String)> = BTreeMap::new();
        for (name, &(count, first)) in &self.names {
            let name = plan.renames.get(name).unwrap_or(name);
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() >= 2 {
                let last = words[words.len() - 1].to_lowercase();
                *full.entry(last).or_default().entry(name).or_default() += count;
            } else if words.len() == 1 {
                let e = short.entry(name.to_lowercase()).or_insert((first, name));
                if first < e.0 {
                    *e = (first, name);
                }
            }
        }
        let mut order: Vec<(usize, &String, &String)> =
            short.iter().map(|(l, (f, n))| (*f, l, *n)).collect();
        order.sort();
        let mut renames = Vec::new();
        for (_, lower, first_form) in order {
            let Some(cands) = full.get(lower) else {
                continue;
            };
            // One full name, or one used in at least three times as many articles as any
            // other (`Biden` is Joe Biden unless the article says otherwise): merge.
            let mut ranked: Vec<(&str, usize)> = cands.iter().map(|(n, c)| (*n, *c)).collect();
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
            let dominant = ranked.len() == 1 || ranked[0].1 >= 3 * ranked[1].1;
            if ranked.len() > 1 {
                plan.ambiguities.push(Ambiguity {
                    article: String::new(),
                    name: first_form.clone(),
                    candidates: ranked.iter().map(|(n, _)| (*n).to_string()).collect(),
                    resolution: if dominant {
                        format!("merged with the most used: {}", ranked[0].0)
                    } else {
                        "kept apart".into()
                    },
                });
            }
            if dominant {
                renames.push((lower.clone(), ranked[0].0.to_string()));
            }
        }
        // Every one-word spelling of a merged surname (`Blair`, `BLAIR`) takes the full name.
        let to_of: BTreeMap<String, String> = renames.into_iter().collect();
        for name in self.names.keys() {
            if name.split_whitespace().count() == 1
                && let Some(to) = to_of.get(&name.to_lowercase())
            {
                plan.renames.insert(name.clone(), to.clone());
            }
        }
    }
}

impl Canonical {
    /// The name an actor of this type and name ends up with.
    pub fn name<'a>(&'a self, kind: EntityType, name: &'a str) -> &'a str {
        if kind == EntityType::PER {
            self.renames.get(name).map_or(name, String::as_str)
        } else {
            name
        }
    }

    /// Renames the person actors of one article (the old name becomes the first alias) and
    /// their mentions.
    pub fn apply(&self, article: &mut super::ArticleActors) {
        for actor in &mut article.actors {
            if actor.kind != EntityType::PER {
                continue;
            }
            let Some(to) = self.renames.get(&actor.name) else {
                continue;
            };
            let from = std::mem::replace(&mut actor.name, to.clone());
            if !actor.aliases.contains(&from) {
                actor.aliases.insert(0, from);
            }
        }
        for m in article.mentions.iter_mut() {
            if m.kind == EntityType::PER
                && let Some(to) = self.renames.get(&m.name)
            {
                m.name = to.clone();
            }
        }
    }
}

/// `J.`, `H.W.`, `J`: a middle word made of initials only.
fn is_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| *c != '.').count();
    (1..=3).contains(&letters)
        && word.chars().all(|c| c == '.' || c.is_uppercase())
        && (letters == 1 || word.contains('.'))
}

/// The (first, last) key of a person's name with middle initials, and whether it has any.
fn initials_key(name: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || is_initials(words[0]) {
        return None;
    }
    let middle = &words[1..words.len() - 1];
    if !middle.iter().all(|w| is_initials(w)) {
        return None;
    }
    let key = format!("{} {}", words[0], words[words.len() - 1]).to_lowercase();
    Some((key, !middle.is_empty()))
}

/// Canonicalisation as first written (over the articles, in two passes), which
/// [`PersonNames::plan`] must match.
#[cfg(test)]
mod reference {
    use std::collections::{BTreeMap, BTreeSet};

    use gazette_types::EntityType;

    use super::{Ambiguity, initials_key};

    pub(super) fn canonicalise(articles: &mut [crate::actors::ArticleActors]) -> Vec<Ambiguity> {
        let mut out = merge_middle_initials(articles);
        out.extend(merge_surnames(articles));
        out
    }

    /// Renames every PER actor (and its mentions) from one name to another.
    fn rename(articles: &mut [crate::actors::ArticleActors], renames: &BTreeMap<String, String>) {
        for a in articles.iter_mut() {
            for actor in &mut a.actors {
                if actor.kind != EntityType::PER {
                    continue;
                }
                let Some(to) = renames.get(&actor.name) else {
                    continue;
                };
                let from = std::mem::replace(&mut actor.name, to.clone());
                if !actor.aliases.contains(&from) {
                    actor.aliases.insert(0, from.clone());
                }
            }
            for m in a.mentions.iter_mut() {
                if m.kind == EntityType::PER
                    && let Some(to) = renames.get(&m.name)
                {
                    m.name = to.clone();
                }
            }
        }
    }

    fn merge_middle_initials(articles: &mut [crate::actors::ArticleActors]) -> Vec<Ambiguity> {
        // first+last -> written form -> (articles using it, has middle initials)
        let mut forms: BTreeMap<String, BTreeMap<String, (usize, bool)>> = BTreeMap::new();
        for a in articles.iter() {
            for actor in &a.actors {
                if actor.kind != EntityType::PER {
                    continue;
                }
                if let Some((key, initials)) = initials_key(&actor.name) {
                    forms
                        .entry(key)
                        .or_default()
                        .entry(actor.name.clone())
                        .or_insert((0, initials))
                        .0 += 1;
                }
            }
        }
        let mut renames = BTreeMap::new();
        let mut out = Vec::new();
        for variants in forms.values() {
            let with: Vec<&String> = variants.iter().filter(|v| v.1.1).map(|v| v.0).collect();
            if variants.len() < 2 || with.is_empty() {
                continue;
            }
            let mut ranked: Vec<(&String, usize)> =
                variants.iter().map(|(n, v)| (n, v.0)).collect();
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
            let candidates: Vec<String> = ranked.iter().map(|(n, _)| (*n).clone()).collect();
            if with.len() > 1 {
                out.push(Ambiguity {
                    article: String::new(),
                    name: candidates.join(" / "),
                    candidates,
                    resolution: "kept apart".into(),
                });
                continue;
            }
            let to = ranked[0].0;
            for (n, _) in &ranked[1..] {
                renames.insert((*n).clone(), to.clone());
            }
            out.push(Ambiguity {
                article: String::new(),
                name: candidates[1..].join(" / "),
                candidates: candidates.clone(),
                resolution: format!("merged with the most used: {to}"),
            });
        }
        rename(articles, &renames);
        out
    }

    fn merge_surnames(articles: &mut [crate::actors::ArticleActors]) -> Vec<Ambiguity> {
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
    fn middle_initials_merge_unless_two_initialled_forms() {
        let mut a = arts(&[
            &["Donald J. Trump"],
            &["Donald Trump"],
            &["Donald Trump", "George W. Bush"],
            &["George H. W. Bush", "George Bush"],
            &["Trump", "John Quincy Adams", "John Adams"],
        ]);
        let amb = canonicalise(&mut a);
        assert_eq!(a[0].actors[0].name, "Donald Trump");
        assert_eq!(a[0].actors[0].aliases, vec!["Donald J. Trump".to_string()]);
        assert_eq!(
            a[4].actors[0].name, "Donald Trump",
            "surname after the merge"
        );
        assert_eq!(
            a[2].actors[1].name, "George W. Bush",
            "two initialled Bushes"
        );
        assert_eq!(a[3].actors[0].name, "George H. W. Bush");
        assert_eq!(a[3].actors[1].name, "George Bush");
        assert_eq!(
            a[4].actors[1].name, "John Quincy Adams",
            "middle names are not initials"
        );
        assert!(
            amb.iter()
                .any(|x| x.resolution == "kept apart" && x.candidates.len() == 3)
        );
        assert!(amb.iter().any(|x| x.name == "Donald J. Trump"));
        assert!(is_initials("J.") && is_initials("H.W.") && is_initials("J"));
        assert!(!is_initials("Jr") && !is_initials("Quincy") && !is_initials("Jr."));
    }

    proptest::proptest! {
        /// The plan made from name counts renames exactly as the two passes over the
        /// articles did, and reports the same cases in the same order.
        #[test]
        fn plan_matches_the_reference(
            picks in proptest::collection::vec(
                proptest::collection::vec((0usize..16, 0usize..3), 0..6),
                0..12,
            )
        ) {
            const NAMES: [&str; 16] = [
                "Donald J. Trump", "Donald Trump", "Trump", "TRUMP", "George W. Bush",
                "George H. W. Bush", "George Bush", "Bush", "Tony Blair", "Cherie Blair",
                "Blair", "blair", "Boris Johnson", "Johnson", "J. Smith", "Smith",
            ];
            let kinds = [EntityType::PER, EntityType::PER, EntityType::ORG];
            let make = || -> Vec<crate::actors::ArticleActors> {
                picks
                    .iter()
                    .enumerate()
                    .map(|(i, ps)| {
                        let actors: Vec<gazette_types::Actor> = ps
                            .iter()
                            .map(|&(n, k)| gazette_types::Actor {
                                article: format!("a{i}"),
                                name: NAMES[n].to_string(),
                                kind: kinds[k],
                                aliases: if n % 3 == 0 { vec!["X".into()] } else { vec![] },
                                role: None,
                                mentions: vec![],
                            })
                            .collect();
                        let mentions = actors
                            .iter()
                            .enumerate()
                            .map(|(j, a)| crate::actors::ActorMention {
                                text: a.name.clone(),
                                span: gazette_types::Span::new(0, 0),
                                field: crate::actors::Field::Body,
                                sentence: 0,
                                actor: j,
                                name: a.name.clone(),
                                kind: a.kind,
                                phrase: gazette_types::Span::new(0, 0),
                            })
                            .collect();
                        crate::actors::ArticleActors {
                            article: format!("a{i}"),
                            actors,
                            mentions,
                            ..Default::default()
                        }
                    })
                    .collect()
            };
            let (mut want, mut got) = (make(), make());
            let amb_want = reference::canonicalise(&mut want);
            let amb_got = canonicalise(&mut got);
            proptest::prop_assert_eq!(amb_got, amb_want);
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert_eq!(&g.actors, &w.actors);
                proptest::prop_assert_eq!(&g.mentions, &w.mentions);
            }
        }
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
