//! The `carousel` binary: parse arguments, run the command, print diagnostics, set the exit code.

mod cli;
mod report;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use carousel::{BuildOptions, BuildReport};
use cli::{Cli, Command, Deny, OutputFormat};

fn main() -> ExitCode {
    carousel::logging::install();
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = options(args.root, args.drafts, true, args.format);
            run(&options, args.format, false, report::print_build)
        }
        Command::Check(args) => {
            let options = options(args.root, args.drafts, false, args.format);
            let deny_warnings = args.deny == Some(Deny::Warnings);
            run(&options, args.format, deny_warnings, report::print_check)
        }
    }
}

fn options(root: PathBuf, drafts: bool, write: bool, format: OutputFormat) -> BuildOptions {
    BuildOptions {
        root,
        drafts,
        write,
        progress: format == OutputFormat::Human,
    }
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
