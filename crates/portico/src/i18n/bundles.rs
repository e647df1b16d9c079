//! Each language's strings: its `locales/<language>/*.ftl` files, embedded at build time and
//! parsed the first time a page or message needs that language (a portal read only in English
//! never holds the other languages in memory).

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::Lang;

type Bundle = FluentBundle<FluentResource>;

/// The files of a language, by area; `tests` checks that every file on disk is here.
macro_rules! files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../../locales/", $lang, "/portico.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/account.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/activity.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/devices.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/privacy.ftl")),
            include_str!(concat!("../../../../locales/", $lang, "/messages.ftl")),
        ]
    };
}

pub(super) const FILE_NAMES: [&str; 7] = [
    "portico", "common", "account", "activity", "devices", "privacy", "messages",
];

fn sources(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::En => files!("en"),
        Lang::De => files!("de"),
        Lang::Fr => files!("fr"),
    }
}

static BUNDLES: [LazyLock<Bundle>; 3] = [
    LazyLock::new(|| build(Lang::En)),
    LazyLock::new(|| build(Lang::De)),
    LazyLock::new(|| build(Lang::Fr)),
];

/// A language's bundle, and what went wrong building it (the tests require nothing).
pub(super) fn build_checked(lang: Lang) -> (Bundle, Vec<String>) {
    let mut problems = Vec::new();
    let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
    // Fluent wraps placeables in Unicode isolation marks by default; the pages are plain
    // HTML in one direction, where the marks only get in the way of copying a value.
    bundle.set_use_isolating(false);
    for (source, name) in sources(lang).into_iter().zip(FILE_NAMES) {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                problems.extend(errors.iter().map(|e| format!("{name}.ftl: {e}")));
                resource
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            problems.extend(errors.iter().map(|e| format!("{name}.ftl: {e}")));
        }
    }
    (bundle, problems)
}

fn build(lang: Lang) -> Bundle {
    let (bundle, problems) = build_checked(lang);
    for problem in problems {
        tracing::error!(language = lang.tag(), "{problem}");
    }
    bundle
}

/// `key` in `lang` with `args`, if that language has it and every variable it needs.
pub(super) fn format(lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = &*BUNDLES[lang as usize];
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}
