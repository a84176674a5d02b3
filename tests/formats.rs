//! Splitting rules at the rule level, over the formats fixture (`tests/fixtures/formats`: tables
//! with a total row and a source line, code in three languages, checklists, lead-ins, a
//! Japanese and an Arabic post) in every built-in shape: where a designer would split a
//! section and where never, read from the pages' alt text against the Markdown, and one type
//! scale per carousel (with the corpus fixture too).

mod common;

use carousel::BuildReport;
use common::TestSite;

/// The shapes every rule holds in: 4:5, square, 9:16, 16:9 and 3:4.
const CANVASES: [&str; 5] = ["linkedin", "square", "story", "x", "instagram-3x4"];
/// A table of at most this many body rows fits one slide in every shape.
const WHOLE_TABLE: usize = 6;
/// A table split between slides leaves at least this many body rows on each.
const MIN_TABLE_PART: usize = 3;
/// A code block of at most this many lines fits one slide in every shape.
const WHOLE_CODE: usize = 6;

/// A block of a post, by the strings that identify its rows in alt text.
#[derive(Debug)]
struct Block {
    table: bool,
    rows: Vec<String>,
}

/// Collapses runs of white space, as alt text does, and reads typographic apostrophes as
/// typed ones.
fn squeeze(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").replace('\u{2019}', "'")
}

/// The tables (first cells of their body rows) and code blocks (lines short enough not to wrap
/// and found once in the post) of a post's Markdown.
fn blocks(markdown: &str) -> Vec<Block> {
    let once = |s: &str| markdown.matches(s).count() == 1;
    let mut out = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('|') {
            let mut rows = Vec::new();
            lines.next(); // the separator under the header
            while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
                let cell = row.split('|').nth(1).unwrap_or_default().trim();
                rows.push(cell.to_string());
            }
            let plain = rows.iter().all(|c| !c.contains(['*', '`', '[']) && once(c));
            if plain {
                out.push(Block { table: true, rows });
            }
        } else if line.starts_with("```") {
            let mut all = 0;
            let mut rows = Vec::new();
            for code in lines.by_ref() {
                if code.starts_with("```") {
                    break;
                }
                let code = code.trim();
                all += usize::from(!code.is_empty());
                if (10..=30).contains(&code.len()) && once(code) {
                    rows.push(squeeze(code));
                }
            }
            // Only blocks whose every line is told apart.
            if rows.len() == all {
                out.push(Block { table: false, rows });
            }
        }
    }
    out
}

/// A post's Markdown, from the named fixture (`source` is relative to the site).
fn markdown(fixture: &str, source: &std::path::Path) -> String {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    std::fs::read_to_string(fixture.join(source)).unwrap()
}

/// The paragraphs of `markdown` ending with a colon (lead-ins), emphasis and code marks aside.
fn lead_ins(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    let mut paragraph = String::new();
    for line in markdown.lines().chain([""]) {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        let text = line.trim();
        if fenced || text.is_empty() || text.starts_with(['-', '|', '#', '>', '`']) {
            let lead = squeeze(&paragraph.replace(['`', '*'], ""));
            if lead.ends_with(':') {
                out.push(lead);
            }
            paragraph.clear();
        } else {
            paragraph = paragraph + " " + text;
        }
    }
    out
}

/// Every post of the site built in each shape.
fn reports() -> Vec<(&'static str, BuildReport)> {
    CANVASES
        .iter()
        .map(|&canvas| (canvas, TestSite::fixture("formats").check(canvas)))
        .collect()
}

#[test]
fn blocks_that_fit_stay_whole_and_split_tables_keep_three_rows() {
    for (canvas, report) in reports() {
        for post in &report.posts {
            for block in blocks(&markdown("formats", &post.source)) {
                let parts = parts_of(post.pages.iter().map(|p| p.alt.as_str()), &block);
                let at = format!("{canvas} {}: {:?} in {parts:?}", post.slug, block.rows[0]);
                assert_eq!(parts.iter().sum::<usize>(), block.rows.len(), "{at}");
                let whole = if block.table { WHOLE_TABLE } else { WHOLE_CODE };
                if block.rows.len() <= whole {
                    assert_eq!(parts.len(), 1, "kept whole: {at}");
                } else if block.table {
                    assert!(parts.iter().all(|&n| n >= MIN_TABLE_PART), "{at}");
                }
            }
        }
    }
}

/// How many of a block's rows each page shows, over the pages that show any, given the
/// pages' alt texts.
fn parts_of<'a>(alts: impl Iterator<Item = &'a str>, block: &Block) -> Vec<usize> {
    alts.map(|alt| {
        let alt = squeeze(alt);
        block
            .rows
            .iter()
            .filter(|r| alt.contains(r.as_str()))
            .count()
    })
    .filter(|&n| n > 0)
    .collect()
}

#[test]
fn a_table_too_tall_for_a_slide_is_split_evenly_with_no_lone_row() {
    // The corpus's six-database table (six columns of prose cells) is too tall for a 16:9
    // slide: its columns get the width where it saves lines, and its parts are even.
    for canvas in CANVASES {
        let report = TestSite::fixture("corpus").check(canvas);
        for post in &report.posts {
            for block in blocks(&markdown("corpus", &post.source))
                .iter()
                .filter(|b| b.table)
            {
                let parts = parts_of(post.pages.iter().map(|p| p.alt.as_str()), block);
                let at = format!("{canvas} {}: {:?} in {parts:?}", post.slug, block.rows[0]);
                assert_eq!(parts.iter().sum::<usize>(), block.rows.len(), "{at}");
                let (least, most) = (parts.iter().min(), parts.iter().max());
                if parts.len() > 1 {
                    assert!(least >= Some(&2), "no lone row: {at}");
                    assert!(
                        most.zip(least).is_some_and(|(m, l)| m - l <= 1),
                        "even: {at}"
                    );
                }
            }
        }
    }
}

#[test]
fn continued_slides_keep_their_heading_and_lead_ins_their_block() {
    for (canvas, report) in reports() {
        for post in &report.posts {
            for pair in post.pages.windows(2) {
                let [page, next] = pair else { unreachable!() };
                if !next.continued {
                    continue;
                }
                let at = format!("{canvas} {} slide {}", post.slug, next.number);
                // One label (drawn above it), the heading itself repeated.
                assert_eq!(next.heading, page.heading, "{at}");
                // A lead-in ending with a colon never ends a slide the next one continues,
                // unless it is all the slide holds under the heading (the block it introduces
                // fills the next slide).
                let body = squeeze(page.alt.strip_prefix(page.heading.as_str()).unwrap_or(""));
                for lead in lead_ins(&markdown("formats", &post.source)) {
                    let alone = !page.continued && body == lead;
                    assert!(alone || !body.ends_with(&lead), "{at}: {:?}", page.alt);
                }
            }
        }
    }
}

#[test]
fn a_post_sets_its_content_slides_at_two_body_sizes_and_one_step_under_at_most() {
    for site in ["formats", "corpus"] {
        for &canvas in &CANVASES {
            let report = TestSite::fixture(site).check(canvas);
            for post in &report.posts {
                let mut sizes: Vec<f32> = post
                    .pages
                    .iter()
                    .filter(|p| p.flow)
                    .map(|p| p.scale)
                    .collect();
                sizes.sort_by(f32::total_cmp);
                sizes.dedup_by(|a, b| (*a - *b).abs() < 0.005);
                // A base and a grown size; besides them, only a section set one step (6 %)
                // under the base rather than end on a thin slide.
                let shrunk_one_step = sizes.len() == 3 && sizes[1] - sizes[0] < 0.065;
                assert!(
                    sizes.len() <= 2 || shrunk_one_step,
                    "{site} {canvas} {}: {sizes:?}",
                    post.slug
                );
            }
        }
    }
}

/// Sections opening with a lead-in before a short code block on X, whose room under a heading
/// holds the two only when the lead-in sits close under it on the first slide.
const LEAD_INS: &str = r#"Intro.

## Why full jitter

Without jitter, 200 workers that failed together retry together:

```python
delay = base * 2 ** attempt                   # 0.5, 1, 2, 4, 8 ...
delay = random.uniform(0, min(cap, delay))    # spread across the window
```

Marc Brooker's AWS post on backoff found full jitter among the cheapest strategies in total work.

## Honour Retry-After

A 429 often tells you exactly how long to wait:

```python
if resp.status_code == 429 and "Retry-After" in resp.headers:
    time.sleep(min(cap, float(resp.headers["Retry-After"])))
    continue
```

It can also be an HTTP date. Parse both, or fall back to backoff.
"#;

#[test]
fn a_lead_in_opening_a_section_shares_its_slide_with_the_code_it_introduces() {
    let site = TestSite::empty();
    site.write("content/retry.md", common::post("Retry", LEAD_INS));
    for &canvas in &CANVASES {
        let report = site.check(canvas);
        let pages = &report.posts[0].pages;
        for (lead, code) in [
            ("retry together:", "delay = base * 2"),
            ("how long to wait:", "if resp.status_code == 429"),
        ] {
            let page = pages.iter().find(|p| p.alt.contains(lead)).expect(lead);
            assert!(page.alt.contains(code), "{canvas}: {:?}", page.alt);
        }
    }
}

#[test]
fn quotes_are_never_cut_and_a_posts_quotes_are_set_alike() {
    // The corpus's nine quotes, attributions written after a blank line, on the next line and
    // at the end of the quote's line: in a shape too small for some of them in the quote layout
    // (16:9) they are all blockquotes, each whole on its slide.
    for canvas in CANVASES {
        let report = TestSite::fixture("corpus").check(canvas);
        let post = report
            .posts
            .iter()
            .find(|p| p.slug == "lines-about-writing");
        let pages = &post.expect("the quotes post").pages;
        let quotes = &pages[1..pages.len() - 1];
        assert_eq!(quotes.len(), 9, "{canvas}: a slide per quote");
        for page in quotes {
            assert!(!page.continued, "{canvas}: slide {} continues", page.number);
            // "On the practice" has a paragraph of its own after the quote.
            if page.heading != "On the practice" {
                assert_eq!(page.flow, quotes[0].flow, "{canvas}: slide {}", page.number);
            }
        }
    }
}
