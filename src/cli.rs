//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn Markdown posts into social-media carousels: one PNG per slide, one PDF per post.
#[derive(Debug, Parser)]
#[command(name = "carousel", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build every post in `content/` into `output/`.
    Build(BuildArgs),
    /// Build everything in memory without writing, and report per post and slide: overflow,
    /// shrunk text, continuation slides, missing glyphs, images.
    Check(CheckArgs),
    /// Build, then rebuild what changes as you edit posts, layouts, themes, fonts or config.
    Watch(WatchArgs),
    /// List the canvas formats with their sizes and platform limits.
    Formats,
    /// List the themes: built-in ones and the site's own.
    Themes {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site: a commented `carousel.toml` and one example post. Never overwrites.
    Init {
        /// Where to create the site.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create `content/<slug>.md` for a new post, with its front matter filled in.
    New {
        /// The post's title.
        title: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// How to print the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Human-readable diagnostics and a summary line.
    Human,
    /// A JSON summary on stdout (diagnostics included).
    Json,
}

/// Which diagnostics fail `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings fail the check too.
    Warnings,
}

/// Options shared by commands that build the site.
#[derive(Debug, clap::Args)]
pub(crate) struct SiteArgs {
    /// The site folder (holding `content/` and optionally `carousel.toml`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Also build posts marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// An extra font folder (repeatable), searched after the site's `fonts/`.
    #[arg(long = "fonts", value_name = "DIR")]
    pub fonts: Vec<PathBuf>,
    /// Never fall back to the system's fonts.
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Output style.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// Options of `build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// The site and how to report.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print the time spent per stage (summed over threads) and per slide.
    #[arg(long)]
    pub timings: bool,
    /// Render every slide again, ignoring the build cache (`output/.carousel-cache`).
    #[arg(long)]
    pub force: bool,
}

/// Options of `watch`.
#[derive(Debug, clap::Args)]
pub(crate) struct WatchArgs {
    /// The site and how to report.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also serve the gallery on 127.0.0.1, reloading the page after every rebuild.
    #[arg(long)]
    pub serve: bool,
    /// Port for `--serve`.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

/// Options of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The site and how to report.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Exit non-zero on warnings as well as errors.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}
