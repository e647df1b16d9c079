//! `/u/N/activity`: the account's recent security activity, newest first.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::State;
use axum::response::IntoResponse;

use crate::app::AppState;
use crate::audit::{self, describe};
use crate::http::client::browser_label;
use crate::sessions::extract::{PageConn, SignedIn};
use crate::text::format_time;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// How many events the page lists.
const SHOWN: i64 = 100;

struct EventView {
    title: String,
    at: String,
    ip: String,
    browser: String,
    warning: bool,
    /// For a sign-in from a new browser: how the person answered its alert.
    unusual: Option<Unusual>,
}

/// A sign-in from a new browser, marked until the person answers its alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unusual {
    Unanswered,
    Yours,
    NotYours,
}

impl Unusual {
    fn of(answer: Option<&str>) -> Self {
        match answer {
            Some("me") => Self::Yours,
            Some(_) => Self::NotYours,
            None => Self::Unanswered,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/activity.html")]
struct ActivityPage<'a> {
    layout: Layout<'a>,
    position: i32,
    events: Vec<EventView>,
}

/// `GET /u/{n}/activity`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    mut conn: PageConn,
) -> PageResult {
    let now = state.clock.now();
    let events = audit::recent(&mut conn, signed_in.account.account_id, now, SHOWN).await?;
    let alert_of = |e: &audit::Event| {
        (e.kind == "unusual_sign_in")
            .then(|| e.details["alert"].as_str()?.parse::<uuid::Uuid>().ok())
            .flatten()
    };
    let alerts: Vec<uuid::Uuid> = events.iter().filter_map(alert_of).collect();
    let answers = if alerts.is_empty() {
        Vec::new()
    } else {
        crate::alerts::store::answers(&mut conn, &alerts).await?
    };
    drop(conn);
    let events = events
        .iter()
        .map(|e| EventView {
            title: describe::title(&e.kind, &e.details),
            at: format_time(e.at),
            ip: e.ip.map(|ip| ip.ip().to_string()).unwrap_or_default(),
            browser: browser_label(e.user_agent.as_deref()),
            warning: describe::is_warning(&e.kind),
            unusual: alert_of(e).map(|id| {
                let answer = answers.iter().find(|(a, _)| *a == id);
                Unusual::of(answer.and_then(|(_, answer)| answer.as_deref()))
            }),
        })
        .collect();
    let page = ActivityPage {
        layout: Layout::new(&state, crate::i18n::t("menu-activity"))
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        events,
    };
    Ok((csrf, render_html(&page)).into_response())
}
