//! The language a page is written in, and the time zone its times are shown in. The person
//! chooses the language with the footer's picker (kept in the `portico_lang` cookie and on the
//! account whose page it was); otherwise the signed-in account's language; otherwise the
//! browser's `Accept-Language`; otherwise English. Times are in the account's time zone
//! (chosen from Your Info), else UTC. Strings come from `locales/<language>/*.ftl` (Project
//! Fluent, embedded at build time); a string a language lacks falls back to English, string
//! by string.

mod bundles;
mod negotiate;
mod routes;
mod zone;

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentValue};

pub use negotiate::{Lang, chosen, from_request};
pub use routes::{choose, in_request_language};
pub use zone::Zone;

tokio::task_local! {
    /// The language of the request being answered (set by [`in_request_language`]).
    static CURRENT: Request;
}

/// What a page (or a message) needs to know to speak its reader's language, show times in
/// their zone and offer the other languages.
#[derive(Debug)]
pub struct Request {
    lang: Cell<Lang>,
    /// Whether the person chose `lang` with the picker: then an account's stored language
    /// does not override it.
    chosen: bool,
    zone: Cell<Option<Zone>>,
    /// The page's own path, for the picker to come back to.
    here: String,
}

impl Request {
    /// A page's: its language as negotiated, no zone until an account's page says one.
    pub fn page(lang: Lang, chosen: bool, here: String) -> Self {
        Self {
            lang: Cell::new(lang),
            chosen,
            zone: Cell::new(None),
            here,
        }
    }

    /// A message's: the recipient's language and zone.
    pub fn reader(lang: Lang, zone: Option<Zone>) -> Self {
        Self {
            lang: Cell::new(lang),
            chosen: true,
            zone: Cell::new(zone),
            here: "/".to_owned(),
        }
    }
}

/// Renders with `request`'s language and zone (a message for its recipient).
pub fn with<R>(request: Request, f: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(request, f)
}

/// The language of the request being answered; English outside a request.
pub fn current() -> Lang {
    CURRENT.try_with(|r| r.lang.get()).unwrap_or_default()
}

/// The time zone the reader's times are shown in; `None` means UTC.
pub fn zone() -> Option<Zone> {
    CURRENT.try_with(|r| r.zone.get()).ok().flatten()
}

/// The page is an account's: its stored language (unless the picker chose one in this
/// browser) and its time zone apply.
pub fn for_account(language: Option<&str>, time_zone: Option<&str>) {
    let _ = CURRENT.try_with(|r| {
        if !r.chosen
            && let Some(lang) = language.and_then(Lang::from_tag)
        {
            r.lang.set(lang);
        }
        r.zone.set(time_zone.and_then(Zone::parse));
    });
}

/// The page's own address, for the language picker's links.
pub fn here() -> String {
    CURRENT
        .try_with(|r| r.here.clone())
        .unwrap_or_else(|_| "/".to_owned())
}

/// The string `key` (one without variables) in the request's language, without copying it:
/// pages show dozens of these on every request. Straight from the table of plain strings;
/// a key only Fluent can write (or only English has) is written once per language and kept.
pub fn t_static(key: &str) -> &'static str {
    let lang = current();
    if let Some(text) = bundles::table(lang).get(key) {
        return text;
    }
    type Known = std::sync::RwLock<HashMap<String, &'static str>>;
    static KNOWN: std::sync::LazyLock<[Known; 3]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|_| Known::default()));
    let known = &KNOWN[lang as usize];
    if let Some(text) = known.read().ok().and_then(|k| k.get(key).copied()) {
        return text;
    }
    // Leaked once per language and key: keys are the code's own, a few hundred per language.
    let text: &'static str = Box::leak(t(key).into_boxed_str());
    if let Ok(mut known) = known.write() {
        known.insert(key.to_owned(), text);
    }
    text
}

/// The string `key` in the request's language (English where that language lacks it).
pub fn t(key: &str) -> String {
    lookup(key, None).unwrap_or_else(|| missing(key))
}

/// A message's variables, as `(name, value)` pairs.
pub type Args<'a> = &'a [(&'static str, FluentValue<'static>)];

/// The string `key` in the request's language, with its variables.
pub fn t_with(key: &str, args: Args<'_>) -> String {
    try_t_with(key, args).unwrap_or_else(|| missing(key))
}

/// What a page shows for a key no language has (the tests rule it out): plain enough to be
/// reported, and logged.
fn missing(key: &str) -> String {
    tracing::warn!(key, "no language has this string");
    format!("Unknown localization key: {key:?}")
}

/// As [`t_with`], or `None` when no language (English included) has `key`.
pub fn try_t_with(key: &str, args: Args<'_>) -> Option<String> {
    lookup(key, Some(&fluent_args(args)))
}

fn lookup(key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let lang = current();
    bundles::format(lang, key, args)
        .or_else(|| (lang != Lang::En).then(|| bundles::format(Lang::En, key, args))?)
}

/// Fluent's view of `args`, borrowing their text rather than copying it.
fn fluent_args<'a>(args: Args<'a>) -> FluentArgs<'a> {
    let mut out = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            FluentValue::String(text) => FluentValue::String(Cow::Borrowed(text.as_ref())),
            other => other.clone(),
        };
        out.set(*name, value);
    }
    out
}

#[cfg(test)]
mod tests;
