//! What every message knows as it is written: the installation's facts, the reader's words
//! (`locales/*/messages.ftl`, in the language and zone rendering runs in), and the phrases
//! several messages share.

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

/// What happened to an address (a key of `locales/`, selected by `$change` there).
pub(super) fn change_phrase(change: &str) -> &'static str {
    match change {
        "added" => "added",
        "removed" => "removed",
        "made_primary" => "made_primary",
        _ => "other",
    }
}
