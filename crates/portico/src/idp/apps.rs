//! "Apps and services": the apps that can sign in with the account, what each got, when it
//! was last used, and "Remove access".

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde_json::json;

use super::rules::scope_words;
use super::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::extract::{PageConn, SignedIn};
use crate::sessions::forms::{AccountForm, NoFields};
use crate::text::format_time;
use crate::ui::{ErrorPage, FormGuard, Layout, PageResult, render_html};

struct AppView {
    client_id: String,
    name: String,
    items: Vec<&'static str>,
    since: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "pages/idp/apps.html")]
struct AppsPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    apps: Vec<AppView>,
    removed: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AppsQuery {
    #[serde(default)]
    done: String,
}

/// `GET /u/{n}/apps`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    mut conn: PageConn,
    axum::extract::Query(q): axum::extract::Query<AppsQuery>,
) -> PageResult {
    let rows = store::apps(&mut *conn, signed_in.account.account_id).await?;
    drop(conn);
    let apps = rows
        .into_iter()
        .map(|r| AppView {
            client_id: r.client_id,
            name: r.name,
            items: r.scopes.iter().filter_map(|s| scope_words(s)).collect(),
            since: format_time(r.consented_at),
            last_used: format_time(r.last_used_at),
        })
        .collect();
    let page = AppsPage {
        layout: Layout::new(&state, crate::i18n::t("menu-apps"))
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(&state, &csrf),
        apps,
        removed: q.done == "removed",
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// `POST /u/{n}/apps/{client}/remove`: the app's refresh tokens stop working at once and it
/// must ask again before it signs in with this account.
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, client_id)): Path<(i32, String)>,
    form: AccountForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(name) = store::remove_access(&mut tx, account_id, &client_id, now).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AppAccessRemoved,
        &client,
        json!({ "client_id": client_id, "app": name }),
    )
    .await?;
    crate::outbox::to_verified_aliases(
        &mut tx,
        now,
        account_id,
        &crate::outbox::Message::AppAccessRemoved {
            app: name,
            at: crate::text::stamp(now),
            from: client.described(),
        },
    )
    .await?;
    tx.commit().await?;
    let to = format!("{}?done=removed", signed_in.path("apps"));
    Ok(Redirect::to(&to).into_response())
}
