//! "Did you mean" for closed sets of names (themes, formats, layout classes, keys): the known
//! name most like a mistyped one, compared case-insensitively.

/// How alike two names must be (Jaro-Winkler, 0 to 1) for one to be suggested for the other.
const SIMILAR: f64 = 0.8;

/// The known name most like `name`, if one is like it at all.
pub(crate) fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&name, &k.to_lowercase()), *k))
        .filter(|(score, _)| *score >= SIMILAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// A hint for a name not among `known`: "did you mean `x`?", else the list of `what`.
pub(crate) fn hint(name: &str, known: &[&str], what: &str) -> String {
    match closest(name, known) {
        Some(near) => format!("did you mean `{near}`? {what}: {}", known.join(", ")),
        None => format!("{what}: {}", known.join(", ")),
    }
}

/// For a serde "unknown field `x`, expected one of `a`, `b`" error (config, theme or front
/// matter), a "did you mean" hint when one expected key is like the unknown one.
pub(crate) fn unknown_field(diagnostic: crate::error::Diagnostic) -> crate::error::Diagnostic {
    let message = &diagnostic.message;
    let Some(rest) = message.split("unknown field `").nth(1) else {
        return diagnostic;
    };
    let Some((field, rest)) = rest.split_once('`') else {
        return diagnostic;
    };
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match closest(field, &expected) {
        Some(near) if diagnostic.hint.is_none() => {
            let hint = format!("did you mean `{near}`?");
            diagnostic.with_hint(hint)
        }
        _ => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_get_the_nearest_key() {
        let d = |m: &str| crate::error::Diagnostic::error(m);
        // (message, hint)
        let cases = [
            (
                "failed to parse carousel.toml: unknown field `formt`, expected one of `format`, `formats`, `theme`",
                Some("did you mean `format`?"),
            ),
            (
                "unknown field `tagz`, expected `tags` or `title`",
                Some("did you mean `tags`?"),
            ),
            ("unknown field `zzz`, expected one of `format`", None),
            ("invalid type: string", None),
        ];
        for (message, hint) in cases {
            assert_eq!(unknown_field(d(message)).hint.as_deref(), hint, "{message}");
        }
    }

    #[test]
    fn suggests_the_nearest_known_name() {
        let known = ["midnight", "paper", "citrus", "linkedin"];
        // (typed, suggested)
        let cases = [
            ("Midnight", Some("midnight")),
            ("midnigt", Some("midnight")),
            ("LinkedIn", Some("linkedin")),
            ("papr", Some("paper")),
            ("zzzz", None),
        ];
        for (typed, want) in cases {
            assert_eq!(closest(typed, &known), want, "{typed}");
        }
        assert!(hint("papr", &known, "themes").starts_with("did you mean `paper`?"));
        assert_eq!(hint("zzzz", &["a"], "themes"), "themes: a");
    }
}
