//! Changing an alias already on the account: make it primary, allow or stop it for sign-in,
//! remove it. Each needs a recent sign-in, checks the rules under the account's row lock,
//! writes the change, its audit event and notices to the other verified aliases in one
//! transaction.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::aliases::rules::{self, AliasRefusal};
use crate::aliases::{Alias, Change, store, undo};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::profile;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::forms::NoFields;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, PageError, PageResult};
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
    let from = client.described();
    let message = Message::AliasChanged {
        change: change.as_str().to_owned(),
        alias: changed.destination.masked(),
        at: crate::text::stamp(now),
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
#[derive(Debug, Clone, Copy)]
enum Action {
    MakePrimary,
    SignIn(bool),
    Remove,
}

/// What a change comes to: the notice Your Info shows (`done=`), or why it was refused.
#[derive(Debug)]
enum Changed {
    Done(&'static str),
    Refused(AliasRefusal),
}

/// A change to alias `id` from its account's page: the rules checked on the account's
/// aliases under its row lock, then the change with its audit event and notices.
async fn change_alias<T>(
    state: &AppState,
    client: &ClientInfo,
    form: AccountForm<T>,
    id: Uuid,
    action: Action,
) -> PageResult {
    let account_id = form.signed_in.account.account_id;
    match change(state, client, account_id, id, action).await? {
        Changed::Done(done) => {
            let to = format!("{}?done={done}", form.signed_in.path("info"));
            Ok(Redirect::to(&to).into_response())
        }
        Changed::Refused(refusal) => {
            let status = if refusal == AliasRefusal::NotFound {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::CONFLICT
            };
            profile::refused(state, &form.signed_in, form.csrf, refusal, status).await
        }
    }
}

async fn change(
    state: &AppState,
    client: &ClientInfo,
    account_id: Uuid,
    id: Uuid,
    action: Action,
) -> Result<Changed, PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    store::lock_account(&mut tx, account_id).await?;
    let held = store::of_account(&mut tx, account_id, now)
        .await?
        .map(|(_, held)| held)
        .unwrap_or_default();
    // A linked identity or a passkey is another way in; a password alone is not (it needs
    // an alias).
    let other_ways = crate::oidc::other_ways_in(&mut tx, account_id, crate::oidc::Except::Nothing)
        .await?
        .beyond_aliases();
    let checked = match action {
        Action::MakePrimary => {
            let since = now - rules::PRIMARY_WINDOW;
            let week =
                store::changes_since(&mut tx, account_id, Change::MadePrimary, since).await?;
            rules::check_make_primary(&held, id, &week).cloned()
        }
        Action::SignIn(on) => rules::check_sign_in(&held, id, on, other_ways).cloned(),
        Action::Remove => rules::check_remove(&held, id, other_ways).cloned(),
    };
    let alias = match checked {
        Ok(alias) => alias,
        Err(refusal) => return Ok(Changed::Refused(refusal)),
    };
    let change = Applied {
        account_id,
        aliases: &held,
        alias: &alias,
        now,
    };
    let done = change.apply(&mut tx, state, client, action).await?;
    tx.commit().await?;
    Ok(Changed::Done(done))
}

/// A change the rules allowed, about to be written.
struct Applied<'a> {
    account_id: Uuid,
    /// The account's aliases before it.
    aliases: &'a [Alias],
    alias: &'a Alias,
    now: OffsetDateTime,
}

impl Applied<'_> {
    /// Writes the change, its audit event and its notices; answers Your Info's `done=`.
    async fn apply(
        &self,
        tx: &mut PgConnection,
        state: &AppState,
        client: &ClientInfo,
        action: Action,
    ) -> sqlx::Result<&'static str> {
        let Self {
            account_id,
            aliases,
            alias,
            now,
        } = *self;
        let masked = alias.destination.masked();
        let normalized = alias.destination.normalized();
        let notice = |change, previous_primary| AliasNotice {
            account_id,
            aliases,
            changed: alias,
            change,
            previous_primary,
        };
        match action {
            Action::MakePrimary if alias.is_primary => Ok("primary"),
            Action::MakePrimary => {
                store::set_primary(tx, account_id, alias.id).await?;
                store::record_change(tx, account_id, Change::MadePrimary, &normalized, now).await?;
                let details = json!({ "alias": masked });
                audit::record(tx, now, account_id, Kind::AliasMadePrimary, client, details).await?;
                let previous = aliases
                    .iter()
                    .find(|a| a.is_primary)
                    .map(|a| a.destination.normalized());
                let notice = notice(Change::MadePrimary, previous.as_deref());
                notify_others(tx, state, &notice, client).await?;
                Ok("primary")
            }
            Action::SignIn(on) => {
                store::set_sign_in(tx, account_id, alias.id, on).await?;
                let details = json!({ "alias": masked, "allowed": on });
                audit::record(
                    tx,
                    now,
                    account_id,
                    Kind::AliasSignInChanged,
                    client,
                    details,
                )
                .await?;
                Ok("sign_in")
            }
            Action::Remove => {
                store::remove(tx, account_id, alias.id).await?;
                if alias.verified {
                    store::record_change(tx, account_id, Change::Removed, &normalized, now).await?;
                    let details = json!({ "alias": masked });
                    audit::record(tx, now, account_id, Kind::AliasRemoved, client, details).await?;
                    notify_others(tx, state, &notice(Change::Removed, None), client).await?;
                }
                Ok("removed")
            }
        }
    }
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
        layout: Layout::new(&state, crate::i18n::t("alias-remove-title"))
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
