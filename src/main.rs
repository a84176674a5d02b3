//! The `carousel` binary: parse arguments, run the command, print diagnostics, set the exit code.

mod cli;
mod report;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

use carousel::{BuildOptions, BuildReport};
use cli::{Cli, Command, Deny, OutputFormat, SiteArgs, WatchArgs};

fn main() -> ExitCode {
    carousel::logging::install();
    // Panics inside a slide's render are caught and reported as that slide's error; the default
    // hook would print a backtrace as well.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                force: args.force,
                ..options(&args.site, true)
            };
            let print = if args.timings {
                report::print_build_with_timings
            } else {
                report::print_build
            };
            run(&options, args.site.format, false, print)
        }
        Command::Watch(args) => watch(&args),
        Command::Init { dir } => init(&dir),
        Command::Formats => {
            print!("{}", report::formats());
            ExitCode::SUCCESS
        }
        Command::Themes { root } => {
            print!("{}", report::themes(&root));
            ExitCode::SUCCESS
        }
        Command::New { title, root } => match carousel::scaffold::new_post(&root, &title) {
            Ok(path) => {
                eprintln!("created {}", path.display());
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("{}", d.render(std::io::stderr().is_terminal()));
                ExitCode::FAILURE
            }
        },
        Command::Check(args) => {
            let options = options(&args.site, false);
            let deny_warnings = args.deny == Some(Deny::Warnings);
            run(
                &options,
                args.site.format,
                deny_warnings,
                report::print_check,
            )
        }
    }
}

fn options(site: &SiteArgs, write: bool) -> BuildOptions {
    BuildOptions {
        drafts: site.drafts,
        write,
        progress: site.format == OutputFormat::Human,
        font_dirs: site.fonts.clone(),
        system_fonts: !site.no_system_fonts,
        ..BuildOptions::new(&site.root)
    }
}

/// Scaffolds a site and says what to run next.
fn init(dir: &std::path::Path) -> ExitCode {
    use carousel::scaffold::Outcome;
    match carousel::scaffold::init(dir) {
        Ok(outcomes) => {
            for o in outcomes {
                match o {
                    Outcome::Created(p) => eprintln!("created {}", p.display()),
                    Outcome::Kept(p) => eprintln!("kept {} (it already exists)", p.display()),
                }
            }
            eprintln!("next: carousel watch --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(std::io::stderr().is_terminal()));
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
    let color = std::io::stderr().is_terminal();
    let live = Arc::new(carousel::serve::LiveState::default());
    let _preview = if args.serve {
        match carousel::serve::start(&site.root.join("output"), args.port, live.clone()) {
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
    format: OutputFormat,
    deny_warnings: bool,
    print: fn(&BuildReport, OutputFormat, bool),
) -> ExitCode {
    let color = std::io::stderr().is_terminal();
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
                println!(
                    "{}",
                    serde_json::json!({ "ok": false, "diagnostics": diagnostics })
                );
            }
            for d in &diagnostics {
                eprintln!("{}", d.render(color));
            }
            ExitCode::FAILURE
        }
    }
}
