//! Linking a PC over HTTP: the device authorization grant (RFC 8628) as the agent speaks it
//! (with the wire types), and `/link` as the person uses it.

use portico::contact::{Destination, EmailAddress};
use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationResponse, TokenResponse,
};
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site};

async fn jo(site: &Site) {
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
}

/// The agent asks to be linked (a form, as RFC 8628 has it).
async fn authorize(site: &Site, hostname: &str) -> DeviceAuthorizationResponse {
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/device-authorizations"))
        .form(&[
            ("client_id", AGENT_CLIENT_ID),
            ("hostname", hostname),
            ("model", "ThinkPad X1 Carbon Gen 11"),
            ("os", "Windows 11 Pro 23H2"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(r.status(), 200);
    r.json().await.expect("json")
}

/// The agent polls the token endpoint: the status and the JSON body.
async fn poll(site: &Site, device_code: &str) -> (u16, serde_json::Value) {
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .json(&serde_json::json!({
            "grant_type": DEVICE_CODE_GRANT,
            "device_code": device_code,
            "client_id": AGENT_CLIENT_ID,
        }))
        .send()
        .await
        .expect("token");
    (r.status().as_u16(), r.json().await.expect("json"))
}

/// Jo types `code` on the link page and decides.
async fn decide(site: &Site, code: &str, decision: &str, location: bool) -> reqwest::Response {
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", code)])
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(page.contains("Link this PC to your account?"), "{page}");
    let mut fields = vec![("code", code), ("decision", decision)];
    if location {
        fields.push(("location", "on"));
    }
    site.post_account_form("/u/0/link", "/u/0/link/decide", &fields)
        .await
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_pc_is_linked_once_approved_and_polls_follow_rfc_8628(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let (_, home) = site.get("/u/0/").await;
    assert!(
        home.contains(r#"<a href="/u/0/link">Link a PC</a>"#),
        "in the account menu"
    );
    let auth = authorize(&site, "JO-LAPTOP").await;
    assert!(
        regex::Regex::new("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$")
            .expect("regex")
            .is_match(&auth.user_code),
        "{}",
        auth.user_code
    );
    assert_eq!((auth.expires_in, auth.interval), (900, 5));
    assert!(auth.verification_uri.ends_with("/link"));
    assert_eq!(
        auth.verification_uri_complete,
        format!("{}?code={}", auth.verification_uri, auth.user_code)
    );

    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("authorization_pending"))
    );
    let (_, body) = poll(&site, &auth.device_code).await;
    assert_eq!(body["error"], "slow_down", "polled before the interval");
    assert_eq!(body["interval"], 10, "the interval grew by 5 seconds");
    site.clock.advance(Duration::seconds(11));
    let (_, body) = poll(&site, &auth.device_code).await;
    assert_eq!(body["error"], "authorization_pending");

    // The agent's link, typed in lower case without the dash, leads to Jo's link page.
    let typed = auth.user_code.replace('-', "").to_lowercase();
    let r = site
        .http
        .get(site.server.url(&format!("/link?code={typed}")))
        .send()
        .await
        .expect("link");
    assert_eq!(r.headers()["location"], format!("/u/0/link?code={typed}"));
    let r = decide(&site, &typed, "approve", true).await;
    let page = r.text().await.expect("page");
    assert!(page.contains("JO-LAPTOP is linked"), "{page}");

    site.clock.advance(Duration::seconds(11));
    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(status, 200, "{body}");
    let token: TokenResponse = serde_json::from_value(body).expect("a token");
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.account, "Jo (j•••@example.com)");
    assert_eq!(token.access_token.len(), 43, "256 bits, base64url");
    let stored: (Vec<u8>, bool, String) = sqlx::query_as(
        "select t.token_hash, d.location_enabled, d.name from device_tokens t
         join devices d on d.id = t.device_id where d.id::text = $1",
    )
    .bind(&token.device_id)
    .fetch_one(&site.app.db)
    .await
    .expect("the device and its token");
    assert_ne!(
        stored.0,
        token.access_token.as_bytes(),
        "only a hash is stored"
    );
    assert!(stored.1, "location sharing as chosen");
    assert_eq!(stored.2, "JO-LAPTOP");

    let (status, body) = poll(&site, &auth.device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "one token per code"
    );
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(activity.contains("Device linked: JO-LAPTOP"), "{activity}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn denied_and_expired_codes_end_the_polling(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let denied = authorize(&site, "STRANGER-PC").await;
    let r = decide(&site, &denied.user_code, "deny", false).await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("STRANGER-PC was not linked")
    );
    let (_, body) = poll(&site, &denied.device_code).await;
    assert_eq!(body["error"], "access_denied");

    let late = authorize(&site, "SLOW-PC").await;
    site.clock.advance(Duration::minutes(16));
    let (_, body) = poll(&site, &late.device_code).await;
    assert_eq!(body["error"], "expired_token");
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &late.user_code)])
        .await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Confirm it&#39;s you"),
        "a recent sign-in is needed again after 16 minutes"
    );
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &late.user_code)])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("page").contains("has expired"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn guessing_codes_is_limited_and_bad_requests_are_refused(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let real = authorize(&site, "JO-DESKTOP").await;
    for _ in 0..10 {
        let r = site
            .post_account_form("/u/0/link", "/u/0/link", &[("code", "BBBB-BBBB")])
            .await;
        assert_eq!(r.status(), 422);
    }
    let r = site
        .post_account_form("/u/0/link", "/u/0/link", &[("code", &real.user_code)])
        .await;
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Too many codes tried for this account"),
        "even the right code waits: {page}"
    );

    let r = site
        .http
        .post(site.server.url("/api/agent/v1/device-authorizations"))
        .form(&[("client_id", "someone-else")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "invalid_client");
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .form(&[
            ("grant_type", "password"),
            ("device_code", "x"),
            ("client_id", AGENT_CLIENT_ID),
        ])
        .send()
        .await
        .expect("post");
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "unsupported_grant_type");
    let r = site
        .http
        .post(site.server.url("/api/agent/v1/token"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["error"], "invalid_request");

    // Not signed in, /link goes to sign-in and comes back with the code.
    let stranger = site.another_browser();
    let r = stranger
        .http
        .get(stranger.server.url("/link?code=BCDF-GHJK"))
        .send()
        .await
        .expect("link");
    assert_eq!(
        r.headers()["location"],
        "/signin?next=%2Flink%3Fcode%3DBCDF-GHJK"
    );
}

/// A PC linked to Jo's account: its device token.
async fn linked_pc(site: &Site, hostname: &str) -> TokenResponse {
    let auth = authorize(site, hostname).await;
    let r = decide(site, &auth.user_code, "approve", false).await;
    assert_eq!(r.status(), 200);
    site.clock.advance(Duration::seconds(6));
    let (status, body) = poll(site, &auth.device_code).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a token")
}

/// A version-1 report with `activation`.
fn report_body(report_id: &str, activation: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "report_id": report_id,
        "agent": { "version": "0.1.0", "install_id": "install-1" },
        "device": {
            "name": "JO-LAPTOP",
            "manufacturer": "Lenovo",
            "model": "ThinkPad X1 Carbon Gen 11",
            "os_name": "Windows 11 Pro",
            "os_edition": "Professional",
            "os_version": "23H2",
            "os_build": "22631.4460",
            "architecture": "x86_64"
        },
        "activation": activation,
    })
}

async fn send_report(site: &Site, token: &str, body: &serde_json::Value) -> reqwest::Response {
    site.http
        .put(site.server.url("/api/agent/v1/report"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("report")
}

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
    let al = site.another_browser();
    al.account(
        "Al",
        Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = al.sign_in("al@example.com", PASSWORD).await;
    assert_eq!(status, 303);
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
    let located = |id: String| {
        let mut body = report_body(&id, serde_json::json!({ "license_status": 1 }));
        body["location"] = serde_json::json!({
            "latitude": 51.5, "longitude": -0.12, "accuracy_m": 35.0,
            "observed_at": "2026-11-30T10:00:00Z"
        });
        body
    };
    let locations = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from device_locations")
            .fetch_one(&site.app.db)
            .await
            .expect("count")
    };
    let r = send_report(
        &site,
        &pc.access_token,
        &located(uuid::Uuid::now_v7().to_string()),
    )
    .await;
    assert_eq!(r.status(), 204);
    assert_eq!(locations().await, 0, "off in the portal: nothing kept");

    let r = site
        .post_account_form(
            &page_url,
            &format!("{page_url}/location"),
            &[("enabled", "on")],
        )
        .await;
    assert_eq!(
        r.headers()["location"],
        format!("{page_url}?done=location_on")
    );
    send_report(
        &site,
        &pc.access_token,
        &located(uuid::Uuid::now_v7().to_string()),
    )
    .await;
    let (_, page) = site.get(&page_url).await;
    assert!(
        page.contains("51.50000, -0.12000 (within 35 m)")
            && page.contains("openstreetmap.org/?mlat=51.50000"),
        "{page}"
    );
    let r = site
        .post_account_form(
            &page_url,
            &format!("{page_url}/location"),
            &[("enabled", "off")],
        )
        .await;
    assert_eq!(
        r.headers()["location"],
        format!("{page_url}?done=location_off")
    );
    assert_eq!(locations().await, 0, "turning it off deletes them");

    // Locations older than 30 days go.
    site.post_account_form(
        &page_url,
        &format!("{page_url}/location"),
        &[("enabled", "on")],
    )
    .await;
    send_report(
        &site,
        &pc.access_token,
        &located(uuid::Uuid::now_v7().to_string()),
    )
    .await;
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
    send_report(
        &site,
        &pc.access_token,
        &located(uuid::Uuid::now_v7().to_string()),
    )
    .await;
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
fn licensed(name: &str, license: serde_json::Value) -> serde_json::Value {
    let mut body = report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1, "channel": "Retail", "partial_key": "3V66T" }),
    );
    body["device"]["name"] = serde_json::json!(name);
    body["license"] = license;
    body
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

    // A volume client key on the desktop is no key of Jo's: a digital license of that PC.
    let gvlk = serde_json::json!({
        "key_sha256": "cd".repeat(32), "last5": "J447Y", "product": "Windows 11 Pro Education",
        "edition": "ProfessionalEducation", "channel": "Volume:GVLK", "source": "registry",
        "generic": true
    });
    send_report(&site, &desktop.access_token, &licensed("JO-DESKTOP", gvlk)).await;
    let (_, device) = site
        .get(&format!("/u/0/devices/{}", desktop.device_id))
        .await;
    assert!(
        device
            .contains("Windows is activated with a digital license linked to your Portico account"),
        "{device}"
    );

    // Al's PC reports Jo's retail key: flagged on both sides, never moved.
    let al = site.another_browser();
    al.account(
        "Al",
        Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
        None,
    )
    .await;
    let (status, _, _) = al.sign_in("al@example.com", PASSWORD).await;
    assert_eq!(status, 303);
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
    let license = |hash: &str, channel: &str| {
        serde_json::json!({
            "key_sha256": hash.repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
            "edition": "Professional", "channel": channel, "source": "registry"
        })
    };
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
        device.contains("This device's hardware changed"),
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

    // OEM stays with its board; a volume license belongs to the organisation.
    for (hash, channel, words) in [
        ("cd", "OEM", "belongs to the PC it came with"),
        ("ef", "Volume:MAK", "managed by your organisation"),
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
    let al = site.another_browser();
    al.account(
        "Al",
        Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
        None,
    )
    .await;
    al.sign_in("al@example.com", PASSWORD).await;
    let als = linked_pc(&al, "AL-PC").await;
    let r = move_to(als.device_id).await;
    assert_eq!(r.status(), 404);
}

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
