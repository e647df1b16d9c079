//! "I changed hardware on this device recently", in the steps of Windows' Activation
//! Troubleshooter: pick the PC you are using now from your PCs (the one whose hardware
//! changed included), tick "This is the device I'm using right now", read what will
//! happen, confirm (`POST …/move`, after a recent sign-in).

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use uuid::Uuid;

use super::{rules, store};
use crate::app::AppState;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::{ErrorPage, FormGuard, Layout, PageResult, render_html};

/// A PC the person may say they are using now.
struct Choice {
    id: Uuid,
    name: String,
    /// e.g. "holds this license now; its hardware changed".
    note: Option<&'static str>,
    chosen: bool,
}

/// Which step the page shows.
enum Step {
    Choose {
        choices: Vec<Choice>,
        error: Option<&'static str>,
    },
    Confirm {
        target: Uuid,
        target_name: String,
        /// The license stays on the same PC, on its new hardware.
        same_pc: bool,
    },
}

#[derive(Template)]
#[template(path = "pages/licenses/troubleshoot.html")]
struct TroubleshootPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    id: Uuid,
    title: String,
    kind: String,
    holder: String,
    step: Step,
}

#[derive(Debug, Default, Deserialize)]
pub struct ChooseFields {
    #[serde(default)]
    device: Option<Uuid>,
    #[serde(default)]
    this_device: Option<String>,
}

/// `GET /u/{n}/licenses/{id}/troubleshoot`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Path((_, license_id)): Path<(i32, Uuid)>,
) -> PageResult {
    page(
        &state,
        &signed_in,
        csrf,
        license_id,
        ChooseFields::default(),
        false,
    )
    .await
}

/// `POST /u/{n}/licenses/{id}/troubleshoot`: the PC chosen, on to the confirmation.
pub async fn choose(
    State(state): State<AppState>,
    Path((_, license_id)): Path<(i32, Uuid)>,
    form: AccountForm<ChooseFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    page(&state, &signed_in, csrf, license_id, fields, true).await
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    license_id: Uuid,
    fields: ChooseFields,
    submitted: bool,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let licenses = store::of_account(&mut conn, account_id).await?;
    let devices = store::devices(&mut conn, account_id).await?;
    drop(conn);
    let Some(license) = licenses.into_iter().find(|l| l.id == license_id) else {
        return Ok(ErrorPage::not_found().into_response());
    };
    // A license that cannot move says why on the Licenses page, and has no troubleshooter.
    if rules::check_move(&license.channel, rules::Target::Other, &[]).is_err() {
        return Ok(ErrorPage::not_found().into_response());
    }
    let chosen = fields
        .device
        .and_then(|id| devices.iter().find(|(d, _)| *d == id).cloned());
    let error = match (&chosen, fields.this_device.is_some()) {
        _ if !submitted => None,
        (None, _) => Some("license-choose-pc"),
        (Some(_), false) => Some("license-tick-this-device"),
        (Some(_), true) => None,
    };
    let step = match (&chosen, submitted && error.is_none()) {
        (Some((target, name)), true) => Step::Confirm {
            target: *target,
            target_name: name.clone(),
            same_pc: Some(*target) == license.holder_id,
        },
        _ => Step::Choose {
            choices: devices
                .iter()
                .map(|(id, name)| Choice {
                    id: *id,
                    name: name.clone(),
                    note: (Some(*id) == license.holder_id).then_some(if license.hardware_changed {
                        "license-holds-changed"
                    } else {
                        "license-holds"
                    }),
                    chosen: fields.device == Some(*id),
                })
                .collect(),
            error,
        },
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = TroubleshootPage {
        layout: Layout::new(state, crate::i18n::t("license-troubleshoot"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        id: license.id,
        title: format!("{} ({})", license.product, license.edition),
        kind: rules::kind_label(&license.kind, &license.channel),
        holder: license
            .holder
            .unwrap_or_else(|| crate::i18n::t("license-no-pc")),
        step,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}
