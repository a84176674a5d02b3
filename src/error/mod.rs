//! Diagnostics: errors and warnings that point at the user's file, line and column.
//!
//! Every stage reports problems as [`Diagnostic`]s rather than bailing out, so one broken post
//! never hides the errors of another. A diagnostic renders as a short `error: ...` line with a
//! `--> file:line:col` pointer and, where the source text is at hand, a snippet of the line.

mod guard;
mod location;
mod occurrence;
mod render;

use std::path::{Path, PathBuf};

pub(crate) use guard::{guard, panic_text};
pub(crate) use location::{Location, key_offset, line_col, line_start};
pub(crate) use occurrence::{Occurrence, merge_duplicates};

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build goes on, but the user should look.
    Warning,
    /// Something failed: the affected post is not (fully) written and the exit code is non-zero.
    Error,
}

/// One problem found while building, with where it is and what might fix it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
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

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

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
}
