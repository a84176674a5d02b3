//! Code is set without programming ligatures: people type what a slide shows, so `->` must
//! not become an arrow nor `>=` a ≥. The renderer (usvg) shapes text with a font's default
//! features and cannot turn them off, so a monospaced face is loaded with its ligature
//! features renamed to tags no shaper applies by default; measuring and drawing then agree.

use rustybuzz::ttf_parser;

/// Ligature features of monospaced faces and the inert tags they are renamed to (the same
/// sort position among a font's feature tags).
const RENAMED: [(&[u8; 4], &[u8; 4]); 3] =
    [(b"calt", b"calX"), (b"liga", b"ligX"), (b"dlig", b"dliX")];

/// The face in `bytes` with its ligature features switched off when it is a monospaced face
/// that has some, else `None` (kept as it is).
pub(crate) fn without_code_ligatures(bytes: &[u8]) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    if !face.is_monospaced() || bytes.get(..4) == Some(b"ttcf") {
        return None;
    }
    let gsub = table_offset(bytes, b"GSUB")?;
    let features = gsub + usize::from(read_u16(bytes, gsub + 6)?);
    let count = usize::from(read_u16(bytes, features)?);
    let mut out = bytes.to_vec();
    let mut changed = false;
    for i in 0..count {
        let at = features + 2 + i * 6;
        let tag = out.get(at..at + 4)?;
        if let Some((_, to)) = RENAMED.iter().find(|(from, _)| tag == *from) {
            out[at..at + 4].copy_from_slice(*to);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// The offset of table `tag` in an OpenType file.
fn table_offset(bytes: &[u8], tag: &[u8; 4]) -> Option<usize> {
    let tables = usize::from(read_u16(bytes, 4)?);
    (0..tables).find_map(|i| {
        let record = 12 + i * 16;
        let offset = bytes.get(record + 8..record + 12)?;
        (bytes.get(record..record + 4)? == tag)
            .then(|| u32::from_be_bytes(offset.try_into().unwrap_or_default()) as usize)
    })
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glyphs `text` is shaped into with the face in `bytes`.
    fn glyphs(bytes: &[u8], text: &str) -> Vec<u32> {
        let face = rustybuzz::Face::from_slice(bytes, 0).unwrap();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&face, &[], buffer);
        shaped.glyph_infos().iter().map(|g| g.glyph_id).collect()
    }

    #[test]
    fn code_is_shaped_without_ligatures() {
        let mono = crate::assets::FONTS
            .iter()
            .find(|f| f.name == "JetBrainsMono-Regular.ttf")
            .unwrap()
            .data;
        let plain = without_code_ligatures(mono).expect("JetBrains Mono has ligatures");
        for code in ["->", ">=", "!=", "=>", "==="] {
            let apart: Vec<u32> = code
                .chars()
                .flat_map(|c| glyphs(&plain, &c.to_string()))
                .collect();
            assert_eq!(
                glyphs(&plain, code),
                apart,
                "{code}: one glyph per character"
            );
            // The original face joins them: the test sees ligatures when there are some.
            assert_ne!(
                glyphs(mono, code),
                apart,
                "{code}: a ligature in the original"
            );
        }
        // A proportional face is left as it is.
        let inter = crate::assets::FONTS[0].data;
        assert!(without_code_ligatures(inter).is_none());
    }
}
