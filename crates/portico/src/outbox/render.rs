//! How each message reads as an email and as an SMS: the templates it fills.

use askama::Template;

use super::context::{change_phrase, purpose_phrase};
use super::message::{Message, RenderContext, RenderedEmail};
use super::templates::{
    AccountClosingHtml, AccountClosingSms, AccountClosingText, AccountDisabledHtml,
    AccountDisabledSms, AccountDisabledText, AccountReopenedHtml, AccountReopenedSms,
    AccountReopenedText, AccountSecuredHtml, AccountSecuredSms, AccountSecuredText,
    AliasChangedHtml, AliasChangedSms, AliasChangedText, AppAccessRemovedHtml, AppAccessRemovedSms,
    AppAccessRemovedText, CodeHtml, CodeSms, CodeText, NewSignInHtml, NewSignInSms, NewSignInText,
    PasskeyChangedHtml, PasskeyChangedSms, PasskeyChangedText, PasswordChangedHtml,
    PasswordChangedSms, PasswordChangedText, PasswordRemovedHtml, PasswordRemovedSms,
    PasswordRemovedText, RecoveryKeyShownHtml, RecoveryKeyShownSms, RecoveryKeyShownText,
    SignupExistsHtml, SignupExistsSms, SignupExistsText,
};
use super::templates::{ExportReadyHtml, ExportReadySms, ExportReadyText};

impl Message {
    pub fn render_email(&self, ctx: &RenderContext) -> Result<RenderedEmail, askama::Error> {
        match self {
            Self::Code {
                purpose,
                code,
                minutes,
            } => {
                let why = purpose_phrase(purpose);
                Ok(RenderedEmail {
                    subject: ctx.t1("mail-code-subject", "code", code),
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
                subject: ctx.t("mail-password-changed-subject"),
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
                    subject: ctx.t2("mail-alias-subject", "alias", alias, "change", what),
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
                    subject: ctx.t1("mail-recovery-key-subject", "device", device),
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
                    subject: ctx.t1("mail-passkey-subject", "change", change),
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
                    subject: ctx.t("mail-new-sign-in-subject"),
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
                subject: ctx.t("mail-closing-subject"),
                text: AccountClosingText { ctx, at, delete_on }.render()?,
                html: AccountClosingHtml { ctx, at, delete_on }.render()?,
            }),
            Self::ExportReady { until } => Ok(RenderedEmail {
                subject: ctx.t("mail-export-subject"),
                text: ExportReadyText { ctx, until }.render()?,
                html: ExportReadyHtml { ctx, until }.render()?,
            }),
            Self::AccountReopened { at } => Ok(RenderedEmail {
                subject: ctx.t("mail-reopened-subject"),
                text: AccountReopenedText { ctx, at }.render()?,
                html: AccountReopenedHtml { ctx, at }.render()?,
            }),
            Self::AccountDisabled { at } => Ok(RenderedEmail {
                subject: ctx.t("mail-disabled-subject"),
                text: AccountDisabledText { ctx, at }.render()?,
                html: AccountDisabledHtml { ctx, at }.render()?,
            }),
            Self::AppAccessRemoved { app, at, from } => Ok(RenderedEmail {
                subject: ctx.t1("mail-app-removed-subject", "app", app),
                text: AppAccessRemovedText { ctx, app, at, from }.render()?,
                html: AppAccessRemovedHtml { ctx, app, at, from }.render()?,
            }),
            Self::PasswordRemoved => Ok(RenderedEmail {
                subject: ctx.t("mail-password-removed-subject"),
                text: PasswordRemovedText { ctx }.render()?,
                html: PasswordRemovedHtml { ctx }.render()?,
            }),
            Self::AccountSecured => Ok(RenderedEmail {
                subject: ctx.t("mail-secured-subject"),
                text: AccountSecuredText { ctx }.render()?,
                html: AccountSecuredHtml { ctx }.render()?,
            }),
            Self::SignupExists => Ok(RenderedEmail {
                subject: ctx.t("mail-signup-exists-subject"),
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
