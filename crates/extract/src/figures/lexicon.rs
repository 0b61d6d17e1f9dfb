//! Compact word lists: number words, months, weekdays, currencies, units and qualifiers.
//!
//! To add a unit or currency, add an arm to the matching function below; lookups take the
//! word in lower case (except where noted) and return the normalised code.

/// Value of a cardinal number word below one hundred (`seven`, `forty`).
pub(crate) fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Returns true if and only if `w` is a tens word (`twenty` … `ninety`).
pub(crate) fn is_tens(w: &str) -> bool {
    matches!(
        w,
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
    )
}

/// Multiplier of a scale word (`hundred`, `million`, `bn`).
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

/// Multiplier of a scale suffix written against the number (`1.2m`, `£3bn`, `50k`).
pub(crate) fn scale_suffix(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "m" | "mn" | "M" | "mln" => 1e6,
        "bn" | "b" | "B" | "bln" => 1e9,
        "tn" | "trn" | "T" => 1e12,
        _ => return None,
    })
}

/// Denominator of a fraction word (`third` → 3, `halves` → 2).
pub(crate) fn fraction_word(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        "twelfth" | "twelfths" => 12.0,
        "twentieth" | "twentieths" => 20.0,
        "hundredth" | "hundredths" => 100.0,
        "thousandth" | "thousandths" => 1000.0,
        "millionth" | "millionths" => 1e6,
        _ => return None,
    })
}

/// Value of an ordinal word (`second` → 2).
pub(crate) fn ordinal_word(w: &str) -> Option<f64> {
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "hundredth" => 100.0,
        _ => return None,
    })
}

/// Vague plural quantities (`dozens`, `hundreds`) and their lower bound.
pub(crate) fn vague_plural(w: &str) -> Option<f64> {
    Some(match w {
        "dozens" => 24.0,
        "scores" => 40.0,
        "tens" => 20.0,
        "hundreds" => 200.0,
        "thousands" => 2000.0,
        "millions" => 2e6,
        "billions" => 2e9,
        "trillions" => 2e12,
        _ => return None,
    })
}

/// Month number of a month name or abbreviation; `w` as written (capitalised).
pub(crate) fn month(w: &str) -> Option<u8> {
    if !(3..=9).contains(&w.len()) {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    Some(match lower.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Returns true if and only if the month name is written abbreviated (may take a `.`).
pub(crate) fn month_is_abbrev(w: &str) -> bool {
    w.len() <= 4 && !w.eq_ignore_ascii_case("june") && !w.eq_ignore_ascii_case("july")
}

/// Day of the week (0 = Monday) of a weekday name or abbreviation.
pub(crate) fn weekday(w: &str) -> Option<u8> {
    if !(3..=10).contains(&w.len()) {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    let base = lower
        .strip_suffix('s')
        .filter(|b| b.ends_with("day"))
        .unwrap_or(&lower);
    Some(match base {
        "monday" | "mon" => 0,
        "tuesday" | "tues" | "tue" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thurs" | "thu" | "thur" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    })
}

/// Season name → first month of the season (meteorological, northern hemisphere).
pub(crate) fn season(w: &str) -> Option<u8> {
    Some(match w {
        "spring" => 3,
        "summer" => 6,
        "fall" | "autumn" => 9,
        "winter" => 12,
        _ => return None,
    })
}

/// Currency code of a symbol written before the amount (`$`, `£`).
pub(crate) fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₩" => "KRW",
        "₺" => "TRY",
        "₴" => "UAH",
        "₦" => "NGN",
        _ => return None,
    })
}

/// Currency code of a prefix glued to `$` (`US$`, `C$`, `HK$`).
pub(crate) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" => "USD",
        "C" | "CA" | "CAN" => "CAD",
        "A" | "AU" | "AUD" => "AUD",
        "NZ" => "NZD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "Mex" | "MX" => "MXN",
        _ => return None,
    })
}

/// Currency code of a word or code written before the amount (`dlrs 220`, `USD 5`, `RM50`).
pub(crate) fn currency_prefix_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dlrs" | "Dlrs" | "DLRS" | "USD" | "US$" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CHF" | "SFr" | "Sfr" => "CHF",
        "CNY" | "RMB" => "CNY",
        "INR" | "Rs" => "INR",
        "RUB" => "RUB",
        "RM" => "MYR",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "HKD" => "HKD",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "KRW" => "KRW",
        "BRL" => "BRL",
        "ZAR" => "ZAR",
        "NGN" => "NGN",
        "UAH" => "UAH",
        "TRY" => "TRY",
        _ => return None,
    })
}

/// Currency code and multiplier of a currency word written after the amount (`dollars`,
/// `cents` → USD × 0.01).
pub(crate) fn currency_word(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "dollar" | "dollars" | "dlrs" | "usd" => ("USD", 1.0),
        "cent" | "cents" => ("USD", 0.01),
        "pound" | "pounds" | "sterling" | "quid" => ("GBP", 1.0),
        "pence" | "p" => ("GBP", 0.01),
        "euro" | "euros" => ("EUR", 1.0),
        "yen" => ("JPY", 1.0),
        "yuan" | "renminbi" => ("CNY", 1.0),
        "rupee" | "rupees" => ("INR", 1.0),
        "rouble" | "roubles" | "ruble" | "rubles" => ("RUB", 1.0),
        "ringgit" => ("MYR", 1.0),
        "krone" | "kroner" => ("DKK", 1.0),
        "kronor" | "krona" => ("SEK", 1.0),
        "peso" | "pesos" => ("MXN", 1.0),
        "franc" | "francs" => ("CHF", 1.0),
        "mark" | "marks" | "deutschmarks" => ("DEM", 1.0),
        "rand" => ("ZAR", 1.0),
        "won" => ("KRW", 1.0),
        "naira" => ("NGN", 1.0),
        "hryvnia" | "hryvnias" => ("UAH", 1.0),
        "lira" | "lire" => ("TRY", 1.0),
        "shilling" | "shillings" => ("KES", 1.0),
        "riyal" | "riyals" => ("SAR", 1.0),
        "dirham" | "dirhams" => ("AED", 1.0),
        "baht" => ("THB", 1.0),
        "rupiah" => ("IDR", 1.0),
        _ => return None,
    })
}

/// Currency of `<nationality> dollars` (`Australian dollars`), lower case.
pub(crate) fn national_dollar(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "american" => "USD",
        "australian" => "AUD",
        "canadian" => "CAD",
        "new zealand" => "NZD",
        "hong kong" => "HKD",
        "singapore" | "singaporean" => "SGD",
        "taiwan" | "taiwanese" => "TWD",
        "zimbabwe" | "zimbabwean" => "ZWL",
        "jamaican" => "JMD",
        _ => return None,
    })
}

/// Lone coin words that name an amount (`a penny`, `a dime`).
pub(crate) fn coin_word(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "penny" => ("USD", 0.01),
        "nickel" => ("USD", 0.05),
        "dime" => ("USD", 0.10),
        _ => return None,
    })
}

/// Time units of durations (`years`, `minutes`) → normalised unit.
pub(crate) fn time_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => "s",
        "minute" | "minutes" | "min" | "mins" => "min",
        "hour" | "hours" | "hr" | "hrs" => "h",
        "day" | "days" => "d",
        "night" | "nights" => "night",
        "week" | "weeks" => "week",
        "fortnight" | "fortnights" => "fortnight",
        "month" | "months" => "month",
        "year" | "years" | "yr" | "yrs" => "year",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        "millennium" | "millennia" => "millennium",
        "season" | "seasons" => "season",
        "quarter" | "quarters" => "quarter",
        "weekend" | "weekends" => "weekend",
        _ => return None,
    })
}

/// Units of measure → normalised unit. `w` as written; units that are also ordinary words
/// (`m`, `g`, `ha`) are only units when written against the number (`adjacent`).
pub(crate) fn measure_unit(w: &str, adjacent: bool) -> Option<&'static str> {
    if w.len() > 16 {
        return None;
    }
    let lower = w.to_lowercase();
    let u = match lower.as_str() {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "metre" | "metres" | "meter" | "meters" => "m",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "mile" | "miles" => "mi",
        "ft" | "foot" | "feet" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" | "yd" | "yds" => "yd",
        "kg" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => "kg",
        "gram" | "grams" | "gramme" | "grammes" => "g",
        "tonne" | "tonnes" | "ton" | "tons" | "t" if adjacent || lower != "t" => "t",
        "lb" | "lbs" => "lb",
        "ounce" | "ounces" | "oz" => "oz",
        "litre" | "litres" | "liter" | "liters" => "l",
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "gallon" | "gallons" => "gal",
        "barrel" | "barrels" | "bpd" => "bbl",
        "degree" | "degrees" => "deg",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "twh" => "TWh",
        "watt" | "watts" => "W",
        "volt" | "volts" => "V",
        "mph" => "mph",
        "kph" | "kmh" => "km/h",
        "knot" | "knots" => "kn",
        "hectare" | "hectares" => "ha",
        "ha" if adjacent => "ha",
        "acre" | "acres" => "acre",
        "teaspoon" | "teaspoons" | "tsp" => "tsp",
        "tablespoon" | "tablespoons" | "tbsp" => "tbsp",
        "cup" | "cups" => "cup",
        "pint" | "pints" => "pt",
        "quart" | "quarts" => "qt",
        "micron" | "microns" => "um",
        "calorie" | "calories" | "kcal" => "kcal",
        "megabyte" | "megabytes" | "mb" if lower != "mb" || adjacent => "MB",
        "gigabyte" | "gigabytes" | "gb" if lower != "gb" || adjacent => "GB",
        "terabyte" | "terabytes" => "TB",
        "m" | "g" if adjacent => {
            if lower == "m" {
                "m"
            } else {
                "g"
            }
        }
        "storey" | "storeys" | "story" | "stories" if !adjacent => "storey",
        _ => return None,
    };
    Some(u)
}

/// Qualifiers that may precede a figure, longest first, as lower-case word sequences.
pub(crate) const QUALIFIERS: &[&[&str]] = &[
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["no", "fewer", "than"],
    &["no", "less", "than"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["as", "little", "as"],
    &["as", "high", "as"],
    &["as", "low", "as"],
    &["in", "excess", "of"],
    &["upwards", "of"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["greater", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["well", "above"],
    &["just", "below"],
    &["an", "estimated"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["some"],
    &["over"],
    &["under"],
    &["below"],
    &["above"],
    &["estimated"],
    &["exactly"],
    &["only"],
    &["just"],
    &["barely"],
    &["nearly", "all"],
];

/// Abbreviations whose full stop does not end a sentence.
pub(crate) fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Rev"
            | "St"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "No"
            | "Nos"
            | "vs"
            | "etc"
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
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "Ala"
            | "Ariz"
            | "Calif"
            | "Colo"
            | "Conn"
            | "Fla"
            | "Ga"
            | "Ill"
            | "Ind"
            | "Kan"
            | "Ky"
            | "La"
            | "Md"
            | "Mass"
            | "Mich"
            | "Minn"
            | "Miss"
            | "Mo"
            | "Mont"
            | "Neb"
            | "Nev"
            | "Okla"
            | "Ore"
            | "Pa"
            | "Tenn"
            | "Tex"
            | "Va"
            | "Vt"
            | "Wash"
            | "Wis"
            | "Wyo"
            | "approx"
            | "est"
    )
}

/// Words that cannot be (the head of) what a figure counts: function words, verbs that
/// commonly follow numbers, and time words handled elsewhere.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "and"
            | "or"
            | "but"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "as"
            | "than"
            | "that"
            | "this"
            | "these"
            | "those"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "them"
            | "their"
            | "his"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "me"
            | "my"
            | "us"
            | "not"
            | "no"
            | "so"
            | "if"
            | "then"
            | "there"
            | "here"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "since"
            | "until"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "between"
            | "against"
            | "through"
            | "during"
            | "each"
            | "per"
            | "apiece"
            | "ago"
            | "later"
            | "earlier"
            | "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "also"
            | "only"
            | "just"
            | "all"
            | "both"
            | "either"
            | "neither"
            | "again"
            | "too"
            | "very"
            | "said"
            | "says"
            | "say"
            | "up"
            | "down"
            | "out"
            | "off"
            | "away"
            | "back"
            | "now"
            | "yet"
            | "still"
            | "even"
            | "ever"
            | "last"
            | "next"
            | "other"
            | "others"
            | "another"
            | "such"
            | "own"
            | "same"
            | "how"
            | "why"
            | "whether"
            | "because"
            | "although"
            | "though"
            | "among"
            | "including"
            | "like"
            | "unlike"
            | "within"
            | "without"
            | "across"
            | "behind"
            | "beyond"
            | "toward"
            | "towards"
            | "above"
            | "below"
            | "near"
            | "respectively"
            | "higher"
            | "lower"
            | "hit"
            | "cut"
            | "put"
            | "sold"
            | "paid"
            | "held"
            | "made"
            | "left"
            | "lost"
            | "won"
            | "spent"
            | "kept"
            | "taken"
            | "given"
            | "seen"
            | "shown"
            | "known"
            | "told"
            | "got"
            | "gone"
            | "came"
            | "went"
            | "fell"
            | "rose"
            | "grew"
            | "percent"
            | "cent"
            | "times"
            | "time"
            | "s"
            | "t"
    )
}
