//! Output: atomic writes (temp file + rename), stable slide file names, stale-file cleanup,
//! per-post manifests, and kept copies of SVGs that failed to parse.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::error::Error;

/// Folder under `output/` where SVGs that failed to parse are kept for inspection.
pub(crate) const DEBUG_DIR: &str = ".debug";

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Folder under `output/` where a post's new files wait until all of its slides succeed.
pub(crate) const STAGING_DIR: &str = ".partial";

/// The file name of slide `number` (1-based) of `total`: `01.png`, `02.svg`, ..., zero-padded to
/// the width of `total` (at least two digits) so that the files sort in slide order.
pub(crate) fn slide_file(number: usize, total: usize, ext: &str) -> String {
    let width = total.max(number).to_string().len().max(2);
    format!("{number:0width$}.{ext}")
}

/// Where the files of the post folder `dir` (`<slug>` or `<slug>/<format>`, under `output/`)
/// are staged while the post builds.
pub(crate) fn staging_dir(output: &Path, dir: &str) -> PathBuf {
    output.join(STAGING_DIR).join(dir.replace('/', "--"))
}

/// Moves every file of `staging` into `dest` (replacing files of the same name) and removes
/// `staging`. Each file is renamed atomically, so a reader sees the old file or the new one.
pub(crate) fn commit_staged(staging: &Path, dest: &Path) -> Result<(), Error> {
    let Ok(entries) = std::fs::read_dir(staging) else {
        return Ok(());
    };
    std::fs::create_dir_all(dest).map_err(|e| Error::io("create", dest, e))?;
    let mut names: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let to = dest.join(&name);
        std::fs::rename(staging.join(&name), &to).map_err(|e| Error::io("write", &to, e))?;
    }
    discard_staged(staging);
    Ok(())
}

/// Removes a staging folder (the staging root stays until [`remove_staging_root`]: removing it
/// here could race with another post creating its folder in it).
pub(crate) fn discard_staged(staging: &Path) {
    let _ = std::fs::remove_dir_all(staging);
}

/// Removes the staging root of `output` with anything left in it (staged files of an
/// interrupted build whose post is gone); called once every post of a build is done.
pub(crate) fn remove_staging_root(output: &Path) {
    let _ = std::fs::remove_dir_all(output.join(STAGING_DIR));
}

/// Writes `bytes` to `path` atomically: readers see the old file or the whole new one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        // No fsync: the rename makes a process crash leave the old file or the new one, never
        // half of one; after a power loss a file the kernel had not flushed yet fails its
        // digest in the build cache and is rendered again.
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io("write", path, e));
    }
    Ok(())
}

/// Writes `bytes` atomically unless the file already holds exactly them; returns whether it
/// wrote. Keeps modification times (and file watchers) quiet when nothing changed.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// True for names this tool writes into a post folder.
fn is_generated(name: &str) -> bool {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let slide = !stem.is_empty()
        && stem.chars().all(|c| c.is_ascii_digit())
        && matches!(ext, "png" | "svg" | "jpg");
    slide
        || ext == "pdf"
        || ext == "zip"
        || name == "manifest.json"
        || (name.starts_with('.') && name.ends_with(".tmp"))
}

/// Removes generated files in `dir` that are not in `keep` (slides that no longer exist, an old
/// PDF name, leftover temp files). Files the user put there are left alone.
pub(crate) fn remove_stale(dir: &Path, keep: &HashSet<String>) -> Result<Vec<PathBuf>, Error> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(removed);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if is_generated(&name) && !keep.contains(&name) && entry.path().is_file() {
            std::fs::remove_file(entry.path())
                .map_err(|e| Error::io("remove", &entry.path(), e))?;
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

/// True for a folder this tool wrote: it holds a manifest, or format folders that do.
pub(crate) fn is_post_dir(path: &Path) -> bool {
    path.join("manifest.json").is_file()
        || std::fs::read_dir(path).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.path().join("manifest.json").is_file())
        })
}

/// Keeps a post folder consistent with the formats it was built in: a post built in several
/// formats has only the format folders in `formats` (no slide files of its own); a post built in
/// one format (`formats` empty) has no format folders.
pub(crate) fn tidy_formats(post_dir: &Path, formats: &[&str]) -> Result<(), Error> {
    let keep: HashSet<String> = formats.iter().map(|f| f.to_string()).collect();
    if !formats.is_empty() {
        remove_stale(post_dir, &HashSet::new())?;
    }
    remove_stale_posts(post_dir, &keep)?;
    Ok(())
}

/// Removes post folders under `output/` that hold a manifest but belong to no current post.
pub(crate) fn remove_stale_posts(
    output: &Path,
    keep: &HashSet<String>,
) -> Result<Vec<PathBuf>, Error> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(output) else {
        return Ok(removed);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if path.is_dir() && !keep.contains(&name) && is_post_dir(&path) {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io("remove", &path, e))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// One slide in a manifest.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub(crate) struct ManifestSlide {
    /// 1-based slide number.
    pub number: usize,
    /// `cover`, `content` or `outro`.
    pub kind: String,
    /// Files written for the slide, relative to the post folder.
    pub files: Vec<String>,
    /// The heading.
    pub heading: String,
    /// True for the second and later slides of a section continued over several.
    #[serde(default)]
    pub continued: bool,
    /// The slide's text, for the platforms' alt-text field.
    pub alt: String,
}

/// `output/<slug>/manifest.json`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub(crate) struct Manifest {
    /// Post title.
    pub title: String,
    /// Output folder name.
    pub slug: String,
    /// The folder of these files under `output/`: the slug, or `<slug>/<format>`.
    #[serde(default)]
    pub dir: String,
    /// Source file relative to the site.
    pub source: String,
    /// Canvas format name.
    pub format: String,
    /// Canvas width.
    pub width: f32,
    /// Canvas height.
    pub height: f32,
    /// Theme name.
    pub theme: String,
    /// Caption to paste into the platform post.
    pub caption: String,
    /// The PDF, if written.
    pub pdf: Option<String>,
    /// Every slide image in one ZIP, for uploading in one go.
    #[serde(default)]
    pub zip: Option<String>,
    /// The platform the format is for (`Instagram`, `LinkedIn`, ...), if it is one's.
    #[serde(default)]
    pub platform: Option<String>,
    /// A draft (shown by `watch`, left out by `build`).
    #[serde(default)]
    pub draft: bool,
    /// What the build warned about this post (platform limits, parts left out, ...).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The slides.
    pub slides: Vec<ManifestSlide>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names() {
        let cases = [
            ("01.png", true),
            ("12.svg", true),
            ("post.pdf", true),
            ("manifest.json", true),
            (".01.png.12.0.tmp", true),
            ("notes.txt", false),
            ("cover.png", false),
        ];
        for (name, want) in cases {
            assert_eq!(is_generated(name), want, "{name}");
        }
    }

    #[test]
    fn slide_files_sort_in_slide_order() {
        let cases = [
            (1, 9, "01.png"),
            (9, 12, "09.png"),
            (12, 99, "12.png"),
            (7, 433, "007.png"),
            (433, 433, "433.png"),
            (42, 1000, "0042.png"),
        ];
        for (number, total, want) in cases {
            assert_eq!(
                slide_file(number, total, "png"),
                want,
                "{number} of {total}"
            );
        }
        let mut names: Vec<String> = (1..=120).map(|n| slide_file(n, 120, "svg")).collect();
        names.sort();
        assert_eq!(names[9], "010.svg");
        assert_eq!(names.last().unwrap(), "120.svg");
    }

    #[test]
    fn staged_files_replace_the_old_ones_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let dest = out.join("post");
        write_atomic(&dest.join("01.png"), b"old").unwrap();
        write_atomic(&dest.join("02.png"), b"old").unwrap();
        let staging = staging_dir(&out, "post/linkedin");
        assert!(staging.ends_with(".partial/post--linkedin"));
        write_atomic(&staging.join("01.png"), b"new").unwrap();
        assert_eq!(std::fs::read(dest.join("01.png")).unwrap(), b"old");
        commit_staged(&staging, &dest).unwrap();
        assert_eq!(std::fs::read(dest.join("01.png")).unwrap(), b"new");
        assert_eq!(std::fs::read(dest.join("02.png")).unwrap(), b"old");
        assert!(!staging.exists(), "staging removed");
        write_atomic(&staging.join("02.png"), b"broken").unwrap();
        discard_staged(&staging);
        assert_eq!(std::fs::read(dest.join("02.png")).unwrap(), b"old");
        remove_staging_root(&out);
        assert!(!out.join(STAGING_DIR).exists());
    }

    #[test]
    fn atomic_write_and_stale_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("p");
        for n in 1..=4 {
            write_atomic(&post.join(slide_file(n, 4, "png")), b"x").unwrap();
        }
        std::fs::write(post.join("mine.txt"), b"keep").unwrap();
        let keep: HashSet<String> = ["01.png", "02.png"].iter().map(|s| s.to_string()).collect();
        let removed = remove_stale(&post, &keep).unwrap();
        assert_eq!(removed.len(), 2);
        let mut left: Vec<String> = std::fs::read_dir(&post)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        left.sort();
        assert_eq!(left, vec!["01.png", "02.png", "mine.txt"]);
    }
}
