//! Occurrences: one cause (a broken layout, a library warning) reported once, with every post
//! and slide it affected.

use std::path::PathBuf;

use super::{Diagnostic, Severity};

/// One post (and slide) a diagnostic occurred in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Occurrence {
    /// The post, relative to the site root.
    pub post: PathBuf,
    /// The 1-based slide, if the problem belongs to one.
    pub slide: Option<usize>,
}

/// Merges diagnostics with the same severity, message, location and hint into one that lists
/// every post and slide it occurred in; keeps the order of first appearance.
pub(crate) fn merge_duplicates(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut index: std::collections::HashMap<(Severity, String, String, Option<String>), usize> =
        std::collections::HashMap::new();
    for d in diagnostics {
        let key = (
            d.severity,
            d.message.clone(),
            d.location
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
            d.hint.clone(),
        );
        match index.get(&key) {
            Some(&i) => {
                let kept = &mut out[i];
                for o in d.occurrences {
                    if !kept.occurrences.contains(&o) {
                        kept.occurrences.push(o);
                    }
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(d);
            }
        }
    }
    for d in &mut out {
        d.occurrences.sort();
    }
    out
}

/// "content/a.md (slides 1-3, 5), content/b.md": the occurrences grouped by post.
pub(super) fn describe_occurrences(occurrences: &[Occurrence]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < occurrences.len() {
        let post = &occurrences[i].post;
        let mut slides = Vec::new();
        while i < occurrences.len() && &occurrences[i].post == post {
            slides.extend(occurrences[i].slide);
            i += 1;
        }
        parts.push(match slides.len() {
            0 => post.display().to_string(),
            1 => format!("{} (slide {})", post.display(), slides[0]),
            _ => format!("{} (slides {})", post.display(), ranges(&slides)),
        });
    }
    parts.join(", ")
}

/// Sorted numbers as ranges: `1-3, 5`.
fn ranges(numbers: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        while i + 1 < numbers.len() && numbers[i + 1] == numbers[i] + 1 {
            i += 1;
        }
        out.push(if numbers[i] == start {
            start.to_string()
        } else {
            format!("{start}-{}", numbers[i])
        });
        i += 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::error::Location;

    #[test]
    fn duplicates_merge_and_list_where_they_occurred() {
        let layout = |post: &str, slide| {
            Diagnostic::error("failed to render layout `content.svg`: bad filter")
                .at(Location::at("layouts/content.svg", 3, 1))
                .in_post(Path::new(post), slide)
        };
        let merged = merge_duplicates(vec![
            layout("content/b.md", Some(1)),
            layout("content/a.md", Some(3)),
            Diagnostic::warning("other"),
            layout("content/a.md", Some(1)),
            layout("content/a.md", Some(2)),
            layout("content/a.md", Some(2)),
            Diagnostic::warning("other"),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].occurrences.len(), 4);
        let text = merged[0].render(false);
        assert!(
            text.contains("4 times, in content/a.md (slides 1-3), content/b.md (slide 1)"),
            "{text}"
        );
        assert!(merged[1].occurrences.is_empty());
        assert_eq!(ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
    }
}
