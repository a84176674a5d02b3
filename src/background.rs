//! Shared backgrounds: every slide of a post (in one format) has the same background (colour,
//! gradient, pattern, mesh), drawn by the layouts inside `<g id="background">`. It is rasterised
//! once per post and distinct background, and each slide draws only its foreground on a copy;
//! the pixels are the same as rendering the whole tree.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Node, Tree};

/// The id of the background group in the layouts.
pub(crate) const BACKGROUND_ID: &str = "background";

type Slot = Arc<OnceLock<Option<Arc<Pixmap>>>>;

/// Background rasters of one post, keyed by the background group's SVG text.
#[derive(Default)]
pub(crate) struct Backgrounds {
    slots: Mutex<HashMap<u64, Slot>>,
}

impl std::fmt::Debug for Backgrounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Backgrounds")
    }
}

impl Backgrounds {
    /// Drops the cached rasters (once the post's slides are done), so memory stays flat in the
    /// number of posts.
    pub(crate) fn clear(&self) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.clear();
        }
    }

    /// Rasterises `tree` (parsed from `svg`), drawing its background from the cache. Trees
    /// without a background group are rendered whole.
    pub(crate) fn rasterize(&self, tree: &Tree, svg: &str) -> Result<Pixmap, String> {
        let (Some(group), Some(key)) = (background_node(tree), background_key(svg)) else {
            return crate::render::rasterize(tree);
        };
        let slot = {
            let mut slots = self.slots.lock().map_err(|_| "background cache poisoned")?;
            slots.entry(key).or_default().clone()
        };
        let background =
            slot.get_or_init(|| render_nodes(tree, |n| std::ptr::eq(n, group)).map(Arc::new));
        let mut pixmap = match background {
            Some(bg) => (**bg).clone(),
            None => return crate::render::rasterize(tree),
        };
        for node in tree.root().children() {
            if !std::ptr::eq(node, group) {
                draw(node, &mut pixmap);
            }
        }
        Ok(pixmap)
    }
}

/// The top-level background group of a tree.
fn background_node(tree: &Tree) -> Option<&Node> {
    tree.root()
        .children()
        .iter()
        .find(|n| matches!(n, Node::Group(g) if g.id() == BACKGROUND_ID))
}

/// A hash of the background group's text in the SVG (the group ends at the marker comment the
/// base layout writes after it).
fn background_key(svg: &str) -> Option<u64> {
    let start = svg.find(&format!("<g id=\"{BACKGROUND_ID}\""))?;
    let end = start + svg[start..].find("<!--/background-->")?;
    let mut hasher = DefaultHasher::new();
    svg[start..end].hash(&mut hasher);
    Some(hasher.finish())
}

/// Renders the top-level nodes `keep` selects onto a new transparent pixmap.
fn render_nodes(tree: &Tree, keep: impl Fn(&Node) -> bool) -> Option<Pixmap> {
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())?;
    for node in tree.root().children().iter().filter(|n| keep(n)) {
        draw(node, &mut pixmap);
    }
    Some(pixmap)
}

/// Draws one top-level node at its place on the canvas.
fn draw(node: &Node, pixmap: &mut Pixmap) {
    // `render_node` draws a node's layer box at the origin; translate it back into place.
    if let Some(bbox) = node.abs_layer_bounding_box() {
        let transform = Transform::from_translate(bbox.x(), bbox.y());
        resvg::render_node(node, transform, &mut pixmap.as_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    #[test]
    fn compositing_on_the_cached_background_matches_a_whole_render() {
        let fonts = FontSet::builtin();
        let opt = crate::render::options(&fonts);
        let svg = |text: &str| {
            format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><defs><linearGradient id="bg"><stop offset="0" stop-color="#4338CA"/><stop offset="1" stop-color="#BE185D"/></linearGradient></defs><g id="background"><rect width="200" height="100" fill="url(#bg)"/><path d="M10 10h0M30 10h0M50 10h0" stroke="#000" stroke-width="6" stroke-linecap="round" stroke-opacity="0.3"/></g><!--/background--><rect x="20" y="40" width="80" height="30" rx="8" fill="#FFF" fill-opacity="0.5"/><text x="110" y="70" font-size="24" fill="#FFF">{text}</text></svg>"##
            )
        };
        let cache = Backgrounds::default();
        for text in ["One", "Two", "Three"] {
            let svg = svg(text);
            let tree = Tree::from_str(&svg, &opt).unwrap();
            let whole = crate::render::rasterize(&tree).unwrap();
            let composed = cache.rasterize(&tree, &svg).unwrap();
            assert_eq!(whole.data(), composed.data(), "{text}");
        }
        assert_eq!(
            cache.slots.lock().unwrap().len(),
            1,
            "one background for all three"
        );
    }
}
