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

/// Every `t("…")`/`layout.t("…")` key in the code and templates, and the keys each file has.
fn keys_used() -> std::collections::BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let re = regex::Regex::new(r#"\bt(?:_with)?\("([a-z0-9-]+)""#).expect("regex");
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
                used.extend(re.captures_iter(&text).map(|c| c[1].to_owned()));
            }
        }
    }
    used
}

fn keys_in(lang: &str) -> std::collections::BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let text = std::fs::read_to_string(root.join(lang).join("portico.ftl")).expect("ftl");
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
    let german = Request {
        lang: Lang::De,
        here: "/".to_owned(),
    };
    let title = CURRENT.scope(german, async { t("landing-title") }).await;
    assert_eq!(title, "Ihr Konto an einem Ort");
    let banner = CURRENT
        .scope(
            Request {
                lang: Lang::Fr,
                here: "/".to_owned(),
            },
            async { t_with("layout-elevated", &[("minutes", 1.into())]) },
        )
        .await;
    assert!(banner.ends_with("encore 1 minute."), "{banner}");
    assert_eq!(t("landing-title"), "Your account, in one place");
}
