//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Examples shown under `carousel --help`.
const EXAMPLES: &str = "\
Examples:
  carousel init my-site                  create a site with a config and a first post
  carousel new \"My first carousel\"       add a post (a draft) to content/
  carousel watch --serve                 rebuild as you edit, preview on http://127.0.0.1:8000/
  carousel build                         build every post that is not a draft into output/
  carousel build content/post.md         build one post (a path or a slug)
  carousel build --canvas instagram --theme midnight   try a canvas and a theme
  carousel check --message-format json   report overflow and shrunk text as JSON";

/// Turn Markdown posts into social-media carousels: one PNG per slide, one PDF per post.
#[derive(Debug, Parser)]
#[command(name = "carousel", version, about, long_about = None, after_help = EXAMPLES)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build every post in `content/` (drafts only with --drafts) into `output/`.
    #[command(
        after_help = "Examples:\n  carousel build\n  carousel build content/post.md my-other-post\n  \
                            carousel build --canvas square --theme citrus --output /tmp/try\n  \
                            carousel build --force --timings"
    )]
    Build(BuildArgs),
    /// Build everything in memory without writing, and report per post and slide: overflow,
    /// shrunk text, continuation slides, missing glyphs, images.
    #[command(
        after_help = "Examples:\n  carousel check\n  carousel check --deny warnings --message-format json"
    )]
    Check(CheckArgs),
    /// Build (drafts included), then rebuild what changes as you edit posts, layouts, themes,
    /// fonts or config.
    #[command(
        after_help = "Examples:\n  carousel watch --serve\n  carousel watch --serve --port 8080 --root my-site"
    )]
    Watch(WatchArgs),
    /// List the canvas formats with their sizes and platform limits.
    #[command(after_help = "Example:\n  carousel formats   # then: carousel build --canvas story")]
    Formats,
    /// List the themes: built-in ones and the site's own.
    #[command(
        after_help = "Example:\n  carousel themes --root my-site   # then: carousel build --theme citrus"
    )]
    Themes {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site: a commented `carousel.toml` and one example post. Refuses a folder
    /// that already holds a site unless --force (which still never overwrites a file).
    #[command(after_help = "Examples:\n  carousel init my-site\n  carousel init .")]
    Init {
        /// Where to create the site.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the missing files to a folder that already holds a site.
        #[arg(long)]
        force: bool,
    },
    /// Create `content/<slug>.md` for a new post (a draft), with its front matter filled in.
    #[command(after_help = "Example:\n  carousel new \"Five lessons from my first year\"")]
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

/// When to colour messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set, `CLICOLOR=0` or `TERM=dumb`.
    Auto,
    /// Always (also `CLICOLOR_FORCE=1`).
    Always,
    /// Never.
    Never,
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
    /// How to report: human-readable on stderr, or one JSON object on stdout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub message_format: OutputFormat,
    /// Deprecated spelling of --message-format.
    #[arg(long, hide = true, value_name = "human|json")]
    pub format: Option<String>,
    /// When to colour messages.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Use this theme for every post, whatever the config and the posts say.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Build every post in these canvas formats (repeatable, or comma-separated), whatever the
    /// config and the posts say.
    #[arg(long, value_name = "FORMAT", value_delimiter = ',')]
    pub canvas: Vec<String>,
    /// Write into this folder instead of the site's `output/`.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Options of `build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// Build only these posts: paths (`content/post.md`) or slugs (`post`). Other posts'
    /// output is left alone.
    #[arg(value_name = "POST")]
    pub posts: Vec<String>,
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
