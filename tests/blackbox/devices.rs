//! Linking a PC in a real browser: the agent's side spoken with the wire types over HTTP,
//! the person's side in Chromium (the link page, approval, the Devices pages).

use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationRequest, DeviceAuthorizationResponse,
    TokenResponse,
};
use portico_wire::report::{
    Activation, Agent, Chassis, DeviceFacts, Drive, EncryptionStatus, Location, REPORT_VERSION,
    Report, Specs, Tpm, VolumeEncryption,
};

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
        .click("#location")
        .await
        .expect("share its location");
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
    #[expect(
        clippy::disallowed_methods,
        reason = "the black-box portal runs on the real clock: a fix of now is a recent one"
    )]
    let observed_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("time");
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
        location: Some(Location {
            latitude: 48.8584,
            longitude: 2.2945,
            accuracy_m: 40.0,
            observed_at,
        }),
        specs: Some(Specs {
            processor: Some("11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz".to_owned()),
            cores: Some(4),
            logical_processors: Some(8),
            memory_installed_bytes: Some(16 << 30),
            memory_usable_bytes: Some(16_889_507_840),
            system_type: Some("64-bit operating system, x64-based processor".to_owned()),
            chassis: Some(Chassis::Laptop),
            drives: vec![Drive {
                name: "C:".to_owned(),
                filesystem: Some("NTFS".to_owned()),
                size_bytes: 511_101_108_224,
                free_bytes: 201_326_592_000,
            }],
            tpm: Some(Tpm {
                present: true,
                version: Some("2.0".to_owned()),
            }),
            secure_boot: Some(true),
            encryption: vec![VolumeEncryption {
                volume: "C:".to_owned(),
                status: EncryptionStatus::On,
                method: Some("XTS-AES 128".to_owned()),
            }],
        }),
        recovery_keys: None,
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
    let specs = browser.text("#specs").await.expect("specifications");
    assert!(specs.contains("Present, version 2.0"), "{specs}");
    let place = browser.text("#location").await.expect("Find my device");
    assert!(place.contains("48.85840, 2.29450, within 40 m"), "{place}");
    browser.screenshot("device").await.expect("screenshot");
    // The map, as Portico draws it.
    let map = browser
        .client
        .find(fantoccini::Locator::Css(".device-map img"))
        .await
        .expect("the map")
        .attr("src")
        .await
        .expect("src")
        .expect("a src");
    browser.client.goto(&portico.url(&map)).await.expect("map");
    browser.screenshot("device-map").await.expect("screenshot");
    stage.finish().await;
}
