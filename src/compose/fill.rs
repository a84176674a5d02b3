//! What is behind a page: the plain data composition hands along for a post's backgrounds
//! (front matter `background` and `panorama`, a slide's `bg`), shared by the composer, the
//! page and the modules that draw and measure them.

use std::sync::Arc;

use resvg::tiny_skia::Pixmap;

use crate::content::Panorama;
use crate::theme::Theme;

/// What the post asks to have behind its slides, besides each slide's own `bg`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Behind<'a> {
    /// Front matter `background`: behind every slide, the outro included.
    pub all: Option<&'a str>,
    /// Front matter `panorama`.
    pub panorama: Option<&'a Panorama>,
    /// Byte offset of the front matter in the post, for errors about these keys.
    pub offset: usize,
}

/// What one page has behind it, and the theme its text and chrome are set in there.
#[derive(Debug, Clone)]
pub(crate) struct Fill {
    /// The post's theme re-coloured so its text reads on the fill (or its scrim).
    pub theme: Box<Theme>,
    /// The fill.
    pub kind: FillKind,
}

/// A page's fill.
#[derive(Debug, Clone)]
pub(crate) enum FillKind {
    /// A flat colour, `#RRGGBB`.
    Colour(String),
    /// A photo cropped to fill the canvas, under a scrim of colour `scrim`.
    Photo {
        /// The photo at the slide's size.
        photo: Arc<Photo>,
        /// The scrim's colour, `#RRGGBB`.
        scrim: String,
    },
    /// The page's slice of the post's panorama (drawn once the number of pages is known).
    Panorama {
        /// The panorama image as a `data:` URL.
        href: Arc<str>,
        /// The scrim's colour, `#RRGGBB`.
        scrim: String,
    },
}

/// A background image drawn at a slide's pixel size over the theme's background colour: what
/// the scrim is measured on, and (as a JPEG) what the slide draws.
pub(crate) struct Photo {
    /// The opaque pixels.
    pub pixmap: Pixmap,
    /// The pixels as a JPEG `data:` URL.
    pub href: String,
    /// Mean relative luminance.
    pub luminance: f64,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Photo({}x{})", self.pixmap.width(), self.pixmap.height())
    }
}
