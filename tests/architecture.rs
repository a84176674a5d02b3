//! The shape of the code: stages import only downward. Reads the `crate::` paths of every
//! module under `src/` (outside its tests) and checks that no top-level module reaches itself
//! again through them, and that the render task imports nothing from composition.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module of each file under `src/` with the top-level modules its code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if ["lib", "main", "cli", "report"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let deps = graph.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                deps.insert(name);
            }
        }
    }
    graph
}

/// A path from `from` back to `to` through the graph, if there is one.
fn path_back(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    to: &str,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    for next in graph.get(from).into_iter().flatten() {
        if next == to {
            return Some(vec![from.to_string(), next.clone()]);
        }
        if seen.insert(next.clone())
            && let Some(mut rest) = path_back(graph, next, to, seen)
        {
            rest.insert(0, from.to_string());
            return Some(rest);
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    assert!(graph.len() > 20, "the modules were read: {graph:?}");
    for module in graph.keys() {
        let cycle = path_back(&graph, module, module, &mut BTreeSet::new());
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap().join(" -> ")
        );
    }
}

#[test]
fn the_render_task_does_not_compose() {
    let graph = imports();
    for stage in ["slide", "post_render", "render", "finish"] {
        assert!(!graph[stage].contains("compose"), "{stage} imports compose");
    }
    assert!(
        graph["build"].contains("prepare"),
        "the reader sees real imports"
    );
}

/// Identifiers named right after `prefix` in `code`, including each first name of a
/// `prefix{a, b::c}` group.
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                names.insert(ident(part.trim()));
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names.remove("");
    names
}

/// For a folder module under `src/`, the submodules each of its files names through `super::`
/// or `crate::<folder>::`; `mod` stands for the folder's `mod.rs` and items defined there.
fn submodule_imports(folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut graph = BTreeMap::new();
    for path in &files {
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut names = names_after(code, &format!("crate::{folder}::"));
        if module != "mod" {
            names.extend(names_after(code, "super::"));
        }
        let deps: BTreeSet<String> = names
            .into_iter()
            .map(|n| {
                if modules.contains(&n) {
                    n
                } else {
                    "mod".into()
                }
            })
            .filter(|n| *n != module)
            .collect();
        graph.insert(module, deps);
    }
    graph
}

#[test]
fn composition_submodules_import_one_way() {
    let graph = submodule_imports("compose");
    assert!(graph.len() > 15, "the submodules were read: {graph:?}");
    assert!(
        graph["section"].contains("split"),
        "the reader sees real imports"
    );
    for (module, deps) in &graph {
        assert!(
            !deps.contains("mod"),
            "{module} imports from compose/mod.rs, which dispatches to the layouts"
        );
        let cycle = path_back(&graph, module, module, &mut BTreeSet::new());
        assert!(
            cycle.is_none(),
            "import cycle in compose: {}",
            cycle.unwrap().join(" -> ")
        );
    }
}
