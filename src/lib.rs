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
mod background;
pub mod build;
mod cache;
mod color;
mod compose;
pub mod config;
mod content;
mod diagram;
mod error;
mod files;
mod finish;
pub mod fonts;
pub mod formats;
pub mod fuzzing;
mod gallery;
mod highlight;
mod images;
mod inspect;
mod ligatures;
mod lint;
pub mod logging;
mod output;
pub mod pdf;
mod pdf_stream;
mod post_render;
mod prepare;
mod publish;
pub mod render;
mod reuse;
pub mod scaffold;
mod select;
pub mod serve;
mod site;
mod slide;
mod slide_files;
mod suggest;
mod summary;
mod templates;
mod text;
pub mod theme;
mod timings;
mod toml_source;
pub mod watch;

pub use build::{build, check_site};
pub use error::{Diagnostic, Error, Result, Severity};
pub use site::BuildOptions;
pub use summary::BuildReport;
