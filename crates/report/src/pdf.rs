//! Typesetting the report as PDF with Typst, embedded as a library.
//!
//! A small [`World`] serves exactly: the template (`/main.typ`), the report data
//! (`/report.json`), the chart SVGs (`/charts/<id>.svg`) and the embedded fonts. Nothing else
//! is reachable, so a template cannot read the user's files, and user text only ever enters
//! the document as JSON strings (never parsed as markup).

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::chart::{FONT_BOLD, FONT_OBLIQUE, FONT_REGULAR};
use crate::error::{Error, Result};

/// The built-in Typst template. It reads everything from `/report.json`.
pub const DEFAULT_TEMPLATE: &str = include_str!("../assets/report.typ");

/// The keyword that carries the lock file's hash, in PDF keywords and PNG text chunks.
pub const LOCK_KEYWORD: &str = "gazette-lock";

/// The files a template can read, besides itself.
pub struct PdfInputs<'a> {
    /// The template source (Typst markup).
    pub template: &'a str,
    /// The report data as JSON, served as `/report.json`.
    pub data_json: &'a str,
    /// Chart SVGs by id, served as `/charts/<id>.svg`.
    pub charts: &'a [(String, String)],
    /// Date returned by Typst's `datetime.today()`, as (year, month, day).
    pub today: Option<(i32, u8, u8)>,
    /// The hash of the lock file the report was built with: added to the PDF's keywords as
    /// `gazette-lock:<hash>` and used as the document identifier.
    pub lock_hash: Option<&'a str>,
}

/// A laid-out document: its page count, and the PDF bytes.
pub struct Typeset {
    /// The document, for rendering pages as images.
    pub document: PagedDocument,
    /// The PDF file.
    pub pdf: Vec<u8>,
}

struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<(i32, u8, u8)>,
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path)
        .map_err(|e| Error::Typst(format!("bad virtual path `{path}`: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

fn fonts() -> Vec<Font> {
    [FONT_REGULAR, FONT_BOLD, FONT_OBLIQUE]
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
}

impl ReportWorld {
    fn new(inputs: &PdfInputs<'_>) -> Result<ReportWorld> {
        let fonts = fonts();
        let book = FontBook::from_fonts(&fonts);
        let main = Source::new(file_id("/main.typ")?, inputs.template.to_string());
        let mut files = HashMap::new();
        files.insert(
            file_id("/report.json")?,
            Bytes::from_string(inputs.data_json.to_string()),
        );
        for (id, svg) in inputs.charts {
            files.insert(
                file_id(&format!("/charts/{id}.svg"))?,
                Bytes::from_string(svg.clone()),
            );
        }
        Ok(ReportWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            main,
            files,
            today: inputs.today,
        })
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if self.files.contains_key(&id) {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let (y, m, d) = self.today?;
        Datetime::from_ymd(y, m, d)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

/// Typesets the report and writes the PDF bytes.
///
/// # Errors
/// [`Error::Typst`] with the template's diagnostics when it does not compile.
pub fn typeset(inputs: &PdfInputs<'_>) -> Result<Typeset> {
    let world = ReportWorld::new(inputs)?;
    let result = typst::compile::<PagedDocument>(&world);
    let mut document = result
        .output
        .map_err(|diags| Error::Typst(describe(&world, &diags)))?;
    if let Some(hash) = inputs.lock_hash {
        let keyword = format!("{LOCK_KEYWORD}:{hash}");
        document.info_mut().keywords.push(keyword.into());
    }
    let ident = match inputs.lock_hash {
        Some(hash) => format!("gazette-report {hash}"),
        None => "gazette-report".into(),
    };
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("gazette {}", env!("CARGO_PKG_VERSION")))),
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|diags| Error::Typst(describe(&world, &diags)))?;
    Ok(Typeset { document, pdf })
}

/// Renders every page as a PNG at `dpi`.
///
/// # Errors
/// When a page cannot be encoded.
pub fn pages_png(document: &PagedDocument, dpi: f32) -> Result<Vec<Vec<u8>>> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: (dpi as f64 / 72.0).into(),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            // Pages are opaque (white fill), so premultiplied RGBA is plain RGBA: keep RGB.
            let rgb: Vec<u8> = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            crate::chart::encode_png(&rgb, pixmap.width(), pixmap.height())
        })
        .collect()
}

fn describe(world: &ReportWorld, diags: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        if d.severity != Severity::Error {
            continue;
        }
        let line = typst::WorldExt::range(world, d.span)
            .and_then(|r| world.main.lines().byte_to_line(r.start))
            .map(|l| format!("template line {}: ", l + 1))
            .unwrap_or_default();
        out.push_str(&format!("  {line}{}\n", d.message));
        for hint in &d.hints {
            out.push_str(&format!("  hint: {}\n", hint.v));
        }
    }
    out
}
