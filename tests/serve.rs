//! The live preview: the served gallery, its reload contract (the version changes only after a
//! rebuild's files are written), path safety, and the page in real headless Chromium.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use carousel::serve::{self, LiveState};
use common::{TestSite, post};

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// A site being watched and served on a free loopback port.
struct Live {
    site: TestSite,
    state: Arc<LiveState>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    _preview: serve::Preview,
}

impl Live {
    fn start() -> Live {
        let site = TestSite::empty();
        site.write(
            "content/a.md",
            post("Served", "## One\n\nFirst.\n\n## Two\n\nSecond.\n"),
        );
        // A draft: watching shows it.
        site.write(
            "content/d.md",
            "+++\ntitle = \"Drafted\"\ndraft = true\ncaption = \"Paste this\"\n+++\n## Only\n\nText.\n",
        );
        let state = Arc::new(LiveState::default());
        let preview = serve::start(&site.root().join("output"), 0, state.clone()).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, options, published) = (stop.clone(), site.options(false), state.clone());
        let thread = std::thread::spawn(move || {
            carousel::watch::run(&options, &flag, |_| published.publish(String::new())).unwrap();
        });
        let live = Live {
            addr: preview.addr,
            site,
            state,
            stop,
            thread: Some(thread),
            _preview: preview,
        };
        live.wait_version(1);
        live
    }

    fn version(&self) -> u64 {
        get(self.addr, "/__version").1.trim().parse().unwrap()
    }

    fn wait_version(&self, at_least: u64) -> u64 {
        let start = Instant::now();
        loop {
            let v = self.version();
            if v >= at_least {
                return v;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no rebuild");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[test]
fn the_page_lists_slides_and_reloads_only_after_files_are_written() {
    let live = Live::start();
    let (status, page) = get(live.addr, "/");
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("<figure><a ").count(),
        4 + 3,
        "cover, two sections, outro; and the draft's three slides"
    );
    assert!(
        page.contains("fetch('/__version'"),
        "live reload script injected"
    );
    assert!(
        page.contains(&format!("const seen = '{}';", live.version())),
        "the page knows the version it was served at, so a rebuild before its first poll reloads it"
    );
    assert_eq!(get(live.addr, "/a/02.png").0, 200);

    let v = live.version();
    let before = std::fs::read(live.site.out("a/03.png")).unwrap();
    live.site.write(
        "content/a.md",
        post("Served", "## One\n\nFirst.\n\n## Two\n\nSecond, changed.\n"),
    );
    live.wait_version(v + 1);
    // When the version changes, the new slide is already on disk.
    assert_ne!(std::fs::read(live.site.out("a/03.png")).unwrap(), before);
    let (_, svg) = get(live.addr, "/a/03.svg");
    assert!(svg.contains("Second, changed."));
}

#[test]
fn nothing_outside_output_is_served() {
    let live = Live::start();
    live.site.write("carousel.toml", "theme = \"paper\"\n");
    for path in [
        "/../carousel.toml",
        "/a/../../carousel.toml",
        "/%2e%2e/carousel.toml",
        "/.debug/x",
    ] {
        assert_eq!(get(live.addr, path).0, 404, "{path}");
    }
}

/// Headless Chromium from Debian's `chromium` package; `.ci/run` installs it.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("chromium is required in CI (.ci/run installs it)");
    }
    found
}

/// Headless Chromium with the flags this machine needs (no sandbox as root, no network
/// chatter) and a fresh profile.
fn headless(browser: &str, profile: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Longest a `--dump-dom` run may take before it is killed and tried once more (Chromium has
/// been seen to hang for minutes on a loaded machine).
const DUMP_TIMEOUT: Duration = Duration::from_secs(45);

fn dump_dom(browser: &str, url: &str) -> String {
    for _ in 0..2 {
        let profile = tempfile::tempdir().unwrap();
        let mut child = headless(browser, profile.path())
            .args(["--virtual-time-budget=3000", "--dump-dom", url])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
            text
        });
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() && start.elapsed() < DUMP_TIMEOUT {
            std::thread::sleep(Duration::from_millis(50));
        }
        if child.try_wait().unwrap().is_none() {
            let _ = child.kill();
            let _ = child.wait();
            // Chromium's helpers may still hold the pipe: leave the reader thread behind.
            drop(reader);
            continue;
        }
        return reader.join().unwrap();
    }
    panic!("chromium --dump-dom {url} timed out twice");
}

#[test]
fn chromium_reloads_the_page_after_a_rebuild() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let live = Live::start();
    let profile = tempfile::tempdir().unwrap();
    // A headless browser that stays on the page (remote debugging keeps it open).
    let mut child = headless(browser, profile.path())
        .arg("--remote-debugging-port=0")
        .arg(format!("http://{}/", live.addr))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait_loads = |n: u64| {
        let start = Instant::now();
        while live.state.page_loads() < n {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the page was loaded {} time(s), expected {n}",
                live.state.page_loads()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_loads(1);
    // Let the page's poll learn the current version before anything changes.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(live.state.page_loads(), 1, "no reload without a change");
    live.site.write(
        "content/a.md",
        post(
            "Served",
            "## One\n\nFirst.\n\n## Two\n\nSecond, reloaded.\n",
        ),
    );
    wait_loads(2);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn chromium_loads_the_served_page_and_the_gallery_from_disk() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let live = Live::start();
    let dom = dump_dom(browser, &format!("http://{}/", live.addr));
    assert_eq!(dom.matches("<figure><a ").count(), 4 + 3, "{dom}");
    assert!(dom.contains("id=\"status\""), "{dom}");
    // What publishing needs: the caption to copy, alt text per slide, the ZIP, the draft mark.
    let expected = [
        "<p id=\"caption-d\">Paste this</p><button type=\"button\" onclick=\"copyText('caption-d', this)\">Copy caption</button>",
        "<summary>Alt text 2</summary><p id=\"alt-d-2\">Only Text.</p>",
        "<span class=\"draft\">draft</span>",
        "href=\"d/d.zip\" download",
    ];
    for text in expected {
        assert!(dom.contains(text), "{text} missing: {dom}");
    }
    assert!(live.site.out("d/d.zip").is_file());
    // Opened from disk, every image the gallery links to exists.
    let index = live.site.out("index.html");
    let dom = dump_dom(browser, &format!("file://{}", index.display()));
    let srcs: Vec<&str> = dom
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = srcs.iter().collect();
    assert_eq!(unique.len(), 4 + 3, "{dom}");
    for src in srcs {
        assert!(live.site.out(src).is_file(), "broken link {src}");
    }
}
