//! Events in words, for "Recent activity".

use serde_json::Value;

/// A one-line title for an event of `kind` with its `details`.
pub fn title(kind: &str, details: &Value) -> String {
    let method = details.get("method").and_then(Value::as_str);
    match kind {
        "account_created" => "Account created".to_owned(),
        "sign_in" => match method {
            Some("code") => "Signed in with a code".to_owned(),
            Some("sign_up") => "Signed in after creating the account".to_owned(),
            Some("provider") => format!("Signed in with {}", provider(details)),
            _ => "Signed in with your password".to_owned(),
        },
        "sign_in_failed" => "Sign-in attempt with a wrong password".to_owned(),
        "reauthenticated" => "Confirmed your identity for a sensitive change".to_owned(),
        "password_changed" => "Password changed".to_owned(),
        "password_reset" => "Password reset with a code".to_owned(),
        "name_changed" => "Name changed".to_owned(),
        "signed_out" => "Signed out".to_owned(),
        "session_ended" => "Signed out a session from the Security page".to_owned(),
        "other_sessions_ended" => {
            let n = details.get("sessions").and_then(Value::as_u64).unwrap_or(0);
            match n {
                1 => "Signed out 1 other session".to_owned(),
                n => format!("Signed out {n} other sessions"),
            }
        }
        "account_secured" => "Secured the account: every session ended".to_owned(),
        "change_undone" => {
            "Undid a change from a notice (\"This wasn't me\"); every session ended".to_owned()
        }
        "alias_added" => format!("Added {}", alias(details)),
        "alias_removed" => format!("Removed {}", alias(details)),
        "alias_made_primary" => format!("Made {} your primary address", alias(details)),
        "alias_sign_in_changed" => {
            if details.get("allowed").and_then(Value::as_bool) == Some(true) {
                format!("Allowed {} for sign-in", alias(details))
            } else {
                format!("Stopped using {} to sign in", alias(details))
            }
        }
        "identity_linked" => format!("Linked your {} account", provider(details)),
        "identity_unlinked" => format!("Unlinked your {} account", provider(details)),
        "provider_failed" => format!("A sign-in with {} failed", provider(details)),
        "device_linked" => format!("Device linked: {}", device(details)),
        "device_removed" => format!("Device removed: {}", device(details)),
        "license_moved" => format!(
            "License moved: {} to {} after a hardware change",
            details
                .get("license")
                .and_then(Value::as_str)
                .unwrap_or("a license"),
            device(details)
        ),
        "device_location" => {
            if details.get("enabled").and_then(Value::as_bool) == Some(true) {
                format!("Find my device turned on for {}", device(details))
            } else {
                format!("Find my device turned off for {}", device(details))
            }
        }
        "recovery_keys_backup" => {
            if details.get("enabled").and_then(Value::as_bool) == Some(true) {
                format!(
                    "BitLocker recovery key backup turned on for {}",
                    device(details)
                )
            } else {
                format!(
                    "BitLocker recovery key backup turned off for {} (its keys deleted)",
                    device(details)
                )
            }
        }
        "recovery_key_shown" => format!(
            "BitLocker recovery key {} of {} shown",
            key_id(details),
            device(details)
        ),
        "recovery_key_deleted" => format!(
            "BitLocker recovery key {} of {} deleted",
            key_id(details),
            device(details)
        ),
        "password_removed" => "Password removed: passkeys and codes sign in".to_owned(),
        "passkey_added" => format!("Passkey added: {}", passkey(details)),
        "passkey_removed" => format!("Passkey removed: {}", passkey(details)),
        "passkey_cloned" => "A passkey that looked like a copy was refused".to_owned(),
        "app_sign_in" => format!("Signed in to {}", app(details)),
        "app_access_removed" => format!("Access removed for {}", app(details)),
        "account_disabled" => "Account disabled by an administrator".to_owned(),
        "account_enabled" => "Account enabled again by an administrator".to_owned(),
        "sessions_ended_by_operator" => "Signed out everywhere by an administrator".to_owned(),
        "device_revoked_by_operator" => "A PC's link ended by an administrator".to_owned(),
        "export_requested" => "A copy of your data was asked for".to_owned(),
        "export_ready" => "A copy of your data was ready to download".to_owned(),
        "export_downloaded" => "A copy of your data was downloaded".to_owned(),
        "account_closing" => "Account closed: it is deleted after its grace period".to_owned(),
        "account_reopened" => "Account reopened".to_owned(),
        "notices_changed" => match details["to"].as_str() {
            Some("all") => "Security notices now go to every verified address".to_owned(),
            _ => "Security notices now go to the primary address".to_owned(),
        },
        "device_hardware_sharing" => format!(
            "Hardware details of {} {}",
            device(details),
            if details["enabled"].as_bool() == Some(true) {
                "shared again"
            } else {
                "no longer shared"
            }
        ),
        "unusual_sign_in" => format!(
            "Sign-in from a browser new to this account: {}",
            details["browser"].as_str().unwrap_or("unknown browser")
        ),
        "unusual_sign_in_confirmed" => "You said the new browser's sign-in was you".to_owned(),
        "unusual_sign_in_disowned" => {
            "You said the new browser's sign-in wasn't you: it was signed out".to_owned()
        }
        "reset_sent_by_operator" => "A password reset code sent by an administrator".to_owned(),
        other => other.replace('_', " "),
    }
}

/// The PC an event is about.
fn device(details: &Value) -> &str {
    details
        .get("device")
        .and_then(Value::as_str)
        .unwrap_or("a PC")
}

/// The recovery key an event is about, by the eight characters the recovery screen shows.
fn key_id(details: &Value) -> &str {
    details.get("key_id").and_then(Value::as_str).unwrap_or("")
}

/// The passkey an event is about, by its name.
fn passkey(details: &Value) -> &str {
    details
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("a passkey")
}

/// The OpenID provider an event is about, by its configured id.
fn provider(details: &Value) -> &str {
    details
        .get("provider")
        .and_then(Value::as_str)
        .unwrap_or("another")
}

/// The (masked) alias an event is about.
fn alias(details: &Value) -> &str {
    details
        .get("alias")
        .and_then(Value::as_str)
        .unwrap_or("an address")
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

/// The app an event names (Portico as OpenID Provider).
fn app(details: &Value) -> &str {
    details
        .get("app")
        .and_then(Value::as_str)
        .unwrap_or("an app")
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
