//! Files embedded in the binary: the default fonts, the built-in layouts and themes.

/// A bundled font file.
pub struct FontFile {
    /// File name, for messages.
    pub name: &'static str,
    /// The bytes.
    pub data: &'static [u8],
}

macro_rules! font {
    ($name:literal) => {
        FontFile {
            name: $name,
            data: include_bytes!(concat!("../assets/fonts/", $name)),
        }
    };
}

/// The bundled fonts, in load order (load order decides usvg's fallback order).
pub static FONTS: &[FontFile] = &[
    font!("Inter-Regular.otf"),
    font!("Inter-Italic.otf"),
    font!("Inter-SemiBold.otf"),
    font!("Inter-Bold.otf"),
    font!("Inter-BoldItalic.otf"),
    font!("Inter-ExtraBold.otf"),
    font!("JetBrainsMono-Regular.ttf"),
    font!("JetBrainsMono-Bold.ttf"),
    font!("NotoColorEmoji.ttf"),
];

macro_rules! text_files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../", $dir, "/", $name)))),*]
    };
}

/// Built-in layout templates by file name.
pub static LAYOUTS: &[(&str, &str)] = text_files!("layouts":
    "base.svg",
    "cover.svg",
    "content.svg",
    "outro.svg",
    "elements.svg",
    "quote.svg",
    "stat.svg",
    "code.svg",
    "list.svg",
    "columns.svg",
    "image.svg",
    "diagram.svg",
);

/// Built-in themes by name.
pub static THEMES: &[(&str, &str)] = &[
    ("paper", include_str!("../themes/paper/theme.toml")),
    ("midnight", include_str!("../themes/midnight/theme.toml")),
    ("citrus", include_str!("../themes/citrus/theme.toml")),
    ("editorial", include_str!("../themes/editorial/theme.toml")),
    ("pastel", include_str!("../themes/pastel/theme.toml")),
    ("brutalist", include_str!("../themes/brutalist/theme.toml")),
    ("corporate", include_str!("../themes/corporate/theme.toml")),
    ("terminal", include_str!("../themes/terminal/theme.toml")),
    ("sunset", include_str!("../themes/sunset/theme.toml")),
];

/// The `theme.toml` text of a built-in theme.
pub fn builtin_theme(name: &str) -> Option<&'static str> {
    THEMES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The names of the built-in themes.
pub fn builtin_theme_names() -> Vec<&'static str> {
    THEMES.iter().map(|(n, _)| *n).collect()
}
