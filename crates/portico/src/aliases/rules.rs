//! The rules for changing an account's aliases, in one place, on a snapshot of them. The
//! database enforces what it can (one primary, a verified primary, a verified address on one
//! account only); these are the rest.

use crate::i18n::{t, t_with};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::aliases::Alias;
use crate::config::AliasLimits;

/// How often the primary alias may change: [`PRIMARY_CHANGES_PER_WEEK`] in any week.
pub const PRIMARY_CHANGES_PER_WEEK: i64 = 2;
pub const PRIMARY_WINDOW: Duration = Duration::weeks(1);
/// Additions count against `PORTICO_ALIAS_ADDITIONS_PER_YEAR` over this window.
pub const ADDITIONS_WINDOW: Duration = Duration::days(365);
/// How long a removed address stays reserved for the account that removed it.
pub const HOLD_AFTER_REMOVAL: Duration = Duration::days(30);

/// Why a change is refused, in words for the page (in its language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasRefusal {
    #[error("{}", t("alias-already-yours"))]
    AlreadyYours,
    #[error("{}", t_with("alias-too-many", &[("n", (*.0).into())]))]
    TooMany(i64),
    #[error("{}", t_with("alias-too-many-additions", &[("n", (*.0).into())]))]
    TooManyAdditions(i64),
    #[error("{}", t("alias-is-primary"))]
    IsPrimary,
    #[error("{}", t("alias-last-way-in"))]
    LastWayIn,
    #[error("{}", t("alias-not-verified"))]
    NotVerified,
    #[error("{}", t_with("alias-primary-changes-used", &[("at", crate::text::format_time(*.0).into())]))]
    PrimaryChangesUsed(OffsetDateTime),
    #[error("{}", t("alias-not-found"))]
    NotFound,
    #[error("{}", t("alias-belongs-to-another"))]
    BelongsToAnother,
    #[error("{}", t_with("alias-held-until", &[("at", crate::text::format_time(*.0).into())]))]
    HeldUntil(OffsetDateTime),
}

/// Whether an address proved to be the person's (its code entered) may join `account_id`:
/// not while it is another account's verified address, nor while another account's
/// removal holds it back. Only said after the code, so typing addresses reveals nothing.
pub fn check_claim(
    account_id: Uuid,
    owner: Option<Uuid>,
    held_until: Option<OffsetDateTime>,
) -> Result<(), AliasRefusal> {
    match (owner, held_until) {
        (Some(other), _) if other != account_id => Err(AliasRefusal::BelongsToAnother),
        (_, Some(until)) => Err(AliasRefusal::HeldUntil(until)),
        _ => Ok(()),
    }
}

/// What adding an address amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addition {
    /// A new pending alias.
    New,
    /// The address is already waiting for its code on this account: send a new one.
    Pending(Uuid),
}

/// Adding `normalized` to an account holding `aliases`, having added `added_last_year`.
pub fn check_add(
    aliases: &[Alias],
    normalized: &str,
    added_last_year: i64,
    limits: &AliasLimits,
) -> Result<Addition, AliasRefusal> {
    if let Some(existing) = aliases
        .iter()
        .find(|a| a.destination.normalized() == normalized)
    {
        return if existing.verified {
            Err(AliasRefusal::AlreadyYours)
        } else {
            Ok(Addition::Pending(existing.id))
        };
    }
    if aliases.len() as i64 >= limits.max_aliases {
        return Err(AliasRefusal::TooMany(limits.max_aliases));
    }
    if added_last_year >= limits.additions_per_year {
        return Err(AliasRefusal::TooManyAdditions(limits.additions_per_year));
    }
    Ok(Addition::New)
}

fn find(aliases: &[Alias], id: Uuid) -> Result<&Alias, AliasRefusal> {
    aliases
        .iter()
        .find(|a| a.id == id)
        .ok_or(AliasRefusal::NotFound)
}

/// Whether the account keeps a way in without `except`: another verified alias allowed for
/// sign-in, or another way (a linked identity).
fn other_way_in(aliases: &[Alias], except: Uuid, other_ways: bool) -> bool {
    other_ways
        || aliases
            .iter()
            .any(|a| a.id != except && a.verified && a.sign_in_allowed)
}

/// Removing alias `id`.
pub fn check_remove(aliases: &[Alias], id: Uuid, other_ways: bool) -> Result<&Alias, AliasRefusal> {
    let alias = find(aliases, id)?;
    if alias.is_primary {
        return Err(AliasRefusal::IsPrimary);
    }
    if alias.verified && alias.sign_in_allowed && !other_way_in(aliases, id, other_ways) {
        return Err(AliasRefusal::LastWayIn);
    }
    Ok(alias)
}

/// Making alias `id` primary, with the times of this week's primary changes (oldest first).
pub fn check_make_primary<'a>(
    aliases: &'a [Alias],
    id: Uuid,
    changes_this_week: &[OffsetDateTime],
) -> Result<&'a Alias, AliasRefusal> {
    let alias = find(aliases, id)?;
    if !alias.verified {
        return Err(AliasRefusal::NotVerified);
    }
    if changes_this_week.len() as i64 >= PRIMARY_CHANGES_PER_WEEK {
        let next = changes_this_week[0] + PRIMARY_WINDOW;
        return Err(AliasRefusal::PrimaryChangesUsed(next));
    }
    Ok(alias)
}

/// Allowing (`on`) or refusing alias `id` for sign-in.
pub fn check_sign_in(
    aliases: &[Alias],
    id: Uuid,
    on: bool,
    other_ways: bool,
) -> Result<&Alias, AliasRefusal> {
    let alias = find(aliases, id)?;
    if on && !alias.verified {
        return Err(AliasRefusal::NotVerified);
    }
    if !on && !other_way_in(aliases, id, other_ways) {
        return Err(AliasRefusal::LastWayIn);
    }
    Ok(alias)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Destination, EmailAddress};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);

    fn alias(address: &str, verified: bool, primary: bool, sign_in: bool) -> Alias {
        Alias {
            id: Uuid::now_v7(),
            destination: Destination::Email(EmailAddress::parse(address).expect("email")),
            verified,
            is_primary: primary,
            sign_in_allowed: sign_in,
            created_at: NOW,
        }
    }

    fn limits() -> AliasLimits {
        AliasLimits {
            max_aliases: 3,
            additions_per_year: 4,
        }
    }

    #[test]
    fn additions_are_limited_at_once_and_per_year() {
        let held = vec![
            alias("a@example.com", true, true, true),
            alias("b@example.com", false, false, true),
        ];
        assert_eq!(
            check_add(&held, "c@example.com", 0, &limits()),
            Ok(Addition::New)
        );
        assert_eq!(
            check_add(&held, "a@example.com", 0, &limits()),
            Err(AliasRefusal::AlreadyYours)
        );
        assert_eq!(
            check_add(&held, "b@example.com", 0, &limits()),
            Ok(Addition::Pending(held[1].id))
        );
        assert_eq!(
            check_add(&held, "c@example.com", 4, &limits()),
            Err(AliasRefusal::TooManyAdditions(4))
        );
        let full = vec![
            held[0].clone(),
            held[1].clone(),
            alias("d@example.com", true, false, true),
        ];
        assert_eq!(
            check_add(&full, "c@example.com", 0, &limits()),
            Err(AliasRefusal::TooMany(3))
        );
    }

    #[test]
    fn the_primary_and_the_last_way_in_stay() {
        let primary = alias("a@example.com", true, true, true);
        let other = alias("b@example.com", true, false, false);
        let held = vec![primary.clone(), other.clone()];
        assert_eq!(
            check_remove(&held, primary.id, false).err(),
            Some(AliasRefusal::IsPrimary)
        );
        assert!(
            check_remove(&held, other.id, false).is_ok(),
            "not used to sign in: may go"
        );
        assert_eq!(
            check_sign_in(&held, primary.id, false, false).err(),
            Some(AliasRefusal::LastWayIn)
        );
        assert!(
            check_sign_in(&held, primary.id, false, true).is_ok(),
            "another way in exists"
        );
        assert!(check_sign_in(&held, other.id, true, false).is_ok());
        let pending = alias("p@example.com", false, false, true);
        assert_eq!(
            check_sign_in(std::slice::from_ref(&pending), pending.id, true, false).err(),
            Some(AliasRefusal::NotVerified)
        );
        assert_eq!(
            check_remove(&held, Uuid::now_v7(), false).err(),
            Some(AliasRefusal::NotFound)
        );
    }

    #[test]
    fn the_primary_changes_at_most_twice_a_week_and_only_to_a_verified_alias() {
        let held = vec![
            alias("a@example.com", true, true, true),
            alias("b@example.com", true, false, true),
            alias("c@example.com", false, false, true),
        ];
        assert!(check_make_primary(&held, held[1].id, &[NOW]).is_ok());
        assert_eq!(
            check_make_primary(&held, held[2].id, &[]).err(),
            Some(AliasRefusal::NotVerified)
        );
        let refused = check_make_primary(&held, held[1].id, &[NOW - Duration::days(2), NOW]).err();
        assert_eq!(
            refused,
            Some(AliasRefusal::PrimaryChangesUsed(
                datetime!(2026-11-28 12:00 UTC)
            ))
        );
    }
}
