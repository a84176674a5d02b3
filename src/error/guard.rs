//! Panics inside one post's stage become an error on that post, so the other posts still build.

use std::path::Path;

use super::{Diagnostic, Location};

/// The message of a caught panic.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs one post's stage, turning a panic inside it into an error on that post (an internal
/// error to report), so that the other posts still build.
pub(crate) fn guard<T>(
    post: &Path,
    f: impl FnOnce() -> std::result::Result<T, Vec<Diagnostic>>,
) -> std::result::Result<T, Vec<Diagnostic>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        Err(vec![
            Diagnostic::error(format!("failed to build post (internal error: {text})"))
                .at(Location::file(post))
                .with_hint("please report this with the post that triggers it"),
        ])
    })
}
