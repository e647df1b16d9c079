use time::macros::datetime;

use super::*;

fn params(extra: &[(&str, &str)]) -> AuthorizeParams {
    let mut p = AuthorizeParams {
        client_id: Some("wiki".into()),
        redirect_uri: Some("https://wiki.example/cb".into()),
        response_type: Some("code".into()),
        scope: Some("openid email".into()),
        code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
        code_challenge_method: Some("S256".into()),
        ..AuthorizeParams::default()
    };
    for (k, v) in extra {
        let v = Some((*v).to_owned()).filter(|v| !v.is_empty());
        match *k {
            "response_type" => p.response_type = v,
            "scope" => p.scope = v,
            "code_challenge" => p.code_challenge = v,
            "code_challenge_method" => p.code_challenge_method = v,
            "prompt" => p.prompt = v,
            "max_age" => p.max_age = v,
            "request" => p.request = v,
            "response_mode" => p.response_mode = v,
            other => panic!("{other}"),
        }
    }
    p
}

fn all_scopes() -> Vec<String> {
    SUPPORTED_SCOPES.map(str::to_owned).to_vec()
}

#[test]
fn a_good_request_is_kept_as_asked() {
    let checked = check_request(
        &params(&[("prompt", "login consent"), ("max_age", "60")]),
        &all_scopes(),
        true,
    )
    .expect("valid");
    assert_eq!(checked.scopes, ["openid", "email"]);
    assert!(checked.prompt.login && checked.prompt.consent && !checked.prompt.none);
    assert_eq!(checked.max_age, Some(60));
}

#[test]
fn refusals_name_the_errors_the_specs_name() {
    let scopes = all_scopes();
    for (extra, public, error) in [
        (
            vec![("response_type", "token")],
            false,
            "unsupported_response_type",
        ),
        (vec![("response_type", "")], false, "invalid_request"),
        (vec![("scope", "email")], false, "invalid_scope"),
        (vec![("scope", "openid admin")], false, "invalid_scope"),
        (
            vec![("code_challenge", ""), ("code_challenge_method", "")],
            true,
            "invalid_request",
        ),
        (
            vec![("code_challenge_method", "plain")],
            false,
            "invalid_request",
        ),
        (
            vec![("code_challenge_method", "")],
            false,
            "invalid_request",
        ),
        (vec![("code_challenge", "short")], false, "invalid_request"),
        (vec![("prompt", "none login")], false, "invalid_request"),
        (vec![("prompt", "sometimes")], false, "invalid_request"),
        (vec![("max_age", "-1")], false, "invalid_request"),
        (vec![("request", "eyJ")], false, "request_not_supported"),
        (
            vec![("response_mode", "fragment")],
            false,
            "invalid_request",
        ),
    ] {
        let e = check_request(&params(&extra), &scopes, public).expect_err("refused");
        assert_eq!(e.error, error, "{extra:?}");
    }
    let only_openid = vec!["openid".to_owned()];
    assert_eq!(
        check_request(&params(&[]), &only_openid, false)
            .expect_err("email not allowed")
            .error,
        "invalid_scope"
    );
    let confidential = check_request(
        &params(&[("code_challenge", ""), ("code_challenge_method", "")]),
        &scopes,
        false,
    )
    .expect("PKCE is optional for a confidential client");
    assert_eq!(confidential.code_challenge, None);
}

#[test]
fn pkce_follows_rfc_7636_appendix_b() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    assert!(pkce_matches(verifier, challenge));
    assert!(!pkce_matches(
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj",
        challenge
    ));
    assert!(!pkce_matches("short", challenge));
}

fn candidate(position: i32, matches_hint: bool, last_choice: bool) -> Candidate {
    Candidate {
        position,
        matches_hint,
        last_choice,
    }
}

#[test]
fn the_account_is_picked_by_hint_then_last_choice_then_alone() {
    let none = Prompt::default();
    let two = [candidate(0, false, false), candidate(1, true, false)];
    assert_eq!(pick_account(&two, none, true), Pick::Account(1));
    assert_eq!(
        pick_account(&[candidate(0, false, false)], none, true),
        Pick::SignIn
    );
    assert_eq!(pick_account(&two, none, false), Pick::Choose);
    let remembered = [candidate(0, false, false), candidate(1, false, true)];
    assert_eq!(pick_account(&remembered, none, false), Pick::Account(1));
    let select = Prompt {
        select_account: true,
        ..none
    };
    assert_eq!(pick_account(&remembered, select, false), Pick::Choose);
    assert_eq!(
        pick_account(&[candidate(3, false, false)], none, false),
        Pick::Account(3)
    );
    assert_eq!(pick_account(&[], none, false), Pick::SignIn);
}

#[test]
fn a_fresh_sign_in_is_asked_for_prompt_login_once_and_for_max_age() {
    let created = datetime!(2026-12-07 10:00 UTC);
    let now = datetime!(2026-12-07 10:01 UTC);
    let login = Prompt {
        login: true,
        ..Prompt::default()
    };
    let earlier = datetime!(2026-12-07 09:00 UTC);
    assert!(needs_fresh_sign_in(login, None, earlier, created, now));
    assert!(
        !needs_fresh_sign_in(login, None, now, created, now),
        "signed in since the request"
    );
    assert!(needs_fresh_sign_in(
        Prompt::default(),
        Some(600),
        earlier,
        created,
        now
    ));
    assert!(!needs_fresh_sign_in(
        Prompt::default(),
        Some(7200),
        earlier,
        created,
        now
    ));
    assert!(!needs_fresh_sign_in(
        Prompt::default(),
        None,
        earlier,
        created,
        now
    ));
}

#[test]
fn consent_is_asked_for_what_was_not_given() {
    let asked = ["openid".to_owned(), "email".to_owned()];
    let given = ["openid".to_owned()];
    let none = Prompt::default();
    assert!(needs_consent(&asked, None, false, none));
    assert!(needs_consent(&asked, Some(&given), false, none));
    assert!(!needs_consent(&asked, Some(&asked), false, none));
    assert!(!needs_consent(&asked, None, true, none), "first-party");
    let consent = Prompt {
        consent: true,
        ..none
    };
    assert!(needs_consent(&asked, Some(&asked), true, consent));
}
