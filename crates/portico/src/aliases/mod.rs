//! The account's sign-in aliases: its email addresses and phone numbers.

pub mod actions;
pub mod add;
pub mod rules;
pub mod store;
pub mod undo;
pub mod verify;

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::contact::Destination;

/// One alias as Your Info lists it.
#[derive(Debug, Clone)]
pub struct Alias {
    pub id: Uuid,
    pub destination: Destination,
    pub verified: bool,
    pub is_primary: bool,
    pub sign_in_allowed: bool,
    pub created_at: OffsetDateTime,
}

/// How long an address waits for its code before it is forgotten; sending a new code starts
/// the wait again.
pub const PENDING_FOR: Duration = Duration::hours(24);

impl Alias {
    /// How long a pending alias has left before it is forgotten.
    pub fn pending_left(&self, now: OffsetDateTime) -> Option<Duration> {
        (!self.verified).then(|| self.created_at + PENDING_FOR - now)
    }
}

/// A change to an alias, as `alias_changes` records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    MadePrimary,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::MadePrimary => "made_primary",
        }
    }
}

/// The routes of the sign-in aliases of Your Info, and "This wasn't me".
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/undo", get(undo::show).post(undo::apply))
        .route("/u/{n}/aliases/add", get(add::show).post(add::start))
        .route(
            "/u/{n}/aliases/verify",
            get(verify::show_code).post(verify::verify),
        )
        .route("/u/{n}/aliases/resend", post(verify::resend))
        .route("/u/{n}/aliases/{id}/primary", post(actions::make_primary))
        .route("/u/{n}/aliases/{id}/sign-in", post(actions::set_sign_in))
        .route(
            "/u/{n}/aliases/{id}/remove",
            get(actions::confirm_remove).post(actions::remove),
        )
}
