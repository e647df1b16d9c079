//! `portico admin accounts|outbox` against the real binary and a real PostgreSQL, beside a
//! running portal: JSON parsed, refusals without `--yes`, audit events written, and what a
//! disabled account means for its browser.

use portico_blackbox::accounts::{PASSWORD, sign_up};
use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::csrf_in;
use portico_blackbox::server::{Portico, PorticoBuilder};
use sqlx::Connection;

struct Admin {
    db: String,
    dir: std::path::PathBuf,
}

impl Admin {
    async fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["admin"];
        all.extend_from_slice(args);
        PorticoBuilder::new()
            .data_dir(&self.dir)
            .database_url(&self.db)
            .env("USER", "ops-alice")
            .args(&all)
            .run()
            .await
            .expect("portico admin runs")
    }

    async fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args).await;
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }
}

async fn sign_in_status(http: &reqwest::Client, portico: &Portico) -> u16 {
    let page = http.get(portico.url("/signin")).send().await.expect("page");
    let csrf = csrf_in(&page.text().await.expect("html"));
    http.post(portico.url("/signin"))
        .header("origin", &portico.base_url)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("address", "jo@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in")
        .status()
        .as_u16()
}

#[tokio::test]
async fn operators_find_show_disable_enable_and_sign_out_an_account() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    portico_blackbox::install_crypto_provider();
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let origin = portico.base_url.clone();
    sign_up(&http, &mut portico, &origin, "jo@example.com", 1).await;
    let admin = Admin {
        db: db.clone(),
        dir: dir.path().to_owned(),
    };

    // Found however the address is written; shown whole, codes never.
    let found = admin
        .json(&["accounts", "find", " JO@Example.com ", "--json"])
        .await;
    let id = found[0]["id"].as_str().expect("id").to_owned();
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let table = admin.run(&["accounts", "find", "jo@example.com"]).await;
    assert!(String::from_utf8_lossy(&table.stdout).contains("Jo Marchetti"));
    let shown = admin.json(&["accounts", "show", &id, "--json"]).await;
    assert_eq!(shown["aliases"][0]["value"], "jo@example.com");
    assert_eq!(shown["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(shown["messages"][0]["template"], "code");
    let code = portico
        .process
        .output()
        .lines()
        .find_map(|l| {
            l.contains("dev outbox: message delivered")
                .then(|| {
                    regex::Regex::new(r"\b(\d{6})\b")
                        .ok()?
                        .captures(l)
                        .map(|c| c[1].to_owned())
                })
                .flatten()
        })
        .expect("the code in the dev outbox log");
    let human = admin.run(&["accounts", "show", &id]).await;
    let human = String::from_utf8_lossy(&human.stdout).into_owned();
    assert!(
        human.contains("Aliases:") && human.contains("Messages of the past day:"),
        "{human}"
    );
    assert!(
        !human.contains(&code) && !shown.to_string().contains(&code),
        "no code is shown"
    );

    // Nothing changes without --yes.
    let refused = admin
        .run(&["accounts", "disable", &id, "--reason", "ticket 7"])
        .await;
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert_eq!(
        http.get(portico.url("/u/0/"))
            .send()
            .await
            .expect("page")
            .status(),
        200
    );

    let disabled = admin
        .json(&[
            "accounts", "disable", &id, "--reason", "ticket 7", "--yes", "--json",
        ])
        .await;
    assert_eq!(disabled["changed"], true);
    assert_eq!(disabled["sessions_ended"], 1);
    let page = http.get(portico.url("/u/0/")).send().await.expect("page");
    assert_eq!(page.status(), 303, "the browser is signed out");
    assert_eq!(
        sign_in_status(&http, &portico).await,
        422,
        "sign-in refused, neutrally"
    );

    let mut conn = sqlx::PgConnection::connect(&db).await.expect("db");
    let (details,): (serde_json::Value,) = sqlx::query_as(
        "select details from audit_events where kind = 'account_disabled' and account_id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&mut conn)
    .await
    .expect("an audit event");
    assert_eq!(details["operator"], "ops-alice");
    assert_eq!(details["reason"], "ticket 7");
    let (told,): (i64,) = sqlx::query_as(
        "select count(*) from outbox where template = 'account_disabled' and recipient = 'jo@example.com'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(told, 1, "the account is told");

    let enabled = admin
        .json(&[
            "accounts", "enable", &id, "--reason", "checked", "--yes", "--json",
        ])
        .await;
    assert_eq!(enabled["changed"], true);
    assert_eq!(sign_in_status(&http, &portico).await, 303, "signs in again");
    let ended = admin
        .json(&[
            "accounts",
            "end-sessions",
            &id,
            "--reason",
            "lost phone",
            "--yes",
            "--json",
        ])
        .await;
    assert_eq!(ended["sessions_ended"], 1);
    assert_eq!(
        http.get(portico.url("/u/0/"))
            .send()
            .await
            .expect("page")
            .status(),
        303
    );

    let unknown = admin
        .run(&["accounts", "show", "00000000-0000-4000-8000-000000000000"])
        .await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account has id"));

    // The outbox, by channel; no dead letters here.
    let stats = admin.json(&["outbox", "stats", "--json"]).await;
    let channels: Vec<&str> = stats
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["channel"].as_str())
        .collect();
    assert_eq!(channels, ["email", "sms"]);
    let dead = admin.run(&["outbox", "list", "--dead"]).await;
    assert!(String::from_utf8_lossy(&dead.stdout).contains("(none)"));
}
