use axum::http::{HeaderMap, HeaderValue, header};

use super::*;

fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(name.clone(), HeaderValue::from_str(value).expect("value"));
    }
    map
}

#[test]
fn the_choice_wins_then_the_browsers_weights_then_english() {
    let choose = |pairs: &[(header::HeaderName, &str)]| from_request(&headers(pairs));
    assert_eq!(choose(&[]), Lang::En);
    assert_eq!(
        choose(&[(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.8")]),
        Lang::De
    );
    assert_eq!(
        choose(&[(header::ACCEPT_LANGUAGE, "it, fr-CA;q=0.5, de;q=0.4")]),
        Lang::Fr
    );
    assert_eq!(
        choose(&[(header::ACCEPT_LANGUAGE, "en;q=0.2, fr;q=0.9")]),
        Lang::Fr
    );
    assert_eq!(choose(&[(header::ACCEPT_LANGUAGE, "fr;q=0, it")]), Lang::En);
    assert_eq!(
        choose(&[(header::ACCEPT_LANGUAGE, "nonsense;;q=x,,")]),
        Lang::En
    );
    assert_eq!(
        choose(&[
            (header::ACCEPT_LANGUAGE, "de"),
            (header::COOKIE, "a=1; portico_lang=fr"),
        ]),
        Lang::Fr,
        "the person's choice beats the browser's"
    );
    assert_eq!(
        choose(&[
            (header::ACCEPT_LANGUAGE, "de"),
            (header::COOKIE, "portico_lang=xx")
        ]),
        Lang::De
    );
}

/// Every key the code and templates use: in templates, each `layout.t…("…")`; in the code,
/// each string literal shaped like a key of one of the English file's groups (keys are often
/// picked in a `match` before `t` sees them).
fn keys_used() -> std::collections::BTreeSet<String> {
    const NOT_KEYS: [&str; 2] = ["recovery-keys", "oidc-signing-key"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let prefixes: std::collections::BTreeSet<String> = keys_in("en")
        .iter()
        .filter_map(|k| k.split_once('-').map(|(p, _)| p.to_owned()))
        .collect();
    let in_template = regex::Regex::new(r#"\bt[a-z0-9_]*\("([a-z0-9-]+)""#).expect("regex");
    let in_code = regex::Regex::new(r#""(([a-z]+)-[a-z0-9-]+)""#).expect("regex");
    let mut used = std::collections::BTreeSet::new();
    let mut stack = vec![root.join("templates"), root.join("crates/portico/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html" || e == "rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).expect("read");
                if path.extension().is_some_and(|e| e == "html") {
                    used.extend(in_template.captures_iter(&text).map(|c| c[1].to_owned()));
                } else {
                    used.extend(
                        in_code
                            .captures_iter(&text)
                            .filter(|c| prefixes.contains(&c[2]))
                            // Shaped like keys but not keys: a page's path, names in tests.
                            .filter(|c| !NOT_KEYS.contains(&&c[1]))
                            // `device-1` is a name in a test, not a key.
                            .filter(|c| {
                                !c[1]
                                    .rsplit('-')
                                    .next()
                                    .is_some_and(|last| last.chars().all(|ch| ch.is_ascii_digit()))
                            })
                            .map(|c| c[1].to_owned()),
                    );
                }
            }
        }
    }
    used
}

fn keys_in(lang: &str) -> std::collections::BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let mut text = String::new();
    for entry in std::fs::read_dir(root.join(lang)).expect("dir").flatten() {
        if entry.path().extension().is_some_and(|e| e == "ftl") {
            text += &std::fs::read_to_string(entry.path()).expect("ftl");
            text.push('\n');
        }
    }
    text.lines()
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k))
        .filter(|k| !k.starts_with([' ', '#', '[', '*']) && !k.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_key_in_use_is_in_english_and_no_language_has_keys_english_lacks() {
    let english = keys_in("en");
    let missing: Vec<_> = keys_used().difference(&english).cloned().collect();
    assert!(
        missing.is_empty(),
        "used but not in locales/en: {missing:?}"
    );
    for lang in ["de", "fr"] {
        let extra: Vec<_> = keys_in(lang).difference(&english).cloned().collect();
        assert!(
            extra.is_empty(),
            "in locales/{lang} but not in English: {extra:?}"
        );
    }
}

#[tokio::test]
async fn a_request_in_german_reads_german_and_english_is_the_default() {
    let german = Request::page(Lang::De, false, "/".to_owned());
    let title = CURRENT.scope(german, async { t("landing-title") }).await;
    assert_eq!(title, "Ihr Konto an einem Ort");
    let banner = CURRENT
        .scope(Request::page(Lang::Fr, false, "/".to_owned()), async {
            t_with("layout-elevated", &[("minutes", 1.into())])
        })
        .await;
    assert!(banner.ends_with("encore 1 minute."), "{banner}");
    assert_eq!(t("landing-title"), "Your account, in one place");
}

#[tokio::test]
async fn an_accounts_language_applies_unless_the_browser_chose_and_its_zone_always() {
    let page = |chosen| Request::page(Lang::En, chosen, "/u/0/".to_owned());
    let seen = CURRENT
        .scope(page(false), async {
            for_account(Some("fr"), Some("Europe/Paris"));
            (current(), zone())
        })
        .await;
    assert_eq!(
        seen,
        (Lang::Fr, Some(Zone::parse("Europe/Paris").expect("a zone")))
    );
    let seen = CURRENT
        .scope(page(true), async {
            for_account(Some("fr"), Some("nowhere"));
            (current(), zone())
        })
        .await;
    assert_eq!(seen, (Lang::En, None), "the picker's choice stands");
}

#[test]
fn times_read_in_the_readers_language_and_zone() {
    let at = time::macros::datetime!(2026-11-23 20:31:05 UTC);
    let read = |lang, zone| with(Request::reader(lang, zone), || crate::text::format_time(at));
    assert_eq!(read(Lang::En, None), "23 Nov 2026, 20:31 UTC");
    assert_eq!(
        read(Lang::De, Zone::parse("Europe/Berlin")),
        "23. Nov 2026, 21:31 CET"
    );
    assert_eq!(
        read(Lang::Fr, Zone::parse("America/New_York")),
        "23 nov. 2026, 15:31 EST"
    );
    let day = with(Request::reader(Lang::De, None), || {
        crate::text::format_date(time::macros::datetime!(2027-02-05 10:00 UTC))
    });
    assert_eq!(day, "5. Februar 2027");
    let ago = with(Request::reader(Lang::De, None), || {
        crate::text::time_ago(at, at + time::Duration::days(3))
    });
    assert_eq!(ago, "vor 3 Tagen");
    let wait = with(Request::reader(Lang::Fr, None), || {
        crate::text::human_wait(time::Duration::minutes(1))
    });
    assert_eq!(wait, "1 minute");
    let stamp = crate::text::stamp(at);
    assert_eq!(
        with(Request::reader(Lang::De, Zone::parse("Asia/Tokyo")), || {
            crate::text::format_stamp(&stamp)
        }),
        "24. Nov 2026, 05:31 JST"
    );
}

#[test]
fn every_language_reads_cleanly_and_its_plain_strings_need_no_parsing() {
    for lang in Lang::ALL {
        let (bundle, problems) = bundles::build_checked(lang);
        assert!(problems.is_empty(), "{lang:?}: {problems:#?}");
        let parsed = keys_in(lang.tag())
            .iter()
            .filter(|k| bundle.has_message(k))
            .count();
        let plain = bundles::table(lang).len();
        assert_eq!(
            parsed + plain,
            keys_in(lang.tag()).len(),
            "{lang:?}: each key once"
        );
        assert!(plain > parsed, "{lang:?}: {plain} plain, {parsed} parsed");
        // The table finds each of its keys, and nothing else: not a parsed message's key,
        // not a key that is one letter off.
        let table = bundles::table(lang);
        let keys = keys_in(lang.tag());
        for key in &keys {
            assert_eq!(
                table.get(key).is_some(),
                !bundle.has_message(key),
                "{lang:?}: {key}"
            );
            for near in [format!("{key}x"), key[..key.len() - 1].to_owned()] {
                if !keys.contains(&near) {
                    assert_eq!(table.get(&near), None, "{lang:?}: {near}");
                }
            }
        }
        assert_eq!(table.get(""), None);
    }
    with(Request::reader(Lang::De, None), || {
        assert_eq!(t_static("info-title"), t("info-title"));
        assert_eq!(t_static("time-just-now"), "gerade eben");
    });
}

#[test]
fn summer_and_winter_times_name_their_zone() {
    let berlin = Zone::parse("Europe/Berlin");
    let read = |at| {
        with(Request::reader(Lang::De, berlin), || {
            crate::text::format_time(at)
        })
    };
    assert_eq!(
        read(time::macros::datetime!(2026-07-01 12:00 UTC)),
        "1. Jul 2026, 14:00 CEST"
    );
    assert_eq!(
        read(time::macros::datetime!(2026-01-01 12:00 UTC)),
        "1. Jan 2026, 13:00 CET"
    );
    assert_eq!(Zone::parse("europe/berlin"), None, "names are exact");
    assert_eq!(Zone::parse("UTC"), Some(Zone::UTC));
}
