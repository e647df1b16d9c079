//! The base layout every page extends, and what its header shows: the account menu, the
//! development banner. Plain data: features fill it, templates read it.

use std::sync::{Arc, Mutex, OnceLock};

use crate::app::AppState;
use crate::http::assets::Assets;

/// The hidden fields of every form that acts on an account.
#[derive(Debug, Clone, Default)]
pub struct FormGuard {
    /// The browser-bound CSRF token (`authenticity_token`).
    pub csrf: String,
    /// The tag binding the form to one account session in this browser (`account_token`).
    pub account_token: String,
}

tokio::task_local! {
    /// The header's account menu for the request being answered (set by the session
    /// middleware, so that public and error pages show who is signed in too).
    static MENU: Option<Arc<LazyMenu>>;
}

/// The menu of the request's account, made the first time a page shows it: account pages
/// bring their own ([`Layout::with_account`]), so most requests never make it.
pub struct LazyMenu {
    made: OnceLock<Option<AccountMenu>>,
    make: Mutex<Option<MakeMenu>>,
}

type MakeMenu = Box<dyn FnOnce() -> Option<AccountMenu> + Send>;

impl LazyMenu {
    pub fn new(make: impl FnOnce() -> Option<AccountMenu> + Send + 'static) -> Self {
        Self {
            made: OnceLock::new(),
            make: Mutex::new(Some(Box::new(make))),
        }
    }

    fn get(&self) -> Option<AccountMenu> {
        self.made
            .get_or_init(|| {
                let make = self.make.lock().ok().and_then(|mut m| m.take());
                make.and_then(|make| make())
            })
            .clone()
    }
}

impl std::fmt::Debug for LazyMenu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyMenu")
            .field("made", &self.made.get())
            .finish_non_exhaustive()
    }
}

/// Answers `answer` with `menu` in every page's header.
pub async fn with_menu<F: Future>(menu: Option<LazyMenu>, answer: F) -> F::Output {
    MENU.scope(menu.map(Arc::new), answer).await
}

fn current_menu() -> Option<Arc<LazyMenu>> {
    MENU.try_with(Clone::clone).ok().flatten()
}

/// What the base layout needs from every page.
#[derive(Debug)]
pub struct Layout<'a> {
    pub title: std::borrow::Cow<'a, str>,
    /// In development: where messages go, for the banner.
    pub dev_mode: Option<DevDelivery>,
    /// The account menu the page gave, if it acts on an account.
    account: Option<AccountMenu>,
    /// Otherwise the request's, made if the page shows it.
    request_menu: Option<Arc<LazyMenu>>,
    assets: &'a Assets,
    /// The script modules the page needs (under `static/`), loaded from their hashed URLs.
    pub scripts: Vec<&'static str>,
    /// No account menu nor sign-in link in the header (see [`Layout::without_account_menu`]).
    pub focused: bool,
}

/// One language of the footer's picker.
#[derive(Debug, Clone)]
pub struct LanguageChoice {
    pub tag: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// Where a development installation's messages go: each channel to its real server when
/// one is configured, else to the dev outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevDelivery {
    pub email_to_outbox: bool,
    pub sms_to_outbox: bool,
}

impl DevDelivery {
    pub fn from_config(delivery: &crate::config::DeliveryConfig) -> Self {
        Self {
            email_to_outbox: delivery.smtp.is_none(),
            sms_to_outbox: delivery.twilio.is_none(),
        }
    }
}

/// The header's account menu: who this page acts for, and the other signed-in accounts.
#[derive(Debug, Clone)]
pub struct AccountMenu {
    pub position: i32,
    pub name: String,
    pub initials: String,
    /// The primary alias, masked.
    pub alias: String,
    pub others: Vec<OtherAccount>,
    pub guard: FormGuard,
    /// Minutes left in the re-authentication window, when it is open.
    pub elevated_minutes: Option<i64>,
}

/// Another account signed in in this browser, as the switcher lists it.
#[derive(Debug, Clone)]
pub struct OtherAccount {
    pub name: String,
    pub initials: String,
    pub alias: String,
    /// Where choosing it leads: its home, or sign-in with its alias when it has expired.
    pub href: String,
    pub expired: bool,
}

impl<'a> Layout<'a> {
    /// The layout of a page; its header shows the account menu whenever an account is
    /// signed in in this browser (the menu `with_menu` holds for the request).
    pub fn new(state: &'a AppState, title: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        Self {
            title: title.into(),
            dev_mode: state
                .config
                .env
                .is_development()
                .then(|| DevDelivery::from_config(&state.config.delivery)),
            account: None,
            request_menu: current_menu(),
            assets: &state.assets,
            scripts: Vec::new(),
            focused: false,
        }
    }

    /// The string `key` in the page's language (`locales/`).
    pub fn t(&self, key: &str) -> &'static str {
        crate::i18n::t_static(key)
    }

    /// The string `key` with its one variable `name`.
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        crate::i18n::t_with(key, &[(name, value.to_string().into())])
    }

    /// The string `key` with its two variables.
    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        crate::i18n::t_with(
            key,
            &[
                (name, value.to_string().into()),
                (name2, value2.to_string().into()),
            ],
        )
    }

    /// The string `key` for a count `n` (Fluent picks its plural form).
    pub fn tn<N: Copy + Into<i64>>(&self, key: &str, n: &N) -> String {
        crate::i18n::t_with(key, &[("n", (*n).into().into())])
    }

    /// The string `key` as HTML (for `|safe`), its variable `name` set in bold as an
    /// address is (`<strong class="destination">`); the text and the value both escaped.
    pub fn t_strong(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        strong(key, (name, &value.to_string()), &[])
    }

    /// As [`Layout::t_strong`], with a second variable set plainly.
    pub fn t_strong2(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        strong(
            key,
            (name, &value.to_string()),
            &[(name2, value2.to_string())],
        )
    }

    /// As [`Layout::t_strong`], with two more variables set plainly.
    #[expect(
        clippy::too_many_arguments,
        reason = "a template's call: key and three pairs"
    )]
    pub fn t_strong3(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
        name3: &'static str,
        value3: impl std::fmt::Display,
    ) -> String {
        strong(
            key,
            (name, &value.to_string()),
            &[(name2, value2.to_string()), (name3, value3.to_string())],
        )
    }

    /// "Sign in with {provider}", in the page's language.
    pub fn t_provider(&self, name: &str) -> String {
        crate::i18n::t_with(
            "signin-with-provider",
            &[("provider", name.to_owned().into())],
        )
    }

    /// The banner of the re-authentication window, in the page's language.
    pub fn elevated(&self, minutes: &i64) -> String {
        crate::i18n::t_with("layout-elevated", &[("minutes", (*minutes).into())])
    }

    /// The page's language, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        crate::i18n::current().tag()
    }

    /// The footer's language picker: each language, the link that chooses it, and whether
    /// it is the page's.
    pub fn languages(&self) -> Vec<LanguageChoice> {
        let (current, here) = (crate::i18n::current(), crate::i18n::here());
        crate::i18n::Lang::ALL
            .into_iter()
            .map(|lang| LanguageChoice {
                tag: lang.tag(),
                name: lang.name(),
                href: format!(
                    "/language?to={}&back={}",
                    lang.tag(),
                    url::form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
                ),
                current: lang == current,
            })
            .collect()
    }

    /// The page runs this script module (e.g. `js/passkeys.js`).
    #[must_use]
    pub fn with_script(mut self, path: &'static str) -> Self {
        self.scripts.push(path);
        self
    }

    /// The account menu in the header, when an account is signed in.
    pub fn account(&self) -> Option<AccountMenu> {
        self.account
            .clone()
            .or_else(|| self.request_menu.as_ref()?.get())
    }

    /// The layout for a page that acts on a signed-in account.
    #[must_use]
    pub fn with_account(mut self, menu: AccountMenu) -> Self {
        self.account = Some(menu);
        self
    }

    /// No account menu in the header: a page that speaks for an account other than the
    /// menu would (the chooser, an app's consent page) names it itself.
    #[must_use]
    pub fn without_account_menu(mut self) -> Self {
        self.account = None;
        self.request_menu = None;
        self.focused = true;
        self
    }

    /// The hashed URL of a static file, for templates.
    pub fn asset(&self, path: &str) -> &'a str {
        self.assets.url(path)
    }
}

/// The string `key` as escaped HTML, the variable `bold` in `<strong class="destination">`.
fn strong(key: &str, bold: (&'static str, &str), plain: &[(&'static str, String)]) -> String {
    // A character no translation contains marks where the bold value goes.
    const MARK: &str = "\u{E000}";
    let mut args = vec![(bold.0, MARK.into())];
    args.extend(plain.iter().map(|(k, v)| (*k, v.clone().into())));
    let text = crate::i18n::t_with(key, &args);
    let escaped = |s: &str| {
        askama::filters::escape(s, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let value = format!("<strong class=\"destination\">{}</strong>", escaped(bold.1));
    escaped(&text).replace(MARK, &value)
}
