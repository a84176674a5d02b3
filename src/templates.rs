//! Templates: Tera SVG layouts, looked up in the site's `layouts/`, then the theme's `layouts/`,
//! then the built-in ones. Autoescaping is on for `.svg`, so post text can never inject markup
//! and the SVG stays well-formed; template syntax inside a post is data, never evaluated.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::assets;
use crate::error::{Diagnostic, Location};

/// The loaded layouts for one theme.
pub(crate) struct Templates {
    tera: Tera,
    /// Template name -> (file to name in errors, its source).
    sources: HashMap<String, (PathBuf, String)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Templates({:?})",
            self.sources.keys().collect::<Vec<_>>()
        )
    }
}

/// Reads the `.svg` files of a folder, sorted by name; a missing folder gives none.
fn read_layouts(dir: &Path, shown_as: &Path) -> Result<Vec<(String, PathBuf, String)>, Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".svg") && !crate::files::is_ignored_name(n))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let shown = shown_as.join(&name);
        let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| {
            Diagnostic::error(format!("failed to read layout: {e}")).at(Location::file(&shown))
        })?;
        out.push((name, shown, text));
    }
    Ok(out)
}

impl Templates {
    /// Loads built-in layouts, then `theme_dir/layouts`, then `root/layouts` (later ones win).
    pub(crate) fn load(root: &Path, theme_dir: Option<&Path>) -> Result<Templates, Diagnostic> {
        let mut layers: Vec<(String, PathBuf, String)> = assets::LAYOUTS
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    Path::new("<built-in>/layouts").join(name),
                    text.to_string(),
                )
            })
            .collect();
        if let Some(dir) = theme_dir {
            let shown = dir.strip_prefix(root).unwrap_or(dir).join("layouts");
            layers.extend(read_layouts(&dir.join("layouts"), &shown)?);
        }
        layers.extend(read_layouts(&root.join("layouts"), Path::new("layouts"))?);
        let mut sources = HashMap::new();
        for (name, path, text) in layers {
            sources.insert(name, (path, text));
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".svg"]);
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let all: Vec<(&str, &str)> = names
            .iter()
            .map(|n| (n.as_str(), sources[*n].1.as_str()))
            .collect();
        let result = tera.add_raw_templates(all);
        let templates = Templates { tera, sources };
        result.map_err(|e| templates.diagnostic("failed to load layout", &e))?;
        Ok(templates)
    }

    /// Every layout's name and source, sorted by name (what the build cache keys a post on).
    pub(crate) fn sources(&self) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = self
            .sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
            .collect();
        all.sort_unstable();
        all
    }

    /// True if a layout of this name exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Renders layout `name` with a serialisable context.
    pub(crate) fn render<T: Serialize>(
        &self,
        name: &str,
        context: &T,
    ) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(context)
            .map_err(|e| Diagnostic::error(format!("failed to build template context: {e}")))?;
        self.tera
            .render(name, &context)
            .map_err(|e| self.diagnostic("failed to render layout", &e))
    }

    /// Turns a Tera error into a diagnostic naming the template file and line.
    fn diagnostic(&self, what: &str, e: &tera::Error) -> Diagnostic {
        let report = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        };
        let Some(report) = report else {
            return Diagnostic::error(format!("{what}: {e}"));
        };
        let name = report.filename();
        let message = format!("{what} `{name}`: {}", report.message());
        match self.sources.get(name) {
            Some((path, source)) => {
                let span = report.span();
                let location = Location::at(path, span.start_line, span.start_col + 1);
                Diagnostic::error(message).at_line_of(location, source)
            }
            None => Diagnostic::error(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoescapes_hostile_text() {
        let dir = tempfile::tempdir().unwrap();
        let layouts = dir.path().join("layouts");
        std::fs::create_dir_all(&layouts).unwrap();
        std::fs::write(layouts.join("probe.svg"), "<t>{{ s }}</t>").unwrap();
        let t = Templates::load(dir.path(), None).unwrap();
        let out = t
            .render(
                "probe.svg",
                &serde_json::json!({"s": "<script> & \"q\" ]]> {{ x }}"}),
            )
            .unwrap();
        assert_eq!(
            out,
            "<t>&lt;script&gt; &amp; &quot;q&quot; ]]&gt; {{ x }}</t>"
        );
    }

    #[test]
    fn site_layouts_override_builtins_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let layouts = dir.path().join("layouts");
        std::fs::create_dir_all(&layouts).unwrap();
        std::fs::write(
            layouts.join("outro.svg"),
            "line one\n{{ slide.nope.deeper }}\n",
        )
        .unwrap();
        let t = Templates::load(dir.path(), None).unwrap();
        assert!(t.has("content.svg"));
        let err = t
            .render("outro.svg", &serde_json::json!({"slide": {}}))
            .unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!(loc.path, Path::new("layouts/outro.svg"));
        assert_eq!(loc.line, Some(2), "{err}");
        assert!(
            err.message
                .starts_with("failed to render layout `outro.svg`"),
            "{}",
            err.message
        );

        std::fs::write(layouts.join("broken.svg"), "ok\n{% if %}\n").unwrap();
        let err = Templates::load(dir.path(), None).unwrap_err();
        assert_eq!(err.location.unwrap().path, Path::new("layouts/broken.svg"));
    }
}
