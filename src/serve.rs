//! Live preview: serves `output/` (the gallery and the slides) on a loopback port. The gallery
//! polls `/__version`, which changes only after every file of a rebuild is written, and reloads;
//! `/__status` carries the current build errors, shown at the top of the page.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Response, Server};

use crate::error::{Diagnostic, Error, Result};
use crate::gallery::INDEX;

/// Injected into the gallery page when served: poll, reload on a new version, show errors.
/// `VERSION_MARK` is replaced by the version read before the page, so a rebuild that lands
/// between serving the page and its first poll still reloads it.
const LIVE_SCRIPT: &str = r#"<script>
(function () {
  const seen = 'VERSION_MARK';
  async function poll() {
    try {
      const version = await (await fetch('/__version', { cache: 'no-store' })).text();
      if (version !== seen) { location.reload(); return; }
      const status = await (await fetch('/__status', { cache: 'no-store' })).text();
      const box = document.getElementById('status');
      if (box) { box.textContent = status; box.style.display = status ? 'block' : 'none'; }
    } catch (e) {}
    setTimeout(poll, 500);
  }
  poll();
})();
</script>"#;

/// The placeholder in `LIVE_SCRIPT` for the served version.
const VERSION_MARK: &str = "VERSION_MARK";

/// What the watch loop tells the page: a version bumped after each rebuild, and its errors.
#[derive(Debug, Default)]
pub struct LiveState {
    version: AtomicU64,
    status: Mutex<String>,
    page_loads: AtomicU64,
}

impl LiveState {
    /// Records a finished rebuild; `errors` is empty when it succeeded.
    pub fn publish(&self, errors: String) {
        if let Ok(mut status) = self.status.lock() {
            *status = errors;
        }
        self.version.fetch_add(1, Ordering::SeqCst);
    }

    /// The current version.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// How many times the gallery page was served (a reload counts again).
    pub fn page_loads(&self) -> u64 {
        self.page_loads.load(Ordering::SeqCst)
    }
}

/// A running preview server.
pub struct Preview {
    server: Arc<Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The address it listens on.
    pub addr: std::net::SocketAddr,
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts serving `output_dir` on `127.0.0.1:port` (0 picks a free port).
pub fn start(output_dir: &Path, port: u16, state: Arc<LiveState>) -> Result<Preview> {
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        let hint = format!(
            "another program (perhaps another `carousel watch`) uses port {port}: pass \
             another with --port, such as --port {}",
            port.wrapping_add(1).max(1024)
        );
        Error::Diagnostics(vec![
            Diagnostic::error(format!(
                "failed to start the preview server on port {port}: {e}"
            ))
            .with_hint(hint),
        ])
    })?;
    let server = Arc::new(server);
    let addr = server.server_addr().to_ip().ok_or_else(|| {
        Error::Diagnostics(vec![Diagnostic::error(
            "failed to read the preview address",
        )])
    })?;
    let dir = output_dir.to_path_buf();
    let worker = server.clone();
    let thread = std::thread::spawn(move || {
        for request in worker.incoming_requests() {
            let url = request.url().split('?').next().unwrap_or("/").to_string();
            let _ = request.respond(respond(&dir, &url, &state));
        }
    });
    Ok(Preview {
        server,
        thread: Some(thread),
        addr,
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(dir: &Path, url: &str, state: &LiveState) -> Response<std::io::Cursor<Vec<u8>>> {
    let no_cache = header("Cache-Control", "no-store");
    match url {
        "/__version" => Response::from_string(state.version().to_string()).with_header(no_cache),
        "/__status" => {
            let status = state.status.lock().map(|s| s.clone()).unwrap_or_default();
            Response::from_string(status).with_header(no_cache)
        }
        "/" | "/index.html" => {
            state.page_loads.fetch_add(1, Ordering::SeqCst);
            // The version first: a page newer than it only costs one extra reload.
            let script = LIVE_SCRIPT.replace(VERSION_MARK, &state.version().to_string());
            let page = std::fs::read_to_string(dir.join(INDEX)).unwrap_or_else(|_| {
                "<!doctype html><body><pre id=\"status\"></pre><p>Building…</p></body>".into()
            });
            let page = match page.rfind("</body>") {
                Some(i) => format!("{}{script}{}", &page[..i], &page[i..]),
                None => page + &script,
            };
            Response::from_string(page)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(no_cache)
        }
        _ => match file_in(dir, url) {
            Some(path) => match std::fs::read(&path) {
                Ok(bytes) => Response::from_data(bytes)
                    .with_header(header("Content-Type", content_type(&path)))
                    .with_header(no_cache),
                Err(_) => Response::from_string("not found").with_status_code(404),
            },
            None => Response::from_string("not found").with_status_code(404),
        },
    }
}

/// The file a URL path names inside `dir`; `None` for anything that would leave it.
fn file_in(dir: &Path, url: &str) -> Option<PathBuf> {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.contains('\\') || rel.contains('%') {
        return None;
    }
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.starts_with('.') {
            return None;
        }
        path.push(part);
    }
    let real = path.canonicalize().ok()?;
    real.starts_with(dir.canonicalize().ok()?)
        .then_some(real)
        .filter(|p| p.is_file())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        Some("json") => "application/json",
        Some("html") => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_output_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(out.join("p")).unwrap();
        std::fs::write(out.join("p/01.png"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"x").unwrap();
        let cases = [
            ("/p/01.png", true),
            ("/p/../../secret.txt", false),
            ("/../secret.txt", false),
            ("/p/%2e%2e/x", false),
            ("/p/.hidden", false),
            ("/p/missing.png", false),
        ];
        for (url, ok) in cases {
            assert_eq!(file_in(&out, url).is_some(), ok, "{url}");
        }
    }
}
