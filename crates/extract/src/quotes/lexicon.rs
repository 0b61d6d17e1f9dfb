//! Word lists for quote attribution: speech and thought verbs (every inflected form),
//! words that may sit between a speaker and its verb, pronouns and descriptions that can
//! stand for a speaker.
//!
//! To add a cue verb, add its lemma to [`CUE_LEMMAS`] (regular inflection) or its forms to
//! [`IRREGULAR`]. Verbs that usually introduce reported content but also have common
//! non-speech readings (`call`, `show`) go to [`WEAK_LEMMAS`]: they count as cues only when
//! a speaker-like subject or a `that`-clause is next to them.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Verbs that report speech, writing or a stance, by lemma.
pub(crate) const CUE_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "claim",
    "argue",
    "note",
    "explain",
    "write",
    "ask",
    "announce",
    "declare",
    "insist",
    "warn",
    "report",
    "suggest",
    "acknowledge",
    "admit",
    "contend",
    "maintain",
    "tweet",
    "reply",
    "respond",
    "recall",
    "predict",
    "conclude",
    "describe",
    "deny",
    "testify",
    "confirm",
    "reveal",
    "promise",
    "vow",
    "assert",
    "emphasize",
    "emphasise",
    "stress",
    "observe",
    "caution",
    "joke",
    "quip",
    "boast",
    "concede",
    "allege",
    "urge",
    "complain",
    "pledge",
    "threaten",
    "retort",
    "remark",
    "counter",
    "reiterate",
    "repeat",
    "accuse",
    "criticize",
    "criticise",
    "praise",
    "blast",
    "denounce",
    "dismiss",
    "defend",
    "cite",
    "lament",
    "muse",
    "scoff",
    "exclaim",
    "shout",
    "whisper",
    "mutter",
    "yell",
    "post",
    "comment",
    "indicate",
    "mention",
    "question",
    "reject",
    "hint",
    "signal",
    "acknowledge",
    "estimate",
    "forecast",
    "proclaim",
    "attest",
    "affirm",
    "inform",
    "assure",
    "remind",
    "advise",
    "demand",
    "propose",
    "recommend",
    "speculate",
    "theorize",
    "surmise",
    "opine",
    "concur",
    "agree",
    "disagree",
    "fret",
    "worry",
    "brag",
    "gush",
    "rail",
    "lash",
    "slam",
    "chide",
    "mock",
    "decry",
    "bemoan",
    "scold",
    "rebuke",
    "condemn",
    "applaud",
    "hail",
    "tout",
    "label",
    "brand",
    "dub",
    "characterize",
    "characterise",
    "portray",
    "identify",
    "highlight",
    "point",
    "underscore",
    "acknowledge",
    "divulge",
    "disclose",
    "relay",
    "recount",
    "quote",
    "continue",
    "elaborate",
    "clarify",
    "contest",
    "dispute",
    "testify",
    "broadcast",
    "campaign",
    "rant",
    "lecture",
    "preach",
    "plead",
    "beg",
    "implore",
    "chant",
];

/// Cue verbs with common readings that are not speech: cues only with a clear speaker
/// subject next to them or a following `that`.
pub(crate) const WEAK_LEMMAS: &[&str] = &[
    "call",
    "show",
    "find",
    "believe",
    "think",
    "feel",
    "hope",
    "expect",
    "fear",
    "know",
    "want",
    "see",
    "consider",
    "plan",
    "seek",
    "decline",
    "refuse",
    "support",
    "oppose",
    "endorse",
    "back",
    "blame",
    "accept",
    "conclude",
    "understand",
    "doubt",
    "suspect",
    "assume",
    "guess",
    "imagine",
    "recognize",
    "recognise",
    "realize",
    "realise",
    "learn",
    "wonder",
    "agree",
    "hear",
    "read",
    "seem",
    "appear",
    "prefer",
    "discuss",
    "attack",
    "express",
    "refer",
];

/// Irregular forms: (form, lemma).
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("saying", "say"),
    ("told", "tell"),
    ("telling", "tell"),
    ("tells", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("writing", "write"),
    ("writes", "write"),
    ("thought", "think"),
    ("found", "find"),
    ("shown", "show"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("felt", "feel"),
    ("sought", "seek"),
    ("understood", "understand"),
    ("heard", "hear"),
    ("read", "read"),
    ("reads", "read"),
    ("reading", "read"),
    ("broadcast", "broadcast"),
    ("forecast", "forecast"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("speaks", "speak"),
    ("admitted", "admit"),
    ("admitting", "admit"),
    ("quipped", "quip"),
    ("quipping", "quip"),
    ("regretted", "regret"),
    ("planned", "plan"),
    ("planning", "plan"),
    ("dubbed", "dub"),
    ("dubbing", "dub"),
    ("labelled", "label"),
    ("labelling", "label"),
    ("bragged", "brag"),
    ("bragging", "brag"),
    ("slammed", "slam"),
    ("slamming", "slam"),
    ("referred", "refer"),
    ("referring", "refer"),
    ("begged", "beg"),
    ("begging", "beg"),
];

/// Lemma of `word` (lower case) if it is an inflected form of a known cue verb, with a flag
/// telling whether it is a weak cue.
pub(crate) fn cue_lemma(word: &str) -> Option<(&'static str, bool)> {
    static TABLE: OnceLock<HashMap<String, (&'static str, bool)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for (lemmas, weak) in [(WEAK_LEMMAS, true), (CUE_LEMMAS, false)] {
            for &lemma in lemmas {
                for form in inflect(lemma) {
                    m.insert(form, (lemma, weak));
                }
            }
        }
        for &(form, lemma) in IRREGULAR {
            let weak = WEAK_LEMMAS.contains(&lemma) && !CUE_LEMMAS.contains(&lemma);
            if CUE_LEMMAS.contains(&lemma) || WEAK_LEMMAS.contains(&lemma) || lemma == "speak" {
                m.insert(form.to_string(), (lemma_static(lemma), weak));
            }
        }
        m
    });
    table.get(word).copied()
}

fn lemma_static(lemma: &str) -> &'static str {
    CUE_LEMMAS
        .iter()
        .chain(WEAK_LEMMAS)
        .find(|l| **l == lemma)
        .copied()
        .unwrap_or("speak")
}

/// Regular inflections of a lemma: base, -s, -ed, -ing.
fn inflect(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let bytes = lemma.as_bytes();
    let last = bytes.last().copied().unwrap_or(b' ');
    let before = if bytes.len() >= 2 {
        bytes[bytes.len() - 2]
    } else {
        b' '
    };
    let vowel = |c: u8| b"aeiou".contains(&c);
    // -s
    if lemma.ends_with("sh") || lemma.ends_with("ch") || matches!(last, b's' | b'x' | b'z') {
        out.push(format!("{lemma}es"));
    } else if last == b'y' && !vowel(before) {
        out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    // -ed / -ing
    if last == b'e' {
        out.push(format!("{lemma}d"));
        if lemma.ends_with("ee") {
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{}ing", &lemma[..lemma.len() - 1]));
        }
    } else if last == b'y' && !vowel(before) {
        out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

/// Words that may stand between a subject and its cue verb (`Lavrov also said`, `she has
/// repeatedly argued`).
pub(crate) fn is_verb_filler(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "recently"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "once"
            | "again"
            | "further"
            | "often"
            | "frequently"
            | "reportedly"
            | "allegedly"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "is"
            | "was"
            | "are"
            | "were"
            | "been"
            | "be"
            | "being"
            | "had've"
            | "just"
            | "already"
            | "still"
            | "even"
            | "first"
            | "initially"
            | "ultimately"
            | "finally"
            | "earlier"
            | "openly"
            | "flatly"
            | "angrily"
            | "bluntly"
            | "simply"
            | "famously"
            | "correctly"
            | "rightly"
            | "wrongly"
            | "falsely"
            | "quickly"
            | "immediately"
            | "subsequently"
            | "herself"
            | "himself"
            | "themselves"
            | "itself"
            | "loudly"
            | "quietly"
            | "directly"
            | "explicitly"
            | "specifically"
            | "tersely"
            | "emphatically"
            | "strongly"
            | "clearly"
            | "who"
            | "which"
            | "that"
            | "n't"
            | "seemingly"
            | "apparently"
            | "twice"
            | "both"
            | "each"
            | "jointly"
            | "together"
            | "separately"
            | "long"
    )
}

/// A person's grammatical gender, where a title, a pronoun or a given name says it. Used only
/// to keep a pronoun from resolving to a person it cannot refer to ("she" to Donald Trump).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// The gender a (lower-case) pronoun refers to.
pub(crate) fn pronoun_gender(w: &str) -> Option<Gender> {
    match w {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a (lower-case) title gives the name after it.
pub(crate) fn title_gender(w: &str) -> Option<Gender> {
    match w {
        "mr" | "mr." | "sir" | "lord" | "king" | "prince" | "father" | "brother" => {
            Some(Gender::Male)
        }
        "mrs" | "mrs." | "ms" | "ms." | "miss" | "madam" | "lady" | "dame" | "queen"
        | "princess" | "sister" | "congresswoman" | "spokeswoman" | "chairwoman" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// The gender of a common English given name (lower case). Names given to both (Chris, Pat,
/// Jordan, Kelly, Leslie, Lindsey, Taylor …) are left out, so they say nothing.
pub(crate) fn given_name_gender(w: &str) -> Option<Gender> {
    if MALE_NAMES.binary_search(&w).is_ok() {
        Some(Gender::Male)
    } else if FEMALE_NAMES.binary_search(&w).is_ok() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Given names (lower case, sorted) of men; see [`given_name_gender`].
const MALE_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "al",
    "alan",
    "albert",
    "alexander",
    "andrew",
    "anthony",
    "arthur",
    "barack",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "brandon",
    "brian",
    "bruce",
    "bryan",
    "carl",
    "charles",
    "christopher",
    "dan",
    "daniel",
    "dave",
    "david",
    "dennis",
    "dick",
    "donald",
    "douglas",
    "dylan",
    "ed",
    "edward",
    "emmanuel",
    "eric",
    "ethan",
    "eugene",
    "francis",
    "francois",
    "frank",
    "fred",
    "gary",
    "george",
    "gerald",
    "gregory",
    "harold",
    "harry",
    "henry",
    "howard",
    "jack",
    "jacob",
    "james",
    "jason",
    "jeb",
    "jeff",
    "jeffrey",
    "jeremy",
    "jerry",
    "jim",
    "joe",
    "john",
    "jon",
    "jonathan",
    "jose",
    "joseph",
    "joshua",
    "juan",
    "justin",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "larry",
    "lawrence",
    "louis",
    "luis",
    "marco",
    "mark",
    "martin",
    "matthew",
    "michael",
    "mike",
    "mitch",
    "mitt",
    "nathan",
    "newt",
    "nicholas",
    "nick",
    "noah",
    "patrick",
    "paul",
    "peter",
    "philip",
    "ralph",
    "rand",
    "raymond",
    "reince",
    "richard",
    "rick",
    "robert",
    "roger",
    "ron",
    "ronald",
    "roy",
    "rudy",
    "russell",
    "samuel",
    "scott",
    "sean",
    "stephen",
    "steve",
    "steven",
    "ted",
    "thomas",
    "tim",
    "timothy",
    "tom",
    "tony",
    "vincent",
    "vladimir",
    "walter",
    "wayne",
    "william",
    "willie",
];

/// Given names (lower case, sorted) of women; see [`given_name_gender`].
const FEMALE_NAMES: &[&str] = &[
    "alice",
    "amanda",
    "amy",
    "andrea",
    "angela",
    "ann",
    "anna",
    "anne",
    "ashley",
    "barbara",
    "betty",
    "beverly",
    "brenda",
    "carly",
    "carol",
    "carolyn",
    "catherine",
    "chelsea",
    "cheryl",
    "christina",
    "christine",
    "cynthia",
    "debbie",
    "deborah",
    "debra",
    "denise",
    "diana",
    "diane",
    "donna",
    "doris",
    "dorothy",
    "elizabeth",
    "emily",
    "emma",
    "evelyn",
    "frances",
    "gloria",
    "grace",
    "hannah",
    "heather",
    "helen",
    "hillary",
    "huma",
    "ivanka",
    "jacqueline",
    "janet",
    "janice",
    "jennifer",
    "jessica",
    "joan",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "karen",
    "katherine",
    "kathleen",
    "kathryn",
    "kellyanne",
    "kimberly",
    "laura",
    "lauren",
    "linda",
    "lisa",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "martha",
    "mary",
    "megan",
    "melania",
    "melissa",
    "michelle",
    "nancy",
    "natalie",
    "nicole",
    "nikki",
    "olivia",
    "pamela",
    "patricia",
    "rachel",
    "rebecca",
    "rose",
    "ruth",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "sharon",
    "shirley",
    "sophia",
    "stephanie",
    "susan",
    "teresa",
    "theresa",
    "victoria",
    "virginia",
];

/// Personal pronouns that can be a speaker mention, and the actor type they refer to
/// (`Some(true)` person, `Some(false)` organisation or group, `None` unresolvable).
pub(crate) fn pronoun(w: &str) -> Option<Option<bool>> {
    match w {
        "he" | "she" => Some(Some(true)),
        "they" | "it" => Some(Some(false)),
        "i" | "we" | "you" | "who" => Some(None),
        _ => None,
    }
}

/// Descriptions that stand for a person or an organisation (`the spokesman`, `officials`).
/// Returns `Some(true)` for a person, `Some(false)` for an organisation or group.
pub(crate) fn description(w: &str) -> Option<bool> {
    const PERSON: &[&str] = &[
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "minister",
        "president",
        "senator",
        "governor",
        "candidate",
        "nominee",
        "secretary",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "adviser",
        "advisor",
        "aide",
        "congressman",
        "congresswoman",
        "lawmaker",
        "representative",
        "mayor",
        "ambassador",
        "general",
        "commander",
        "chief",
        "manager",
        "strategist",
        "analyst",
        "expert",
        "economist",
        "professor",
        "author",
        "writer",
        "reporter",
        "columnist",
        "journalist",
        "source",
        "businessman",
        "billionaire",
        "mogul",
        "justice",
        "judge",
        "prosecutor",
        "attorney",
        "lawyer",
        "king",
        "queen",
        "pope",
        "premier",
        "chancellor",
        "diplomat",
        "envoy",
        "veteran",
        "activist",
        "founder",
        "ceo",
        "executive",
        "woman",
        "man",
        "voter",
        "supporter",
        "critic",
        "pollster",
        "democrat",
        "republican",
        "speaker",
        "host",
        "father",
        "mother",
        "wife",
        "husband",
        "son",
        "daughter",
        "friend",
        "witness",
        "officer",
        "researcher",
        "scientist",
        "historian",
        "observer",
        "insider",
        "operative",
        "surrogate",
        "rival",
        "opponent",
        "challenger",
        "incumbent",
        "frontrunner",
        "front-runner",
        "billionaire",
        "businesswoman",
        "student",
        "resident",
    ];
    const GROUP: &[&str] = &[
        "officials",
        "sources",
        "analysts",
        "experts",
        "critics",
        "supporters",
        "lawmakers",
        "aides",
        "advisers",
        "advisors",
        "democrats",
        "republicans",
        "voters",
        "people",
        "campaign",
        "government",
        "administration",
        "ministry",
        "department",
        "agency",
        "committee",
        "company",
        "group",
        "party",
        "organization",
        "organisation",
        "newspaper",
        "report",
        "poll",
        "polls",
        "survey",
        "study",
        "statement",
        "data",
        "documents",
        "document",
        "court",
        "council",
        "commission",
        "spokesmen",
        "leaders",
        "observers",
        "economists",
        "strategists",
        "pollsters",
        "insiders",
        "activists",
        "protesters",
        "residents",
        "members",
        "associates",
        "researchers",
        "scientists",
        "diplomats",
        "prosecutors",
        "lawyers",
        "investigators",
        "authorities",
        "police",
        "military",
        "army",
        "pentagon",
        "kremlin",
        "embassy",
        "white",
        "house",
        "senate",
        "congress",
        "foundation",
        "institute",
        "think",
        "tank",
        "union",
        "alliance",
        "coalition",
        "network",
        "website",
        "paper",
        "magazine",
        "outlet",
        "article",
        "letter",
        "memo",
        "email",
        "emails",
        "ad",
        "advertisement",
        "video",
        "book",
        "figures",
        "numbers",
        "results",
        "polling",
        "research",
        "records",
        "filing",
        "filings",
        "lawsuit",
        "complaint",
        "indictment",
        "analysis",
        "estimates",
        "estimate",
        "projections",
        "others",
        "many",
        "some",
        "both",
        "most",
        "few",
        "everyone",
        "nobody",
        "critics",
        "opponents",
        "allies",
        "rivals",
        "candidates",
        "officers",
        "staff",
        "staffers",
        "team",
        "spokespeople",
    ];
    static TABLE: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        // a word in both lists is a person (the first list wins)
        for (words, person) in [(GROUP, false), (PERSON, true)] {
            for &w in words {
                m.insert(w, person);
            }
        }
        m
    });
    table.get(w).copied()
}

/// Personal pronouns and possessive determiners (`he`, `their`): never a name, never a cue,
/// never the end of a noun phrase.
pub(crate) fn is_personal(w: &str) -> bool {
    matches!(
        w,
        "it" | "he" | "she" | "they" | "we" | "i" | "you" | "his" | "her" | "their" | "its" | "our"
    )
}

/// Capitalised words that start sentences or name no actor.
pub(crate) fn is_not_name(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "but"
            | "and"
            | "or"
            | "if"
            | "when"
            | "while"
            | "as"
            | "after"
            | "before"
            | "since"
            | "despite"
            | "however"
            | "speaking"
            | "having"
            | "throughout"
            | "shortly"
            | "notwithstanding"
            | "adding"
            | "according"
            | "last"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "here"
            | "my"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "for"
            | "with"
            | "from"
            | "to"
            | "of"
            | "by"
            | "so"
            | "yet"
            | "still"
            | "meanwhile"
            | "now"
            | "then"
            | "also"
            | "what"
            | "who"
            | "why"
            | "how"
            | "where"
            | "which"
            | "some"
            | "many"
            | "most"
            | "all"
            | "no"
            | "not"
            | "one"
            | "two"
            | "three"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "editor's"
            | "note"
            | "read"
            | "more"
            | "asked"
            | "even"
            | "because"
            | "although"
            | "though"
            | "yes"
            | "well"
            | "instead"
            | "unlike"
            | "like"
            | "under"
            | "over"
            | "during"
            | "about"
            | "without"
            | "among"
            | "until"
            | "once"
            | "other"
            | "another"
            | "each"
            | "every"
            | "both"
            | "such"
            | "just"
            | "only"
            | "first"
            | "later"
            | "earlier"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "thursday's"
            | "let"
            | "do"
            | "does"
            | "did"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "we're"
            | "i'm"
            | "it's"
            | "don't"
            | "that's"
            | "there's"
            | "they're"
            | "he's"
            | "she's"
    ) || is_personal(w)
        || crate::actors::is_pronoun_contraction(w)
}

/// Title words that may precede a name in a speaker mention (`President`, `Sen.`).
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "sen"
            | "sen."
            | "rep"
            | "rep."
            | "gov"
            | "gov."
            | "gen"
            | "gen."
            | "president"
            | "senator"
            | "governor"
            | "secretary"
            | "minister"
            | "general"
            | "judge"
            | "justice"
            | "speaker"
            | "mayor"
            | "prof"
            | "prof."
            | "professor"
            | "chairman"
            | "ambassador"
            | "congressman"
            | "congresswoman"
            | "director"
            | "chancellor"
            | "premier"
            | "prime"
            | "vice"
            | "deputy"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "leader"
            | "lt."
            | "col."
            | "capt."
            | "sgt."
            | "adm."
            | "rev."
            | "pope"
            | "king"
            | "queen"
            | "prince"
    )
}

/// Words in a name that mark an organisation (`Foundation`, `Party`).
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "foundation"
            | "council"
            | "party"
            | "committee"
            | "department"
            | "ministry"
            | "congress"
            | "kremlin"
            | "nato"
            | "times"
            | "post"
            | "news"
            | "association"
            | "institute"
            | "university"
            | "campaign"
            | "agency"
            | "commission"
            | "bureau"
            | "senate"
            | "house"
            | "court"
            | "administration"
            | "company"
            | "corp"
            | "corp."
            | "inc"
            | "inc."
            | "group"
            | "center"
            | "centre"
            | "network"
            | "journal"
            | "press"
            | "reuters"
            | "cnn"
            | "fbi"
            | "cia"
            | "pentagon"
            | "un"
            | "eu"
            | "union"
            | "bank"
            | "fund"
            | "alliance"
            | "coalition"
            | "organization"
            | "organisation"
            | "office"
            | "service"
            | "services"
            | "board"
            | "federation"
            | "league"
            | "club"
            | "church"
            | "society"
            | "staff"
            | "chiefs"
            | "army"
            | "navy"
            | "force"
            | "forces"
            | "police"
            | "government"
            | "parliament"
            | "assembly"
            | "cabinet"
            | "tribunal"
            | "college"
            | "school"
            | "magazine"
            | "telegraph"
            | "guardian"
            | "tribune"
            | "gazette"
            | "herald"
            | "daily"
            | "ap"
            | "afp"
            | "bbc"
            | "nbc"
            | "abc"
            | "cbs"
            | "msnbc"
            | "fox"
            | "politico"
            | "taliban"
            | "gop"
            | "dnc"
            | "rnc"
            | "isis"
            | "kommersant"
            | "tass"
            | "ria"
            | "one"
            | "pac"
            | "project"
            | "trust"
            | "watch"
            | "fed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders_of_names_titles_and_pronouns() {
        assert_eq!(given_name_gender("donald"), Some(Gender::Male));
        assert_eq!(given_name_gender("hillary"), Some(Gender::Female));
        // names given to both, and unknown ones, say nothing
        for w in [
            "chris", "jordan", "kelly", "lindsey", "pat", "taylor", "okafor", "",
        ] {
            assert_eq!(given_name_gender(w), None, "{w}");
        }
        assert_eq!(title_gender("mrs."), Some(Gender::Female));
        assert_eq!(title_gender("mr"), Some(Gender::Male));
        assert_eq!(title_gender("sen."), None);
        assert_eq!(pronoun_gender("his"), Some(Gender::Male));
        assert_eq!(pronoun_gender("her"), Some(Gender::Female));
        assert_eq!(pronoun_gender("they"), None);
    }

    #[test]
    fn given_name_lists_are_sorted_and_disjoint() {
        for list in [MALE_NAMES, FEMALE_NAMES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(
            MALE_NAMES
                .iter()
                .all(|m| FEMALE_NAMES.binary_search(m).is_err())
        );
    }

    #[test]
    fn cue_forms_in_all_tenses() {
        for (w, l) in [
            ("said", "say"),
            ("says", "say"),
            ("stated", "state"),
            ("declared", "declare"),
            ("wrote", "write"),
            ("warns", "warn"),
            ("describing", "describe"),
            ("denied", "deny"),
            ("admitted", "admit"),
            ("tweeted", "tweet"),
        ] {
            assert_eq!(cue_lemma(w).map(|x| x.0), Some(l), "{w}");
        }
        assert_eq!(cue_lemma("table"), None);
        assert!(cue_lemma("called").unwrap().1, "call is a weak cue");
    }
}
