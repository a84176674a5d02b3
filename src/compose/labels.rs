//! The words composition sets on slides besides the post's own (the label over continuation
//! slides, the cover's swipe cue) in the post's language: the front matter's or the site's
//! `lang`, else the language of the post title's script; `[labels]` in `carousel.toml` sets
//! either word outright.

use crate::config::LabelsConfig;

/// The words on a post's slides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Labels {
    /// Over the heading of a continuation slide.
    pub continued: String,
    /// On the cover's swipe cue (the arrow is added by the layout).
    pub swipe: String,
}

/// Built-in labels: (language subtag, continued, swipe). The first is the fallback.
const BUILT_IN: [(&str, &str, &str); 15] = [
    ("en", "Continued", "Swipe"),
    ("ar", "تابع", "اسحب"),
    ("de", "Fortsetzung", "Wischen"),
    ("es", "Continúa", "Desliza"),
    ("fa", "ادامه", "بکشید"),
    ("fr", "Suite", "Glissez"),
    ("he", "המשך", "החליקו"),
    ("it", "Continua", "Scorri"),
    ("ja", "続き", "スワイプ"),
    ("ko", "계속", "넘기기"),
    ("nl", "Vervolg", "Swipe"),
    ("pt", "Continua", "Deslize"),
    ("ru", "Продолжение", "Листайте"),
    ("tr", "Devamı", "Kaydır"),
    ("zh", "续", "滑动"),
];

/// Letters of Persian that Arabic does not use.
const PERSIAN: [char; 4] = ['پ', 'چ', 'ژ', 'گ'];

/// The language of a text from its script: Arabic (Persian with its own letters), Hebrew,
/// Japanese (with kana), Korean, Chinese; English for anything else.
fn language_of(text: &str) -> &'static str {
    let has = |range: std::ops::RangeInclusive<char>| text.chars().any(|c| range.contains(&c));
    if has('\u{0600}'..='\u{06FF}') {
        if text.contains(PERSIAN) { "fa" } else { "ar" }
    } else if has('\u{0590}'..='\u{05FF}') {
        "he"
    } else if has('\u{3040}'..='\u{30FF}') {
        "ja"
    } else if has('\u{AC00}'..='\u{D7AF}') {
        "ko"
    } else if has('\u{4E00}'..='\u{9FFF}') {
        "zh"
    } else {
        "en"
    }
}

impl Labels {
    /// The labels for a post in `lang` (a tag such as `pt-BR`; `None` to read the language off
    /// `title`), with the site's overrides; the error names a language with no built-in labels.
    pub(super) fn resolve(
        lang: Option<&str>,
        title: &str,
        overrides: &LabelsConfig,
    ) -> (Labels, Option<String>) {
        let tag = lang.map_or_else(|| language_of(title).to_string(), str::to_lowercase);
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        let found = BUILT_IN.iter().find(|(code, ..)| *code == primary);
        let missing = found.is_none().then(|| tag.clone());
        let (_, continued, swipe) = found.unwrap_or(&BUILT_IN[0]);
        let labels = Labels {
            continued: overrides
                .continued
                .as_deref()
                .unwrap_or(continued)
                .to_string(),
            swipe: overrides.swipe.as_deref().unwrap_or(swipe).to_string(),
        };
        // A language without built-in labels matters only for the words not set outright.
        let missing =
            missing.filter(|_| overrides.continued.is_none() || overrides.swipe.is_none());
        (labels, missing)
    }
}

impl Labels {
    /// The labels with each built-in word that has a letter `covered` says no loaded font has
    /// set in English instead (a word set outright is kept: a missing glyph in it is reported).
    pub(super) fn drawable(
        mut self,
        mut covered: impl FnMut(char) -> bool,
        overrides: &LabelsConfig,
    ) -> Labels {
        let (_, continued, swipe) = BUILT_IN[0];
        let mut drawn = |word: &str| {
            word.chars()
                .filter(|c| !c.is_whitespace())
                .all(&mut covered)
        };
        if overrides.continued.is_none() && !drawn(&self.continued) {
            self.continued = continued.to_string();
        }
        if overrides.swipe.is_none() && !drawn(&self.swipe) {
            self.swipe = swipe.to_string();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_posts_language() {
        let none = LabelsConfig::default();
        // (lang, title, continued, swipe, unknown)
        let cases = [
            (None, "Ship it", "Continued", "Swipe", false),
            (None, "كيف تكتب منشورًا", "تابع", "اسحب", false),
            (None, "چگونه بنویسیم", "ادامه", "بکشید", false),
            (None, "手戻りを減らす", "続き", "スワイプ", false),
            (None, "减少返工", "续", "滑动", false),
            (Some("pt-BR"), "Ship it", "Continua", "Deslize", false),
            (Some("DE"), "Ship it", "Fortsetzung", "Wischen", false),
            (Some("sw"), "Ship it", "Continued", "Swipe", true),
        ];
        for (lang, title, continued, swipe, unknown) in cases {
            let (labels, missing) = Labels::resolve(lang, title, &none);
            assert_eq!(
                (labels.continued.as_str(), labels.swipe.as_str()),
                (continued, swipe)
            );
            assert_eq!(missing.is_some(), unknown, "{lang:?} {title}");
        }
    }

    #[test]
    fn a_word_no_font_can_draw_is_set_in_english() {
        let none = LabelsConfig::default();
        let japanese = Labels::resolve(Some("ja"), "", &none).0;
        // Fonts with スワイプ's kana but not 続's kanji.
        let kana = |c: char| ('\u{3040}'..='\u{30FF}').contains(&c) || c.is_ascii();
        let drawn = japanese.clone().drawable(kana, &none);
        assert_eq!(
            (drawn.continued.as_str(), drawn.swipe.as_str()),
            ("Continued", "スワイプ")
        );
        let mine = LabelsConfig {
            continued: Some("続き".into()),
            swipe: None,
        };
        let kept = Labels::resolve(Some("ja"), "", &mine)
            .0
            .drawable(kana, &mine);
        assert_eq!(kept.continued, "続き");
    }

    #[test]
    fn the_sites_labels_win() {
        let mine = LabelsConfig {
            continued: Some("More".into()),
            swipe: None,
        };
        let (labels, missing) = Labels::resolve(Some("sw"), "Ship it", &mine);
        assert_eq!(
            (labels.continued.as_str(), labels.swipe.as_str()),
            ("More", "Swipe")
        );
        assert_eq!(missing.as_deref(), Some("sw"));
        let both = LabelsConfig {
            continued: Some("Zaidi".into()),
            swipe: Some("Telezesha".into()),
        };
        assert_eq!(Labels::resolve(Some("sw"), "Ship it", &both).1, None);
    }
}
