//! Colours: one per source, the same in every chart.

use crate::model::SourceStyle;

/// Okabe–Ito colours (safe for the common colour-vision deficiencies), then Tableau tones.
/// Yellow is left out: it disappears on white paper.
const PALETTE: [&str; 12] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#8C564B",
    "#17BECF", "#BCBD22", "#3A3A3A", "#E15759",
];

/// Grey used for "the rest of the corpus" and other non-source marks.
pub const GREY: &str = "#9A9A9A";

/// Assigns colours to sources in the given order (callers sort sources first, so the same
/// corpus always gets the same colours).
pub fn source_styles(sources: &[String]) -> Vec<SourceStyle> {
    sources
        .iter()
        .enumerate()
        .map(|(i, name)| SourceStyle {
            name: name.clone(),
            color: PALETTE[i % PALETTE.len()].to_string(),
        })
        .collect()
}

/// Returns the colour of `source` in `styles`, or grey when it is not there.
pub fn color_of(styles: &[SourceStyle], source: &str) -> String {
    styles
        .iter()
        .find(|s| s.name == source)
        .map_or_else(|| GREY.to_string(), |s| s.color.clone())
}

/// Parses `#rrggbb`; anything else is grey.
pub(crate) fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (h.len(), p(0), p(2), p(4)) {
        (6, Some(r), Some(g), Some(b)) => (r, g, b),
        _ => (0x9a, 0x9a, 0x9a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_stable_and_distinct() {
        let s = source_styles(&["Democratic".into(), "Republican".into()]);
        assert_eq!(s[0].color, "#0072B2");
        assert_ne!(s[0].color, s[1].color);
        assert_eq!(color_of(&s, "Republican"), "#D55E00");
        assert_eq!(color_of(&s, "Whig"), GREY);
        assert_eq!(rgb("#0072B2"), (0, 0x72, 0xb2));
        assert_eq!(rgb("bad"), (0x9a, 0x9a, 0x9a));
    }
}
