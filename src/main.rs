//! The `carousel` binary: parse arguments, run the command, print diagnostics, set the exit code.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use carousel::{BuildOptions, BuildReport};
use cli::{BuildArgs, Cli, Command, OutputFormat};

fn main() -> ExitCode {
    carousel::logging::install();
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        write: true,
        progress: args.format == OutputFormat::Human,
    };
    let color = std::io::stderr().is_terminal();
    match carousel::build(&options) {
        Ok(report) => {
            print_report(&report, args.format, color);
            if report.errors() > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            let diagnostics = e.into_diagnostics();
            if args.format == OutputFormat::Json {
                let json = serde_json::json!({ "ok": false, "diagnostics": diagnostics });
                println!("{json}");
            }
            for d in &diagnostics {
                eprintln!("{}", d.render(color));
            }
            ExitCode::FAILURE
        }
    }
}

fn print_report(report: &BuildReport, format: OutputFormat, color: bool) {
    for d in &report.diagnostics {
        eprintln!("{}", d.render(color));
    }
    if format == OutputFormat::Json {
        let json = serde_json::json!({ "ok": report.errors() == 0, "report": report });
        println!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        );
        return;
    }
    let failed = report.posts.iter().filter(|p| !p.ok).count();
    let errors = report.errors();
    let warnings = report.diagnostics.len() - errors;
    eprintln!(
        "built {} post(s), {} slide(s) in {} ms{}{}",
        report.posts.len() - failed,
        report.slides,
        report.elapsed.as_millis(),
        if errors > 0 {
            format!("; {errors} error(s)")
        } else {
            String::new()
        },
        if warnings > 0 {
            format!("; {warnings} warning(s)")
        } else {
            String::new()
        },
    );
}
