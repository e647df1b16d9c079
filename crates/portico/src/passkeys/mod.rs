//! Passkeys (WebAuthn, with kanidm's webauthn-rs): added from the Security page after a
//! recent sign-in, used to sign in without typing an alias (a button, or the browser's
//! autofill), and to confirm it's you. User verification is always required. The relying
//! party is `PORTICO_PUBLIC_URL`'s host; browsers allow passkeys on https and on
//! `http://localhost`, not on a bare IP address, so with such a public URL passkeys are
//! off and the pages say so.
//!
//! The browser side is one static module (`static/js/passkeys.js`, CSP unchanged): it runs
//! the browser's prompt with the options a page carries (or fetches, for sign-in) and sends
//! the answer as an ordinary form field. Each ceremony's state lives server-side in
//! PostgreSQL for five minutes and is used once.

pub mod ceremony;
pub mod manage;
pub mod rules;
pub mod signin;
pub mod store;

use url::Url;
use webauthn_rs::prelude::{Webauthn, WebauthnBuilder};

/// This installation as a WebAuthn relying party.
pub struct RelyingParty {
    pub webauthn: Webauthn,
}

impl std::fmt::Debug for RelyingParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RelyingParty")
    }
}

impl RelyingParty {
    /// The relying party `public_url` names: its host is the RP ID, its origin the only one
    /// allowed. `None` where browsers refuse passkeys (an IP address, no host).
    pub fn for_public_url(public_url: &Url) -> Option<Self> {
        let host = match public_url.host()? {
            url::Host::Domain(host) => host.to_owned(),
            url::Host::Ipv4(_) | url::Host::Ipv6(_) => return None,
        };
        let webauthn = WebauthnBuilder::new(&host, public_url)
            .ok()?
            .rp_name("Portico")
            .build()
            .ok()?;
        Some(Self { webauthn })
    }
}

pub use store::prune;

/// The routes of passkeys: the Security page's, and sign-in's.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/signin/passkey/options", post(signin::options))
        .route("/signin/passkey", post(signin::finish))
        .route(
            "/u/{n}/security/passkeys/add",
            get(manage::show_add).post(manage::start_add),
        )
        .route("/u/{n}/security/passkeys/finish", post(manage::finish_add))
        .route("/u/{n}/security/passkeys/{id}/rename", post(manage::rename))
        .route("/u/{n}/security/passkeys/{id}/remove", post(manage::remove))
}
