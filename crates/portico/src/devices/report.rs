//! `PUT /api/agent/v1/report`: an agent's report, authenticated by its device token, checked
//! field by field, and applied once (by its `report_id`) in one transaction.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_wire::Problem;
use portico_wire::report::{
    BACKUP_RECOVERY_KEYS_HEADER, MAX_REPORT_BYTES, Report, SHARE_HARDWARE_HEADER,
    SHARE_LOCATION_HEADER, choice_value,
};
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::rules::{hardware_changed, validate, within_choices};
use super::store::agent;
use crate::licenses;
use crate::licenses::rules::KeyKind;
use crate::recovery;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::app::AppState;
use crate::http::metrics::count_report;
use crate::sessions::SessionToken;
use crate::ui::{ProblemJson, internal_error};

/// An RFC 9457 problem answer.
fn problem(status: StatusCode, title: &str, detail: impl Into<String>) -> Response {
    ProblemJson(Problem::new(status.as_u16(), title).with_detail(detail)).into_response()
}

fn unauthorized(detail: &str) -> Response {
    let mut r = problem(StatusCode::UNAUTHORIZED, "Device token refused", detail);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"portico-agent\""),
    );
    r
}

/// The token in `Authorization: Bearer …`.
fn bearer(headers: &HeaderMap) -> Option<SessionToken> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    SessionToken::from_cookie(token.trim())
}

/// The agent API's caller: the device its bearer token writes to. As an extractor, a
/// handler of the agent API cannot forget to check the token; a token that cannot write is
/// answered here (401 unknown or revoked, 409 the device was removed).
#[derive(Debug, Clone, Copy)]
pub struct DeviceAuth {
    pub device_id: Uuid,
    pub account_id: Uuid,
}

impl FromRequestParts<AppState> for DeviceAuth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = bearer(&parts.headers) else {
            return Err(unauthorized(
                "Send the device token as `Authorization: Bearer …`.",
            ));
        };
        let row = agent::token_holder(&state.db, &token)
            .await
            .map_err(internal_error)?;
        match row {
            None => Err(unauthorized("This device token is not known.")),
            Some(r) if r.removed => Err(problem(
                StatusCode::CONFLICT,
                "Device removed",
                "This PC was removed from its account. Stop reporting; link it again to resume.",
            )),
            Some(r) if r.revoked => Err(unauthorized("This device token was revoked.")),
            Some(r) => Ok(Self {
                device_id: r.id,
                account_id: r.account_id,
            }),
        }
    }
}

/// `PUT /api/agent/v1/report`
#[utoipa::path(
    put,
    path = "/api/agent/v1/report",
    tag = "report",
    security(("device_token" = [])),
    request_body(content = Report, content_type = "application/json"),
    responses(
        (status = 204, description = "Applied (or already applied: same report_id)",
            headers(
                ("portico-backup-recovery-keys" = String, description = "`?1` while the person lets this PC back up its BitLocker recovery keys (send them with the next reports), `?0` otherwise (send none)"),
                ("portico-share-location" = String, description = "`?1` while the person has Find my device on for this PC (send the location when the PC's own setting allows it too), `?0` otherwise (collect none)"),
                ("portico-share-hardware" = String, description = "`?1` while the person lets this PC share hardware details and specifications (manufacturer, model, `specs`, `hardware_signals`), `?0` otherwise (collect none: the portal drops them)"),
            )),
        (status = 401, description = "Unknown or revoked device token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The device was removed: stop reporting", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused; `detail` names it", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The portal's database is out of reach: try again after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn receive(State(state): State<AppState>, device: DeviceAuth, body: Bytes) -> Response {
    let (device_id, account_id) = (device.device_id, device.account_id);
    if body.len() > MAX_REPORT_BYTES {
        count_report("refused");
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Report too large",
            format!("A report may be at most {MAX_REPORT_BYTES} bytes."),
        );
    }
    let report: Report = {
        let de = &mut serde_json::Deserializer::from_slice(&body);
        match serde_path_to_error::deserialize(de) {
            Ok(r) => r,
            Err(e) => {
                count_report("refused");
                return problem(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Report refused",
                    format!("`{}`: {}", e.path(), e.inner()),
                );
            }
        }
    };
    let report_id = match validate(&report) {
        Ok(id) => id,
        Err(e) => {
            count_report("refused");
            return problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Report refused",
                format!("`{}` {}.", e.field, e.why),
            );
        }
    };
    match apply(&state, (device_id, account_id), report_id, &report).await {
        Ok(Applied { choices, fresh }) => {
            count_report(if fresh { "applied" } else { "duplicate" });
            (
                StatusCode::NO_CONTENT,
                [
                    (
                        BACKUP_RECOVERY_KEYS_HEADER,
                        choice_value(choices.backup_recovery_keys),
                    ),
                    (SHARE_LOCATION_HEADER, choice_value(choices.location)),
                    (SHARE_HARDWARE_HEADER, choice_value(choices.hardware)),
                ],
            )
                .into_response()
        }
        Err(e) => {
            count_report("failed");
            internal_error(e)
        }
    }
}

/// What applying a report did.
struct Applied {
    /// What the person lets this PC share, said again in every answer.
    choices: Choices,
    /// False for a report already applied (a retry).
    fresh: bool,
}

/// What the person lets a PC share.
struct Choices {
    backup_recovery_keys: bool,
    location: bool,
    hardware: bool,
}

impl From<&agent::Previous> for Choices {
    fn from(p: &agent::Previous) -> Self {
        Self {
            backup_recovery_keys: p.backup_recovery_keys,
            location: p.location_enabled,
            hardware: p.share_hardware,
        }
    }
}

/// One transaction: the report's row (a retry finds it and stops), then the device's facts,
/// and its recovery keys when its owner lets it back them up.
async fn apply(
    state: &AppState,
    (device_id, account_id): (Uuid, Uuid),
    report_id: Uuid,
    report: &Report,
) -> sqlx::Result<Applied> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let activation = report.activation.as_ref();
    let fresh = agent::record_report(&mut tx, now, device_id, report_id, activation).await?;
    let before = agent::previous_for_update(&mut tx, device_id).await?;
    if !fresh {
        return Ok(Applied {
            choices: Choices::from(&before),
            fresh: false,
        });
    }
    // What the person does not let this PC share is dropped before anything is kept.
    let report = &*within_choices(report, before.share_hardware);
    if hardware_changed(&before.hardware_signals, &report.hardware_signals)
        && before.install_id.as_deref() == Some(report.agent.install_id.as_str())
    {
        agent::mark_hardware_changed(&mut tx, device_id, now).await?;
    }
    let key_kind = report.license.as_ref().map(|l| KeyKind::of(l).as_str());
    agent::update_facts(&mut tx, now, device_id, report, key_kind).await?;
    if let Some(license) = &report.license {
        licenses::apply(&mut tx, &state.keys, now, device_id, account_id, license).await?;
    }
    if let Some(at) = &report.location {
        let observed = time::OffsetDateTime::parse(&at.observed_at, &Rfc3339).unwrap_or(now);
        agent::insert_location(&mut tx, now, device_id, at, observed).await?;
    }
    // Keys sent without the person's consent (an agent that has not heard yet) are dropped.
    if let (true, Some(keys)) = (before.backup_recovery_keys, &report.recovery_keys) {
        let owner = (account_id, device_id);
        recovery::apply(&mut tx, &state.keys, now, owner, keys).await?;
    }
    tx.commit().await?;
    Ok(Applied {
        choices: Choices::from(&before),
        fresh: true,
    })
}
