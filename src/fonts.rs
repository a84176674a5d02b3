//! Fonts: one `fontdb::Database` built once and shared by `Arc` between text layout and every
//! render task. Load order, which is also fallback order: the bundled fonts, then font folders
//! (the site's `fonts/`, its themes' `fonts/`, `--fonts DIR`), then, only when some text needs
//! them, the system's fonts sorted by path, so output is the same for a given machine.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::{self, Database, Family, ID, Query, Source, Stretch, Style, Weight};

use crate::assets;
use crate::error::{Diagnostic, Location};

/// Shared font bytes.
type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The place in [`assets::FONTS`] of the bundled font whose bytes are `bytes` (the same
/// memory, not a copy).
fn bundled_index(bytes: &[u8]) -> Option<usize> {
    assets::FONTS
        .iter()
        .position(|f| std::ptr::eq(f.data.as_ptr(), bytes.as_ptr()) && f.data.len() == bytes.len())
}

/// Font file extensions loaded from font folders.
const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

/// Where a face's bytes come from.
enum FaceData {
    /// In memory (bundled or read from a font folder).
    Loaded(FontBytes, u32),
    /// A system font file, read the first time text layout needs it.
    File(PathBuf, u32, OnceLock<Option<Arc<Vec<u8>>>>),
}

/// The loaded fonts: the database usvg renders with, plus the bytes text layout shapes with.
#[derive(Clone)]
pub struct FontSet {
    db: Arc<Database>,
    data: Arc<HashMap<ID, FaceData>>,
    /// A digest of every face, made the first time a build cache key needs it.
    fingerprint: Arc<OnceLock<[u8; 32]>>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontSet({} faces)", self.db.len())
    }
}

/// Loads bytes into the database, remembering them per face.
fn add_binary(db: &mut Database, data: &mut HashMap<ID, FaceData>, bytes: FontBytes) -> usize {
    // Code faces without programming ligatures (see `ligatures`).
    let bytes: FontBytes = match crate::ligatures::without_code_ligatures((*bytes).as_ref()) {
        Some(plain) => Arc::new(plain),
        None => bytes,
    };
    let ids = db.load_font_source(Source::Binary(bytes.clone()));
    let count = ids.len();
    for (index, id) in ids.into_iter().enumerate() {
        data.insert(id, FaceData::Loaded(bytes.clone(), index as u32));
    }
    count
}

/// Font files under `dir`, recursively, sorted by path.
fn font_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| FONT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    files
}

impl FontSet {
    /// The bundled fonts only: the same on every machine.
    pub fn builtin() -> FontSet {
        Self::load(&[]).expect("no folders, no errors")
    }

    /// The bundled fonts plus every font file in `dirs` (in order; files sorted by path).
    /// A file that is not a font is an error naming it.
    pub fn load(dirs: &[PathBuf]) -> Result<FontSet, Diagnostic> {
        let mut db = Database::new();
        let mut data = HashMap::new();
        for file in assets::FONTS {
            add_binary(&mut db, &mut data, Arc::new(file.data));
        }
        for dir in dirs {
            for path in font_files(dir) {
                let bytes = std::fs::read(&path).map_err(|e| {
                    Diagnostic::error(format!("failed to read font: {e}")).at(Location::file(&path))
                })?;
                if add_binary(&mut db, &mut data, Arc::new(bytes)) == 0 {
                    return Err(Diagnostic::error(
                        "failed to load font: not a font file fontdb can read",
                    )
                    .at(Location::file(&path)));
                }
            }
        }
        db.set_sans_serif_family("Inter");
        db.set_serif_family("Inter");
        db.set_monospace_family("JetBrains Mono");
        Ok(FontSet {
            db: Arc::new(db),
            data: Arc::new(data),
            fingerprint: Arc::default(),
        })
    }

    /// A copy with the system's fonts appended as a last fallback, sorted by file path. System
    /// faces of a family that is already loaded are skipped, so they never replace a bundled
    /// or site font.
    pub fn with_system_fonts(&self) -> FontSet {
        let mut system = Database::new();
        system.load_system_fonts();
        let known: HashSet<String> = self
            .db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        let mut faces: Vec<fontdb::FaceInfo> = system
            .faces()
            .filter(|f| !f.families.iter().any(|(n, _)| known.contains(n)))
            .filter(|f| matches!(f.source, Source::File(_)))
            .cloned()
            .collect();
        faces.sort_by_key(source_key);
        let mut db = (*self.db).clone();
        let mut data = HashMap::new();
        for (id, face) in self.data.iter() {
            if let FaceData::Loaded(bytes, index) = face {
                data.insert(*id, FaceData::Loaded(bytes.clone(), *index));
            }
        }
        for face in faces {
            let (path, index) = (source_key(&face).0, face.index);
            let id = db.push_face_info(face);
            data.insert(id, FaceData::File(path, index, OnceLock::new()));
        }
        FontSet {
            db: Arc::new(db),
            data: Arc::new(data),
            fingerprint: Arc::default(),
        }
    }

    /// A digest of the set: every face's bytes and index in load order (a bundled font by its
    /// place in the binary, whose build id the cache's keys hold; a system font file by its
    /// path and size, read only if text needs it). Two sets with the same fingerprint draw any
    /// SVG alike.
    pub fn fingerprint(&self) -> [u8; 32] {
        *self.fingerprint.get_or_init(|| {
            let mut hasher = blake3::Hasher::new();
            for face in self.db.faces() {
                match self.data.get(&face.id) {
                    Some(FaceData::Loaded(bytes, index)) => {
                        let bytes = (**bytes).as_ref();
                        match bundled_index(bytes) {
                            Some(bundled) => hasher.update(&(bundled as u64).to_le_bytes()),
                            None => hasher.update(bytes),
                        };
                        hasher.update(&(bytes.len() as u64).to_le_bytes());
                        hasher.update(&index.to_le_bytes());
                    }
                    Some(FaceData::File(path, index, _)) => {
                        let len = std::fs::metadata(path).map_or(0, |m| m.len());
                        hasher.update(path.as_os_str().as_encoded_bytes());
                        hasher.update(&len.to_le_bytes());
                        hasher.update(&index.to_le_bytes());
                    }
                    None => {}
                }
            }
            *hasher.finalize().as_bytes()
        })
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
        match self.data.get(&id)? {
            FaceData::Loaded(bytes, index) => Some(((**bytes).as_ref(), *index)),
            FaceData::File(path, index, cell) => {
                let bytes = cell.get_or_init(|| std::fs::read(path).ok().map(Arc::new));
                bytes.as_deref().map(|b| (b.as_slice(), *index))
            }
        }
    }

    /// Faces in load order (the fallback order).
    pub fn faces(&self) -> impl Iterator<Item = &fontdb::FaceInfo> {
        self.db.faces()
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

fn source_key(face: &fontdb::FaceInfo) -> (PathBuf, u32) {
    match &face.source {
        Source::File(path) => (path.clone(), face.index),
        _ => (PathBuf::new(), face.index),
    }
}

/// The face's info, for callers that need names.
pub fn face_info(set: &FontSet, id: ID) -> Option<&fontdb::FaceInfo> {
    set.db.face(id)
}

/// A font to suggest for a character no loaded font covers.
pub fn suggest_font(c: char) -> &'static str {
    match c as u32 {
        0x3040..=0x30FF | 0x31F0..=0x31FF => "Noto Sans CJK JP (Japanese)",
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => "Noto Sans CJK KR (Korean)",
        0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF => "Noto Sans CJK (SC, TC or JP for Chinese and Japanese)",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Noto Sans Arabic (Arabic, Persian, Urdu)"
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Noto Sans Hebrew",
        0x0900..=0x097F => "Noto Sans Devanagari",
        0x0E00..=0x0E7F => "Noto Sans Thai",
        0x0980..=0x09FF => "Noto Sans Bengali",
        0x0B80..=0x0BFF => "Noto Sans Tamil",
        0x10A0..=0x10FF => "Noto Sans Georgian",
        0x0530..=0x058F => "Noto Sans Armenian",
        0x1200..=0x139F => "Noto Sans Ethiopic",
        _ => "Noto Sans or Noto Sans Symbols 2",
    }
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

    #[test]
    fn font_folders_load_in_order_and_reject_non_fonts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.ttf"), assets::FONTS[6].data).unwrap();
        std::fs::write(dir.path().join("a.otf"), assets::FONTS[0].data).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a font").unwrap();
        let fonts = FontSet::load(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(fonts.faces().count(), assets::FONTS.len() + 2);
        let last: Vec<&str> = fonts
            .faces()
            .skip(assets::FONTS.len())
            .map(|f| f.post_script_name.as_str())
            .collect();
        assert_eq!(last, vec!["Inter-Regular", "JetBrainsMono-Regular"]);

        std::fs::write(dir.path().join("broken.ttf"), "not a font").unwrap();
        let err = FontSet::load(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(err.to_string().contains("broken.ttf"), "{err}");
    }

    #[test]
    fn system_fonts_never_shadow_bundled_families() {
        let fonts = FontSet::builtin().with_system_fonts();
        let bundled = assets::FONTS.len();
        for face in fonts.faces().skip(bundled) {
            assert!(
                !face.families.iter().any(|(n, _)| n == "Inter"),
                "{:?}",
                face.families
            );
        }
        assert_eq!(
            face_info(&fonts, fonts.query("Inter", 400, false).unwrap())
                .unwrap()
                .post_script_name,
            "Inter-Regular"
        );
    }

    #[test]
    fn suggestions_name_a_script_font() {
        let cases = [
            ('日', "CJK"),
            ('あ', "JP"),
            ('한', "KR"),
            ('م', "Arabic"),
            // Persian letters are Arabic script.
            ('پ', "Persian"),
            ('ש', "Hebrew"),
            // A Hebrew presentation form (shin with a dot).
            ('\u{FB2A}', "Hebrew"),
            ('ก', "Thai"),
        ];
        for (c, want) in cases {
            assert!(suggest_font(c).contains(want), "{c}");
        }
    }
}
