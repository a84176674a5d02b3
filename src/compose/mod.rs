//! Composition: turns a post's slides into pages of positioned elements for the templates.
//!
//! The entry point and the dispatch of each slide to its layout live here; the pieces below are
//! one-way: layouts (`cover`, `cards`, `columns`, `media`, `quote`, `stat`, `outro`) use the
//! frame and flow (`frame`, `flow`, `split`), which use block layout (`blocks`, `code`,
//! `table`), which uses the composer and rows (`composer`, `rows`, `element`). Nothing imports
//! this file back.

mod backdrop;
mod blocks;
mod brand;
mod cards;
mod chart;
mod chart_data;
mod chart_kinds;
mod chrome;
mod code;
mod code_wrap;
mod columns;
mod composer;
mod cover;
mod direction;
mod element;
mod figure;
mod fill;
mod flow;
mod frame;
mod keep;
mod labels;
pub(crate) mod layout;
mod line_chart;
mod media;
mod outro;
mod page;
mod paginate;
pub(crate) mod pattern;
mod pie_chart;
mod quote;
mod rows;
mod scrim;
mod section;
mod sentences;
mod series;
mod split;
mod stat;
mod statement;
mod table;
mod table_widths;
mod type_scale;

use crate::config::OutroConfig;
use crate::content::{Slide, SlideKind};
use crate::error::Diagnostic;

pub(crate) use composer::ComposeCtx;
pub(crate) use element::Element;
pub(crate) use fill::Behind;
pub(crate) use page::{Composed, Note, Page, Template, Variant};

use composer::Composer;
use layout::Layout;
use series::Choice;

/// Heading class that hides the counter and progress bar on a slide.
pub(crate) const NO_COUNTER: &str = "no-counter";

/// Composes every slide of a post; `outro` adds the closing slide.
pub(crate) fn compose(
    ctx: &ComposeCtx<'_>,
    slides: &[Slide],
    outro: Option<&OutroConfig>,
) -> Result<Composed, Diagnostic> {
    let mut c = Composer::new(*ctx, ctx.fonts);
    let title = slides
        .first()
        .and_then(|s| s.heading.as_deref())
        .map(crate::content::markup::plain_text)
        .unwrap_or_default();
    let (labels, unknown) = labels::Labels::resolve(ctx.lang, &title, ctx.labels);
    c.labels = labels.drawable(|ch| c.shaper.fallback(ch).is_some(), ctx.labels);
    let (fills, outro_fill) = backdrop::fills(&c, slides)?;
    let mut choices = series::choices(slides);
    quotes_alike(&mut c, slides, &fills, &mut choices);
    let (mut pages, mut warnings) = slide_pages_of(&mut c, slides, &fills, &choices)?;
    // One type scale per carousel: set the post again when its slides drifted.
    if let Some(planned) = type_scale::plan(&c.fitted) {
        c.type_scale = Some(planned);
        c.missing.clear();
        (pages, warnings) = slide_pages_of(&mut c, slides, &fills, &choices)?;
    }
    // The post reads right to left when its cover does.
    c.rtl = slides
        .first()
        .is_some_and(|s| direction::slide_is_rtl(ctx.dir, s));
    if let Some(outro) = outro {
        let (page, note) = outro_page(&mut c, outro, outro_fill);
        pages.push(page);
        warnings.extend(note);
    }
    warnings.extend(unknown.map(|tag| Note {
        offset: 0,
        message: format!(
            "no built-in words for language `{tag}`: slides say `{}` and `{}`",
            c.labels.continued, c.labels.swipe
        ),
        hint: "set them under `[labels]` in carousel.toml (`continued`, `swipe`)",
    }));
    add_chrome(&mut c, &mut pages);
    backdrop::finish(&mut c, &mut pages)?;
    let mut missing = c.missing;
    missing.sort_unstable();
    missing.dedup();
    Ok(Composed {
        pages,
        missing,
        warnings,
    })
}

/// Sets a post's quotes alike: when some quote slide does not fit the quote layout (it falls
/// back to a blockquote in the content layout), the others chosen for it from their content
/// (not by a `{.quote}` class) fall back too.
fn quotes_alike(
    c: &mut Composer<'_, '_>,
    slides: &[Slide],
    fills: &[Option<fill::Fill>],
    choices: &mut [Choice],
) {
    let chosen = |i: usize| {
        choices[i].layout == Layout::Quote && !slides[i].classes.iter().any(|k| k == "quote")
    };
    let quotes: Vec<usize> = (0..slides.len()).filter(|&i| chosen(i)).collect();
    if quotes.len() < 2 {
        return;
    }
    // Trial compositions: what they note is dropped.
    let (missing, warnings) = (c.missing.len(), c.warnings.len());
    let fits = |c: &mut Composer<'_, '_>, i: usize| match &fills[i] {
        Some(fill) => with_theme(c, &fill.theme, |c| quote::page(c, &slides[i]).is_some()),
        None => quote::page(c, &slides[i]).is_some(),
    };
    let all_fit = quotes.iter().all(|&i| fits(c, i));
    c.missing.truncate(missing);
    c.warnings.truncate(warnings);
    if !all_fit {
        for i in quotes {
            choices[i].layout = Layout::Content;
        }
    }
}

/// The pages of every slide of a post over their fills, in the layouts chosen, and the notes
/// composing them raised.
fn slide_pages_of(
    c: &mut Composer<'_, '_>,
    slides: &[Slide],
    fills: &[Option<fill::Fill>],
    choices: &[Choice],
) -> Result<(Vec<Page>, Vec<Note>), Diagnostic> {
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    for ((slide, fill), choice) in slides.iter().zip(fills).zip(choices.iter().copied()) {
        c.rtl = direction::slide_is_rtl(c.ctx.dir, slide);
        let before = c.missing.len();
        let mut new = match &fill {
            Some(fill) => with_theme(c, &fill.theme, |c| kind_pages(c, slide, choice))?,
            None => kind_pages(c, slide, choice)?,
        };
        let mut missing = c.missing[before..].to_vec();
        missing.sort_unstable();
        missing.dedup();
        for page in &mut new {
            page.missing = missing.clone();
            page.classes = slide.classes.clone();
            page.rtl = c.rtl;
            page.fill = fill.clone();
        }
        pages.extend(new);
        for (message, hint) in c.warnings.drain(..) {
            let note = Note {
                offset: slide.offset,
                message,
                hint,
            };
            if !warnings.contains(&note) {
                warnings.push(note);
            }
        }
    }
    Ok((pages, warnings))
}

/// The outro page over `fill`, and a note when parts of it were left out.
fn outro_page(
    c: &mut Composer<'_, '_>,
    outro: &OutroConfig,
    fill: Option<fill::Fill>,
) -> (Page, Option<Note>) {
    let (mut page, left_out) = match &fill {
        Some(fill) => with_theme(c, &fill.theme, |c| outro::page(c, outro)),
        None => outro::page(c, outro),
    };
    page.fill = fill;
    if left_out.is_empty() {
        return (page, None);
    }
    let names: Vec<&str> = left_out.iter().map(|p| p.name()).collect();
    let note = Note {
        offset: 0,
        message: format!(
            "outro: no room for its {} in `{}`; left out",
            names.join(", "),
            c.format().name
        ),
        hint: "shorten the outro in carousel.toml, or hide parts of it",
    };
    (page, Some(note))
}

/// The pages of a cover or content slide.
fn kind_pages(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    choice: Choice,
) -> Result<Vec<Page>, Diagnostic> {
    match slide.kind {
        SlideKind::Cover => cover::pages(c, slide),
        _ => slide_pages(c, slide, choice),
    }
}

/// The pages of a content slide in its layout; a layout the content does not fit falls back to
/// the content layout, which continues over several slides.
fn slide_pages(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    choice: Choice,
) -> Result<Vec<Page>, Diagnostic> {
    // Only the content flow sets footnotes: a slide citing one is set in it, never without it.
    let chosen = match choice.layout {
        Layout::Content | Layout::Code | Layout::Diagram => choice.layout,
        _ if !slide.notes.is_empty() => Layout::Content,
        other => other,
    };
    let page = match chosen {
        Layout::Quote => quote::page(c, slide),
        Layout::Stat => stat::page(c, slide),
        Layout::Statement => statement::page(c, slide, choice.limits),
        Layout::List => cards::page(c, slide),
        Layout::Columns => columns::page(c, slide)?,
        Layout::Image(side) => media::page(c, slide, side)?,
        Layout::Chart => match chart_kinds::Kind::from_classes(&slide.classes) {
            Some(kind) => chart_kinds::page(c, slide, kind)?,
            None => chart::page(c, slide)?,
        },
        Layout::Content | Layout::Code | Layout::Diagram => None,
    };
    let format = c.format();
    if let Some(mut page) = page {
        page.layout = chosen.template();
        flow::centre_on_tall(format, &mut page);
        return Ok(vec![page]);
    }
    let window = chosen == Layout::Code;
    let mut pages = section::content_pages(c, slide, window)?;
    if window || chosen == Layout::Diagram {
        for page in &mut pages {
            page.layout = chosen.template();
        }
    }
    if let [page] = pages.as_mut_slice() {
        flow::centre_on_tall(format, page);
    }
    Ok(pages)
}

/// Gives every page its header and footer, now that the number of pages is known. Chrome over a
/// full-bleed image is set in white on the layout's scrims.
fn add_chrome(c: &mut Composer<'_, '_>, pages: &mut [Page]) {
    let total = pages.len();
    let on_image = media::on_image_theme(c.theme());
    for (i, page) in pages.iter_mut().enumerate() {
        let counter = !page.classes.iter().any(|class| class == NO_COUNTER);
        let (header, footer) = match &page.fill {
            _ if page.variant == Some(Variant::Full) => {
                with_theme(c, &on_image, |c| c.chrome(page.kind, i + 1, total, counter))
            }
            Some(fill) => with_theme(c, &fill.theme, |c| {
                c.chrome(page.kind, i + 1, total, counter)
            }),
            _ => c.chrome(page.kind, i + 1, total, counter),
        };
        page.header = header;
        page.footer = footer;
        if c.rtl {
            // A right-to-left post mirrors its chrome: brand at the right, counter and progress
            // from the right, the swipe cue at the left pointing left.
            // Mirrored within the margins, which some formats set unevenly (Stories).
            let f = c.format();
            let (left, right) = (f.margin_left, f.width - f.margin_right);
            for el in page.header.iter_mut().chain(page.footer.iter_mut()) {
                el.mirror_x(left, right);
            }
        }
    }
}

/// Runs `f` with a composer that reads `theme` instead of the site's, sharing the shaper and
/// what composition collects (characters no font covers, card ids, warnings).
fn with_theme<'f, T>(
    c: &mut Composer<'_, 'f>,
    theme: &crate::theme::Theme,
    f: impl FnOnce(&mut Composer<'_, 'f>) -> T,
) -> T {
    let fonts = c.shaper.fonts();
    let shaper = std::mem::replace(&mut c.shaper, crate::text::Shaper::new(fonts));
    let mut themed = Composer {
        ctx: ComposeCtx { theme, ..c.ctx },
        shaper,
        missing: std::mem::take(&mut c.missing),
        cards: c.cards,
        warnings: std::mem::take(&mut c.warnings),
        rtl: c.rtl,
        type_scale: c.type_scale,
        fitted: std::mem::take(&mut c.fitted),
        labels: c.labels.clone(),
    };
    let out = f(&mut themed);
    c.shaper = themed.shaper;
    c.missing = themed.missing;
    c.cards = themed.cards;
    c.warnings = themed.warnings;
    c.fitted = themed.fitted;
    out
}
