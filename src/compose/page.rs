//! The composed page: what composition hands to the render stage for one output slide, with the
//! typed layout template and variant it asks for.

use serde::Serialize;

use crate::content::SlideKind;

use super::element::Element;

/// A layout template a page asks for besides its kind's own (used when the site or theme has
/// it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Template {
    /// `quote.svg`.
    Quote,
    /// `stat.svg`.
    Stat,
    /// `code.svg`.
    Code,
    /// `list.svg`.
    List,
    /// `columns.svg`.
    Columns,
    /// `image.svg`.
    Image,
    /// `diagram.svg`.
    Diagram,
}

impl Template {
    /// The template's file stem.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Template::Quote => "quote",
            Template::Stat => "stat",
            Template::Code => "code",
            Template::List => "list",
            Template::Columns => "columns",
            Template::Image => "image",
            Template::Diagram => "diagram",
        }
    }
}

/// How an image page places its image (templates read it as `slide.variant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Variant {
    /// Full-bleed, text on a scrim.
    Full,
    /// Above the text.
    Top,
    /// Left of the text.
    Left,
    /// Right of the text.
    Right,
}

/// One output slide, composed: content, chrome and everything its layout template needs.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    /// Cover, content or outro.
    pub kind: SlideKind,
    /// Positioned content elements.
    pub content: Vec<Element>,
    /// The slide's heading as plain text.
    pub heading: String,
    /// All the slide's text, for the platforms' alt-text field.
    pub alt: String,
    /// Byte offset of the slide's source in the post file.
    #[serde(skip)]
    pub offset: usize,
    /// True for the second and later slides of a continued section.
    pub continued: bool,
    /// The scale auto-fit settled on (1.0 = preferred sizes).
    pub scale: f32,
    /// Laid out by the content flow, at the post's type scale (not a quote, statement, card
    /// list or other layout with sizes of its own).
    #[serde(skip)]
    pub flow: bool,
    /// Characters of this slide that no loaded font covers.
    pub missing: Vec<char>,
    /// A layout chosen by composition (e.g. `quote`), used when the site or theme has it.
    pub layout: Option<Template>,
    /// Where a layout's decoration anchors (the top of the quote mark on quote slides, the top
    /// of the text scrim on full-bleed image slides, the top of the text on the cover).
    pub mark_y: f32,
    /// A layout's variant, e.g. `full`, `left` or `right` for image slides.
    pub variant: Option<Variant>,
    /// Elements drawn under the layout's decoration (a full-bleed image).
    pub backdrop: Vec<Element>,
    /// Bottom of the content stacked from the top of the content box; 0 when the layout
    /// places its content itself.
    pub used: f32,
    /// Classes of the slide's heading (`## Title {.quote}`), which may name its layout.
    pub classes: Vec<String>,
    /// Header band: brand kit, logo.
    pub header: Vec<Element>,
    /// Footer band: counter, progress, website, swipe cue.
    pub footer: Vec<Element>,
    /// The slide reads right to left: layouts mirror their decoration.
    pub rtl: bool,
    /// The colour or photo the post put behind this page (drawn as `backdrop`).
    #[serde(skip)]
    pub fill: Option<super::fill::Fill>,
}

impl Page {
    /// An empty page of `kind` whose source starts at `offset`.
    pub(crate) fn new(kind: SlideKind, offset: usize) -> Page {
        Page {
            kind,
            content: Vec::new(),
            heading: String::new(),
            alt: String::new(),
            offset,
            continued: false,
            scale: 1.0,
            flow: false,
            missing: Vec::new(),
            layout: None,
            mark_y: 0.0,
            variant: None,
            backdrop: Vec::new(),
            used: 0.0,
            classes: Vec::new(),
            header: Vec::new(),
            rtl: false,
            footer: Vec::new(),
            fill: None,
        }
    }
}

/// Pages of one post plus what layout noticed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Composed {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Characters no font covers.
    pub missing: Vec<char>,
    /// What the author should know: parts left out, words broken in tables.
    pub warnings: Vec<Note>,
}

/// Something composition did that the author should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// Byte offset in the post of the slide it is about (0 for the outro).
    pub offset: usize,
    /// What happened.
    pub message: String,
    /// What the author can do about it.
    pub hint: &'static str,
}
