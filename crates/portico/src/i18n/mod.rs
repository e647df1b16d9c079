//! The language a page is written in. The person chooses it with the footer's picker (kept
//! in the `portico_lang` cookie); otherwise the browser's `Accept-Language` decides; otherwise
//! English. Strings come from `locales/<language>/portico.ftl` (Project Fluent, embedded at
//! build time); a string a language lacks falls back to English, string by string.

mod negotiate;
mod routes;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::{LanguageIdentifier, Loader};

pub use negotiate::{Lang, from_request};
pub use routes::{choose, in_request_language};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Fluent wraps placeables in Unicode isolation marks by default; the pages are plain
        // HTML in one direction, where the marks only get in the way of copying a value.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

tokio::task_local! {
    /// The language of the request being answered (set by [`in_request_language`]).
    static CURRENT: Request;
}

/// What a page needs to know of the request to speak its language and offer the others.
#[derive(Debug, Clone)]
pub struct Request {
    pub lang: Lang,
    /// The page's own path, for the picker to come back to.
    pub here: String,
}

/// The language of the request being answered; English outside a request.
pub fn current() -> Lang {
    CURRENT.try_with(|r| r.lang).unwrap_or_default()
}

/// The page's own address, for the language picker's links.
pub fn here() -> String {
    CURRENT
        .try_with(|r| r.here.clone())
        .unwrap_or_else(|_| "/".to_owned())
}

/// The string `key` in the request's language.
pub fn t(key: &str) -> String {
    LOCALES.lookup(&current().id(), key)
}

/// The string `key` in the request's language, with its variables.
pub fn t_with(
    key: &str,
    args: &[(
        &'static str,
        fluent_templates::fluent_bundle::FluentValue<'static>,
    )],
) -> String {
    let args: HashMap<Cow<'static, str>, _> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    LOCALES.lookup_with_args(&current().id(), key, &args)
}

fn parse(tag: &str) -> LanguageIdentifier {
    tag.parse().unwrap_or_default()
}

#[cfg(test)]
mod tests;
