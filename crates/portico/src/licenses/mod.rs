//! Windows licenses of an account, from its PCs' reports. A product key is known by a
//! keyed fingerprint of the agent's hash of it; a digital license, or an install with a
//! generic or volume client key (public keys that name an edition, not a purchase), by the
//! device it was first seen on. The first device to report a license links it to its
//! account; the same license from a device of another account is a conflict shown on both
//! sides, never a move. `/u/N/licenses` lists them; a Retail or digital license moves to
//! another PC after a hardware change.

pub mod page;
pub mod rules;
pub mod store;
pub mod transfer;
pub mod troubleshoot;

use portico_wire::report::License;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crypto::Keys;
use rules::{channel_name, fingerprints, is_digital};

/// Records what a device's report says about its license, in the report's transaction.
pub async fn apply(
    conn: &mut PgConnection,
    keys: &Keys,
    now: OffsetDateTime,
    device_id: Uuid,
    account_id: Uuid,
    license: &License,
) -> sqlx::Result<()> {
    let candidates = fingerprints(keys, license, device_id);
    let (current, _) = candidates[0];
    let (current_key, _) = keys.ids();
    let known: Vec<Vec<u8>> = candidates.iter().map(|(f, _)| f.to_vec()).collect();
    let Some(found) = store::by_fingerprints(conn, &known).await? else {
        let license_id = Uuid::now_v7();
        let digital = is_digital(license);
        let new = store::NewLicense {
            account_id,
            fingerprint: &current,
            keyed_with: &current_key.0,
            kind: if digital { "digital" } else { "key" },
            key_last5: license.last5.as_deref().filter(|_| !digital),
            product: license.product.trim(),
            edition: license.edition.trim(),
            channel: channel_name(license.channel),
            source: &license.source,
        };
        store::insert(conn, license_id, &new, now).await?;
        store::assign(conn, license_id, device_id, now, "first_report").await?;
        return Ok(());
    };
    let (license_id, owner) = (found.id, found.account_id);
    // Found under the previous secret key (a rotation under way): key it again now, since
    // only a report carries what a product key's fingerprint is made from.
    if found.fingerprint != current || found.keyed_with.as_deref() != Some(&current_key.0[..]) {
        store::rekey(conn, license_id, &current, &current_key.0).await?;
    }
    if store::holder(conn, license_id).await? == Some(device_id) {
        return Ok(());
    }
    store::record_sighting(conn, license_id, device_id, now, owner != account_id).await
}

/// The routes of the Licenses page and moving a digital license.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/licenses", get(page::show))
        .route("/u/{n}/licenses/{id}/move", post(transfer::move_license))
        .route(
            "/u/{n}/licenses/{id}/troubleshoot",
            get(troubleshoot::show).post(troubleshoot::choose),
        )
}
