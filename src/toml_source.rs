//! TOML files kept as they were parsed: the text and the span of every key and value, recorded
//! by the same parse that fills the typed config or theme. A problem found after parsing (a
//! brand image that fails to load, a font family that is not loaded, a low-contrast colour) is
//! placed from these spans, never by reading and searching the file again.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::error::Diagnostic;

/// A TOML file as parsed: its text and where each key and its value are in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TomlSource {
    /// The parsed text; spans are byte ranges into it.
    text: String,
    /// Each key by its dotted path (`brand.avatar`).
    keys: BTreeMap<String, KeySpan>,
}

/// Where one key was set.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeySpan {
    /// The key as written (for `accent = "#FFF"`, the `accent`).
    key: Range<usize>,
    /// Its value as written, quotes included.
    value: Range<usize>,
    /// The value, if it is a string.
    string: Option<String>,
}

impl TomlSource {
    /// Parses `text` into a `T` and keeps the text with the spans of its keys. The error is the
    /// one `toml::from_str` gives, with the same message and span.
    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, TomlSource), toml::de::Error> {
        let root = DeTable::parse(text)?;
        let mut keys = BTreeMap::new();
        collect_keys(root.get_ref(), "", &mut keys);
        let value = T::deserialize(toml::de::Deserializer::from(root))?;
        let source = TomlSource {
            text: text.to_string(),
            keys,
        };
        Ok((value, source))
    }

    /// The parsed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the key at the dotted `path` (`typography.scale`), if the file sets it.
    pub fn key(&self, path: &str) -> Option<usize> {
        self.keys.get(path).map(|k| k.key.start)
    }

    /// Byte offset of the first value, among the keys at `paths`, that is the string `value`
    /// (at its opening quote).
    pub fn first_string(&self, paths: &[&str], value: &str) -> Option<usize> {
        paths
            .iter()
            .filter_map(|p| self.keys.get(*p))
            .filter(|k| k.string.as_deref() == Some(value))
            .map(|k| k.value.start)
            .min()
    }

    /// `diagnostic` placed at byte `offset` of this text, as file `path`, with the line for its
    /// snippet.
    pub fn place(&self, diagnostic: Diagnostic, path: &Path, offset: usize) -> Diagnostic {
        diagnostic.at_offset(path, &self.text, offset)
    }
}

/// Records the spans of the keys of `table` (and of the tables inside it) under `prefix`.
fn collect_keys(table: &DeTable<'_>, prefix: &str, out: &mut BTreeMap<String, KeySpan>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        let string = match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        };
        if let DeValue::Table(inner) = value.get_ref() {
            collect_keys(inner, &path, out);
        }
        out.insert(
            path,
            KeySpan {
                key: key.span(),
                value: value.span(),
                string,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Doc {
        title: String,
        brand: Brand,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Brand {
        accent: String,
        font: String,
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let text = "title = \"x\"\n[brand]\n  accent = \"#FFF\"\nfont = 'Inter'\n";
        let (doc, source) = TomlSource::parse::<Doc>(text).unwrap();
        assert_eq!(doc.brand.accent, "#FFF");
        assert_eq!(source.key("title"), Some(0));
        assert_eq!(source.key("brand.accent"), text.find("accent"));
        assert_eq!(source.key("brand.font"), text.find("font"));
        assert_eq!(source.key("accent"), None);
        assert_eq!(
            source.first_string(&["brand.accent", "brand.font"], "Inter"),
            text.find("'Inter'")
        );
        assert_eq!(source.first_string(&["brand.font"], "#FFF"), None);
    }

    #[test]
    fn errors_are_those_of_from_str() {
        for text in [
            "title = \"x\"\n[brand]\naccent = 3\nfont = \"a\"\n",
            "title = \"x\"\n[brand]\naccent = \"a\"\nfont = \"a\"\nextra = 1\n[x\n",
            "title = \"x\"\n",
        ] {
            let ours = TomlSource::parse::<Doc>(text).unwrap_err();
            let theirs = toml::from_str::<Doc>(text).unwrap_err();
            assert_eq!(ours.message(), theirs.message(), "{text}");
            assert_eq!(ours.span(), theirs.span(), "{text}");
        }
    }
}
