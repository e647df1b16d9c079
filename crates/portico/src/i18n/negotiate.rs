//! Which of Portico's languages a request gets.

use axum::http::HeaderMap;
use unic_langid::LanguageIdentifier;

/// The cookie that keeps the language the person chose.
pub const COOKIE: &str = "portico_lang";

/// A language Portico's pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
}

impl Lang {
    pub const ALL: [Self; 3] = [Self::En, Self::De, Self::Fr];

    /// Its BCP 47 tag (`en`, `de`, `fr`): the pages' `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
        }
    }

    /// Its name in itself, as the picker shows it.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Fr => "Français",
        }
    }

    /// One of Portico's languages named by a tag (`de`, `de-AT`, `FR`), if any.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// Its identifier for Fluent (plural rules).
    pub(crate) fn id(self) -> LanguageIdentifier {
        self.tag().parse().unwrap_or_default()
    }
}

/// The language for a request: the person's choice (the cookie), else the first of the
/// browser's languages Portico has (by `Accept-Language` weight), else English.
pub fn from_request(headers: &HeaderMap) -> Lang {
    chosen(headers)
        .or_else(|| accepted(headers))
        .unwrap_or_default()
}

/// The language the person chose with the picker (the cookie), if any.
pub fn chosen(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .and_then(|c| Lang::from_tag(c.value()))
}

fn accepted(headers: &HeaderMap) -> Option<Lang> {
    let header = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?;
    let mut ranked: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let lang = Lang::from_tag(parts.next()?)?;
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (weight > 0.0).then_some((weight, i, lang))
        })
        .collect();
    // Highest weight first; among equals, the order the browser gave.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map(|(_, _, lang)| *lang)
}
