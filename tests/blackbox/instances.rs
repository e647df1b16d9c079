//! Several `portico serve` on one database, and restarts: a page fetched from one instance
//! can be completed on another, or on the same one after it restarted, as a round-robin
//! balancer and a rolling deploy need.

use std::time::Duration;

use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::csrf_in;
use portico_blackbox::server::{Portico, PorticoBuilder, http_client};

const SECRET: &str = "shared-secret-of-every-instance-0123456789";
const PUBLIC_URL: &str = "http://portal.test/";
const ORIGIN: &str = "http://portal.test";

/// An instance of the shared installation; `worker` says whether it delivers messages.
async fn instance(db: &str, dir: &std::path::Path, worker: bool) -> Portico {
    let args: &[&str] = if worker {
        &["serve"]
    } else {
        &["serve", "--no-worker"]
    };
    PorticoBuilder::new()
        .data_dir(dir)
        .database_url(db)
        .env("PORTICO_SECRET_KEY", SECRET)
        .env("PORTICO_PUBLIC_URL", PUBLIC_URL)
        .args(args)
        .start()
        .await
        .expect("portico starts")
}

async fn form_page(http: &reqwest::Client, portico: &Portico, path: &str) -> String {
    let r = http.get(portico.url(path)).send().await.expect("get");
    assert_eq!(r.status(), 200, "{path}");
    csrf_in(&r.text().await.expect("body"))
}

async fn post(
    http: &reqwest::Client,
    portico: &Portico,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    http.post(portico.url(path))
        .header("origin", ORIGIN)
        .form(form)
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn forms_and_codes_complete_on_another_instance_and_after_a_restart() {
    let db = fresh_database().await.expect("database");
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let mut a = instance(&db, dir_a.path(), true).await;
    let b = instance(&db, dir_b.path(), false).await;
    // Cookies are kept per host, not per port: both instances see the same browser, as
    // behind a balancer.
    let http = http_client();

    // The sign-up form from A, posted to B.
    let csrf = form_page(&http, &a, "/signup").await;
    let r = post(
        &http,
        &b,
        "/signup",
        &[
            ("authenticity_token", &csrf),
            ("display_name", "Jo Marchetti"),
            ("address", "jo@example.com"),
            ("password", "violet tundra kettle march"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let pending = code_page
        .split("p=")
        .nth(1)
        .expect("the code page names its sign-up")
        .to_owned();
    let code = a
        .process
        .wait_for_line(
            r"dev outbox: message delivered.*\b(\d{6})\b",
            Duration::from_secs(30),
        )
        .await
        .expect("A's worker delivers the code");

    // The code page from B; B restarts before the code is entered, on B again.
    let csrf = form_page(&http, &b, &code_page).await;
    assert_eq!(b.stop().await.expect("B stops").code(), Some(0));
    let b = instance(&db, dir_b.path(), false).await;
    let r = post(
        &http,
        &b,
        "/signup/verify",
        &[
            ("authenticity_token", &csrf),
            ("p", &pending),
            ("code", &code),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], "/u/0/");

    // An account form from the restarted B, acted on by A.
    let r = http.get(b.url("/u/0/info")).send().await.expect("get");
    assert_eq!(r.status(), 200);
    let guard = portico_blackbox::forms::account_guard_in(&r.text().await.expect("body"));
    let mut form: Vec<(&str, &str)> = guard.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form.push(("display_name", "Jo M."));
    let r = post(&http, &a, "/u/0/info/name", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let page = http
        .get(b.url("/u/0/info"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("Jo M."),
        "the name saved through A shows on B"
    );

    assert_eq!(a.stop().await.expect("A stops").code(), Some(0));
    assert_eq!(b.stop().await.expect("B stops").code(), Some(0));
}
