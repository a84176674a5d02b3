//! The site's files on disk: finding posts under `content/`, and resolving referenced files so
//! that nothing outside the site folder is ever read.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// The folder holding posts.
pub(crate) const CONTENT_DIR: &str = "content";
/// The generated folder.
pub(crate) const OUTPUT_DIR: &str = "output";

/// True for files an editor or the OS leaves behind: hidden files, swap, backup and lock files.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// All post files under `root/content`, as paths relative to `root`, sorted.
pub(crate) fn discover_posts(root: &Path) -> Result<Vec<PathBuf>> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Ok(Vec::new());
    }
    let mut posts = Vec::new();
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&content).to_path_buf();
            Error::io("read", &path, e.into())
        })?;
        let name = entry.file_name().to_str().unwrap_or("");
        let is_md = Path::new(name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if is_md && !entry.file_type().is_dir() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            posts.push(rel);
        }
    }
    Ok(posts)
}

/// Reads at most `limit + 1` bytes of the regular file `path`: enough to tell that a file is
/// over the limit without reading all of a huge one. Anything else (a pipe, a device) is refused
/// before it is opened, since opening or reading it could block forever.
pub(crate) fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Resolves `href`, written in a file inside `base_dir`, to a path inside `root`.
///
/// Refused: URLs (`http:`, `file:`, ...), absolute paths, `..` that leaves the site, and
/// symlinks that lead outside it. `root` must be canonical.
pub(crate) fn resolve_inside(
    root: &Path,
    base_dir: &Path,
    href: &str,
) -> std::result::Result<PathBuf, String> {
    let href = href.trim();
    if href.is_empty() {
        return Err("the path is empty".into());
    }
    if let Some((scheme, _)) = href.split_once(':')
        && scheme.len() > 1
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Err(format!(
            "`{href}` is a URL; only files inside the site can be used"
        ));
    }
    let rel = Path::new(href);
    if rel.is_absolute() || href.starts_with('/') || href.starts_with('\\') || rel.has_root() {
        return Err(format!(
            "`{href}` is an absolute path; use a path relative to the file that refers to it"
        ));
    }
    let mut joined = base_dir.to_path_buf();
    for component in rel.components() {
        match component {
            Component::Normal(c) => joined.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                joined.pop();
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("`{href}` is an absolute path"));
            }
        }
    }
    if !joined.starts_with(root) {
        return Err(format!("`{href}` points outside the site folder"));
    }
    let real = joined
        .canonicalize()
        .map_err(|e| format!("failed to open `{href}`: {e}"))?;
    if !real.starts_with(root) {
        return Err(format!(
            "`{href}` leads outside the site folder (through a symlink)"
        ));
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_names() {
        let cases = [
            (".hidden.md", true),
            ("post.md~", true),
            (".post.md.swp", true),
            ("#post.md#", true),
            ("4913", true),
            ("post.md", false),
            ("my-post.md", false),
        ];
        for (name, want) in cases {
            assert_eq!(is_ignored_name(name), want, "{name}");
        }
    }

    #[test]
    fn resolve_refuses_everything_outside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let posts = root.join("content");
        std::fs::create_dir_all(&posts).unwrap();
        std::fs::write(posts.join("ok.png"), b"x").unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("secret.png"), posts.join("link.png"))
            .unwrap();
        let cases = [
            ("ok.png", true),
            ("./ok.png", true),
            ("../content/ok.png", true),
            ("../../etc/passwd", false),
            ("/etc/passwd", false),
            ("file:///etc/passwd", false),
            ("https://example.com/a.png", false),
            ("missing.png", false),
            ("link.png", false),
        ];
        for (href, ok) in cases {
            let got = resolve_inside(&root, &posts, href);
            assert_eq!(got.is_ok(), ok, "{href}: {got:?}");
        }
    }

    #[test]
    fn discovers_only_markdown_posts() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("sub")).unwrap();
        for name in [
            "a.md",
            "sub/b.md",
            "notes.txt",
            ".hidden.md",
            "a.md~",
            ".a.md.swp",
            "sub/c.MD",
        ] {
            std::fs::write(content.join(name), "x").unwrap();
        }
        let found = discover_posts(dir.path()).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            names,
            vec!["content/a.md", "content/sub/b.md", "content/sub/c.MD"]
        );
    }
}
