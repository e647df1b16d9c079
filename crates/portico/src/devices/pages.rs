//! The Devices pages: the account's PCs, and one PC with its activation state and reports.

use crate::http::csrf::CsrfToken;
use crate::i18n::{t, t_with};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::activation::{self, Message, Reported};
use super::find::{self, Place};
use super::specs::{self, Spec};
use super::store::{self, DeviceRow};
use crate::app::AppState;
use crate::licenses::rules::KeyKind;
use crate::sessions::extract::{PageConn, SignedIn};
use crate::text::{format_time, time_ago};
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, PageResult};
use crate::ui::{Layout, render_html};
use portico_wire::os;
use serde::Deserialize;

/// Agents report hourly once settled: two missed reports and a PC shows as offline.
pub const OFFLINE_AFTER: Duration = Duration::hours(2);

impl DeviceRow {
    fn reported(&self) -> Reported<'_> {
        Reported {
            status: self.license_status,
            reason: self.license_status_reason.as_deref(),
            channel: self.channel.as_deref(),
            grace_minutes: self.grace_minutes,
            key_kind: self.key_kind.as_deref().and_then(KeyKind::parse),
            linked_digital: self.digital_license,
        }
    }

    /// Windows' activation, for a PC that runs Windows (or reported an activation state):
    /// another OS has none to show.
    fn activation(&self) -> Option<Message> {
        let windows = self.os.as_deref().is_none_or(os::is_windows);
        (windows || self.license_status.is_some()).then(|| activation::message(&self.reported()))
    }

    fn seen(&self, now: OffsetDateTime) -> String {
        match self.last_seen_at {
            None => t("device-waiting"),
            Some(at) if now - at > OFFLINE_AFTER => {
                t_with("device-offline", &[("ago", time_ago(at, now).into())])
            }
            Some(at) => t_with("device-last-seen", &[("ago", time_ago(at, now).into())]),
        }
    }

    /// The OS as Settings › System › About names it.
    fn system(&self) -> String {
        os::label(
            self.os.as_deref(),
            self.os_version.as_deref(),
            self.os_build.as_deref(),
        )
        .unwrap_or_default()
    }

    /// What needs the person, most pressing first (keys of `locales/`): the list puts these
    /// PCs on top.
    fn warnings(&self, activation: Option<&Message>) -> Vec<&'static str> {
        let mut out = Vec::new();
        if activation.is_some_and(|a| a.tone != "ok" && self.license_status.is_some()) {
            out.push("device-warn-activation");
        }
        if self.hardware_changed_at.is_some() {
            out.push("device-warn-hardware");
        }
        if self.license_conflict {
            out.push("device-warn-license");
        }
        if self
            .specs
            .as_ref()
            .is_some_and(|s| specs::encryption_needs_attention(s))
        {
            out.push("device-warn-encryption");
        }
        out
    }

    /// The list's icon and what it stands for.
    fn kind(&self) -> (&'static str, String) {
        use portico_wire::report::Chassis;
        let chassis = self.specs.as_ref().and_then(|s| s.chassis);
        let icon = match chassis {
            Some(Chassis::Laptop) => "img/devices/laptop.svg",
            Some(Chassis::Desktop) => "img/devices/desktop.svg",
            Some(Chassis::Tablet) => "img/devices/tablet.svg",
            Some(Chassis::Server) => "img/devices/server.svg",
            Some(Chassis::VirtualMachine) => "img/devices/vm.svg",
            Some(Chassis::Other) | None => "img/devices/pc.svg",
        };
        (
            icon,
            chassis.map_or_else(|| t("device-pc"), specs::chassis_label),
        )
    }
}

/// One PC as the list shows it.
struct DeviceCard {
    id: Uuid,
    name: String,
    model: String,
    system: String,
    seen: String,
    activation: Option<Message>,
    icon: &'static str,
    kind: String,
    warnings: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "pages/devices/list.html")]
struct ListPage<'a> {
    layout: Layout<'a>,
    position: i32,
    devices: Vec<DeviceCard>,
    notice: Option<&'static str>,
}

/// `GET /u/{n}/devices`
pub async fn list(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    mut conn: PageConn,
    Query(q): Query<DetailQuery>,
) -> PageResult {
    let now = state.clock.now();
    let rows = store::device_rows(&mut conn, signed_in.account.account_id, None).await?;
    drop(conn);
    let mut devices: Vec<DeviceCard> = rows
        .iter()
        .map(|d| {
            let activation = d.activation();
            let (icon, kind) = d.kind();
            DeviceCard {
                id: d.id,
                name: d.name.clone(),
                model: d.model.clone().unwrap_or_default(),
                system: d.system(),
                seen: d.seen(now),
                warnings: d.warnings(activation.as_ref()),
                activation,
                icon,
                kind,
            }
        })
        .collect();
    // PCs that need the person first; otherwise the query's order (latest seen first).
    devices.sort_by_key(|d| d.warnings.is_empty());
    let page = ListPage {
        layout: Layout::new(&state, t("menu-devices")).with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        devices,
        notice: (q.done == "removed").then_some("device-done-removed"),
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// One report in the device's history.
struct ReportLine {
    at: String,
    label: String,
    channel: String,
}

#[derive(Template)]
#[template(path = "pages/devices/detail.html")]
struct DetailPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    id: Uuid,
    notice: Option<&'static str>,
    error: Option<&'a str>,
    hardware_changed: bool,
    location_enabled: bool,
    /// Windows (or not said): BitLocker's recovery keys can be backed up.
    windows: bool,
    backup_recovery_keys: bool,
    share_hardware: bool,
    /// How many recovery keys it has backed up.
    recovery_keys: i64,
    /// Newest first: the first is the last known place.
    places: Vec<Place>,
    name: &'a str,
    seen: String,
    activation: Option<Message>,
    system: String,
    edition: String,
    channel: String,
    /// The product key's last five, when the key is the person's own.
    key: Option<String>,
    /// What the PC holds instead, when its key is a public one.
    public_key: Option<String>,
    hardware: Vec<(String, String)>,
    specs: Vec<Spec>,
    /// When the specifications were last reported.
    specs_at: Option<String>,
    reports: Vec<ReportLine>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    done: String,
}

/// The notice for `?done=`: a key of `locales/`.
fn notice_for(done: &str) -> Option<&'static str> {
    match done {
        "renamed" => Some("device-done-renamed"),
        "location_on" => Some("device-done-location-on"),
        "location_off" => Some("device-done-location-off"),
        "recovery_on" => Some("device-done-recovery-on"),
        "recovery_off" => Some("device-done-recovery-off"),
        "hardware_on" => Some("device-done-hardware-on"),
        "hardware_off" => Some("device-done-hardware-off"),
        _ => None,
    }
}

/// `GET /u/{n}/devices/{id}`: only the account's own devices (anything else is not found).
pub async fn detail(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
    Query(q): Query<DetailQuery>,
) -> PageResult {
    device_page(
        &state,
        &signed_in,
        csrf,
        id,
        notice_for(&q.done),
        None,
        StatusCode::OK,
    )
    .await
}

/// The device page, with a notice or an error.
pub(super) async fn device_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    id: Uuid,
    notice: Option<&'static str>,
    error: Option<&str>,
    status: StatusCode,
) -> PageResult {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let row = store::device_rows(&mut conn, signed_in.account.account_id, Some(id))
        .await?
        .into_iter()
        .next();
    let Some(d) = row else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let places = find::places(&mut conn, id, now).await?;
    let history = store::recent_reports(&mut conn, id).await?;
    let recovery_keys = crate::recovery::store::count_for_device(&mut conn, id).await?;
    drop(conn);
    let reports = history
        .into_iter()
        .map(|r| ReportLine {
            at: format_time(r.received_at),
            label: activation::message(&Reported {
                status: r.license_status,
                channel: r.channel.as_deref(),
                ..Reported::default()
            })
            .label,
            channel: r.channel.unwrap_or_default(),
        })
        .collect();
    let hardware = [
        ("device-manufacturer", d.manufacturer.clone()),
        ("device-model", d.model.clone()),
        ("device-architecture", d.architecture.clone()),
        ("device-os-build", d.os_build.clone()),
        ("device-agent", d.agent_version.clone()),
        ("device-linked", Some(format_time(d.linked_at))),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((t(k), v?)))
    .collect();
    let reported = d.reported();
    let page = DetailPage {
        layout: Layout::new(state, &d.name).with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        id,
        notice,
        error,
        location_enabled: d.location_enabled,
        windows: d.os.as_deref().is_none_or(os::is_windows),
        backup_recovery_keys: d.backup_recovery_keys,
        share_hardware: d.share_hardware,
        recovery_keys,
        hardware_changed: d.hardware_changed_at.is_some(),
        places,
        name: &d.name,
        seen: d.seen(now),
        activation: d.activation(),
        system: d.system(),
        edition: d.os_edition.clone().unwrap_or_default(),
        channel: d.channel.clone().unwrap_or_default(),
        key: reported
            .own_key()
            .then_some(d.partial_key.as_deref())
            .flatten()
            .map(activation::masked_key),
        public_key: reported.public_key(),
        hardware,
        specs: d
            .specs
            .as_ref()
            .map(|s| specs::lines(s))
            .unwrap_or_default(),
        specs_at: d.specs_at.map(format_time),
        reports,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}
