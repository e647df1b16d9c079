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
    pub keep_signed_in: bool,
    pub expired: bool,
    pub elevated_until: Option<OffsetDateTime>,
    pub elevated: bool,
    pub last_seen_at: OffsetDateTime,
    pub account_created_at: OffsetDateTime,
    /// The language and time zone the person chose (`None`: not chosen).
    pub language: Option<String>,
    pub time_zone: Option<String>,
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

/// One row of the browser's lookup: an account signed in, and one of its aliases (none when
/// it has none).
#[derive(Debug)]
pub struct LookupRow {
    pub session_id: Uuid,
    pub browser_session_id: Uuid,
    pub position: i32,
    pub account_id: Uuid,
    pub display_name: String,
    pub keep_signed_in: bool,
    pub elevated_until: Option<OffsetDateTime>,
    pub last_seen_at: OffsetDateTime,
    pub account_created_at: OffsetDateTime,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub expired: bool,
    pub elevated: bool,
    pub alias_id: Option<Uuid>,
    pub kind: Option<String>,
    pub value: Option<String>,
    pub readable: Option<String>,
    pub verified: Option<bool>,
    pub is_primary: Option<bool>,
    pub sign_in_allowed: Option<bool>,
    pub created_at: Option<OffsetDateTime>,
}

impl AccountInBrowser {
    /// The lookup's rows (by position, each account's primary alias first) as accounts with
    /// their aliases.
    pub fn fold(rows: Vec<LookupRow>) -> Vec<Self> {
        let mut accounts: Vec<Self> = Vec::new();
        for row in rows {
            let alias = match (row.alias_id, row.kind, row.value, row.created_at) {
                (Some(id), Some(kind), Some(value), Some(created_at)) => Some(AliasRow {
                    id,
                    kind,
                    value,
                    readable: row.readable,
                    verified: row.verified.unwrap_or(false),
                    is_primary: row.is_primary.unwrap_or(false),
                    sign_in_allowed: row.sign_in_allowed.unwrap_or(false),
                    created_at,
                }),
                _ => None,
            };
            if accounts
                .last()
                .is_none_or(|a| a.session_id != row.session_id)
            {
                accounts.push(Self {
                    session_id: row.session_id,
                    browser_session_id: row.browser_session_id,
                    position: row.position,
                    account_id: row.account_id,
                    display_name: row.display_name,
                    keep_signed_in: row.keep_signed_in,
                    expired: row.expired,
                    elevated_until: row.elevated_until,
                    elevated: row.elevated,
                    last_seen_at: row.last_seen_at,
                    account_created_at: row.account_created_at,
                    language: row.language,
                    time_zone: row.time_zone,
                    aliases: Vec::new(),
                });
            }
            if let (Some(account), Some(alias)) = (accounts.last_mut(), alias) {
                account.aliases.push(alias);
            }
        }
        accounts
    }

    /// Whether this session's activity is older than `TOUCH_EVERY`, so a page should record
    /// it: most pages then cost no write and no statement for it.
    pub fn needs_touch(&self, now: OffsetDateTime) -> bool {
        self.last_seen_at < now - TOUCH_EVERY
    }

    fn primary_row(&self) -> Option<&AliasRow> {
        self.aliases.iter().find(|a| a.is_primary)
    }

    /// The primary alias as stored (the email as typed, the phone in E.164).
    pub fn primary_alias(&self) -> Option<&str> {
        self.primary_row().map(|a| a.value.as_str())
    }

    /// The primary alias.
    pub fn primary(&self) -> Option<Destination> {
        let row = self.primary_row()?;
        Destination::from_alias_row(&row.kind, &row.value, row.readable.as_deref())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(session: u128, position: i32, alias: Option<(&str, &str, bool)>) -> LookupRow {
        let at = time::macros::datetime!(2026-12-02 12:00 UTC);
        LookupRow {
            session_id: Uuid::from_u128(session),
            browser_session_id: Uuid::from_u128(99),
            position,
            account_id: Uuid::from_u128(session + 1000),
            display_name: format!("Account {position}"),
            keep_signed_in: false,
            elevated_until: None,
            last_seen_at: at,
            account_created_at: at,
            language: None,
            time_zone: None,
            expired: false,
            elevated: false,
            alias_id: alias.map(|_| Uuid::now_v7()),
            kind: alias.map(|(kind, _, _)| kind.to_owned()),
            value: alias.map(|(_, value, _)| value.to_owned()),
            readable: None,
            verified: alias.map(|_| true),
            is_primary: alias.map(|(_, _, primary)| primary),
            sign_in_allowed: alias.map(|_| true),
            created_at: alias.map(|_| at),
        }
    }

    #[test]
    fn a_row_per_alias_folds_into_accounts_with_their_aliases() {
        let rows = vec![
            row(1, 0, Some(("email", "jo@example.com", true))),
            row(1, 0, Some(("phone", "+447911123456", false))),
            row(2, 1, None),
            row(3, 2, Some(("email", "sam@example.com", true))),
        ];
        let accounts = AccountInBrowser::fold(rows);
        let positions: Vec<i32> = accounts.iter().map(|a| a.position).collect();
        assert_eq!(positions, [0, 1, 2]);
        assert_eq!(accounts[0].aliases.len(), 2);
        assert_eq!(accounts[0].primary_alias(), Some("jo@example.com"));
        assert!(accounts[1].aliases.is_empty() && accounts[1].primary_alias().is_none());
        assert_eq!(accounts[2].primary_alias(), Some("sam@example.com"));
        assert_eq!(accounts[0].readable_alias(), "jo@example.com");
    }
}
