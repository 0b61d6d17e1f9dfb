//! Unit tests of figure recognition on sentences written for these tests.

use gazette_types::{Article, Figure, FigureKind, FigureValue};

use super::FigureExtractor;

fn figs(text: &str) -> Vec<Figure> {
    let mut a = Article::new("t", "", text);
    a.published = Some("2021-10-31".into());
    let out = super::extract(&a);
    for f in &out {
        assert_eq!(&text[f.start..f.end], f.text, "{out:#?}");
    }
    out
}

fn brief(text: &str) -> Vec<(String, FigureKind)> {
    figs(text).into_iter().map(|f| (f.text, f.kind)).collect()
}

#[track_caller]
fn one(text: &str) -> Figure {
    let f = figs(text);
    assert_eq!(f.len(), 1, "{f:#?}");
    f.into_iter().next().unwrap()
}

fn n(v: f64) -> Option<FigureValue> {
    Some(FigureValue::Number(v))
}

fn d(s: &str) -> Option<FigureValue> {
    Some(FigureValue::Text(s.into()))
}

#[test]
fn money_with_symbols_codes_words_and_scales() {
    let f = one("The US had spent $5 billion on it.");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (FigureKind::Money, n(5e9), Some("USD"))
    );
    let f = one("It raised £1.2bn last year.");
    assert_eq!(
        (f.text.as_str(), f.value, f.unit.as_deref()),
        ("£1.2bn", n(1.2e9), Some("GBP"))
    );
    let f = one("compared to 61 billion dollars by Russia");
    assert_eq!((f.text.as_str(), f.value), ("61 billion dollars", n(61e9)));
    let f = one("The IMF withheld a dlrs 220 million loan.");
    assert_eq!(
        (f.text.as_str(), f.value, f.object.as_deref()),
        ("dlrs 220 million", n(220e6), Some("loan"))
    );
    let f = one("a fee of US$3.5m was paid");
    assert_eq!(
        (f.text.as_str(), f.value, f.unit.as_deref()),
        ("US$3.5m", n(3.5e6), Some("USD"))
    );
    let f = one("banks hold hundreds of billions of dollars in bad debt");
    assert_eq!(
        (f.text.as_str(), f.kind),
        ("hundreds of billions of dollars", FigureKind::Money)
    );
    let f = one("The €40 fine");
    assert_eq!(f.unit.as_deref(), Some("EUR"));
}

#[test]
fn qualifier_is_outside_the_span() {
    let f = one("they spent more than one trillion dollars on defense");
    assert_eq!(f.text, "one trillion dollars");
    assert_eq!(f.qualifier.as_deref(), Some("more than"));
    assert_eq!(f.value, n(1e12));
    let f = one("police killed more than a dozen demonstrators");
    assert_eq!(
        (f.text.as_str(), f.value, f.qualifier.as_deref()),
        ("dozen", n(12.0), Some("more than"))
    );
    let f = one("killed at least 80 of them");
    assert_eq!(
        (f.text.as_str(), f.qualifier.as_deref()),
        ("80", Some("at least"))
    );
    let f = one("up to 300 people");
    assert_eq!(f.qualifier.as_deref(), Some("up to"));
}

#[test]
fn percentages_and_points() {
    assert_eq!(one("grew 3.5% in a year").value, n(3.5));
    assert_eq!(one("grew 3.5 per cent").text, "3.5 per cent");
    let f = one("rose 3 percentage points");
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Percent, Some("pp"))
    );
    assert_eq!(one("the goal of 1.7\npercent.").text, "1.7\npercent");
    let f = one("down by one-tenth of 1 percent");
    assert_eq!(f.text, "one-tenth of 1 percent");
    let v = brief("between 10-15% of voters");
    assert_eq!(
        v,
        vec![
            ("10".into(), FigureKind::Percent),
            ("15%".into(), FigureKind::Percent)
        ]
    );
    let f = one("40 percent of the building was destroyed");
    assert_eq!(f.object.as_deref(), Some("building"));
}

#[test]
fn number_words_and_vague_quantities() {
    assert_eq!(one("sixty-one delegates").value, n(61.0));
    assert_eq!(one("Fifty-six people").value, n(56.0));
    assert_eq!(one("two hundred and fifty people").value, n(250.0));
    let f = one("two-thirds of the members");
    assert_eq!((f.text.as_str(), f.value), ("two-thirds", n(2.0 / 3.0)));
    let f = one("Thousands of laborers marched");
    assert_eq!(
        (f.text.as_str(), f.object.as_deref()),
        ("Thousands", Some("laborers"))
    );
    assert_eq!(one("a few hundred people").text, "few hundred");
    assert_eq!(
        one("several tens of million dollars").kind,
        FigureKind::Money
    );
    assert_eq!(one("half a million refugees").value, n(5e5));
    assert_eq!(one("1.2m people").value, n(1.2e6));
}

#[test]
fn counts_get_their_object_and_actor() {
    let f = figs("Washington has 1,389 nuclear warheads deployed and Moscow 1,458.");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].object.as_deref(), Some("nuclear warheads"));
    assert_eq!(f[0].actor.as_deref(), Some("Washington"));
    assert_eq!(f[1].object.as_deref(), Some("nuclear warheads"));
    assert_eq!(f[1].actor.as_deref(), Some("Moscow"));
    let f = one("NATO's expulsion of eight members of Russia's diplomatic team");
    assert_eq!(
        (f.kind, f.object.as_deref()),
        (FigureKind::Count, Some("members"))
    );
    let f = one("\"We need 5,000 more troops,\" said General John Hyten.");
    assert_eq!(f.actor.as_deref(), Some("General John Hyten"));
}

#[test]
fn dates_absolute_and_relative() {
    assert_eq!(one("on 31 October 2021 it").value, d("2021-10-31"));
    let f = one("taking effect on Monday, November 1, Lavrov said");
    assert_eq!(
        (f.text.as_str(), f.value),
        ("Monday, November 1", d("2021-11-01"))
    );
    assert_eq!(one("A June 2021 summit").value, d("2021-06"));
    assert_eq!(one("declared in 2014 that").value, d("2014"));
    assert_eq!(one("and on Thursday labeled them").value, d("2021-10-28"));
    assert_eq!(one("It may halt activity in January.").value, d("2022-01"));
    assert_eq!(one("on Sept. 1, 1987, during").value, d("1987-09-01"));
    assert_eq!(one("It started in the 1940s with").text, "1940s");
    assert_eq!(one("the '60s were").text, "'60s");
    assert_eq!(one("Saturday's rally").text, "Saturday");
    let v = brief("the deficit for 1997-98 will");
    assert_eq!(
        v,
        vec![
            ("1997".into(), FigureKind::Date),
            ("98".into(), FigureKind::Date)
        ]
    );
    let v = brief("the 2012–13 season");
    assert_eq!(
        v,
        vec![
            ("2012".into(), FigureKind::Date),
            ("13".into(), FigureKind::Date)
        ]
    );
    assert_eq!(one("the spring of\n1925 was").text, "spring of\n1925");
}

#[test]
fn relative_periods_are_opt_in() {
    let mut a = Article::new("t", "", "Last week, Austin met Taran.");
    a.published = Some("2021-10-31".into());
    assert!(super::extract(&a).is_empty());
    let f = FigureExtractor::new().relative_periods(true).extract(&a);
    assert_eq!(f[0].text, "Last week");
    assert_eq!(f[0].value, d("2021-W42"));
}

#[test]
fn times_durations_quantities() {
    let f = one("The meeting starts at 2.15pm.");
    assert_eq!((f.kind, f.value), (FigureKind::Time, d("14:15")));
    let f = figs("at 4:30 p.m. Friday night");
    assert_eq!(
        (f[0].text.as_str(), f[0].kind, f[0].value.clone()),
        ("4:30 p.m.", FigureKind::Time, d("16:30"))
    );
    assert_eq!(f[1].kind, FigureKind::Date);
    assert_eq!(one("Moi, ruler for 20 years.").kind, FigureKind::Duration);
    assert_eq!(one("a five-year term").kind, FigureKind::Duration);
    let f = one("a 50 km race");
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Quantity, Some("km"))
    );
    assert_eq!(one("the 3,000-meter record").kind, FigureKind::Quantity);
    assert_eq!(one("the 14-story building").kind, FigureKind::Quantity);
    assert_eq!(one("his 20-year-old son").text, "20-year");
    assert_eq!(one("clocked 1:18.9 ahead").kind, FigureKind::Duration);
    assert_eq!(one("pays $250 a day").kind, FigureKind::Quantity);
}

#[test]
fn numbers_in_names_and_codes_are_not_figures() {
    for text in [
        "the Zapad-2021 (West-2021) exercises",
        "ravaged by COVID-19 and",
        "the G7 summit",
        "an F-16 jet",
        "a Boeing 737 crashed",
        "call 555-1234 now",
        "its decades-long mission",
        "No. 4 seed",
        "under section 38 of the Act",
        "at 601 Riverview Dr. in Florence",
        "No one knew.",
    ] {
        assert!(figs(text).is_empty(), "{text}: {:#?}", figs(text));
    }
}

#[test]
fn ages_and_rates_are_quantities() {
    let f = one("said Eugene McCarthy, 94, who");
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Quantity, Some("years"))
    );
    let f = one("She receives 2,000 letters a day.");
    assert_eq!(
        (f.text.as_str(), f.kind),
        ("2,000 letters a day", FigureKind::Quantity)
    );
    assert_eq!(
        one("Al Gore, who turned 50 while").kind,
        FigureKind::Quantity
    );
}

#[test]
fn scores_and_ranges_are_two_numbers() {
    let v = brief("beat him 6-3, 7-6");
    assert_eq!(v.len(), 4, "{v:?}");
    let v = brief("outnumbers them 9 to 1.");
    assert_eq!(v.len(), 2, "{v:?}");
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "$",
        "£.",
        "1,",
        "9".repeat(10_000).as_str(),
        "—-–",
        "Sept.",
        "'",
        "1/0",
        "0/0/0",
        "$1e999",
        "1.2.3.4",
        "¥¥¥9",
        "Q",
        "½",
        "٣",
    ] {
        let _ = figs(text);
    }
}

/// Checks the invariants every extraction must keep.
fn check_invariants(text: &str) {
    let mut a = Article::new("p", "", text);
    a.published = Some("2021-10-31".into());
    for x in [
        FigureExtractor::new(),
        FigureExtractor::new().relative_periods(true),
    ] {
        let figs = x.extract(&a);
        let mut last_end = 0;
        for f in &figs {
            assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
            assert!(
                text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
                "{f:?}"
            );
            assert_eq!(&text[f.start..f.end], f.text);
            assert!(
                f.start >= last_end,
                "overlapping spans in {text:?}: {figs:#?}"
            );
            last_end = f.end;
            if let Some(FigureValue::Number(v)) = f.value {
                assert!(v.is_finite(), "{f:?}");
            }
        }
    }
}

#[test]
fn fixtures_replay_without_panics() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/fixtures/figures");
    let text = std::fs::read_to_string(format!("{dir}/edge-cases.txt")).unwrap();
    assert!(text.lines().count() > 50);
    for line in text.lines() {
        check_invariants(line);
    }
    check_invariants(&text);
    // The elliptical line keeps its count.
    let f = figs("Moscow 1,458 and Washington");
    assert_eq!(f[0].value, n(1458.0));
}

#[test]
fn huge_digit_runs_and_unbalanced_input() {
    check_invariants(&"9".repeat(10_000));
    check_invariants(&format!("${} billion", "9".repeat(10_000)));
    check_invariants(&"1,000,".repeat(2_000));
    check_invariants(&"(((\"$5".repeat(1_000));
    check_invariants(&"one-".repeat(3_000));
    let f = figs(&"9".repeat(400));
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].value, None,
        "an infinite value is dropped, not printed"
    );
}

mod fuzz {
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "1", "9", "0", "12", "1,389", "3.5", "2021", "98", "$", "£", "US", "dlrs", "%", "percent",
        "per", "cent", "million", "bn", "m", "k", "one", "sixty", "-", "–", "thirds", "half", "a",
        "dozen", "dozens", "of", "more", "than", "at", "least", "May", "March", "Monday", ",", ".",
        ":", "/", "'", "s", "th", "p.m.", "pm", "am", "years", "year", "old", "km", "square",
        "meters", "to", "and", "No", "Zapad", "COVID", "G", "F", "Boeing", "said", "Moscow", "the",
        "in", "on", "last", "week", "spring", "\n", "\n\n", "\t", " ", "é", "½", "٣", "🙂",
        "\u{301}",
    ];

    fn newsy() -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(PIECES), prop::bool::ANY), 0..40).prop_map(
            |v| {
                let mut s = String::new();
                for (p, space) in v {
                    s.push_str(p);
                    if space {
                        s.push(' ');
                    }
                }
                s
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_on_arbitrary_strings(s in any::<String>()) {
            super::check_invariants(&s);
        }

        #[test]
        fn never_panics_on_figure_like_text(s in newsy()) {
            super::check_invariants(&s);
        }

        #[test]
        fn never_panics_on_long_digit_runs(n in 1usize..3000, sep in prop::sample::select(vec!["", ",", ".", "-", " "])) {
            let s = format!("${}{sep}{} million", "9".repeat(n), "1".repeat(n % 7));
            super::check_invariants(&s);
        }
    }
}

#[test]
fn actors_come_from_quotes_and_named_actors() {
    let text = "Nuland declared in 2014 that the US had spent $5 billion on democracy building. \
                \"We will send 300 observers,\" said Sergei Lavrov, the Russian foreign minister.";
    let mut a = Article::new("t", "", text);
    a.published = Some("2021-10-31".into());
    let found = crate::actors::ActorExtractor::new().extract(&a);
    let said = crate::quotes::extract_with_actors(&a, &found);
    let figs = FigureExtractor::new().extract_with_actors(&a, &found, &said);
    let money = figs.iter().find(|f| f.kind == FigureKind::Money).unwrap();
    assert_eq!(money.actor.as_deref(), Some("Nuland"), "{figs:#?}");
    let observers = figs.iter().find(|f| f.text == "300").unwrap();
    assert_eq!(
        observers.actor.as_deref(),
        Some("Sergei Lavrov"),
        "{figs:#?}"
    );
}

#[test]
fn one_of_is_a_number_that_counts_nothing() {
    let f = one("Moody's, one of the leading agencies, warned");
    assert_eq!(
        (f.kind, f.object.clone()),
        (FigureKind::Number, None),
        "{f:?}"
    );
    let f = one("three of the leading agencies warned");
    assert_eq!(f.kind, FigureKind::Count);
}

#[test]
fn conflicts_group_by_object_and_split_by_magnitude() {
    let mk = |id: &str, source: &str, text: &str| {
        let mut a = Article::new(id, "", text);
        a.source = source.into();
        a.published = Some("2021-10-30".into());
        a
    };
    let arts = vec![
        mk(
            "a",
            "One",
            "The ministry said 1,200 protesters were arrested.",
        ),
        mk("b", "Two", "Police said 450 protesters were arrested."),
        mk(
            "c",
            "Three",
            "Police said 452 protesters were held, and 5 million protesters marched.",
        ),
        mk("d", "Four", "It cost $5 million."),
    ];
    let figs: Vec<Figure> = arts.iter().flat_map(super::extract).collect();
    let found = super::conflicts(&figs, &arts);
    assert_eq!(found.len(), 1, "{found:#?}");
    let c = &found[0];
    assert_eq!(
        (c.object.as_str(), c.period.as_str()),
        ("protesters", "2021-10-30")
    );
    let values: Vec<f64> = c.citations.iter().map(|x| x.value).collect();
    assert_eq!(values, [450.0, 452.0, 1200.0]);
    assert_eq!(c.citations[2].source, "One");
    // Within tolerance: no conflict.
    let close = super::conflicts_with(
        &figs[1..3],
        &arts,
        super::ConflictOptions { tolerance: 0.9 },
    );
    assert!(close.is_empty());
}
