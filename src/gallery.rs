//! The gallery: `output/index.html`, a static contact sheet of every post in `output/` (its
//! slides as thumbnails in order, its PDF), written by every build and openable from disk.

use std::path::Path;

use tera::{Context, Tera};

use crate::error::Error;
use crate::output::{self, Manifest};

/// The gallery template (HTML; Tera escapes it).
const TEMPLATE: &str = include_str!("../assets/gallery.html");
/// The gallery's file name inside `output/`.
pub(crate) const INDEX: &str = "index.html";

/// Every post's manifest under `output/`, sorted by folder name.
pub(crate) fn manifests(output_dir: &Path) -> Vec<Manifest> {
    let mut out = Vec::new();
    for (dir, name) in subdirs(output_dir) {
        if let Some(m) = read_manifest(&dir, &name) {
            out.push(m);
            continue;
        }
        // A post built in several formats: one folder per format.
        for (sub, format) in subdirs(&dir) {
            out.extend(read_manifest(&sub, &format!("{name}/{format}")));
        }
    }
    out
}

/// The folders in `dir` with their names, sorted.
fn subdirs(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .map(|p| {
                    let name = p
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .to_string();
                    (p, name)
                })
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// The manifest in `dir`, with `dir` (its path under `output/`) filled in.
fn read_manifest(dir: &Path, rel: &str) -> Option<Manifest> {
    let bytes = std::fs::read(dir.join("manifest.json")).ok()?;
    let mut m: Manifest = serde_json::from_slice(&bytes).ok()?;
    m.dir = rel.to_string();
    Some(m)
}

/// Renders the gallery page for these posts.
pub(crate) fn render(posts: &[Manifest]) -> Result<String, String> {
    let mut tera = Tera::new();
    tera.add_raw_template("gallery.html", TEMPLATE)
        .map_err(|e| e.to_string())?;
    let mut context = Context::new();
    context.insert("posts", posts);
    tera.render("gallery.html", &context)
        .map_err(|e| e.to_string())
}

/// Writes `output/index.html` from the manifests on disk.
pub(crate) fn write(output_dir: &Path) -> Result<(), Error> {
    let html = render(&manifests(output_dir)).map_err(|e| {
        Error::Diagnostics(vec![crate::Diagnostic::error(format!(
            "failed to render the gallery: {e}"
        ))])
    })?;
    output::write_if_changed(&output_dir.join(INDEX), html.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ManifestSlide;

    #[test]
    fn lists_every_slide_and_escapes_titles() {
        let post = Manifest {
            dir: "p".into(),
            title: "<b>Bold</b> & more".into(),
            slug: "p".into(),
            source: "content/p.md".into(),
            format: "linkedin".into(),
            width: 1080.0,
            height: 1350.0,
            theme: "paper".into(),
            caption: "Read this <now>".into(),
            pdf: Some("p.pdf".into()),
            zip: Some("p.zip".into()),
            platform: Some("LinkedIn".into()),
            draft: true,
            warnings: vec!["linkedin: too <many>".into()],
            slides: (1..=3)
                .map(|n| ManifestSlide {
                    number: n,
                    kind: "content".into(),
                    files: vec![format!("{n:02}.png"), format!("{n:02}.svg")],
                    heading: String::new(),
                    continued: false,
                    alt: "a \"quote\"".into(),
                })
                .collect(),
        };
        let html = render(&[post]).unwrap();
        assert_eq!(html.matches("<figure><a ").count(), 3);
        // The profile grid shows the cover; the phone preview every slide again.
        assert_eq!(html.matches("<img ").count(), 1 + 3 + 3);
        assert!(
            html.contains("<div class=\"grid\">\n    <a href=\"#p\""),
            "{html}"
        );
        assert!(html.contains("src=\"p/02.png\""));
        assert!(html.contains("href=\"p/p.pdf\""));
        assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; more"));
        assert!(!html.contains("<b>Bold"));
        // (what a publisher needs, as it appears)
        let expected = [
            ("caption", "Read this &lt;now&gt;</p><button"),
            ("ZIP", "href=\"p/p.zip\" download"),
            ("platform", "linkedin for LinkedIn"),
            ("draft", "<span class=\"draft\">draft</span>"),
            ("warning", "<li>linkedin: too &lt;many&gt;</li>"),
            (
                "alt text",
                "<summary>Alt text 2</summary><p id=\"alt-p-2\">a &quot;quote&quot;</p>",
            ),
        ];
        for (what, text) in expected {
            assert!(html.contains(text), "{what}: {html}");
        }
    }
}
