//! Word n-grams.

/// The `n`-grams of `tokens`, each joined with single spaces, in order; none when `n` is 0
/// or larger than the number of tokens.
///
/// ```
/// let words = ["nuclear", "weapons", "treaty"];
/// let bigrams: Vec<String> = gazette_tokenize::ngrams(&words, 2).collect();
/// assert_eq!(bigrams, ["nuclear weapons", "weapons treaty"]);
/// ```
pub fn ngrams<S: AsRef<str>>(tokens: &[S], n: usize) -> impl Iterator<Item = String> + '_ {
    tokens
        .windows(n.max(1))
        .filter(move |_| n > 0)
        .map(|window| {
            let len = window.iter().map(|w| w.as_ref().len() + 1).sum::<usize>();
            let mut s = String::with_capacity(len);
            for (i, w) in window.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(w.as_ref());
            }
            s
        })
}
