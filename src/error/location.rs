//! Places in a user's file: [`Location`] (file, line, column) and the conversions between
//! byte offsets and lines that place a diagnostic.

use std::fmt;
use std::path::PathBuf;

/// A place in a user's file. Lines and columns are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
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
pub(crate) fn line_start(source: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    source
        .match_indices('\n')
        .nth(line - 2)
        .map_or(source.len(), |(i, _)| i + 1)
}

/// Byte offset of the line that sets `key` in a TOML (`key = ...`) or YAML (`key: ...`) source,
/// for pointing errors about a value at its line. Used for post front matter, which may be
/// either syntax; `carousel.toml` and themes keep their key spans from parsing instead
/// (`toml_source::TomlSource`).
pub(crate) fn key_offset(source: &str, key: &str) -> Option<usize> {
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
}
