//! Changing an alias already on the account: make it primary, allow or stop it for sign-in,
//! remove it. Each needs a recent sign-in, checks the rules under the account's row lock,
//! writes the change, its audit event and notices to the other verified aliases in one
//! transaction.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use time::Duration;
use uuid::Uuid;

use crate::aliases::rules::{self, AliasRefusal};
use crate::aliases::{self, Alias, Change, undo};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::{ClientInfo, browser_label};
use crate::outbox::{self, Message};
use crate::profile;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::forms::NoFields;
use crate::text::format_time;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, PageResult};
use crate::ui::{Layout, render_html};

/// A change to tell the account's other verified aliases about.
#[derive(Debug, Clone, Copy)]
pub struct AliasNotice<'a> {
    pub account_id: Uuid,
    /// The account's aliases before the change.
    pub aliases: &'a [Alias],
    pub changed: &'a Alias,
    pub change: Change,
    /// The primary before a change of primary, to restore if it wasn't the owner.
    pub previous_primary: Option<&'a str>,
}

/// Tells every verified alias but `changed` what happened to `changed`, with a "This wasn't
/// me" link that undoes it (`previous_primary`: the primary to restore after a change of
/// primary).
pub async fn notify_others(
    conn: &mut PgConnection,
    state: &AppState,
    notice: &AliasNotice<'_>,
    client: &ClientInfo,
) -> sqlx::Result<()> {
    let AliasNotice {
        account_id,
        aliases,
        changed,
        change,
        previous_primary,
    } = *notice;
    let now = state.clock.now();
    let others: Vec<&Alias> = aliases
        .iter()
        .filter(|a| a.verified && a.id != changed.id)
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let undo_url = undo::create(
        conn,
        state,
        account_id,
        change,
        &changed.destination.normalized(),
        previous_primary,
    )
    .await?;
    let from = match client.ip {
        Some(ip) => format!("{}, {ip}", browser_label(client.user_agent.as_deref())),
        None => browser_label(client.user_agent.as_deref()),
    };
    let message = Message::AliasChanged {
        change: change.as_str().to_owned(),
        alias: changed.destination.masked(),
        at: format_time(now),
        from,
        undo_url: Some(undo_url),
    };
    for other in others {
        outbox::enqueue(
            conn,
            now,
            other.destination.channel(),
            &other.destination.address(),
            &message,
        )
        .await?;
    }
    Ok(())
}

/// What an action does once the rules allow it.
enum Action {
    MakePrimary,
    SignIn(bool),
    Remove,
}

async fn change_alias<T>(
    state: &AppState,
    client: &ClientInfo,
    form: AccountForm<T>,
    id: Uuid,
    action: Action,
) -> PageResult {
    let account_id = form.signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    aliases::lock_account(&mut tx, account_id).await?;
    let held = aliases::of_account(&mut tx, account_id, now)
        .await?
        .map(|(_, held)| held)
        .unwrap_or_default();
    // A linked identity is another way in; a password alone is not (it needs an alias).
    let other_ways = crate::oidc::other_ways_in(&mut tx, account_id, None)
        .await?
        .identities
        > 0;
    let checked: Result<Alias, AliasRefusal> = match action {
        Action::MakePrimary => {
            let week = aliases::changes_since(
                &mut tx,
                account_id,
                Change::MadePrimary,
                now - Duration::weeks(1),
            )
            .await?;
            rules::check_make_primary(&held, id, &week).cloned()
        }
        Action::SignIn(on) => rules::check_sign_in(&held, id, on, other_ways).cloned(),
        Action::Remove => rules::check_remove(&held, id, other_ways).cloned(),
    };
    let alias = match checked {
        Ok(alias) => alias,
        Err(refusal) => {
            drop(tx);
            let status = if refusal == AliasRefusal::NotFound {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::CONFLICT
            };
            return profile::refused(state, &form.signed_in, form.csrf, refusal, status).await;
        }
    };
    let masked = alias.destination.masked();
    let normalized = alias.destination.normalized();
    let done = match action {
        Action::MakePrimary if alias.is_primary => "primary",
        Action::MakePrimary => {
            aliases::set_primary(&mut tx, account_id, id).await?;
            aliases::record_change(&mut tx, account_id, Change::MadePrimary, &normalized, now)
                .await?;
            audit::record(
                &mut tx,
                now,
                account_id,
                Kind::AliasMadePrimary,
                client,
                json!({ "alias": masked }),
            )
            .await?;
            let previous = held
                .iter()
                .find(|a| a.is_primary)
                .map(|a| a.destination.normalized());
            let notice = AliasNotice {
                account_id,
                aliases: &held,
                changed: &alias,
                change: Change::MadePrimary,
                previous_primary: previous.as_deref(),
            };
            notify_others(&mut tx, state, &notice, client).await?;
            "primary"
        }
        Action::SignIn(on) => {
            aliases::set_sign_in(&mut tx, account_id, id, on).await?;
            audit::record(
                &mut tx,
                now,
                account_id,
                Kind::AliasSignInChanged,
                client,
                json!({ "alias": masked, "allowed": on }),
            )
            .await?;
            "sign_in"
        }
        Action::Remove => {
            aliases::remove(&mut tx, account_id, id).await?;
            if alias.verified {
                aliases::record_change(&mut tx, account_id, Change::Removed, &normalized, now)
                    .await?;
                audit::record(
                    &mut tx,
                    now,
                    account_id,
                    Kind::AliasRemoved,
                    client,
                    json!({ "alias": masked }),
                )
                .await?;
                let notice = AliasNotice {
                    account_id,
                    aliases: &held,
                    changed: &alias,
                    change: Change::Removed,
                    previous_primary: None,
                };
                notify_others(&mut tx, state, &notice, client).await?;
            }
            "removed"
        }
    };
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done={done}", form.signed_in.path("info"))).into_response())
}

/// `POST /u/{n}/aliases/{id}/primary`
pub async fn make_primary(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    change_alias(&state, &client, form, id, Action::MakePrimary).await
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInFields {
    #[serde(default)]
    allowed: String,
}

/// `POST /u/{n}/aliases/{id}/sign-in` with `allowed=yes|no`
pub async fn set_sign_in(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<SignInFields>,
) -> PageResult {
    let on = form.fields.allowed == "yes";
    change_alias(&state, &client, form, id, Action::SignIn(on)).await
}

#[derive(Template)]
#[template(path = "pages/aliases/remove.html")]
struct RemovePage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    id: Uuid,
    value: &'a str,
    verified: bool,
}

/// `GET /u/{n}/aliases/{id}/remove`: what removing it means, before it happens.
pub async fn confirm_remove(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
) -> PageResult {
    let aliases = signed_in.account.aliases(state.clock.now());
    let Some(alias) = aliases.iter().find(|a| a.id == id) else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let page = RemovePage {
        layout: Layout::new(&state, "Remove this address")
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(&state, &csrf),
        id,
        value: alias.destination.readable(),
        verified: alias.verified,
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// `POST /u/{n}/aliases/{id}/remove`
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    change_alias(&state, &client, form, id, Action::Remove).await
}
