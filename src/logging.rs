//! Capturing what usvg reports through `log` (missing fonts, bad images) so it can be shown as a
//! diagnostic of the slide being rendered, instead of vanishing or going to stderr unlabelled.

use std::cell::RefCell;

use log::{Level, LevelFilter, Log, Metadata, Record};

thread_local! {
    static CAPTURE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

struct Logger;

static LOGGER: Logger = Logger;

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= Level::Warn
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
            Some(messages) => {
                messages.push(message.clone());
                true
            }
            None => false,
        });
        if !captured {
            eprintln!("warning: {message}");
        }
    }

    fn flush(&self) {}
}

/// Installs the capturing logger (once; later calls do nothing).
pub fn install() {
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Warn);
    }
}

/// Runs `f`, returning its result and the warnings logged on this thread meanwhile.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    install();
    let previous = CAPTURE.with(|c| c.borrow_mut().replace(Vec::new()));
    let result = f();
    let messages = CAPTURE
        .with(|c| std::mem::replace(&mut *c.borrow_mut(), previous))
        .unwrap_or_default();
    (result, messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_warnings_of_this_thread_only() {
        let ((), messages) = capture(|| {
            log::warn!("no match for font");
            log::info!("ignored");
        });
        assert_eq!(messages, vec!["no match for font".to_string()]);
        let ((), none) = capture(|| {});
        assert!(none.is_empty());
    }
}
