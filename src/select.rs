//! `carousel build [POST...]`: which posts a selection names. A post is named by its path
//! (relative to the working folder or to the site, with or without `content/` and `.md`) or by
//! its slug (its file name, or its folder for `index.md`).

use std::path::{Path, PathBuf};

use crate::content::slug_from_path;
use crate::error::Diagnostic;

/// The posts among `paths` (relative to `root`) that `names` name, in the order of `paths`;
/// one error per name that names none, with the nearest slug as a hint.
pub(crate) fn select(
    root: &Path,
    paths: &[PathBuf],
    names: &[String],
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut chosen = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        match paths.iter().find(|p| names_post(root, name, p)) {
            Some(path) => chosen.push(path.clone()),
            None => errors.push(unknown(name, paths)),
        }
    }
    let selected = paths
        .iter()
        .filter(|p| chosen.contains(p))
        .cloned()
        .collect();
    (selected, errors)
}

/// True if `name` names the post at `rel`.
fn names_post(root: &Path, name: &str, rel: &Path) -> bool {
    let typed = Path::new(name);
    let from_here = std::path::absolute(typed)
        .ok()
        .and_then(|p| p.canonicalize().ok())
        .is_some_and(|p| p == root.join(rel));
    let in_site = [
        typed.to_path_buf(),
        Path::new(crate::files::CONTENT_DIR).join(typed),
        Path::new(crate::files::CONTENT_DIR).join(format!("{name}.md")),
        Path::new(crate::files::CONTENT_DIR)
            .join(typed)
            .join("index.md"),
    ];
    from_here || in_site.iter().any(|p| p == rel) || slug_from_path(rel) == name
}

fn unknown(name: &str, paths: &[PathBuf]) -> Diagnostic {
    let slugs: Vec<String> = paths.iter().map(|p| slug_from_path(p)).collect();
    let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    Diagnostic::error(format!("failed to find post `{name}`")).with_hint(crate::suggest::hint(
        name,
        &slugs,
        "posts (by slug, or give a path)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_named_by_path_or_slug() {
        let root = Path::new("/nonexistent-site");
        let paths: Vec<PathBuf> = ["content/a.md", "content/guide/index.md", "content/b.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        // (names, selected, errors)
        let cases: [(&[&str], &[&str], usize); 5] = [
            (&["a"], &["content/a.md"], 0),
            (
                &["content/b.md", "guide"],
                &["content/guide/index.md", "content/b.md"],
                0,
            ),
            (&["b.md"], &["content/b.md"], 0),
            (&["guide/index.md"], &["content/guide/index.md"], 0),
            (&["c", "a"], &["content/a.md"], 1),
        ];
        for (names, want, errors) in cases {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            let (got, found) = select(root, &paths, &names);
            let want: Vec<PathBuf> = want.iter().map(PathBuf::from).collect();
            assert_eq!((got, found.len()), (want, errors), "{names:?}");
        }
        let (_, errors) = select(root, &paths, &["gide".to_string()]);
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `guide`?")
        );
    }
}
