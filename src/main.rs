//! The `carousel` binary: parse arguments, run the command, print diagnostics, set the exit code.

mod cli;
mod report;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

use carousel::{BuildOptions, BuildReport};
use cli::{Cli, ColorChoice, Command, Deny, OutputFormat, SiteArgs, WatchArgs};

/// Exit code of a command line that cannot be run as given (clap's, for a bad argument).
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    carousel::logging::install();
    // Panics inside a slide's render are caught and reported as that slide's error; the default
    // hook would print a backtrace as well.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    let color = use_color(ColorChoice::Auto);
    match cli.command {
        Command::Build(args) => {
            let Some(format) = message_format(&args.site) else {
                return ExitCode::from(USAGE_ERROR);
            };
            let options = BuildOptions {
                force: args.force,
                select: args.posts.clone(),
                ..options(&args.site, true)
            };
            let print = if args.timings {
                report::print_build_with_timings
            } else {
                report::print_build
            };
            run(&options, (format, use_color(args.site.color)), false, print)
        }
        Command::Watch(args) => watch(&args),
        Command::Init { dir, force } => init(&dir, force),
        Command::Formats => {
            print!("{}", report::formats());
            ExitCode::SUCCESS
        }
        Command::Themes { root } => match report::themes(&root) {
            Ok(list) => {
                print!("{list}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Command::New { title, root } => match carousel::scaffold::new_post(&root, &title) {
            Ok(path) => {
                eprintln!(
                    "created {} (a draft: `carousel watch` shows it; `build` skips it until you remove `draft = true`)",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("{}", d.render(color));
                ExitCode::FAILURE
            }
        },
        Command::Check(args) => {
            let Some(format) = message_format(&args.site) else {
                return ExitCode::from(USAGE_ERROR);
            };
            let options = options(&args.site, false);
            let deny_warnings = args.deny == Some(Deny::Warnings);
            let style = (format, use_color(args.site.color));
            run(&options, style, deny_warnings, report::print_check)
        }
    }
}

/// Whether to colour messages on stderr: `--color`, then the conventions (`CLICOLOR_FORCE`,
/// `NO_COLOR`, `CLICOLOR=0`, `TERM=dumb`), then whether stderr is a terminal.
fn use_color(choice: ColorChoice) -> bool {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                return true;
            }
            let off = var("NO_COLOR").is_some()
                || var("CLICOLOR").as_deref() == Some("0")
                || var("TERM").as_deref() == Some("dumb");
            !off && std::io::stderr().is_terminal()
        }
    }
}

/// The report style: `--message-format`, or the deprecated `--format human|json` with a
/// warning; `None` (after saying why) for `--format` given a canvas name.
fn message_format(site: &SiteArgs) -> Option<OutputFormat> {
    let Some(old) = &site.format else {
        return Some(site.message_format);
    };
    match old.to_ascii_lowercase().as_str() {
        style @ ("human" | "json") => {
            eprintln!("warning: `--format` is deprecated: use `--message-format {style}`");
            Some(if style == "json" {
                OutputFormat::Json
            } else {
                OutputFormat::Human
            })
        }
        _ => {
            eprintln!(
                "error: `--format` chooses how to report (now `--message-format human|json`), \
                 not the canvas\nhint: to build in the `{old}` canvas, use `--canvas {old}`"
            );
            None
        }
    }
}

fn options(site: &SiteArgs, write: bool) -> BuildOptions {
    BuildOptions {
        drafts: site.drafts,
        write,
        progress: site.message_format == OutputFormat::Human && site.format.is_none(),
        font_dirs: site.fonts.clone(),
        system_fonts: !site.no_system_fonts,
        theme: site.theme.clone(),
        canvas: site.canvas.clone(),
        output: site.output.clone(),
        ..BuildOptions::new(&site.root)
    }
}

/// Scaffolds a site and says what to run next.
fn init(dir: &std::path::Path, force: bool) -> ExitCode {
    use carousel::scaffold::Outcome;
    match carousel::scaffold::init(dir, force) {
        Ok(outcomes) => {
            for o in outcomes {
                match o {
                    Outcome::Created(p) => eprintln!("created {}", p.display()),
                    Outcome::Kept(p) => eprintln!("kept {} (it already exists)", p.display()),
                }
            }
            eprintln!("next: carousel watch --serve --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(use_color(ColorChoice::Auto)));
            ExitCode::FAILURE
        }
    }
}

/// Watches the site until Ctrl-C, printing diagnostics and one status line per rebuild, and
/// with `--serve` serving the gallery with live reload.
fn watch(args: &WatchArgs) -> ExitCode {
    let site = &args.site;
    let options = BuildOptions {
        progress: false,
        ..options(site, true)
    };
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed)) {
        eprintln!("error: failed to install the Ctrl-C handler: {e}");
        return ExitCode::FAILURE;
    }
    let color = use_color(site.color);
    if let Err(e) = carousel::check_site(&site.root) {
        return print_error(e, color);
    }
    let live = Arc::new(carousel::serve::LiveState::default());
    let _preview = if args.serve {
        match carousel::serve::start(&options.output_dir(), args.port, live.clone()) {
            Ok(p) => {
                eprintln!("serving the gallery on http://{}/", p.addr);
                Some(p)
            }
            Err(e) => return print_error(e, color),
        }
    } else {
        None
    };
    eprintln!("watching {} (Ctrl-C to stop)", site.root.display());
    let result = carousel::watch::run(&options, &stop, |cycle| {
        report::print_cycle(cycle, color);
        live.publish(report::cycle_errors(cycle));
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => print_error(e, color),
    }
}

fn print_error(e: carousel::Error, color: bool) -> ExitCode {
    for d in e.into_diagnostics() {
        eprintln!("{}", d.render(color));
    }
    ExitCode::FAILURE
}

/// Runs a build and prints its report; exit code 1 on errors (or on warnings when denied).
fn run(
    options: &BuildOptions,
    (format, color): (OutputFormat, bool),
    deny_warnings: bool,
    print: fn(&BuildReport, OutputFormat, bool),
) -> ExitCode {
    match carousel::build(options) {
        Ok(report) => {
            print(&report, format, color);
            let failed = report.errors() > 0 || (deny_warnings && !report.diagnostics.is_empty());
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            let diagnostics = e.into_diagnostics();
            if format == OutputFormat::Json {
                report::print_envelope(false, &diagnostics, None);
            }
            for d in &diagnostics {
                eprintln!("{}", d.render(color));
            }
            ExitCode::FAILURE
        }
    }
}
