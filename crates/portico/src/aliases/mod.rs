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
