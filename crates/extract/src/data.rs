//! The data files compiled into this crate (model, word clusters, aliases, gazetteers), so a
//! report can record exactly which ones it was built with.

use crate::actors::gazetteer::Category;

/// Every data file compiled into the crate, as (path under `crates/extract/data/`, bytes), in
/// a fixed order.
pub fn embedded() -> Vec<(String, &'static [u8])> {
    let mut files = vec![
        ("ner.model".to_string(), crate::actors::ner::EMBEDDED_MODEL),
        (
            "clusters.tsv".to_string(),
            crate::actors::ner::EMBEDDED_LEXICON.as_bytes(),
        ),
        (
            "aliases.toml".to_string(),
            crate::actors::registry::BUILTIN.as_bytes(),
        ),
    ];
    for c in Category::ALL {
        files.push((format!("gazetteers/{}", c.file()), c.source().as_bytes()));
    }
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_files_are_the_files_in_data() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let files = super::embedded();
        assert_eq!(files.len(), 13);
        for (name, bytes) in files {
            let on_disk = std::fs::read(dir.join(&name)).unwrap();
            assert!(on_disk == bytes, "{name} differs from the embedded copy");
        }
    }
}
