//! Whole posts reused from the build cache: each job (a post in one format) gets a key over
//! everything composing and rendering it reads: the post's text and path, its format and output
//! folder, its theme (after the brand kit and typography), its layouts, the loaded fonts, the
//! brand images and the site's config (with its output settings). A job whose key and images
//! match the previous build's record, and whose files are still on disk as written, is neither
//! composed nor rendered: the record gives its summary and warnings.

use std::collections::HashMap;

use crate::cache::{self, Cache, Digest, PostEntry};
use crate::prepare::{Job, Jobs};
use crate::site::Site;
use crate::timings::Stage;

/// Gives every job its key, and takes out of `jobs` those the record says are up to date,
/// returning their recorded entries in the order of the jobs.
pub(crate) fn take_unchanged(site: &Site, jobs: &mut Jobs, cache: &Cache) -> Vec<PostEntry> {
    site.timings.time(Stage::Cache, || {
        let site_key = site_key(site);
        let mut looks: HashMap<&str, Option<Digest>> = HashMap::new();
        let mut keys = Vec::with_capacity(jobs.list.len());
        for job in &jobs.list {
            let theme = job
                .post
                .front
                .theme
                .as_deref()
                .unwrap_or(&site.config.theme);
            let look = looks
                .entry(theme)
                .or_insert_with(|| look_key(site, jobs, job))
                .clone();
            keys.push(look.map(|look| job_key(&site_key, &look, job)));
        }
        let mut kept = Vec::new();
        let list = std::mem::take(&mut jobs.list);
        for (mut job, key) in list.into_iter().zip(keys) {
            job.key = key;
            let entry = job
                .key
                .as_deref()
                .and_then(|key| cache.post(&job.dir, key, &site.root));
            match entry {
                Some(entry) => kept.push(entry.clone()),
                None => jobs.list.push(job),
            }
        }
        kept
    })
}

/// The key over what every post of the site shares: config, brand images and fonts.
fn site_key(site: &Site) -> Digest {
    let config = format!("{:?}", site.config);
    let images = &site.brand_images;
    let brand: Vec<&str> = [&images.avatar, &images.logo]
        .into_iter()
        .map(|image| image.as_ref().map_or("", |i| i.href.as_str()))
        .collect();
    cache::key(&[
        b"site",
        config.as_bytes(),
        brand[0].as_bytes(),
        brand[1].as_bytes(),
        &site.fonts.fingerprint(),
    ])
}

/// The key over a job's theme and layouts; `None` when they failed to load (the job then
/// fails in composing, and is never reused).
fn look_key(site: &Site, jobs: &Jobs, job: &Job) -> Option<Digest> {
    let (theme, templates) = jobs.looks(site, &job.post)?;
    // Relative, so that a site moved to another folder keeps its record.
    let dir = format!(
        "{:?}",
        theme.dir.as_deref().map(|d| d.strip_prefix(&site.root))
    );
    let theme = serde_json::to_vec(theme).ok()?;
    let mut parts: Vec<&[u8]> = vec![b"look", &theme, dir.as_bytes()];
    for (name, source) in templates.sources() {
        parts.push(name.as_bytes());
        parts.push(source.as_bytes());
    }
    Some(cache::key(&parts))
}

/// The key over one job: its site and look keys, the post's path and text, format and folder.
fn job_key(site_key: &str, look_key: &str, job: &Job) -> Digest {
    let path = job.post.rel_path.to_string_lossy();
    let format = format!("{:?}", job.format);
    cache::key(&[
        b"post",
        site_key.as_bytes(),
        look_key.as_bytes(),
        path.as_bytes(),
        job.post.source.as_bytes(),
        format.as_bytes(),
        job.dir.as_bytes(),
    ])
}
