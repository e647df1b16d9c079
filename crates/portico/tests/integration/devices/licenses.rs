//! Licenses from reports: who holds them, conflicts, and moves after a hardware change.

use sqlx::PgPool;

use super::{al, jo, linked_pc, report_body, send_report};
use crate::support::Site;

fn licensed(name: &str, license: serde_json::Value) -> serde_json::Value {
    let mut body = report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" }),
    );
    body["device"]["name"] = serde_json::json!(name);
    body["license"] = license;
    body
}

/// A Windows 11 Pro license of key `hash` (repeated to 64 hex digits) and `channel`.
fn license(hash: &str, channel: &str) -> serde_json::Value {
    serde_json::json!({
        "key_sha256": hash.repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": channel, "source": "registry"
    })
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn licenses_link_to_the_first_account_and_conflicts_show_on_both_sides(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let retail = serde_json::json!({
        "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": "Retail", "source": "registry", "generic": false
    });
    let laptop = linked_pc(&site, "JO-LAPTOP").await;
    let r = send_report(
        &site,
        &laptop.access_token,
        &licensed("JO-LAPTOP", retail.clone()),
    )
    .await;
    assert_eq!(r.status(), 204);
    let (_, page) = site.get("/u/0/licenses").await;
    assert!(
        page.contains("Windows 11 Pro (Professional)")
            && page.contains("Product key")
            && page.contains("XXXXX-XXXXX-XXXXX-XXXXX-3V66T")
            && page.contains("On JO-LAPTOP"),
        "{page}"
    );

    // Jo's second PC reports the same key: it stays on the laptop, and the page says so.
    let desktop = linked_pc(&site, "JO-DESKTOP").await;
    send_report(
        &site,
        &desktop.access_token,
        &licensed("JO-DESKTOP", retail.clone()),
    )
    .await;
    let (_, page) = site.get("/u/0/licenses").await;
    assert!(
        page.contains("On JO-LAPTOP") && page.contains("JO-DESKTOP reports this license too"),
        "{page}"
    );

    // A KMS client key on the desktop is no key of Jo's: the organization activates that
    // PC, and no page calls it a digital license or shows the public key as Jo's.
    let gvlk = serde_json::json!({
        "key_sha256": "cd".repeat(32), "last5": "J447Y", "product": "Windows 11 Pro Education",
        "edition": "ProfessionalEducation", "channel": "Volume:GVLK", "source": "registry",
        "generic": true
    });
    let mut kms = licensed("JO-DESKTOP", gvlk);
    kms["activation"]["partial_key"] = serde_json::json!("J447Y");
    send_report(&site, &desktop.access_token, &kms).await;
    let (_, device) = site
        .get(&format!("/u/0/devices/{}", desktop.device_id))
        .await;
    assert!(
        device.contains("Windows is activated using your organization&#39;s activation service")
            && !device.contains("digital license")
            && !device.contains("J447Y"),
        "{device}"
    );
    let (_, page) = site.get("/u/0/licenses").await;
    let education = page
        .split("Windows 11 Pro Education (ProfessionalEducation)")
        .nth(1)
        .expect("the KMS license is listed");
    let education = education.split("</li>").next().unwrap_or_default();
    assert!(
        education.contains("Volume license from your organization (KMS)")
            && !education.contains("Digital license")
            && !education.contains("move"),
        "{education}"
    );

    // Al's PC reports Jo's retail key: flagged on both sides, never moved.
    let al = al(&site).await;
    let als = linked_pc(&al, "AL-PC").await;
    send_report(&al, &als.access_token, &licensed("AL-PC", retail)).await;
    let (_, theirs) = al.get("/u/0/licenses").await;
    assert!(
        theirs.contains("AL-PC reports a Windows 11 Pro (Professional) license that belongs to another Portico account"),
        "{theirs}"
    );
    let (_, ours) = site.get("/u/0/licenses").await;
    assert!(
        ours.contains("Also on another account") && ours.contains("On JO-LAPTOP"),
        "{ours}"
    );
    let owners: Vec<String> = sqlx::query_scalar(
        "select a.display_name from licenses l join accounts a on a.id = l.account_id
         where l.kind = 'key'",
    )
    .fetch_all(&site.app.db)
    .await
    .expect("owners");
    assert_eq!(owners, ["Jo"]);

    let mut bad = licensed(
        "JO-LAPTOP",
        serde_json::json!({
            "key_sha256": "ab".repeat(32), "product": "Windows 11 Pro", "edition": "Professional",
            "channel": "Retail", "source": "registry"
        }),
    );
    bad["report_id"] = serde_json::json!(uuid::Uuid::now_v7().to_string());
    let r = send_report(&site, &laptop.access_token, &bad).await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.expect("json");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("license.last5"),
        "{body}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_license_moves_after_a_hardware_change_within_its_rules(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let old_pc = linked_pc(&site, "OLD-BOARD").await;
    let new_pc = linked_pc(&site, "NEW-BOARD").await;
    let mut first = licensed("OLD-BOARD", license("ab", "Retail"));
    first["hardware_signals"] = serde_json::json!(["a".repeat(64), "b".repeat(64), "c".repeat(64)]);
    send_report(&site, &old_pc.access_token, &first).await;
    // The same install reports most signals changed: a new motherboard.
    let mut changed = licensed("OLD-BOARD", license("ab", "Retail"));
    changed["hardware_signals"] =
        serde_json::json!(["a".repeat(64), "d".repeat(64), "e".repeat(64)]);
    send_report(&site, &old_pc.access_token, &changed).await;
    let (_, device) = site
        .get(&format!("/u/0/devices/{}", old_pc.device_id))
        .await;
    assert!(
        device.contains("This device&#39;s hardware changed"),
        "{device}"
    );
    send_report(
        &site,
        &new_pc.access_token,
        &licensed("NEW-BOARD", license("ab", "Retail")),
    )
    .await;
    let (_, page) = site.get("/u/0/licenses").await;
    assert!(
        page.contains("I changed hardware on this device recently"),
        "{page}"
    );
    let license_id: uuid::Uuid =
        sqlx::query_scalar("select id from licenses where channel = 'Retail'")
            .fetch_one(&site.app.db)
            .await
            .expect("license");
    let move_to = |device: String| {
        let site = &site;
        async move {
            site.post_account_form(
                "/u/0/licenses",
                &format!("/u/0/licenses/{license_id}/move"),
                &[("device", device.as_str())],
            )
            .await
        }
    };
    // Retail moves: the old assignment closes with `hardware_change`.
    let r = move_to(new_pc.device_id.clone()).await;
    assert_eq!(r.headers()["location"], "/u/0/licenses?done=moved");
    let (_, page) = site.get("/u/0/licenses?done=moved").await;
    assert!(
        page.contains("On NEW-BOARD") && page.contains("OLD-BOARD, "),
        "{page}"
    );
    let ended: Option<String> = sqlx::query_scalar(
        "select end_reason from license_assignments a join devices d on d.id = a.device_id
         where d.name = 'OLD-BOARD'",
    )
    .fetch_one(&site.app.db)
    .await
    .expect("history");
    assert_eq!(ended.as_deref(), Some("hardware_change"));
    // Two more moves are allowed in 90 days; the fourth is refused with its date.
    move_to(old_pc.device_id.clone()).await;
    move_to(new_pc.device_id.clone()).await;
    let r = move_to(old_pc.device_id.clone()).await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("moved 3 times in the last 90 days")
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("License moved: Windows 11 Pro (Professional) to NEW-BOARD"),
        "{activity}"
    );

    // OEM stays with its board; a volume license belongs to the organization.
    for (hash, channel, words) in [
        ("cd", "OEM", "belongs to the PC it came with"),
        ("ef", "Volume:MAK", "managed by your organization"),
    ] {
        send_report(
            &site,
            &old_pc.access_token,
            &licensed("OLD-BOARD", license(hash, channel)),
        )
        .await;
        let id: uuid::Uuid = sqlx::query_scalar("select id from licenses where channel = $1")
            .bind(channel)
            .fetch_one(&site.app.db)
            .await
            .expect("license");
        let r = site
            .post_account_form(
                "/u/0/licenses",
                &format!("/u/0/licenses/{id}/move"),
                &[("device", new_pc.device_id.as_str())],
            )
            .await;
        assert_eq!(r.status(), 409, "{channel}");
        assert!(r.text().await.expect("page").contains(words), "{channel}");
    }

    // Another account's PC is not a place to move to.
    let al = al(&site).await;
    let als = linked_pc(&al, "AL-PC").await;
    let r = move_to(als.device_id).await;
    assert_eq!(r.status(), 404);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_troubleshooter_moves_a_license_as_windows_does(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-PC").await;
    let other = linked_pc(&site, "JO-OTHER").await;
    let signals = |s: [&str; 3]| serde_json::json!(s.map(|c| c.repeat(64)));
    let mut first = licensed("JO-PC", license("ab", "Retail"));
    first["hardware_signals"] = signals(["a", "b", "c"]);
    send_report(&site, &pc.access_token, &first).await;
    // The same PC with a new motherboard: most signals differ.
    let mut changed = licensed("JO-PC", license("ab", "Retail"));
    changed["hardware_signals"] = signals(["a", "d", "e"]);
    send_report(&site, &pc.access_token, &changed).await;
    let license_id: uuid::Uuid =
        sqlx::query_scalar("select id from licenses where channel = 'Retail'")
            .fetch_one(&site.app.db)
            .await
            .expect("license");
    let (_, list) = site.get("/u/0/licenses").await;
    let start = format!("/u/0/licenses/{license_id}/troubleshoot");
    assert!(list.contains(&start), "{list}");

    // Step one: every PC of the account, the changed one included and marked.
    let (status, page) = site.get(&start).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("JO-OTHER")
            && page.contains(
                "JO-PC <span class=\"muted\">(holds this license now; its hardware changed)"
            )
            && page.contains("This is the device I&#39;m using right now"),
        "{page}"
    );
    // Without the tick: the same step again, with why.
    let r = site
        .post_account_form(&start, &start, &[("device", pc.device_id.as_str())])
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Tick") && page.contains("checked"),
        "the choice is kept: {page}"
    );
    // Ticked: what will happen, then the move itself.
    let r = site
        .post_account_form(
            &start,
            &start,
            &[("device", pc.device_id.as_str()), ("this_device", "on")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Move the license to JO-PC?") && page.contains("linked to its new hardware"),
        "{page}"
    );
    let r = site
        .post_account_form(
            "/u/0/licenses",
            &format!("/u/0/licenses/{license_id}/move"),
            &[("device", pc.device_id.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303, "onto the PC's own new hardware");
    let (_, device) = site.get(&format!("/u/0/devices/{}", pc.device_id)).await;
    assert!(
        !device.contains("This device&#39;s hardware changed"),
        "the notice goes with the move: {device}"
    );
    let (_, list) = site.get("/u/0/licenses").await;
    assert!(
        !list.contains(&start),
        "nothing left to troubleshoot: {list}"
    );

    // An OEM license cannot move: its reason, and no way in to the troubleshooter.
    let mut oem = licensed("JO-OTHER", license("cd", "OEM"));
    oem["hardware_signals"] = signals(["1", "2", "3"]);
    send_report(&site, &other.access_token, &oem).await;
    let mut oem = licensed("JO-OTHER", license("cd", "OEM"));
    oem["hardware_signals"] = signals(["1", "4", "5"]);
    send_report(&site, &other.access_token, &oem).await;
    let oem_id: uuid::Uuid = sqlx::query_scalar("select id from licenses where channel = 'OEM'")
        .fetch_one(&site.app.db)
        .await
        .expect("license");
    let (_, list) = site.get("/u/0/licenses").await;
    assert!(
        list.contains("belongs to the PC it came with")
            && !list.contains(&format!("/u/0/licenses/{oem_id}/troubleshoot")),
        "{list}"
    );
    let (status, _) = site
        .get(&format!("/u/0/licenses/{oem_id}/troubleshoot"))
        .await;
    assert_eq!(status, 404);
}
