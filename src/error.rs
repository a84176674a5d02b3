//! Diagnostics: errors and warnings that point at the user's file, line and column.
//!
//! Every stage reports problems as [`Diagnostic`]s rather than bailing out, so one broken post
//! never hides the errors of another. A diagnostic renders as a short `error: ...` line with a
//! `--> file:line:col` pointer and, where the source text is at hand, a snippet of the line.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build goes on, but the user should look.
    Warning,
    /// Something failed: the affected post is not (fully) written and the exit code is non-zero.
    Error,
}

/// A place in a user's file. Lines and columns are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A location at a line and column of a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// The location of byte `offset` inside `source` (the whole text of `path`).
    pub fn from_offset(path: impl Into<PathBuf>, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        Location::at(path, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// Converts a byte offset into a 1-based (line, column) pair; the column counts characters.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset where 1-based `line` starts in `source`, or `source.len()` past the end.
pub fn line_start(source: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    source
        .match_indices('\n')
        .nth(line - 2)
        .map_or(source.len(), |(i, _)| i + 1)
}

/// One problem found while building, with where it is and what might fix it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What failed, lowercase, e.g. "failed to parse front matter: ...".
    pub message: String,
    /// Where, if the problem belongs to a file.
    pub location: Option<Location>,
    /// An optional suggestion.
    pub hint: Option<String>,
    /// The text of the line the location points at, for the snippet.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The posts and slides the same problem occurred in, when one cause (a broken layout, a
    /// library warning) affects several; see [`merge_duplicates`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
}

/// One post (and slide) a diagnostic occurred in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Occurrence {
    /// The post, relative to the site root.
    pub post: PathBuf,
    /// The 1-based slide, if the problem belongs to one.
    pub slide: Option<usize>,
}

/// Merges diagnostics with the same severity, message, location and hint into one that lists
/// every post and slide it occurred in; keeps the order of first appearance.
pub fn merge_duplicates(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
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
fn describe_occurrences(occurrences: &[Occurrence]) -> String {
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

impl Diagnostic {
    /// A new error with a message and no location.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
            source_line: None,
            occurrences: Vec::new(),
        }
    }

    /// A new warning with a message and no location.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Attaches a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attaches a location given as a byte offset into the file's full text, and keeps the
    /// source line for the snippet.
    pub fn at_offset(self, path: &Path, source: &str, offset: usize) -> Self {
        let location = Location::from_offset(path, source, offset);
        self.at_line_of(location, source)
    }

    /// Attaches a location and the text of its line from `source`.
    pub fn at_line_of(mut self, location: Location, source: &str) -> Self {
        if let Some(line) = location.line {
            let start = line_start(source, line);
            let text = source[start..].lines().next().unwrap_or("");
            self.source_line = Some(text.trim_end_matches('\r').to_string());
        }
        self.location = Some(location);
        self
    }

    /// Attaches a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Records the post (and slide) this diagnostic occurred in.
    pub fn in_post(mut self, post: &Path, slide: Option<usize>) -> Self {
        self.occurrences.push(Occurrence {
            post: post.to_path_buf(),
            slide,
        });
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal; `color` turns on ANSI styling.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let path = self
            .location
            .as_ref()
            .map(|l| l.path.display().to_string())
            .unwrap_or_default();
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        if let (Some(loc), Some(text)) = (&self.location, &self.source_line) {
            let line = loc.line.unwrap_or(1);
            let col = loc.column.unwrap_or(1);
            let start = text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            let end = (start + 1).min(text.len()).max(start);
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(text.len());
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
        } else if let Some(loc) = &self.location {
            let mut origin = Origin::path(path.as_str());
            if let Some(line) = loc.line {
                origin = origin.line(line);
            }
            group = group.element(origin);
        }
        let occurred = (!self.occurrences.is_empty()).then(|| {
            let n = self.occurrences.len();
            let times = if n == 1 {
                String::new()
            } else {
                format!("{n} times, ")
            };
            format!("{times}in {}", describe_occurrences(&self.occurrences))
        });
        if let Some(text) = &occurred {
            group = group.element(Level::NOTE.message(text.as_str()));
        }
        let hint_text = self.hint.as_deref().unwrap_or("");
        if !hint_text.is_empty() {
            group = group.element(Level::HELP.message(hint_text));
        }
        renderer.render(&[group]).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => write!(f, "{label}: {loc}: {}", self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if !self.occurrences.is_empty() {
            write!(f, " (in {})", describe_occurrences(&self.occurrences))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Errors that stop a whole command before any post is built (unreadable site, bad config).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more diagnostics that prevent the build from starting.
    #[error("{}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Diagnostics(Vec<Diagnostic>),
    /// An I/O failure on a named path.
    #[error("failed to {action} {path}: {source}")]
    Io {
        /// What we tried to do, e.g. "read".
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// Wraps an I/O error with the action and the path.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The diagnostics this error stands for.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Error::Diagnostics(d) => d,
            other => vec![Diagnostic::error(other.to_string())],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Diagnostics(vec![d])
    }
}

/// The message of a caught panic.
pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs one post's stage, turning a panic inside it into an error on that post (an internal
/// error to report), so that the other posts still build.
pub fn guard<T>(
    post: &Path,
    f: impl FnOnce() -> std::result::Result<T, Vec<Diagnostic>>,
) -> std::result::Result<T, Vec<Diagnostic>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        Err(vec![
            Diagnostic::error(format!("failed to build post (internal error: {text})"))
                .at(Location::file(post))
                .with_hint("please report this with the post that triggers it"),
        ])
    })
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Byte offset of the line that sets `key` in a TOML (`key = ...`) or YAML (`key: ...`) source,
/// for pointing errors about a value at its line.
pub fn key_offset(source: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let rest = line.trim_start().strip_prefix(key);
        if rest.is_some_and(|r| r.trim_start().starts_with(['=', ':'])) {
            return Some(offset + indent);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn key_offset_finds_the_line_that_sets_a_key() {
        let toml = "# accent = no\naccent_contrast = \"#FFF\"\n  accent = \"#000\"\n";
        assert_eq!(
            key_offset(toml, "accent"),
            Some(toml.find("accent = \"").unwrap())
        );
        let yaml = "title: The pattern\npattern: waves\n";
        assert_eq!(
            key_offset(yaml, "pattern"),
            Some(yaml.find("pattern:").unwrap())
        );
        assert_eq!(key_offset(yaml, "format"), None);
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let src = "ab\ncdé\nf";
        let cases = [
            (0, (1, 1)),
            (2, (1, 3)),
            (3, (2, 1)),
            (5, (2, 3)),
            (7, (2, 4)),
            (8, (3, 1)),
        ];
        for (offset, want) in cases {
            assert_eq!(line_col(src, offset), want, "offset {offset}");
        }
        // An offset inside a multi-byte character snaps back to its start.
        assert_eq!(line_col(src, 6), (2, 3));
        assert_eq!(line_col(src, 99), (3, 2));
    }

    #[test]
    fn line_start_finds_each_line() {
        let src = "one\ntwo\nthree";
        assert_eq!(line_start(src, 1), 0);
        assert_eq!(line_start(src, 2), 4);
        assert_eq!(line_start(src, 3), 8);
        assert_eq!(line_start(src, 9), src.len());
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error("failed to parse front matter: bad")
            .at(Location::at("content/a.md", 3, 7))
            .with_hint("close the block with +++");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:3:7: failed to parse front matter: bad (hint: close the block with +++)"
        );
    }

    #[test]
    fn render_shows_the_source_line() {
        let src = "+++\ntitle = 3\n+++\n";
        let d = Diagnostic::error("failed to parse front matter").at_offset(
            Path::new("content/a.md"),
            src,
            12,
        );
        let text = d.render(false);
        assert!(text.contains("content/a.md:2:9"), "{text}");
        assert!(text.contains("title = 3"), "{text}");
    }
}
