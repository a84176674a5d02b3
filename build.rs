//! Build script: gives the binary a build id, a hash of every file that can change what it
//! draws (its sources, its embedded layouts, themes and fonts, and the locked dependency
//! versions). The build cache is keyed on it, so output cached by one build of carousel is
//! never reused by a build with other code or assets, even at the same version number.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

/// What the binary is made of, relative to the package root.
const INPUTS: &[&str] = &["src", "assets", "layouts", "themes", "Cargo.lock"];

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo::rerun-if-changed={input}");
        collect(Path::new(input), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write_usize(bytes.len());
        hasher.write(&bytes);
    }
    println!(
        "cargo::rustc-env=CAROUSEL_BUILD_ID={:016x}",
        hasher.finish()
    );
}

/// Every file under `path` (or `path` itself).
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        collect(&entry.path(), files);
    }
}
