//! The statistics behind keyness, collocation and dispersion tables, as plain functions.
//!
//! Notation for a 2×2 frequency comparison (Rayson & Garside 2000): `a` is the frequency of
//! a term in the target corpus of `c` tokens, `b` its frequency in the reference corpus of
//! `d` tokens.

/// Log-likelihood G² over all four cells of the contingency table
/// `[[a, b], [c − a, d − b]]` (Evert 2005; equals Rayson & Garside's 2-term formula plus
/// the two "not this term" cells). Cells with zero observations contribute 0.
pub fn log_likelihood(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = c + d;
    if n <= 0.0 {
        return 0.0;
    }
    let row_term = a + b;
    let row_rest = n - row_term;
    let cells = [
        (a, row_term * c / n),
        (b, row_term * d / n),
        (c - a, row_rest * c / n),
        (d - b, row_rest * d / n),
    ];
    let g2: f64 = cells
        .iter()
        .filter(|(o, e)| *o > 0.0 && *e > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum();
    (2.0 * g2).max(0.0)
}

/// Rayson & Garside's (2000) 2-term log-likelihood: `2 (a ln(a/E1) + b ln(b/E2))`.
pub fn log_likelihood_2term(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let t = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (t(a, e1) + t(b, e2))
}

/// Complementary error function, Chebyshev fit with fractional error below 1.2e-7
/// (Press et al., *Numerical Recipes*, `erfcc`).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// p-value of a χ² statistic with one degree of freedom (G² is compared to χ²₁).
pub fn chi2_p_1df(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    erfc((x / 2.0).sqrt()).clamp(0.0, 1.0)
}

/// Hardie's (2014) log ratio: the binary log of the ratio of relative frequencies, with zero
/// frequencies replaced by 0.5 so the value stays finite. Returns `(log_ratio, low, high)`
/// with a 95% confidence interval from the standard error of a log ratio of two Poisson
/// counts, `sqrt(1/a + 1/b)` (in natural-log units, converted to log₂).
pub fn log_ratio(a: f64, b: f64, c: f64, d: f64) -> (f64, f64, f64) {
    let a = if a > 0.0 { a } else { 0.5 };
    let b = if b > 0.0 { b } else { 0.5 };
    let lr = ((a / c) / (b / d)).log2();
    let half = 1.96 * (1.0 / a + 1.0 / b).sqrt() / std::f64::consts::LN_2;
    (lr, lr - half, lr + half)
}

/// %DIFF (Gabrielatos & Marchi 2012): how much more frequent (in percent) the term is in
/// the target than in the reference, from normalised frequencies. `None` when the term is
/// absent from the reference (the value would be infinite).
pub fn percent_diff(a: f64, b: f64, c: f64, d: f64) -> Option<f64> {
    let nt = a / c;
    let nr = b / d;
    (nr > 0.0).then(|| (nt - nr) * 100.0 / nr)
}

/// Multiple-comparison correction for a family of p-values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Correction {
    /// No correction.
    None,
    /// Bonferroni: p × m.
    Bonferroni,
    /// Benjamini–Hochberg false discovery rate (step-up).
    #[default]
    BenjaminiHochberg,
}

impl std::str::FromStr for Correction {
    type Err = String;

    fn from_str(s: &str) -> Result<Correction, String> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(Correction::None),
            "bonferroni" => Ok(Correction::Bonferroni),
            "bh" | "fdr" | "benjamini-hochberg" => Ok(Correction::BenjaminiHochberg),
            _ => Err(format!("unknown correction `{s}` (none, bonferroni, bh)")),
        }
    }
}

/// Adjusts p-values for `m` comparisons (`m` ≥ `p.len()`; pass `p.len()` normally).
pub fn adjust_p(p: &[f64], m: usize, correction: Correction) -> Vec<f64> {
    let mf = m.max(1) as f64;
    match correction {
        Correction::None => p.to_vec(),
        Correction::Bonferroni => p.iter().map(|x| (x * mf).min(1.0)).collect(),
        Correction::BenjaminiHochberg => {
            let mut order: Vec<usize> = (0..p.len()).collect();
            order.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
            let mut adj = vec![1.0; p.len()];
            let mut running = 1.0f64;
            for (rank0, &i) in order.iter().enumerate().rev() {
                let v = (p[i] * mf / (rank0 + 1) as f64).min(1.0);
                running = running.min(v);
                adj[i] = running;
            }
            adj
        }
    }
}

/// Association scores of a node and a collocate (Evert 2005; Rychlý 2008; Church & Hanks
/// 1990). `o` co-occurrences, `f_node` and `f_coll` corpus frequencies, `n` corpus tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Association {
    /// Expected co-occurrences `f_node × f_coll / n`.
    pub expected: f64,
    /// Pointwise mutual information, `log2(o / expected)`.
    pub mi: f64,
    /// MI³, `log2(o³ / expected)` (Daille 1994), less biased to rare pairs.
    pub mi3: f64,
    /// t-score, `(o − expected) / sqrt(o)`.
    pub t_score: f64,
    /// logDice (Rychlý 2008), `14 + log2(2o / (f_node + f_coll))`; at most 14.
    pub log_dice: f64,
    /// Log-likelihood G² over the 2×2 table of the pair.
    pub log_likelihood: f64,
}

/// Computes every association score for one pair.
pub fn association(o: f64, f_node: f64, f_coll: f64, n: f64) -> Association {
    let expected = f_node * f_coll / n;
    // Contingency table: node&coll, node&¬coll, ¬node&coll, rest (clamped: window counts can
    // exceed the strict 2×2 margins).
    let o12 = (f_node - o).max(0.0);
    let o21 = (f_coll - o).max(0.0);
    let o22 = (n - o - o12 - o21).max(0.0);
    Association {
        expected,
        mi: (o / expected).log2(),
        mi3: (o.powi(3) / expected).log2(),
        t_score: (o - expected) / o.sqrt(),
        log_dice: 14.0 + (2.0 * o / (f_node + f_coll)).log2(),
        log_likelihood: log_likelihood(o, o21, o + o12, o21 + o22),
    }
}

/// Dispersion of one term over the parts of a corpus (documents, or equal slices).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    /// Number of parts the term occurs in.
    pub range: u64,
    /// Juilland's D (Juilland & Chang-Rodríguez 1964) on relative frequencies per part
    /// (so parts of different sizes are comparable, Gries 2008): `1 − V / sqrt(n − 1)`, where
    /// V is the coefficient of variation. 1 = perfectly even. `None` for fewer than 2 parts.
    pub juilland_d: Option<f64>,
    /// Gries' (2008) deviation of proportions: half the sum of absolute differences between
    /// each part's share of the term and its share of the corpus. 0 = perfectly even,
    /// close to 1 = all in one small part.
    pub dp: f64,
}

/// Computes dispersion from the term's frequency in each part and each part's size in tokens.
/// `counts` and `sizes` have one entry per part, in the same order.
pub fn dispersion(counts: &[u64], sizes: &[u64]) -> Dispersion {
    let total: f64 = counts.iter().map(|&c| c as f64).sum();
    let corpus: f64 = sizes.iter().map(|&s| s as f64).sum();
    let range = counts.iter().filter(|&&c| c > 0).count() as u64;
    let dp = if total > 0.0 && corpus > 0.0 {
        0.5 * counts
            .iter()
            .zip(sizes)
            .map(|(&v, &s)| (v as f64 / total - s as f64 / corpus).abs())
            .sum::<f64>()
    } else {
        0.0
    };
    let n = counts.len();
    let juilland_d = (n >= 2 && total > 0.0).then(|| {
        let rel: Vec<f64> = counts
            .iter()
            .zip(sizes)
            .map(|(&v, &s)| if s > 0 { v as f64 / s as f64 } else { 0.0 })
            .collect();
        let mean = rel.iter().sum::<f64>() / n as f64;
        let var = rel.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        let cv = var.sqrt() / mean;
        1.0 - cv / ((n - 1) as f64).sqrt()
    });
    Dispersion {
        range,
        juilland_d,
        dp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} != {b} (±{tol})");
    }

    #[test]
    fn log_likelihood_matches_hand_worked_values() {
        // Rayson & Garside (2000): E_i = N_i (Σ O) / Σ N; LL = 2 Σ O_i ln(O_i/E_i).
        // a=100 in c=10,000; b=50 in d=20,000: E1=150·10k/30k=50, E2=100;
        // LL2 = 2(100 ln 2 + 50 ln 0.5) = 100 ln 2 = 69.3147.
        close(
            log_likelihood_2term(100.0, 50.0, 10_000.0, 20_000.0),
            69.314_718,
            1e-5,
        );
        // 4-term G² adds the "other words" cells: O=9,900 vs E=9,950 and O=19,950 vs
        // E=19,900: 2(9900 ln(9900/9950) + 19950 ln(19950/19900)) = 0.377201, so
        // G² = 69.314718 + 0.377201 = 69.691919.
        close(
            log_likelihood(100.0, 50.0, 10_000.0, 20_000.0),
            69.691_919,
            1e-5,
        );
        // Symmetric and zero for equal relative frequencies.
        close(log_likelihood(10.0, 20.0, 1000.0, 2000.0), 0.0, 1e-9);
        close(
            log_likelihood(5.0, 40.0, 1000.0, 3000.0),
            log_likelihood(40.0, 5.0, 3000.0, 1000.0),
            1e-9,
        );
    }

    #[test]
    fn p_values_of_the_critical_values() {
        // Rayson's LL critical values: 3.84 → p < 0.05, 6.63 → 0.01, 10.83 → 0.001,
        // 15.13 → 0.0001.
        close(chi2_p_1df(3.841_459), 0.05, 1e-6);
        close(chi2_p_1df(6.634_897), 0.01, 1e-7);
        close(chi2_p_1df(10.827_566), 0.001, 1e-8);
        close(chi2_p_1df(15.136_705), 0.0001, 1e-9);
        assert_eq!(chi2_p_1df(0.0), 1.0);
    }

    #[test]
    fn log_ratio_is_hardies_binary_log() {
        // Hardie (2014): LR 1 = twice as frequent, 0 = equal, −1 = half.
        let (lr, lo, hi) = log_ratio(20.0, 10.0, 1000.0, 1000.0);
        close(lr, 1.0, 1e-12);
        // CI half-width 1.96 sqrt(1/20 + 1/10) / ln 2 = 1.96 · 0.387298 / 0.693147 = 1.095157
        close(hi - lr, 1.095_157, 1e-5);
        close(lr - lo, 1.095_157, 1e-5);
        close(log_ratio(10.0, 10.0, 500.0, 1000.0).0, 1.0, 1e-12);
        // Zero frequency replaced with 0.5 (Hardie): log2((8/1000)/(0.5/1000)) = 4
        close(log_ratio(8.0, 0.0, 1000.0, 1000.0).0, 4.0, 1e-12);
    }

    #[test]
    fn percent_diff_of_gabrielatos_and_marchi() {
        // NF_target = 3/1000, NF_ref = 1/1000: %DIFF = (3 − 1)·100/1 = 200.
        close(
            percent_diff(30.0, 10.0, 10_000.0, 10_000.0).unwrap(),
            200.0,
            1e-9,
        );
        close(
            percent_diff(5.0, 10.0, 10_000.0, 10_000.0).unwrap(),
            -50.0,
            1e-9,
        );
        assert_eq!(percent_diff(5.0, 0.0, 100.0, 100.0), None);
    }

    #[test]
    fn corrections() {
        let p = [0.01, 0.04, 0.03, 0.005];
        assert_eq!(
            adjust_p(&p, 4, Correction::Bonferroni),
            vec![0.04, 0.16, 0.12, 0.02]
        );
        // BH by hand: sorted 0.005, 0.01, 0.03, 0.04 → ×4/rank = 0.02, 0.02, 0.04, 0.04.
        let bh = adjust_p(&p, 4, Correction::BenjaminiHochberg);
        for (got, want) in bh.iter().zip([0.02, 0.04, 0.04, 0.02]) {
            close(*got, want, 1e-12);
        }
    }

    #[test]
    fn association_scores_by_hand() {
        // o=10, f_node=f_coll=100, N=10,000: E = 1; MI = log2 10 = 3.321928;
        // MI3 = log2 1000 = 9.965784; t = 9/sqrt(10) = 2.846050;
        // logDice (Rychlý 2008) = 14 + log2(20/200) = 10.678072.
        let s = association(10.0, 100.0, 100.0, 10_000.0);
        close(s.expected, 1.0, 1e-12);
        close(s.mi, std::f64::consts::LOG2_10, 1e-9); // log2 10 = 3.321928
        close(s.mi3, 9.965_784, 1e-6);
        close(s.t_score, 2.846_050, 1e-6);
        close(s.log_dice, 10.678_072, 1e-6);
        assert!(
            s.log_likelihood > 10.83,
            "clearly significant: {}",
            s.log_likelihood
        );
        // logDice maximum: the two words always occur together.
        close(association(50.0, 50.0, 50.0, 1e6).log_dice, 14.0, 1e-12);
    }

    #[test]
    fn dispersion_of_gries_2008_example() {
        // Gries (2008: 406) corpus of five 10-word parts; `a` occurs 1, 2, 3, 4, 5 times.
        // DP = ½(|1/15−.2| + |2/15−.2| + |3/15−.2| + |4/15−.2| + |5/15−.2|) = ½·6/15 = 0.2.
        // D: relative freqs .1 .. .5, mean .3, sd (population) .141421, V = .471405,
        // D = 1 − V/2 = 0.764298.
        let d = dispersion(&[1, 2, 3, 4, 5], &[10; 5]);
        close(d.dp, 0.2, 1e-12);
        close(d.juilland_d.unwrap(), 0.764_298, 1e-6);
        assert_eq!(d.range, 5);
        // Lijffijt & Gries (2012) example: three equal parts with 2/3, 1/3, 0 → DP = 1/3.
        let d = dispersion(&[2, 1, 0], &[100; 3]);
        close(d.dp, 1.0 / 3.0, 1e-12);
        assert_eq!(d.range, 2);
        // Perfectly even: DP 0, D 1.
        let d = dispersion(&[3, 6], &[100, 200]);
        close(d.dp, 0.0, 1e-12);
        close(d.juilland_d.unwrap(), 1.0, 1e-12);
    }
}
