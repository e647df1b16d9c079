//! Find my device: the PC's last known place and its last few fixes of the past 30 days,
//! and the map picture Portico draws of them (`map.svg`, the account's own PCs only).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use time::OffsetDateTime;
use uuid::Uuid;

use super::map::{self, Fix};
use super::{LOCATIONS_KEPT, store};
use crate::app::AppState;
use crate::sessions::extract::SignedIn;
use crate::text::{format_time, time_ago};
use crate::ui::{ErrorPage, PageResult};

/// How many fixes the page lists and the map shows.
pub const FIXES_SHOWN: i64 = 6;

/// One fix as the page lists it.
#[derive(Debug)]
pub struct Place {
    pub latitude: String,
    pub longitude: String,
    pub accuracy: String,
    pub at: String,
    pub ago: String,
    /// The place in OpenStreetMap.
    pub link: String,
}

impl Place {
    /// "48.85837, 2.29448, within 25 m", in the reader's language.
    pub fn place(&self) -> String {
        crate::i18n::t_with(
            "device-place",
            &[
                ("latitude", self.latitude.clone().into()),
                ("longitude", self.longitude.clone().into()),
                ("accuracy", self.accuracy.clone().into()),
            ],
        )
    }

    fn new((lat, lon, accuracy, at): (f64, f64, f64, OffsetDateTime), now: OffsetDateTime) -> Self {
        Self {
            latitude: format!("{lat:.5}"),
            longitude: format!("{lon:.5}"),
            accuracy: format!("{accuracy:.0}"),
            at: format_time(at),
            ago: time_ago(at, now),
            link: format!(
                "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}"
            ),
        }
    }
}

/// The PC's recent fixes, newest first, as the page lists them.
pub async fn places(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Vec<Place>> {
    let fixes = store::recent_locations(conn, id, now - LOCATIONS_KEPT, FIXES_SHOWN).await?;
    Ok(fixes.into_iter().map(|f| Place::new(f, now)).collect())
}

/// `GET /u/{n}/devices/{id}/map.svg`
pub async fn map_svg(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
) -> PageResult {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let account_id = signed_in.account.account_id;
    if store::own_device_name(&mut *conn, account_id, id)
        .await?
        .is_none()
    {
        return Ok(ErrorPage::not_found().into_response());
    }
    let fixes = store::recent_locations(&mut conn, id, now - LOCATIONS_KEPT, FIXES_SHOWN).await?;
    drop(conn);
    let mut fixes = fixes
        .into_iter()
        .map(|(latitude, longitude, accuracy_m, _)| Fix {
            latitude,
            longitude,
            accuracy_m,
        });
    let Some(latest) = fixes.next() else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let earlier: Vec<Fix> = fixes.collect();
    let svg = map::render(&latest, &earlier);
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    )
        .into_response())
}
