//! Helpers for integration tests: fixture sites copied into temp folders, and output checks.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use std::path::{Path, PathBuf};

use carousel::{BuildOptions, BuildReport};

/// A site in a temp folder.
pub(crate) struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site.
    pub(crate) fn empty() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        TestSite { dir }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, site.root());
        site
    }

    /// A copy of the repository's example site (content and config).
    pub(crate) fn example() -> TestSite {
        let site = TestSite::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &site.root().join("content"));
        copy_dir(&repo.join("fonts"), &site.root().join("fonts"));
        copy_dir(&repo.join("brand"), &site.root().join("brand"));
        std::fs::copy(
            repo.join("carousel.toml"),
            site.root().join("carousel.toml"),
        )
        .unwrap();
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file relative to the site root.
    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Forces every post of the site into `format`: the config's format, and no
    /// `format`/`formats` in front matter.
    pub(crate) fn force_format(&self, format: &str) {
        let config = self.root().join("carousel.toml");
        let text = std::fs::read_to_string(&config).unwrap_or_default();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("format"))
            .collect();
        let text = format!("format = \"{format}\"\n{}\n", kept.join("\n"));
        std::fs::write(&config, text).unwrap();
        for entry in walkdir::WalkDir::new(self.root().join("content")) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "md") {
                let post = std::fs::read_to_string(&path).unwrap();
                let kept: Vec<&str> = post
                    .lines()
                    .filter(|l| !(l.starts_with("format =") || l.starts_with("formats =")))
                    .collect();
                std::fs::write(&path, kept.join("\n") + "\n").unwrap();
            }
        }
    }

    /// Checks the site in `format` without writing, failing on any error.
    pub(crate) fn check(&self, format: &str) -> BuildReport {
        self.force_format(format);
        let options = BuildOptions {
            write: false,
            ..self.options(false)
        };
        let report = carousel::build(&options).expect("site loads");
        let errors = errors(&report);
        assert!(errors.is_empty(), "{format}: {errors:#?}");
        report
    }

    /// Builds the site.
    pub(crate) fn build(&self) -> BuildReport {
        self.build_with(false)
    }

    pub(crate) fn build_with(&self, drafts: bool) -> BuildReport {
        carousel::build(&self.options(drafts)).expect("site loads")
    }

    /// Build options for this site. System fonts are off, so results do not depend on what the
    /// machine has installed.
    pub(crate) fn options(&self, drafts: bool) -> BuildOptions {
        BuildOptions {
            drafts,
            system_fonts: false,
            ..BuildOptions::new(self.root())
        }
    }

    pub(crate) fn out(&self, rel: &str) -> PathBuf {
        self.root().join("output").join(rel)
    }

    /// Sorted file names in `output/<slug>`.
    pub(crate) fn files(&self, slug: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.out(slug))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Number of `NN.png` files in `output/<slug>`.
    pub(crate) fn png_count(&self, slug: &str) -> usize {
        self.files(slug)
            .iter()
            .filter(|n| n.ends_with(".png"))
            .count()
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A theme's text with its accent colour set to red.
#[allow(dead_code, reason = "not every test binary changes a theme")]
pub(crate) fn red_accent(theme: &str) -> String {
    let lines: Vec<&str> = theme
        .lines()
        .map(|l| {
            if l.starts_with("accent =") {
                "accent = \"#FF0000\""
            } else {
                l
            }
        })
        .collect();
    lines.join("\n")
}

/// Width and height of a PNG file, from its header.
pub(crate) fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// Number of pages of a PDF written by krilla.
pub(crate) fn pdf_pages(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.match_indices("/Type/Page")
        .filter(|(i, _)| !text[i + 10..].starts_with('s'))
        .count()
}

/// The error messages of a report, rendered without colour.
pub(crate) fn errors(report: &BuildReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

/// Builds a minimal post.
pub(crate) fn post(title: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\n+++\n{body}")
}
