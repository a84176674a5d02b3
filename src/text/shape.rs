//! Measuring text exactly as usvg will draw it: the same font bytes, the same face selection
//! (`fontdb` queries), the same rustybuzz shaping with bidi runs.

use std::collections::HashMap;

use resvg::usvg::fontdb::ID;
use rustybuzz::{Direction, Face, UnicodeBuffer};

use crate::fonts::FontSet;

/// Vertical metrics of a face, in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Metrics {
    /// Ascender (positive).
    pub ascent: f32,
    /// Descender (positive, below the baseline).
    pub descent: f32,
}

/// A shaping context: caches parsed faces and measured widths. Cheap to create; make one per
/// slide or per thread.
pub(crate) struct Shaper<'a> {
    fonts: &'a FontSet,
    faces: HashMap<ID, Option<Face<'a>>>,
    widths: HashMap<(ID, String), f32>,
    queries: HashMap<(String, u16, bool), Option<ID>>,
    fallbacks: HashMap<char, Option<ID>>,
    recent: Vec<ID>,
}

impl<'a> Shaper<'a> {
    /// A new context over a font set.
    pub(crate) fn new(fonts: &'a FontSet) -> Self {
        Shaper {
            fonts,
            faces: HashMap::new(),
            widths: HashMap::new(),
            queries: HashMap::new(),
            fallbacks: HashMap::new(),
            recent: Vec::new(),
        }
    }

    /// The fonts this shaper measures with.
    pub(crate) fn fonts(&self) -> &'a FontSet {
        self.fonts
    }

    /// The face for a family/weight/style, as usvg would select it.
    pub(crate) fn resolve(&mut self, family: &str, weight: u16, italic: bool) -> Option<ID> {
        let fonts = self.fonts;
        *self
            .queries
            .entry((family.to_string(), weight, italic))
            .or_insert_with(|| fonts.query(family, weight, italic))
    }

    fn face(&mut self, id: ID) -> Option<&Face<'a>> {
        let fonts = self.fonts;
        self.faces
            .entry(id)
            .or_insert_with(|| {
                let (data, index) = fonts.face_data(id)?;
                Face::from_slice(data, index)
            })
            .as_ref()
    }

    /// True when the face has a glyph for `c`.
    pub(crate) fn covers(&mut self, id: ID, c: char) -> bool {
        self.face(id).and_then(|f| f.glyph_index(c)).is_some()
    }

    /// The first face in load order that has a glyph for `c`, trying faces that already served
    /// as fallbacks first. Coverage is read from the font's cmap without loading whole files.
    pub(crate) fn fallback(&mut self, c: char) -> Option<ID> {
        if let Some(found) = self.fallbacks.get(&c) {
            return *found;
        }
        let db = self.fonts.db();
        let has = |id: ID| {
            db.with_face_data(id, |data, index| {
                rustybuzz::ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|f| f.glyph_index(c))
                    .is_some()
            })
            .unwrap_or(false)
        };
        let found = self
            .recent
            .iter()
            .copied()
            .find(|id| has(*id))
            .or_else(|| db.faces().map(|f| f.id).find(|id| has(*id)));
        if let Some(id) = found
            && !self.recent.contains(&id)
        {
            self.recent.push(id);
        }
        self.fallbacks.insert(c, found);
        found
    }

    /// Vertical metrics of a face.
    pub(crate) fn metrics(&mut self, id: ID) -> Metrics {
        match self.face(id) {
            Some(face) => {
                let upem = face.units_per_em() as f32;
                Metrics {
                    ascent: f32::from(face.ascender()) / upem,
                    descent: -f32::from(face.descender()) / upem,
                }
            }
            None => Metrics {
                ascent: 0.9,
                descent: 0.25,
            },
        }
    }

    /// The advance width of `text` in em, shaped with face `id`.
    pub(crate) fn advance(&mut self, id: ID, text: &str) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        if let Some(w) = self.widths.get(&(id, text.to_string())) {
            return *w;
        }
        let width = self.face(id).map_or(0.0, |face| shape_width(face, text));
        self.widths.insert((id, text.to_string()), width);
        width
    }
}

/// Shapes like usvg's `shape_text_with_font`: one rustybuzz pass per bidi run, kerning on.
fn shape_width(face: &Face<'_>, text: &str) -> f32 {
    let upem = face.units_per_em() as f32;
    let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    let mut total = 0i64;
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let sub = &text[run.clone()];
            if sub.is_empty() {
                continue;
            }
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(sub);
            buffer.set_direction(if levels[run.start].is_ltr() {
                Direction::LeftToRight
            } else {
                Direction::RightToLeft
            });
            let output = rustybuzz::shape(face, &[], buffer);
            total += output
                .glyph_positions()
                .iter()
                .map(|p| i64::from(p.x_advance))
                .sum::<i64>();
        }
    }
    total as f32 / upem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_weight() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let regular = s.resolve("Inter", 400, false).unwrap();
        let bold = s.resolve("Inter", 700, false).unwrap();
        let a = s.advance(regular, "Hello");
        let b = s.advance(regular, "Hello world");
        assert!(a > 1.5 && a < 3.5, "{a}");
        assert!(b > a);
        assert!(s.advance(bold, "Hello world") > b);
        assert_eq!(s.advance(regular, ""), 0.0);
    }

    #[test]
    fn coverage_tells_emoji_from_latin() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let inter = s.resolve("Inter", 400, false).unwrap();
        let emoji = s.resolve("Noto Color Emoji", 400, false).unwrap();
        assert!(s.covers(inter, 'a'));
        assert!(!s.covers(inter, '✅'));
        assert!(s.covers(emoji, '✅'));
        let m = s.metrics(inter);
        assert!(m.ascent > 0.8 && m.descent > 0.1, "{m:?}");
    }
}
