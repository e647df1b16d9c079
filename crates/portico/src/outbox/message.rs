//! What Portico sends, and how each message reads as an email and as an SMS.

use askama::Template;

pub use super::templates::RenderContext;
use super::templates::{
    AccountClosingHtml, AccountClosingSms, AccountClosingText, AccountDisabledHtml,
    AccountDisabledSms, AccountDisabledText, AccountReopenedHtml, AccountReopenedSms,
    AccountReopenedText, AccountSecuredHtml, AccountSecuredSms, AccountSecuredText,
    AliasChangedHtml, AliasChangedSms, AliasChangedText, AppAccessRemovedHtml, AppAccessRemovedSms,
    AppAccessRemovedText, CodeHtml, CodeSms, CodeText, NewSignInHtml, NewSignInSms, NewSignInText,
    PasskeyChangedHtml, PasskeyChangedSms, PasskeyChangedText, PasswordChangedHtml,
    PasswordChangedSms, PasswordChangedText, PasswordRemovedHtml, PasswordRemovedSms,
    PasswordRemovedText, RecoveryKeyShownHtml, RecoveryKeyShownSms, RecoveryKeyShownText,
    SignupExistsHtml, SignupExistsSms, SignupExistsText, change_phrase, purpose_phrase,
};
use super::templates::{ExportReadyHtml, ExportReadySms, ExportReadyText};
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

    pub fn render_email(&self, ctx: &RenderContext) -> Result<RenderedEmail, askama::Error> {
        match self {
            Self::Code {
                purpose,
                code,
                minutes,
            } => {
                let why = purpose_phrase(purpose);
                Ok(RenderedEmail {
                    subject: format!("{code} is your {} code", ctx.product),
                    text: CodeText {
                        ctx,
                        code,
                        why,
                        minutes: *minutes,
                    }
                    .render()?,
                    html: CodeHtml {
                        ctx,
                        code,
                        why,
                        minutes: *minutes,
                    }
                    .render()?,
                })
            }
            Self::PasswordChanged { sessions_ended } => Ok(RenderedEmail {
                subject: format!("Your {} password was changed", ctx.product),
                text: PasswordChangedText {
                    ctx,
                    sessions_ended: *sessions_ended,
                }
                .render()?,
                html: PasswordChangedHtml {
                    ctx,
                    sessions_ended: *sessions_ended,
                }
                .render()?,
            }),
            Self::AliasChanged {
                change,
                alias,
                at,
                from,
                undo_url,
            } => {
                let what = change_phrase(change);
                Ok(RenderedEmail {
                    subject: format!("{alias} {what} your {} account", ctx.product),
                    text: AliasChangedText {
                        ctx,
                        what,
                        alias,
                        at,
                        from,
                        undo_url: undo_url.as_deref(),
                    }
                    .render()?,
                    html: AliasChangedHtml {
                        ctx,
                        what,
                        alias,
                        at,
                        from,
                        undo_url: undo_url.as_deref(),
                    }
                    .render()?,
                })
            }
            Self::RecoveryKeyShown {
                key_id,
                device,
                at,
                from,
            } => {
                let shown = RecoveryKeyShownText {
                    ctx,
                    key_id,
                    device,
                    at,
                    from,
                };
                Ok(RenderedEmail {
                    subject: format!(
                        "A BitLocker recovery key of {device} was viewed in your {} account",
                        ctx.product
                    ),
                    text: shown.render()?,
                    html: RecoveryKeyShownHtml {
                        ctx,
                        key_id,
                        device,
                        at,
                        from,
                    }
                    .render()?,
                })
            }
            Self::PasskeyChanged {
                change,
                name,
                at,
                from,
            } => {
                let added = change == "added";
                Ok(RenderedEmail {
                    subject: format!(
                        "A passkey was {} your {} account",
                        if added { "added to" } else { "removed from" },
                        ctx.product
                    ),
                    text: PasskeyChangedText {
                        ctx,
                        added,
                        name,
                        at,
                        from,
                    }
                    .render()?,
                    html: PasskeyChangedHtml {
                        ctx,
                        added,
                        name,
                        at,
                        from,
                    }
                    .render()?,
                })
            }
            Self::NewSignIn {
                at,
                browser,
                ip,
                method,
                undo_url,
            } => {
                let how = crate::alerts::rules::method_phrase(method);
                let (ip, link) = (ip.as_deref(), undo_url.as_deref());
                Ok(RenderedEmail {
                    subject: format!("New sign-in to your {} account", ctx.product),
                    text: NewSignInText {
                        ctx,
                        at,
                        browser,
                        ip,
                        how,
                        link,
                    }
                    .render()?,
                    html: NewSignInHtml {
                        ctx,
                        at,
                        browser,
                        ip,
                        how,
                        link,
                    }
                    .render()?,
                })
            }
            Self::AccountClosing { at, delete_on } => Ok(RenderedEmail {
                subject: format!("Your {} account was closed", ctx.product),
                text: AccountClosingText { ctx, at, delete_on }.render()?,
                html: AccountClosingHtml { ctx, at, delete_on }.render()?,
            }),
            Self::ExportReady { until } => Ok(RenderedEmail {
                subject: format!("Your {} data is ready to download", ctx.product),
                text: ExportReadyText { ctx, until }.render()?,
                html: ExportReadyHtml { ctx, until }.render()?,
            }),
            Self::AccountReopened { at } => Ok(RenderedEmail {
                subject: format!("Your {} account was reopened", ctx.product),
                text: AccountReopenedText { ctx, at }.render()?,
                html: AccountReopenedHtml { ctx, at }.render()?,
            }),
            Self::AccountDisabled { at } => Ok(RenderedEmail {
                subject: format!("Your {} account was disabled", ctx.product),
                text: AccountDisabledText { ctx, at }.render()?,
                html: AccountDisabledHtml { ctx, at }.render()?,
            }),
            Self::AppAccessRemoved { app, at, from } => Ok(RenderedEmail {
                subject: format!("{app} can no longer use your {} account", ctx.product),
                text: AppAccessRemovedText { ctx, app, at, from }.render()?,
                html: AppAccessRemovedHtml { ctx, app, at, from }.render()?,
            }),
            Self::PasswordRemoved => Ok(RenderedEmail {
                subject: format!("The password of your {} account was removed", ctx.product),
                text: PasswordRemovedText { ctx }.render()?,
                html: PasswordRemovedHtml { ctx }.render()?,
            }),
            Self::AccountSecured => Ok(RenderedEmail {
                subject: format!("Your {} account was secured", ctx.product),
                text: AccountSecuredText { ctx }.render()?,
                html: AccountSecuredHtml { ctx }.render()?,
            }),
            Self::SignupExists => Ok(RenderedEmail {
                subject: format!(
                    "Someone tried to create a {} account with this address",
                    ctx.product
                ),
                text: SignupExistsText { ctx }.render()?,
                html: SignupExistsHtml { ctx }.render()?,
            }),
        }
    }

    /// SMS bodies start with the code and end with the WebOTP line `@host #code`.
    pub fn render_sms(&self, ctx: &RenderContext) -> Result<String, askama::Error> {
        match self {
            Self::Code {
                purpose,
                code,
                minutes,
            } => CodeSms {
                ctx,
                code,
                why: purpose_phrase(purpose),
                minutes: *minutes,
            }
            .render(),
            Self::SignupExists => SignupExistsSms { ctx }.render(),
            Self::PasswordChanged { sessions_ended } => PasswordChangedSms {
                ctx,
                sessions_ended: *sessions_ended,
            }
            .render(),
            Self::AccountSecured => AccountSecuredSms { ctx }.render(),
            Self::PasswordRemoved => PasswordRemovedSms { ctx }.render(),
            Self::AliasChanged {
                change,
                alias,
                undo_url,
                ..
            } => AliasChangedSms {
                ctx,
                what: change_phrase(change),
                alias,
                undo_url: undo_url.as_deref(),
            }
            .render(),
            Self::PasskeyChanged { change, name, .. } => PasskeyChangedSms {
                ctx,
                added: change == "added",
                name,
            }
            .render(),
            Self::AppAccessRemoved { app, .. } => AppAccessRemovedSms { ctx, app }.render(),
            Self::AccountDisabled { .. } => AccountDisabledSms { ctx }.render(),
            Self::AccountClosing { delete_on, .. } => AccountClosingSms { ctx, delete_on }.render(),
            Self::AccountReopened { .. } => AccountReopenedSms { ctx }.render(),
            Self::ExportReady { until } => ExportReadySms { ctx, until }.render(),
            Self::NewSignIn {
                browser, undo_url, ..
            } => NewSignInSms {
                ctx,
                browser,
                link: undo_url.as_deref(),
            }
            .render(),
            Self::RecoveryKeyShown { key_id, device, .. } => RecoveryKeyShownSms {
                ctx,
                key_id,
                device,
            }
            .render(),
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
