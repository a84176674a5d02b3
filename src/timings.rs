//! Stage timings of a build, summed over every task (so with two threads they add up to about
//! twice the wall time), for `carousel build --timings` and the benchmark.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

/// The stages of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Config, fonts, reading and parsing posts (Markdown, front matter, slide split).
    Load,
    /// Text layout and fitting (themes and layouts loaded here too).
    Compose,
    /// Rendering the Tera SVG templates.
    Template,
    /// The build cache: hashing slides' keys, checking and recording their files.
    Cache,
    /// usvg parsing (and inspecting) each slide's SVG.
    Parse,
    /// resvg rasterising.
    Raster,
    /// PNG encoding.
    Encode,
    /// PDF assembly.
    Pdf,
    /// Writing files.
    Write,
}

const STAGES: [Stage; 9] = [
    Stage::Load,
    Stage::Compose,
    Stage::Template,
    Stage::Cache,
    Stage::Parse,
    Stage::Raster,
    Stage::Encode,
    Stage::Pdf,
    Stage::Write,
];

/// Accumulates nanoseconds per stage from any thread.
#[derive(Debug, Default)]
pub(crate) struct Timings {
    nanos: [AtomicU64; 9],
}

impl Timings {
    /// Adds the time since `start` to `stage`.
    pub(crate) fn add(&self, stage: Stage, start: Instant) {
        let index = STAGES.iter().position(|s| *s == stage).unwrap_or(0);
        self.nanos[index].fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// Runs `f`, charging its time to `stage`.
    pub(crate) fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = f();
        self.add(stage, start);
        result
    }

    /// A snapshot in milliseconds.
    pub(crate) fn snapshot(&self) -> StageTimes {
        let ms = |i: usize| {
            Duration::from_nanos(self.nanos[i].load(Ordering::Relaxed)).as_secs_f64() * 1000.0
        };
        StageTimes {
            load_ms: ms(0),
            compose_ms: ms(1),
            template_ms: ms(2),
            cache_ms: ms(3),
            parse_ms: ms(4),
            raster_ms: ms(5),
            encode_ms: ms(6),
            pdf_ms: ms(7),
            write_ms: ms(8),
        }
    }
}

/// Milliseconds spent per stage, summed over all tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageTimes {
    /// Config, fonts, posts.
    pub load_ms: f64,
    /// Layout and fitting.
    pub compose_ms: f64,
    /// Templates.
    pub template_ms: f64,
    /// The build cache: keys, checking files still on disk.
    pub cache_ms: f64,
    /// usvg parse and inspection.
    pub parse_ms: f64,
    /// Rasterising.
    pub raster_ms: f64,
    /// PNG encoding.
    pub encode_ms: f64,
    /// PDF.
    pub pdf_ms: f64,
    /// File writes.
    pub write_ms: f64,
}

impl StageTimes {
    /// (name, milliseconds) pairs in pipeline order.
    pub fn rows(&self) -> [(&'static str, f64); 9] {
        [
            ("load (config, fonts, Markdown, slide split)", self.load_ms),
            ("compose (text layout, fitting)", self.compose_ms),
            ("templates", self.template_ms),
            ("cache (keys, checking files)", self.cache_ms),
            ("usvg parse + inspection", self.parse_ms),
            ("raster", self.raster_ms),
            ("PNG encode", self.encode_ms),
            ("PDF", self.pdf_ms),
            ("write", self.write_ms),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_accumulate_separately() {
        let t = Timings::default();
        t.time(Stage::Raster, || {
            std::thread::sleep(Duration::from_millis(5))
        });
        t.time(Stage::Raster, || {
            std::thread::sleep(Duration::from_millis(5))
        });
        let s = t.snapshot();
        assert!(s.raster_ms >= 10.0, "{s:?}");
        assert_eq!(s.encode_ms, 0.0);
    }
}
