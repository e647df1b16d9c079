//! Linking a PC in a real browser: the agent's side spoken with the wire types over HTTP,
//! the person's side in Chromium (the link page, approval, the Devices pages).

use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationRequest, DeviceAuthorizationResponse,
    TokenResponse,
};
use portico_wire::report::{Activation, Agent, DeviceFacts, REPORT_VERSION, Report};

use crate::stage::Stage;

#[tokio::test]
async fn a_pc_is_linked_in_the_browser_and_its_report_shows() {
    let stage = Stage::start().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    stage.sign_up_jo().await;
    let http = portico_blackbox::server::http_client();

    // The agent asks to be linked and shows the person a link with the code in it.
    let auth: DeviceAuthorizationResponse = http
        .post(portico.url("/api/agent/v1/device-authorizations"))
        .json(&DeviceAuthorizationRequest {
            client_id: AGENT_CLIENT_ID.to_owned(),
            hostname: Some("JO-LAPTOP".to_owned()),
            model: Some("ThinkPad X1 Carbon Gen 11".to_owned()),
            os: Some("Windows 11 Pro 23H2".to_owned()),
        })
        .send()
        .await
        .expect("authorize")
        .json()
        .await
        .expect("json");
    browser
        .client
        .goto(&auth.verification_uri_complete)
        .await
        .expect("the agent's link");
    browser
        .wait_for_url(&portico.url(&format!("/u/0/link?code={}", auth.user_code)))
        .await
        .expect("Jo's link page");
    browser
        .click("form[action='/u/0/link'] button")
        .await
        .expect("next");
    browser
        .wait_for("button[value=approve]")
        .await
        .expect("what the PC will share");
    let shown = browser.text(".facts").await.expect("facts");
    assert!(
        shown.contains("JO-LAPTOP") && shown.contains("ThinkPad"),
        "{shown}"
    );
    browser
        .screenshot("link-approve")
        .await
        .expect("screenshot");
    browser
        .click("button[value=approve]")
        .await
        .expect("approve");
    browser.wait_for(".alert--success").await.expect("linked");

    // The agent's next poll gets its token, and it reports.
    let token: TokenResponse = http
        .post(portico.url("/api/agent/v1/token"))
        .form(&[
            ("grant_type", DEVICE_CODE_GRANT),
            ("device_code", auth.device_code.as_str()),
            ("client_id", AGENT_CLIENT_ID),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("a token");
    assert!(
        token.account.starts_with("Jo Marchetti"),
        "{}",
        token.account
    );
    let report = Report {
        version: REPORT_VERSION,
        report_id: uuid::Uuid::new_v4().to_string(),
        agent: Agent {
            version: "0.1.0".to_owned(),
            install_id: "install-1".to_owned(),
        },
        device: DeviceFacts {
            name: "JO-LAPTOP".to_owned(),
            manufacturer: Some("Lenovo".to_owned()),
            model: Some("ThinkPad X1 Carbon Gen 11".to_owned()),
            os_name: Some("Windows 11 Pro".to_owned()),
            os_edition: Some("Professional".to_owned()),
            os_version: Some("23H2".to_owned()),
            os_build: Some("22631.4460".to_owned()),
            architecture: Some("x86_64".to_owned()),
        },
        activation: Some(Activation {
            license_status: 1,
            status_reason: None,
            grace_minutes: Some(0),
            channel: Some("OEM:DM".to_owned()),
            partial_key: Some("3V66T".to_owned()),
        }),
        license: None,
        hardware_signals: Vec::new(),
        location: None,
        specs: None,
    };
    let sent = http
        .put(portico.url("/api/agent/v1/report"))
        .bearer_auth(&token.access_token)
        .json(&report)
        .send()
        .await
        .expect("report");
    assert_eq!(sent.status(), 204);

    browser
        .client
        .goto(&portico.url("/u/0/devices"))
        .await
        .expect("devices");
    let list = browser.text(".device-list").await.expect("list");
    assert!(
        list.contains("JO-LAPTOP") && list.contains("Activated"),
        "{list}"
    );
    browser.screenshot("devices").await.expect("screenshot");
    browser.click(".device-list a").await.expect("the PC");
    let message = browser
        .wait_for("#activation-message")
        .await
        .expect("the device page");
    assert_eq!(
        message.text().await.expect("text"),
        "Windows is activated with a digital license"
    );
    browser.screenshot("device").await.expect("screenshot");
    stage.finish().await;
}
