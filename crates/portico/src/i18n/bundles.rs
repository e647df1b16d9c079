//! Each language's strings. Those without variables (three quarters) are a table `build.rs`
//! writes out of `locales/<language>/*.ftl` into the binary's read-only data; the messages
//! with variables, plurals or choices are left in Fluent's syntax, embedded, and parsed the
//! first time a page or message needs that language (a portal read only in English never
//! parses the other languages).

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::Lang;

type Bundle = FluentBundle<FluentResource>;

/// Keys and their strings in one text, in the slots of a perfect hash of the keys (phf's,
/// made by `build.rs`): `(key starts, string starts, ends)` (offsets rather than `&str`s, so
/// that the table needs no relocation at start).
pub(super) struct Table {
    text: &'static str,
    key: phf_shared::HashKey,
    disps: &'static [(u32, u32)],
    index: &'static [(u32, u32, u32)],
}

impl Table {
    pub(super) fn get(&self, key: &str) -> Option<&'static str> {
        if self.disps.is_empty() || self.index.is_empty() {
            return None;
        }
        let text = self.text;
        let slice = |from: u32, to: u32| text.get(from as usize..to as usize).unwrap_or_default();
        let hashes = phf_shared::hash(key, &self.key);
        let slot = phf_shared::get_index(&hashes, self.disps, self.index.len());
        let &(k, from, to) = self.index.get(usize::try_from(slot).ok()?)?;
        // Any key lands in some slot: it is this one only if the slot holds it.
        (slice(k, from) == key).then(|| slice(from, to))
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }
}

mod generated {
    use super::Table;
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}

/// `lang`'s table of strings without variables.
pub(super) fn table(lang: Lang) -> &'static Table {
    match lang {
        Lang::En => &generated::EN,
        Lang::De => &generated::DE,
        Lang::Fr => &generated::FR,
    }
}

/// The messages of a language that need Fluent, in its syntax.
pub(super) fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/en.ftl")),
        Lang::De => include_str!(concat!(env!("OUT_DIR"), "/de.ftl")),
        Lang::Fr => include_str!(concat!(env!("OUT_DIR"), "/fr.ftl")),
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
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            problems.extend(errors.iter().map(ToString::to_string));
            resource
        }
    };
    if let Err(errors) = bundle.add_resource(resource) {
        problems.extend(errors.iter().map(ToString::to_string));
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

/// `key` in `lang`, with `args` if it has variables; `None` if that language lacks it or
/// a variable it needs.
pub(super) fn format(lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    if let Some(text) = table(lang).get(key) {
        return Some(text.to_owned());
    }
    let bundle = &*BUNDLES[lang as usize];
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}
