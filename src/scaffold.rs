//! Getting started: `carousel init` scaffolds a site, `carousel new` adds a post. Neither ever
//! overwrites an existing file.

use std::path::{Path, PathBuf};

use crate::content::slugify;
use crate::error::{Diagnostic, Location};

/// The commented config `init` writes.
pub const CONFIG_TEMPLATE: &str = r##"# carousel site configuration. Every key is optional; delete what you do not need.

# Canvas format: linkedin (1080x1350, PDF), linkedin-square, instagram (1080x1350),
# instagram-3x4 (1080x1440), square (1080x1080), threads, story (1080x1920), tiktok (JPEG),
# x (1200x675), x-portrait, or a custom size such as "1200x1500"
format = "linkedin"
# Several at once, each into output/<slug>/<format>/:
# formats = ["linkedin", "instagram-square", "tiktok"]
# Theme: paper, midnight, citrus, editorial, pastel, brutalist, corporate, terminal, sunset,
# or a folder under themes/ (`carousel themes` lists them)
theme = "paper"
# `#` and `##` headings start new slides
split_level = 2

[brand]
name = "Your Name"
handle = "@yourhandle"
# avatar = "brand/avatar.png"   # cropped to a circle; initials without it
# logo = "brand/logo.svg"       # right of the header
# website = "example.com"
# accent = "#2563EB"            # replaces the theme's accent
show_name = true
show_handle = true
show_counter = true   # "03/10" in the footer
show_progress = false # a progress bar in the footer
show_swipe = true     # swipe cue on every slide but the last

[outro]               # the closing call-to-action slide
enabled = true
heading = "Found this useful?"
text = "Save it for later and share it with someone who needs it."
cta = "Follow @yourhandle for more"
save_line = "Save for later · Repost for your network"

[output]
png = true
svg = true
pdf = true
png_compression = "best"   # "fast" while drafting, "smallest" for a final export
"##;

/// The example post `init` writes.
pub const POST_TEMPLATE: &str = r#"+++
title = "Your first carousel"
subtitle = "Write Markdown, get slides"
date = {date}
tags = ["example"]
+++

A short hook goes here: it sits on the cover under the title.

## One idea per slide

Every `##` heading starts a new slide. Keep each slide to one idea and about 15 to 40 words.

## Lists work too

- **Bold lead-ins** make lists scannable
- Emoji work everywhere ✅
- Long sections continue on the next slide by themselves

## Try it

Edit this file while `carousel watch` runs and the slides in `output/` update as you save.
"#;

/// What a scaffolding command did with each file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written.
    Created(PathBuf),
    /// Left alone because it exists.
    Kept(PathBuf),
}

fn write_new(path: &Path, text: &str) -> Result<Outcome, Diagnostic> {
    if path.exists() {
        return Ok(Outcome::Kept(path.to_path_buf()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(format!("failed to create folder: {e}")).at(Location::file(dir))
        })?;
    }
    std::fs::write(path, text).map_err(|e| {
        Diagnostic::error(format!("failed to write file: {e}")).at(Location::file(path))
    })?;
    Ok(Outcome::Created(path.to_path_buf()))
}

/// Scaffolds a site in `dir`: `carousel.toml` and one example post.
/// Refuses a folder that already holds a site (a `carousel.toml` or a `content/` folder)
/// unless `force`, which adds what is missing and still never overwrites a file.
pub fn init(dir: &Path, force: bool) -> Result<Vec<Outcome>, Diagnostic> {
    let existing = [crate::config::CONFIG_FILE, "content"]
        .iter()
        .find(|name| dir.join(name).exists());
    if let (Some(name), false) = (existing, force) {
        return Err(Diagnostic::error(format!(
            "failed to create a site in `{}`: it already holds one (`{name}` exists)",
            dir.display()
        ))
        .with_hint(format!(
            "add a post with `carousel new \"Title\" --root {}`, or pass --force to add only \
             the missing starter files",
            dir.display()
        )));
    }
    let post = POST_TEMPLATE.replace("{date}", &today());
    Ok(vec![
        write_new(&dir.join(crate::config::CONFIG_FILE), CONFIG_TEMPLATE)?,
        write_new(&dir.join("content").join("your-first-carousel.md"), &post)?,
    ])
}

/// Creates `content/<slug>.md` for a new post titled `title`. Refuses to replace a post.
/// A folder that is not a site (no `content/` and no `carousel.toml`) is refused.
pub fn new_post(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let is_site = root.join("content").is_dir() || root.join(crate::config::CONFIG_FILE).is_file();
    if !is_site {
        return Err(Diagnostic::error(format!(
            "failed to create post: `{}` is not a carousel site (no content/ or carousel.toml)",
            root.display()
        ))
        .with_hint(format!(
            "create a site first with `carousel init {}`, or pass --root with the site's folder",
            root.display()
        )));
    }
    let slug = slugify(title);
    let path = root.join("content").join(format!("{slug}.md"));
    let toml_title = toml::Value::String(title.to_string()).to_string();
    let text = format!(
        "+++\ntitle = {toml_title}\nsubtitle = \"\"\ndate = {}\ntags = []\ndraft = true\n+++\n\nA one-line hook for the cover.\n\n## First point\n\nOne idea per slide.\n",
        today()
    );
    match write_new(&path, &text)? {
        Outcome::Created(p) => Ok(p),
        Outcome::Kept(p) => Err(Diagnostic::error(
            "failed to create post: the file already exists",
        )
        .at(Location::file(&p))
        .with_hint("choose another title, or edit the existing post")),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Converts days since 1970-01-01 into a (year, month, day) civil date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        let cases = [
            (0, (1970, 1, 1)),
            (19_723, (2024, 1, 1)),
            (20_784, (2026, 11, 27)),
            (11_016, (2000, 2, 29)),
        ];
        for (days, want) in cases {
            assert_eq!(civil_from_days(days), want, "{days}");
        }
    }

    #[test]
    fn init_writes_a_buildable_site_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let first = init(dir.path(), false).unwrap();
        assert!(first.iter().all(|o| matches!(o, Outcome::Created(_))));
        crate::config::parse(CONFIG_TEMPLATE).expect("the template config parses");
        std::fs::write(dir.path().join("carousel.toml"), "theme = \"midnight\"\n").unwrap();
        let refused = init(dir.path(), false).unwrap_err();
        assert!(refused.message.contains("already holds one"), "{refused:?}");
        let second = init(dir.path(), true).unwrap();
        assert!(second.iter().all(|o| matches!(o, Outcome::Kept(_))));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("carousel.toml")).unwrap(),
            "theme = \"midnight\"\n"
        );
    }

    #[test]
    fn new_post_fills_front_matter_and_refuses_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let refused = new_post(&dir.path().join("nope"), "A").unwrap_err();
        assert!(
            refused.message.contains("not a carousel site"),
            "{refused:?}"
        );
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let path = new_post(dir.path(), "Why \"quotes\" & Rust?").unwrap();
        assert_eq!(path, dir.path().join("content/why-quotes-rust.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let post = crate::content::parse_post(
            dir.path(),
            Path::new("content/why-quotes-rust.md"),
            text,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(post.front.title, "Why \"quotes\" & Rust?");
        assert!(post.front.draft);
        let err = new_post(dir.path(), "Why \"quotes\" & Rust?").unwrap_err();
        assert!(err.message.contains("already exists"));
    }
}
