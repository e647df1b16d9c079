//! `PUT /api/agent/v1/report`: an agent's report, authenticated by its device token, checked
//! field by field, and applied once (by its `report_id`) in one transaction.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_wire::Problem;
use portico_wire::report::{MAX_REPORT_BYTES, REPORT_VERSION, Report};
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::FieldError;
use crate::licenses;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::app::AppState;
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
        let row = sqlx::query!(
            r#"select d.id, d.account_id, t.revoked_at is not null as "revoked!",
                      d.removed_at is not null as "removed!"
               from device_tokens t join devices d on d.id = t.device_id
               where t.token_hash = $1"#,
            token.hash().to_vec()
        )
        .fetch_optional(&state.db)
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

/// Whether two sets of hardware signals tell of new hardware: most of them differ. (A
/// clone would differ in its install id too; that is a new device, not a changed one.)
pub fn hardware_changed(before: &[String], now: &[String]) -> bool {
    if before.is_empty() || now.is_empty() {
        return false;
    }
    let kept = now
        .iter()
        .filter(|s| before.iter().any(|b| b.eq_ignore_ascii_case(s)))
        .count();
    kept * 2 < before.len().max(now.len())
}

fn text(field: &'static str, value: Option<&str>, max: usize) -> Result<(), FieldError> {
    match value {
        Some(v) if v.chars().count() > max => Err(FieldError {
            field,
            why: "is too long",
        }),
        Some(v) if v.chars().any(char::is_control) => Err(FieldError {
            field,
            why: "holds control characters",
        }),
        _ => Ok(()),
    }
}

/// Checks every field the portal reads; the first refusal names its field.
pub fn validate(report: &Report) -> Result<Uuid, FieldError> {
    if report.version != REPORT_VERSION {
        return Err(FieldError {
            field: "version",
            why: "is not a version this portal reads (1)",
        });
    }
    let id = Uuid::parse_str(&report.report_id).map_err(|_| FieldError {
        field: "report_id",
        why: "must be a UUID",
    })?;
    let d = &report.device;
    if d.name.trim().is_empty() {
        return Err(FieldError {
            field: "device.name",
            why: "is empty",
        });
    }
    text("device.name", Some(&d.name), 100)?;
    for (field, value) in [
        ("device.manufacturer", &d.manufacturer),
        ("device.model", &d.model),
        ("device.os_name", &d.os_name),
        ("device.os_edition", &d.os_edition),
        ("device.os_version", &d.os_version),
        ("device.os_build", &d.os_build),
        ("device.architecture", &d.architecture),
    ] {
        text(field, value.as_deref(), 100)?;
    }
    text("agent.version", Some(&report.agent.version), 40)?;
    text("agent.install_id", Some(&report.agent.install_id), 100)?;
    if let Some(a) = &report.activation {
        if a.license_status > 6 {
            return Err(FieldError {
                field: "activation.license_status",
                why: "must be 0 to 6",
            });
        }
        if a.grace_minutes.is_some_and(|m| i32::try_from(m).is_err()) {
            return Err(FieldError {
                field: "activation.grace_minutes",
                why: "must be at most 2147483647",
            });
        }
        text("activation.status_reason", a.status_reason.as_deref(), 20)?;
        text("activation.channel", a.channel.as_deref(), 40)?;
        if let Some(k) = &a.partial_key
            && (k.len() != 5
                || !k
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()))
        {
            return Err(FieldError {
                field: "activation.partial_key",
                why: "must be the key's last five characters",
            });
        }
    }
    if report.hardware_signals.len() > 32
        || report
            .hardware_signals
            .iter()
            .any(|s| s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(FieldError {
            field: "hardware_signals",
            why: "must be at most 32 HMAC-SHA256 values in hex",
        });
    }
    if let Some(license) = &report.license {
        licenses::rules::validate(license)?;
    }
    if let Some(l) = &report.location {
        let ok = (-90.0..=90.0).contains(&l.latitude)
            && (-180.0..=180.0).contains(&l.longitude)
            && l.accuracy_m.is_finite()
            && l.accuracy_m >= 0.0
            && time::OffsetDateTime::parse(&l.observed_at, &Rfc3339).is_ok();
        if !ok {
            return Err(FieldError {
                field: "location",
                why: "must hold a latitude, a longitude, an accuracy and an RFC 3339 time",
            });
        }
    }
    Ok(id)
}

/// `PUT /api/agent/v1/report`
#[utoipa::path(
    put,
    path = "/api/agent/v1/report",
    tag = "report",
    security(("device_token" = [])),
    request_body(content = Report, content_type = "application/json"),
    responses(
        (status = 204, description = "Applied (or already applied: same report_id)"),
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
            return problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Report refused",
                format!("`{}` {}.", e.field, e.why),
            );
        }
    };
    match apply(&state, (device_id, account_id), report_id, &report).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => internal_error(e),
    }
}

/// One transaction: the report's row (a retry finds it and stops), then the device's facts.
async fn apply(
    state: &AppState,
    (device_id, account_id): (Uuid, Uuid),
    report_id: Uuid,
    report: &Report,
) -> sqlx::Result<()> {
    let now = state.clock.now();
    let activation = report.activation.as_ref();
    let mut tx = state.db.begin().await?;
    let first = sqlx::query!(
        "insert into device_reports (device_id, report_id, received_at, license_status, channel, partial_key)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
        device_id,
        report_id,
        now,
        activation.map(|a| i16::from(a.license_status)),
        activation.and_then(|a| a.channel.as_deref()),
        activation.and_then(|a| a.partial_key.as_deref())
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !first {
        return Ok(());
    }
    let before = sqlx::query!(
        "select hardware_signals, install_id from devices where id = $1 for update",
        device_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if hardware_changed(&before.hardware_signals, &report.hardware_signals)
        && before.install_id.as_deref() == Some(report.agent.install_id.as_str())
    {
        sqlx::query!(
            "update devices set hardware_changed_at = $2 where id = $1",
            device_id,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    let d = &report.device;
    sqlx::query!(
        "update devices set
             name = $2, manufacturer = $3, model = $4, os = coalesce($5, os), os_edition = $6,
             os_version = $7, os_build = $8, architecture = $9, agent_version = $10,
             install_id = $11, license_status = $12, license_status_reason = $13,
             grace_minutes = $14, channel = $15, partial_key = $16, hardware_signals = $17,
             last_seen_at = $18, last_report_at = $18
         where id = $1",
        device_id,
        d.name.trim(),
        d.manufacturer.as_deref(),
        d.model.as_deref(),
        d.os_name.as_deref(),
        d.os_edition.as_deref(),
        d.os_version.as_deref(),
        d.os_build.as_deref(),
        d.architecture.as_deref(),
        &report.agent.version,
        &report.agent.install_id,
        activation.map(|a| i16::from(a.license_status)),
        activation.and_then(|a| a.status_reason.as_deref()),
        activation
            .and_then(|a| a.grace_minutes)
            .and_then(|m| i32::try_from(m).ok()),
        activation.and_then(|a| a.channel.as_deref()),
        activation.and_then(|a| a.partial_key.as_deref()),
        &report.hardware_signals,
        now
    )
    .execute(&mut *tx)
    .await?;
    if let Some(license) = &report.license {
        licenses::apply(&mut tx, &state.keys, now, device_id, account_id, license).await?;
    }
    if let Some(at) = &report.location {
        // Kept only while the person has Find my device on for this PC.
        let observed = time::OffsetDateTime::parse(&at.observed_at, &Rfc3339).unwrap_or(now);
        sqlx::query!(
            "insert into device_locations (device_id, latitude, longitude, accuracy_m, observed_at, received_at)
             select id, $2, $3, $4, $5, $6 from devices where id = $1 and location_enabled",
            device_id,
            at.latitude,
            at.longitude,
            at.accuracy_m,
            observed,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::hardware_changed;

    #[test]
    fn most_signals_differing_is_a_hardware_change() {
        let s = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let before = s(&["a", "b", "c", "d"]);
        assert!(
            !hardware_changed(&before, &s(&["a", "b", "c", "e"])),
            "one disk swapped"
        );
        assert!(
            hardware_changed(&before, &s(&["a", "x", "y", "z"])),
            "a new motherboard"
        );
        assert!(!hardware_changed(&[], &before), "nothing to compare with");
        assert!(
            !hardware_changed(&before, &s(&["A", "B", "C", "D"])),
            "case does not matter"
        );
    }
}
