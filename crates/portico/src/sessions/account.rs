//! An account signed in within a browser, as the session lookup brings it (with its
//! aliases, so that Your Info needs no query of its own).

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::contact::Destination;

/// How often a session's activity is recorded.
pub const TOUCH_EVERY: Duration = Duration::minutes(1);

/// One account signed in within a browser, as pages need it.
#[derive(Debug, Clone)]
pub struct AccountInBrowser {
    pub session_id: Uuid,
    pub browser_session_id: Uuid,
    pub position: i32,
    pub account_id: Uuid,
    pub display_name: String,
    pub primary_alias: Option<String>,
    pub primary_kind: Option<String>,
    pub primary_readable: Option<String>,
    pub keep_signed_in: bool,
    pub expired: bool,
    pub elevated_until: Option<OffsetDateTime>,
    pub elevated: bool,
    pub last_seen_at: OffsetDateTime,
    pub account_created_at: OffsetDateTime,
    /// The account's aliases, primary first, so that Your Info needs no query of its own.
    pub aliases: Vec<AliasRow>,
}

/// One alias as the browser's query returns it.
#[derive(Debug, Clone)]
pub struct AliasRow {
    pub id: Uuid,
    pub kind: String,
    pub value: String,
    /// Missing on rows from before the column (filled in at start).
    pub readable: Option<String>,
    pub verified: bool,
    pub is_primary: bool,
    pub sign_in_allowed: bool,
    pub created_at: OffsetDateTime,
}

impl AccountInBrowser {
    /// Whether this session's activity is older than `TOUCH_EVERY`, so a page should record
    /// it: most pages then cost no write and no statement for it.
    pub fn needs_touch(&self, now: OffsetDateTime) -> bool {
        self.last_seen_at < now - TOUCH_EVERY
    }

    /// The primary alias.
    pub fn primary(&self) -> Option<Destination> {
        Destination::from_alias_row(
            self.primary_kind.as_deref()?,
            self.primary_alias.as_deref()?,
            self.primary_readable.as_deref(),
        )
    }

    /// The account's aliases, primary first, then by age; pending ones only while they wait
    /// for their code.
    pub fn aliases(&self, now: OffsetDateTime) -> Vec<crate::aliases::Alias> {
        self.aliases
            .iter()
            .filter_map(|row| {
                Some(crate::aliases::Alias {
                    id: row.id,
                    destination: Destination::from_alias_row(
                        &row.kind,
                        &row.value,
                        row.readable.as_deref(),
                    )?,
                    verified: row.verified,
                    is_primary: row.is_primary,
                    sign_in_allowed: row.sign_in_allowed,
                    created_at: row.created_at,
                })
            })
            .filter(|a| a.pending_left(now).is_none_or(|left| left.is_positive()))
            .collect()
    }

    /// The primary alias in full, as its owner reads it on their own pages.
    pub fn readable_alias(&self) -> String {
        self.primary()
            .map(|d| d.readable().to_owned())
            .unwrap_or_default()
    }

    /// The primary alias as the header shows it (`j•••@example.com`).
    pub fn masked_alias(&self) -> String {
        self.primary().map(|d| d.masked()).unwrap_or_default()
    }
}
