//! carousel: turns Markdown posts into social-media carousels.
//!
//! Posts in `content/` are split on headings into slides ([`content`]), laid out with real
//! text measurement ([`text`], [`compose`]), templated into SVG with Tera ([`templates`]), and
//! rendered in parallel to PNG and PDF ([`render`], [`build`]). Everything a build needs that the
//! site does not provide (layouts, themes, fonts) is embedded ([`assets`]).

#![forbid(unsafe_code)]
#![allow(
    clippy::result_large_err,
    reason = "diagnostics carry file, line, hint and source line; they are the cold path"
)]

pub mod assets;
pub mod background;
pub mod build;
pub mod color;
pub mod compose;
pub mod config;
pub mod content;
pub mod error;
pub mod files;
pub mod finish;
pub mod fonts;
pub mod formats;
pub mod fuzzing;
pub mod gallery;
pub mod highlight;
pub mod images;
pub mod inspect;
pub mod logging;
pub mod output;
pub mod post_render;
pub mod prepare;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slide;
pub mod summary;
pub mod templates;
pub mod text;
pub mod theme;
pub mod timings;
pub mod toml_source;
pub mod watch;

pub use build::build;
pub use error::{Diagnostic, Error, Result, Severity};
pub use site::BuildOptions;
pub use summary::BuildReport;
