//! The templates of every message (`templates/email/`, `templates/sms/`).

use askama::Template;

use super::context::RenderContext;

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
