//! The primary lost and its synchronous standby promoted: with `DATABASE_URL` naming both
//! hosts (libpq's form, `target_session_attrs=read-write`), Portico chooses the primary
//! itself (the standby is listed first), follows the promotion by itself, `/readyz` says so,
//! and nothing it acknowledged is lost.

use std::time::{Duration, Instant};

use portico_blackbox::accounts::sign_up;
use portico_blackbox::postgres::PrivatePostgres;
use portico_blackbox::server::{PorticoBuilder, http_client};

/// How long Portico may take to find the new primary (it looks every second).
const RECOVERY: Duration = Duration::from_secs(30);

#[tokio::test]
async fn portico_follows_a_promoted_standby_and_loses_nothing() {
    let primary = PrivatePostgres::start().expect("primary");
    let standby = PrivatePostgres::standby_of(&primary).expect("standby");
    let url = format!(
        "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/postgres?target_session_attrs=read-write",
        standby.port, primary.port
    );
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&url)
        .start()
        .await
        .expect("portico starts on the primary, though the standby is listed first");
    let http = http_client();
    let ready = |http: reqwest::Client, url: String| async move {
        http.get(url)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    };
    let readyz = portico.url("/readyz");
    assert_eq!(ready(http.clone(), readyz.clone()).await, 200);
    // An acknowledged write: Jo's account (the code page said "sent", the code was taken).
    let origin = portico.base_url.clone();
    sign_up(&http, &mut portico, &origin, "jo@example.com", 1).await;

    primary.halt().expect("the primary is lost");
    standby.promote().expect("the standby takes over");
    let lost_at = Instant::now();
    let mut recovered = None;
    while lost_at.elapsed() < RECOVERY {
        if ready(http.clone(), readyz.clone()).await == 200 {
            recovered = Some(lost_at.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = recovered.expect("ready again on the new primary");
    #[expect(
        clippy::print_stdout,
        reason = "the figure the closing note quotes (nextest shows it with --no-capture)"
    )]
    {
        println!(
            "ready again {:.1} s after the promotion",
            took.as_secs_f64()
        );
    }
    assert!(
        portico
            .process
            .output()
            .contains("the database primary moved"),
        "it says so in its log"
    );

    // Nothing acknowledged is lost, and writes go on: Jo signs in (a session is written).
    let page = http.get(portico.url("/signin")).send().await.expect("page");
    let csrf = portico_blackbox::forms::csrf_in(&page.text().await.expect("html"));
    let r = http
        .post(portico.url("/signin"))
        .header("origin", &portico.base_url)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("address", "jo@example.com"),
            ("password", portico_blackbox::accounts::PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303, "Jo's account survived the failover");
    portico.stop().await.expect("stops");
}
