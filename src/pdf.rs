//! PDF writing for LinkedIn document carousels and for readers: one vector page per slide
//! (text stays selectable), written page by page so a slide's tree can be dropped once drawn.
//! The document carries the post's title, author (the brand name), subject (the caption),
//! keywords (the tags) and date; an outline with one entry per section; and a tag tree in which
//! every page is a figure whose alternative text is the slide's text, so a screen reader reads
//! each slide. Nothing depends on the clock: the same post gives the same bytes.

use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{ContentTag, Tag, TagGroup, TagTree};
use resvg::usvg::Tree;

/// A clickable area on a PDF page: x, y, width, height (slide pixels, origin top left) and URL.
pub type PdfLink = (f32, f32, f32, f32, String);

/// What the document says about itself.
#[derive(Debug, Clone, Default)]
pub struct PdfInfo {
    /// The post's title.
    pub title: String,
    /// Who wrote it (the brand name), if known.
    pub author: Option<String>,
    /// What it is about (the caption), if any.
    pub subject: Option<String>,
    /// The post's tags.
    pub keywords: Vec<String>,
    /// The post's date as written (`2026-11-20`, or a TOML date-time), if any.
    pub date: Option<String>,
}

/// One slide as a page.
#[derive(Debug, Clone, Copy)]
pub struct PdfPage<'a> {
    /// 1-based slide number, for errors.
    pub number: usize,
    /// Its clickable areas.
    pub links: &'a [PdfLink],
    /// All of its text, read out by screen readers.
    pub alt: &'a str,
    /// Its entry in the outline: the section's heading; `None` for a slide that continues the
    /// previous one's section.
    pub outline: Option<&'a str>,
}

/// A PDF being written page by page, so a post's slides can be drawn into it as they finish
/// and their trees dropped: memory grows with the PDF's bytes, not with the slides' trees.
pub struct PdfWriter {
    document: krilla::Document,
    outline: Outline,
    tags: TagTree,
    pages: usize,
}

impl PdfWriter {
    /// A new PDF described by `info`.
    pub fn new(info: &PdfInfo) -> PdfWriter {
        let mut document = krilla::Document::new();
        let mut metadata = Metadata::new()
            .title(info.title.clone())
            .creator("carousel".to_string());
        if let Some(author) = info.author.clone().filter(|a| !a.trim().is_empty()) {
            metadata = metadata.authors(vec![author]);
        }
        if let Some(subject) = info.subject.clone().filter(|s| !s.trim().is_empty()) {
            metadata = metadata.description(subject);
        }
        if !info.keywords.is_empty() {
            metadata = metadata.keywords(info.keywords.clone());
        }
        if let Some(date) = info.date.as_deref().and_then(parse_date) {
            metadata = metadata.creation_date(date);
        }
        document.set_metadata(metadata);
        PdfWriter {
            document,
            outline: Outline::new(),
            tags: TagTree::new(),
            pages: 0,
        }
    }

    /// Adds a page the size of `tree` showing one slide.
    pub fn add_page(&mut self, tree: &Tree, page_info: PdfPage<'_>) -> Result<(), String> {
        use krilla::action::LinkAction;
        use krilla::annotation::{LinkAnnotation, Target};
        use krilla::destination::XyzDestination;
        use krilla::geom::Point;
        use krilla::page::PageSettings;
        use krilla_svg::{SurfaceExt, SvgSettings};

        let number = page_info.number;
        let size = tree.size();
        let settings = PageSettings::from_wh(size.width(), size.height())
            .ok_or("failed to size a PDF page")?;
        let mut page = self.document.start_page_with(settings);
        let mut surface = page.surface();
        let pdf_size = krilla::geom::Size::from_wh(size.width(), size.height())
            .ok_or("failed to size a PDF page")?;
        let id = surface.start_tagged(ContentTag::Other);
        let drawn = surface.draw_svg(tree, pdf_size, SvgSettings::default());
        surface.end_tagged();
        surface.finish();
        drawn.ok_or_else(|| format!("failed to draw slide {number} into the PDF"))?;
        for (x, y, w, h, url) in page_info.links {
            if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                let target = Target::Action(LinkAction::new(url.clone()).into());
                page.add_annotation(LinkAnnotation::new(rect, target).into());
            }
        }
        page.finish();
        let mut figure = TagGroup::new(Tag::Figure(Some(page_info.alt.to_string())));
        figure.push(id);
        self.tags.push(figure);
        if let Some(heading) = page_info.outline.filter(|h| !h.trim().is_empty()) {
            let to = XyzDestination::new(self.pages, Point::from_xy(0.0, 0.0));
            self.outline
                .push_child(OutlineNode::new(heading.to_string(), to));
        }
        self.pages += 1;
        Ok(())
    }

    /// The PDF's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        self.document.set_outline(self.outline);
        self.document.set_tag_tree(self.tags);
        self.document
            .finish()
            .map_err(|e| format!("failed to write the PDF: {e:?}"))
    }
}

/// A post date (`2026-11-20`, or the date part of a date-time) as a PDF date.
fn parse_date(text: &str) -> Option<DateTime> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| DateTime::new(year).month(month).day(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_dates_become_pdf_dates() {
        // (written, parsed)
        let cases = [
            ("2026-11-20", true),
            ("2026-11-20T08:00:00Z", true),
            ("2026-13-01", false),
            ("yesterday", false),
            ("", false),
        ];
        for (text, ok) in cases {
            assert_eq!(parse_date(text).is_some(), ok, "{text}");
        }
    }
}
