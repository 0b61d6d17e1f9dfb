//! The report model on text written for this test, and the files written from it.

use gazette_report::{Block, ReportInput, WriteOptions, build_report, write_report};
use gazette_types::Article;

fn articles() -> Vec<Article> {
    let texts = [
        (
            "a1",
            "Daily Ledger",
            "2021-10-01",
            "NATO said on Monday that the mission in Kabul would end. Defence Secretary Ben Wallace said \"the mission is over\". The alliance spent $5 billion on the mission.",
        ),
        (
            "a2",
            "Daily Ledger",
            "2021-11-03",
            "The mission ended in November. NATO officials said the alliance would review the mission and its budget of $5 billion.",
        ),
        (
            "b1",
            "Evening Post",
            "2021-10-02",
            "Russia criticised NATO. Foreign Minister Sergei Lavrov said Moscow saw no need to keep pretending. The Kremlin cut 20 diplomats.",
        ),
        (
            "b2",
            "Evening Post",
            "2021-12-05",
            "Sergei Lavrov said Russia would respond. The Kremlin said it had expelled 20 diplomats and spent $7 billion.",
        ),
    ];
    texts
        .iter()
        .map(|(id, src, date, text)| {
            let mut a = Article::new(*id, "", *text);
            a.source = src.to_string();
            a.published = Some(date.to_string());
            a
        })
        .collect()
}

#[test]
fn model_has_comparison_sections_for_two_sources() {
    let arts = articles();
    let mut input = ReportInput::new(&arts, "test corpus");
    input.watch = vec!["mission".into(), "nato".into()];
    let report = build_report(&input);
    let ids: Vec<&str> = report.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "overview", "terms", "keyness", "trends", "actors", "quotes", "figures", "method"
        ]
    );
    let sources: Vec<&str> = report.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sources, ["Daily Ledger", "Evening Post"]);
    let overview = report
        .tables()
        .find(|t| t.id == "overview-sources")
        .unwrap();
    assert_eq!(
        overview.rows[0][..2],
        ["Daily Ledger".to_string(), "2".to_string()]
    );
    // Snapshot of the model without the numbers that depend on the analysers' details.
    let outline: Vec<String> = report
        .sections
        .iter()
        .flat_map(|s| {
            s.blocks.iter().filter_map(move |b| match b {
                Block::Table(t) => Some(format!(
                    "{}: table {} {:?}",
                    s.id,
                    t.id,
                    t.columns.iter().map(|c| &c.name).collect::<Vec<_>>()
                )),
                Block::Chart(c) => Some(format!("{}: chart {} ({})", s.id, c.id, c.title)),
                _ => None,
            })
        })
        .collect();
    insta::assert_yaml_snapshot!("model_outline_two_sources", outline);
}

#[test]
fn one_undated_source_has_no_comparison_or_trends() {
    let mut arts = articles();
    for a in &mut arts {
        a.source = "Only".into();
        a.published = None;
    }
    let report = build_report(&ReportInput::new(&arts, "test corpus"));
    let ids: Vec<&str> = report.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["overview", "terms", "actors", "quotes", "figures", "method"]
    );
    assert!(report.charts().all(|c| !c.id.starts_with("keyness")));
}

#[test]
fn writes_pdf_charts_tables_deterministically() {
    let arts = articles();
    let report = build_report(&ReportInput::new(&arts, "test corpus"));
    let dir = tempfile_dir();
    let a = dir.join("a");
    let b = dir.join("b");
    let wa = write_report(&report, &a, &WriteOptions::default()).unwrap();
    let wb = write_report(&report, &b, &WriteOptions::default()).unwrap();
    assert_eq!(wa, wb);
    assert!(wa.pages >= 5, "{} pages", wa.pages);
    for f in &wa.files {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{}",
            f.display()
        );
    }
    // The PDF parses and has the pages and text Typst laid out.
    let pdf = lopdf::Document::load(a.join("report.pdf")).unwrap();
    assert_eq!(pdf.get_pages().len(), wa.pages);
    // PNG charts are twice the SVG size.
    let png = std::fs::read(a.join("charts/overview-sources.png")).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let chart = report
        .charts()
        .find(|c| c.id == "overview-sources")
        .unwrap();
    let (w, h) = gazette_report::chart_size(chart);
    assert_eq!((reader.info().width, reader.info().height), (2 * w, 2 * h));
    // A second run into the same folder is allowed (our marker), a foreign folder is not.
    write_report(&report, &a, &WriteOptions::default()).unwrap();
    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    let err = write_report(&report, &foreign, &WriteOptions::default()).unwrap_err();
    assert!(err.to_string().contains("--force"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn user_text_is_data_not_markup() {
    let mut arts = articles();
    arts[0].source = "#set page(width: 1cm) *bold* $x$ \"]".into();
    let report = build_report(&ReportInput::new(&arts, "#pagebreak() test"));
    let dir = tempfile_dir();
    let w = write_report(&report, &dir, &WriteOptions::default()).unwrap();
    assert!(w.pages >= 5);
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "gazette-report-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    d
}
