//! The design system as users meet it: layouts chosen from content, every theme in every format
//! without overflow or overlap, several formats per post, theme and layout override order, and
//! the brand kit's switches.

mod common;

use common::{TestSite, errors, png_size, post};

/// A post with one slide of every layout.
const EVERY_LAYOUT: &str = "
## The number

**87%**

of readers stop at slide five.

## Three habits

1. Write the cover last.
2. One idea per slide.
3. End with one call to action.

## Run it

```sh
carousel watch --serve
```

## Before and after

### Before

Walls of text, five ideas per slide.

### After

One idea per slide, big type.

## A picture

![A shape](shape.svg)

A short caption beside the picture.

## Full bleed

![A shape](shape.svg)

## A quote

> Simplicity is prerequisite for reliability.
>
> — Edsger W. Dijkstra
";

/// A wide, text-free vector image.
const SHAPE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#0E7490"/><circle cx="800" cy="450" r="300" fill="#FDE047"/></svg>"##;

fn layout_site(config: &str) -> TestSite {
    let site = TestSite::empty();
    site.write("carousel.toml", config)
        .write("content/every/index.md", post("Every layout", EVERY_LAYOUT))
        .write("content/every/shape.svg", SHAPE);
    site
}

fn svg(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn layouts_are_chosen_from_the_content() {
    let site = layout_site("[output]\npng = false\npdf = false\n");
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    // cover, seven sections, outro
    let stat = svg(&site, "every/02.svg");
    assert!(stat.contains(">87%<"), "the figure is set on its own line");
    assert!(
        stat.contains(r#"font-size="240.0""#),
        "the figure is set large"
    );
    let list = svg(&site, "every/03.svg");
    assert_eq!(
        list.matches("<circle").count(),
        3 + 1,
        "a badge per item and the swipe cue"
    );
    let code = svg(&site, "every/04.svg");
    assert!(
        code.contains("#FF5F57") && code.contains(">sh<"),
        "a window bar"
    );
    let columns = svg(&site, "every/05.svg");
    let before = columns.find(">Before<").unwrap();
    let after = columns.find(">After<").unwrap();
    let y_of = |at: usize| {
        let start = columns[..at].rfind("<text").unwrap();
        let tag = &columns[start..at];
        let y = tag.split("y=\"").nth(1).unwrap().split('"').next().unwrap();
        y.parse::<f32>().unwrap()
    };
    assert_eq!(y_of(before), y_of(after), "the columns sit side by side");
    let beside = svg(&site, "every/06.svg");
    assert!(beside.contains("preserveAspectRatio=\"xMidYMid meet\""));
    let full = svg(&site, "every/07.svg");
    assert!(full.contains("preserveAspectRatio=\"xMidYMid slice\""));
    assert!(full.contains("scrim-bottom"), "white text sits on a scrim");
    let quote = svg(&site, "every/08.svg");
    assert!(quote.contains("Edsger"));
}

#[test]
fn every_theme_sets_every_layout_in_every_format_without_collisions() {
    // The build inspects each rendered tree: text leaving the safe area, overlapping text and
    // missing glyphs are errors.
    let themes = carousel::assets::builtin_theme_names();
    for format in ["linkedin", "square", "story", "x", "instagram-3x4"] {
        for theme in &themes {
            let site = layout_site(&format!(
                "format = \"{format}\"\ntheme = \"{theme}\"\n[brand]\nname = \"Asma H.\"\nhandle = \"@asmah2107\"\n[output]\npng = false\npdf = false\n"
            ));
            let report = site.build();
            assert!(
                errors(&report).is_empty(),
                "{theme} in {format}: {:?}",
                errors(&report)
            );
        }
    }
}

#[test]
fn a_post_builds_in_several_formats_into_subfolders() {
    let site = TestSite::empty();
    site.write(
        "content/multi.md",
        "+++\ntitle = \"Multi\"\nformats = [\"linkedin\", \"instagram-square\", \"tiktok\"]\n+++\n## One\n\nText.\n",
    );
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    assert_eq!(png_size(&site.out("multi/linkedin/01.png")), (1080, 1350));
    assert_eq!(png_size(&site.out("multi/square/01.png")), (1080, 1080));
    let jpeg = std::fs::read(site.out("multi/tiktok/01.jpg")).unwrap();
    assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF], "TikTok gets JPEG");
    assert!(!site.out("multi/tiktok/01.png").exists());
    assert!(
        site.out("multi/linkedin/multi.pdf").is_file(),
        "LinkedIn gets its PDF"
    );
    assert!(!site.out("multi/square/multi.pdf").exists());
    // Laid out afresh per format, not scaled: the square slide's content box is shorter.
    let gallery = std::fs::read_to_string(site.out("index.html")).unwrap();
    assert!(
        gallery.contains("multi/tiktok/01.jpg"),
        "the gallery shows every format"
    );

    // Back to one format: the format folders go, the slides sit in the post folder.
    site.write("content/multi.md", post("Multi", "## One\n\nText.\n"));
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    assert!(site.out("multi/01.png").is_file());
    assert!(!site.out("multi/linkedin").exists());
    assert!(!site.out("multi/tiktok").exists());
}

#[test]
fn unknown_formats_in_a_list_name_the_post_line() {
    let site = TestSite::empty();
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\nformats = [\"linkedin\", \"tiktokk\"]\n+++\n## One\n\nText.\n",
    );
    let report = site.build();
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("unknown format `tiktokk`"), "{}", errs[0]);
    assert!(errs[0].contains("content/bad.md:3"), "{}", errs[0]);
}

#[test]
fn site_layouts_override_theme_layouts_which_override_built_ins() {
    let site = TestSite::empty();
    site.write("carousel.toml", "theme = \"mine\"\n[output]\npng = false\npdf = false\n")
        .write("content/a.md", post("A", "## One\n\nText.\n\n## Two\n\n**42**\n\nanswers.\n"))
        .write(
            "themes/mine/theme.toml",
            carousel::assets::builtin_theme("paper")
                .unwrap()
                .replace("name = \"paper\"", "name = \"mine\"")
                .replace("#2563EB", "#0F766E"),
        )
        .write(
            "themes/mine/layouts/content.svg",
            "{% extends \"base.svg\" %}{% block decoration %}<rect id=\"theme-content\" width=\"1\" height=\"1\"/>{% endblock decoration %}",
        )
        .write(
            "themes/mine/layouts/stat.svg",
            "{% extends \"base.svg\" %}{% block decoration %}<rect id=\"theme-stat\" width=\"1\" height=\"1\"/>{% endblock decoration %}",
        );
    assert!(errors(&site.build()).is_empty());
    assert!(
        svg(&site, "a/02.svg").contains("theme-content"),
        "theme beats built-in"
    );
    assert!(svg(&site, "a/03.svg").contains("theme-stat"));
    assert!(
        svg(&site, "a/02.svg").contains("#0F766E"),
        "site theme beats the built-in paper"
    );

    site.write(
        "layouts/stat.svg",
        "{% extends \"base.svg\" %}{% block decoration %}<rect id=\"site-stat\" width=\"1\" height=\"1\"/>{% endblock decoration %}",
    );
    assert!(errors(&site.build()).is_empty());
    assert!(
        svg(&site, "a/03.svg").contains("site-stat"),
        "site beats theme"
    );
    assert!(
        svg(&site, "a/02.svg").contains("theme-content"),
        "others keep the theme's"
    );
}

#[test]
fn brand_switches_show_and_hide_each_part() {
    let cases = [
        ("", true, true, true, true),
        ("show_name = false\n", false, true, true, true),
        ("show_handle = false\n", true, false, true, true),
        ("show_counter = false\n", true, true, false, true),
        ("show_swipe = false\n", true, true, true, false),
    ];
    for (switch, name, handle, counter, swipe) in cases {
        let site = TestSite::empty();
        site.write(
            "carousel.toml",
            format!("[brand]\nname = \"Asma H.\"\nhandle = \"@asmah2107\"\n{switch}[output]\npng = false\npdf = false\n"),
        )
        .write("content/a.md", post("A", "## One\n\nText.\n\n## Two\n\nMore.\n"));
        assert!(errors(&site.build()).is_empty());
        let slide = svg(&site, "a/02.svg");
        assert_eq!(slide.contains("Asma H."), name, "{switch}: name");
        assert_eq!(slide.contains("@asmah2107"), handle, "{switch}: handle");
        assert_eq!(slide.contains(">02/04<"), counter, "{switch}: counter");
        assert_eq!(slide.contains(">→<"), swipe, "{switch}: swipe");
    }
}

const AVATAR: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#F59E0B"/></svg>"##;
const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#2563EB"/></svg>"##;

fn brand_site(brand: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        format!("[brand]\nname = \"Asma H.\"\n{brand}\n[output]\npng = false\npdf = false\n"),
    )
    .write("brand/avatar.svg", AVATAR)
    .write("brand/logo.svg", LOGO)
    .write(
        "content/a.md",
        post("A", "## One\n\nText.\n\n## Two\n\nMore.\n"),
    );
    site
}

#[test]
fn brand_images_website_and_colours_reach_the_slides() {
    let site = brand_site(
        "avatar = \"brand/avatar.svg\"\nlogo = \"brand/logo.svg\"\nwebsite = \"asmah.dev\"\naccent = \"#0F766E\"",
    );
    assert!(errors(&site.build()).is_empty());
    let slide = svg(&site, "a/02.svg");
    assert!(
        slide.contains(r#"width="64.0" height="64.0" preserveAspectRatio="xMidYMid slice""#),
        "avatar cropped"
    );
    assert!(slide.contains(r#"rx="32.0""#), "avatar clipped to a circle");
    assert_eq!(slide.matches("<image").count(), 2, "avatar and logo");
    assert!(slide.contains(">asmah.dev<"), "website in the footer");
    assert!(
        slide.contains("#0F766E") && !slide.contains("#2563EB\""),
        "brand accent replaces the theme's"
    );

    let site = brand_site(
        "avatar = \"brand/avatar.svg\"\nlogo = \"brand/logo.svg\"\nwebsite = \"asmah.dev\"\nshow_avatar = false\nshow_logo = false\nshow_website = false",
    );
    assert!(errors(&site.build()).is_empty());
    let slide = svg(&site, "a/02.svg");
    assert_eq!(slide.matches("<image").count(), 0);
    assert!(!slide.contains("asmah.dev"));
    assert!(slide.contains("Asma H."));
}

#[test]
fn brand_images_outside_the_site_or_missing_are_errors_at_the_key() {
    let cases = [
        (
            "avatar = \"../avatar.png\"",
            "failed to load brand avatar",
            "carousel.toml:3",
        ),
        (
            "logo = \"brand/nope.svg\"",
            "failed to load brand logo",
            "carousel.toml:3",
        ),
    ];
    for (line, message, at) in cases {
        let site = brand_site(line);
        let Err(err) = carousel::build(&site.options(false)) else {
            panic!("{line}: the build should fail");
        };
        let text = err.to_string();
        assert!(text.contains(message), "{text}");
        assert!(text.contains(at), "{text}");
    }
    let site = brand_site("accent = \"blue\"");
    let text = carousel::build(&site.options(false))
        .err()
        .unwrap()
        .to_string();
    assert!(
        text.contains("brand `accent` is `blue`, not a colour"),
        "{text}"
    );
}

#[test]
fn the_outro_has_a_save_line_and_can_hide_the_brand() {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "[brand]\nname = \"Asma H.\"\nwebsite = \"asmah.dev\"\n[outro]\nsave_line = \"Save for later · Repost\"\nshow_brand = false\n[output]\npng = false\npdf = false\n",
    )
    .write("content/a.md", post("A", "## One\n\nText.\n"));
    assert!(errors(&site.build()).is_empty());
    let outro = svg(&site, "a/03.svg");
    assert!(outro.contains("Save for later · Repost"));
    assert!(outro.contains(">asmah.dev<"));
    assert!(!outro.contains("Asma H."), "brand block hidden");
}

#[test]
fn a_post_can_choose_its_pattern_and_unknown_patterns_are_errors() {
    let site = TestSite::empty();
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n")
        .write(
            "content/waves.md",
            "+++\ntitle = \"W\"\npattern = \"waves\"\n+++\n## One\n\nText.\n",
        )
        .write(
            "content/mesh.md",
            "+++\ntitle = \"M\"\npattern = \"mesh\"\n+++\n## One\n\nText.\n",
        )
        .write(
            "content/bad.md",
            "+++\ntitle = \"B\"\npattern = \"plaid\"\n+++\n## One\n\nText.\n",
        );
    let report = site.build();
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("unknown pattern `plaid`") && errs[0].contains("content/bad.md:3"));
    assert!(
        svg(&site, "waves/02.svg").contains("Q"),
        "waves are smooth curves"
    );
    assert!(svg(&site, "mesh/02.svg").contains("radialGradient id=\"blob-1\""));

    site.write(
        "themes/odd/theme.toml",
        carousel::assets::builtin_theme("paper")
            .unwrap()
            .replace("kind = \"dots\"", "kind = \"stripes\""),
    )
    .write("carousel.toml", "theme = \"odd\"\n");
    let report = site.build();
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|e| e.contains("unknown pattern `stripes`") && e.contains("themes/odd/theme.toml")),
        "{errs:?}"
    );
}

#[test]
fn typography_overrides_scale_and_fonts_and_missing_fonts_are_errors() {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "[typography]\nscale = 1.1\ngrow = 1.0\nheading_font = \"JetBrains Mono\"\n[output]\npng = false\npdf = false\n",
    )
    .write("content/a.md", post("A", "## One\n\nSome body text. And more of it. And a third sentence.\n"));
    assert!(errors(&site.build()).is_empty());
    let slide = svg(&site, "a/02.svg");
    assert!(slide.contains(r#"font-size="44.0""#), "body 40 x 1.1");
    assert!(
        slide.contains(r#"font-family="JetBrains Mono" font-weight="800""#),
        "heading font"
    );

    site.write("carousel.toml", "[typography]\nscale = 3.0\n");
    let Err(err) = carousel::build(&site.options(false)) else {
        panic!("a scale of 3 should fail");
    };
    assert!(
        err.to_string()
            .contains("typography `scale` is 3, outside 0.8 to 1.25"),
        "{err}"
    );

    site.write(
        "themes/brandfont/theme.toml",
        carousel::assets::builtin_theme("paper")
            .unwrap()
            .replace("heading = \"Inter\"", "heading = \"Acme Sans\""),
    )
    .write("carousel.toml", "theme = \"brandfont\"\n");
    let errs = errors(&site.build());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("font family `Acme Sans` is not loaded"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0].contains("themes/brandfont/theme.toml:"),
        "{}",
        errs[0]
    );
    assert!(errs[0].contains("themes/brandfont/fonts/"), "{}", errs[0]);
}

#[test]
fn progress_bar_and_per_slide_counter_skip() {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "[brand]\nshow_progress = true\n[output]\npng = false\npdf = false\n",
    )
    .write(
        "content/a.md",
        post("A", "## One\n\nText.\n\n## Two {.no-counter}\n\nMore.\n"),
    );
    assert!(errors(&site.build()).is_empty());
    let first = svg(&site, "a/02.svg");
    assert!(first.contains(">02/04<"));
    // 2 of 4 slides: the accent fill is half the 160 px track.
    assert!(
        first.contains(r#"width="80.0" height="8.0""#),
        "progress at 2/4"
    );
    let skipped = svg(&site, "a/03.svg");
    assert!(!skipped.contains(">03/04<"));
    assert!(
        !skipped.contains(r#"height="8.0""#),
        "no progress bar either"
    );
}

#[test]
fn custom_sizes_build_at_their_size() {
    for (size, theme) in [
        ("1200x1500", "paper"),
        ("1080x1600", "brutalist"),
        ("1600x900", "sunset"),
    ] {
        {
            let site = layout_site(&format!(
                "format = \"{size}\"\ntheme = \"{theme}\"\n[output]\npdf = false\npng_compression = \"fast\"\n"
            ));
            let report = site.build();
            assert!(
                errors(&report).is_empty(),
                "{size} {theme}: {:?}",
                errors(&report)
            );
            let (w, h) = size.split_once('x').unwrap();
            let want = (w.parse().unwrap(), h.parse().unwrap());
            assert_eq!(png_size(&site.out("every/02.png")), want, "{size}");
        }
    }
}

#[test]
fn low_contrast_user_themes_and_brand_colours_warn_at_their_line() {
    let site = TestSite::empty();
    site.write(
        "themes/grey/theme.toml",
        carousel::assets::builtin_theme("paper")
            .unwrap()
            .replace("name = \"paper\"", "name = \"grey\"")
            .replace("muted = \"#52525B\"", "muted = \"#A1A1AA\""),
    )
    .write(
        "carousel.toml",
        "theme = \"grey\"\n[output]\npng = false\npdf = false\n",
    )
    .write("content/a.md", post("A", "## One\n\nText.\n"));
    let report = site.build();
    assert!(errors(&report).is_empty());
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("muted #A1A1AA on bg #FFFFFF is 2.56:1")
                && w.contains("themes/grey/theme.toml:9")),
        "{warnings:?}"
    );

    site.write(
        "carousel.toml",
        "[brand]\naccent = \"#FDE047\"\n[output]\npng = false\npdf = false\n",
    );
    let report = site.build();
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("accent #FDE047 on bg") && w.contains("carousel.toml:2")),
        "{warnings:?}"
    );
}

#[test]
fn the_outro_call_to_action_stays_on_one_line() {
    let cta = "Follow @mayabuilds for a practical post every week";
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        format!(
            "format = \"story\"\n[output]\npng = false\npdf = false\n[outro]\nenabled = true\ncta = \"{cta}\"\n"
        ),
    )
    .write("content/a.md", post("A", "## One\n\nBody.\n"));
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    let outro = svg(&site, "a/03.svg");
    assert!(outro.contains(&format!(">{cta}<")), "one line: {outro}");
}

/// A number attribute (`name="…"`) of an SVG tag.
fn attr(tag: &str, name: &str) -> Option<f32> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()?.parse().ok()
}

#[test]
fn the_cover_rule_never_runs_into_the_text() {
    // The corpus's covers in 16:9: eyebrows, two-line titles, subtitles and intros of up to
    // three lines. The rule (96 x 12 at the top margin) stays where the text leaves room under
    // it, and is left out where the text needs that room.
    let site = TestSite::fixture("corpus");
    site.force_format("x");
    let config = std::fs::read_to_string(site.root().join("carousel.toml")).unwrap();
    site.write("carousel.toml", config.replace("png = true", "png = false"));
    assert!(errors(&site.build()).is_empty());
    let (mut with_rule, mut without) = (0, 0);
    for entry in std::fs::read_dir(site.out("")).unwrap() {
        let cover = entry.unwrap().path().join("01.svg");
        let Ok(svg) = std::fs::read_to_string(&cover) else {
            continue;
        };
        let tags: Vec<&str> = svg.split('<').collect();
        let rule = tags
            .iter()
            .find(|t| t.starts_with("rect") && t.contains("width=\"96\" height=\"12\""));
        let Some(rule) = rule else {
            without += 1;
            continue;
        };
        with_rule += 1;
        let bottom = attr(rule, "y").unwrap() + 12.0;
        for text in tags.iter().filter(|t| t.starts_with("text ")) {
            let (y, size) = (attr(text, "y").unwrap(), attr(text, "font-size").unwrap());
            assert!(
                y - size >= bottom,
                "{}: {text:?} under the rule",
                cover.display()
            );
        }
    }
    assert!(
        with_rule > 0 && without > 0,
        "{with_rule} with, {without} without"
    );
}

/// The text of each line (`<text>` element) of an SVG slide.
fn svg_lines(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</text>").unwrap_or(t.len())];
            t.split("<tspan")
                .filter_map(|s| s.split_once('>').map(|(_, rest)| rest))
                .map(|s| s.split('<').next().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[test]
fn an_attribution_at_the_end_of_a_quote_gets_its_own_line() {
    // Written under the quote without a blank line (Markdown joins it to the quote's
    // paragraph), or at the end of the quote's line.
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "format = \"linkedin\"\n[output]\npng = false\npdf = false\n",
    )
    .write(
        "content/quotes.md",
        post(
            "Two quotes",
            "## On knowing\n\n> I write to find out what I think.\n> — Joan Didion\n\n\
             ## On the reader\n\n> Do not waste a stranger's time. — Kurt Vonnegut\n",
        ),
    );
    assert!(errors(&site.build()).is_empty());
    for (slide, quote, who) in [
        ("02", "I write to find out what I think.", "— Joan Didion"),
        ("03", "Do not waste a stranger’s time.", "— Kurt Vonnegut"),
    ] {
        let lines = svg_lines(&svg(&site, &format!("quotes/{slide}.svg")));
        assert!(lines.iter().any(|l| l == who), "{lines:?}");
        assert!(lines.iter().any(|l| l == quote), "{lines:?}");
    }
}

#[test]
fn a_posts_lang_sets_the_words_slides_add_and_an_unknown_one_is_named() {
    let long = "Every sentence here is long enough to need its own line on a slide. ".repeat(30);
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "format = \"x\"\n[output]\npng = false\npdf = false\n",
    )
    .write(
        "content/de.md",
        format!("+++\ntitle = \"Auf Deutsch\"\nlang = \"de-AT\"\n+++\n## Lang\n\n{long}\n"),
    )
    .write(
        "content/sw.md",
        format!("+++\ntitle = \"Kwa Kiswahili\"\nlang = \"sw\"\n+++\n## Ndefu\n\n{long}\n"),
    );
    let report = site.build();
    assert!(errors(&report).is_empty());
    let lines = svg_lines(&svg(&site, "de/01.svg"));
    assert!(lines.iter().any(|l| l == "Wischen →"), "{lines:?}");
    let lines = svg_lines(&svg(&site, "de/03.svg"));
    assert!(lines.iter().any(|l| l == "Fortsetzung"), "{lines:?}");
    let warned: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().map(|l| l.path.display().to_string());
            format!("{}: {}", at.unwrap_or_default(), d.message)
        })
        .filter(|m| m.contains("language"))
        .collect();
    assert_eq!(
        warned,
        ["content/sw.md: no built-in words for language `sw`: slides say `Continued` and `Swipe`"]
    );
}
