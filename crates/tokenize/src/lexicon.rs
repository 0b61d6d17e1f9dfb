//! Word lists compiled into the tokenizer: abbreviations, titles and top-level domains.
//!
//! To add an abbreviation, add it (with its case, without the final period) to
//! [`is_abbreviation`]; if it always precedes a name (like `Gen.`), add it to [`is_title`] too,
//! so that it never ends a sentence.

/// Returns true if and only if `word` followed by a period is a known abbreviation, such as
/// `Mr`, `Gen`, `Jan`, `etc`, `Calif`. The match is case-sensitive: `Mass.` is an abbreviation,
/// `mass.` is the end of a sentence. `No` is handled separately (only before a number).
pub(crate) fn is_abbreviation(word: &str) -> bool {
    is_title(word)
        || matches!(
            word,
            // Name suffixes, places and companies.
            "Jr" | "Sr" | "St" | "Mt" | "Ft" | "Ave" | "Blvd" | "Rd" | "Sq" | "Inc" | "Corp"
                | "Ltd" | "Co" | "Cos" | "Bros" | "Dept" | "Univ" | "Assn" | "Intl" | "Govt"
                // Months (AP style; `May`, `June`, `July` are not abbreviated).
                | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept"
                | "Oct" | "Nov" | "Dec"
                // US states (AP style).
                | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga"
                | "Ill" | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich"
                | "Minn" | "Miss" | "Mo" | "Mont" | "Neb" | "Nev" | "Okla" | "Ore" | "Pa"
                | "Tenn" | "Tex" | "Va" | "Vt" | "Wash" | "Wis" | "Wyo"
                // Latin and reference abbreviations.
                | "etc" | "Etc" | "vs" | "Vs" | "cf" | "Cf" | "al" | "approx" | "Approx"
                | "est" | "Est" | "fig" | "Fig" | "figs" | "Figs" | "vol" | "Vol" | "vols"
                | "pp" | "ca" | "viz" | "ibid" | "Ibid" | "Nos" | "nos"
        )
}

/// Returns true if and only if `word` followed by a period is a title that precedes a name
/// (`Mr.`, `Gen.`, `Sen.`), so the period never ends a sentence.
pub(crate) fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Mx"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Cpt"
            | "Cmdr"
            | "Cdr"
            | "Sgt"
            | "Cpl"
            | "Pvt"
            | "Adm"
            | "Brig"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Pres"
            | "Supt"
            | "Insp"
            | "Rev"
            | "Fr"
            | "Hon"
            | "Amb"
    )
}

/// Returns true if and only if `word` followed by a period is an abbreviation that often ends
/// a sentence (`Inc.`, `etc.`, `Bros.`) or stands before a number (`Dec. 5`), so that a
/// capitalised word after it starts a new sentence: `changed its name to MCI Inc. Former
/// chief ...`.
pub(crate) fn ends_sentences(word: &str) -> bool {
    matches!(
        word,
        "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "Cos"
            | "Bros"
            | "Intl"
            | "Govt"
            | "etc"
            | "Etc"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "approx"
            | "est"
    )
}

/// Returns true if and only if `label` (lower case) is a top-level domain that marks a
/// scheme-less address such as `wsws.org` or `bbc.co.uk`.
pub(crate) fn is_tld(label: &[u8]) -> bool {
    matches!(
        label,
        b"com"
            | b"org"
            | b"net"
            | b"gov"
            | b"edu"
            | b"mil"
            | b"int"
            | b"info"
            | b"biz"
            | b"io"
            | b"ai"
            | b"app"
            | b"dev"
            | b"news"
            | b"online"
            | b"tv"
            | b"co"
            | b"uk"
            | b"us"
            | b"ca"
            | b"au"
            | b"nz"
            | b"ie"
            | b"de"
            | b"fr"
            | b"es"
            | b"it"
            | b"nl"
            | b"be"
            | b"ch"
            | b"at"
            | b"se"
            | b"no"
            | b"dk"
            | b"fi"
            | b"pl"
            | b"cz"
            | b"ru"
            | b"ua"
            | b"eu"
            | b"cn"
            | b"jp"
            | b"kr"
            | b"in"
            | b"il"
            | b"tr"
            | b"za"
            | b"br"
            | b"mx"
            | b"ar"
    )
}
