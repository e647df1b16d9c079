//! What the device pages say of a PC: its OS as its own OS names it, facts that later
//! reports leave out, and a public key never shown as the person's product key.

use portico_wire::link::AGENT_CLIENT_ID;
use sqlx::PgPool;

use super::{jo, linked_pc, poll, report_body, send_report};
use crate::support::Site;

fn new_report(activation: serde_json::Value) -> serde_json::Value {
    report_body(&uuid::Uuid::now_v7().to_string(), activation)
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_report_updates_what_it_carries_and_forgets_nothing(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let licensed =
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" });
    send_report(&site, &pc.access_token, &new_report(licensed)).await;
    // A later report without maker, model, build or activation (a source failed this time).
    let mut thin = new_report(serde_json::Value::Null);
    thin["device"] = serde_json::json!({ "name": "JO-LAPTOP", "os_name": "Windows 11 Pro" });
    thin.as_object_mut().expect("object").remove("activation");
    assert_eq!(
        send_report(&site, &pc.access_token, &thin).await.status(),
        204
    );
    let (_, page) = site.get(&format!("/u/0/devices/{}", pc.device_id)).await;
    assert!(
        page.contains("Lenovo")
            && page.contains("ThinkPad X1 Carbon Gen 11")
            && page.contains("22631.4460")
            && page.contains("Windows is activated with a product key")
            && page.contains("XXXXX-XXXXX-XXXXX-XXXXX-3V66T"),
        "{page}"
    );
    // What a report does carry replaces what was known.
    let mut newer = new_report(serde_json::json!({ "license_status": 0 }));
    newer["device"]["model"] = serde_json::json!("ThinkPad X1 Carbon Gen 12");
    send_report(&site, &pc.access_token, &newer).await;
    let (_, page) = site.get(&format!("/u/0/devices/{}", pc.device_id)).await;
    assert!(
        page.contains("Gen 12") && !page.contains("Gen 11") && page.contains("not activated"),
        "{page}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_os_is_named_as_windows_names_it_and_linux_as_itself(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let mut body = new_report(serde_json::json!({ "license_status": 1 }));
    // Windows 11 still writes "Windows 10" in ProductName: the build decides.
    body["device"]["os_name"] = serde_json::json!("Windows 10 Pro");
    body["device"]["os_version"] = serde_json::json!("24H2");
    body["device"]["os_build"] = serde_json::json!("26100.2605");
    send_report(&site, &pc.access_token, &body).await;
    let windows = "Windows 11 Pro, version 24H2 (OS build 26100.2605)";
    let (_, list) = site.get("/u/0/devices").await;
    assert!(list.contains(windows), "{list}");
    let (_, page) = site.get(&format!("/u/0/devices/{}", pc.device_id)).await;
    assert!(page.contains(windows), "{page}");

    // A Linux PC asks to be linked: the approval page names its OS, not Windows.
    let debian = "Debian GNU/Linux 12 (bookworm)";
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/device-authorizations"))
        .form(&[
            ("client_id", AGENT_CLIENT_ID),
            ("hostname", "JO-SERVER"),
            ("os", debian),
        ])
        .send()
        .await
        .expect("authorize");
    let auth: portico_wire::link::DeviceAuthorizationResponse = r.json().await.expect("json");
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &auth.user_code)])
        .await;
    let approval = r.text().await.expect("page");
    let facts = approval
        .split(r#"<dl class="facts">"#)
        .nth(1)
        .expect("the PC's facts");
    assert!(
        facts.contains("Operating system") && facts.contains(debian),
        "{approval}"
    );
    assert!(
        !approval.contains("Windows edition") && !approval.contains("product key"),
        "{approval}"
    );
    assert!(
        approval.contains("its specifications (processor, memory, drives, TPM, Secure Boot"),
        "the new kinds of data are listed before approving: {approval}"
    );
    let r = site
        .post_account_form(
            "/u/0/link",
            "/u/0/link/decide",
            &[("code", &auth.user_code), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status(), 200);
    site.clock.advance(time::Duration::seconds(6));
    let (_, token) = poll(&site, &auth.device_code).await;
    let (token, device_id) = (
        token["access_token"].as_str().expect("token").to_owned(),
        token["device_id"].as_str().expect("id").to_owned(),
    );
    let mut linux = new_report(serde_json::Value::Null);
    linux["device"] = serde_json::json!({
        "name": "JO-SERVER", "os_name": debian, "os_version": "12", "architecture": "x86_64"
    });
    linux.as_object_mut().expect("object").remove("activation");
    assert_eq!(send_report(&site, &token, &linux).await.status(), 204);
    let (_, page) = site.get(&format!("/u/0/devices/{device_id}")).await;
    let main = page.split("<main").nth(1).expect("main");
    assert!(main.contains(debian), "{page}");
    assert!(
        !main.contains("Windows") && !main.contains("Activation"),
        "a Linux PC has no Windows activation: {page}"
    );
    let (_, list) = site.get("/u/0/devices").await;
    let row = list.split("JO-SERVER").nth(1).expect("listed");
    let row = row.split("</li>").next().unwrap_or_default();
    assert!(row.contains(debian) && !row.contains("Unknown"), "{row}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn after_a_digital_license_moves_the_old_pc_shows_no_generic_key_as_its_own(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let old_pc = linked_pc(&site, "OLD-PC").await;
    let new_pc = linked_pc(&site, "NEW-PC").await;
    // A digital-license install: the generic Pro key, which Windows reports as Retail.
    let generic = serde_json::json!({
        "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": "Digital", "source": "registry", "generic": true
    });
    let activated =
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" });
    for (pc, name) in [(&old_pc, "OLD-PC"), (&new_pc, "NEW-PC")] {
        let mut body = new_report(activated.clone());
        body["device"]["name"] = serde_json::json!(name);
        body["license"] = generic.clone();
        send_report(&site, &pc.access_token, &body).await;
    }
    let old_page = format!("/u/0/devices/{}", old_pc.device_id);
    let (_, page) = site.get(&old_page).await;
    assert!(
        page.contains("Windows is activated with a digital license linked to your Portico account")
            && !page.contains("3V66T"),
        "{page}"
    );
    let license_id: uuid::Uuid = sqlx::query_scalar(
        "select a.license_id from license_assignments a where a.device_id::text = $1",
    )
    .bind(&old_pc.device_id)
    .fetch_one(&site.app.db)
    .await
    .expect("the old PC's license");
    let r = site
        .post_account_form(
            "/u/0/licenses",
            &format!("/u/0/licenses/{license_id}/move"),
            &[("device", new_pc.device_id.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = site.get(&old_page).await;
    assert!(
        page.contains("Windows is activated with a digital license")
            && !page.contains("with a product key")
            && !page.contains("3V66T"),
        "{page}"
    );
    assert!(
        page.contains("generic installation key"),
        "says what the PC holds: {page}"
    );
}

fn specs() -> serde_json::Value {
    serde_json::json!({
        "processor": "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz",
        "cores": 4, "logical_processors": 8,
        "memory_installed_bytes": 17_179_869_184_u64, "memory_usable_bytes": 16_889_507_840_u64,
        "system_type": "64-bit operating system, x64-based processor",
        "chassis": "laptop",
        "drives": [{ "name": "C:", "filesystem": "NTFS", "size_bytes": 511_101_108_224_u64, "free_bytes": 201_326_592_000_u64 }],
        "tpm": { "present": true, "version": "2.0" },
        "secure_boot": true,
        "encryption": [{ "volume": "C:", "status": "off" }]
    })
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn specifications_show_as_settings_shows_them_and_warnings_come_first(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let quiet = linked_pc(&site, "QUIET-PC").await;
    let laptop = linked_pc(&site, "JO-LAPTOP").await;
    let activated =
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" });
    let mut v2 = new_report(activated.clone());
    v2["version"] = serde_json::json!(2);
    v2["specs"] = specs();
    assert_eq!(
        send_report(&site, &laptop.access_token, &v2).await.status(),
        204
    );
    // An older agent's version-1 report, sent later, leaves the specifications alone.
    let mut old = new_report(activated.clone());
    old["device"]["name"] = serde_json::json!("QUIET-PC");
    assert_eq!(
        send_report(&site, &quiet.access_token, &old).await.status(),
        204
    );
    let v1 = new_report(activated);
    assert_eq!(
        send_report(&site, &laptop.access_token, &v1).await.status(),
        204
    );
    let (_, page) = site
        .get(&format!("/u/0/devices/{}", laptop.device_id))
        .await;
    for words in [
        "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz (4 cores, 8 logical processors)",
        "16.0 GB (15.7 GB usable)",
        "64-bit operating system, x64-based processor",
        "Laptop",
        "Present, version 2.0",
        "Secure Boot",
        "C: 476 GB, 188 GB free (NTFS)",
        "C: Off",
    ] {
        assert!(page.contains(words), "{words}: {page}");
    }
    // The laptop's system drive is not encrypted: it comes first, with the warning, though
    // the quiet PC reported last.
    let (_, list) = site.get("/u/0/devices").await;
    let laptop_at = list.find("JO-LAPTOP").expect("laptop listed");
    let quiet_at = list.find("QUIET-PC").expect("quiet listed");
    assert!(laptop_at < quiet_at, "{list}");
    assert!(
        list.contains("Device encryption is off") && list.contains(r#"alt="Laptop""#),
        "{list}"
    );

    let mut future = new_report(serde_json::json!({ "license_status": 1 }));
    future["version"] = serde_json::json!(3);
    let r = send_report(&site, &laptop.access_token, &future).await;
    assert_eq!(r.status(), 422);
    let mut bad = new_report(serde_json::json!({ "license_status": 1 }));
    bad["version"] = serde_json::json!(2);
    bad["specs"] = serde_json::json!({ "drives": [{ "name": "C:", "size_bytes": 9_007_199_254_740_992_u64, "free_bytes": 2 }] });
    let r = send_report(&site, &laptop.access_token, &bad).await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.expect("problem");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("specs"),
        "{body}"
    );
}
