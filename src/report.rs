//! Printing build and check reports for people (stderr) and scripts (JSON on stdout).

use carousel::watch::{Cycle, Scope};
use carousel::{BuildReport, Diagnostic};

use crate::cli::OutputFormat;

/// Prints diagnostics and the summary line of a build.
pub(crate) fn print_build(report: &BuildReport, format: OutputFormat, color: bool) {
    print_diagnostics(&report.diagnostics, color);
    if format == OutputFormat::Json {
        print_json(report);
        return;
    }
    eprintln!(
        "built {}, {} slide(s) ({} rendered, {} reused) in {} ms{}",
        carousels(report),
        report.slides,
        report.slides - report.unchanged,
        report.unchanged,
        report.elapsed.as_millis(),
        counts(report)
    );
    if report.drafts > 0 {
        eprintln!(
            "skipped {} draft(s): build them with --drafts, or see them in `carousel watch`",
            report.drafts
        );
    }
}

/// "3 post(s)", or "2 post(s) (4 carousels)" when some posts are built in several formats;
/// failed ones are not counted.
fn carousels(report: &BuildReport) -> String {
    let built: Vec<_> = report.posts.iter().filter(|p| p.ok).collect();
    let mut slugs: Vec<&str> = built.iter().map(|p| p.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    if slugs.len() == built.len() {
        format!("{} post(s)", slugs.len())
    } else {
        format!("{} post(s) ({} carousels)", slugs.len(), built.len())
    }
}

/// Like [`print_build`], followed by the time spent per stage.
pub(crate) fn print_build_with_timings(report: &BuildReport, format: OutputFormat, color: bool) {
    print_build(report, format, color);
    if format == OutputFormat::Json {
        return;
    }
    let slides = report.slides.max(1) as f64;
    eprintln!(
        "{:<46} {:>10} {:>12}",
        "stage (summed over threads)", "total ms", "ms / slide"
    );
    let mut sum = 0.0;
    for (name, ms) in report.timings.rows() {
        sum += ms;
        eprintln!("{name:<46} {ms:>10.1} {:>12.2}", ms / slides);
    }
    eprintln!("{:<46} {sum:>10.1} {:>12.2}", "all stages", sum / slides);
    eprintln!(
        "{:<46} {:>10.1}",
        "wall time",
        report.elapsed.as_secs_f64() * 1000.0
    );
}

/// Prints the per-post, per-slide report of `check`.
pub(crate) fn print_check(report: &BuildReport, format: OutputFormat, color: bool) {
    print_diagnostics(&report.diagnostics, color);
    if format == OutputFormat::Json {
        print_json(report);
        return;
    }
    let (mut shrunk, mut continued, mut overflow, mut missing) = (0, 0, 0, 0);
    for post in &report.posts {
        eprintln!(
            "{} ({}): {} slides",
            post.source.display(),
            post.dir,
            post.slides
        );
        for page in &post.pages {
            let mut notes = Vec::new();
            if page.scale < 1.0 {
                shrunk += 1;
                notes.push(format!("text shrunk to {:.0}%", page.scale * 100.0));
            }
            if page.continued {
                continued += 1;
                notes.push("continues the previous slide".to_string());
            }
            let f = &page.findings;
            overflow += f.overflow.len() + f.overlaps.len();
            missing += f.missing.len();
            if !f.is_clean() {
                notes.push(format!(
                    "{} overflow, {} overlaps, {} missing glyphs",
                    f.overflow.len(),
                    f.overlaps.len(),
                    f.missing.len()
                ));
            }
            if !notes.is_empty() {
                eprintln!(
                    "  slide {:>2} {:?}: {}",
                    page.number,
                    page.heading,
                    notes.join("; ")
                );
            }
        }
    }
    eprintln!(
        "checked {} post(s), {} slide(s): {overflow} overflow, {shrunk} shrunk, {continued} continuation, {missing} missing glyphs{}",
        report.posts.len(),
        report.slides,
        counts(report)
    );
}

/// Prints the diagnostics and the status line of one watch cycle.
pub(crate) fn print_cycle(cycle: &Cycle, color: bool) {
    let what = match &cycle.scope {
        Scope::Everything { .. } => "all posts".to_string(),
        Scope::Posts(posts) => posts
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let removed = if cycle.removed.is_empty() {
        String::new()
    } else {
        format!("; removed {} output folder(s)", cycle.removed.len())
    };
    match &cycle.result {
        Ok(report) => {
            print_diagnostics(&report.diagnostics, color);
            eprintln!(
                "[{}] {what}: {} slide(s), {} written, {} unchanged in {} ms{}{removed}",
                clock(),
                report.slides,
                report.slides - report.unchanged,
                report.unchanged,
                report.elapsed.as_millis(),
                counts(report)
            );
        }
        Err(diagnostics) => {
            print_diagnostics(diagnostics, color);
            eprintln!(
                "[{}] {what}: build failed; the last good output is kept{removed}",
                clock()
            );
        }
    }
}

/// The errors of a cycle as plain text (empty when it succeeded), for the preview page.
pub(crate) fn cycle_errors(cycle: &Cycle) -> String {
    let diagnostics: Vec<&Diagnostic> = match &cycle.result {
        Ok(report) => report.diagnostics.iter().filter(|d| d.is_error()).collect(),
        Err(diagnostics) => diagnostics.iter().collect(),
    };
    diagnostics
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table printed by `carousel formats`.
pub(crate) fn formats() -> String {
    let mut out =
        String::from("format          size        limits                             use\n");
    for f in carousel::formats::FORMATS {
        let limits = carousel::formats::limits(&f.name)
            .map(|l| format!("{}: max {} slides", l.platform, l.max_slides))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:<15} {:<11} {:<34} {}\n",
            f.name,
            format!("{}x{}", f.width, f.height),
            limits,
            f.description
        ));
    }
    out
}

/// The list printed by `carousel themes`: built-in themes, then the site's (which win by name).
/// An error when `root` is not a folder.
pub(crate) fn themes(root: &std::path::Path) -> Result<String, String> {
    if !root.is_dir() {
        return Err(format!(
            "error: failed to open site folder `{}`: no such folder",
            root.display()
        ));
    }
    let mut names: Vec<String> = carousel::assets::builtin_theme_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        let mut own: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("theme.toml").is_file())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        own.sort();
        names.extend(
            own.into_iter()
                .filter(|n| !carousel::assets::builtin_theme_names().contains(&n.as_str())),
        );
    }
    let mut out = String::new();
    for name in names {
        match carousel::theme::load(root, &name) {
            Ok(t) => {
                let origin = if t.dir.is_some() { "site" } else { "built-in" };
                out.push_str(&format!("{:<11} {:<9} {}\n", t.name, origin, t.description));
            }
            Err(d) => out.push_str(&format!("{name:<11} error     {}\n", d.message)),
        }
    }
    Ok(out)
}

/// The time of day (UTC) as hh:mm:ss.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

fn print_diagnostics(diagnostics: &[Diagnostic], color: bool) {
    for d in diagnostics {
        eprintln!("{}", d.render(color));
    }
}

fn print_json(report: &BuildReport) {
    print_envelope(report.errors() == 0, &report.diagnostics, Some(report));
}

/// The one JSON shape of every outcome on stdout: `ok`, every `diagnostics`, and the `report`
/// (`null` when the site could not be loaded at all).
pub(crate) fn print_envelope(ok: bool, diagnostics: &[Diagnostic], report: Option<&BuildReport>) {
    let json = serde_json::json!({ "ok": ok, "diagnostics": diagnostics, "report": report });
    println!(
        "{}",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    );
}

fn counts(report: &BuildReport) -> String {
    let errors = report.errors();
    let warnings = report.diagnostics.len() - errors;
    let mut out = String::new();
    if errors > 0 {
        out.push_str(&format!("; {errors} error(s)"));
    }
    if warnings > 0 {
        out.push_str(&format!("; {warnings} warning(s)"));
    }
    out
}
