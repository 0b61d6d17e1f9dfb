//! Reading CoNLL-2003 column files and writing them back with a predicted column.

use gazette_types::EntityType;

use super::{Pos, Tagger, make_tag};

/// One sentence of a CoNLL file with its gold tags (BILOU indices).
#[derive(Debug, Clone)]
pub struct ConllSentence {
    /// The tokens (first column).
    pub words: Vec<String>,
    /// Gold BILOU tag per token.
    pub(crate) tags: Vec<usize>,
    /// Index of the document (counted by `-DOCSTART-` lines).
    pub doc: usize,
}

fn parse_type(s: &str) -> Option<EntityType> {
    match s {
        "PER" => Some(EntityType::PER),
        "ORG" => Some(EntityType::ORG),
        "LOC" => Some(EntityType::LOC),
        "MISC" => Some(EntityType::MISC),
        _ => None,
    }
}

/// Converts IOB1/IOB2 tags (conlleval chunk rules) to BILOU indices.
fn to_bilou(iob: &[&str]) -> Vec<usize> {
    // Chunks as (start, end, type).
    let mut chunks: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, t) in iob.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, parse_type(ty)),
            None => ("O", None),
        };
        let starts = match (prefix, ty, open) {
            (_, None, _) => false,
            ("B", Some(_), _) => true,
            (_, Some(k), Some((_, ok))) => k != ok,
            (_, Some(_), None) => true,
        };
        if (ty.is_none() || starts)
            && let Some((s, k)) = open.take()
        {
            chunks.push((s, i, k));
        }
        if starts {
            open = ty.map(|k| (i, k));
        }
    }
    if let Some((s, k)) = open {
        chunks.push((s, iob.len(), k));
    }
    let mut tags = vec![0; iob.len()];
    for (s, e, k) in chunks {
        if e - s == 1 {
            tags[s] = make_tag(Pos::Unit, k);
        } else {
            tags[s] = make_tag(Pos::Begin, k);
            for t in &mut tags[s + 1..e - 1] {
                *t = make_tag(Pos::Inside, k);
            }
            tags[e - 1] = make_tag(Pos::Last, k);
        }
    }
    tags
}

/// Reads the sentences of a CoNLL-2003 file (token first, NER tag last).
pub fn read_conll(text: &str) -> Vec<ConllSentence> {
    let mut out = Vec::new();
    let mut doc = 0;
    let mut words: Vec<String> = Vec::new();
    let mut iob: Vec<&str> = Vec::new();
    let mut flush = |words: &mut Vec<String>, iob: &mut Vec<&str>, doc: usize| {
        if !words.is_empty() {
            out.push(ConllSentence {
                words: std::mem::take(words),
                tags: to_bilou(iob),
                doc,
            });
            iob.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut iob, doc);
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut iob, doc);
            doc += 1;
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or("");
        let tag = cols.last().unwrap_or("O");
        words.push(word.to_string());
        iob.push(tag);
    }
    flush(&mut words, &mut iob, doc);
    out
}

/// Tags a CoNLL file: every line unchanged, token lines with one more column, the predicted
/// IOB2 tag. Blank and `-DOCSTART-` lines are copied as they are.
pub fn tag_conll(tagger: &Tagger, text: &str) -> String {
    use rayon::prelude::*;
    // Split into blocks of token lines (sentences) and separator lines.
    let lines: Vec<&str> = text.lines().collect();
    // Documents (split at -DOCSTART-) of sentences (blocks of token lines).
    let mut docs: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("-DOCSTART-") {
            docs.push(Vec::new());
            i += 1;
            continue;
        }
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let s = i;
        while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].starts_with("-DOCSTART-")
        {
            i += 1;
        }
        docs.last_mut().expect("at least one document").push((s, i));
    }
    let tagged_docs: Vec<Vec<Vec<String>>> = docs
        .par_iter()
        .map(|blocks| {
            let words: Vec<Vec<&str>> = blocks
                .iter()
                .map(|&(s, e)| {
                    lines[s..e]
                        .iter()
                        .map(|l| l.split_whitespace().next().unwrap_or(""))
                        .collect()
                })
                .collect();
            let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            tagger.tag_document_iob2(&refs)
        })
        .collect();
    let blocks: Vec<(usize, usize)> = docs.into_iter().flatten().collect();
    let tagged: Vec<Vec<String>> = tagged_docs.into_iter().flatten().collect();
    let mut tag_of: Vec<Option<&str>> = vec![None; lines.len()];
    for ((s, _), tags) in blocks.iter().zip(&tagged) {
        for (k, t) in tags.iter().enumerate() {
            tag_of[s + k] = Some(t);
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 3);
    for (line, tag) in lines.iter().zip(tag_of) {
        out.push_str(line);
        if let Some(t) = tag {
            out.push(' ');
            out.push_str(t);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_chunks_become_bilou() {
        let tags = to_bilou(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]);
        let per_b = make_tag(Pos::Begin, EntityType::PER);
        let per_l = make_tag(Pos::Last, EntityType::PER);
        let loc_u = make_tag(Pos::Unit, EntityType::LOC);
        let org_u = make_tag(Pos::Unit, EntityType::ORG);
        assert_eq!(tags, vec![per_b, per_l, 0, loc_u, loc_u, org_u]);
    }

    #[test]
    fn sentences_and_documents() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n\
                    -DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\n";
        let s = read_conll(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["EU", "rejects"]);
        assert_eq!((s[0].doc, s[1].doc), (1, 2));
    }
}

#[cfg(test)]
mod eval_tests {
    /// Writes `tag_conll` output for `CONLL_IN` to `CONLL_OUT` and prints the one-thread
    /// tagging speed: `CONLL_IN=… CONLL_OUT=… cargo test --release -p gazette-extract
    /// conll_from_env -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn conll_from_env() {
        let (Ok(inp), Ok(out)) = (std::env::var("CONLL_IN"), std::env::var("CONLL_OUT")) else {
            return;
        };
        let text = std::fs::read_to_string(inp).unwrap();
        let tagger = super::Tagger::embedded();
        std::fs::write(out, super::tag_conll(&tagger, &text)).unwrap();
        let sents = super::read_conll(&text);
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
        let n: usize = words.iter().map(Vec::len).sum();
        let t = std::time::Instant::now();
        let mut ents = 0;
        for chunk in refs.chunks(20) {
            ents += tagger
                .tag_document(chunk)
                .iter()
                .map(Vec::len)
                .sum::<usize>();
        }
        let secs = t.elapsed().as_secs_f64();
        eprintln!(
            "{n} tokens, {ents} entities in {secs:.3} s: {:.0} tokens/s (one thread)",
            n as f64 / secs
        );
    }
}
