//! The build cache: what each slide's files and each post's PDF were made from, recorded in
//! `output/.carousel-cache`. A slide whose key matches the record (the same SVG, fonts, canvas,
//! output settings and carousel version) and whose files are still on disk with the recorded
//! digests is neither parsed, rasterised, encoded nor rewritten; its inspection findings come
//! from the record. Keys and digests are BLAKE3 hashes of content, never timestamps, so the
//! record survives `git checkout` and `touch`; it is written atomically, and a missing, corrupt
//! or foreign record (another version of carousel) means a full rebuild, never a wrong output.
//! `build --force` ignores it; removing `output/` removes it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::inspect::Findings;
use crate::summary::PostSummary;

/// The record's file name inside `output/`.
pub(crate) const CACHE_FILE: &str = ".carousel-cache";

/// What a record must say it is: records of other versions, or of another build of the same
/// version (other code or embedded assets, see `build.rs`), are not read.
const RECORD_VERSION: &str = concat!(
    "carousel ",
    env!("CARGO_PKG_VERSION"),
    " build ",
    env!("CAROUSEL_BUILD_ID"),
    " cache 2"
);

/// A BLAKE3 digest in hex.
pub(crate) type Digest = String;

/// What one slide's files were made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SlideEntry {
    /// The slide's key (see [`key`]).
    pub key: Digest,
    /// The slide's files, relative to `output/`, with the digest of their bytes.
    pub files: BTreeMap<String, Digest>,
    /// What inspecting the slide found.
    pub findings: Findings,
}

/// What a post's PDF was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PdfEntry {
    /// The PDF's key: its slides' keys and its settings.
    pub key: Digest,
    /// The digest of the PDF's bytes.
    pub digest: Digest,
}

/// What one post in one format (one output folder) was made from, and what building it gave:
/// when its inputs are the same, the post is neither composed nor rendered again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PostEntry {
    /// The key over the post, its theme, layouts, fonts, format and the site's config.
    pub key: Digest,
    /// The other files composing it read (its images), relative to the site, with digests.
    pub inputs: BTreeMap<String, Digest>,
    /// Every file of its folder, relative to `output/`, with digests.
    pub files: BTreeMap<String, Digest>,
    /// What the build said of it.
    pub summary: PostSummary,
    /// Its warnings, each with the text of the line it points at.
    pub diagnostics: Vec<(Diagnostic, Option<String>)>,
}

/// The record on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    version: String,
    /// Posts by output folder, relative to `output/`.
    #[serde(default)]
    posts: BTreeMap<String, PostEntry>,
    /// Slides by the path of their first file, relative to `output/`.
    slides: BTreeMap<String, SlideEntry>,
    /// PDFs by path, relative to `output/`.
    pdfs: BTreeMap<String, PdfEntry>,
}

/// The record of the previous build, read once before a build and only read during it.
#[derive(Debug)]
pub(crate) struct Cache {
    output: PathBuf,
    record: Record,
    /// Whether slides and PDFs may be reused (false with `--force`: the record is only kept).
    reuse: bool,
}

/// What a build made, to record for the next.
#[derive(Debug, Default)]
pub(crate) struct Updates {
    /// Slides rendered or reused.
    pub slides: Vec<(String, SlideEntry)>,
    /// PDFs written or reused.
    pub pdfs: Vec<(String, PdfEntry)>,
    /// Posts built.
    pub posts: Vec<(String, PostEntry)>,
}

impl Updates {
    /// Adds what another post recorded.
    pub(crate) fn extend(&mut self, other: Updates) {
        self.slides.extend(other.slides);
        self.pdfs.extend(other.pdfs);
        self.posts.extend(other.posts);
    }
}

/// The digest of `parts`, each length-prefixed so that no two lists of parts collide.
pub(crate) fn key(parts: &[&[u8]]) -> Digest {
    let mut hasher = blake3::Hasher::new();
    hasher.update(RECORD_VERSION.as_bytes());
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_hex().to_string()
}

/// The digest of a file's bytes.
pub(crate) fn digest(bytes: &[u8]) -> Digest {
    blake3::hash(bytes).to_hex().to_string()
}

/// True if the file at `path` exists and its bytes have `digest`.
fn file_matches(path: &Path, want: &str) -> bool {
    std::fs::read(path).is_ok_and(|bytes| digest(&bytes) == want)
}

impl Cache {
    /// An empty cache for `output/`: every slide is rendered.
    pub(crate) fn empty(output: &Path) -> Cache {
        Cache {
            output: output.to_path_buf(),
            record: Record::default(),
            reuse: false,
        }
    }

    /// The record in `output/`, or an empty cache when there is none, it cannot be read or it
    /// was written by another version. Without `reuse`, nothing is reused, but the record's
    /// entries are kept for the next build.
    pub(crate) fn load(output: &Path, reuse: bool) -> Cache {
        let record = std::fs::read(output.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Record>(&bytes).ok())
            .filter(|r| r.version == RECORD_VERSION)
            .unwrap_or_default();
        Cache {
            output: output.to_path_buf(),
            record,
            reuse,
        }
    }

    /// The recorded slide `id` if it was made from `key` and its files are still on disk as
    /// they were written.
    pub(crate) fn slide(&self, id: &str, key: &str) -> Option<&SlideEntry> {
        let entry = self
            .record
            .slides
            .get(id)
            .filter(|e| self.reuse && e.key == key)?;
        entry
            .files
            .iter()
            .all(|(rel, want)| file_matches(&self.output.join(rel), want))
            .then_some(entry)
    }

    /// The bytes of the PDF at `rel` if it was made from `key` and is still on disk as it was
    /// written.
    pub(crate) fn pdf(&self, rel: &str, key: &str) -> Option<Vec<u8>> {
        let entry = self
            .record
            .pdfs
            .get(rel)
            .filter(|e| self.reuse && e.key == key)?;
        let bytes = std::fs::read(self.output.join(rel)).ok()?;
        (digest(&bytes) == entry.digest).then_some(bytes)
    }

    /// The recorded post in output folder `dir` if it was made from `key`, the files it read
    /// (relative to `root`) are unchanged, and its files are still on disk as written.
    pub(crate) fn post(&self, dir: &str, key: &str, root: &Path) -> Option<&PostEntry> {
        let entry = self
            .record
            .posts
            .get(dir)
            .filter(|e| self.reuse && e.key == key)?;
        let inputs = entry.inputs.iter().map(|(rel, d)| (root.join(rel), d));
        let files = entry
            .files
            .iter()
            .map(|(rel, d)| (self.output.join(rel), d));
        inputs
            .chain(files)
            .all(|(path, want)| file_matches(&path, want))
            .then_some(entry)
    }

    /// Writes the record for the next build, atomically: this build's entries, and the
    /// previous record's entries for files this build did not touch that are still on disk.
    pub(crate) fn save(self, updates: Updates) -> std::io::Result<()> {
        let mut record = self.record;
        record.version = RECORD_VERSION.to_string();
        record.slides.extend(updates.slides);
        record.pdfs.extend(updates.pdfs);
        record.posts.extend(updates.posts);
        let output = &self.output;
        record
            .slides
            .retain(|_, e| e.files.keys().all(|rel| output.join(rel).is_file()));
        record.pdfs.retain(|rel, _| output.join(rel).is_file());
        record
            .posts
            .retain(|_, e| e.files.keys().all(|rel| output.join(rel).is_file()));
        let bytes = serde_json::to_vec(&record).map_err(std::io::Error::other)?;
        crate::output::write_atomic(&output.join(CACHE_FILE), &bytes)
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, files: &[(&str, &[u8])]) -> SlideEntry {
        SlideEntry {
            key: key.to_string(),
            files: files
                .iter()
                .map(|(rel, bytes)| (rel.to_string(), digest(bytes)))
                .collect(),
            findings: Findings::default(),
        }
    }

    #[test]
    fn keys_separate_their_parts() {
        assert_eq!(key(&[b"ab", b"c"]), key(&[b"ab", b"c"]));
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_ne!(key(&[b"ab"]), key(&[b"ab", b""]));
    }

    #[test]
    fn a_slide_is_reused_only_with_its_key_and_untouched_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("post")).unwrap();
        std::fs::write(out.join("post/01.png"), b"png").unwrap();
        let cache = Cache::empty(out);
        let mut updates = Updates::default();
        updates.slides.push((
            "post/01.png".into(),
            entry("k1", &[("post/01.png", b"png")]),
        ));
        cache.save(updates).unwrap();
        let cache = Cache::load(out, true);
        // (what changed, reused)
        assert!(
            cache.slide("post/01.png", "k1").is_some(),
            "same key, same file"
        );
        assert!(cache.slide("post/01.png", "k2").is_none(), "another key");
        assert!(cache.slide("post/02.png", "k1").is_none(), "another slide");
        std::fs::write(out.join("post/01.png"), b"edited").unwrap();
        assert!(cache.slide("post/01.png", "k1").is_none(), "file changed");
        std::fs::remove_file(out.join("post/01.png")).unwrap();
        assert!(cache.slide("post/01.png", "k1").is_none(), "file removed");
    }

    #[test]
    fn damaged_or_foreign_records_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("post.png"), b"png").unwrap();
        let good = format!(
            r#"{{"version":"{RECORD_VERSION}","slides":{{"post.png":{{"key":"k","files":{{"post.png":"{}"}},"findings":{{"overflow":[],"overlaps":[],"missing":[],"max_gap":0.1}}}}}},"pdfs":{{}}}}"#,
            digest(b"png")
        );
        std::fs::write(out.join(CACHE_FILE), &good).unwrap();
        assert!(Cache::load(out, true).slide("post.png", "k").is_some());
        for damaged in [
            good[..good.len() / 2].to_string(),
            good.replace(RECORD_VERSION, "carousel 0.0.1 cache 1"),
            "\u{0}\u{1}garbage".to_string(),
        ] {
            std::fs::write(out.join(CACHE_FILE), damaged).unwrap();
            assert!(Cache::load(out, true).slide("post.png", "k").is_none());
        }
    }
}
