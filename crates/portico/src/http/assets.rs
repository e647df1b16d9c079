//! Static files, embedded in the binary and served under content-hashed names
//! (`/static/css/portico.3f9a1c0b2e.css`) with a year-long immutable cache lifetime.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

use crate::app::AppState;

#[derive(Embed)]
#[folder = "../../static/"]
struct StaticFiles;

const HASH_LEN: usize = 10;

/// Hashed URL for every embedded file, and the way back.
#[derive(Debug, Clone)]
pub struct Assets {
    urls: HashMap<String, String>,
    by_hashed_name: HashMap<String, String>,
}

impl Assets {
    pub fn from_embedded() -> Self {
        let mut urls = HashMap::new();
        let mut by_hashed_name = HashMap::new();
        for path in StaticFiles::iter() {
            let Some(file) = StaticFiles::get(&path) else {
                continue;
            };
            let hash = hex::encode(file.metadata.sha256_hash());
            let hashed = hashed_name(&path, &hash[..HASH_LEN]);
            urls.insert(path.to_string(), format!("/static/{hashed}"));
            by_hashed_name.insert(hashed, path.to_string());
        }
        Self {
            urls,
            by_hashed_name,
        }
    }

    /// The URL of an embedded file, e.g. `url("css/portico.css")`.
    ///
    /// An unknown path is a programming error caught by the template tests; it yields a
    /// URL that 404s rather than a panic.
    pub fn url(&self, path: &str) -> &str {
        self.urls
            .get(path)
            .map_or("/static/missing", String::as_str)
    }
}

/// `css/portico.css` → `css/portico.<hash>.css`
fn hashed_name(path: &str, hash: &str) -> String {
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let named = match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{file}.{hash}"),
    };
    if dir.is_empty() {
        named
    } else {
        format!("{dir}/{named}")
    }
}

/// `GET /static/{*path}`: only hashed names are served, so every answer may be cached forever.
pub async fn serve(State(state): State<AppState>, Path(path): Path<String>) -> Response {
    let Some(original) = state.assets.by_hashed_name.get(&path) else {
        // A bare 404: the error-page layer gives it the page.
        return StatusCode::NOT_FOUND.into_response();
    };
    file_response(original, "public, max-age=31536000, immutable")
}

/// `GET /favicon.ico`: browsers ask for it by this fixed name.
pub async fn favicon() -> Response {
    file_response("img/favicon.svg", "public, max-age=86400")
}

fn file_response(path: &str, cache_control: &'static str) -> Response {
    match StaticFiles::get(path) {
        Some(file) => (
            [
                (header::CONTENT_TYPE, file.metadata.mimetype().to_owned()),
                (header::CACHE_CONTROL, cache_control.to_owned()),
            ],
            file.data,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_directory_and_extension() {
        assert_eq!(hashed_name("css/portico.css", "abc"), "css/portico.abc.css");
        assert_eq!(hashed_name("robots.txt", "abc"), "robots.abc.txt");
        assert_eq!(hashed_name("LICENSE", "abc"), "LICENSE.abc");
    }

    #[test]
    fn every_embedded_file_has_a_reversible_url() {
        let assets = Assets::from_embedded();
        let css = assets.url("css/portico.css");
        assert!(
            css.starts_with("/static/css/portico.") && css.ends_with(".css"),
            "{css}"
        );
        let hashed = css.trim_start_matches("/static/");
        assert_eq!(
            assets.by_hashed_name.get(hashed).map(String::as_str),
            Some("css/portico.css")
        );
    }
}
