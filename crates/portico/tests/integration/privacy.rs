//! The privacy page over HTTP: what is kept, each PC's switches (changed there or on the
//! PC's page) honoured by the next report and told to the agent, and where security notices
//! go.

use sqlx::PgPool;

use crate::devices::{jo, linked_pc, report_body, send_report};
use crate::support::{PASSWORD, Site};

fn with_hardware(mut body: serde_json::Value) -> serde_json::Value {
    body["version"] = serde_json::json!(2);
    body["hardware_signals"] = serde_json::json!(["a".repeat(64), "b".repeat(64)]);
    body["specs"] = serde_json::json!({ "processor": "Intel(R) Core(TM) i7", "cores": 4 });
    body
}

async fn hardware_kept(site: &Site) -> (Option<String>, bool, usize) {
    let (model, specs, signals): (Option<String>, bool, Vec<String>) =
        sqlx::query_as("select model, specs is not null, hardware_signals from devices")
            .fetch_one(&site.app.db)
            .await
            .expect("device");
    (model, specs, signals.len())
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_pc_stops_sharing_hardware_details_at_once_and_is_told(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let body = || {
        with_hardware(report_body(
            &uuid::Uuid::now_v7().to_string(),
            serde_json::json!({ "license_status": 1 }),
        ))
    };
    let r = send_report(&site, &pc.access_token, &body()).await;
    assert_eq!(r.status(), 204);
    assert_eq!(r.headers()["portico-share-hardware"], "?1");
    assert_eq!(r.headers()["portico-share-location"], "?0");
    assert_eq!(
        hardware_kept(&site).await,
        (Some("ThinkPad X1 Carbon Gen 11".to_owned()), true, 2)
    );

    let (status, page) = site.get("/u/0/privacy").await;
    assert_eq!(status, 200);
    for words in [
        "What we keep",
        "Recent activity (sign-ins, changes, from where)",
        "90 days",
        "30 days",
        "JO-LAPTOP",
        "Hardware details and specifications: on",
        "Location (Find my device): off",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }

    let path = format!("/u/0/devices/{}/hardware", pc.device_id);
    let r = site
        .post_account_form(
            "/u/0/privacy",
            &path,
            &[("enabled", "off"), ("back", "privacy")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(to.starts_with("/u/0/privacy?done=hardware_off"), "{to}");
    assert_eq!(
        hardware_kept(&site).await,
        (None, false, 0),
        "deleted at once"
    );
    let (_, page) = site.get(&to).await;
    assert!(
        page.contains("Hardware details and specifications: off"),
        "{page}"
    );

    let r = send_report(&site, &pc.access_token, &body()).await;
    assert_eq!(
        r.headers()["portico-share-hardware"],
        "?0",
        "the agent is told"
    );
    assert_eq!(
        hardware_kept(&site).await,
        (None, false, 0),
        "the report's are dropped"
    );

    // Back on from the PC's own page: the next report's details are kept again.
    let device_page = format!("/u/0/devices/{}", pc.device_id);
    let r = site
        .post_account_form(&device_page, &path, &[("enabled", "on")])
        .await;
    assert_eq!(
        r.headers()["location"],
        format!("{device_page}?done=hardware_on").as_str()
    );
    send_report(&site, &pc.access_token, &body()).await;
    assert_eq!(
        hardware_kept(&site).await,
        (Some("ThinkPad X1 Carbon Gen 11".to_owned()), true, 2)
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("Hardware details of JO-LAPTOP no longer shared"),
        "{activity}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn security_notices_go_to_every_verified_address_when_asked(pool: PgPool) {
    let laptop = Site::new(pool).await;
    crate::aliases::jo_with(&laptop, &["jo.work@example.com"]).await;
    let alerts_to = async |site: &Site| -> Vec<String> {
        sqlx::query_scalar(
            "select recipient from outbox where template = 'new_sign_in' order by recipient",
        )
        .fetch_all(&site.app.db)
        .await
        .expect("recipients")
    };
    let phone = laptop.another_browser();
    assert_eq!(phone.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(
        alerts_to(&laptop).await,
        ["jo@example.com"],
        "the primary alone"
    );

    let r = laptop
        .post_account_form("/u/0/privacy", "/u/0/privacy/notices", &[("to", "all")])
        .await;
    assert_eq!(r.headers()["location"], "/u/0/privacy?done=notices");
    let (_, page) = laptop.get("/u/0/privacy?done=notices").await;
    assert!(
        page.contains("Where security notices go was saved.")
            && page.contains(r#"id="to-all" name="to" value="all" checked"#),
        "{page}"
    );
    let tablet = laptop.another_browser();
    assert_eq!(tablet.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(
        alerts_to(&laptop).await,
        ["jo.work@example.com", "jo@example.com", "jo@example.com"]
    );
}
