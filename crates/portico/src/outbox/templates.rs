//! The templates of every message (`templates/email/`, `templates/sms/`) and the phrases
//! they share.

use askama::Template;

use url::Url;

/// Facts about this installation that messages mention.
#[derive(Debug, Clone)]
pub struct RenderContext {
    pub product: String,
    /// The host people see in the address bar (`account.example.com`, with a port if any).
    pub host: String,
    pub public_url: String,
}

impl RenderContext {
    pub fn new(public_url: &Url) -> Self {
        let host = match (public_url.host_str(), public_url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => "localhost".to_owned(),
        };
        Self {
            product: "Portico".to_owned(),
            host,
            public_url: public_url.to_string(),
        }
    }
}

impl RenderContext {
    /// The message `key` of `locales/*/messages.ftl` in the reader's language; every message
    /// may name the product (`$product`), the portal (`$url`) and its host (`$host`).
    pub fn t(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// As [`RenderContext::t`], with one more variable.
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.with(key, &[(name, value.to_string())])
    }

    /// As [`RenderContext::t`], with two more variables.
    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        self.with(
            key,
            &[(name, value.to_string()), (name2, value2.to_string())],
        )
    }

    /// As [`RenderContext::t`], with three more variables.
    #[expect(
        clippy::too_many_arguments,
        reason = "a template's call: key and three pairs"
    )]
    pub fn t3(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
        name3: &'static str,
        value3: impl std::fmt::Display,
    ) -> String {
        self.with(
            key,
            &[
                (name, value.to_string()),
                (name2, value2.to_string()),
                (name3, value3.to_string()),
            ],
        )
    }

    /// `yes` or `no`, for a message's selector (`{ $ended -> [yes] … *[no] … }`).
    pub fn flag(&self, on: impl std::borrow::Borrow<bool>) -> &'static str {
        if *on.borrow() { "yes" } else { "no" }
    }

    /// The reader's language, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        crate::i18n::current().tag()
    }

    pub(super) fn with(&self, key: &str, more: &[(&'static str, String)]) -> String {
        let mut args = vec![
            ("product", self.product.clone().into()),
            ("url", self.public_url.clone().into()),
            ("host", self.host.clone().into()),
        ];
        args.extend(more.iter().map(|(k, v)| (*k, v.clone().into())));
        crate::i18n::t_with(key, &args)
    }
}

/// Why a code was sent, in words that finish "Use this code …" (a key of `locales/`).
pub(super) fn purpose_phrase(purpose: &str) -> &'static str {
    match purpose {
        "sign_up" => "mail-why-sign-up",
        "verify_alias" => "mail-why-verify-alias",
        "reset_password" => "mail-why-reset",
        "sign_in_code" => "mail-why-sign-in",
        "reauthenticate" | "confirm_link" => "mail-why-confirm-change",
        _ => "mail-why-other",
    }
}

#[derive(Template)]
#[template(path = "email/code.txt")]
pub(super) struct CodeText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) code: &'a str,
    pub(super) why: &'a str,
    pub(super) minutes: i64,
}

#[derive(Template)]
#[template(path = "email/code.html")]
pub(super) struct CodeHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) code: &'a str,
    pub(super) why: &'a str,
    pub(super) minutes: i64,
}

#[derive(Template)]
#[template(path = "email/signup_exists.txt")]
pub(super) struct SignupExistsText<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/signup_exists.html")]
pub(super) struct SignupExistsHtml<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "sms/signup_exists.txt")]
pub(super) struct SignupExistsSms<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/password_changed.txt")]
pub(super) struct PasswordChangedText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) sessions_ended: bool,
}

#[derive(Template)]
#[template(path = "email/account_secured.txt")]
pub(super) struct AccountSecuredText<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/password_changed.html")]
pub(super) struct PasswordChangedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) sessions_ended: bool,
}

#[derive(Template)]
#[template(path = "email/account_secured.html")]
pub(super) struct AccountSecuredHtml<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "sms/password_changed.txt")]
pub(super) struct PasswordChangedSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) sessions_ended: bool,
}

#[derive(Template)]
#[template(path = "sms/account_secured.txt")]
pub(super) struct AccountSecuredSms<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/recovery_key_shown.txt")]
pub(super) struct RecoveryKeyShownText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) key_id: &'a str,
    pub(super) device: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "email/recovery_key_shown.html")]
pub(super) struct RecoveryKeyShownHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) key_id: &'a str,
    pub(super) device: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "sms/recovery_key_shown.txt")]
pub(super) struct RecoveryKeyShownSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) key_id: &'a str,
    pub(super) device: &'a str,
}

#[derive(Template)]
#[template(path = "email/password_removed.txt")]
pub(super) struct PasswordRemovedText<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/password_removed.html")]
pub(super) struct PasswordRemovedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "sms/password_removed.txt")]
pub(super) struct PasswordRemovedSms<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/passkey_changed.txt")]
pub(super) struct PasskeyChangedText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) added: bool,
    pub(super) name: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "email/passkey_changed.html")]
pub(super) struct PasskeyChangedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) added: bool,
    pub(super) name: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "sms/passkey_changed.txt")]
pub(super) struct PasskeyChangedSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) added: bool,
    pub(super) name: &'a str,
}

#[derive(Template)]
#[template(path = "email/new_sign_in.txt")]
pub(super) struct NewSignInText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
    pub(super) browser: &'a str,
    pub(super) ip: Option<&'a str>,
    pub(super) how: &'a str,
    pub(super) link: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "email/new_sign_in.html")]
pub(super) struct NewSignInHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
    pub(super) browser: &'a str,
    pub(super) ip: Option<&'a str>,
    pub(super) how: &'a str,
    pub(super) link: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "sms/new_sign_in.txt")]
pub(super) struct NewSignInSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) browser: &'a str,
    pub(super) link: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "email/export_ready.txt")]
pub(super) struct ExportReadyText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) until: &'a str,
}

#[derive(Template)]
#[template(path = "email/export_ready.html")]
pub(super) struct ExportReadyHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) until: &'a str,
}

#[derive(Template)]
#[template(path = "sms/export_ready.txt")]
pub(super) struct ExportReadySms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) until: &'a str,
}

#[derive(Template)]
#[template(path = "email/account_closing.txt")]
pub(super) struct AccountClosingText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
    pub(super) delete_on: &'a str,
}

#[derive(Template)]
#[template(path = "email/account_closing.html")]
pub(super) struct AccountClosingHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
    pub(super) delete_on: &'a str,
}

#[derive(Template)]
#[template(path = "sms/account_closing.txt")]
pub(super) struct AccountClosingSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) delete_on: &'a str,
}

#[derive(Template)]
#[template(path = "email/account_reopened.txt")]
pub(super) struct AccountReopenedText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
}

#[derive(Template)]
#[template(path = "email/account_reopened.html")]
pub(super) struct AccountReopenedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
}

#[derive(Template)]
#[template(path = "sms/account_reopened.txt")]
pub(super) struct AccountReopenedSms<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/account_disabled.txt")]
pub(super) struct AccountDisabledText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
}

#[derive(Template)]
#[template(path = "email/account_disabled.html")]
pub(super) struct AccountDisabledHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) at: &'a str,
}

#[derive(Template)]
#[template(path = "sms/account_disabled.txt")]
pub(super) struct AccountDisabledSms<'a> {
    pub(super) ctx: &'a RenderContext,
}

#[derive(Template)]
#[template(path = "email/app_access_removed.txt")]
pub(super) struct AppAccessRemovedText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) app: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "email/app_access_removed.html")]
pub(super) struct AppAccessRemovedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) app: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
}

#[derive(Template)]
#[template(path = "sms/app_access_removed.txt")]
pub(super) struct AppAccessRemovedSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) app: &'a str,
}

/// What happened to an address (a key of `locales/`, selected by `$change` there).
pub(super) fn change_phrase(change: &str) -> &'static str {
    match change {
        "added" => "added",
        "removed" => "removed",
        "made_primary" => "made_primary",
        _ => "other",
    }
}

#[derive(Template)]
#[template(path = "email/alias_changed.txt")]
pub(super) struct AliasChangedText<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) what: &'a str,
    pub(super) alias: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
    pub(super) undo_url: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "email/alias_changed.html")]
pub(super) struct AliasChangedHtml<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) what: &'a str,
    pub(super) alias: &'a str,
    pub(super) at: &'a str,
    pub(super) from: &'a str,
    pub(super) undo_url: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "sms/alias_changed.txt")]
pub(super) struct AliasChangedSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) what: &'a str,
    pub(super) alias: &'a str,
    pub(super) undo_url: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "sms/code.txt")]
pub(super) struct CodeSms<'a> {
    pub(super) ctx: &'a RenderContext,
    pub(super) code: &'a str,
    pub(super) why: &'a str,
    pub(super) minutes: i64,
}
