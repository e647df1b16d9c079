//! Agent reports over HTTP, the Devices pages they feed, and what a person does with a PC.

use sqlx::PgPool;
use time::Duration;

use super::{al, jo, linked_pc, report_body, send_report};
use crate::support::{PASSWORD, Site};

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn reports_are_applied_once_and_the_pages_say_what_windows_says(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let (_, list) = site.get("/u/0/devices").await;
    assert!(list.contains("Waiting for its first report"), "{list}");

    let first = uuid::Uuid::now_v7().to_string();
    let licensed = serde_json::json!({
        "license_status": 1, "channel": "Retail", "partial_key": "3V66T", "grace_minutes": 0
    });
    let r = send_report(&site, &pc.access_token, &report_body(&first, licensed)).await;
    assert_eq!(r.status(), 204);
    // The same report again (its answer was lost), now claiming something else: applied once.
    let again = report_body(&first, serde_json::json!({ "license_status": 0 }));
    assert_eq!(
        send_report(&site, &pc.access_token, &again).await.status(),
        204
    );
    let page_url = format!("/u/0/devices/{}", pc.device_id);
    let (_, page) = site.get(&page_url).await;
    assert!(
        page.contains("Windows is activated with a product key")
            && page.contains("XXXXX-XXXXX-XXXXX-XXXXX-3V66T")
            && page.contains("Professional"),
        "{page}"
    );
    let reports: i64 = sqlx::query_scalar("select count(*) from device_reports")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!(reports, 1);

    // Each LicenseStatus in Windows' words.
    for (status, reason, words) in [
        (0, None, "Windows is not activated"),
        (2, None, "first grace period"),
        (3, None, "needs to activate again"),
        (4, None, "not genuine"),
        (5, Some("0xC004F009"), "its grace period has ended"),
        (6, None, "extended grace period"),
        (1, None, "Windows is activated with a product key"),
    ] {
        let activation = serde_json::json!({
            "license_status": status, "status_reason": reason, "grace_minutes": 4320
        });
        let body = report_body(&uuid::Uuid::now_v7().to_string(), activation);
        assert_eq!(
            send_report(&site, &pc.access_token, &body).await.status(),
            204
        );
        let (_, page) = site.get(&page_url).await;
        assert!(page.contains(words), "status {status}: {page}");
    }
    let (_, list) = site.get("/u/0/devices").await;
    assert!(
        list.contains("JO-LAPTOP")
            && list.contains("Activated")
            && list.contains("Last seen just now"),
        "{list}"
    );

    // Three hours without a report: offline.
    site.clock.advance(Duration::hours(3));
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let (_, list) = site.get("/u/0/devices").await;
    assert!(list.contains("Offline"), "{list}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn bad_reports_get_a_precise_problem(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let id = || uuid::Uuid::now_v7().to_string();
    let problem = |r: reqwest::Response| async move {
        let status = r.status().as_u16();
        let kind = r.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let body: serde_json::Value = r.json().await.expect("json");
        assert_eq!(kind, "application/problem+json");
        (
            status,
            body["detail"].as_str().unwrap_or_default().to_owned(),
        )
    };

    let none = site
        .http
        .put(site.server.url("/api/agent/v1/report"))
        .json(&report_body(&id(), serde_json::Value::Null))
        .send()
        .await
        .expect("put");
    assert_eq!(problem(none).await.0, 401);
    let forged = send_report(
        &site,
        &"A".repeat(43),
        &report_body(&id(), serde_json::Value::Null),
    )
    .await;
    assert_eq!(problem(forged).await.0, 401);

    let bad_status = report_body(&id(), serde_json::json!({ "license_status": 9 }));
    let (status, detail) = problem(send_report(&site, &pc.access_token, &bad_status).await).await;
    assert_eq!(status, 422);
    assert!(detail.contains("activation.license_status"), "{detail}");
    let bad_key = report_body(
        &id(),
        serde_json::json!({ "license_status": 1, "partial_key": "abc" }),
    );
    let (status, detail) = problem(send_report(&site, &pc.access_token, &bad_key).await).await;
    assert_eq!(status, 422);
    assert!(detail.contains("activation.partial_key"), "{detail}");
    let mut wrong_type = report_body(&id(), serde_json::Value::Null);
    wrong_type["device"]["name"] = serde_json::json!(42);
    let (status, detail) = problem(send_report(&site, &pc.access_token, &wrong_type).await).await;
    assert_eq!(status, 422);
    assert!(detail.contains("device.name"), "{detail}");
    let mut huge = report_body(&id(), serde_json::Value::Null);
    huge["padding"] = serde_json::json!("x".repeat(70 * 1024));
    assert_eq!(
        problem(send_report(&site, &pc.access_token, &huge).await)
            .await
            .0,
        413
    );
    // What the document allows and forbids, the server does (schemathesis found these).
    let too_long_grace = report_body(
        &id(),
        serde_json::json!({ "license_status": 1, "grace_minutes": 2_147_483_648_u64 }),
    );
    let (status, detail) =
        problem(send_report(&site, &pc.access_token, &too_long_grace).await).await;
    assert_eq!(status, 422);
    assert!(detail.contains("activation.grace_minutes"), "{detail}");
    let whole_floats = report_body(
        &id(),
        serde_json::json!({ "license_status": 1.0, "grace_minutes": 43200.0 }),
    );
    assert_eq!(
        send_report(&site, &pc.access_token, &whole_floats)
            .await
            .status(),
        204,
        "4.0 is the integer 4 in JSON Schema"
    );
    let mut control = report_body(&id(), serde_json::Value::Null);
    control["device"]["name"] = serde_json::json!("JO\u{7}PC");
    let (status, detail) = problem(send_report(&site, &pc.access_token, &control).await).await;
    assert_eq!(status, 422);
    assert!(detail.contains("device.name"), "{detail}");
    let doc: serde_json::Value = site
        .http
        .get(site.server.url("/api/agent/v1/openapi.json"))
        .send()
        .await
        .expect("doc")
        .json()
        .await
        .expect("json");
    let device = &doc["components"]["schemas"]["DeviceFacts"]["properties"];
    let pattern = regex::Regex::new(device["name"]["pattern"].as_str().expect("a pattern"))
        .expect("the pattern is a regex");
    assert!(pattern.is_match("JO-PC") && !pattern.is_match("JO\u{7}PC") && !pattern.is_match("  "));
    assert!(
        device["model"]["pattern"].is_string(),
        "every text field says so"
    );
    assert_eq!(
        doc["components"]["schemas"]["Activation"]["properties"]["grace_minutes"]["maximum"],
        2_147_483_647
    );

    let mut newer = report_body(&id(), serde_json::Value::Null);
    newer["a_field_from_the_future"] = serde_json::json!({ "ignored": true });
    assert_eq!(
        send_report(&site, &pc.access_token, &newer).await.status(),
        204
    );

    // A removed device is told to stop; a revoked token is refused.
    sqlx::query("update devices set removed_at = now()")
        .execute(&site.app.db)
        .await
        .expect("remove");
    let r = send_report(
        &site,
        &pc.access_token,
        &report_body(&id(), serde_json::Value::Null),
    )
    .await;
    assert_eq!(problem(r).await.0, 409);
    sqlx::query("update devices set removed_at = null")
        .execute(&site.app.db)
        .await
        .expect("restore");
    sqlx::query("update device_tokens set revoked_at = now()")
        .execute(&site.app.db)
        .await
        .expect("revoke");
    let r = send_report(
        &site,
        &pc.access_token,
        &report_body(&id(), serde_json::Value::Null),
    )
    .await;
    assert_eq!(problem(r).await.0, 401);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn another_accounts_devices_stay_hidden(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let al = al(&site).await;
    let (status, _) = al.get(&format!("/u/0/devices/{}", pc.device_id)).await;
    assert_eq!(status, 404, "Jo's PC is not Al's to see");
    let (_, list) = al.get("/u/0/devices").await;
    assert!(
        !list.contains("JO-LAPTOP") && list.contains("No PC is linked"),
        "{list}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn find_my_device_renaming_and_removal(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let page_url = format!("/u/0/devices/{}", pc.device_id);
    // A report from the PC, with where it is.
    let send_located = || {
        let mut body = report_body(
            &uuid::Uuid::now_v7().to_string(),
            serde_json::json!({ "license_status": 1 }),
        );
        body["location"] = serde_json::json!({
            "latitude": 51.5, "longitude": -0.12, "accuracy_m": 35.0,
            "observed_at": "2026-11-30T10:00:00Z"
        });
        let (site, token) = (&site, pc.access_token.clone());
        async move { send_report(site, &token, &body).await }
    };
    // "Turn on (or off) Find my device" on the PC's page.
    let find_my_device = |enabled: &'static str| {
        let (site, page_url) = (&site, page_url.clone());
        async move {
            let action = format!("{page_url}/location");
            site.post_account_form(&page_url, &action, &[("enabled", enabled)])
                .await
        }
    };
    let locations = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from device_locations")
            .fetch_one(&site.app.db)
            .await
            .expect("count")
    };
    let r = send_located().await;
    assert_eq!(r.status(), 204);
    assert_eq!(locations().await, 0, "off in the portal: nothing kept");

    let r = find_my_device("on").await;
    assert_eq!(
        r.headers()["location"],
        format!("{page_url}?done=location_on")
    );
    send_located().await;
    let (_, page) = site.get(&page_url).await;
    assert!(
        page.contains("51.50000, -0.12000, within 35 m")
            && page.contains("Open in OpenStreetMap")
            && page.contains("openstreetmap.org/?mlat=51.50000")
            && page.contains(&format!("{page_url}/map.svg")),
        "{page}"
    );
    // The map is Portico's own picture, of the account's own PCs only.
    let r = site
        .http
        .get(site.server.url(&format!("{page_url}/map.svg")))
        .send()
        .await
        .expect("map");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    let svg = r.text().await.expect("svg");
    assert!(
        svg.starts_with("<svg") && svg.contains("<path"),
        "Britain is drawn"
    );
    let al = al(&site).await;
    let (status, _) = al.get(&format!("{page_url}/map.svg")).await;
    assert_eq!(status, 404, "another account's PC");
    let r = find_my_device("off").await;
    assert_eq!(
        r.headers()["location"],
        format!("{page_url}?done=location_off")
    );
    assert_eq!(locations().await, 0, "turning it off deletes them");

    // Locations older than 30 days go.
    find_my_device("on").await;
    send_located().await;
    assert_eq!(locations().await, 1);
    let mut conn = site.app.db.acquire().await.expect("conn");
    portico::devices::prune(
        &mut conn,
        portico::clock::Clock::now(&site.clock) + Duration::days(31),
    )
    .await
    .expect("prune");
    drop(conn);
    assert_eq!(locations().await, 0);

    // A name of Jo's own survives reports; an empty one is refused with a message.
    let r = site
        .post_account_form(&page_url, &format!("{page_url}/rename"), &[("name", "  ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("page").contains("Enter a name"));
    site.post_account_form(
        &page_url,
        &format!("{page_url}/rename"),
        &[("name", "Work laptop")],
    )
    .await;
    send_located().await;
    let (_, page) = site.get(&page_url).await;
    assert!(
        page.contains("<h1 id=\"device-title\">Work laptop</h1>"),
        "{page}"
    );

    // Removal: confirmed, then the agent is told to stop.
    let (status, confirm) = site.get(&format!("{page_url}/remove")).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("Remove Work laptop?"), "{confirm}");
    let r = site
        .post_account_form(
            &format!("{page_url}/remove"),
            &format!("{page_url}/remove"),
            &[],
        )
        .await;
    assert_eq!(r.headers()["location"], "/u/0/devices?done=removed");
    let (_, list) = site.get("/u/0/devices?done=removed").await;
    assert!(
        !list.contains("Work laptop") && list.contains("was removed"),
        "{list}"
    );
    let r = send_report(
        &site,
        &pc.access_token,
        &report_body(&uuid::Uuid::now_v7().to_string(), serde_json::Value::Null),
    )
    .await;
    assert_eq!(r.status(), 409);
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("Device removed: Work laptop")
            && activity.contains("Find my device turned on"),
        "{activity}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_openapi_document_describes_exactly_the_agent_api(pool: PgPool) {
    use portico_wire::API_PREFIX;
    use portico_wire::link::{DEVICE_AUTHORIZATIONS_PATH, TOKEN_PATH};
    use portico_wire::report::REPORT_PATH;

    let site = Site::new(pool).await;
    let (status, body) = site.get("/api/agent/v1/openapi.json").await;
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    let mut operations: Vec<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .expect("operations")
                .keys()
                .map(|method| (path.clone(), method.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    operations.sort();
    let mut expected = vec![
        (
            format!("{API_PREFIX}{DEVICE_AUTHORIZATIONS_PATH}"),
            "post".to_owned(),
        ),
        (format!("{API_PREFIX}{REPORT_PATH}"), "put".to_owned()),
        (format!("{API_PREFIX}{TOKEN_PATH}"), "post".to_owned()),
    ];
    expected.sort();
    assert_eq!(
        operations, expected,
        "the routes the agent uses, and only those"
    );
    for schema in [
        "Report",
        "Activation",
        "TokenError",
        "TokenResponse",
        "Problem",
    ] {
        assert!(
            doc["components"]["schemas"].get(schema).is_some(),
            "{schema} is described"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["device_token"]["scheme"],
        "bearer"
    );
}

/// A report from `name` with activation 1 and `license`.

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn secure_my_account_revokes_every_device_token(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let report = || report_body(&uuid::Uuid::now_v7().to_string(), serde_json::Value::Null);
    assert_eq!(
        send_report(&site, &pc.access_token, &report())
            .await
            .status(),
        204
    );
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/secure", &[])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        send_report(&site, &pc.access_token, &report())
            .await
            .status(),
        401,
        "the PC must be linked again"
    );
}
