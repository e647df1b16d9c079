//! How each message reads as an email and as an SMS: the templates it fills.

use askama::Template;

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
    SignupExistsHtml, SignupExistsSms, SignupExistsText, change_phrase, purpose_phrase,
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
