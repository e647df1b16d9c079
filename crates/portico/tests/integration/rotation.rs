//! Rotating the secret key: one browser and one PC across three instances on one database —
//! before (key A), during (key B, A as the previous key) and after (key B alone) — and the
//! re-keying job between the last two.

use portico::crypto::Keys;
use portico::rotation;
use sqlx::PgPool;

use crate::devices::recovery::{linked_with_backup, report as recovery_report};
use crate::devices::{jo, send_report};
use crate::support::{SITE_SECRET, Site};

const KEY_B: &str = "the-next-secret-key-fedcba9876543210";
const PROTECTOR: &str = "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}";
const RECOVERY_PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";

/// A report carrying a Retail product key's license and a digital one's (both kinds of
/// fingerprint).
fn licensed(license: serde_json::Value) -> serde_json::Value {
    let mut body = crate::devices::report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" }),
    );
    body["license"] = license;
    body
}

fn retail() -> serde_json::Value {
    serde_json::json!({
        "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": "Retail", "source": "registry"
    })
}

fn digital() -> serde_json::Value {
    serde_json::json!({
        "key_sha256": null, "last5": null, "product": "Windows 11 Home",
        "edition": "Core", "channel": "Digital", "source": "registry"
    })
}

async fn licenses(site: &Site) -> Vec<(String, Option<Vec<u8>>)> {
    sqlx::query_as("select channel, keyed_with from licenses order by channel")
        .fetch_all(&site.app.db)
        .await
        .expect("licenses")
}

async fn sealed_password(site: &Site) -> (i16, Vec<u8>, uuid::Uuid) {
    sqlx::query_as("select seal_key_id, sealed_password, device_id from recovery_keys")
        .fetch_one(&site.app.db)
        .await
        .expect("a recovery key")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sessions_codes_forms_and_fingerprints_survive_a_rotation(pool: PgPool) {
    // Before: key A. Jo signs in, links two PCs (one backs up its recovery key), and each
    // reports a license.
    let a = Site::new(pool).await;
    jo(&a).await;
    let laptop = linked_with_backup(&a).await;
    let r = send_report(
        &a,
        &laptop.access_token,
        &recovery_report(Some(&[("C:", PROTECTOR, RECOVERY_PASSWORD)])),
    )
    .await;
    assert_eq!(r.status(), 204);
    assert_eq!(
        send_report(&a, &laptop.access_token, &licensed(retail()))
            .await
            .status(),
        204
    );
    let desktop = crate::devices::linked_pc(&a, "JO-DESKTOP").await;
    assert_eq!(
        send_report(&a, &desktop.access_token, &licensed(digital()))
            .await
            .status(),
        204
    );
    let (_, jwks) = a.get("/oauth2/jwks").await;
    let key_a = Keys::derive(&portico::config::SecretKey::parse(SITE_SECRET).expect("key"))
        .ids()
        .0;
    assert_eq!(
        licenses(&a).await,
        vec![
            ("Digital".to_owned(), Some(key_a.0.to_vec())),
            ("Retail".to_owned(), Some(key_a.0.to_vec())),
        ]
    );
    // Mid-flight when the key changes: a code sent for a new address, and two forms open
    // in tabs.
    let r = crate::aliases::start_adding(&a, &[("kind", "email"), ("address", "new@example.com")])
        .await;
    assert_eq!(r.status(), 303);
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = crate::support::code_in(&a.last_message_to("new@example.com").await);
    let mut rename = a.guard("/u/0/info").await;
    rename.push(("display_name".to_owned(), "Joanna".to_owned()));
    let mut rename_later = a.guard("/u/0/info").await;
    rename_later.push(("display_name".to_owned(), "Jo M".to_owned()));

    // During: key B, A as the previous key.
    let b = a.restarted(KEY_B, Some(SITE_SECRET)).await;
    let (status, home) = b.get("/u/0/").await;
    assert!(
        status == 200 && home.contains("Jo"),
        "still signed in: {status}"
    );
    let r = crate::aliases::enter_code(&b, &code_page, &code).await;
    assert_eq!(r.status(), 303, "the code sent before still verifies");
    assert_eq!(
        crate::aliases::verified(&b, "new@example.com").await,
        Some(true)
    );
    let r = b.post_fields("/u/0/info/name", &rename).await;
    assert_eq!(
        r.status(),
        303,
        "a form from before the rotation is accepted"
    );
    // The Retail license is found under the old key and keyed again by its report.
    send_report(&b, &laptop.access_token, &licensed(retail())).await;
    let (_, b_jwks) = b.get("/oauth2/jwks").await;
    assert_eq!(b_jwks, jwks, "the same signing keys, still readable");

    let (key_b, previous) = b.app.keys.ids();
    assert_eq!(previous, Some(key_a));
    let mut conn = b.app.db.acquire().await.expect("conn");
    let would = rotation::rekey(&mut conn, &b.app.keys, false)
        .await
        .expect("dry run");
    assert_eq!(
        (
            would.licenses_rekeyed,
            would.recovery_keys_resealed,
            would.signing_keys_resealed,
            would.licenses_waiting
        ),
        (1, 1, 1, 0),
        "{would:?}"
    );
    assert_eq!(
        licenses(&b).await[0].1,
        Some(key_a.0.to_vec()),
        "a dry run changes nothing"
    );
    let done = rotation::rekey(&mut conn, &b.app.keys, true)
        .await
        .expect("rekey");
    assert_eq!(
        done.licenses_rekeyed + done.recovery_keys_resealed,
        2,
        "{done:?}"
    );
    assert!(done.finished(), "{done:?}");
    let again = rotation::rekey(&mut conn, &b.app.keys, true)
        .await
        .expect("again");
    assert!(
        !again.changed(),
        "a second pass has nothing to do: {again:?}"
    );
    drop(conn);

    // After: key B alone.
    let c = b.restarted(KEY_B, None).await;
    let (status, _) = c.get("/u/0/").await;
    assert_eq!(status, 200, "the session outlives both keys");
    let (_, info) = c.get("/u/0/info").await;
    assert!(info.contains("Joanna"), "the renamed account");
    assert_eq!(
        licenses(&c).await,
        vec![
            ("Digital".to_owned(), Some(key_b.0.to_vec())),
            ("Retail".to_owned(), Some(key_b.0.to_vec())),
        ]
    );
    send_report(&c, &laptop.access_token, &licensed(retail())).await;
    send_report(&c, &desktop.access_token, &licensed(digital())).await;
    assert_eq!(
        licenses(&c).await.len(),
        2,
        "both reports found their license"
    );
    let (seal_key_id, sealed, device_id) = sealed_password(&c).await;
    let context = portico::recovery::rules::seal_context(&device_id, PROTECTOR);
    assert_eq!(
        c.app.keys.open(seal_key_id, &sealed, &context).as_deref(),
        Some(RECOVERY_PASSWORD.as_bytes())
    );
    let (status, c_jwks) = c.get("/oauth2/jwks").await;
    assert_eq!((status, c_jwks), (200, jwks));
    let check = rotation::rekey(
        &mut c.app.db.acquire().await.expect("conn"),
        &c.app.keys,
        false,
    )
    .await
    .expect("status");
    assert_eq!((check.unreadable, check.licenses_waiting), (0, 0));
    // A form from a page served before the rotation now needs a key that is gone.
    let r = c.post_fields("/u/0/info/name", &rename_later).await;
    assert_eq!(r.status(), 403);
    let r = c
        .post_account_form("/u/0/info", "/u/0/info/name", &[("display_name", "Jo M")])
        .await;
    assert_eq!(r.status(), 303, "a fresh page's form is accepted");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn without_the_previous_key_what_it_made_is_refused(pool: PgPool) {
    let a = Site::new(pool).await;
    jo(&a).await;
    let mut rename = a.guard("/u/0/info").await;
    rename.push(("display_name".to_owned(), "Joanna".to_owned()));
    let r = crate::aliases::start_adding(&a, &[("kind", "email"), ("address", "new@example.com")])
        .await;
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = crate::support::code_in(&a.last_message_to("new@example.com").await);

    // The key replaced at once, with no previous key: forms and codes from before fail
    // (what the rotation above keeps working).
    let b = a.restarted(KEY_B, None).await;
    assert_eq!(b.post_fields("/u/0/info/name", &rename).await.status(), 403);
    let r = crate::aliases::enter_code(&b, &code_page, &code).await;
    assert_ne!(r.status(), 303);
    assert_eq!(
        crate::aliases::verified(&b, "new@example.com").await,
        Some(false)
    );
}
