//! Events in words, for "Recent activity".

use serde_json::Value;

use crate::i18n::{t, try_t_with};

/// A one-line title for an event of `kind` with its `details`, in the reader's language:
/// the key `activity-<kind>` of `locales/*/activity.ftl`, given every detail a title may name
/// (what is missing is named in general words: "a PC", "an address").
pub fn title(kind: &str, details: &Value) -> String {
    let method = details.get("method").and_then(Value::as_str);
    let key = match (kind, method) {
        ("sign_in", Some("code")) => "activity-sign-in-code".to_owned(),
        ("sign_in", Some("sign_up")) => "activity-sign-in-sign-up".to_owned(),
        ("sign_in", Some("provider")) => "activity-sign-in-provider".to_owned(),
        ("sign_in", _) => "activity-sign-in-password".to_owned(),
        (kind, _) => format!("activity-{}", kind.replace('_', "-")),
    };
    let named = |field: &str, otherwise: &str| {
        details
            .get(field)
            .and_then(Value::as_str)
            .map_or_else(|| t(otherwise), str::to_owned)
    };
    let yes_no = |field: &str| {
        if details.get(field).and_then(Value::as_bool) == Some(true) {
            "yes"
        } else {
            "no"
        }
    };
    let sessions = details.get("sessions").and_then(Value::as_u64).unwrap_or(0);
    let args = [
        (
            "provider",
            named("provider", "activity-some-provider").into(),
        ),
        ("alias", named("alias", "activity-some-alias").into()),
        ("device", named("device", "activity-some-device").into()),
        ("license", named("license", "activity-some-license").into()),
        ("passkey", named("name", "activity-some-passkey").into()),
        ("app", named("app", "activity-some-app").into()),
        ("browser", named("browser", "activity-some-browser").into()),
        (
            "key",
            details
                .get("key_id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
                .into(),
        ),
        ("n", i64::try_from(sessions).unwrap_or(i64::MAX).into()),
        ("enabled", yes_no("enabled").into()),
        ("allowed", yes_no("allowed").into()),
        (
            "to",
            details
                .get("to")
                .and_then(Value::as_str)
                .unwrap_or("primary")
                .to_owned()
                .into(),
        ),
    ];
    try_t_with(&key, &args).unwrap_or_else(|| kind.replace('_', " "))
}

/// Whether an event is one a person should look at twice.
pub fn is_warning(kind: &str) -> bool {
    matches!(
        kind,
        "sign_in_failed"
            | "account_secured"
            | "password_reset"
            | "provider_failed"
            | "recovery_key_shown"
            | "passkey_cloned"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn titles_read_as_sentences() {
        assert_eq!(
            title(
                "app_sign_in",
                &json!({"client_id": "wiki", "app": "Team wiki"})
            ),
            "Signed in to Team wiki"
        );
        assert_eq!(
            title("sign_in", &json!({"method": "code"})),
            "Signed in with a code"
        );
        assert_eq!(title("sign_in", &json!({})), "Signed in with your password");
        assert_eq!(
            title("other_sessions_ended", &json!({"sessions": 3})),
            "Signed out 3 other sessions"
        );
        assert_eq!(title("something_new", &json!({})), "something new");
        assert_eq!(
            title(
                "alias_sign_in_changed",
                &json!({"alias": "j•••@example.com", "allowed": false})
            ),
            "Stopped using j•••@example.com to sign in"
        );
    }
}
