//! Who said what: direct and indirect quotes with their cue and speaker, and a ledger of the
//! same statements across articles and outlets.
//!
//! [`extract`] finds attributed statements in one article, given the article's actors (with
//! mention spans) as speaker candidates; [`extract_with_fallback`] proposes capitalised
//! names itself when no actor list is at hand. Direct quotes in straight, curly, single and
//! ``PTB'' marks are found, including quotes that run over paragraphs and partial quotes
//! inside a sentence; unbalanced marks are dropped, never an error. Indirect speech is found
//! from cue verbs in any tense and order (`said Lavrov`, `he stated`, `had declared`) and
//! `according to`. A pronoun or description speaker is resolved to the last compatible actor
//! before it; when none is found the speaker is `None`, not a guess.
//!
//! [`ledger`] groups the same statement (normalised text, fuzzy word-shingle match) found in
//! several articles: first appearance by date, outlets, and the variant wordings;
//! [`speaker_table`] counts who is quoted how often per outlet and actor type.
//!
//! All offsets are UTF-8 byte offsets into [`Article::text`].
//!
//! # Example
//! ```
//! use gazette_types::Article;
//!
//! let article = Article::new(
//!     "a1",
//!     "",
//!     "Foreign Minister Sergei Lavrov said NATO was not interested in \"equitable dialogue\". \
//!      The Kremlin, he stated, does not \"see the need to keep pretending.\"",
//! );
//! let quotes = gazette_extract::quotes::extract_with_fallback(&article);
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[1].speaker.as_deref(), Some("Sergei Lavrov"));
//! assert_eq!(quotes[1].cue.as_deref(), Some("stated"));
//! ```

use gazette_types::{Actor, Article, Quote};

mod attribute;
mod learn;
mod ledger;
mod lexicon;
mod names;
mod scan;

pub use learn::{CueTrainOptions, MODEL_ENV, polnear_cues, train_cue_model};
pub use ledger::{
    LedgerEntry, LedgerOptions, LedgerVersion, SpeakerRow, ledger, normalise, similarity,
    speaker_table,
};

/// Finds the attributed statements of one article, in text order.
///
/// `actors` are the article's actors with their mention spans (from the actor extractor);
/// speakers are chosen among their mentions, pronouns and descriptions. Never fails and never
/// panics, whatever the text; mentions whose offsets do not fit the text are ignored.
pub fn extract(article: &Article, actors: &[Actor]) -> Vec<Quote> {
    let scan = scan::scan(&article.text);
    let cands = names::from_actors(&scan, actors);
    attribute::attribute(article, &scan, &cands)
}

/// Like [`extract`], with the actors found by the actor extractor
/// ([`crate::actors::ActorExtractor::extract`]); only mentions in the body are used.
pub fn extract_with_actors(article: &Article, found: &crate::actors::ArticleActors) -> Vec<Quote> {
    extract(article, &body_actors(article, found))
}

/// The actors of `found` with only their mentions in the body ([`Article::text`]), in the
/// shape [`extract`] takes.
pub fn body_actors(article: &Article, found: &crate::actors::ArticleActors) -> Vec<Actor> {
    let mut out: Vec<Actor> = found
        .actors
        .iter()
        .map(|a| Actor {
            mentions: Vec::new(),
            ..a.clone()
        })
        .collect();
    for m in &found.mentions {
        if m.field != crate::actors::Field::Body || m.span.end > article.text.len() {
            continue;
        }
        if let Some(a) = out.get_mut(m.actor) {
            a.mentions.push(gazette_types::Mention {
                text: m.text.clone(),
                start: m.span.start,
                end: m.span.end,
            });
        }
    }
    out.retain(|a| !a.mentions.is_empty());
    out
}

/// Like [`extract`], with speaker candidates proposed from capitalised names in the text
/// (titles cut off, surnames merged into earlier full names) instead of an actor list.
pub fn extract_with_fallback(article: &Article) -> Vec<Quote> {
    let scan = scan::scan(&article.text);
    let cands = names::fallback(&article.text, &scan);
    attribute::attribute(article, &scan, &cands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(text: &str) -> Vec<Quote> {
        extract_with_fallback(&Article::new("t", "", text))
    }

    fn find<'a>(quotes: &'a [Quote], needle: &str) -> &'a Quote {
        quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap_or_else(|| panic!("no quote containing {needle:?} in {quotes:#?}"))
    }

    #[test]
    fn pronoun_in_parenthetical_resolves_to_last_person() {
        let q = run(
            "Deputy Minister Anna Petrova said talks had failed. The ministry, she \
                     stated, does not \"see any reason to continue.\"",
        );
        let q = find(&q, "see any reason");
        assert_eq!(q.speaker.as_deref(), Some("Anna Petrova"));
        assert_eq!(q.speaker_text.as_deref(), Some("she"));
        assert_eq!(q.cue.as_deref(), Some("stated"));
    }

    /// A pronoun with a gender skips people known to have the other one: by their given
    /// name, or by a title on any of their mentions. (Without the check both went to the man
    /// named last.)
    #[test]
    fn pronoun_agrees_in_gender() {
        let q = run(
            "The chair, Mary Park, read out the count while supporters of Bernie Sanders \
             booed. “It was chaos,” she said.",
        );
        let q = find(&q, "It was chaos");
        assert_eq!(q.speaker_text.as_deref(), Some("she"));
        assert_eq!(q.speaker.as_deref(), Some("Mary Park"));
        // names that say nothing, so only the titles do
        let q = run(
            "The count read out by Ms. Okafor angered supporters of Mr. Grant. “It was \
             chaos,” she said.",
        );
        assert_eq!(find(&q, "It was chaos").speaker.as_deref(), Some("Okafor"));
        // "Senator and Mrs. Dole" may be two people tagged as one: the title says nothing
        let q = run(
            "We went to Sarajevo with Senator and Mrs. Dole. I think Senator Dole said it \
             best. He said, “This is like being ahead in the fourth quarter.”",
        );
        assert_eq!(
            find(&q, "ahead in the fourth quarter").speaker.as_deref(),
            Some("Dole")
        );
        // a name that says nothing (Chris) leaves the resolution as it was
        let q = run(
            "The chair, Mary Park, read out the count while supporters of Chris Dale \
             booed. “It was chaos,” she said.",
        );
        assert_eq!(
            find(&q, "It was chaos").speaker.as_deref(),
            Some("Chris Dale")
        );
    }

    /// "X, Y's former budget director, said": the possessive name opens a description of X,
    /// it is not the subject; and a party tag after a name ("Y, Sen. X (D-Ore.), also
    /// stated") ends the name's segment.
    #[test]
    fn descriptions_after_a_name_are_appositives() {
        let q = run(
            "Peter Orszag, Barack Obama's former budget director, said the plan would fail. \
             Mary Park, the mayor's chief of staff, said the vote would be close.",
        );
        assert_eq!(
            find(&q, "the plan would fail").speaker.as_deref(),
            Some("Peter Orszag")
        );
        // an article-opened description, as before
        assert_eq!(
            find(&q, "the vote would be close").speaker.as_deref(),
            Some("Mary Park")
        );
        // a party tag in brackets after the name ends its segment
        let q = run(
            "Another former mayor, Sen. Mary Park (D-Ore.), also stated her intention to \
             vote for the bill.",
        );
        assert_eq!(
            find(&q, "her intention").speaker.as_deref(),
            Some("Mary Park")
        );
    }

    #[test]
    fn cue_orders_and_tenses() {
        let q = run(
            "“We will leave,” said John Carter. “We are done,” Carter added. Mary \
                     Jones had declared that the deal was dead. According to Tom Reed, the \
                     vote is off.",
        );
        assert_eq!(
            find(&q, "We will leave").speaker.as_deref(),
            Some("John Carter")
        );
        assert_eq!(
            find(&q, "We are done").speaker.as_deref(),
            Some("John Carter")
        );
        let d = find(&q, "the deal was dead");
        assert_eq!(
            (d.speaker.as_deref(), d.direct),
            (Some("Mary Jones"), false)
        );
        assert_eq!(
            find(&q, "the vote is off").speaker.as_deref(),
            Some("Tom Reed")
        );
    }

    #[test]
    fn organisations_speak_through_they() {
        let q = run(
            "Three fellows of the Institute for Public Policy published a paper. \
                     \"The plan must change,\" they wrote.",
        );
        let q = find(&q, "The plan must change");
        assert_eq!(q.speaker.as_deref(), Some("Institute for Public Policy"));
    }

    #[test]
    fn learned_cue_beyond_speech_verbs() {
        // "criticism" is no speech verb of the rules; the learned cue model takes it
        let q = run("The senator drew criticism for his remarks about the budget.");
        let q = find(&q, "his remarks");
        assert_eq!(q.cue.as_deref(), Some("criticism"));
        assert!(!q.direct);
    }

    #[test]
    fn unresolved_speaker_is_none() {
        let q = run("\"It is over now, and nothing will change that,\" he said.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker, None);
        assert_eq!(q[0].speaker_text.as_deref(), Some("he"));
    }

    #[test]
    fn multi_paragraph_quote_keeps_its_speaker() {
        let q = run(
            "Senator Ruth Vale said: “We were never told.\n\n“And we will not \
                     forget it.”",
        );
        assert_eq!(find(&q, "never told").speaker.as_deref(), Some("Ruth Vale"));
        assert_eq!(find(&q, "not forget").speaker.as_deref(), Some("Ruth Vale"));
    }

    #[test]
    fn ptb_quotes() {
        let q = run("``The market will recover,'' said analyst Joan Pike.");
        let q = find(&q, "market will recover");
        assert_eq!(q.speaker.as_deref(), Some("Joan Pike"));
        assert!(q.direct);
    }

    #[test]
    fn actor_list_gives_canonical_names() {
        let text = "Lavrov said the talks were over.";
        let article = Article::new("a", "", text);
        let actor = Actor {
            article: "a".into(),
            name: "Sergei Lavrov".into(),
            kind: gazette_types::EntityType::PER,
            aliases: vec!["Lavrov".into()],
            role: None,
            mentions: vec![gazette_types::Mention {
                text: "Lavrov".into(),
                start: 0,
                end: 6,
            }],
        };
        let q = extract(&article, &[actor]);
        assert_eq!(q[0].speaker.as_deref(), Some("Sergei Lavrov"));
        assert_eq!(q[0].text, "the talks were over");
    }

    #[test]
    fn whole_subject_phrase_and_name_before_of() {
        let text = "Senator Ann Kole of Ohio said the plan had failed.";
        let article = Article::new("a", "", text);
        let actor = |name: &str, kind, start: usize| Actor {
            article: "a".into(),
            name: name.into(),
            kind,
            aliases: vec![],
            role: None,
            mentions: vec![gazette_types::Mention {
                text: name.into(),
                start,
                end: start + name.len(),
            }],
        };
        let actors = [
            actor("Ann Kole", gazette_types::EntityType::PER, 8),
            actor("Ohio", gazette_types::EntityType::LOC, 20),
        ];
        let q = extract(&article, &actors);
        let q = find(&q, "the plan had failed");
        assert_eq!(q.speaker.as_deref(), Some("Ann Kole"));
        assert_eq!(q.speaker_text.as_deref(), Some("Senator Ann Kole of Ohio"));
    }

    #[test]
    fn unnamed_subject_is_the_speaker_mention() {
        let q = run("The online retailer reported a loss for the quarter.");
        let q = find(&q, "a loss for the quarter");
        assert_eq!(q.speaker, None);
        assert_eq!(q.speaker_text.as_deref(), Some("The online retailer"));
    }

    #[test]
    fn relative_who_is_the_mention_of_its_antecedent() {
        let q = run(
            "Lena Park, who on Tuesday endorsed the mayor, said Wednesday she would \
             campaign for him.",
        );
        let e = find(&q, "the mayor");
        assert_eq!(e.speaker.as_deref(), Some("Lena Park"));
        assert_eq!(e.speaker_text.as_deref(), Some("who"));
        assert_eq!(e.cue.as_deref(), Some("endorsed"));
        let s = find(&q, "she would campaign");
        assert_eq!(s.speaker.as_deref(), Some("Lena Park"));
        assert!(!s.text.contains("mayor"));
    }

    #[test]
    fn joined_verbs_split_the_content_and_keep_the_subject() {
        let q = run(
            "Sam Ortiz suggested that the mayor was “soft on crime” and argued that the \
             budget was too big.",
        );
        let first = find(&q, "the mayor was");
        assert!(!first.text.contains("budget"), "{first:?}");
        let second = find(&q, "the budget was too big");
        assert_eq!(second.speaker.as_deref(), Some("Sam Ortiz"));
        assert_eq!(second.cue.as_deref(), Some("argued"));
    }

    #[test]
    fn adverb_before_the_cue_and_referring_to() {
        let q = run(
            "Mr. Ortiz defiantly told voters that he would stay. “We will win,” Ortiz \
             said, referring to the county race.",
        );
        assert_eq!(find(&q, "he would stay").speaker.as_deref(), Some("Ortiz"));
        let r = find(&q, "the county race");
        assert_eq!(r.cue.as_deref(), Some("referring to"));
        assert_eq!(r.speaker.as_deref(), Some("Ortiz"));
    }

    #[test]
    fn according_to_words_that_make_no_noun_phrase_are_still_the_source() {
        let q = run(
            "Ted Cruz has won the Wisconsin Republican primary, according to three \
             television networks.",
        );
        let r = find(&q, "Ted Cruz has won");
        assert_eq!(r.cue.as_deref(), Some("according to"), "{r:?}");
        assert_eq!(r.speaker, None, "{r:?}");
        assert_eq!(
            r.speaker_text.as_deref(),
            Some("three television networks"),
            "{r:?}"
        );
    }

    #[test]
    fn a_participle_after_a_comma_keeps_the_speaker_of_the_verb_before_it() {
        let q = run(
            "“Cities can be crucial,” said Ed Rendell, a former Pennsylvania governor and \
             two-term Philadelphia mayor, referring to the campaign's endorsements. \
             “I felt the first one was an accident,” the former president said, referring to \
             Condoleezza Rice. Many liberal Democrats have also warned the Fed not to act this \
             year, noting limited gains in take-home pay. Senator Dana Whitfield attacked Mayor \
             Ruth Calloway, who had said the budget was balanced, calling her numbers fiction. \
             Governor Ann Pryce said the count was wrong, adding that she would appeal, noting \
             the narrow margin.",
        );
        let r = find(&q, "the campaign's endorsements");
        assert_eq!(r.speaker.as_deref(), Some("Ed Rendell"), "{r:?}");
        let r = find(&q, "Condoleezza Rice");
        assert_eq!(
            r.speaker_text.as_deref(),
            Some("the former president"),
            "{r:?}"
        );
        let r = find(&q, "limited gains");
        assert_eq!(
            r.speaker_text.as_deref(),
            Some("Many liberal Democrats"),
            "{r:?}"
        );
        // a verb in a relative clause is not the main clause's
        let r = find(&q, "her numbers fiction");
        assert_eq!(r.speaker.as_deref(), Some("Dana Whitfield"), "{r:?}");
        // past another participle to the verb before it (the speaker it had through a chain
        // of calls before the search skipped participles: a check of behaviour, kept)
        let r = find(&q, "the narrow margin");
        assert_eq!(r.speaker.as_deref(), Some("Ann Pryce"), "{r:?}");
    }

    #[test]
    fn speaker_after_a_quote_with_any_past_verb_long_appositive_or_exclamation() {
        let q = run(
            "“We will not back down,” Dana Whitfield boomed at the rally.\n\n\
             “Never again!” Ortiz wrote in an email to the county board on Friday.\n\n\
             “The plan is sound,” Mark Ellis, the county's chief budget officer since 2019, \
             said on Monday.",
        );
        let a = find(&q, "We will not back down");
        assert_eq!(a.cue.as_deref(), Some("boomed"));
        assert_eq!(a.speaker_text.as_deref(), Some("Dana Whitfield"));
        let b = find(&q, "Never again");
        assert_eq!(b.cue.as_deref(), Some("wrote"));
        assert_eq!(b.speaker_text.as_deref(), Some("Ortiz"));
        let c = find(&q, "The plan is sound");
        assert_eq!(c.cue.as_deref(), Some("said"));
        assert_eq!(c.speaker_text.as_deref(), Some("Mark Ellis"));
    }

    #[test]
    fn a_passive_cue_takes_its_agent() {
        let q = run(
            "Trump has been criticized by some of his rivals for failing to spend enough \
             time in the state.",
        );
        let s = find(&q, "for failing to spend");
        assert_eq!(s.cue.as_deref(), Some("criticized"));
        assert_eq!(s.speaker, None);
        assert_eq!(s.speaker_text.as_deref(), Some("some of his rivals"));
        assert_eq!(s.text, "for failing to spend enough time in the state");
    }

    #[test]
    fn words_after_a_quote_that_start_no_noun_phrase_are_not_the_speaker() {
        let q = run(
            "\"The court expresses no view on the merits\" of the case, the unsigned opinion said.",
        );
        let s = find(&q, "The court expresses no view");
        assert_eq!(s.cue.as_deref(), Some("said"));
        assert_eq!(s.speaker_text.as_deref(), Some("the unsigned opinion"));
    }

    #[test]
    fn without_a_speaker_by_the_rules_the_sentence_subject_speaks() {
        let q = run(
            "Senator Maria Lopez — and nearly all of the party's donors — said the convention \
             was a success.\n\n\
             Here is Senator Ellen Park at the hearing in March: \"Our new direction must rest \
             on an understanding of the new realities of global competition.\"",
        );
        // a cue with no subject before it: the sentence's first name, not its title
        let a = find(&q, "the convention was a success");
        assert_eq!(a.speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(a.speaker_text.as_deref(), Some("Maria Lopez"));
        // a quote inside a sentence with no cue for it
        let b = find(&q, "Our new direction");
        assert_eq!(b.cue, None);
        assert_eq!(b.speaker.as_deref(), Some("Ellen Park"));
    }

    #[test]
    fn the_first_segment_of_a_sentence_is_its_subject() {
        let q = run(
            "The county administration, in a long effort to cut costs that has \
                     angered the unions, has said it would close two schools.",
        );
        let s = find(&q, "it would close two schools");
        assert_eq!(s.cue.as_deref(), Some("said"));
        assert_eq!(s.speaker_text.as_deref(), Some("The county administration"));
    }

    #[test]
    fn relative_which_after_a_comma_is_the_mention() {
        let q = run("Ortiz courted the Latino Caucus, which largely supports the reform bill.");
        let s = find(&q, "the reform bill");
        assert_eq!(s.speaker_text.as_deref(), Some("which"));
        assert_eq!(s.speaker.as_deref(), Some("Latino Caucus"));
    }

    #[test]
    fn a_list_inside_a_relative_clause_is_not_the_subject() {
        let q = run(
            "Peter Westmacott, who will retire after serving in Iran, Turkey and \
                     France, said the talks had failed.",
        );
        let s = find(&q, "the talks had failed");
        assert_eq!(s.speaker_text.as_deref(), Some("Peter Westmacott"));
    }

    #[test]
    fn seem_and_appear_are_cues() {
        let q = run("The governor seemed to accept that offer on Friday.");
        let q = find(&q, "to accept that offer");
        assert_eq!(q.cue.as_deref(), Some("seemed"));
    }

    #[test]
    fn name_and_colon_lines_are_statements() {
        let q = run(
            "Vale: The county budget is a disaster.\n\nRelated: more stories.\n\n\
             The Latest: Vale wins the county race.\n\nOHARA: Do you think the budget \
             will pass?",
        );
        let h = find(&q, "county budget is a disaster");
        assert_eq!(h.speaker.as_deref(), Some("Vale"));
        assert_eq!(h.cue.as_deref(), Some(":"));
        assert!(q.iter().all(|x| !x.text.contains("more stories")));
        assert!(q.iter().all(|x| !x.text.contains("wins the county race")));
        let t = find(&q, "Do you think");
        assert_eq!(t.speaker_text.as_deref(), Some("OHARA"));
    }

    #[test]
    fn he_refers_to_the_last_sentence_subject() {
        let q = run("Sam Ortiz attacked Lena Park on Monday. He said the budget was a mess.");
        let q = find(&q, "the budget was a mess");
        assert_eq!(q.speaker.as_deref(), Some("Sam Ortiz"));
        assert_eq!(q.speaker_text.as_deref(), Some("He"));
    }

    #[test]
    fn according_to_keeps_the_whole_source_phrase() {
        let q = run(
            "According to early results of a survey conducted for the Daily Courier, \
             most voters were angry.",
        );
        let q = find(&q, "most voters were angry");
        assert_eq!(
            q.speaker_text.as_deref(),
            Some("early results of a survey conducted for the Daily Courier")
        );
    }

    #[test]
    fn nouns_and_other_readings_of_cue_words_are_no_cues() {
        let q = run(
            "Most state parties release their pledged delegates. The full poll can be \
             found here. Mayor Vale spoke to the gathering on Monday.",
        );
        assert!(q.is_empty(), "{q:#?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics_and_offsets_hold(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("\"".to_string()), Just("“".to_string()), Just("”".to_string()),
                    Just("‘".to_string()), Just("’".to_string()), Just("``".to_string()),
                    Just("''".to_string()), Just(" said ".to_string()), Just(" he ".to_string()),
                    Just("According to ".to_string()), Just("\n\n".to_string()),
                    Just(", ".to_string()), Just(". ".to_string()), Just(":".to_string()),
                    "[A-Z][a-z]{1,6}", "[a-z]{1,8}", "\\PC{0,4}",
                ],
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let article = Article::new("p", "", text.clone());
            for q in extract_with_fallback(&article) {
                prop_assert!(q.start < q.end && q.end <= text.len());
                prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
                if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
                    prop_assert_eq!(&text[s..e], q.speaker_text.as_deref().unwrap_or(""));
                }
                if let (Some(s), Some(e)) = (q.cue_start, q.cue_end) {
                    prop_assert_eq!(&text[s..e], q.cue.as_deref().unwrap_or(""));
                }
            }
        }
    }
}
