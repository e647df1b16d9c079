//! What Portico sends: each message, its template name, and (in `render`) how it reads.

pub use super::context::RenderContext;
use serde::{Deserialize, Serialize};

/// A message waiting in the outbox. Stored as JSON; the variant is the template.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum Message {
    /// A one-time code. `purpose` is a challenge purpose (`sign_up`, `verify_alias`, …).
    Code {
        purpose: String,
        code: String,
        minutes: i64,
    },
    /// Someone tried to create an account with an address that already has one.
    SignupExists,
    /// The account's password was changed or reset, and whether every other session ended.
    /// (Rows queued before the field existed mean a reset, which ends every session.)
    PasswordChanged {
        #[serde(default = "yes")]
        sessions_ended: bool,
    },
    /// The account's password was removed: passkeys and codes sign in now.
    PasswordRemoved,
    /// "Secure my account": every session was ended and every device token revoked.
    AccountSecured,
    /// An alias was added, removed or made primary: what, which (masked), when, from where.
    AliasChanged {
        change: String,
        alias: String,
        at: String,
        from: String,
        /// The "This wasn't me" link (wiped from the outbox once sent).
        #[serde(default)]
        undo_url: Option<String>,
    },
    /// A BitLocker recovery key was shown on the portal: which (the eight characters the
    /// recovery screen shows), of which PC, when, from where. Never the key.
    RecoveryKeyShown {
        key_id: String,
        device: String,
        at: String,
        from: String,
    },
    /// A passkey was added to or removed from the account (`change`: `added`, `removed`).
    PasskeyChanged {
        change: String,
        name: String,
        at: String,
        from: String,
    },
    /// An administrator disabled the account.
    AccountDisabled { at: String },
    /// A sign-in from a browser new to the account: when, with what, from where, and the
    /// link where the person answers "It was me" or "This wasn't me" (wiped once sent).
    NewSignIn {
        at: String,
        browser: String,
        ip: Option<String>,
        method: String,
        #[serde(default)]
        undo_url: Option<String>,
    },
    /// The person closed the account: deleted on `delete_on` unless reopened.
    AccountClosing { at: String, delete_on: String },
    /// The copy of the account's data is ready to download until `until`.
    ExportReady { until: String },
    /// A closing account was reopened.
    AccountReopened { at: String },
    /// The person removed an app's access ("Apps and services").
    AppAccessRemoved {
        app: String,
        at: String,
        from: String,
    },
}

fn yes() -> bool {
    true
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code { purpose, .. } => {
                write!(f, "Message::Code {{ purpose: {purpose:?}, code: ****** }}")
            }
            Self::SignupExists => f.write_str("Message::SignupExists"),
            Self::PasswordChanged { sessions_ended } => {
                write!(
                    f,
                    "Message::PasswordChanged {{ sessions_ended: {sessions_ended} }}"
                )
            }
            Self::AccountSecured => f.write_str("Message::AccountSecured"),
            Self::PasswordRemoved => f.write_str("Message::PasswordRemoved"),
            Self::AliasChanged { change, .. } => {
                write!(f, "Message::AliasChanged {{ change: {change:?} }}")
            }
            Self::RecoveryKeyShown { key_id, .. } => {
                write!(f, "Message::RecoveryKeyShown {{ key_id: {key_id:?} }}")
            }
            Self::PasskeyChanged { change, .. } => {
                write!(f, "Message::PasskeyChanged {{ change: {change:?} }}")
            }
            Self::AppAccessRemoved { .. } => f.write_str("Message::AppAccessRemoved"),
            Self::AccountDisabled { .. } => f.write_str("Message::AccountDisabled"),
            Self::NewSignIn { .. } => f.write_str("Message::NewSignIn"),
            Self::AccountClosing { .. } => f.write_str("Message::AccountClosing"),
            Self::AccountReopened { .. } => f.write_str("Message::AccountReopened"),
            Self::ExportReady { .. } => f.write_str("Message::ExportReady"),
        }
    }
}

/// An email ready for the SMTP transport.
#[derive(Debug, Clone)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Message {
    /// The message with its moments ([`crate::text::stamp`]) written for its reader, in the
    /// language and time zone rendering runs in.
    pub fn for_reader(&self) -> Self {
        use crate::text::{format_stamp, format_stamp_date};
        let mut message = self.clone();
        match &mut message {
            Self::AliasChanged { at, .. }
            | Self::RecoveryKeyShown { at, .. }
            | Self::PasskeyChanged { at, .. }
            | Self::AccountDisabled { at }
            | Self::NewSignIn { at, .. }
            | Self::AccountReopened { at }
            | Self::AppAccessRemoved { at, .. } => *at = format_stamp(at),
            Self::AccountClosing { at, delete_on } => {
                *at = format_stamp(at);
                *delete_on = format_stamp_date(delete_on);
            }
            Self::ExportReady { until } => *until = format_stamp(until),
            Self::Code { .. }
            | Self::SignupExists
            | Self::PasswordChanged { .. }
            | Self::PasswordRemoved
            | Self::AccountSecured => {}
        }
        message
    }

    /// The template name stored beside the payload.
    pub fn template(&self) -> &'static str {
        match self {
            Self::Code { .. } => "code",
            Self::SignupExists => "signup_exists",
            Self::PasswordChanged { .. } => "password_changed",
            Self::AccountSecured => "account_secured",
            Self::PasswordRemoved => "password_removed",
            Self::AliasChanged { .. } => "alias_changed",
            Self::RecoveryKeyShown { .. } => "recovery_key_shown",
            Self::PasskeyChanged { .. } => "passkey_changed",
            Self::AppAccessRemoved { .. } => "app_access_removed",
            Self::AccountDisabled { .. } => "account_disabled",
            Self::NewSignIn { .. } => "new_sign_in",
            Self::AccountClosing { .. } => "account_closing",
            Self::AccountReopened { .. } => "account_reopened",
            Self::ExportReady { .. } => "export_ready",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn ctx() -> RenderContext {
        RenderContext::new(&Url::parse("https://account.example.com:8443/").expect("url"))
    }

    fn code() -> Message {
        Message::Code {
            purpose: "verify_alias".into(),
            code: "042917".into(),
            minutes: 10,
        }
    }

    #[test]
    fn sms_starts_with_the_code_and_ends_with_the_webotp_line() {
        let body = code().render_sms(&ctx()).expect("render");
        assert!(body.starts_with("042917 "), "{body}");
        assert!(
            body.ends_with("\n\n@account.example.com:8443 #042917"),
            "{body:?}"
        );
        assert!(
            body.chars().count() <= 160,
            "one SMS segment: {}",
            body.chars().count()
        );
    }

    #[test]
    fn email_says_why_and_what_to_do_if_you_did_not_ask() {
        let email = code().render_email(&ctx()).expect("render");
        assert_eq!(email.subject, "042917 is your Portico code");
        for body in [&email.text, &email.html] {
            assert!(body.contains("042917"));
            assert!(body.contains("to add this address to your account"));
            assert!(body.contains("10 minutes"));
            assert!(body.contains("If you did not ask for this code"), "{body}");
        }
        assert!(email.html.contains("<html"));
    }

    #[test]
    fn password_notices_say_whether_sessions_ended() {
        let old_row = serde_json::json!({"template": "password_changed"});
        let m: Message = serde_json::from_value(old_row).expect("an old row still reads");
        assert_eq!(
            m,
            Message::PasswordChanged {
                sessions_ended: true
            }
        );
        let ended = m.render_email(&ctx()).expect("render");
        assert!(ended.text.contains("signed out"), "{}", ended.text);
        let kept = Message::PasswordChanged {
            sessions_ended: false,
        }
        .render_email(&ctx())
        .expect("render");
        assert!(!kept.text.contains("signed out"), "{}", kept.text);
        let secured = Message::AccountSecured.render_sms(&ctx()).expect("render");
        assert!(secured.contains("signed out"), "{secured}");
    }

    #[test]
    fn debug_hides_the_code_and_json_round_trips() {
        let m = code();
        assert!(!format!("{m:?}").contains("042917"));
        let json = serde_json::to_value(&m).expect("json");
        assert_eq!(json["template"], "code");
        assert_eq!(serde_json::from_value::<Message>(json).expect("back"), m);
    }
}
