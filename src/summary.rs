//! What a build produced: per post and per slide, with every diagnostic and the time taken.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::error::Diagnostic;
use crate::timings::StageTimes;

/// What one post produced.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PostSummary {
    /// Output folder name.
    pub slug: String,
    /// Output folder under `output/`: the slug, or `<slug>/<format>`.
    pub dir: String,
    /// Canvas format name.
    pub format: String,
    /// Source file relative to the site.
    pub source: PathBuf,
    /// Number of slides.
    pub slides: usize,
    /// True when every slide and the PDF were written.
    pub ok: bool,
    /// Files written, relative to the site.
    pub files: Vec<PathBuf>,
    /// Per slide: what fitting did and what inspection found.
    pub pages: Vec<PageSummary>,
}

/// What happened to one slide.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PageSummary {
    /// 1-based slide number.
    pub number: usize,
    /// Cover, content or outro.
    pub kind: crate::content::SlideKind,
    /// The heading.
    pub heading: String,
    /// All the slide's text.
    pub alt: String,
    /// Auto-fit scale: 1.0 at the theme's preferred sizes, less when shrunk.
    pub scale: f32,
    /// Laid out by the content flow at the post's type scale (not a layout with sizes of its
    /// own: a quote, a statement, a card list).
    #[serde(default)]
    pub flow: bool,
    /// True for a continuation of the previous slide's section.
    pub continued: bool,
    /// Overflow, overlaps and missing glyphs found in the rendered slide.
    pub findings: crate::inspect::Findings,
}

/// The outcome of a build.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// One entry per post that was composed.
    pub posts: Vec<PostSummary>,
    /// Every error and warning, sorted by file and line (in JSON, next to the report).
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// Slides rendered.
    pub slides: usize,
    /// Slides reused from the build cache: their files were already up to date and were not
    /// rendered or rewritten (`reused` in JSON; the rest were rendered).
    #[serde(rename = "reused")]
    pub unchanged: usize,
    /// Slides rendered (parsed, rasterised, encoded and written, or checked).
    pub rendered: usize,
    /// Drafts left out (build them with `--drafts`).
    #[serde(rename = "drafts_skipped")]
    pub drafts: usize,
    /// Time per stage, summed over tasks.
    pub timings: StageTimes,
    /// Wall time (`elapsed_ms` in JSON).
    #[serde(rename = "elapsed_ms", serialize_with = "as_millis")]
    pub elapsed: Duration,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

impl BuildReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}
