//! Rendering a diagnostic: the terminal form with a snippet of the source line (via
//! annotate-snippets) and the one-line form of [`Display`](std::fmt::Display).

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::occurrence::describe_occurrences;
use super::{Diagnostic, Severity};

impl Diagnostic {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

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
