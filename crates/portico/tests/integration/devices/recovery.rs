//! BitLocker recovery keys over HTTP: the consent asked at link time and changed on the
//! device page, keys in reports kept sealed (never in `device_reports`), listed by ID,
//! shown only after a recent sign-in with an audit event and a notice, found by the
//! recovery screen's eight characters, marked when gone from the PC, deleted.

use portico_wire::link::TokenResponse;
use sqlx::PgPool;
use time::Duration;

use super::{al, authorize, jo, linked_pc, poll, send_report};
use crate::support::Site;

const C_ID: &str = "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}";
const C_PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";
const D_ID: &str = "{0D9E8F7A-1B2C-4D3E-9F8A-7B6C5D4E3F2A}";
const D_PASSWORD: &str = "111111-222222-333333-444444-555555-666666-099990-700007";

/// A PC linked with "Also back up its BitLocker recovery keys" ticked.
pub(crate) async fn linked_with_backup(site: &Site) -> TokenResponse {
    let auth = authorize(site, "JO-LAPTOP").await;
    let code = auth.user_code.as_str();
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", code)])
        .await;
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Also back up its BitLocker recovery keys"),
        "{page}"
    );
    let fields = [
        ("code", code),
        ("decision", "approve"),
        ("recovery_keys", "on"),
    ];
    let r = site
        .post_account_form("/u/0/link", "/u/0/link/decide", &fields)
        .await;
    assert_eq!(r.status(), 200);
    site.clock.advance(Duration::seconds(6));
    let (status, body) = poll(site, &auth.device_code).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a token")
}

pub(crate) fn report(keys: Option<&[(&str, &str, &str)]>) -> serde_json::Value {
    let mut body = serde_json::json!({
        "version": 2,
        "report_id": uuid::Uuid::now_v7().to_string(),
        "agent": { "version": "0.2.0", "install_id": "install-1" },
        "device": { "name": "JO-LAPTOP", "os_name": "Windows 11 Pro" },
    });
    if let Some(keys) = keys {
        body["recovery_keys"] = keys
            .iter()
            .map(|(volume, id, password)| {
                serde_json::json!({
                    "volume": volume, "protector_id": id, "recovery_password": password,
                })
            })
            .collect();
    }
    body
}

/// What the report's answer says of the backup.
async fn reported(site: &Site, token: &str, body: &serde_json::Value) -> String {
    let r = send_report(site, token, body).await;
    assert_eq!(r.status(), 204);
    r.headers()["portico-backup-recovery-keys"]
        .to_str()
        .expect("ascii")
        .to_owned()
}

async fn key_ids(site: &Site) -> Vec<(String, bool)> {
    sqlx::query_as(
        "select protector_id, removed_from_pc_at is not null from recovery_keys
         order by volume",
    )
    .fetch_all(&site.app.db)
    .await
    .expect("keys")
}

async fn kinds(site: &Site, kind: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_events where kind = $1")
        .bind(kind)
        .fetch_one(&site.app.db)
        .await
        .expect("count")
}

/// Posts a form of the recovery keys' page to `action`.
async fn keys_form(site: &Site, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    site.post_account_form("/u/0/recovery-keys", action, fields)
        .await
}

async fn key_row(site: &Site, protector_id: &str) -> uuid::Uuid {
    sqlx::query_scalar("select id from recovery_keys where protector_id = $1")
        .bind(protector_id)
        .fetch_one(&site.app.db)
        .await
        .expect("row")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn keys_backed_up_with_consent_are_sealed_listed_and_shown_after_a_recent_sign_in(
    pool: PgPool,
) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_with_backup(&site).await;
    assert!(
        pc.backup_recovery_keys,
        "the agent learns it with its token"
    );
    let both = [
        ("C:", C_ID, C_PASSWORD),
        ("D:", &D_ID.to_lowercase(), D_PASSWORD),
    ];
    assert_eq!(
        reported(&site, &pc.access_token, &report(Some(&both))).await,
        "?1"
    );
    assert_eq!(
        key_ids(&site).await,
        [(C_ID.to_owned(), false), (D_ID.to_owned(), false)]
    );

    // Sealed at rest; the report's history holds no key.
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("select sealed_password from recovery_keys")
        .fetch_all(&site.app.db)
        .await
        .expect("sealed");
    for sealed in &stored {
        let text = String::from_utf8_lossy(sealed);
        assert!(!text.contains("123453") && !text.contains("111111"));
    }
    let history: Vec<String> =
        sqlx::query_scalar("select row_to_json(r)::text from device_reports r")
            .fetch_all(&site.app.db)
            .await
            .expect("history");
    assert_eq!(history.len(), 1);
    assert!(!history[0].contains("123453") && !history[0].contains("6F1C2D3E"));

    // Listed by ID, never with the password.
    let (status, list) = site.get("/u/0/recovery-keys").await;
    assert_eq!(status, 200);
    assert!(list.contains(C_ID) && list.contains(D_ID), "{list}");
    assert!(!list.contains(C_PASSWORD) && !list.contains(D_PASSWORD));
    let device_page = format!("/u/0/devices/{}", pc.device_id);
    let (_, page) = site.get(&device_page).await;
    assert!(page.contains("(2 keys so far)"), "{page}");

    // Shown, with its trace: an audit event and a notice.
    let c = key_row(&site, C_ID).await;
    let r = keys_form(&site, &format!("/u/0/recovery-keys/{c}/show"), &[]).await;
    assert_eq!(r.status(), 200);
    let shown = r.text().await.expect("page");
    assert!(
        shown.contains(C_PASSWORD) && !shown.contains(D_PASSWORD),
        "{shown}"
    );
    assert_eq!(kinds(&site, "recovery_key_shown").await, 1);
    let notice = site.last_message_to("jo@example.com").await;
    assert!(
        notice.contains("6F1C2D3E") && notice.contains("JO-LAPTOP") && !notice.contains("123453"),
        "{notice}"
    );

    // Found by the recovery screen's eight characters, in any case.
    let r = keys_form(&site, "/u/0/recovery-keys/find", &[("key_id", "0d9e8f7a")]).await;
    assert_eq!(r.status(), 200);
    let found = r.text().await.expect("page");
    assert!(
        found.contains(D_PASSWORD) && !found.contains(C_PASSWORD),
        "{found}"
    );
    for (typed, status, says) in [
        (
            "ABCDEF12",
            404,
            "No recovery key with an ID starting ABCDEF12",
        ),
        ("12", 422, "at least its first 8 characters"),
    ] {
        let r = keys_form(&site, "/u/0/recovery-keys/find", &[("key_id", typed)]).await;
        assert_eq!(r.status(), status, "{typed}");
        let page = r.text().await.expect("page");
        assert!(
            page.contains(says) && page.contains(&format!("value=\"{typed}\"")),
            "{page}"
        );
    }
    assert_eq!(kinds(&site, "recovery_key_shown").await, 2);

    // Gone from the PC: marked and kept; back: unmarked; not read this time: unchanged.
    let only_c = [("C:", C_ID, C_PASSWORD)];
    reported(&site, &pc.access_token, &report(Some(&only_c))).await;
    assert_eq!(
        key_ids(&site).await,
        [(C_ID.to_owned(), false), (D_ID.to_owned(), true)]
    );
    let (_, list) = site.get("/u/0/recovery-keys").await;
    assert!(list.contains("No longer on this PC"), "{list}");
    reported(&site, &pc.access_token, &report(None)).await;
    assert_eq!(key_ids(&site).await[1], (D_ID.to_owned(), true));
    reported(&site, &pc.access_token, &report(Some(&both))).await;
    assert_eq!(key_ids(&site).await[1], (D_ID.to_owned(), false));

    // Later, showing a key asks who it is first, and shows nothing.
    site.clock.advance(Duration::minutes(11));
    let r = keys_form(&site, &format!("/u/0/recovery-keys/{c}/show"), &[]).await;
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Confirm it&#39;s you") || page.contains("Confirm it's you"),
        "{page}"
    );
    assert!(!page.contains(C_PASSWORD));
    assert_eq!(kinds(&site, "recovery_key_shown").await, 2);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn without_consent_no_key_is_kept_and_withdrawing_it_deletes_them(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let quiet = linked_pc(&site, "DESKTOP").await;
    assert!(!quiet.backup_recovery_keys);
    let keys = [("C:", C_ID, C_PASSWORD)];
    assert_eq!(
        reported(&site, &quiet.access_token, &report(Some(&keys))).await,
        "?0"
    );
    assert!(
        key_ids(&site).await.is_empty(),
        "sent before the agent heard: dropped"
    );

    // A key that is not a recovery password is refused, and the refusal does not echo it.
    let bad = "123456234564345675456786567897679008011011000000";
    let r = send_report(
        &site,
        &quiet.access_token,
        &report(Some(&[("C:", C_ID, bad)])),
    )
    .await;
    assert_eq!(r.status(), 422);
    let problem = r.text().await.expect("problem");
    assert!(problem.contains("recovery_keys.recovery_password") && !problem.contains("1234562"));

    // Turned on from the device page (after a recent sign-in), then off: the keys go.
    let page = format!("/u/0/devices/{}", quiet.device_id);
    let action = format!("{page}/recovery-keys");
    let r = site
        .post_account_form(&page, &action, &[("enabled", "on")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        reported(&site, &quiet.access_token, &report(Some(&keys))).await,
        "?1"
    );
    assert_eq!(key_ids(&site).await.len(), 1);
    let (_, removing) = site.get(&format!("{page}/remove")).await;
    assert!(
        removing.contains("BitLocker recovery key is deleted too"),
        "{removing}"
    );
    let r = site
        .post_account_form(&page, &action, &[("enabled", "off")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        key_ids(&site).await.is_empty(),
        "consent withdrawn: deleted"
    );
    assert_eq!(
        reported(&site, &quiet.access_token, &report(Some(&keys))).await,
        "?0"
    );
    assert!(key_ids(&site).await.is_empty());
    assert_eq!(kinds(&site, "recovery_keys_backup").await, 2);

    // Another account sees none of Jo's keys.
    site.post_account_form(&page, &action, &[("enabled", "on")])
        .await;
    reported(&site, &quiet.access_token, &report(Some(&keys))).await;
    let id = key_row(&site, C_ID).await;
    let al = al(&site).await;
    let (_, list) = al.get("/u/0/recovery-keys").await;
    assert!(!list.contains(C_ID));
    let r = keys_form(&al, &format!("/u/0/recovery-keys/{id}/show"), &[]).await;
    assert_eq!(r.status(), 404);
    let r = keys_form(&al, &format!("/u/0/recovery-keys/{id}/delete"), &[]).await;
    assert_eq!(r.status(), 404);

    // Jo deletes it; removing the PC deletes any others.
    let r = keys_form(&site, &format!("/u/0/recovery-keys/{id}/delete"), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(key_ids(&site).await.is_empty());
    assert_eq!(kinds(&site, "recovery_key_deleted").await, 1);
    reported(&site, &quiet.access_token, &report(Some(&keys))).await;
    let r = site
        .post_account_form(&format!("{page}/remove"), &format!("{page}/remove"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(key_ids(&site).await.is_empty(), "removed with its PC");
}
