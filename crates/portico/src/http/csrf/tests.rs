use super::*;
use crate::config::SecretKey;
use axum::response::IntoResponse as _;

fn keys(secret: &str, previous: Option<&str>) -> Keys {
    let previous = previous.map(|p| SecretKey::parse(p).expect("key"));
    Keys::derive(&SecretKey::parse(secret).expect("key")).with_previous(previous.as_ref())
}

fn sealed(key: &Key, name: &str, token: &str) -> String {
    let mut jar = CookieJar::new();
    jar.private_mut(key)
        .add(Cookie::new(name.to_owned(), token.to_owned()));
    jar.get(name).expect("added").encoded().to_string()
}

const NOW: time::OffsetDateTime = time::macros::datetime!(2026-12-07 12:00 UTC);

fn request(method: Method, cookie: Option<&HeaderValue>) -> Parts {
    let mut builder = axum::http::Request::builder().method(method).uri("/u/0/");
    if let Some(cookie) = cookie {
        builder = builder.header(COOKIE, cookie);
    }
    builder.body(()).expect("request").into_parts().0
}

/// The `Set-Cookie` the answer carrying `token` has, as a `Cookie` header would send it.
fn set_by(token: CsrfToken) -> Option<HeaderValue> {
    let response = (token, ()).into_response();
    let set = response.headers().get(SET_COOKIE)?.to_str().expect("ascii");
    let pair = set.split(';').next().expect("name=value");
    Some(HeaderValue::from_str(pair).expect("value"))
}

#[test]
fn the_cookie_is_set_when_the_browser_lacks_it_sends_a_form_or_holds_a_strangers() {
    let config = config(&keys("a-secret-0123456789abcdef0123456789ab", None), false);
    let first = CsrfToken::of(&request(Method::GET, None), &config, NOW);
    let form_token = first.authenticity_token();
    let cookie = set_by(first).expect("a new token is set");

    // A page to a browser that holds it: the same token, nothing set.
    let again = CsrfToken::of(&request(Method::GET, Some(&cookie)), &config, NOW);
    assert!(again.verify(&form_token));
    assert_eq!(again.authenticity_token(), form_token);
    assert_eq!(set_by(again), None);
    // A form's answer: the same token, set again (its 90 days start over).
    let posted = CsrfToken::of(&request(Method::POST, Some(&cookie)), &config, NOW);
    assert!(posted.verify(&form_token));
    let renewed = set_by(posted).expect("set on a form's answer");
    let read = CsrfToken::of(&request(Method::GET, Some(&renewed)), &config, NOW);
    assert!(read.verify(&form_token));

    // Sealed with another key, or tampered with: a new token, set.
    let other = super::config(&keys("another-secret-0123456789abcdef012345", None), false);
    let stranger = CsrfToken::of(&request(Method::GET, Some(&cookie)), &other, NOW);
    assert!(!stranger.verify(&form_token));
    assert!(set_by(stranger).is_some());
    let text = cookie.to_str().expect("ascii");
    let flipped = format!("{}A", &text[..text.len() - 1]);
    let flipped = if flipped == text {
        format!("{}B", &text[..text.len() - 1])
    } else {
        flipped
    };
    let tampered = HeaderValue::from_str(&flipped).expect("value");
    let tampered = CsrfToken::of(&request(Method::GET, Some(&tampered)), &config, NOW);
    assert!(!tampered.verify(&form_token));
    assert!(set_by(tampered).is_some());
    // Form tokens that are not this browser's.
    let token = CsrfToken::of(&request(Method::POST, Some(&cookie)), &config, NOW);
    assert!(!token.verify(""));
    assert!(!token.verify("not base64!"));
    assert!(!token.verify(&STANDARD.encode([0u8; 32])));
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(f)
}

#[test]
fn the_cookie_is_host_only_http_only_strict_and_lasts_90_days() {
    let keys = keys("a-secret-0123456789abcdef0123456789ab", None);
    for (https, name, secure) in [
        (true, "__Host-portico_csrf=", true),
        (false, "portico_csrf=", false),
    ] {
        let token = CsrfToken::of(&request(Method::GET, None), &config(&keys, https), NOW);
        let response = (token, ()).into_response();
        let set = response.headers()[SET_COOKIE].to_str().expect("ascii");
        let cookie = Cookie::parse(set).expect("a cookie");
        assert!(set.starts_with(name), "{set}");
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.domain(), None);
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.secure().unwrap_or(false), secure, "{set}");
        assert_eq!(cookie.same_site(), Some(SameSite::Strict));
        assert_eq!(
            cookie.expires_datetime(),
            Some(NOW + time::Duration::days(90))
        );
    }
}

#[test]
fn cookies_and_form_tokens_are_axum_csrfs_both_ways() {
    let keys = keys("a-secret-0123456789abcdef0123456789ab", None);
    let ours = config(&keys, false);
    let theirs = axum_csrf::CsrfConfig::default()
        .with_cookie_name(COOKIE_NAME)
        .with_salt(keys.csrf_salt())
        .with_key(Some(keys.csrf_cookie_key()));
    // Theirs set, ours read.
    let mut parts = request(Method::GET, None);
    let before: axum_csrf::CsrfToken =
        block_on(async { axum_csrf::CsrfToken::from_request_parts(&mut parts, &theirs).await })
            .expect("token");
    let their_form = before.authenticity_token().expect("form token");
    let set = (before, ()).into_response();
    let pair = set.headers()[SET_COOKIE].to_str().expect("ascii");
    let cookie = HeaderValue::from_str(pair.split(';').next().expect("pair")).expect("value");
    let token = CsrfToken::of(&request(Method::GET, Some(&cookie)), &ours, NOW);
    assert!(token.verify(&their_form));
    assert!(!token.set, "the browser's cookie is read, not replaced");
    // Ours set, theirs read.
    let mine = CsrfToken::of(&request(Method::GET, None), &ours, NOW);
    let my_form = mine.authenticity_token();
    let cookie = set_by(mine).expect("set");
    let mut parts = request(Method::POST, Some(&cookie));
    let after: axum_csrf::CsrfToken =
        block_on(async { axum_csrf::CsrfToken::from_request_parts(&mut parts, &theirs).await })
            .expect("token");
    assert!(after.verify(&my_form).is_ok());
}

#[test]
fn a_cookie_the_previous_key_sealed_is_sealed_again_with_the_same_token() {
    let old = "old-secret-0123456789abcdef0123456789";
    let new = "new-secret-0123456789abcdef0123456789";
    let rotating = keys(new, Some(old));
    let previous = Previous::new(&rotating, false).expect("a rotation");
    let header = format!(
        "theme=dark; {}; other=1",
        sealed(&keys(old, None).csrf_cookie_key(), COOKIE_NAME, "the-token")
    );
    let resealed = previous.resealed(&header).expect("changed");
    assert!(resealed.starts_with("theme=dark; ") && resealed.ends_with("; other=1"));
    let cookie = Cookie::parse_encoded(
        resealed
            .split("; ")
            .find(|p| p.starts_with(COOKIE_NAME))
            .expect("the cookie")
            .to_owned(),
    )
    .expect("a cookie");
    let opened = CookieJar::new()
        .private(&rotating.csrf_cookie_key())
        .decrypt(cookie)
        .expect("the current key opens it");
    assert_eq!(opened.value(), "the-token");
    // Already current, or sealed by neither key: left as it is.
    assert_eq!(previous.resealed(&resealed), None);
    let stranger = sealed(
        &keys("some-other-secret-0123456789abcdef0", None).csrf_cookie_key(),
        COOKIE_NAME,
        "x",
    );
    assert_eq!(previous.resealed(&stranger), None);
    assert!(Previous::new(&keys(new, None), false).is_none());
}
