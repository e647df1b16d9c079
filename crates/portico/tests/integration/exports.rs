//! "Download your data" over HTTP: asked for after a recent sign-in, built by the worker's
//! job, told to the person, downloaded (audited) as a ZIP whose files match what the pages
//! show and hold no secret, and gone after 7 days.

use std::io::Read;

use sqlx::PgPool;
use time::Duration;

use crate::devices::recovery::{linked_with_backup, report as recovery_report};
use crate::devices::{jo, report_body, send_report};
use crate::support::Site;

const PROTECTOR: &str = "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}";
const RECOVERY_PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";

/// The archive's files, by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a file");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("text");
            (file.name().to_owned(), text)
        })
        .collect()
}

async fn build(site: &Site) -> bool {
    portico::exports::build_next(
        &site.app.db,
        &site.app.keys,
        portico::clock::Clock::now(&site.clock),
    )
    .await
    .expect("build")
}

async fn download_link(site: &Site) -> String {
    let (_, page) = site.get("/u/0/privacy").await;
    regex::Regex::new(r#"href="(/u/0/privacy/export/[0-9a-f-]+)""#)
        .expect("regex")
        .captures(&page)
        .unwrap_or_else(|| panic!("a download link in {page}"))[1]
        .to_owned()
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_copy_of_ones_data_is_built_told_downloaded_and_forgotten(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_with_backup(&site).await;
    send_report(
        &site,
        &pc.access_token,
        &recovery_report(Some(&[("C:", PROTECTOR, RECOVERY_PASSWORD)])),
    )
    .await;
    let mut licensed = report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1 }),
    );
    licensed["license"] = serde_json::json!({
        "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": "Retail", "source": "registry"
    });
    assert_eq!(
        send_report(&site, &pc.access_token, &licensed)
            .await
            .status(),
        204
    );
    assert!(!build(&site).await, "nothing asked for yet");

    let r = site
        .post_account_form(
            "/u/0/privacy",
            "/u/0/privacy/export",
            &[("recovery_keys", "on")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = site.get("/u/0/privacy").await;
    assert!(
        page.contains("We&#39;re preparing your copy")
            || page.contains("We're preparing your copy"),
        "{page}"
    );
    let again = site
        .post_account_form("/u/0/privacy", "/u/0/privacy/export", &[])
        .await;
    assert!(
        again.headers()["location"]
            .to_str()
            .expect("ascii")
            .contains("export_waiting")
    );

    assert!(build(&site).await);
    assert!(!build(&site).await, "one request, built once");
    let told = site.last_message_to("jo@example.com").await;
    assert!(told.contains("data you asked for is ready"), "{told}");

    let link = download_link(&site).await;
    let r = site
        .http
        .get(site.server.url(&link))
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"portico-data-")
    );
    let bytes = r.bytes().await.expect("bytes");
    let files = unzip(&bytes);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "account.json",
            "activity.json",
            "aliases.json",
            "app_access.json",
            "devices.json",
            "identities.json",
            "licenses.json",
            "locations.json",
            "recovery_keys.json",
            "reports.json",
            "sessions.json",
        ]
    );
    let json =
        |name: &str| -> serde_json::Value { serde_json::from_str(&files[name]).expect("json") };
    assert_eq!(json("account.json")["name"], "Jo");
    assert_eq!(json("aliases.json")[0]["address"], "jo@example.com");
    assert_eq!(json("devices.json")[0]["name"], "JO-LAPTOP");
    assert_eq!(json("licenses.json")[0]["product_key_last5"], "3V66T");
    assert_eq!(
        json("licenses.json")[0]["held_by"][0]["device"],
        "JO-LAPTOP"
    );
    assert_eq!(
        json("recovery_keys.json")[0]["recovery_password"],
        RECOVERY_PASSWORD
    );
    // Activity as the Recent activity page words it.
    let (_, activity) = site.get("/u/0/activity").await;
    for event in json("activity.json").as_array().expect("events") {
        let what = event["what"].as_str().expect("what").replace('\'', "&#39;");
        assert!(activity.contains(&what), "{what} is on the page");
    }
    // No secret: the password hash, token hashes, the license's keyed fingerprint.
    let hash: String = sqlx::query_scalar("select password_hash from accounts")
        .fetch_one(&site.app.db)
        .await
        .expect("hash");
    let fingerprint: Vec<u8> = sqlx::query_scalar("select fingerprint from licenses")
        .fetch_one(&site.app.db)
        .await
        .expect("fingerprint");
    let everything: String = files.values().cloned().collect();
    for secret in [
        hash.as_str(),
        &hex::encode(&fingerprint),
        &"ab".repeat(32),
        &pc.access_token,
    ] {
        assert!(!everything.contains(secret), "no secret in the archive");
    }
    let downloaded: i64 =
        sqlx::query_scalar("select count(*) from audit_events where kind = 'export_downloaded'")
            .fetch_one(&site.app.db)
            .await
            .expect("count");
    assert_eq!(downloaded, 1);

    // Without the box ticked, the keys stay out.
    site.post_account_form("/u/0/privacy", "/u/0/privacy/export", &[])
        .await;
    build(&site).await;
    let link = download_link(&site).await;
    let bytes = site
        .http
        .get(site.server.url(&link))
        .send()
        .await
        .expect("download")
        .bytes()
        .await
        .expect("bytes");
    assert!(!unzip(&bytes).contains_key("recovery_keys.json"));

    // Seven days on, the files are gone.
    site.clock.advance(Duration::days(8));
    let mut conn = site.app.db.acquire().await.expect("conn");
    portico::worker::purge_once(&mut conn, portico::clock::Clock::now(&site.clock)).await;
    drop(conn);
    let (status, _, _) = site
        .sign_in("jo@example.com", crate::support::PASSWORD)
        .await;
    assert_eq!(status, 303, "signed in again, days later");
    let r = site
        .http
        .get(site.server.url(&link))
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), 404);
    let left: i64 = sqlx::query_scalar("select count(*) from data_exports")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!(left, 0);
}
