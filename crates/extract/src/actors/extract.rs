//! Building actors from tagged mentions: cleaning spans, merging mentions within an article,
//! canonical names, aliases and roles.

use std::collections::BTreeMap;

use gazette_types::{Actor, Article, EntityType, Mention, Span};

use super::gazetteer::{Category, Gazetteer};
use super::ner::Tagger;
use super::registry::{AliasRegistry, Ambiguity};
use super::roles::{self, RoleTok};
use super::text;

/// Which field of the article a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// [`Article::title`].
    Title,
    /// [`Article::text`].
    Body,
}

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceInfo {
    /// The field the sentence is in.
    pub field: Field,
    /// Byte span in that field.
    pub span: Span,
}

/// One mention of an actor, with what the quotes finder needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// The mention as written, without possessive or title (`Lavrov`).
    pub text: String,
    /// Byte span in [`ActorMention::field`].
    pub span: Span,
    /// Title or body.
    pub field: Field,
    /// Index into [`ArticleActors::sentences`].
    pub sentence: usize,
    /// Index into [`ArticleActors::actors`].
    pub actor: usize,
    /// Canonical name of the actor (`Sergei Lavrov`).
    pub name: String,
    /// Type of the actor.
    pub kind: EntityType,
    /// Span of the whole speaker phrase including a title before the name (`Russian Foreign
    /// Minister Sergei Lavrov`), in the same field.
    pub phrase: Span,
}

/// The actors of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleActors {
    /// Article id.
    pub article: String,
    /// Actors in order of first mention (title first). Mentions in the title have offsets
    /// into the title; the others into the body.
    pub actors: Vec<Actor>,
    /// Every mention in text order (title first).
    pub mentions: Vec<ActorMention>,
    /// Sentences: the title's, then the body's.
    pub sentences: Vec<SentenceInfo>,
    /// Short names that matched several full names in this article.
    pub ambiguous: Vec<Ambiguity>,
}

impl ArticleActors {
    /// Returns the mentions that fall inside a byte range of the body.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &ActorMention> {
        self.mentions.iter().filter(move |m| {
            m.field == Field::Body && m.span.start >= span.start && m.span.end <= span.end
        })
    }
}

/// Finds actors in articles. `Send + Sync`: share one across threads.
pub struct ActorExtractor {
    tagger: Tagger,
    aliases: AliasRegistry,
    include_misc: bool,
}

impl Default for ActorExtractor {
    fn default() -> Self {
        ActorExtractor::new()
    }
}

/// One part of a split compound: span, text, type, canonical name.
type Part = (Span, String, EntityType, Option<String>);

/// A mention before merging.
struct Raw {
    text: String,
    span: Span,
    field: Field,
    sentence: usize,
    kind: EntityType,
    /// Canonical name from the registry, if any.
    canon: Option<String>,
    words: Vec<String>,
    role: Option<String>,
    phrase: Span,
}

/// A pronoun with a contracted verb ("I've", "We're", "It's"), which a capital at the start
/// of a sentence can make look like a name.
pub(crate) fn is_pronoun_contraction(lower: &str) -> bool {
    lower
        .split_once(['\'', '\u{2019}'])
        .is_some_and(|(head, tail)| {
            matches!(tail, "d" | "ve" | "m" | "ll" | "re" | "s")
                && matches!(
                    head,
                    "i" | "we"
                        | "you"
                        | "he"
                        | "she"
                        | "it"
                        | "they"
                        | "let"
                        | "that"
                        | "there"
                        | "here"
                        | "what"
                        | "who"
                )
        })
}

const FUNCTION_WORDS: &[&str] = &[
    "in",
    "the",
    "a",
    "an",
    "despite",
    "speaking",
    "shortly",
    "notwithstanding",
    "however",
    "adding",
    "according",
    "last",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "on",
    "at",
    "for",
    "of",
    "and",
    "but",
    "or",
    "as",
    "if",
    "after",
    "before",
    "while",
    "when",
    "with",
    "by",
    "from",
    "to",
    "writing",
    "meanwhile",
    "simultaneous",
];

impl ActorExtractor {
    /// An extractor with the embedded model and the built-in alias registry.
    pub fn new() -> ActorExtractor {
        ActorExtractor {
            tagger: Tagger::embedded(),
            aliases: AliasRegistry::builtin(),
            include_misc: false,
        }
    }

    /// Uses another tagger.
    pub fn with_tagger(mut self, tagger: Tagger) -> ActorExtractor {
        self.tagger = tagger;
        self
    }

    /// Adds user aliases on top of the built-in registry (user entries win).
    pub fn with_aliases(mut self, aliases: AliasRegistry) -> ActorExtractor {
        self.aliases.extend(aliases);
        self
    }

    /// Also report MISC entities (events, nationalities, works) as actors.
    pub fn include_misc(mut self, yes: bool) -> ActorExtractor {
        self.include_misc = yes;
        self
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Finds the actors of one article (title and body).
    pub fn extract(&self, article: &Article) -> ArticleActors {
        let g = self.tagger.gazetteer();
        let mut out = ArticleActors {
            article: article.id.clone(),
            ..Default::default()
        };
        let mut raws: Vec<Raw> = Vec::new();
        for (field, src) in [(Field::Title, &article.title), (Field::Body, &article.text)] {
            let sents = text::sentences(src);
            let words_of: Vec<Vec<&str>> = sents
                .iter()
                .map(|s| s.tokens.iter().map(|t| t.slice(src)).collect())
                .collect();
            let refs: Vec<&[&str]> = words_of.iter().map(Vec::as_slice).collect();
            let tagged = self.tagger.tag_document(&refs);
            for ((s, words), ents) in sents.iter().zip(&words_of).zip(tagged) {
                let sidx = out.sentences.len();
                out.sentences.push(SentenceInfo {
                    field,
                    span: s.span,
                });
                if ents.is_empty() {
                    // Most sentences name no one: skip lower-casing their words for roles.
                    continue;
                }
                let mut ent_of = vec![None; words.len()];
                for e in &ents {
                    for slot in &mut ent_of[e.start..e.end] {
                        *slot = Some(e.kind);
                    }
                }
                let rtoks: Vec<RoleTok<'_>> = words
                    .iter()
                    .zip(&ent_of)
                    .map(|(w, e)| RoleTok {
                        text: w,
                        lower: w.to_lowercase(),
                        entity: *e,
                    })
                    .collect();
                for e in ents {
                    raws.extend(self.clean(g, src, s, &rtoks, e, field, sidx));
                }
            }
        }
        self.merge(article, raws, &mut out);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn clean(
        &self,
        g: &Gazetteer,
        src: &str,
        s: &text::Sentence,
        toks: &[RoleTok<'_>],
        e: super::ner::Entity,
        field: Field,
        sentence: usize,
    ) -> Vec<Raw> {
        let (mut a, mut b) = (e.start, e.end);
        let mut title_role: Option<(usize, usize)> = None;
        // Titles and honorifics stay out of person names.
        while e.kind == EntityType::PER && b - a > 1 {
            let l = &toks[a].lower;
            let honor = g.is(&[l], Category::Honorific);
            if honor || g.is(&[l], Category::Title) {
                if !honor {
                    title_role = Some((title_role.map_or(a, |r| r.0), a + 1));
                }
                a += 1;
            } else {
                break;
            }
        }
        while b > a && (toks[b - 1].text.starts_with(['\'', '\u{2019}']) || toks[b - 1].text == "-")
        {
            b -= 1;
        }
        while a < b && matches!(toks[a].lower.as_str(), "the" | "\"" | "'" | "(") {
            a += 1;
        }
        while b > a && matches!(toks[b - 1].text, "\"" | ")" | "," | ".") {
            b -= 1;
        }
        if a >= b {
            return Vec::new();
        }
        if let Some(parts) = self.split_compound(g, src, s, toks, a) {
            return parts
                .into_iter()
                .map(|(span, text, kind, canon)| Raw {
                    words: vec![text.clone()],
                    text,
                    span,
                    field,
                    sentence,
                    kind,
                    canon,
                    role: None,
                    phrase: span,
                })
                .collect();
        }
        let span = Span::new(s.tokens[a].start, s.tokens[b - 1].end);
        let text = span.slice(src).to_string();
        let lw: Vec<&str> = toks[a..b].iter().map(|t| t.lower.as_str()).collect();
        if !text.chars().any(char::is_uppercase)
            || (b - a == 1
                && (FUNCTION_WORDS.contains(&lw[0])
                    || g.is(&lw, Category::Temporal)
                    || is_pronoun_contraction(lw[0])))
            || g.is(&lw, Category::Title)
            || g.is(&lw, Category::Honorific)
        {
            return Vec::new();
        }
        let mut kind = e.kind;
        let canon = self.aliases.resolve(&text).map(|(n, k)| {
            if let Some(k) = k {
                kind = k;
            }
            n.to_string()
        });
        if kind == EntityType::MISC && !self.include_misc {
            return Vec::new();
        }
        let mut role = None;
        let mut phrase = span;
        if kind == EntityType::PER {
            // Titles the tagger put inside the name ("General John Hyten") join the role
            // written before them.
            let found = roles::before(g, toks, e.start)
                .map(|(rs, _)| (rs, a))
                .or(title_role)
                .or_else(|| roles::after(g, toks, b))
                .or_else(|| roles::before_comma(g, toks, a, b));
            if let Some((rs, re)) = found {
                let rspan = Span::new(s.tokens[rs].start, s.tokens[re - 1].end);
                role = Some(collapse(rspan.slice(src)));
                if re <= a {
                    phrase = Span::new(rspan.start, span.end);
                }
            }
        }
        vec![Raw {
            words: toks[a..b].iter().map(|t| t.text.to_string()).collect(),
            text,
            span,
            field,
            sentence,
            kind,
            canon,
            role,
            phrase,
        }]
    }

    /// Splits a hyphenated compound of known names (`US-NATO`, `US-Russia`) into its parts.
    fn split_compound(
        &self,
        g: &Gazetteer,
        src: &str,
        s: &text::Sentence,
        toks: &[RoleTok<'_>],
        a: usize,
    ) -> Option<Vec<Part>> {
        let tok = toks[a].text;
        if !tok.contains('-') {
            return None;
        }
        let base = s.tokens[a].start;
        let mut out = Vec::new();
        let mut off = 0;
        for part in tok.split('-') {
            let start = base + off;
            off += part.len() + 1;
            let lower = part.to_lowercase();
            let (kind, canon) = match self.aliases.resolve(part) {
                Some((n, Some(k))) => (k, Some(n.to_string())),
                _ => {
                    let m = g.lookup(&[&lower]);
                    if m & (Category::Country.bit() | Category::City.bit() | Category::Region.bit())
                        != 0
                    {
                        (EntityType::LOC, None)
                    } else if m & Category::Organisation.bit() != 0 {
                        (EntityType::ORG, None)
                    } else {
                        return None;
                    }
                }
            };
            let span = Span::new(start, start + part.len());
            out.push((span, span.slice(src).to_string(), kind, canon));
        }
        (out.len() >= 2).then_some(out)
    }

    fn merge(&self, article: &Article, raws: Vec<Raw>, out: &mut ArticleActors) {
        let g = self.tagger.gazetteer();
        // Full person names (two words or more), in order of first appearance.
        let mut full: Vec<Vec<String>> = Vec::new();
        for r in &raws {
            if r.kind == EntityType::PER && r.words.len() >= 2 && r.canon.is_none() {
                let w: Vec<String> = r.words.iter().map(|x| x.to_lowercase()).collect();
                if !full.contains(&w) {
                    full.push(w);
                }
            }
        }
        // Group key of every mention.
        let mut keys: Vec<String> = Vec::with_capacity(raws.len());
        let mut kinds: Vec<EntityType> = Vec::with_capacity(raws.len());
        for (i, r) in raws.iter().enumerate() {
            let lw: Vec<String> = r.words.iter().map(|x| x.to_lowercase()).collect();
            let placeish = {
                let refs: Vec<&str> = lw.iter().map(String::as_str).collect();
                g.lookup(&refs)
                    & (Category::Country.bit()
                        | Category::City.bit()
                        | Category::Region.bit()
                        | Category::Organisation.bit())
                    != 0
            };
            let mut key = r
                .canon
                .clone()
                .unwrap_or_else(|| r.text.clone())
                .to_lowercase();
            let mut kind = r.kind;
            let could_be_person = r.kind == EntityType::PER || !placeish && r.canon.is_none();
            if could_be_person && !full.contains(&lw) {
                let cands: Vec<&Vec<String>> = full
                    .iter()
                    .filter(|f| f.len() > lw.len() && f.ends_with(&lw))
                    .collect();
                let chosen = match cands.len() {
                    0 => None,
                    1 => Some(cands[0]),
                    _ => {
                        // The nearest full name mentioned before, else the first.
                        let before = raws[..i]
                            .iter()
                            .rev()
                            .map(|p| p.words.iter().map(|x| x.to_lowercase()).collect::<Vec<_>>())
                            .find(|w| cands.contains(&w));
                        let pick = before
                            .and_then(|b| cands.iter().copied().find(|c| **c == b))
                            .unwrap_or(cands[0]);
                        let cand_names: Vec<String> =
                            cands.iter().map(|c| display(&raws, c)).collect();
                        if !out.ambiguous.iter().any(|a| a.name == r.text) {
                            out.ambiguous.push(Ambiguity {
                                article: article.id.clone(),
                                name: r.text.clone(),
                                candidates: cand_names,
                                resolution: format!(
                                    "merged with the nearest preceding: {}",
                                    display(&raws, pick)
                                ),
                            });
                        }
                        Some(pick)
                    }
                };
                if let Some(f) = chosen {
                    key = f.join(" ");
                    kind = EntityType::PER;
                }
            }
            keys.push(key);
            kinds.push(kind);
        }
        // Actors in order of first mention.
        let mut order: Vec<String> = Vec::new();
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            members
                .entry(k.clone())
                .or_insert_with(|| {
                    order.push(k.clone());
                    Vec::new()
                })
                .push(i);
        }
        for key in &order {
            let idx = &members[key];
            // Type: majority, ties broken by the gazetteer, then by the first mention.
            let mut votes = [0usize; 4];
            for &i in idx {
                votes[type_index(kinds[i])] += 1;
            }
            let best = *votes.iter().max().expect("four types");
            let tied: Vec<EntityType> = (0..4)
                .filter(|t| votes[*t] == best)
                .map(|t| super::ner::TYPES[t])
                .collect();
            let kind = if tied.len() == 1 {
                tied[0]
            } else {
                let lw: Vec<String> = raws[idx[0]]
                    .words
                    .iter()
                    .map(|x| x.to_lowercase())
                    .collect();
                let refs: Vec<&str> = lw.iter().map(String::as_str).collect();
                let m = g.lookup(&refs);
                if m & (Category::Country.bit() | Category::City.bit() | Category::Region.bit())
                    != 0
                    && tied.contains(&EntityType::LOC)
                {
                    EntityType::LOC
                } else if m & Category::Organisation.bit() != 0 && tied.contains(&EntityType::ORG) {
                    EntityType::ORG
                } else {
                    kinds[idx[0]]
                }
            };
            if kind == EntityType::MISC && !self.include_misc {
                continue;
            }
            // Name: the registry's canonical name, else the longest person name, else the
            // most frequent form.
            let name = if let Some(c) = idx.iter().find_map(|&i| raws[i].canon.clone()) {
                c
            } else if kind == EntityType::PER {
                let i = *idx
                    .iter()
                    .max_by_key(|&&i| (raws[i].words.len(), std::cmp::Reverse(i)))
                    .expect("non-empty");
                raws[i].text.clone()
            } else {
                let mut counts: BTreeMap<&str, (usize, std::cmp::Reverse<usize>)> = BTreeMap::new();
                for &i in idx {
                    let e = counts
                        .entry(raws[i].text.as_str())
                        .or_insert((0, std::cmp::Reverse(i)));
                    e.0 += 1;
                }
                counts
                    .iter()
                    .max_by_key(|(_, v)| **v)
                    .map(|(k, _)| k.to_string())
                    .expect("non-empty")
            };
            let name = collapse(&name);
            let mut aliases: Vec<String> = Vec::new();
            for &i in idx {
                let t = collapse(&raws[i].text);
                if t != name && !aliases.contains(&t) {
                    aliases.push(t);
                }
            }
            let role = idx.iter().find_map(|&i| raws[i].role.clone());
            let actor_index = out.actors.len();
            out.actors.push(Actor {
                article: article.id.clone(),
                name: name.clone(),
                kind,
                aliases,
                role,
                mentions: idx
                    .iter()
                    .map(|&i| Mention {
                        text: raws[i].text.clone(),
                        start: raws[i].span.start,
                        end: raws[i].span.end,
                    })
                    .collect(),
            });
            for &i in idx {
                out.mentions.push(ActorMention {
                    text: raws[i].text.clone(),
                    span: raws[i].span,
                    field: raws[i].field,
                    sentence: raws[i].sentence,
                    actor: actor_index,
                    name: name.clone(),
                    kind,
                    phrase: raws[i].phrase,
                });
            }
        }
        out.mentions
            .sort_by_key(|m| (m.field, m.span.start, m.span.end));
    }
}

fn display(raws: &[Raw], words: &[String]) -> String {
    raws.iter()
        .find(|r| {
            r.words.len() == words.len()
                && r.words
                    .iter()
                    .zip(words)
                    .all(|(a, b)| a.to_lowercase() == *b)
        })
        .map_or_else(|| words.join(" "), |r| collapse(&r.text))
}

/// Collapses runs of whitespace (line breaks inside names) to one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn type_index(k: EntityType) -> usize {
    super::ner::TYPES
        .iter()
        .position(|t| *t == k)
        .expect("known type")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, text: &str) -> Article {
        Article::new("t", title, text)
    }

    #[test]
    fn pronoun_contractions_are_no_actors() {
        for w in ["I've", "I'd", "We\u{2019}re", "It's", "Let's"] {
            assert!(is_pronoun_contraction(&w.to_lowercase()), "{w}");
        }
        for w in ["O'Neill", "D'Souza", "Macy's", "McDonald's", "I"] {
            assert!(!is_pronoun_contraction(&w.to_lowercase()), "{w}");
        }
        let text = "I've asked the Congress to act. I'd urge Senator Dole to help. \
                    We're told that John Smith agrees.";
        let found = ActorExtractor::new().extract(&article("", text));
        let names: Vec<&str> = found.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| !n.starts_with("I'") && !n.starts_with("We")),
            "{names:?}"
        );
        assert!(names.contains(&"Congress"), "{names:?}");
        assert!(names.contains(&"John Smith"), "{names:?}");
    }

    #[test]
    fn seed_paragraph_actors_roles_and_merges() {
        let a = article(
            "Moscow ends NATO mission",
            "Russian Foreign Minister Sergei Lavrov said that NATO is uninterested. \
             Andrei Kortunov, general director of the Russian Council on International \
             Affairs, a Moscow think tank, agreed. An early October visit to Russia by US \
             Under Secretary for Political Affairs Victoria Nuland failed. Nuland, who \
             declared in 2014 that the US had spent $5 billion, left. President Putin and \
             Russia's allies met in Moscow on Monday.",
        );
        let x = ActorExtractor::new().extract(&a);
        let get = |n: &str| {
            x.actors
                .iter()
                .find(|a| a.name == n)
                .unwrap_or_else(|| panic!("{n} missing: {:#?}", x.actors))
        };
        assert_eq!(
            get("Sergei Lavrov").role.as_deref(),
            Some("Russian Foreign Minister")
        );
        assert_eq!(
            get("Andrei Kortunov").role.as_deref(),
            Some("general director of the Russian Council on International Affairs")
        );
        let nuland = get("Victoria Nuland");
        assert_eq!(nuland.mentions.len(), 2);
        assert_eq!(nuland.aliases, vec!["Nuland".to_string()]);
        assert_eq!(get("United States").mentions[0].text, "US");
        assert_eq!(get("Moscow").mentions.len(), 3, "title + 2 in the body");
        let russia = get("Russia");
        assert!(
            russia.mentions.iter().all(|m| m.text == "Russia"),
            "no possessive"
        );
        assert!(
            !x.actors
                .iter()
                .any(|a| a.name == "Monday" || a.name == "President Putin")
        );
        // Body mentions point at their text; title mentions at the title.
        for m in &x.mentions {
            let src = if m.field == Field::Title {
                &a.title
            } else {
                &a.text
            };
            assert_eq!(m.span.slice(src), m.text);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_hold_their_text(body in "[A-Za-z .,'\u{2019}\"\u{201c}\n-]{0,200}") {
            static EX: std::sync::OnceLock<ActorExtractor> = std::sync::OnceLock::new();
            let a = article("", &body);
            let x = EX.get_or_init(ActorExtractor::new).extract(&a);
            for m in &x.mentions {
                proptest::prop_assert_eq!(m.span.slice(&a.text), m.text.as_str());
            }
        }
    }

    /// Prints the actors of the article in `ACTORS_FILE` (title line, then body), for
    /// inspection: `ACTORS_FILE=… cargo test -p gazette-extract print_actors -- --ignored`.
    #[test]
    #[ignore]
    fn print_actors() {
        let Ok(p) = std::env::var("ACTORS_FILE") else {
            return;
        };
        let raw = std::fs::read_to_string(p).unwrap();
        let raw = raw.replace("\\$", "$").replace('*', "");
        let mut paras = raw.split("\n\n").map(str::trim).filter(|s| !s.is_empty());
        let title = paras.next().unwrap().to_string();
        let _ = paras.next();
        let mut body = String::new();
        for p in paras {
            if !body.is_empty() {
                let ended = body.ends_with(['.', '"', '?', '!', '\u{201d}']);
                body.push_str(if ended { "\n\n" } else { " " });
            }
            body.push_str(p);
        }
        let a = article(&title, &body);
        let x = ActorExtractor::new().extract(&a);
        for actor in &x.actors {
            eprintln!(
                "{:?} {} | {:?} | {:?} | {}",
                actor.kind,
                actor.name,
                actor.aliases,
                actor.role,
                actor.mentions.len()
            );
        }
        eprintln!("{:?}", x.ambiguous);
    }

    /// Times actor extraction over every `.txt` file under `ACTORS_DIR` (all threads).
    #[test]
    #[ignore]
    fn time_dir() {
        use rayon::prelude::*;
        let Ok(dir) = std::env::var("ACTORS_DIR") else {
            return;
        };
        let mut files = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
            } else if p.extension().is_some_and(|e| e == "txt") {
                files.push(p);
            }
        }
        let arts: Vec<Article> = files
            .iter()
            .map(|p| {
                let raw = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
                let (t, b) = raw.split_once('\n').unwrap_or(("", &raw));
                article(t, b)
            })
            .collect();
        let t = std::time::Instant::now();
        let ex = ActorExtractor::new();
        let n: usize = arts.par_iter().map(|a| ex.extract(a).actors.len()).sum();
        eprintln!(
            "{} articles, {n} actors in {:.2} s",
            arts.len(),
            t.elapsed().as_secs_f64()
        );
    }
}
