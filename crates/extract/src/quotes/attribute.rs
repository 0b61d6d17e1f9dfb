//! Finding attributed statements: cues, content spans and speakers.
//!
//! The order of work: (1) quotes followed by a cue (`“…,” he said`); (2) every other cue
//! (`X said that …`, `according to X`, `X warned …`), whose content runs to the end of the
//! sentence or, for a trailing cue (`…, X said.`), from the sentence start; quotes inside such
//! content are absorbed into it; (3) quotes left over take the cue before them, continue the
//! previous quote, or stay unattributed.
#![allow(clippy::needless_range_loop)] // token indices are compared across the loops

use std::collections::HashMap;

use gazette_types::{Article, EntityType, Quote};

use super::learn::CueModel;
use super::lexicon::{self, Gender, cue_lemma};
use super::names::Cand;
use super::scan::{Kind, QuoteSpan, Scan, Tok};

/// A speaker mention found next to a cue.
#[derive(Debug, Clone, Default)]
struct Speaker {
    name: Option<String>,
    start: usize,
    end: usize,
    found: bool,
}

/// One statement under construction.
#[derive(Debug, Clone)]
struct Stmt {
    start: usize,
    end: usize,
    direct: bool,
    cue: Option<(usize, usize)>,
    speaker: Speaker,
    /// Token index of the cue (for ordering and clause limits).
    cue_tok: Option<usize>,
}

struct Ctx<'a> {
    text: &'a str,
    scan: &'a Scan,
    cands: &'a [Cand],
    /// For every token, the candidate that ends on it.
    cand_ending: Vec<Option<usize>>,
    /// For every token, the candidate that starts on it.
    cand_starting: Vec<Option<usize>>,
    /// The gender of each person actor (by canonical name) where its mentions say it and do
    /// not disagree; `None` where they disagree.
    genders: HashMap<&'a str, Option<Gender>>,
    /// For every token, true when the learned model vetoes a rule cue there (its score is
    /// at or below the veto threshold).
    vetoed: Vec<bool>,
}

impl Ctx<'_> {
    fn tok(&self, i: usize) -> &Tok {
        &self.scan.toks[i]
    }
}

/// Score thresholds of the learned cue model: a token the rules do not take is a cue when
/// its score is above the first; a rule cue is dropped when its score is at or below the
/// second.
///
/// Chosen by cross-validation on PolNeAR train (model trained on one half of the articles,
/// scored on the other; EVALUATION.md). `GAZETTE_QUOTES_ADD` and `GAZETTE_QUOTES_VETO`
/// override them, for that tuning only.
fn thresholds() -> (f32, f32) {
    static T: std::sync::OnceLock<(f32, f32)> = std::sync::OnceLock::new();
    *T.get_or_init(|| {
        let get = |name: &str, default: f32| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        (
            get("GAZETTE_QUOTES_ADD", 0.0),
            get("GAZETTE_QUOTES_VETO", -3.0),
        )
    })
}

/// Is the token at `k` a cue? Returns the cue's last token (for `according to`).
fn cue_at(ctx: &Ctx<'_>, k: usize) -> Option<usize> {
    let toks = &ctx.scan.toks;
    let t = &toks[k];
    if t.kind != Kind::Word || t.in_quote.is_some() {
        return None;
    }
    if t.lower == "according" && k + 1 < toks.len() && toks[k + 1].lower == "to" {
        return Some(k + 1);
    }
    let (lemma, weak) = cue_lemma(&t.lower)?;
    // "the reported case", "a said person": a determiner before a participle is no cue
    if k > 0
        && matches!(
            toks[k - 1].lower.as_str(),
            "the" | "a" | "an" | "this" | "their" | "his" | "her" | "its" | "our"
        )
    {
        return None;
    }
    if t.cap
        && k > 0
        && toks[k - 1].sent == t.sent
        && !matches!(toks[k - 1].kind, Kind::Open | Kind::Punct)
        && !matches!(
            t.lower.as_str(),
            "says" | "said" | "tells" | "warns" | "claims" | "slams" | "blasts" | "urges"
        )
    {
        // a capitalised cue word inside a sentence is part of a name ("Post", "Post Reports"),
        // except the usual headline verbs ("Newspaper Says Clinton …")
        return None;
    }
    // a possessive before it makes it a noun ("Trump's claim", "his calls")
    if k > 0
        && (toks[k - 1].lower.ends_with("'s")
            || matches!(
                toks[k - 1].lower.as_str(),
                "my" | "your"
                    | "whose"
                    | "repeated"
                    | "new"
                    | "latest"
                    | "recent"
                    | "public"
                    | "own"
            ))
    {
        return None;
    }
    // a bare or -s form that is not next to a subject, modal or "to" is most often a noun
    // ("the report", "calls for", "claims of")
    let irregular_verb = matches!(
        t.lower.as_str(),
        "says"
            | "say"
            | "tells"
            | "tell"
            | "writes"
            | "argues"
            | "thinks"
            | "believes"
            | "knows"
            | "wants"
            | "insists"
            | "warns"
            | "notes"
            | "adds"
            | "explains"
            | "suggests"
            | "asks"
            | "predicts"
            | "acknowledges"
            | "admits"
            | "contends"
            | "maintains"
            | "recalls"
            | "agrees"
            | "hopes"
            | "fears"
            | "expects"
            | "shows"
            | "reads"
            | "tweets"
            | "describes"
            | "seems"
            | "appears"
            | "continues"
    );
    let inflected = t.lower.ends_with("ed")
        || t.lower.ends_with("ing")
        || matches!(
            t.lower.as_str(),
            "said"
                | "told"
                | "wrote"
                | "written"
                | "thought"
                | "found"
                | "shown"
                | "saw"
                | "seen"
                | "knew"
                | "known"
                | "felt"
                | "sought"
                | "spoke"
                | "spoken"
                | "heard"
                | "understood"
        );
    if !inflected && !irregular_verb {
        let prev = if k > 0 {
            toks[k - 1].lower.as_str()
        } else {
            ""
        };
        let modal = matches!(
            prev,
            "to" | "will"
                | "would"
                | "could"
                | "should"
                | "might"
                | "may"
                | "must"
                | "can"
                | "did"
                | "does"
                | "do"
                | "not"
                | "n't"
                | "also"
                | "they"
                | "we"
                | "i"
                | "you"
                | "officials"
                | "sources"
                | "critics"
                | "experts"
                | "analysts"
                | "polls"
                | "people"
                | "supporters"
                | "democrats"
                | "republicans"
                | "voters"
                | "others"
                | "some"
                | "many"
        );
        if !modal && !subject_kind(ctx, k) {
            return None;
        }
    }
    let next = toks.get(k + 1);
    let next_is = |w: &str| next.is_some_and(|n| n.lower == w);
    if next_is("tank") || next_is("tanks") {
        return None; // "think tank"
    }
    if weak {
        let subject = subject_kind(ctx, k);
        let that = next_is("that")
            || (k + 2 < toks.len() && toks[k + 2].lower == "that" && toks[k + 1].lower != ",");
        let quote_soon = toks[k + 1..toks.len().min(k + 6)]
            .iter()
            .any(|x| x.kind == Kind::Open && x.sent == t.sent);
        let ok = match lemma {
            // "…, referring to X", "he referred to X": X is the content
            "refer" => next_is("to"),
            "call" => quote_soon || next_is("for") || next_is("on") || (subject && !next_is("it")),
            "show" | "find" | "seem" | "appear" | "endorse" | "support" | "oppose" | "want"
            | "seek" | "plan" | "decline" | "refuse" | "back" | "expect" | "hope" | "prefer"
            | "discuss" | "attack" | "express" | "criticize" | "blame" => subject,
            "believe" | "think" | "feel" | "know" | "fear" | "doubt" | "suspect" | "wonder"
            | "understand" => {
                subject
                    && (that
                        || quote_soon
                        || !next_is("to")
                            && next.is_some_and(|n| {
                                n.kind == Kind::Word
                                    && !matches!(
                                        n.lower.as_str(),
                                        "it" | "so" | "about" | "of" | "in"
                                    )
                            }))
            }
            _ => subject && (that || quote_soon),
        };
        if !ok {
            return None;
        }
    }
    if lemma == "refer" {
        return Some(k + 1);
    }
    let prev_is = |ws: &[&str]| k > 0 && ws.contains(&toks[k - 1].lower.as_str());
    let quote_near = toks[k + 1..toks.len().min(k + 4)]
        .iter()
        .any(|x| x.kind == Kind::Open && x.sent == t.sent);
    // nouns and non-speech readings of cue words: "state parties", "pledged delegates",
    // "can be found here", "spoke to the gathering", "Lerer reported from Los Angeles"
    let not_a_cue = match lemma {
        "state" => {
            matches!(t.lower.as_str(), "state" | "states") && !(next_is("that") || next_is(":"))
        }
        "pledge" => next_is("delegates") || next_is(":"),
        "find" => {
            prev_is(&["be", "is", "are", "was", "were", "been", "being"])
                || next.is_some_and(|n| n.lower.ends_with("self") || n.lower.ends_with("selves"))
        }
        "speak" => !(next_is("about") || next_is("of") || next_is("out") || quote_near),
        "report" => next_is("from"),
        _ => false,
    };
    if not_a_cue {
        return None;
    }
    if lemma == "post" && !(next_is("on") || next_is("that") || next_is(":")) {
        return None;
    }
    if lemma == "continue" || lemma == "point" || lemma == "campaign" || lemma == "read" {
        // only as a cue next to a quote or a colon ("he continued", "pointed out that")
        let near_quote = (k > 0 && matches!(toks[k - 1].kind, Kind::Close | Kind::Punct))
            || next_is(":")
            || next_is(",")
            || next_is(".")
            || (lemma == "point" && next_is("out"));
        if !near_quote {
            return None;
        }
    }
    Some(k)
}

/// Weekdays, months and "week"/"month"/"year", which make time phrases ("on Tuesday", "last
/// week") that may stand between a subject and its verb.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// A word that may stand between a subject and its verb: the listed fillers and any
/// lower-case adverb in -ly ("Trump defiantly told").
fn is_filler(t: &Tok) -> bool {
    lexicon::is_verb_filler(&t.lower)
        || (!t.cap
            && t.kind == Kind::Word
            && t.lower.len() > 5
            && t.lower.ends_with("ly")
            && !matches!(
                t.lower.as_str(),
                "family" | "assembly" | "supply" | "monopoly" | "anomaly" | "butterfly"
            ))
}

/// True if and only if the word before the cue (fillers skipped) looks like a speaker.
fn subject_kind(ctx: &Ctx<'_>, k: usize) -> bool {
    let mut j = k;
    while j > 0 {
        j -= 1;
        let t = ctx.tok(j);
        if t.sent != ctx.tok(k).sent {
            return false;
        }
        if matches!(t.lower.as_str(), "who" | "which") {
            // "X, who endorsed …": a relative clause has its antecedent as subject
            return true;
        }
        if is_filler(t) {
            continue;
        }
        // "X on Tuesday endorsed …": a time phrase between subject and verb
        if j >= 2
            && is_time_word(&t.lower)
            && matches!(ctx.tok(j - 1).lower.as_str(), "on" | "in" | "last" | "this")
        {
            j -= 1;
            continue;
        }
        return ctx.cand_ending[j].is_some()
            || lexicon::pronoun(&t.lower).is_some()
            || speaker_head(&t.lower)
            || (t.cap && t.kind == Kind::Word && !lexicon::is_not_name(&t.lower))
            || head_before_modifier(ctx, j);
    }
    false
}

/// A number in digits or words, or a fraction word ("10", "six", "third"): a part of a
/// proportion ("six in 10", "a third").
fn is_count(t: &Tok) -> bool {
    t.kind == Kind::Word
        && (t.lower.starts_with(|c: char| c.is_ascii_digit())
            || crate::figures::lexicon::small_number(&t.lower).is_some()
            || crate::figures::lexicon::fraction_word(&t.lower).is_some())
}

/// A word that heads a subject that speaks: a description ("officials", "voters") or a
/// quantifier standing for people ("few", "both").
fn speaker_head(w: &str) -> bool {
    lexicon::description(w).is_some()
        || matches!(
            w,
            "few" | "many" | "most" | "some" | "both" | "all" | "half" | "majority" | "others"
        )
}

/// A [`speaker_head`] that stands for a group of people: a quantifier or a plural
/// description ("few", "officials", "voters"), not an organisation ("the Clinton Foundation in
/// 2009" stays whole).
fn group_head(w: &str) -> bool {
    speaker_head(w) && (lexicon::description(w).is_none() || w.ends_with('s'))
}

/// True when the word at `j` ends a phrase that modifies a speaking head before it: "many
/// officials on and off the island believe", "few on either side of the debate think",
/// "4 in 10 Republican voters in each state want". Walks back up to ten words to a
/// preposition whose word before is a description, a quantifier or a name.
fn head_before_modifier(ctx: &Ctx<'_>, j: usize) -> bool {
    let sent = ctx.tok(j).sent;
    let mut i = j;
    for _ in 0..10 {
        if i == 0 {
            return false;
        }
        let w = ctx.tok(i);
        if w.sent != sent || w.kind != Kind::Word || w.in_quote.is_some() {
            return false;
        }
        if matches!(
            w.lower.as_str(),
            "of" | "in" | "on" | "at" | "from" | "across" | "around"
        ) {
            let h = ctx.tok(i - 1);
            if h.sent == sent
                && h.kind == Kind::Word
                && (speaker_head(&h.lower) || ctx.cand_ending[i - 1].is_some())
            {
                return true;
            }
        }
        i -= 1;
    }
    false
}

/// The speaker mention for the cue at token `k`.
fn speaker_for(ctx: &Ctx<'_>, k: usize, k_end: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let sent = toks[k].sent;
    if toks[k].lower == "according" {
        let mut sp = np_at(ctx, k_end + 1, sent);
        // "…, according to three television networks": the words after "to" are the source
        // even when they make no noun phrase of the rules; never the sentence's subject,
        // which is in the content
        if !sp.found
            && let Some(t) = toks.get(k_end + 1)
            && t.sent == sent
            && t.kind == Kind::Word
            && t.in_quote.is_none()
        {
            sp = Speaker {
                name: None,
                start: t.start,
                end: t.end,
                found: true,
            };
        }
        // the whole phrase up to the comma ("early results of exit polls conducted for
        // the Associated Press, …"): its first named part is the source
        if sp.found && sp.name.is_none() {
            let mut e = toks.partition_point(|t| t.start < sp.end);
            while e < toks.len()
                && e < k_end + 30
                && toks[e].sent == sent
                && toks[e].kind == Kind::Word
                && toks[e].in_quote.is_none()
            {
                sp.end = toks[e].end;
                e += 1;
            }
        }
        return sp;
    }
    // ", adding …", "…, saying …": the speaker of the main clause. When the sentence has a
    // speech verb before the comma, its speaker ("“…,” the former president said, referring
    // to …", "said Ed Rendell, a former governor, referring to …", "Many Democrats have
    // warned the Fed, noting …"; not a verb in a relative clause: "X attacked Y, who had
    // said …, calling …"); else the clause right before the comma when it starts with a
    // name ("At a rally in Salem, Trump went after Bush, calling him …"), else anywhere in
    // the sentence
    if participle_after_comma(toks, k) {
        let first = ctx.scan.sents[sent].first;
        // (up to 60 words back, and past other participles after a comma, whose speaker
        // is this one's: "X said …, adding …, noting …"; so no chain of calls either)
        if let Some((j, ej)) = (first.max(k.saturating_sub(60))..k - 1)
            .rev()
            .filter(|&j| toks[j].in_quote.is_none() && !participle_after_comma(toks, j))
            .filter(|&j| !ctx.vetoed[j])
            .find_map(|j| cue_at(ctx, j).map(|e| (j, e)))
            && ej < k - 1
            && !toks[j.saturating_sub(2)..j]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "who" | "which" | "that"))
        {
            let sp = speaker_for(ctx, j, ej);
            if sp.found {
                return sp;
            }
        }
        let seg = (first..k - 1)
            .rev()
            .find(|&i| toks[i].lower == "," && toks[i].in_quote.is_none())
            .map_or(first, |i| i + 1);
        if seg > first && seg < k - 1 && toks[seg].in_quote.is_none() {
            let sp = np_at(ctx, seg, sent);
            // (a possessive opens an appositive, not a clause: "…, Mr. Trump's private
            // club, calling …")
            let possessive = sp.found && possessive(toks, toks.partition_point(|t| t.end < sp.end));
            // (nor does a place: "said at a Buffalo, New York town hall event, hinting")
            let place =
                ctx.cand_starting[seg].is_some_and(|ci| ctx.cands[ci].kind == EntityType::LOC);
            if sp.found && sp.name.is_some() && !possessive && !place {
                return sp;
            }
        }
        for i in skip_intro(ctx, first, k)..k {
            if toks[i].in_quote.is_some() {
                continue;
            }
            let sp = np_at(ctx, i, sent);
            if sp.found && sp.name.is_some() {
                return sp;
            }
        }
    }
    // "His attacks on …", "In their view, …": a noun cue's possessive determiner is the
    // mention of its speaker
    if k > 0 && toks[k - 1].sent == sent && toks[k - 1].kind == Kind::Word {
        let person = match toks[k - 1].lower.as_str() {
            "his" | "her" => Some(true),
            "their" | "its" => Some(false),
            _ => None,
        };
        if let Some(person) = person
            && !toks[k].cap
            && !toks[k].lower.ends_with("ed")
        {
            let t = &toks[k - 1];
            return Speaker {
                name: resolve(ctx, t.start, person),
                start: t.start,
                end: t.end,
                found: true,
            };
        }
    }
    // "…, with Sen. John McCain calling it …": the noun phrase after "with" is the subject
    // of the participle
    if toks[k].lower.ends_with("ing")
        && let Some(w) = (k.saturating_sub(8)..k)
            .rev()
            .find(|&i| toks[i].lower == "with")
        && w + 1 < k
        && toks[w + 1..k].iter().all(|t| {
            t.kind == Kind::Word
                && t.in_quote.is_none()
                && t.sent == sent
                && !is_aux(&t.lower)
                && cue_lemma(&t.lower).is_none()
        })
    {
        let sp = np_at(ctx, w + 1, sent);
        if sp.found && sp.end == toks[k - 1].end {
            return sp;
        }
    }
    // "the SVP led a series of referenda arguing …", "more Republicans have begun urging":
    // a participle straight after its clause's object or verb has the clause's subject
    if toks[k].lower.ends_with("ing")
        && toks[k].lower != "according"
        && k > 0
        && toks[k - 1].kind == Kind::Word
        && !matches!(
            toks[k - 1].lower.as_str(),
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "am"
                | "'s"
                | "while"
                | "after"
                | "before"
                | "by"
                | "in"
                | "when"
                | "without"
        )
        && !lexicon::is_verb_filler(&toks[k - 1].lower)
    {
        let first = ctx.scan.sents[sent].first;
        let sp = sentence_subject(ctx, first, k, sent);
        if sp.found {
            return sp;
        }
    }
    // "Trump has been criticized by some of his rivals": the agent of a passive cue speaks
    if let Some(sp) = passive_agent(ctx, k, k_end, sent) {
        return sp;
    }
    // scan left over fillers
    let mut j = k;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if t.sent != sent {
            break;
        }
        if t.kind == Kind::Word && is_filler(t) {
            continue;
        }
        // "Sen. Bernie Sanders (I-Vt.) said": a short bracket before the cue
        if let Some(o) = short_bracket(toks, j, sent)
            && o > 0
        {
            j = o;
            continue;
        }
        // "Carson, Fiorina and Huckabee have all characterized": a floating quantifier
        if matches!(t.lower.as_str(), "all" | "both" | "each")
            && j > 0
            && (lexicon::is_verb_filler(&toks[j - 1].lower)
                || matches!(toks[j - 1].lower.as_str(), "are" | "were"))
        {
            continue;
        }
        if j >= 2
            && is_time_word(&t.lower)
            && matches!(toks[j - 1].lower.as_str(), "on" | "in" | "last" | "this")
        {
            j -= 1;
            continue;
        }
        // "X, who said …": the relative pronoun is the mention, X the speaker
        if let Some(sp) = relative_pronoun(ctx, j, k, sent) {
            return sp;
        }
        if t.kind == Kind::Close || (t.lower == "," && j > 0 && toks[j - 1].kind == Kind::Close) {
            // “…,” said X / “…,” X said: speaker after the cue
            let after = np_at(ctx, k_end + 1, sent);
            if after.found {
                return after;
            }
            break;
        }
        if t.lower == "," {
            let sp = appositive_subject(ctx, j, sent);
            if sp.found {
                return sp;
            }
            break;
        }
        if t.kind == Kind::Word && matches!(t.lower.as_str(), "and" | "but" | "or" | "then") {
            // "Mitt Romney, who campaigned on … and sought …": the relative pronoun of the
            // first verb's clause
            let sent_first = ctx.scan.sents[sent].first;
            if let Some(w) = (sent_first + 1..j).rev().take(25).find(|&i| {
                matches!(toks[i].lower.as_str(), "who" | "which") && toks[i - 1].lower == ","
            }) && (w + 1..j).all(|i| toks[i].lower != "," && toks[i].in_quote.is_none())
                && let Some(sp) = relative_pronoun(ctx, w, w + 1, sent)
            {
                return sp;
            }
            // "Trump summed up … and said …", "The president noted that he … and added": the
            // sentence's subject, else the first name or pronoun not after a preposition
            let first = skip_intro(ctx, sent_first, j);
            let sp = sentence_subject(ctx, sent_first, j, sent);
            if sp.found {
                return sp;
            }
            for i in first..j {
                if toks[i].in_quote.is_some()
                    || (i > first
                        && matches!(
                            toks[i - 1].lower.as_str(),
                            "of" | "to"
                                | "for"
                                | "with"
                                | "about"
                                | "on"
                                | "in"
                                | "at"
                                | "by"
                                | "from"
                                | "against"
                                | "over"
                        ))
                {
                    continue;
                }
                if let Some(ci) = ctx.cand_starting[i] {
                    return cand_speaker(head_cand(ctx, &ctx.cands[ci]));
                }
                if toks[i].kind == Kind::Word
                    && matches!(
                        toks[i].lower.as_str(),
                        "he" | "she" | "they" | "it" | "we" | "i"
                    )
                {
                    return np_ending(ctx, i, sent);
                }
            }
            break;
        }
        let sp = subject_ending(ctx, j, sent);
        if sp.found {
            return past_modifier(ctx, sp, sent);
        }
        // a longer subject ("The former secretary of state has long maintained"): the first
        // noun phrase of the sentence, when no other verb-like cue comes before
        if t.kind == Kind::Word {
            let first = ctx.scan.sents[sent].first;
            if let Some(sp) = clause_subject(ctx, first, k, sent) {
                return sp;
            }
            let sp = sentence_subject(ctx, first, k, sent);
            if sp.found {
                return sp;
            }
        }
        break;
    }
    // sentence-initial "Said X:" or "…, says X." : a name right after the cue, followed by
    // punctuation or the sentence end (not the subject of the content: "said she would")
    // (not for a participle or an infinitive, whose subject comes before it: "…, accusing
    // it of …", "to slam Sanders")
    let verbal = toks[k].lower.ends_with("ing") || k > 0 && toks[k - 1].lower == "to";
    let after = np_at(ctx, k_end + 1, sent);
    if !verbal
        && after.found
        && (after.name.is_some() || ctx.cand_starting.get(k_end + 1).is_some())
    {
        let end_tok = toks.partition_point(|t| t.start < after.end);
        let closes = end_tok >= toks.len()
            || toks[end_tok].sent != sent
            || matches!(toks[end_tok].kind, Kind::Punct | Kind::Open)
            || matches!(
                toks[end_tok].lower.as_str(),
                "on" | "in" | "at" | "last" | "this" | "during" | "who" | "after" | "before"
            );
        let is_pronoun = lexicon::pronoun(&toks[k_end + 1].lower).is_some();
        if closes && !(is_pronoun && end_tok < toks.len() && toks[end_tok].kind == Kind::Word) {
            return after;
        }
    }
    Speaker::default()
}

/// The subject noun phrase that ends at token `j`: an actor, pronoun or description
/// widened to its whole phrase, else a noun phrase with no name ("the online retailer
/// reported", "Sixty percent said").
fn subject_ending(ctx: &Ctx<'_>, j: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let sp = np_ending(ctx, j, sent);
    if sp.found {
        return widen_subject(ctx, sp, j, sent);
    }
    let t = &toks[j];
    if t.kind == Kind::Word
        && t.in_quote.is_none()
        && is_noun_like(&t.lower)
        && let Some(s) = subject_np_start(ctx, j, sent)
    {
        let name = (t.cap && !lexicon::is_not_name(&t.lower))
            .then(|| ctx.text[toks[s].start..t.end].to_string());
        return Speaker {
            name,
            start: toks[s].start,
            end: t.end,
            found: true,
        };
    }
    Speaker::default()
}

/// A subject found right before a cue that is the object inside a modifier of the real one:
/// a reduced relative ("People briefed on the move said", "a super PAC started by a former
/// Romney aide has reported") or a relative clause ("officials who spoke with The Huffington
/// Post said"); the real subject is the noun phrase before the modifier.
fn past_modifier(ctx: &Ctx<'_>, sp: Speaker, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let s = toks.partition_point(|t| t.end <= sp.start);
    let first = ctx.scan.sents[sent].first;
    if s >= toks.len() || s <= first + 1 || lexicon::pronoun(&toks[s].lower).is_some() {
        return sp;
    }
    // "started by", "briefed on", "familiar with" (not "led to", "ended with": verbs)
    let reduced = |part: &str, prep: &str| match prep {
        "by" => is_participle(part),
        "on" | "about" => part == "briefed",
        "with" => matches!(part, "familiar" | "close" | "affiliated" | "associated"),
        "to" => matches!(
            part,
            "close" | "loyal" | "allied" | "opposed" | "sympathetic"
        ),
        _ => false,
    };
    let word = |i: usize| toks[i].kind == Kind::Word && toks[i].in_quote.is_none();
    // "organizations that have endorsed him say": "that"/"which" before a verb group opens a
    // subject relative (not "a trend that the foundation predicts", whose noun phrase after
    // "that" is the subject)
    let subject_relative = |i: usize| {
        matches!(toks[i].lower.as_str(), "that" | "which")
            && toks.get(i + 1).is_some_and(|x| is_aux(&x.lower))
    };
    // "briefed on", "started by", "familiar with"
    let mut head_end = None;
    if s >= first + 3
        && word(s - 1)
        && word(s - 2)
        && !toks[s - 2].cap
        && reduced(&toks[s - 2].lower, &toks[s - 1].lower)
        && word(s - 3)
    {
        head_end = Some(s - 3);
    } else if let Some(w) = (s.saturating_sub(10).max(first + 1)..s)
        .rev()
        .take_while(|&i| {
            word(i)
                && (subject_relative(i)
                    || !matches!(
                        toks[i].lower.as_str(),
                        "when" | "that" | "which" | "where" | "because" | "while" | "if" | "and"
                    ))
        })
        .find(|&i| toks[i].lower == "who" || subject_relative(i))
    {
        // (not "that"/"which": in "a trend that the foundation predicts" the noun phrase
        // after it is the subject)
        let before = &toks[w - 1];
        if word(w - 1)
            && is_noun_like(&before.lower)
            && (before.cap || cue_lemma(&before.lower).is_none())
        {
            head_end = Some(w - 1);
        }
    } else if sp.name.is_none() {
        // "many officials on and off the island believe", "4 in 10 Republican voters in
        // each state want": a place or thing in a phrase after a group that speaks
        head_end = (s.saturating_sub(10).max(first + 1)..s)
            .rev()
            .take_while(|&i| word(i))
            .find(|&i| {
                matches!(
                    toks[i].lower.as_str(),
                    "in" | "on" | "at" | "from" | "across" | "around"
                ) && word(i - 1)
                    && group_head(&toks[i - 1].lower)
            })
            .map(|i| i - 1);
    }
    let Some(e) = head_end else {
        return sp;
    };
    let head = subject_ending(ctx, e, sent);
    if head.found { head } else { sp }
}

/// The subject of the clause the cue at `k` is in, when a conjunction opens that clause
/// after the sentence's start ("She has said little, and people familiar with her thinking
/// say …", "…, but Republicans, concerned about …, have long considered …"): the noun phrase
/// right after the conjunction, up to a comma, the cue or an auxiliary.
fn clause_subject(ctx: &Ctx<'_>, first: usize, k: usize, sent: usize) -> Option<Speaker> {
    let toks = &ctx.scan.toks;
    let o = (first + 1..k).rev().find(|&i| {
        let w = toks[i].lower.as_str();
        toks[i].in_quote.is_none()
            && (matches!(w, "and" | "but") && toks[i - 1].lower == ","
                || matches!(w, "while" | "whereas" | "although" | "though" | "because"))
    })?;
    np_from(ctx, o + 1, k, sent)
}

/// The noun phrase that starts at token `i`, before the cue at `k`: an actor (past a
/// possessive or a place before a title), a pronoun, or the words up to a comma, an
/// auxiliary, an adverb or the cue, named by the first person or organisation in them.
fn np_from(ctx: &Ctx<'_>, i: usize, k: usize, sent: usize) -> Option<Speaker> {
    let toks = &ctx.scan.toks;
    if i >= k || toks[i].kind != Kind::Word || toks[i].in_quote.is_some() {
        return None;
    }
    if let Some(ci) = ctx.cand_starting[i] {
        return Some(cand_speaker(head_cand(ctx, &ctx.cands[ci])));
    }
    if lexicon::pronoun(&toks[i].lower).is_some() {
        let sp = np_ending(ctx, i, sent);
        return sp.found.then_some(sp);
    }
    let w = toks[i].lower.as_str();
    if np_stop(w)
        || lexicon::is_verb_filler(w)
        || cue_lemma(w).is_some() && !toks[i].cap
        || !(is_noun_like(w) || matches!(w, "the" | "a" | "an"))
        || matches!(
            w,
            "for"
                | "of"
                | "from"
                | "at"
                | "whose"
                | "whatever"
                | "whichever"
                | "whoever"
                | "whether"
                | "let"
                | "there's"
                | "here's"
                | "abroad"
        )
        || w.bytes().all(|b| b.is_ascii_digit() || b == b',')
    {
        return None;
    }
    let mut e = i;
    while e + 1 < k
        && toks[e + 1].kind == Kind::Word
        && toks[e + 1].in_quote.is_none()
        && !is_filler(&toks[e + 1])
        && !matches!(
            toks[e + 1].lower.as_str(),
            "is" | "are" | "was" | "were" | "now" | "to"
        )
        && !(toks[e + 1].lower.ends_with("ed")
            && cue_lemma(&toks[e + 1].lower).is_some()
            && !toks[e + 1].cap)
        && e - i < 8
    {
        e += 1;
    }
    // it ends on a content word, not on "and", "of the" …
    let function = |w: &str| {
        matches!(
            w,
            "and"
                | "or"
                | "the"
                | "a"
                | "an"
                | "of"
                | "for"
                | "from"
                | "at"
                | "with"
                | "in"
                | "on"
                | "to"
                | "by"
        )
    };
    while function(&toks[e].lower) {
        if e == i {
            return None;
        }
        e -= 1;
    }
    Some(Speaker {
        name: named_within(ctx, i, e),
        start: toks[i].start,
        end: toks[e].end,
        found: true,
    })
}

/// True for a word that can be a past participle before "by" ("criticized", "seen",
/// "shown", "told").
fn is_participle(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("en")
        || w.ends_with("wn")
        || matches!(
            w,
            "told" | "said" | "heard" | "held" | "thought" | "led" | "met"
        )
}

/// The agent of a passive cue ("has been criticized by some of his rivals"): the noun phrase
/// after a `by` right behind the cue, when a form of `be` comes before it (adverbs between).
fn passive_agent(ctx: &Ctx<'_>, k: usize, k_end: usize, sent: usize) -> Option<Speaker> {
    let toks = &ctx.scan.toks;
    let is_be = |w: &str| matches!(w, "been" | "was" | "were" | "is" | "are" | "be" | "being");
    let mut a = k;
    while a > 0
        && toks[a - 1].kind == Kind::Word
        && is_filler(&toks[a - 1])
        && !is_be(&toks[a - 1].lower)
    {
        a -= 1;
    }
    // "Asked by Stephanopoulos to respond, Carson said": a participle opening the sentence
    let opens = a == ctx.scan.sents[sent].first;
    if !is_participle(&toks[k_end].lower) || !opens && (a == 0 || !is_be(&toks[a - 1].lower)) {
        return None;
    }
    // ("has been attacked on the speeches by Bernie Sanders": a short phrase between)
    let by = by_after(toks, k_end)?;
    let mut sp = np_at(ctx, by + 1, sent);
    if !sp.found {
        return None;
    }
    // "some of his rivals", "a group of senators": the phrase goes on over `of` and its
    // noun phrase, up to the next preposition or punctuation
    let mut e = toks.partition_point(|t| t.start < sp.end);
    if e < toks.len() && toks[e].lower == "of" && toks[e].sent == sent {
        let mut end = None;
        e += 1;
        while e < toks.len()
            && e < by + 12
            && toks[e].sent == sent
            && toks[e].kind == Kind::Word
            && toks[e].in_quote.is_none()
            && !np_stop(&toks[e].lower)
            && !matches!(toks[e].lower.as_str(), "for" | "at")
        {
            end = Some(toks[e].end);
            e += 1;
        }
        if let Some(end) = end {
            sp.end = end;
        }
    }
    Some(sp)
}

/// Forms of "be", "have" and the modals that build a verb group ("has been", "will be").
fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "does"
            | "did"
            | "do"
    )
}

/// For a passive cue with an agent ("The measure was rejected by 64 percent of the
/// electorate", "These proposals have been applauded by critics"): the subject noun phrase,
/// as its first token and the first token of the verb group after it (adverbs and "not"
/// inside the group); `None` when the cue is no participle right after a form of `be`, when
/// no `by` follows within five words, when no noun phrase ends right before the verb group,
/// or for a question ("was asked by the moderator whether …", whose content follows).
fn passive_subject_end(ctx: &Ctx<'_>, k: usize, k_end: usize) -> Option<(usize, usize)> {
    let toks = &ctx.scan.toks;
    let sent = toks[k].sent;
    let first = ctx.scan.sents[sent].first;
    if k != k_end
        || !is_participle(&toks[k].lower)
        || toks[k].cap
        || matches!(toks[k].lower.as_str(), "asked" | "questioned" | "pressed")
    {
        return None;
    }
    let mut a = k;
    while a > first
        && toks[a - 1].kind == Kind::Word
        && (is_aux(&toks[a - 1].lower) || toks[a - 1].lower == "not" || is_filler(&toks[a - 1]))
    {
        a -= 1;
    }
    let be = (a..k).any(|i| {
        matches!(
            toks[i].lower.as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    });
    let by = by_after(toks, k_end)?;
    // "criticized by some of his rivals for failing to …", "seen by some as a demotion": the
    // reason or judgement after the agent is the content
    let last = ctx.scan.sents[sent].last;
    if toks[by + 1..last]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "for" | "as" | "over"))
    {
        return None;
    }
    (be && a > first && toks[a - 1].kind == Kind::Word)
        .then(|| Some((subject_np_start(ctx, a - 1, sent)?, a)))
        .flatten()
}

/// The agent of the passive cue ending at `k_end`: [`passive_agent`]'s noun phrase, else the
/// words after the `by` up to punctuation, unnamed ("by 64 percent of the electorate").
fn by_agent(ctx: &Ctx<'_>, k_end: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let sent = toks[k_end].sent;
    if let Some(sp) = passive_agent(ctx, k_end, k_end, sent) {
        return sp;
    }
    by_after(toks, k_end)
        .and_then(|by| {
            word_run(
                toks[by + 1..]
                    .iter()
                    .take_while(|t| t.sent == sent && t.in_quote.is_none())
                    .take(12),
            )
        })
        .unwrap_or_default()
}

/// The `by` of a passive's agent within five words after the participle ending at `k_end`
/// ("criticized by", "attacked on the speeches by"), in its sentence and with only words
/// between.
fn by_after(toks: &[Tok], k_end: usize) -> Option<usize> {
    let sent = toks[k_end].sent;
    (k_end + 1..(k_end + 6).min(toks.len()))
        .take_while(|&i| toks[i].sent == sent && toks[i].kind == Kind::Word)
        .find(|&i| toks[i].lower == "by")
}

/// An unnamed speaker mention over the words that open `toks`, up to the first token that
/// is no word; `None` when it opens with none.
fn word_run<'t>(toks: impl Iterator<Item = &'t Tok>) -> Option<Speaker> {
    let mut run = toks.take_while(|t| t.kind == Kind::Word);
    let f = run.next()?;
    let l = run.last().unwrap_or(f);
    Some(Speaker {
        name: None,
        start: f.start,
        end: l.end,
        found: true,
    })
}

/// A conjunction that joins a clause with a subject of its own ("…, while police said …",
/// "…, but aides said …").
fn coordinator(w: &str) -> bool {
    matches!(w, "and" | "but" | "yet" | "while" | "whereas")
}

/// A subordinator that opens a clause with a subject of its own ("…, where officials
/// reported …", "… because he worries …").
fn subordinator(w: &str) -> bool {
    matches!(
        w,
        "where"
            | "because"
            | "after"
            | "before"
            | "since"
            | "though"
            | "although"
            | "until"
            | "unless"
    )
}

/// True for a token that would open a content of its own after a cue, so that the words
/// around it are no bare recipient, place, time or name: a quote, a verb group, a pronoun,
/// a complementiser or question word, a colon or semicolon.
fn opens_content(t: &Tok) -> bool {
    t.kind == Kind::Open
        || t.in_quote.is_some()
        || is_aux(&t.lower)
        || lexicon::pronoun(&t.lower).is_some()
        || matches!(
            t.lower.as_str(),
            "that" | "to" | "if" | "whether" | "why" | "how" | "what" | "who" | ":" | ";"
        )
}

/// "CLAUSE, said X, a Y.": a speech verb right after a comma, followed to the sentence end
/// (`sent_end`) by a noun phrase of up to sixteen words that opens with a capital or an
/// article and holds no verb group, "that", "to", pronoun or quote. Returns the first token
/// of the clause (past an introduction, "In nearby Decatur, …") and the speaker: the noun
/// phrase after the cue, else its words up to the first punctuation, unnamed.
fn inverted_speaker(
    ctx: &Ctx<'_>,
    k: usize,
    k_end: usize,
    sent_end: usize,
) -> Option<(usize, Speaker)> {
    let toks = &ctx.scan.toks;
    if k != k_end
        || k < 2
        || toks[k - 1].lower != ","
        || toks[k - 1].in_quote.is_some()
        || !matches!(
            toks[k].lower.as_str(),
            "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted" | "explained"
        )
    {
        return None;
    }
    let sent = toks[k].sent;
    let first = ctx.scan.sents[sent].first;
    let tail = toks.get(k + 1..sent_end)?;
    let opener = tail.first()?;
    let tail_words = tail.iter().filter(|t| t.is_word()).count();
    if !(1..=16).contains(&tail_words)
        || tail.iter().any(opens_content)
        || opener.kind != Kind::Word
        || !(opener.cap || matches!(opener.lower.as_str(), "the" | "a" | "an"))
        || lexicon::pronoun(&opener.lower).is_some()
    {
        return None;
    }
    let start = skip_intro(ctx, first, k - 1);
    if toks[start..k - 1].iter().filter(|t| t.is_word()).count() < 4 {
        return None;
    }
    let sp = np_at(ctx, k + 1, sent);
    let sp = if sp.found { sp } else { word_run(tail.iter())? };
    Some((start, sp))
}

/// True for a cue whose content is the clause before its subject: "CLAUSE, SUBJECT CUE
/// [TAIL]." where a comma ends the clause right before the subject, the clause is no
/// introduction ("In an interview, Trump said …"), and the tail from `a` to `sent_end` is a
/// recipient, place or time of a few words ("told The Wall Street Journal", "said on
/// Facebook Friday"), with no verb group, "that", "to" or quote that would open a content of
/// its own.
fn clause_before_subject(ctx: &Ctx<'_>, k: usize, a: usize, sent_end: usize, sp: &Speaker) -> bool {
    let toks = &ctx.scan.toks;
    if !sp.found || sp.start >= toks[k].start {
        return false;
    }
    let first = ctx.scan.sents[toks[k].sent].first;
    let subj = toks.partition_point(|t| t.start < sp.start);
    if subj < first + 5 || toks[subj - 1].lower != "," || toks[subj - 1].in_quote.is_some() {
        return false;
    }
    // the subject is followed by the cue, fillers between
    let sp_end = toks.partition_point(|t| t.start < sp.end);
    if sp_end > k || !(sp_end..k).all(|i| toks[i].kind == Kind::Word && is_filler(&toks[i])) {
        return false;
    }
    // a relative clause ("…, which recounts the achievements") has its content after it
    if matches!(
        toks[subj].lower.as_str(),
        "who" | "which" | "whose" | "that"
    ) {
        return false;
    }
    // a sentence that opens with an introduction ("In an interview, Trump said …", "Asked
    // on Fox News who leads the party, he said Ryan") has no clause of its own before the
    // subject
    let start = skip_dateline(ctx, first, k);
    let opener = &toks[start];
    if skip_intro(ctx, first, k) != start
        || subj < start + 5
        || opener.cap && is_participle(&opener.lower)
        || matches!(
            opener.lower.as_str(),
            "among" | "for" | "according" | "asked"
        )
    {
        return false;
    }
    let clause_words = toks[start..subj - 1].iter().filter(|t| t.is_word()).count();
    let tail = &toks[a.min(sent_end)..sent_end];
    let tail_words = tail.iter().filter(|t| t.is_word()).count();
    clause_words >= 4 && (1..=8).contains(&tail_words) && !tail.iter().any(opens_content)
}

/// The speaker of a statement whose cue has none by the rules above, in this order: the
/// sentence's subject; for a cue inside the sentence's introduction, the subject after it
/// ("Conceding that …, he warned"); the noun phrase that opens the cue's clause, named or not
/// ("The budget office now says"); the last name before token `k` in the sentence ("On
/// Saturday, Senator Bernie Sanders of Vermont, a Democratic rival, assailed her"). Used for
/// the statement only, not for the clause decisions that read `Speaker::found`.
fn fallback_speaker(ctx: &Ctx<'_>, k: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let sent = toks[k].sent;
    let first = ctx.scan.sents[sent].first;
    let sp = sentence_subject(ctx, first, k, sent);
    if sp.found {
        return sp;
    }
    // a cue in an opening participle or clause ("Conceding that …, he warned", "After saying
    // he was nervous, the man …"): the subject after it
    let last = ctx.scan.sents[sent].last;
    let intro_end = skip_intro(ctx, first, last);
    if k < intro_end {
        let sp = np_at(ctx, intro_end, sent);
        if sp.found {
            return sp;
        }
    }
    // a subject with no name right before the cue ("The budget office now says", "A person
    // familiar with the planning says")
    if let Some(sp) = np_from(ctx, skip_intro(ctx, first, k), k, sent) {
        return sp;
    }
    (first..k)
        .rev()
        .filter(|&i| toks[i].in_quote.is_none())
        .find_map(|i| ctx.cand_ending[i])
        .map(|ci| &ctx.cands[ci])
        .filter(|c| c.first_tok >= first)
        .map_or_else(Speaker::default, cand_speaker)
}

/// `sp`, or when the rules found none, [`fallback_speaker`] of the cue at token `k`.
fn or_fallback(ctx: &Ctx<'_>, sp: Speaker, k: usize) -> Speaker {
    if sp.found {
        sp
    } else {
        fallback_speaker(ctx, k)
    }
}

/// Words that end a subject noun phrase on its left: conjunctions, clause openers, verbs
/// of speech and the prepositions that do not build a longer name ("in an interview X").
fn np_stop(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "if"
            | "as"
            | "because"
            | "while"
            | "where"
            | "after"
            | "before"
            | "since"
            | "though"
            | "although"
            | "unless"
            | "until"
            | "than"
            | "so"
            | "said"
            | "says"
            | "say"
            | "to"
            | "in"
            | "on"
            | "with"
            | "by"
            | "into"
            | "about"
            | "over"
            | "under"
            | "during"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "not"
            | "also"
            | "then"
            | "however"
            | "meanwhile"
            | "now"
            | "still"
            | "yet"
            | "why"
            | "how"
            | "what"
    )
}

/// The first token of the subject noun phrase that ends at token `j`: left over modifiers,
/// names and "of"/"for"/"at"/"from" phrases ("a spokesman for the campaign", "Senator X of
/// Arizona") up to a determiner, a clause boundary or twelve words; `None` when the word
/// before `j` already ends a clause and `j` alone is no noun phrase.
fn subject_np_start(ctx: &Ctx<'_>, j: usize, sent: usize) -> Option<usize> {
    let toks = &ctx.scan.toks;
    let first = ctx.scan.sents[sent].first;
    let mut s = j;
    if matches!(toks[j].lower.as_str(), "the" | "a" | "an") || np_stop(&toks[j].lower) {
        return None;
    }
    while s > first && j - s < 12 {
        let p = &toks[s - 1];
        if p.sent != sent || p.kind != Kind::Word || p.in_quote.is_some() {
            break;
        }
        if matches!(p.lower.as_str(), "of" | "for" | "at" | "from") {
            // a phrase inside the noun phrase: only after a noun-like word
            if s - 1 > first
                && toks[s - 2].kind == Kind::Word
                && toks[s - 2].in_quote.is_none()
                && !np_stop(&toks[s - 2].lower)
                && is_noun_like(&toks[s - 2].lower)
            {
                s -= 1;
                continue;
            }
            break;
        }
        // "Donald Trump and Senator Bernie Sanders": names joined by "and"
        if p.lower == "and"
            && toks[s].cap
            && s - 1 > first
            && toks[s - 2].cap
            && toks[s - 2].kind == Kind::Word
            && toks[s - 2].in_quote.is_none()
        {
            s -= 1;
            continue;
        }
        // a proportion: "six in 10", "one in five"
        if p.lower == "in" && s - 1 > first && is_count(&toks[s - 2]) && is_count(&toks[s]) {
            s -= 1;
            continue;
        }
        // "More than six in 10", "Less than a third", "fewer than 40 percent"
        if p.lower == "than"
            && s >= first + 2
            && matches!(toks[s - 2].lower.as_str(), "more" | "less" | "fewer")
        {
            s -= 2;
            break;
        }
        if np_stop(&p.lower) || cue_lemma(&p.lower).is_some() && !p.cap {
            break;
        }
        s -= 1;
        if matches!(
            p.lower.as_str(),
            "the" | "a" | "an" | "this" | "these" | "those" | "some" | "many" | "most"
        ) {
            // a determiner opens the phrase, unless it follows "of"/"for" inside it or
            // "than" before it ("less than a third")
            if s > first
                && matches!(
                    toks[s - 1].lower.as_str(),
                    "of" | "for" | "at" | "from" | "than"
                )
            {
                continue;
            }
            break;
        }
    }
    Some(s)
}

/// True for a word that can end a noun phrase: not an adverb, a function word or a
/// participle.
fn is_noun_like(w: &str) -> bool {
    !(w.ends_with("ly") && w.len() > 4
        || w.ends_with("ing")
        || w.ends_with("ed")
        || np_stop(w)
        || lexicon::is_verb_filler(w)
        || lexicon::is_personal(w)
        || is_aux(w)
        || matches!(
            w,
            "there" | "here" | "this" | "the" | "a" | "an" | "my" | "your" | "no" | "not"
        ))
}

/// Widens a speaker found just before a cue (token `j`) to its whole noun phrase, keeping
/// the name; in "X of Y" the name is X's, not Y's ("Senator John McCain of Arizona").
fn widen_subject(ctx: &Ctx<'_>, mut sp: Speaker, j: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    if lexicon::pronoun(&toks[j].lower).is_some() {
        return sp;
    }
    let Some(s) = subject_np_start(ctx, j, sent) else {
        return sp;
    };
    if toks[s].start < sp.start {
        sp.start = toks[s].start;
    }
    // the name of the first part, before "of"/"for"/"at"/"from"
    let object_start = ctx.cand_ending[j].map_or(j, |ci| ctx.cands[ci].first_tok);
    if let Some(prep) = (s..j)
        .find(|&i| matches!(toks[i].lower.as_str(), "of" | "for" | "at" | "from") && !toks[i].cap)
        && prep > s
        && (prep + 1..object_start).all(|i| matches!(toks[i].lower.as_str(), "the" | "a" | "an"))
        && let Some(ci) = (s..prep).rev().find_map(|i| ctx.cand_ending[i])
        && ctx.cands[ci].first_tok >= s
    {
        sp.name = Some(ctx.cands[ci].name.clone());
    }
    sp
}

/// "X, who said …" / "X who said …" / "X, which supports …": the mention is the relative
/// pronoun (at or after token `j`, before the cue `k`), the speaker the person or
/// organisation before it.
fn relative_pronoun(ctx: &Ctx<'_>, j: usize, k: usize, sent: usize) -> Option<Speaker> {
    let toks = &ctx.scan.toks;
    // `j` is the first word left of the cue that is no filler; "who" is a filler, so look
    // at the words between
    // ("X, which largely supports …": `which` after a comma too; it is no filler, so it may
    // be `j` itself)
    let w = (j..k).rev().find(|&i| {
        toks[i].lower == "who" || toks[i].lower == "which" && i > 0 && toks[i - 1].lower == ","
    })?;
    if (w + 1..k).any(|i| {
        !is_filler(&toks[i])
            && !is_time_word(&toks[i].lower)
            && !matches!(toks[i].lower.as_str(), "on" | "in" | "last" | "this")
    }) {
        return None;
    }
    let mut a = w.checked_sub(1)?;
    // (", who" and "—who": "On Monday, Graham—who had previously endorsed Jeb Bush")
    if toks[a].lower == "," || is_dash(&toks[a].lower) {
        a = a.checked_sub(1)?;
    }
    if toks[a].sent != sent {
        return None;
    }
    let ante = np_ending(ctx, a, sent);
    Some(Speaker {
        name: ante.name,
        start: toks[w].start,
        end: toks[w].end,
        found: true,
    })
}

/// The speaker of "“…,” X said" / "“…,” said X, a Y": the words between the quote and the
/// cue, or the noun phrase after the cue up to the next comma.
fn speaker_between(ctx: &Ctx<'_>, close_tok: usize, k: usize, e: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let sent = toks[k].sent;
    let mut a = close_tok + 1;
    while a < k && toks[a].kind != Kind::Word {
        a += 1;
    }
    let mut b = k;
    while b > a && (toks[b - 1].kind != Kind::Word || lexicon::is_verb_filler(&toks[b - 1].lower)) {
        b -= 1;
    }
    // a noun phrase starts with a capital, a pronoun, an article or a number word
    let np_start = |i: usize| {
        let t = &toks[i];
        t.kind == Kind::Word
            && (t.cap && (!lexicon::is_not_name(&t.lower) || lexicon::is_title(&t.lower))
                || lexicon::pronoun(&t.lower).is_some()
                || matches!(
                    t.lower.as_str(),
                    "a" | "an" | "the" | "one" | "two" | "three"
                ))
    };
    let region = if a < b {
        // "X, who …, said": the part before the first comma; but when that part is no noun
        // phrase ("“…” before discussing specifics, he said"), the part after the last one
        let stop = (a..b).find(|&i| toks[i].lower == ",").unwrap_or(b);
        let last = (a..b).rev().find(|&i| toks[i].lower == ",").unwrap_or(a);
        if !np_start(a) && stop < b && last + 1 < b && np_start(last + 1) {
            (last + 1, b)
        } else {
            (a, stop)
        }
    } else if toks[k].lower.ends_with("ing") && toks[k].lower != "according" {
        // "“…,” accusing it of …": a participle's subject is not after it; the sentence's
        // subject speaks (the fallback)
        return Speaker::default();
    } else {
        // after the cue, up to the next punctuation
        // (to a clause word: "said Dan Golvach when asked about Lindsey Graham")
        let s = e + 1;
        let mut t = s;
        while t < toks.len()
            && toks[t].sent == sent
            && toks[t].kind == Kind::Word
            && t < s + 10
            && !(t > s
                && matches!(
                    toks[t].lower.as_str(),
                    "when" | "who" | "after" | "before" | "as" | "while" | "because" | "in"
                ))
        {
            t += 1;
        }
        (s, t)
    };
    let (a, b) = region;
    if a >= b || b > toks.len() {
        return speaker_for(ctx, k, e);
    }
    // "“…” of the case, the opinion said": words that start no noun phrase are not the
    // speaker; the rules for a cue without a quote find it
    if !np_start(a) && ctx.cand_starting[a].is_none() {
        return speaker_for(ctx, k, e);
    }
    // the last actor in the phrase ("Judicial Watch president Tom Fitton")
    if let Some(ci) = (a..b).rev().find_map(|i| ctx.cand_ending[i]) {
        let c = &ctx.cands[ci];
        if c.first_tok >= a {
            return cand_speaker(c);
        }
    }
    if b - a == 1
        && let Some(kind) = lexicon::pronoun(&toks[a].lower)
    {
        return Speaker {
            name: kind.and_then(|person| resolve(ctx, toks[a].start, person)),
            start: toks[a].start,
            end: toks[a].end,
            found: true,
        };
    }
    if toks[a].kind == Kind::Word && lexicon::pronoun(&toks[a].lower).is_some() {
        return speaker_for(ctx, k, e);
    }
    let name = (toks[b - 1].cap && !lexicon::is_not_name(&toks[b - 1].lower))
        .then(|| ctx.text[toks[a].start..toks[b - 1].end].to_string());
    Speaker {
        name,
        start: toks[a].start,
        end: toks[b - 1].end,
        found: true,
    }
}

/// The first speaker-like noun phrase between tokens `first` and `k` that does not follow a
/// preposition: the sentence subject.
fn sentence_subject(ctx: &Ctx<'_>, first: usize, k: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let first = skip_dateline(ctx, first, k);
    // skip an introductory phrase up to its comma ("On Tuesday, …", "In an interview with
    // The Wall Street Journal, …")
    let mut i = skip_intro(ctx, first, k);
    // (but "Clinton, who was speaking to …, did not … but told": a relative clause after the
    // comma makes what is before it the subject)
    if i == first
        && let Some(c) = (first..k.min(first + 8)).find(|&c| toks[c].lower == ",")
        && !toks
            .get(c + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "who" | "which" | "whose"))
    {
        i = c + 1;
    }
    while i < k {
        let t = &toks[i];
        if t.in_quote.is_some() || t.kind != Kind::Word {
            return Speaker::default();
        }
        if let Some(ci) = ctx.cand_starting[i] {
            return cand_speaker(head_cand(ctx, &ctx.cands[ci]));
        }
        if lexicon::pronoun(&t.lower).is_some() {
            return np_ending(ctx, i, sent);
        }
        // "Senator Maria Lopez", "Mayor Karen Bass": a title before a name is not the subject
        if i + 1 < k && ctx.cand_starting[i + 1].is_some() && t.cap {
            i += 1;
            continue;
        }
        if lexicon::description(t.lower.trim_end_matches("'s")).is_some() {
            let mut sp = np_ending(ctx, i, sent);
            sp.start = toks[first.max(i.saturating_sub(3))].start.min(sp.start);
            return sp;
        }
        if matches!(
            t.lower.as_str(),
            "the"
                | "a"
                | "an"
                | "both"
                | "two"
                | "three"
                | "several"
                | "many"
                | "some"
                | "most"
                | "former"
                | "top"
                | "senior"
        ) || t.cap
        {
            i += 1;
            continue;
        }
        return Speaker::default();
    }
    Speaker::default()
}

/// "X, a Y, said" / "X, who …, said": walk left over comma-separated appositives from the
/// comma at `j` to the subject.
fn appositive_subject(ctx: &Ctx<'_>, comma: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    let first = ctx.scan.sents[sent].first;
    let mut seg_end = comma; // exclusive end of the segment left of the comma
    // "Westmacott, who will retire after serving in Iran, Turkey and France, praised …": the
    // commas of a relative clause's list are not appositives; the subject is before ", who"
    if let Some(r) = (first + 1..comma).rev().take(40).find(|&i| {
        matches!(toks[i].lower.as_str(), "who" | "which" | "whose") && toks[i - 1].lower == ","
    }) && (r + 1..comma).any(|i| toks[i].lower == ",")
    {
        seg_end = r - 1;
    }
    for _ in 0..4 {
        // "Sen. Joe Lieberman (I-Conn.), also stated": a short bracket (a party tag) ends
        // the segment of the name before it
        if let Some(o) = seg_end
            .checked_sub(1)
            .and_then(|close| short_bracket(toks, close, sent))
            && o > first
        {
            seg_end = o;
        }
        // find the segment start
        let mut s = seg_end;
        while s > first
            && toks[s - 1].lower != ","
            && toks[s - 1].kind != Kind::Close
            && toks[s - 1].kind != Kind::Open
        {
            s -= 1;
        }
        if s >= seg_end {
            return Speaker::default();
        }
        let head = &toks[s];
        let appositive = !head.cap
            || matches!(
                head.lower.as_str(),
                "a" | "an" | "the" | "who" | "which" | "whose"
            )
            || ctx.cand_starting[s].is_none() && lexicon::is_title(&head.lower) && seg_end - s > 3;
        // "Peter Orszag, Obama's former budget director, said": a name with a possessive
        // and a lower-case word after it opens a description, not a subject
        let possessive_opening = ctx.cand_starting[s]
            .and_then(|ci| after_possessive(toks, ctx.cands[ci].last_tok))
            .is_some_and(|a| a < seg_end && toks[a].kind == Kind::Word && !toks[a].cap);
        let appositive = appositive || possessive_opening;
        let starts_name = ctx.cand_starting[s].is_some() && !possessive_opening;
        // the sentence's first segment is its subject, even when it starts with "The"
        // ("The Obama administration, in a far-reaching effort …, has said")
        let opens_sentence = s <= first
            && (head.cap || matches!(head.lower.as_str(), "a" | "an" | "the"))
            && !matches!(head.lower.as_str(), "who" | "which" | "whose");
        if !appositive || starts_name && seg_end - s <= 4 || opens_sentence {
            // the subject segment: its last candidate or pronoun
            let sp = np_ending(ctx, seg_end - 1, sent);
            if sp.found {
                if let Some(place) = place_at(ctx, sp.start) {
                    // "Senator John Cornyn of Texas, …": the person or body before the place
                    if let Some(c) = (s..place.first_tok)
                        .filter_map(|i| ctx.cand_starting[i])
                        .map(|ci| &ctx.cands[ci])
                        .find(|c| c.kind != EntityType::LOC && c.last_tok < place.first_tok)
                    {
                        return cand_speaker(c);
                    }
                    // "a delegate from Houston, Texas, said": a place segment continues the
                    // segment before it
                    if place.first_tok == s && s > first + 1 && toks[s - 1].lower == "," {
                        seg_end = s - 1;
                        continue;
                    }
                }
                return sp;
            }
            for i in (s..seg_end).rev() {
                if let Some(ci) = ctx.cand_ending[i] {
                    return cand_speaker(&ctx.cands[ci]);
                }
            }
            return Speaker::default();
        }
        if s <= first || toks[s - 1].lower != "," {
            return Speaker::default();
        }
        seg_end = s - 1;
    }
    Speaker::default()
}

/// Past a dateline at the start of a sentence ("ORLANDO, Fla. (Reuters) - President Barack
/// Obama met …", "WASHINGTON (AP) — …", "WASHINGTON, Dec. 8 (UPI) — …", "Washington (AFP) –
/// …"): the token after its dash, or `first` when there is none. A dateline is capitalised
/// words, dates, commas, periods and a parenthesised agency before a dash, within the first
/// twelve tokens; it opens with a place in capitals, or ends with a news agency in brackets
/// (so "Senator Maria Lopez (D) – and her donors – said" keeps its subject).
fn skip_dateline(ctx: &Ctx<'_>, first: usize, k: usize) -> usize {
    let toks = &ctx.scan.toks;
    let Some(t0) = toks.get(first) else {
        return first;
    };
    let head = &ctx.text[t0.start..t0.end];
    let capitals = head.len() >= 3
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-');
    if !capitals && !t0.cap {
        return first;
    }
    for i in first..k.min(first + 12) {
        let t = &toks[i];
        if i > first && is_dash(&t.lower) {
            let agency = i >= first + 3
                && toks[i - 1].lower == ")"
                && toks[i - 3].lower == "("
                && matches!(
                    toks[i - 2].lower.as_str(),
                    "ap" | "afp" | "upi" | "reuters" | "dpa" | "xinhua" | "bloomberg" | "cnn"
                );
            return if capitals || agency { i + 1 } else { first };
        }
        let dateline_part = match t.kind {
            Kind::Word => t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()),
            _ => matches!(t.lower.as_str(), "," | "." | "(" | ")"),
        };
        if !dateline_part {
            return first;
        }
    }
    first
}

/// Past a dateline and the introductory phrases or clauses before the subject ("In an
/// interview with The Wall Street Journal, Trump …", "In June 2009, after Clinton suffered a
/// concussion, Axelrod …", "While business leaders push for free trade, Mr. Trump …"): the
/// token after the comma that ends each one, when a comma comes before the cue at `k`.
fn skip_intro(ctx: &Ctx<'_>, first: usize, k: usize) -> usize {
    let toks = &ctx.scan.toks;
    let mut i = skip_dateline(ctx, first, k);
    // "But after focusing …, Clinton …", "Yet in addition to …"
    let joined = |t: &Tok| matches!(t.lower.as_str(), "but" | "yet" | "and" | "so");
    if i + 1 < k && toks[i].kind == Kind::Word && joined(&toks[i]) && toks[i + 1].kind == Kind::Word
    {
        let next = &toks[i + 1].lower;
        if !np_stop(next)
            || matches!(
                next.as_str(),
                "in" | "on"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "as"
                    | "since"
                    | "with"
                    | "during"
            )
        {
            i += 1;
        }
    }
    for _ in 0..3 {
        let opens = toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && (t.lower.ends_with("ing")
                    && t.lower.len() > 5
                    && t.cap
                    && !t.lower.ends_with("thing")
                    && !matches!(t.lower.as_str(), "morning" | "evening")
                    || t.lower == "to")
                || t.kind == Kind::Word
                    && matches!(
                        t.lower.as_str(),
                        "in" | "on"
                            | "at"
                            | "after"
                            | "before"
                            | "during"
                            | "while"
                            | "when"
                            | "although"
                            | "though"
                            | "as"
                            | "if"
                            | "because"
                            | "since"
                            | "with"
                            | "without"
                            | "despite"
                            | "outside"
                            | "inside"
                            | "amid"
                            | "following"
                            | "even"
                            | "unlike"
                            | "like"
                            | "until"
                            | "once"
                            | "speaking"
                            | "throughout"
                    )
        });
        if !opens {
            break;
        }
        match (i + 1..k).find(|&c| toks[c].lower == "," && toks[c].in_quote.is_none()) {
            Some(c) if c + 1 < k => i = c + 1,
            _ => break,
        }
        // the state after a city ("At an event in St. Clairsville, Ohio, …")
        if let Some(ci) = ctx.cand_starting[i]
            && ctx.cands[ci].kind == EntityType::LOC
            && toks
                .get(ctx.cands[ci].last_tok + 1)
                .is_some_and(|t| t.lower == ",")
            && ctx.cands[ci].last_tok + 2 < k
        {
            i = ctx.cands[ci].last_tok + 2;
        }
        // a relative clause inside the introduction ("In rejecting a challenge to X, which
        // is scheduled for next week, the commission …")
        if matches!(toks[i].lower.as_str(), "which" | "who")
            && let Some(c) =
                (i + 1..k).find(|&c| toks[c].lower == "," && toks[c].in_quote.is_none())
            && c + 1 < k
        {
            i = c + 1;
        }
    }
    i
}

/// The candidate that heads a noun phrase starting with candidate `c`: the next one past a
/// possessive ("France's Marine Le Pen") or past a place before a title ("Florida Sen. Marco
/// Rubio"), else `c`.
fn head_cand<'c>(ctx: &Ctx<'c>, c: &'c Cand) -> &'c Cand {
    let toks = &ctx.scan.toks;
    let last = &toks[c.last_tok];
    let next = toks.get(c.last_tok + 1);
    let possessive = possessive(toks, c.last_tok);
    let place_before_title =
        c.kind == EntityType::LOC && next.is_some_and(|t| lexicon::is_title(&t.lower));
    if possessive || place_before_title {
        for i in c.last_tok + 1..(c.last_tok + 4).min(toks.len()) {
            if toks[i].sent != last.sent {
                break;
            }
            if let Some(ci) = ctx.cand_starting[i] {
                return &ctx.cands[ci];
            }
        }
    }
    c
}

/// A party and state tag ("R-SC", "D-Calif", "I-Vt", "R") is no speaker: the person it
/// follows is.
fn is_party_tag(ctx: &Ctx<'_>, c: &Cand) -> bool {
    let b = ctx.text.as_bytes().get(c.start..c.end).unwrap_or_default();
    c.first_tok == c.last_tok
        && matches!(b.first(), Some(b'R' | b'D' | b'I'))
        && (b.len() == 1 || b.len() > 2 && b[1] == b'-' && b[2].is_ascii_uppercase())
}

/// Words that may stand between a modifier and the name it modifies: titles, descriptions
/// and the nouns and adjectives of roles ("Clinton campaign spokesman Brian Fallon",
/// "Senate Majority Leader Mitch McConnell", "Trump's GOP primary rival Sen. Marco Rubio").
fn role_word(t: &Tok) -> bool {
    let w = t.lower.trim_end_matches("'s");
    t.kind == Kind::Word
        && (t.cap && lexicon::pronoun(w).is_none()
            || lexicon::is_title(w)
            || lexicon::description(w) == Some(true)
            || matches!(
                w,
                "campaign"
                    | "press"
                    | "communications"
                    | "policy"
                    | "national"
                    | "senior"
                    | "deputy"
                    | "political"
                    | "presidential"
                    | "primary"
                    | "rival"
                    | "former"
                    | "top"
                    | "longtime"
                    | "then"
                    | "presumptive"
                    | "majority"
                    | "minority"
                    | "party"
                    | "member"
                    | "moderator"
                    | "editor"
                    | "anchor"
                    | "correspondent"
                    | "co-founder"
                    | "foreign"
                    | "state"
                    | "of"
            ))
}

/// The head of a speaker mention, past what only modifies it: a party tag after a name
/// ("Gov. John Kasich (R-OH)") gives the name; a place, organisation or role before a
/// person ("Vermont Sen. Bernie Sanders", "The Washington Post columnist Ruth Marcus",
/// "Clinton campaign spokesman Brian Fallon") gives the person; a place in an "of"/"in"
/// phrase or an appositive after a person ("Senator John McCain of Arizona", "Col. Steven
/// H. Warren, a military spokesman in Baghdad,") gives the person.
fn head_of(ctx: &Ctx<'_>, sp: Speaker, cue: Option<usize>) -> Speaker {
    let toks = &ctx.scan.toks;
    if !sp.found || sp.end <= sp.start {
        return sp;
    }
    let last = toks.partition_point(|t| t.end < sp.end);
    if last >= toks.len() || toks[last].in_quote.is_some() {
        return sp;
    }
    let sent = toks[last].sent;
    let first = toks.partition_point(|t| t.end <= sp.start);
    if first < toks.len() && lexicon::pronoun(&toks[first].lower).is_some() {
        return sp;
    }
    let cand = ctx.cand_ending[last].map(|ci| &ctx.cands[ci]);
    let open = |i: usize| walkable(toks, i, sent, cue);
    let person_ending = |i: usize| person(ctx, ctx.cand_ending[i]);
    // a party tag: the person right before it, past "(" or ","
    if let Some(c) = cand
        && is_party_tag(ctx, c)
    {
        let mut i = c.first_tok;
        while i > 0 && matches!(toks[i - 1].lower.as_str(), "(" | ",") {
            i -= 1;
        }
        if i > 0
            && toks[i - 1].sent == sent
            && let Some(p) = person_ending(i - 1)
        {
            return cand_speaker(p);
        }
        return sp;
    }
    if let Some(c) = person(ctx, ctx.cand_ending[last]) {
        // a person before a role and another person ("Clinton spokesman Josh Schwerin")
        let mut i = c.last_tok + 1;
        if toks.get(i).is_some_and(|t| t.lower == "'s") {
            i += 1;
        }
        let from = i;
        while i < toks.len() && i < from + 5 && open(i) {
            if ctx.cand_starting[i].is_some() && i > from {
                let roles = (from..i).any(|j| !toks[j].cap || lexicon::is_title(&toks[j].lower));
                if let Some(p) = person(ctx, ctx.cand_starting[i])
                    && roles
                {
                    return cand_speaker(p);
                }
                break;
            }
            if !role_word(&toks[i]) || toks[i].cap && ctx.cand_starting[i].is_some() {
                break;
            }
            i += 1;
        }
        return sp;
    }
    // a modifier before a person: walk right over role words to a person
    let mut i = last + 1;
    if toks.get(i).is_some_and(|t| t.lower == "'s") {
        i += 1;
    }
    let from = i;
    while i < toks.len() && i < from + 6 && open(i) {
        if let Some(ci) = ctx.cand_starting[i] {
            if let Some(p) = person(ctx, Some(ci)) {
                return cand_speaker(p);
            }
            // a place, organisation or other name on the way ("UK Independence Party leader")
            i = ctx.cands[ci].last_tok + 1;
            continue;
        }
        if !role_word(&toks[i]) {
            break;
        }
        i += 1;
    }
    // a place or organisation after "of"/"in"/"from" or in an appositive: walk left to a
    // person
    if let Some(c) = cand.filter(|c| c.kind != EntityType::PER) {
        let mut j = c.first_tok;
        let mut steps = 0;
        let mut prep = false;
        while j > 0 && steps < 12 {
            let p = &toks[j - 1];
            if !open(j - 1) {
                break;
            }
            if let Some(per) = person_ending(j - 1) {
                // not a possessor ("John Kerry's negotiating partners in Tehran")
                if prep && !possessive(toks, per.last_tok) {
                    return widen_to(per, sp);
                }
                break;
            }
            if p.lower == "," {
                // an appositive opened by an article or a party word
                let head = &toks[j];
                if prep
                    && matches!(
                        head.lower.as_str(),
                        "a" | "an" | "the" | "republican" | "democrat" | "independent"
                    )
                    && j >= 2
                    && let Some(per) = person_ending(j - 2)
                {
                    return widen_to(per, sp);
                }
                break;
            }
            if p.kind != Kind::Word {
                break;
            }
            if matches!(
                p.lower.as_str(),
                "of" | "in" | "from" | "at" | "on" | "for" | "with"
            ) {
                prep = true;
            } else if np_stop(&p.lower) || cue_lemma(&p.lower).is_some() && !p.cap {
                break;
            }
            j -= 1;
            steps += 1;
        }
    }
    sp
}

/// The speaker mention of a statement, refined: [`head_of`] and [`past_preposition`]; then a
/// description next to a name gives the name ("the assailant, John McGraw," / "Armstrong
/// Williams, Carson's longtime friend and adviser,"), and a mention that is the second part
/// of "X and his aides" / "X and other leaders" widens to the whole, named by X.
fn refine_head(ctx: &Ctx<'_>, sp: Speaker, cue: Option<usize>) -> Speaker {
    let sp = head_of(ctx, sp, cue);
    let sp = past_preposition(ctx, sp, cue);
    let toks = &ctx.scan.toks;
    if !sp.found || sp.end <= sp.start {
        return sp;
    }
    let first = toks.partition_point(|t| t.end <= sp.start);
    let last = toks.partition_point(|t| t.end < sp.end);
    if last >= toks.len() || first > last {
        return sp;
    }
    let sent = toks[last].sent;
    let open = |i: usize| walkable(toks, i, sent, cue);
    let person = |ci: Option<usize>| person(ctx, ci);
    // a name starts a noun phrase when nothing before it is a lower-case word ("After
    // meeting Trump, the spokesman said" has no apposition)
    let np_opens = |i: usize| {
        i == 0
            || toks[i - 1].sent != sent
            || toks[i - 1].kind != Kind::Word
            || toks[i - 1].cap
            || matches!(toks[i - 1].lower.as_str(), "both" | "the")
    };
    let has_person = (first..=last).any(|i| person(ctx.cand_ending[i]).is_some());
    let bare = toks[last].lower.trim_end_matches("'s");
    if !has_person && lexicon::description(bare) == Some(true) {
        // "the assailant, John McGraw," said
        if last + 2 < toks.len()
            && toks[last + 1].lower == ","
            && open(last + 1)
            && open(last + 2)
            && let Some(p) = person(ctx.cand_starting[last + 2])
        {
            let after = toks.get(p.last_tok + 1);
            if after.is_none_or(|t| {
                t.sent != sent || t.kind != Kind::Word || Some(p.last_tok + 1) == cue
            }) {
                return cand_speaker(p);
            }
        }
        // "Armstrong Williams, Carson's longtime friend and adviser," said: the comma that
        // opens the description, a few words left
        let comma = (first.saturating_sub(8)..first)
            .rev()
            .take_while(|&i| open(i) && (toks[i].kind == Kind::Word || toks[i].lower == ","))
            .find(|&i| toks[i].lower == ",");
        if let Some(c) = comma
            && c >= 1
            && open(c - 1)
            && let Some(p) = person(ctx.cand_ending[c - 1])
            && np_opens(p.first_tok)
        {
            return cand_speaker(p);
        }
    }
    // "Mr. Rubio and his advisers", "Politicians and even some technologists"
    let mut a = first;
    if a > 0 && toks[a - 1].lower == "even" {
        a -= 1;
    }
    // the second part opens with a determiner ("and his advisers", "and other leaders"), not
    // an adjective that shares the noun ("Federal and state authorities") or a pronoun
    let opens_np = matches!(
        toks[first].lower.as_str(),
        "the" | "his" | "her" | "its" | "their" | "other" | "some" | "many" | "several" | "top"
    );
    if opens_np && a >= 2 && toks[a - 1].lower == "and" && open(a - 1) && open(a - 2) {
        let b = a - 2;
        let (start_tok, name) = if let Some(ci) = ctx.cand_ending[b] {
            let c = &ctx.cands[ci];
            (c.first_tok, Some(c.name.clone()))
        } else if toks[b].cap && toks[b].kind == Kind::Word && !lexicon::is_not_name(&toks[b].lower)
        {
            (b, None)
        } else {
            return sp;
        };
        if np_opens(start_tok) && toks[start_tok].sent == sent {
            let mut s = start_tok;
            while s > 0 && lexicon::is_title(&toks[s - 1].lower) && open(s - 1) {
                s -= 1;
            }
            return Speaker {
                name: name.or(sp.name),
                start: toks[s].start,
                end: sp.end,
                found: true,
            };
        }
    }
    sp
}

/// The mention from person `per` to the end of `sp`, named by `per` ("Governor Matt Bevin of
/// Kentucky").
fn widen_to(per: &Cand, sp: Speaker) -> Speaker {
    Speaker {
        name: Some(per.name.clone()),
        start: per.start.min(sp.start),
        end: sp.end,
        found: true,
    }
}

/// A mention before its cue that is the object of a preposition ("The Holocaust Memorial
/// Museum in Washington issued", "Six Gannett newspapers in New Jersey said") widens to the
/// noun phrase the preposition belongs to, named by its first person or organisation.
fn past_preposition(ctx: &Ctx<'_>, sp: Speaker, cue: Option<usize>) -> Speaker {
    let toks = &ctx.scan.toks;
    let Some(k) = cue else {
        return sp;
    };
    if !sp.found || k >= toks.len() || sp.end > toks[k].start {
        return sp;
    }
    let s = toks.partition_point(|t| t.end <= sp.start);
    if s == 0 || s >= toks.len() {
        return sp;
    }
    let sent = toks[s].sent;
    let prep = |w: &str| matches!(w, "in" | "on" | "at" | "of" | "from" | "for" | "with");
    if !prep(&toks[s - 1].lower) || toks[s - 1].sent != sent {
        return sp;
    }
    let first = ctx.scan.sents[sent].first;
    let mut a = s - 1;
    let mut steps = 0;
    while a > first && steps < 10 {
        let p = &toks[a - 1];
        if p.sent != sent || p.kind != Kind::Word || p.in_quote.is_some() {
            break;
        }
        let w = p.lower.as_str();
        if !prep(w)
            && (np_stop(w)
                || lexicon::is_verb_filler(w)
                || lexicon::pronoun(w).is_some()
                || !p.cap && (cue_lemma(w).is_some() || w.ends_with("ed")))
        {
            break;
        }
        a -= 1;
        steps += 1;
    }
    // the phrase opens on a noun phrase word, not on a preposition
    while a < s - 1 && prep(&toks[a].lower) {
        a += 1;
    }
    if a >= s - 1
        || !(toks[a].cap
            || is_noun_like(&toks[a].lower)
            || matches!(toks[a].lower.as_str(), "the" | "a" | "an"))
    {
        return sp;
    }
    // and it opens a clause: at the sentence's start or after a comma, a conjunction or a
    // relative word (not after a verb: "… to engage in lawful callings")
    let opens = a == first
        || a == skip_intro(ctx, first, k)
        || is_dash(&toks[a - 1].lower)
        || matches!(
            toks[a - 1].lower.as_str(),
            "," | "and"
                | "but"
                | "that"
                | "which"
                | "who"
                | "while"
                | "because"
                | "as"
                | "when"
                | ":"
                | ";"
        );
    if !opens {
        return sp;
    }
    Speaker {
        name: named_within(ctx, a, s - 1),
        start: toks[a].start,
        end: sp.end,
        found: true,
    }
}

/// True if the token at `last` ends in a possessive `'s` or is followed by one ("Trump's",
/// "Sanders ’s"); token text has its apostrophes unified to `'`.
fn possessive(toks: &[Tok], last: usize) -> bool {
    after_possessive(toks, last).is_some()
}

/// A quoted title ("Speaking on ABC's “This Week,” Carson admitted …", "in an interview
/// with CNN's “Fareed Zakaria GPS,” Trump said …"): up to six words inside, each capitalised
/// or a short function word, after a possessive or a preposition. It is no statement of the
/// speaker after it.
fn is_title_quote(toks: &[Tok], q: &QuoteSpan) -> bool {
    // (an unclosed quote ends at its last content token, which may be the opening mark's
    // neighbour or none at all)
    let inner = toks.get(q.open_tok + 1..q.close_tok).unwrap_or(&[]);
    let words: Vec<&Tok> = inner.iter().filter(|t| t.is_word()).collect();
    let titled = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|t| {
            t.cap
                || matches!(
                    t.lower.as_str(),
                    "the" | "of" | "with" | "and" | "a" | "in" | "on" | "for" | "to"
                )
        })
        && words[0].cap;
    let before = q.open_tok.checked_sub(1).map(|i| &toks[i]);
    titled
        && before.is_some_and(|t| {
            t.kind == Kind::Word
                && (possessive(toks, q.open_tok - 1)
                    || matches!(
                        t.lower.as_str(),
                        "on" | "in" | "with" | "to" | "from" | "of"
                    ))
        })
}

/// A dash between words or phrases, as the scanner gives it: hyphen, en dash, em dash,
/// horizontal bar, or two hyphens.
fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "–" | "—" | "―")
}

/// ", adding …", ", saying …": a word in -ing right after a comma, whose speaker is the main
/// clause's.
fn participle_after_comma(toks: &[Tok], k: usize) -> bool {
    k > 0 && toks[k].lower.ends_with("ing") && toks[k - 1].lower == ","
}

/// The token after the possessive that ends at token `last` ("Trump's" or "Trump" "'s"), when
/// there is one there.
fn after_possessive(toks: &[Tok], last: usize) -> Option<usize> {
    if toks[last].lower.ends_with("'s") {
        Some(last + 1)
    } else {
        toks.get(last + 1)
            .is_some_and(|t| t.lower == "'s")
            .then_some(last + 2)
    }
}

/// The opening bracket of a short bracket (at most five tokens, in sentence `sent`) that
/// closes at token `close` ("Sen. Bernie Sanders (I-Vt.)"), if `close` closes one.
fn short_bracket(toks: &[Tok], close: usize, sent: usize) -> Option<usize> {
    if toks.get(close)?.lower != ")" {
        return None;
    }
    (close.saturating_sub(5)..close)
        .rev()
        .find(|&i| toks[i].lower == "(")
        .filter(|&o| toks[o].sent == sent)
}

/// The person candidate `ci` names, if it is a person and not a party tag.
fn person<'c>(ctx: &Ctx<'c>, ci: Option<usize>) -> Option<&'c Cand> {
    ci.map(|ci| &ctx.cands[ci])
        .filter(|c| c.kind == EntityType::PER && !is_party_tag(ctx, c))
}

/// The name of the first person or organisation that lies within tokens `a..=e`.
fn named_within(ctx: &Ctx<'_>, a: usize, e: usize) -> Option<String> {
    (a..=e).find_map(|j| {
        ctx.cand_starting[j]
            .map(|ci| &ctx.cands[ci])
            .filter(|c| c.last_tok <= e && matches!(c.kind, EntityType::PER | EntityType::ORG))
            .map(|c| c.name.clone())
    })
}

/// True if a walk from a speaker mention may take token `i`: in sentence `sent`, outside
/// quotes, and not the cue.
fn walkable(toks: &[Tok], i: usize, sent: usize, cue: Option<usize>) -> bool {
    toks[i].sent == sent && toks[i].in_quote.is_none() && Some(i) != cue
}

/// The place (a `LOC` candidate) that starts at byte `start`, if any.
fn place_at<'c>(ctx: &Ctx<'c>, start: usize) -> Option<&'c Cand> {
    let toks = &ctx.scan.toks;
    let t = toks.partition_point(|x| x.start < start);
    let ci = (*ctx.cand_starting.get(t)?)?;
    let c = &ctx.cands[ci];
    (c.kind == EntityType::LOC && c.start == start).then_some(c)
}

fn cand_speaker(c: &Cand) -> Speaker {
    Speaker {
        name: Some(c.name.clone()),
        start: c.start,
        end: c.end,
        found: true,
    }
}

/// The speaker mention that ends at token `j`: an actor, a pronoun or a description.
fn np_ending(ctx: &Ctx<'_>, j: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    if let Some(ci) = ctx.cand_ending[j] {
        return cand_speaker(&ctx.cands[ci]);
    }
    let t = &toks[j];
    if t.kind != Kind::Word {
        return Speaker::default();
    }
    if let Some(kind) = lexicon::pronoun(&t.lower) {
        return Speaker {
            name: kind.and_then(|person| resolve(ctx, t.start, person)),
            start: t.start,
            end: t.end,
            found: true,
        };
    }
    let bare = t.lower.trim_end_matches("'s");
    if lexicon::description(bare).is_some() || (t.cap && !lexicon::is_not_name(&t.lower)) {
        // extend left over the noun phrase: adjectives, determiners, possessives, names
        let mut s = j;
        let mut steps = 0;
        while s > 0 && steps < 6 {
            let p = &toks[s - 1];
            if p.sent != sent || p.kind != Kind::Word || lexicon::is_verb_filler(&p.lower) {
                break;
            }
            // "while police said", "after officials said": a conjunction or preposition
            // ends the noun phrase
            if np_stop(&p.lower) || matches!(p.lower.as_str(), "of" | "for" | "at") {
                break;
            }
            s -= 1;
            steps += 1;
            if matches!(p.lower.as_str(), "the" | "a" | "an") {
                break;
            }
        }
        // a name inside the description ("Trump spokeswoman Hope Hicks" ends in a name,
        // handled above; "the Clinton campaign" names its organisation)
        let name =
            if t.cap && !lexicon::is_not_name(&t.lower) && lexicon::description(bare).is_none() {
                Some(ctx.text[t.start..t.end].trim_end_matches("'s").to_string())
            } else {
                None
            };
        return Speaker {
            name,
            start: toks[s].start,
            end: t.end,
            found: true,
        };
    }
    Speaker::default()
}

/// The speaker mention that starts at token `i` (after a cue: "said Lavrov", "said the
/// spokesman", "according to officials").
fn np_at(ctx: &Ctx<'_>, i: usize, sent: usize) -> Speaker {
    let toks = &ctx.scan.toks;
    if i >= toks.len() || toks[i].sent != sent {
        return Speaker::default();
    }
    if let Some(ci) = ctx.cand_starting[i] {
        return cand_speaker(&ctx.cands[ci]);
    }
    // skip a title or determiner before a name
    let mut s = i;
    while s < toks.len() && toks[s].sent == sent && s < i + 6 {
        if let Some(ci) = ctx.cand_starting[s] {
            return Speaker {
                start: toks[i].start,
                ..cand_speaker(&ctx.cands[ci])
            };
        }
        let t = &toks[s];
        if t.kind != Kind::Word {
            break;
        }
        if let Some(kind) = lexicon::pronoun(&t.lower)
            && s == i
        {
            return Speaker {
                name: kind.and_then(|person| resolve(ctx, t.start, person)),
                start: t.start,
                end: t.end,
                found: true,
            };
        }
        if lexicon::description(t.lower.trim_end_matches("'s")).is_some()
            && (s + 1 >= toks.len()
                || toks[s + 1].kind != Kind::Word
                || toks[s + 1].sent != sent
                || lexicon::description(&toks[s + 1].lower).is_none())
        {
            // a description: a name right after it is the better mention
            if let Some(ci) = ctx.cand_starting.get(s + 1).copied().flatten() {
                return cand_speaker(&ctx.cands[ci]);
            }
            return Speaker {
                name: None,
                start: toks[i].start,
                end: t.end,
                found: true,
            };
        }
        if t.cap && !lexicon::is_not_name(&t.lower) {
            // an unlisted capitalised name: take the run
            let mut e = s;
            while e + 1 < toks.len()
                && toks[e + 1].sent == sent
                && toks[e + 1].cap
                && toks[e + 1].kind == Kind::Word
            {
                e += 1;
            }
            let name = ctx.text[toks[s].start..toks[e].end]
                .trim_end_matches("'s")
                .to_string();
            return Speaker {
                name: Some(name),
                start: toks[s].start,
                end: toks[e].end,
                found: true,
            };
        }
        s += 1;
    }
    Speaker::default()
}

/// Resolves a pronoun at byte `at` to the last compatible actor before it: a person for
/// he/she, an organisation for they/it. Returns `None` when there is none in the last
/// stretch of text (no guessing across the whole article).
fn resolve(ctx: &Ctx<'_>, at: usize, person: bool) -> Option<String> {
    let agrees = gender_check(ctx, at);
    if person && let Some(name) = resolve_subject(ctx, at, &agrees) {
        return Some(name);
    }
    let window = 1500;
    for c in ctx.cands.iter().rev() {
        if c.end > at || ctx.scan.toks[c.first_tok].in_quote.is_some() {
            // mentions inside quotes are not the ones a later pronoun picks up
            continue;
        }
        if at - c.end > window {
            break;
        }
        let ok = match c.kind {
            EntityType::PER => person && agrees(c),
            EntityType::ORG => !person,
            _ => false,
        };
        if ok {
            return Some(c.name.clone());
        }
    }
    None
}

/// Whether a person candidate can be what the pronoun at byte `at` refers to: not when the
/// pronoun has a gender ("she", "his") and the person is known to have the other.
fn gender_check<'c>(ctx: &'c Ctx<'_>, at: usize) -> impl Fn(&Cand) -> bool + 'c {
    let toks = &ctx.scan.toks;
    let pos = toks.partition_point(|t| t.start < at);
    let want = toks
        .get(pos)
        .and_then(|t| lexicon::pronoun_gender(&t.lower));
    move |c: &Cand| {
        want.is_none()
            || ctx
                .genders
                .get(c.name.as_str())
                .copied()
                .flatten()
                .is_none_or(|g| Some(g) == want)
    }
}

/// The gender of each person actor of an article, from a title right before or at the start
/// of any of its mentions ("Mrs. Clinton") and from the given name its canonical name starts
/// with ("Donald J. Trump"); `None` for an actor whose clues disagree.
fn person_genders<'c>(scan: &Scan, cands: &'c [Cand]) -> HashMap<&'c str, Option<Gender>> {
    let mut out: HashMap<&str, Option<Gender>> = HashMap::new();
    let mut note = |name: &'c str, g: Option<Gender>| {
        if let Some(g) = g {
            out.entry(name)
                .and_modify(|known| {
                    if *known != Some(g) {
                        *known = None;
                    }
                })
                .or_insert(Some(g));
        }
    };
    let toks = &scan.toks;
    for c in cands.iter().filter(|c| c.kind == EntityType::PER) {
        // the title: the mention's first word, or the word before it in the same sentence;
        // but not after "and" ("Senator and Mrs. Dole", "Mr. and Mrs. Smith"): it may belong
        // to one of two people merged into one actor
        let first = c.first_tok;
        let title = std::iter::once(first)
            .chain(
                first
                    .checked_sub(1)
                    .filter(|&i| toks[i].sent == toks[first].sent),
            )
            .find_map(|i| lexicon::title_gender(&toks[i].lower).map(|g| (i, g)))
            .filter(|&(i, _)| i == 0 || !matches!(toks[i - 1].lower.as_str(), "and" | "&"));
        note(&c.name, title.map(|(_, g)| g));
        let given = c
            .name
            .split_whitespace()
            .next()
            .map(str::to_lowercase)
            .and_then(|w| lexicon::given_name_gender(&w));
        note(&c.name, given);
    }
    out
}

/// "Trump attacked Clinton on Monday. He said …": a person pronoun refers to the subject of
/// its own or one of the two sentences before it (the last such subject), when there is one.
/// Only people `agrees` accepts are taken (see [`gender_check`]).
fn resolve_subject(ctx: &Ctx<'_>, at: usize, agrees: impl Fn(&Cand) -> bool) -> Option<String> {
    let toks = &ctx.scan.toks;
    let pos = toks.partition_point(|t| t.start < at);
    let sent = toks.get(pos)?.sent;
    for c in ctx.cands.iter().rev() {
        if c.end > at || !agrees(c) {
            continue;
        }
        let cs = toks[c.first_tok].sent;
        if cs + 2 < sent {
            break;
        }
        if c.kind != EntityType::PER || toks[c.first_tok].in_quote.is_some() {
            continue;
        }
        let first = ctx.scan.sents[cs].first;
        let before = &toks[first..c.first_tok];
        let subject = before.len() <= 5
            && before.iter().all(|t| {
                t.kind == Kind::Word
                    && t.in_quote.is_none()
                    && (t.cap
                        || lexicon::description(&t.lower).is_some()
                        || lexicon::is_title(&t.lower))
            })
            && toks
                .get(c.last_tok + 1)
                .is_some_and(|t| t.kind == Kind::Word || t.lower == ",");
        if subject {
            return Some(c.name.clone());
        }
    }
    None
}

/// The byte range of token range `[a, b)` trimmed of leading/trailing punctuation that is
/// not a quote mark, or `None` when nothing is left.
fn content_range(ctx: &Ctx<'_>, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let toks = &ctx.scan.toks;
    while a < b && (toks[a].kind == Kind::Punct || toks[a].lower == "that") {
        a += 1;
    }
    while b > a && toks[b - 1].kind == Kind::Punct {
        b -= 1;
    }
    if a >= b || toks[a..b].iter().filter(|t| t.is_word()).count() == 0 {
        return None;
    }
    Some((toks[a].start, toks[b - 1].end))
}

/// Statements whose source is a poll or survey in an "in" phrase that opens the sentence
/// before a comma ("In a Des Moines Register poll last month, Mr. Cruz had a 10-point lead")
/// or closes it ("Clinton stays well ahead of Sanders in the latest poll"): the rest of the
/// sentence is the content, the phrase after "in" the source (named by an organisation or
/// person in it). Nothing is added where a statement already covers the content.
fn poll_statements(ctx: &Ctx<'_>, stmts: &mut Vec<Stmt>) {
    let toks = &ctx.scan.toks;
    let is_poll = |w: &str| matches!(w, "poll" | "polls" | "survey" | "surveys" | "polling");
    // "leads in the polls", "trails in national polls": polls in general, no source
    let generic = |words: &[Tok], noun: &Tok| {
        matches!(noun.lower.as_str(), "polls" | "surveys" | "polling")
            && words.iter().all(|t| {
                matches!(
                    t.lower.as_str(),
                    "the" | "some" | "national" | "latest" | "recent" | "early" | "many" | "public"
                )
            })
    };
    let mut found = Vec::new();
    for sent in &ctx.scan.sents {
        let (first, last) = (skip_dateline(ctx, sent.first, sent.last), sent.last);
        for k in first..last {
            let t = &toks[k];
            if t.lower != "in" || t.in_quote.is_some() {
                continue;
            }
            // the phrase: up to nine tokens to a poll noun, words only but for a slash or
            // hyphen inside names ("NBC News/Wall Street Journal")
            let Some(noun) = (k + 1..(k + 10).min(last)).find(|&i| is_poll(&toks[i].lower)) else {
                continue;
            };
            if !(k + 1..noun).all(|i| {
                toks[i].in_quote.is_none()
                    && (toks[i].kind == Kind::Word || matches!(toks[i].lower.as_str(), "/" | "-"))
            }) || generic(&toks[k + 1..noun], &toks[noun])
            {
                continue;
            }
            // the phrase runs on to a comma or the sentence end ("released Monday")
            let mut end = noun + 1;
            while end < last
                && end <= noun + 5
                && toks[end].kind == Kind::Word
                && toks[end].in_quote.is_none()
            {
                end += 1;
            }
            let range = if k == first && end < last && toks[end].lower == "," {
                content_range(ctx, end + 1, last)
            } else if toks[end..last].iter().all(|t| t.kind == Kind::Punct)
                && toks[first..k].iter().filter(|t| t.is_word()).count() >= 4
            {
                content_range(ctx, first, k)
            } else {
                None
            };
            let Some((s, e)) = range else { continue };
            if stmts.iter().any(|st| st.start < e && s < st.end) {
                continue;
            }
            let speaker = Speaker {
                name: named_within(ctx, k + 1, end - 1),
                start: toks[k + 1].start,
                end: toks[end - 1].end,
                found: true,
            };
            found.push(Stmt {
                start: s,
                end: e,
                direct: false,
                cue: Some((t.start, t.end)),
                speaker,
                cue_tok: Some(k),
            });
            break;
        }
    }
    stmts.extend(found);
}

/// Lead words before a paragraph-initial colon that label the line instead of naming a
/// speaker ("Related:", "Photo:", "Update:").
fn is_label_word(w: &str) -> bool {
    matches!(
        w,
        "related"
            | "photo"
            | "photos"
            | "video"
            | "watch"
            | "update"
            | "updated"
            | "note"
            | "correction"
            | "source"
            | "sources"
            | "read"
            | "see"
            | "also"
            | "tags"
            | "topics"
            | "filed"
            | "posted"
            | "image"
            | "images"
            | "credit"
            | "caption"
            | "subscribe"
            | "follow"
            | "listen"
            | "advertisement"
            | "editor's"
            | "transcript"
            | "q"
            | "a"
            | "question"
            | "answer"
            | "abstract"
            | "by"
            | "contact"
            | "email"
            | "more"
            | "previously"
            | "here"
            | "this"
            | "that"
            | "the"
            | "it"
            | "there"
    )
}

/// Paragraphs that open with a short name and a colon ("Graham: Trump's rhetoric …",
/// "MATTHEWS: Well, …"): the rest of the paragraph is the statement, the name its speaker.
fn colon_lines(
    ctx: &Ctx<'_>,
    stmts: &mut Vec<Stmt>,
    quote_done: &mut [bool],
    quote_stmt: &mut [Option<usize>],
) {
    let toks = &ctx.scan.toks;
    let n = toks.len();
    let mut p0 = 0;
    while p0 < n {
        let para = toks[p0].para;
        let mut p1 = p0;
        while p1 < n && toks[p1].para == para {
            p1 += 1;
        }
        let colon = (p0..p1.min(p0 + 9)).find(|&i| toks[i].lower == ":");
        if let Some(c) = colon
            && c > p0
            && toks[p0].cap
            && toks[p0].kind == Kind::Word
            && toks[p0..c].iter().all(|t| {
                t.in_quote.is_none()
                    && (t.kind == Kind::Word || is_dash(&t.lower))
            })
            && toks[c - 1].kind == Kind::Word
            && !(c - p0 == 1 && is_label_word(&toks[p0].lower))
            && !toks[p0..c]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "note" | "latest" | "excerpt" | "transcript"))
            && !(matches!(toks[p0].lower.as_str(), "the" | "a" | "an")
                && ctx.cand_ending[c - 1].is_none())
            && !toks[p0..c].iter().any(|t| cue_lemma(&t.lower).is_some() && !t.cap)
            && toks[c + 1..p1].iter().filter(|t| t.is_word()).count() >= 3
            // not a list of names ("Nevada: Adam Khan, Andres Ramirez, …")
            && toks[c + 1..p1].iter().filter(|t| t.lower == ",").count() < 4
            && let Some((s, e)) = content_range(ctx, c + 1, p1)
            // a transcript line ("TAPPER: Do you think …") holds any statement inside it
            && !stmts.iter().any(|st| {
                st.start < e && s < st.end && !(s < st.start && st.end <= e && toks[p0].lower.len() > 1 && toks[p0..c].iter().all(|t| !t.is_word() || ctx.text[t.start..t.end].chars().all(|ch| !ch.is_lowercase())))
            })
        {
            // the name: an actor ending before the colon, else the words after a dash
            let first = (p0..c)
                .rev()
                .find(|&i| toks[i].kind != Kind::Word)
                .map_or(p0, |i| i + 1);
            let speaker = if let Some(ci) = ctx.cand_ending[c - 1] {
                cand_speaker(&ctx.cands[ci])
            } else {
                let last = &toks[c - 1];
                Speaker {
                    name: (last.cap && !lexicon::is_not_name(&last.lower))
                        .then(|| ctx.text[toks[first].start..last.end].to_string()),
                    start: toks[first].start,
                    end: last.end,
                    found: true,
                }
            };
            let (mut s, mut e) = (s, e);
            for (qi, q) in ctx.scan.quotes.iter().enumerate() {
                if quote_done[qi] || q.open < s || q.start >= e {
                    continue;
                }
                quote_done[qi] = true;
                quote_stmt[qi] = Some(stmts.len());
                if q.open <= s && q.close >= e {
                    s = q.start;
                    e = q.end;
                }
            }
            stmts.push(Stmt {
                start: s,
                end: e,
                direct: false,
                cue: Some((toks[c].start, toks[c].end)),
                speaker,
                cue_tok: Some(c),
            });
        }
        p0 = p1;
    }
}

/// Finds every attributed statement in `article`, given speaker candidates.
pub(crate) fn attribute(article: &Article, scan: &Scan, cands: &[Cand]) -> Vec<Quote> {
    attribute_with(article, scan, cands, CueModel::get())
}

/// [`attribute`] with a given cue model.
fn attribute_with(article: &Article, scan: &Scan, cands: &[Cand], model: &CueModel) -> Vec<Quote> {
    let text = article.text.as_str();
    let n = scan.toks.len();
    let mut cand_ending = vec![None; n];
    let mut cand_starting = vec![None; n];
    for (i, c) in cands.iter().enumerate() {
        cand_ending[c.last_tok] = Some(i);
        if cand_starting[c.first_tok].is_none() {
            cand_starting[c.first_tok] = Some(i);
        }
    }
    let (add, veto) = thresholds();
    let scores = model.scores(scan);
    let ctx = Ctx {
        text,
        scan,
        cands,
        cand_ending,
        cand_starting,
        genders: person_genders(scan, cands),
        vetoed: scores
            .iter()
            .map(|s| s.is_some_and(|s| s <= veto))
            .collect(),
    };
    let toks = &scan.toks;

    // all cues
    let mut cues: Vec<(usize, usize)> = Vec::new();
    // per cue: found by the rules (not only by the learned model)
    let mut rule_cue: Vec<bool> = Vec::new();
    // tokens inside a person's mention
    let mut in_person = vec![false; n];
    for c in cands.iter().filter(|c| c.kind == EntityType::PER) {
        for x in &mut in_person[c.first_tok..=c.last_tok.min(n - 1)] {
            *x = true;
        }
    }
    // "Editor's note: …", "Update: …": a label opening its line is no cue
    let line_start = |i: usize| {
        let before = text[..toks[i].start].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with('\n')
    };
    let mut k = 0;
    while k < n {
        let score = scores[k];
        let label = toks.get(k + 1).is_some_and(|x| x.lower == ":")
            && is_label_word(&toks[k].lower)
            && (line_start(k) || k > 0 && toks[k - 1].lower == "editor's" && line_start(k - 1));
        if label {
            k += 1;
            continue;
        }
        if let Some(e) = cue_at(&ctx, k) {
            // the rules' cue, unless the model is sure it is no attribution here
            if score.is_none_or(|s| s > veto) {
                // "have begun urging", "kept insisting": the verb of aspect is part of the
                // cue, and the subject is before it
                let aspect = k > 0
                    && toks[k].lower.ends_with("ing")
                    && toks[k - 1].sent == toks[k].sent
                    && matches!(
                        toks[k - 1].lower.as_str(),
                        "begun"
                            | "began"
                            | "begin"
                            | "begins"
                            | "started"
                            | "start"
                            | "starts"
                            | "continued"
                            | "continue"
                            | "continues"
                            | "kept"
                            | "keep"
                            | "keeps"
                    );
                let k = if aspect { k - 1 } else { k };
                cues.push((k, e));
                rule_cue.push(true);
            }
            k = e + 1;
            continue;
        }
        // the model's cue ("voiced alarm", "criticism", "is expected"): its words run on
        // while the model keeps taking them; but a word right after the rules' cue belongs
        // to that statement ("said in a statement", "told reporters")
        let after_rule_cue = rule_cue.last() == Some(&true)
            && cues.last().is_some_and(|&(_, e)| {
                e < k
                    && k - e <= 5
                    && (e + 1..k).all(|i| {
                        toks[i].kind == Kind::Word
                            && !matches!(toks[i].lower.as_str(), "that" | "and" | "but" | "to")
                    })
            });
        // a person's name ("In 2016, Mrs. Schlafly endorsed …") is not the model's cue
        if score.is_some_and(|s| s > add) && !after_rule_cue && !in_person[k] {
            let mut e = k;
            while e + 1 < n
                && toks[e + 1].sent == toks[k].sent
                && scores[e + 1].is_some_and(|s| s > add)
                && !in_person[e + 1]
            {
                e += 1;
            }
            cues.push((k, e));
            rule_cue.push(false);
            k = e + 1;
            continue;
        }
        k += 1;
    }
    // "“…,” Kelly charged": after a quote that ends with a comma (or ? or !), a speaker and
    // a past-tense verb right after it are a cue, whatever the verb ("boomed", "fumed")
    for q in &scan.quotes {
        let last_inner = q.close_tok.checked_sub(1).map(|i| toks[i].lower.as_str());
        if !matches!(last_inner, Some("," | "?" | "!")) {
            continue;
        }
        let a = q.close_tok + 1;
        let subject_end = match toks.get(a) {
            Some(t) if t.kind == Kind::Word && lexicon::pronoun(&t.lower) == Some(Some(true)) => a,
            Some(_) => match ctx.cand_starting[a.min(n - 1)] {
                Some(ci) if a < n => ctx.cands[ci].last_tok,
                _ => continue,
            },
            None => continue,
        };
        let v = subject_end + 1;
        let Some(t) = toks.get(v) else { continue };
        let after_ok = toks
            .get(v + 1)
            .is_none_or(|x| x.kind != Kind::Word || x.sent != t.sent || !x.cap);
        if t.kind == Kind::Word
            && !t.cap
            && t.in_quote.is_none()
            && t.sent == toks[subject_end].sent
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
            && after_ok
            && !cues.iter().any(|&(k, e)| k <= v && v <= e)
        {
            let at = cues.partition_point(|&(k, _)| k < v);
            cues.insert(at, (v, v));
            rule_cue.insert(at, true);
        }
    }
    let mut cue_used = vec![false; cues.len()];
    let mut quote_done = vec![false; scan.quotes.len()];
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut quote_stmt: Vec<Option<usize>> = vec![None; scan.quotes.len()];

    // (1) a quote followed closely by a cue ("“…,” he said", "“…?” Trump asked")
    for (qi, q) in scan.quotes.iter().enumerate() {
        let mut found = None;
        for (ci, &(k, _)) in cues.iter().enumerate() {
            if k <= q.close_tok {
                continue;
            }
            // a learned cue inside a speaker's appositive ("“…,” Mr. Regalado, the Republican
            // mayor of Miami, said"): the rules' cue after it in the sentence is the quote's
            if !rule_cue[ci]
                && cues
                    .iter()
                    .enumerate()
                    .skip(ci + 1)
                    .take_while(|&(_, &(k2, _))| toks[k2].sent == toks[k].sent)
                    .any(|(c2, _)| rule_cue[c2])
            {
                continue;
            }
            let between = &toks[q.close_tok + 1..k];
            let words = between.iter().filter(|t| t.is_word()).count();
            // "… was “liberal” and argued …": a verb joined to an earlier one has that
            // verb's subject; the quote belongs to the earlier statement
            let joined = (q.close_tok + 1..k).any(|i| {
                matches!(toks[i].lower.as_str(), "and" | "but" | "or")
                    && (i + 1..k).all(|f| is_filler(&toks[f]))
            });
            // (a period before a closing bracket ends an abbreviation: "Rep. Earl
            // Blumenauer (D-Ore.) said")
            // "“…,” while police said they were investigating": a subordinate clause with
            // its own speaker and statement follows the quote
            let subordinate = between.iter().any(|t| {
                (coordinator(&t.lower) || subordinator(&t.lower))
                    && !matches!(t.lower.as_str(), "and" | "but" | "after" | "before")
            });
            let blocked = joined
                || subordinate
                || between.iter().enumerate().any(|(i, t)| {
                    t.kind == Kind::Open
                        || t.in_quote.is_some()
                        || matches!(t.lower.as_str(), "!" | "?" | ";" | ":")
                        || t.lower == "." && between.get(i + 1).is_none_or(|n| n.lower != ")")
                });
            // "“… done.” He said the plan …": a quote that ended its sentence takes only a
            // trailing cue ("“… done.” he said."), not the next sentence's indirect speech
            // ("“… great!” McDonough wrote in an email": a ? or ! with the speaker right
            // after it is no sentence end for this)
            let ended = q.close_tok > 0
                && match toks[q.close_tok - 1].lower.as_str() {
                    "." => true,
                    "!" | "?" => words > 3,
                    _ => false,
                };
            let cue_sent = &scan.sents[toks[k].sent];
            let words_after = toks[k + 1..cue_sent.last]
                .iter()
                .filter(|t| t.is_word())
                .count();
            let trailing =
                words_after <= 6 || toks.get(k + 1).is_some_and(|t| t.kind == Kind::Open);
            // "“…,” William M. Daley, President Obama's former chief of staff, said": a
            // name and its appositive between commas may run longer
            let appositive = words <= 14
                && k >= 1
                && toks[k - 1].lower == ","
                && between.iter().find(|t| t.is_word()).is_some_and(|t| {
                    t.cap && (!lexicon::is_not_name(&t.lower) || lexicon::is_title(&t.lower))
                })
                && between[..between.len() - 1]
                    .iter()
                    .skip_while(|t| !t.is_word())
                    .any(|t| t.lower == ",");
            if (words <= 6 || appositive)
                && !blocked
                && !is_title_quote(toks, q)
                && toks[k].para == toks[q.close_tok].para
                && (!ended || trailing || toks[k].sent == toks[q.close_tok].sent)
            {
                found = Some(ci);
            }
            break;
        }
        if let Some(ci) = found {
            let (k, e) = cues[ci];
            cue_used[ci] = true;
            let sp = or_fallback(&ctx, speaker_between(&ctx, q.close_tok, k, e), k);
            quote_done[qi] = true;
            quote_stmt[qi] = Some(stmts.len());
            stmts.push(Stmt {
                start: q.start,
                end: q.end,
                direct: true,
                cue: Some((toks[k].start, toks[e].end)),
                speaker: sp,
                cue_tok: Some(k),
            });
        }
    }

    // (2) other cues: indirect speech (which may contain quotes)
    for (ci, &(k, e)) in cues.iter().enumerate() {
        if cue_used[ci] {
            continue;
        }
        let sent = &scan.sents[toks[k].sent];
        let mut sp = speaker_for(&ctx, k, e);
        let (mut a, mut b) = (e + 1, sent.last);
        let sent_end = b;
        // a cue with no speaker of its own inside the content of an earlier statement is
        // part of that content ("said he wants to contest …")
        // and so is a cue that only the learned model takes ("a difficult pledge to keep",
        // "talking at length"), speaker or not: the rules' verb is the attribution there
        if (!sp.found || !rule_cue[ci])
            && stmts
                .iter()
                .any(|st| st.start <= toks[k].start && toks[k].end <= st.end)
        {
            continue;
        }
        // the content stops where the next cue's clause starts: at its own subject
        if let Some((c2, &(k2, e2))) = cues
            .iter()
            .enumerate()
            .skip(ci + 1)
            .find(|&(_, &(k2, _))| toks[k2].sent == toks[k].sent)
            && k2 < b
        {
            let sp2 = speaker_for(&ctx, k2, e2);
            // "X said A and argued B" / "X, who said A, said B": the content stops at the
            // conjunction or comma right before the next verb
            let mut p = k2;
            while p > a && toks[p - 1].kind == Kind::Word && is_filler(&toks[p - 1]) {
                p -= 1;
            }
            if p > a + 1 && matches!(toks[p - 1].lower.as_str(), "and" | "but" | ",") {
                let mut stop = p - 1;
                if stop > a && toks[stop - 1].lower == "," {
                    stop -= 1;
                }
                b = stop.max(a);
            } else if sp2.found
                && sp2.start < toks[k2].start
                && sp2.start > toks[e].end
                // only a rule cue starts a clause of its own here; a learned one ("a
                // difficult pledge to keep") is nested in this content
                && rule_cue[c2]
            {
                let mut stop = toks.partition_point(|t| t.start < sp2.start);
                // "…, and aides said", "…, while police said": a coordinating conjunction
                // ends this content and is no part of it; a subordinate clause ("… hours
                // after Trump proposed …", "…, where officials reported …") is nested in it
                let mut opened = false;
                if stop > a && coordinator(&toks[stop - 1].lower) {
                    stop -= 1;
                    opened = true;
                }
                // "said Wednesday he agrees with …": a clause that follows the cue
                // directly, without a comma or conjunction, is nested in this content
                let nested = !opened && stop > a && toks[stop - 1].kind == Kind::Word
                    || stop > a && subordinator(&toks[stop - 1].lower);
                if nested {
                    // keep the whole clause
                } else
                // ", saying …" belongs to the same speaker: keep it inside
                if !participle_after_comma(toks, k2) {
                    b = stop.max(a);
                }
            }
        }
        // the words after the cue are just the speaker: a trailing cue (", X said.")
        let after_words: Vec<&Tok> = toks[a..b].iter().filter(|t| t.is_word()).collect();
        let speaker_after = sp.found && sp.start >= toks[e].end;
        let speaker_only = after_words.len() <= 5
            && (speaker_after
                || !toks[b..sent_end].iter().any(|t| t.is_word())
                    && after_words.iter().all(|t| {
                        matches!(
                            t.lower.as_str(),
                            "on" | "in"
                                | "at"
                                | "last"
                                | "this"
                                | "week"
                                | "month"
                                | "year"
                                | "today"
                                | "yesterday"
                                | "monday"
                                | "tuesday"
                                | "wednesday"
                                | "thursday"
                                | "friday"
                                | "saturday"
                                | "sunday"
                                | "interview"
                                | "a"
                                | "an"
                                | "the"
                                | "statement"
                                | "recently"
                                | "earlier"
                                | "later"
                        )
                    }));
        // "…, a relative told The Wall Street Journal." / "…, Carson said on Facebook": a
        // clause before the subject, and only a recipient, place or time after the cue
        let clause_before = !speaker_only && clause_before_subject(&ctx, k, a, sent_end, &sp);
        // "This proposal was rejected by 64 percent of the electorate": the subject of a
        // passive cue with an agent is what was said or judged
        let passive_subject = passive_subject_end(&ctx, k, e);
        if passive_subject.is_some() {
            sp = by_agent(&ctx, e);
        }
        // "…, said Democratic strategist Hank Sheinkopf.": the clause before the comma, and
        // the noun phrase after the cue speaks
        let inverted = if passive_subject.is_none() && !clause_before && !speaker_only {
            inverted_speaker(&ctx, k, e, sent_end)
        } else {
            None
        };
        let range;
        if let Some((np, aux)) = passive_subject {
            range = content_range(&ctx, np, aux);
        } else if let Some((start, speaker)) = inverted {
            sp = speaker;
            range = content_range(&ctx, start, k - 1);
        } else if toks[k].lower == "according" {
            // "According to X, …" or "…, according to X."
            let before = content_range(&ctx, sent.first, k);
            let x_end = if sp.found {
                toks.partition_point(|t| t.start < sp.end)
            } else {
                e + 1
            };
            let mut after = x_end;
            while after < sent.last && toks[after].lower != "," {
                after += 1;
            }
            range = before.or_else(|| content_range(&ctx, after, sent.last));
        } else if speaker_only || clause_before || a >= b {
            // content before: from the sentence start (or the previous quote) to the subject
            let subj_tok = if sp.found && sp.start < toks[k].start {
                toks.partition_point(|t| t.start < sp.start)
            } else {
                k
            };
            range = content_range(&ctx, sent.first, subj_tok.min(k));
        } else {
            // "said on Monday that …", "told reporters that …": the content starts after "that"
            if let Some(i) = (a..(a + 6).min(b)).find(|&i| toks[i].lower == "that")
                && toks[a..i]
                    .iter()
                    .all(|t| t.kind == Kind::Word && t.lower != "to")
            {
                a = i + 1;
            }
            // "told the Associated Press “…”", "said in a statement, “…”": a recipient or
            // occasion before a quote of its own (after a comma, or opening with a capital
            // after a form of "tell") that ends the content; the quote is what was said. Not a partial quote that
            // goes on a clause ("said his own pen “has got an eraser”") or a description
            // ("called the plan “a disaster”", "described it as “…”").
            if let Some(q) = scan
                .quotes
                .iter()
                .find(|q| q.open_tok >= a && q.open_tok < b && q.open_tok <= a + 10)
                && q.close_tok < b
                && (q.open_tok > a && toks[q.open_tok - 1].lower == ","
                    || lexicon::cue_lemma(&toks[k].lower).is_some_and(|(l, _)| l == "tell")
                        && toks.get(q.open_tok + 1).is_some_and(|t| t.cap))
                && !is_title_quote(toks, q)
                && !toks[a].lower.ends_with("ing")
                && !toks[a].lower.ends_with("ed")
                && !toks[a..q.open_tok]
                    .iter()
                    .any(|t| lexicon::cue_lemma(&t.lower).is_some())
                && toks[a..q.open_tok].iter().all(|t| {
                    t.lower == ","
                        || t.kind == Kind::Word
                            && (matches!(t.lower.as_str(), "me" | "us" | "him" | "them")
                                || !opens_content(t)
                                    && !matches!(
                                        t.lower.as_str(),
                                        "as" | "for" | "about" | "by" | "of"
                                    ))
                })
                && toks[a..q.open_tok].iter().filter(|t| t.is_word()).count() <= 6
                && !toks[q.close_tok + 1..b].iter().any(|t| t.is_word())
            {
                a = q.open_tok;
            }
            // a speaker after the cue ("said Trump, adding …") is not content
            if speaker_after {
                let sp_end_tok = toks.partition_point(|t| t.start < sp.end);
                a = a.max(sp_end_tok);
            }
            range = content_range(&ctx, a, b);
            // "The Kremlin, he stated, does not …": the words before the subject belong to it
        }
        let Some((s, en)) = range else { continue };
        // "X said:" closing a sentence before a quote: the quote is the content (step 3)
        if sent.last < n
            && toks[sent.last].kind == Kind::Open
            && toks[sent.last - 1].lower == ":"
            && k < sent.last
        {
            continue;
        }
        cue_used[ci] = true;
        // absorb the quotes inside
        let mut direct = false;
        let (mut s, mut en) = (s, en);
        for (qi, q) in scan.quotes.iter().enumerate() {
            if quote_done[qi] {
                continue;
            }
            if q.open >= s && q.close <= en + 3 || (q.start >= s && q.start < en) {
                quote_done[qi] = true;
                quote_stmt[qi] = Some(stmts.len());
                // the statement is one quote: report it as direct, without the marks
                if q.open <= s && q.close >= en {
                    direct = true;
                    s = q.start;
                    en = q.end;
                } else if q.close > en && q.start < en {
                    en = q.end.max(en);
                }
            }
        }
        let sp = or_fallback(&ctx, sp, k);
        stmts.push(Stmt {
            start: s,
            end: en,
            direct,
            cue: Some((toks[k].start, toks[e].end)),
            speaker: sp,
            cue_tok: Some(k),
        });
    }

    // (2b) "Graham: Trump's rhetoric is destroying the party." headlines and "NAME: …"
    // transcript lines: a short name at the start of a paragraph, a colon, a statement
    colon_lines(&ctx, &mut stmts, &mut quote_done, &mut quote_stmt);

    // (2c) "In an NBC News/Wall Street Journal poll released Monday, 50 percent chose …",
    // "Clinton stays well ahead of Sanders in the latest poll.": a poll or survey reports
    poll_statements(&ctx, &mut stmts);

    // (3) quotes left over
    for (qi, q) in scan.quotes.iter().enumerate() {
        if quote_done[qi] {
            continue;
        }
        let sent = toks[q.open_tok].sent;
        // "Cruz continued:\n\n“You look at …”": a colon before the quote, with a cue
        // in its sentence
        if q.open_tok > 0 && toks[q.open_tok - 1].lower == ":" {
            let colon = q.open_tok - 1;
            let csent = toks[colon].sent;
            let cue = cues
                .iter()
                .rev()
                .find(|&&(k, _)| k < colon && toks[k].sent == csent)
                .copied();
            if let Some((k, e)) = cue {
                let sp = speaker_for(&ctx, k, e);
                quote_stmt[qi] = Some(stmts.len());
                stmts.push(Stmt {
                    start: q.start,
                    end: q.end,
                    direct: true,
                    cue: Some((toks[k].start, toks[e].end)),
                    speaker: sp,
                    cue_tok: Some(k),
                });
                continue;
            }
            // "Trump: …" headlines and "X:" lead-ins: the name before the colon speaks
            if let Some(ci) = ctx.cand_ending[colon.saturating_sub(1)]
                && colon > 0
            {
                quote_stmt[qi] = Some(stmts.len());
                stmts.push(Stmt {
                    start: q.start,
                    end: q.end,
                    direct: true,
                    cue: Some((toks[colon].start, toks[colon].end)),
                    speaker: cand_speaker(&ctx.cands[ci]),
                    cue_tok: Some(colon),
                });
                continue;
            }
        }
        // a continuation (new paragraph reopening, or the next quote of the same speaker)
        let prev = (0..qi).rev().find_map(|p| quote_stmt[p].map(|s| (p, s)));
        let inherit = prev.and_then(|(p, si)| {
            let pq = &scan.quotes[p];
            let same_or_next_para = toks[q.open_tok].para <= toks[pq.close_tok].para + 1;
            let starts_sentence = scan.sents[sent].first == q.open_tok;
            let same_sentence = toks[pq.close_tok].sent == sent;
            let after_cue = stmts[si].cue_tok.is_some_and(|c| {
                c < q.open_tok && c > pq.close_tok && toks[c].para == toks[q.open_tok].para
            });
            if q.continues
                || same_sentence
                || after_cue
                || (same_or_next_para
                    && starts_sentence
                    && toks[pq.open_tok].para + 1 >= toks[q.open_tok].para)
            {
                Some(si)
            } else {
                None
            }
        });
        if let Some(si) = inherit {
            let base = stmts[si].clone();
            quote_stmt[qi] = Some(stmts.len());
            stmts.push(Stmt {
                start: q.start,
                end: q.end,
                direct: true,
                ..base
            });
            continue;
        }
        if q.words < 4 {
            continue;
        }
        // unattributed direct quote; inside a sentence ("He anticipated that the challenge
        // would be “…”", "Here's Clinton in December 1992: “…”") it is the sentence's subject's
        let speaker = if q.open_tok > scan.sents[sent].first {
            let sp = fallback_speaker(&ctx, q.open_tok);
            let at = toks.partition_point(|t| t.start < sp.start);
            // a pronoun is left unresolved here: with no cue, nothing ties the quote to
            // the person it would resolve to ("A worker rises to speak. He begins his speech
            // with these words: “…”" is not the last named person's quote)
            if sp.found
                && toks
                    .get(at)
                    .is_some_and(|t| lexicon::pronoun(&t.lower).is_some())
            {
                Speaker::default()
            } else {
                sp
            }
        } else {
            Speaker::default()
        };
        quote_stmt[qi] = Some(stmts.len());
        stmts.push(Stmt {
            start: q.start,
            end: q.end,
            direct: true,
            cue: None,
            speaker,
            cue_tok: None,
        });
    }

    // (4) a cue of indirect speech inside another statement's content is part of that
    // content, not a statement of its own, when only the learned model takes it ("Trump
    // says he feels confident …"), or when that statement's cue comes after it ("Obama
    // mentioned the shootings when he announced the steps, Rubio says"): the whole clause is
    // what the later cue's speaker said. But a quote with its own cue is no part of a later
    // cue's content ("“…,” said Dan Golvach when asked about …"): that content is dropped,
    // unless it is a source's ("according to").
    let inner: Vec<(usize, usize, Option<usize>, bool)> = stmts
        .iter()
        .map(|s| (s.start, s.end, s.cue_tok, s.direct))
        .collect();
    let holds = |s: &Stmt, k: usize| {
        let (cs, ce) = (toks[k].start, toks[k].end);
        s.start <= cs && ce <= s.end
    };
    stmts.retain(|s| {
        let Some(k) = s.cue_tok else { return true };
        if s.direct {
            return true;
        }
        let learned = cues
            .binary_search_by_key(&k, |&(c, _)| c)
            .is_ok_and(|ci| !rule_cue[ci]);
        let nested = inner.iter().any(|&(a, b, oc, _)| {
            (a, b) != (s.start, s.end)
                && a <= toks[k].start
                && toks[k].end <= b
                && (learned || oc > Some(k))
        });
        // ("“…,” Sanders said, according to CNN" is the report's attribution of all of it)
        let holds_quote = toks[k].lower != "according"
            && inner.iter().any(|&(a, b, oc, direct)| {
                direct && s.start <= a && b <= s.end && oc.is_some_and(|c| c < k && holds(s, c))
            });
        !nested && !holds_quote
    });
    stmts.sort_by_key(|s| (s.start, s.end));
    stmts.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    stmts
        .into_iter()
        .filter(|s| {
            s.end > s.start && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        })
        .map(|mut s| {
            s.speaker = refine_head(&ctx, s.speaker, s.cue_tok);
            let speaker_span = text.get(s.speaker.start..s.speaker.end);
            let (speaker_text, speaker_start, speaker_end) =
                if let (true, Some(span)) = (s.speaker.found, speaker_span) {
                    (
                        Some(span.to_string()),
                        Some(s.speaker.start),
                        Some(s.speaker.end),
                    )
                } else {
                    (None, None, None)
                };
            Quote {
                article: article.id.clone(),
                speaker: s.speaker.name.clone(),
                speaker_text,
                speaker_start,
                speaker_end,
                cue: s.cue.map(|(a, b)| text[a..b].to_string()),
                cue_start: s.cue.map(|c| c.0),
                cue_end: s.cue.map(|c| c.1),
                text: text[s.start..s.end].to_string(),
                start: s.start,
                end: s.end,
                direct: s.direct,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, cue) of the statements found in `text` with `model`.
    fn statements(text: &str, model: &str) -> Vec<(String, Option<String>)> {
        let scan = super::super::scan::scan(text);
        let model = CueModel::parse(model);
        attribute_with(&Article::new("t", "", text), &scan, &[], &model)
            .into_iter()
            .map(|q| (q.text, q.cue))
            .collect()
    }

    /// A label opening its line ("Editor's note: …", after a paragraph or a single line
    /// break) is no cue, even for a model that takes the word; in a sentence it still is.
    #[test]
    fn a_label_opening_a_line_is_no_cue() {
        let note = "b\t-1.0\nw=note\t10.0\n";
        let text = "The council met on Monday.\nEditor's note: The vote was moved to Friday.\n\n\
                    Note: The council meets again in May.\n\n\
                    Observers note that the vote was close.";
        let found = statements(text, note);
        assert_eq!(
            found,
            [("the vote was close".to_string(), Some("note".to_string()))]
        );
    }

    /// A rule cue inside a clause that a later cue attributes is part of that clause ("The
    /// senator announced …, her aides said": one statement, the aides').
    #[test]
    fn a_cue_inside_a_clause_attributed_after_it_is_part_of_it() {
        assert_eq!(
            statements(
                "The senator announced the plan at a rally last week, two of her aides said.",
                "b\t-1.0\n"
            ),
            [(
                "The senator announced the plan at a rally last week".to_string(),
                Some("said".to_string())
            )]
        );
    }

    /// A cue only the learned model takes, inside the content of a rule cue's statement, is
    /// part of that content, not a statement of its own (a model that takes "pledge").
    #[test]
    fn a_learned_cue_inside_a_statement_is_part_of_it() {
        let pledge = "b\t-1.0\nw=pledge\t10.0\n";
        assert_eq!(
            statements(
                "But some experts said it could be a difficult pledge to keep.",
                pledge
            ),
            [(
                "it could be a difficult pledge to keep".to_string(),
                Some("said".to_string())
            )]
        );
        // nor does a learned cue with a subject of its own cut the rule's content short
        assert_eq!(
            statements(
                "Aides said the council raised concern about the cost.",
                "b\t-1.0\nw=raised\t10.0\nw=concern\t10.0\n"
            ),
            [(
                "the council raised concern about the cost".to_string(),
                Some("said".to_string())
            )]
        );
        // nor when the statement holding it comes later in the sentence
        assert_eq!(
            statements(
                "Voters raised concern about the cost, two of her aides said.",
                "b\t-1.0\nw=raised\t10.0\nw=concern\t10.0\n"
            ),
            [(
                "Voters raised concern about the cost".to_string(),
                Some("said".to_string())
            )]
        );
        // the same model does take "pledge" where no statement holds it
        let found = statements("The governor made a pledge to cut taxes.", pledge);
        assert!(
            found.iter().any(|q| q.1.as_deref() == Some("pledge")),
            "{found:#?}"
        );
    }
}
