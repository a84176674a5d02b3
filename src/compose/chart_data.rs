//! The numbers behind a chart: a table read as labels and series of values written the way
//! people write them (`38%`, `$1.2M`, `1,200 ms`), the round ticks of a value axis, and the
//! sentence that states the data for screen readers.

use crate::content::markup::{Span, plain_text};

/// Ticks on the value axis, about, and at most (with zero).
const TICKS: f64 = 4.0;
pub(crate) const MAX_TICKS: usize = 6;

/// A number read from a cell, with what was written around it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    /// The number (`1.2M` is 1,200,000).
    pub number: f64,
    /// The cell as written, for the bar's label.
    pub text: String,
}

/// One column of numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Series {
    /// The column's header.
    pub name: String,
    /// One value per label.
    pub values: Vec<Value>,
}

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChartData {
    /// The first column.
    pub labels: Vec<String>,
    /// The other columns.
    pub series: Vec<Series>,
}

impl ChartData {
    /// The largest value of any series (0 for none).
    pub(crate) fn max(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().map(|v| v.number))
            .fold(0.0, f64::max)
    }
}

/// Reads a number written the way people write them in tables: `38`, `-3.5`, `1,200`, `38%`,
/// `$1.2M`, `€40k`, `12 ms`, `10x`, `2.5B`.
pub(crate) fn parse_value(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.trim_start_matches(['$', '€', '£', '¥', '~', '≈']).trim();
    let end = t
        .char_indices()
        .find(|&(i, ch)| !(ch.is_ascii_digit() || ch == '.' || ch == ',' || (i == 0 && ch == '-')))
        .map_or(t.len(), |(i, _)| i);
    let (digits, rest) = t.split_at(end);
    let number: f64 = digits.replace(',', "").parse().ok()?;
    let multiplier = match rest.trim() {
        "k" | "K" => 1e3,
        "M" | "m" => 1e6,
        "B" | "bn" => 1e9,
        _ => 1.0,
    };
    let unit_ok = rest
        .trim()
        .chars()
        .all(|c| c.is_alphabetic() || "%/ ".contains(c));
    (number.is_finite() && unit_ok).then_some(number * multiplier)
}

/// The chart's data, or the first cell that is not a number: (row, column) 1-based, its text.
pub(crate) fn read(
    head: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
) -> Result<ChartData, (usize, usize, String)> {
    let names: Vec<String> = head.iter().skip(1).map(|c| plain_text(c)).collect();
    let mut series: Vec<Series> = names
        .into_iter()
        .map(|name| Series {
            name,
            values: Vec::new(),
        })
        .collect();
    let mut labels = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        labels.push(row.first().map(|c| plain_text(c)).unwrap_or_default());
        for (s, column) in series.iter_mut().enumerate() {
            let text = row.get(s + 1).map(|c| plain_text(c)).unwrap_or_default();
            match parse_value(&text) {
                Some(number) if number >= 0.0 => column.values.push(Value { number, text }),
                _ => return Err((r + 1, s + 2, text)),
            }
        }
    }
    Ok(ChartData { labels, series })
}

/// Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten, at
/// most `most` of them (with zero), the last as close above `max` as such steps allow (and of
/// those, about [`TICKS`] steps).
pub(crate) fn ticks(max: f64, most: usize) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let power = 10f64.powf((max / TICKS).log10().floor());
    let steps = [0.1, 1.0, 10.0]
        .iter()
        .flat_map(|p| [1.0, 2.0, 5.0].map(|m| m * p * power));
    let (count, step) = steps
        .map(|step| ((max / step - 1e-9).ceil().max(1.0) as usize, step))
        .filter(|(count, _)| *count < most.max(2))
        .min_by(|a, b| {
            // The lowest last tick, then the count nearest the aim.
            let top = |(count, step): &(usize, f64)| (*count as f64 * step / max * 1e6).round();
            let off = |(count, _): &(usize, f64)| (*count as f64 - TICKS).abs();
            top(a).total_cmp(&top(b)).then(off(a).total_cmp(&off(b)))
        })
        .unwrap_or((1, 10.0 * power));
    // Rounded to the step's decimals, so 3 × 0.2 is 0.6.
    let scale = 10f64.powf((-step.log10().floor()).max(0.0));
    (0..=count)
        .map(|i| (i as f64 * step * scale).round() / scale)
        .collect()
}

/// A tick's label: no trailing zeros, thousands as `k`, millions as `M`.
pub(crate) fn tick_label(value: f64) -> String {
    let (v, suffix) = if value >= 1e9 {
        (value / 1e9, "B")
    } else if value >= 1e6 {
        (value / 1e6, "M")
    } else if value >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{suffix}")
}

/// What a chart of `kind` (`Bar`, `Line`, `Pie`) says, for screen readers.
pub(crate) fn described(kind: &str, data: &ChartData) -> String {
    let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
    let mut parts = vec![format!("{kind} chart of {}.", names.join(", "))];
    for (i, label) in data.labels.iter().enumerate() {
        let values: Vec<String> = data
            .series
            .iter()
            .map(|s| {
                if data.series.len() > 1 {
                    format!("{} {}", s.name, s.values[i].text)
                } else {
                    s.values[i].text.clone()
                }
            })
            .collect();
        parts.push(format!("{label}: {}.", values.join(", ")));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_write_them() {
        // (cell, number)
        let cases = [
            ("38", Some(38.0)),
            ("38%", Some(38.0)),
            ("1,200", Some(1200.0)),
            ("$1.2M", Some(1.2e6)),
            ("€40k", Some(40e3)),
            ("12 ms", Some(12.0)),
            ("10x", Some(10.0)),
            ("-3.5", Some(-3.5)),
            ("n/a", None),
            ("", None),
            ("3 + 4", None),
        ];
        for (cell, want) in cases {
            assert_eq!(parse_value(cell), want, "{cell}");
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_largest_value() {
        // (largest value, ticks)
        let cases: [(f64, &[f64]); 7] = [
            (38.0, &[0.0, 10.0, 20.0, 30.0, 40.0]),
            (100.0, &[0.0, 20.0, 40.0, 60.0, 80.0, 100.0]),
            (7.0, &[0.0, 2.0, 4.0, 6.0, 8.0]),
            (1.2e6, &[0.0, 500e3, 1e6, 1.5e6]),
            (2050.0, &[0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]),
            (1.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
            (0.3, &[0.0, 0.1, 0.2, 0.3]),
        ];
        for (max, want) in cases {
            assert_eq!(ticks(max, MAX_TICKS), want, "{max}");
        }
        // Fewer ticks where there is less room: still round, still covering the largest value.
        assert_eq!(ticks(2050.0, 4), [0.0, 1000.0, 2000.0, 3000.0]);
        assert_eq!(ticks(38.0, 3), [0.0, 20.0, 40.0]);
        assert_eq!(tick_label(1.5e6), "1.5M");
        assert_eq!(tick_label(20.0), "20");
    }
}
