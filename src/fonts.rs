//! Fonts: one `fontdb::Database` built once from the bundled fonts (from memory, never from the
//! system) and shared by `Arc` between text layout and every render task.

use std::collections::HashMap;
use std::sync::Arc;

use resvg::usvg::fontdb::{self, Database, Family, ID, Query, Source, Stretch, Style, Weight};

use crate::assets;

/// Shared font bytes.
type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The loaded fonts: the database usvg renders with, plus the bytes text layout shapes with.
#[derive(Clone)]
pub struct FontSet {
    db: Arc<Database>,
    data: HashMap<ID, (FontBytes, u32)>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontSet({} faces)", self.db.len())
    }
}

impl FontSet {
    /// The bundled fonts only: the same on every machine.
    pub fn builtin() -> FontSet {
        let mut db = Database::new();
        let mut data = HashMap::new();
        for file in assets::FONTS {
            let bytes: FontBytes = Arc::new(file.data);
            let ids = db.load_font_source(Source::Binary(bytes.clone()));
            for (index, id) in ids.into_iter().enumerate() {
                data.insert(id, (bytes.clone(), index as u32));
            }
        }
        db.set_sans_serif_family("Inter");
        db.set_serif_family("Inter");
        db.set_monospace_family("JetBrains Mono");
        FontSet {
            db: Arc::new(db),
            data,
        }
    }

    /// The database to hand to usvg.
    pub fn db(&self) -> &Arc<Database> {
        &self.db
    }

    /// The face usvg would pick for this family, weight and style.
    pub fn query(&self, family: &str, weight: u16, italic: bool) -> Option<ID> {
        self.db.query(&Query {
            families: &[Family::Name(family)],
            weight: Weight(weight),
            stretch: Stretch::Normal,
            style: if italic { Style::Italic } else { Style::Normal },
        })
    }

    /// The bytes and face index of a loaded face.
    pub fn face_data(&self, id: ID) -> Option<(&[u8], u32)> {
        self.data
            .get(&id)
            .map(|(bytes, index)| ((**bytes).as_ref(), *index))
    }

    /// True when some loaded face has this family name.
    pub fn has_family(&self, family: &str) -> bool {
        self.db
            .faces()
            .any(|f| f.families.iter().any(|(name, _)| name == family))
    }

    /// Names of all loaded families, sorted, without duplicates.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The face's info, for callers that need names.
pub fn face_info(set: &FontSet, id: ID) -> Option<&fontdb::FaceInfo> {
    set.db.face(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_families_are_all_there() {
        let fonts = FontSet::builtin();
        for family in ["Inter", "JetBrains Mono", "Noto Color Emoji"] {
            assert!(fonts.has_family(family), "{family}: {:?}", fonts.families());
        }
    }

    #[test]
    fn queries_pick_the_static_weights() {
        let fonts = FontSet::builtin();
        let cases = [
            (400, false, "Inter-Regular"),
            (700, false, "Inter-Bold"),
            (400, true, "Inter-Italic"),
            (800, false, "Inter-ExtraBold"),
        ];
        for (weight, italic, want) in cases {
            let id = fonts.query("Inter", weight, italic).unwrap();
            let face = face_info(&fonts, id).unwrap();
            assert_eq!(face.post_script_name, want, "{weight} {italic}");
            assert!(fonts.face_data(id).is_some());
        }
    }
}
