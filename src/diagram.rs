//! Mermaid diagrams: the source of a ```` ```mermaid ```` block to an SVG drawn in the theme's
//! colours and fonts, with every label measured by our own fonts so it fits its box.
//!
//! The renderer is `merman` (chosen by measurement; see the README's "Diagrams"); everything
//! that knows about it lives in this module, so it can be swapped. Its SVG is made safe for usvg
//! (`resvg_safe`: plain `<text>` instead of `<foreignObject>`), with the `classic` look (the
//! default look's drop-shadow filter is not something usvg draws).

use std::sync::Arc;

use merman::svg::{
    DeterministicTextMeasurer, MeasurementProfileId, SvgPipeline, TextMeasurementPolicy,
    TextMeasurementProfile, TextMeasurementProfileIdentity,
};
use merman::{
    Engine, MermaidConfig, OperationControl, RenderOutput, RenderRequest, Renderer, SvgEnvironment,
    SvgRequest,
};
use resvg::usvg;
use resvg::usvg::fontdb::{Database, Family, ID, Query, Weight};

/// Longest line at which flowchart labels wrap, in label sizes.
const WRAP_EMS: f32 = 14.0;
/// Size an xychart is drawn at before it is fitted to the slide.
const XY_WIDTH: f32 = 440.0;
/// See [`XY_WIDTH`].
const XY_HEIGHT: f32 = 330.0;
/// Advance of a character the font lacks, as a share of the size (such text is refused later).
const MISSING_ADVANCE: f64 = 0.6;

/// How to draw a diagram: colours and the font its labels are set in.
#[derive(Debug, Clone)]
pub(crate) struct Style {
    /// Slide background (edge labels sit on it).
    pub bg: String,
    /// Node fill.
    pub surface: String,
    /// Label and title colour.
    pub text: String,
    /// Edges and axis lines.
    pub line: String,
    /// Node borders, arrows, the first series.
    pub accent: String,
    /// Colours of pie slices and chart series, in order.
    pub series: Vec<String>,
    /// Text on the series colours (pie slice labels).
    pub on_series: String,
    /// Font family of the labels.
    pub family: String,
    /// Label size, in the diagram's px.
    pub size: f32,
}

/// A drawn diagram.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drawn {
    /// The SVG.
    pub svg: String,
    /// Width, in the SVG's units.
    pub width: f32,
    /// Height, in the SVG's units.
    pub height: f32,
    /// The labels, in order: the diagram's alt text.
    pub labels: Vec<String>,
    /// The smallest font size its text is set in, in the SVG's units.
    pub label_size: f32,
}

/// Why a diagram could not be drawn, and the line of the source (1-based) when known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Failure {
    /// What went wrong.
    pub message: String,
    /// Line in the diagram's source.
    pub line: Option<usize>,
}

/// Draws `source` in `style`, measuring labels with the font `style.family` in `fonts`.
pub(crate) fn draw(source: &str, style: &Style, fonts: &Arc<Database>) -> Result<Drawn, Failure> {
    let face = find_face(fonts, &style.family).ok_or_else(|| Failure {
        message: format!("no font `{}` to set its labels in", style.family),
        line: None,
    })?;
    let request = request(fonts.clone(), face);
    let renderer = Renderer::new().with_engine(Engine::new().with_site_config(config(style)));
    let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        renderer.render(RenderRequest::svg(source, OperationControl::new(), request))
    }))
    .map_err(|panic| Failure {
        message: format!(
            "the diagram renderer failed ({})",
            crate::error::panic_text(&*panic)
        ),
        line: None,
    })?;
    let svg = match output {
        Ok(RenderOutput::Svg(Some(svg))) => svg.svg().to_owned(),
        Ok(_) => return Err(failure(source, merman::RenderError::NoDiagram)),
        Err(e) => return Err(failure(source, e)),
    };
    // usvg warns about every `transform: none` in the stylesheet; it means nothing.
    let svg = svg
        .replace("transform:none", "")
        .replace("transform: none", "");
    let (width, height) = view_box(&svg).ok_or_else(|| Failure {
        message: "the drawn diagram has no size".to_string(),
        line: None,
    })?;
    let labels = labels(&svg);
    if let Some(c) = labels
        .iter()
        .flat_map(|l| l.chars())
        .find(|c| !c.is_whitespace() && !covers(fonts, face, *c))
    {
        return Err(Failure {
            message: format!(
                "its text has `{c}`, which the font `{}` lacks",
                style.family
            ),
            line: source.lines().position(|l| l.contains(c)).map(|i| i + 1),
        });
    }
    let label_size = smallest_text(&svg, fonts).unwrap_or(style.size);
    Ok(Drawn {
        svg,
        width,
        height,
        labels,
        label_size,
    })
}

/// The renderer's configuration: Mermaid's `base` theme with our colours, font and wrapping.
fn config(s: &Style) -> MermaidConfig {
    let vars = theme_variables(s);
    MermaidConfig::from_value(serde_json::json!({
        "theme": "base", "look": "classic", "fontFamily": s.family, "fontSize": s.size,
        "flowchart": { "wrappingWidth": WRAP_EMS * s.size },
        "sequence": {
            "actorFontSize": s.size, "messageFontSize": s.size, "noteFontSize": s.size,
        },
        // Mermaid's default 700 x 500 leaves its 14 px axis labels small once fitted; drawn
        // smaller, the chart is enlarged more and its labels with it.
        "xyChart": { "width": XY_WIDTH, "height": XY_HEIGHT },
        "themeVariables": vars,
    }))
}

/// Mermaid's theme variables for our colours and font.
fn theme_variables(s: &Style) -> serde_json::Map<String, serde_json::Value> {
    let pies: serde_json::Map<String, serde_json::Value> = s
        .series
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("pie{}", i + 1), c.clone().into()))
        .collect();
    let colours = [
        ("background", &s.bg),
        ("primaryColor", &s.surface),
        ("secondaryColor", &s.surface),
        ("tertiaryColor", &s.surface),
        ("primaryBorderColor", &s.accent),
        ("primaryTextColor", &s.text),
        ("textColor", &s.text),
        ("lineColor", &s.line),
        ("edgeLabelBackground", &s.bg),
        ("signalColor", &s.text),
        ("signalTextColor", &s.text),
        ("actorBkg", &s.surface),
        ("actorBorder", &s.accent),
        ("actorTextColor", &s.text),
        ("actorLineColor", &s.line),
        ("labelBoxBkgColor", &s.surface),
        ("labelBoxBorderColor", &s.accent),
        ("labelTextColor", &s.text),
        ("noteBkgColor", &s.surface),
        ("noteBorderColor", &s.line),
        ("noteTextColor", &s.text),
        ("pieTitleTextColor", &s.text),
        ("pieSectionTextColor", &s.on_series),
        ("pieLegendTextColor", &s.text),
        ("pieStrokeColor", &s.bg),
        ("pieOuterStrokeColor", &s.line),
    ];
    let mut vars: serde_json::Map<String, serde_json::Value> = colours
        .iter()
        .map(|(k, v)| (k.to_string(), v.as_str().into()))
        .collect();
    vars.extend(pies);
    for (k, size) in [("fontSize", s.size), ("pieSectionTextSize", s.size)] {
        vars.insert(k.to_string(), px(size).into());
    }
    vars.insert("fontFamily".to_string(), s.family.as_str().into());
    // Slices at full strength, so they match their legend swatches.
    vars.insert("pieOpacity".to_string(), "1".into());
    vars.insert("xyChart".to_string(), xy_chart(s).into());
    vars
}

/// The xychart's colours.
fn xy_chart(s: &Style) -> serde_json::Map<String, serde_json::Value> {
    let chart_colours = [
        "titleColor",
        "xAxisLabelColor",
        "xAxisTitleColor",
        "yAxisLabelColor",
        "yAxisTitleColor",
        "dataLabelColor",
        "legendTextColor",
    ]
    .map(|k| (k.to_string(), s.text.as_str().into()));
    let chart_lines = [
        "xAxisTickColor",
        "xAxisLineColor",
        "yAxisTickColor",
        "yAxisLineColor",
    ]
    .map(|k| (k.to_string(), s.line.as_str().into()));
    let mut chart: serde_json::Map<String, serde_json::Value> =
        chart_colours.into_iter().chain(chart_lines).collect();
    // The slide's own background (and pattern) shows through the plot.
    chart.insert("backgroundColor".into(), "transparent".into());
    chart.insert("plotColorPalette".into(), s.series.join(",").into());
    chart
}

/// A size as CSS pixels.
fn px(size: f32) -> String {
    format!("{size}px")
}

/// A request for deterministic SVG whose labels are measured with `face`.
fn request(fonts: Arc<Database>, face: ID) -> SvgRequest {
    let measurer = DeterministicTextMeasurer::default()
        .with_width_callback(move |text, style| advance(&fonts, face, text) * style.font_size);
    let identity = MeasurementProfileId::new("carousel")
        .ok()
        .and_then(|id| TextMeasurementProfileIdentity::new(id, "carousel fonts").ok());
    let mut environment = SvgEnvironment::deterministic();
    if let Some(identity) = identity {
        let profile = TextMeasurementProfile::new(identity, measurer);
        environment =
            environment.with_text_measurement_policy(TextMeasurementPolicy::uniform(profile));
    }
    SvgRequest {
        environment,
        pipeline: Some(SvgPipeline::resvg_safe()),
        ..Default::default()
    }
}

/// The regular face of `family`.
fn find_face(fonts: &Database, family: &str) -> Option<ID> {
    fonts.query(&Query {
        families: &[Family::Name(family)],
        weight: Weight::NORMAL,
        ..Query::default()
    })
}

/// Width of `text` in `face` at size 1 (no kerning: labels are short).
fn advance(fonts: &Database, face: ID, text: &str) -> f64 {
    fonts
        .with_face_data(face, |data, index| {
            let Ok(f) = rustybuzz::ttf_parser::Face::parse(data, index) else {
                return text.chars().count() as f64 * MISSING_ADVANCE;
            };
            let em = f64::from(f.units_per_em().max(1));
            text.chars()
                .map(|c| {
                    f.glyph_index(c)
                        .and_then(|g| f.glyph_hor_advance(g))
                        .map_or(MISSING_ADVANCE, |a| f64::from(a) / em)
                })
                .sum()
        })
        .unwrap_or(0.0)
}

/// True when `face` has a glyph for `c`.
fn covers(fonts: &Database, face: ID, c: char) -> bool {
    fonts
        .with_face_data(face, |data, index| {
            rustybuzz::ttf_parser::Face::parse(data, index)
                .is_ok_and(|f| f.glyph_index(c).is_some())
        })
        .unwrap_or(false)
}

/// The renderer's error as a message and a line of the source.
fn failure(source: &str, e: merman::RenderError) -> Failure {
    let (message, span) = match &e {
        merman::RenderError::Parse(d) => (
            d.terminal_safe_message(),
            d.terminal_diagnostic_details().span,
        ),
        merman::RenderError::NoDiagram => (
            "not a diagram carousel draws (flowchart, sequenceDiagram, pie, xychart-beta)"
                .to_string(),
            None,
        ),
        other => (other.to_string(), None),
    };
    let line = match span {
        Some(span) => Some(source[..span.start.min(source.len())].matches('\n').count() + 1),
        None => source
            .lines()
            .position(|l| !l.trim().is_empty())
            .map(|i| i + 1),
    };
    Failure { message, line }
}

/// Width and height from the root's `viewBox`.
fn view_box(svg: &str) -> Option<(f32, f32)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let value = &svg[start..start + svg[start..].find('"')?];
    let v: Vec<f32> = value
        .split([' ', ','])
        .filter_map(|n| n.parse().ok())
        .collect();
    match v.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

/// The smallest size any text of the SVG is drawn at, as usvg reads it (styles applied).
fn smallest_text(svg: &str, fonts: &Arc<Database>) -> Option<f32> {
    fn walk(group: &usvg::Group, out: &mut Option<f32>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for span in t.chunks().iter().flat_map(|c| c.spans()) {
                        let size = span.font_size().get();
                        *out = Some(out.map_or(size, |o: f32| o.min(size)));
                    }
                }
                _ => {}
            }
        }
    }
    let opt = usvg::Options {
        fontdb: fonts.clone(),
        ..usvg::Options::default()
    };
    let tree = crate::logging::capture(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            usvg::Tree::from_str(svg, &opt).ok()
        }))
        .ok()
        .flatten()
    })
    .0?;
    let mut out = None;
    walk(tree.root(), &mut out);
    out
}

/// The text of every `<text>` element, tags stripped and entities decoded.
fn labels(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let Some(end) = part.find("</text>") else {
            continue;
        };
        let inner = &part[..end];
        let mut text = String::new();
        let mut in_tag = true;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style {
            bg: "#FFFFFF".into(),
            surface: "#F4F4F5".into(),
            text: "#18181B".into(),
            line: "#52525B".into(),
            accent: "#2563EB".into(),
            series: vec!["#2563EB".into(), "#1E40AF".into(), "#172554".into()],
            on_series: "#FFFFFF".into(),
            family: "Inter".into(),
            size: 16.0,
        }
    }

    fn fonts() -> Arc<Database> {
        crate::fonts::FontSet::builtin().db().clone()
    }

    #[test]
    fn the_four_kinds_draw_and_parse_in_usvg_without_warnings() {
        let fonts = crate::fonts::FontSet::builtin();
        let cases = [
            (
                "flowchart LR\n  A[Write] --> B{Ready?}\n  B -->|yes| C[Publish]\n",
                "Publish",
            ),
            (
                "sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi\n",
                "Hello",
            ),
            (
                "pie title Time\n  \"Writing\" : 45\n  \"Design\" : 30\n",
                "Writing",
            ),
            (
                "xychart-beta\n  title \"Posts\"\n  x-axis [Mon, Tue, Wed]\n  bar [3, 5, 2]\n",
                "Posts",
            ),
        ];
        for (source, label) in cases {
            let drawn = draw(source, &style(), fonts.db()).unwrap();
            assert!(drawn.width > 0.0 && drawn.height > 0.0, "{source}");
            assert!(
                drawn.labels.iter().any(|l| l.contains(label)),
                "{:?}",
                drawn.labels
            );
            assert!(!drawn.svg.contains("foreignObject"), "{source}");
            let (tree, warnings) =
                crate::render::parse(&drawn.svg, &crate::render::options(&fonts));
            assert!(tree.is_ok(), "{source}");
            assert_eq!(warnings, Vec::<String>::new(), "{source}");
            let again = draw(source, &style(), fonts.db()).unwrap();
            assert_eq!(drawn.svg, again.svg, "same bytes twice");
        }
    }

    #[test]
    fn broken_and_unknown_diagrams_fail_at_their_line() {
        let broken = "flowchart LR\n  A --> B\n  B -->|unclosed C\n";
        let f = draw(broken, &style(), &fonts()).unwrap_err();
        assert_eq!(f.line, Some(3), "{f:?}");
        let unknown = "\nnotADiagram\n  A --> B\n";
        let f = draw(unknown, &style(), &fonts()).unwrap_err();
        assert_eq!(f.line, Some(2), "{f:?}");
        assert!(f.message.contains("diagram type"), "{f:?}");
    }

    #[test]
    fn labels_are_measured_with_our_font() {
        let fonts = fonts();
        let face = find_face(&fonts, "Inter").unwrap();
        // Inter's `W` is wider than its `i`.
        assert!(advance(&fonts, face, "WWWW") > 2.0 * advance(&fonts, face, "iiii"));
    }
}
