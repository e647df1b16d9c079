//! `portico admin accounts|outbox` against the real binary and a real PostgreSQL, beside a
//! running portal: JSON parsed, refusals without `--yes`, audit events written, and what a
//! disabled account means for its browser.

use portico_blackbox::accounts::{PASSWORD, sign_up};
use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::{csrf_in, field};
use portico_blackbox::server::{Portico, PorticoBuilder};
use sqlx::Connection;

struct Admin {
    db: String,
    dir: std::path::PathBuf,
}

impl Admin {
    async fn run(&self, args: &[&str]) -> std::process::Output {
        self.run_with(&[], args).await
    }

    async fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
        let mut all = vec!["admin"];
        all.extend_from_slice(args);
        let mut builder = PorticoBuilder::new()
            .data_dir(&self.dir)
            .database_url(&self.db)
            .env("USER", "ops-alice");
        for (key, value) in env {
            builder = builder.env(key, *value);
        }
        builder.args(&all).run().await.expect("portico admin runs")
    }

    async fn json(&self, args: &[&str]) -> serde_json::Value {
        self.json_with(&[], args).await
    }

    async fn json_with(&self, env: &[(&str, &str)], args: &[&str]) -> serde_json::Value {
        let out = self.run_with(env, args).await;
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

    // "I can't sign in": a reset code sent for them, used on the page the command names.
    let asked = admin
        .run(&[
            "accounts",
            "send-reset",
            "JO@example.com",
            "--reason",
            "ticket 9",
        ])
        .await;
    assert_eq!(
        asked.status.code(),
        Some(2),
        "nothing is sent without --yes"
    );
    // The admin command runs where the portal runs, with its settings.
    let public_url = format!("{}/", portico.base_url);
    let reset = admin
        .json_with(
            &[("PORTICO_PUBLIC_URL", public_url.as_str())],
            &[
                "accounts",
                "send-reset",
                "JO@example.com",
                "--reason",
                "ticket 9",
                "--yes",
                "--json",
            ],
        )
        .await;
    assert_eq!(reset["sent"], true);
    assert_eq!(reset["account"], id.as_str());
    let code_page = reset["code_page"]
        .as_str()
        .expect("the code page")
        .to_owned();
    assert!(code_page.starts_with(&portico.base_url), "{code_page}");
    let code = portico
        .process
        .wait_for_nth_line(
            r#"dev outbox: message delivered.*recipient=jo@example.com subject="(\d{6}) is your"#,
            2,
            std::time::Duration::from_secs(30),
        )
        .await
        .expect("the reset code is delivered");
    // Each step's form, posted with the page's own hidden fields.
    let post = async |path: &str, html: &str, hidden: &str, typed: (&str, &str)| {
        http.post(portico.url(path))
            .header("origin", &portico.base_url)
            .form(&[
                (
                    "authenticity_token",
                    field(html, "authenticity_token").as_str(),
                ),
                (hidden, field(html, hidden).as_str()),
                typed,
            ])
            .send()
            .await
            .expect("the form is posted")
    };
    let page = http.get(&code_page).send().await.expect("code page");
    let html = page.text().await.expect("html");
    let r = post("/reset/verify", &html, "c", ("code", code.as_str())).await;
    let html = r.text().await.expect("html");
    let r = post(
        "/reset/password",
        &html,
        "grant",
        ("password", "a brand new otter lantern"),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        sign_in_status(&http, &portico).await,
        422,
        "the old password no longer signs in"
    );
    let (reason,): (serde_json::Value,) = sqlx::query_as(
        "select details->'reason' from audit_events where kind = 'reset_sent_by_operator'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("an audit event");
    assert_eq!(reason, "ticket 9");
    let nobody = admin
        .run(&[
            "accounts",
            "send-reset",
            "al@example.com",
            "--reason",
            "r",
            "--yes",
        ])
        .await;
    assert_eq!(nobody.status.code(), Some(2));

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

#[tokio::test]
async fn operators_retry_and_discard_messages_revoke_a_pc_and_purge() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let admin = Admin {
        db: db.clone(),
        dir: dir.path().to_owned(),
    };
    // The schema, then rows as the portal would have left them.
    let migrated = admin.run(&["outbox", "stats"]).await;
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let mut conn = sqlx::PgConnection::connect(&db).await.expect("db");
    for statement in [
        "insert into outbox (id, channel, recipient, template, payload, created_at, attempts, next_attempt_at, dead_at, last_error)
         values ('10000000-0000-4000-8000-000000000001', 'email', 'jo@example.com', 'password_changed', '{}', now(), 8, now(), now(), 'smtp: 550'),
                ('10000000-0000-4000-8000-000000000002', 'sms', '+15555550100', 'code', '{}', now(), 8, now(), now(), 'twilio: 21610'),
                ('10000000-0000-4000-8000-000000000003', 'email', 'al@example.com', 'account_secured', '{}', now(), 1, now(), null, 'timeout')",
        "insert into accounts (id, display_name, created_at) values ('20000000-0000-4000-8000-000000000001', 'Jo', now())",
        "insert into devices (id, account_id, name, linked_at) values ('30000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'DESKTOP-JO', now())",
        "insert into device_tokens (token_hash, device_id, created_at) values (sha256('t'), '30000000-0000-4000-8000-000000000001', now())",
    ] {
        sqlx::query(statement).execute(&mut conn).await.expect("setup");
    }

    let stats = admin.json(&["outbox", "stats", "--json"]).await;
    assert_eq!(stats[0]["channel"], "email");
    assert_eq!(stats[0]["dead"], 1);
    assert_eq!(stats[0]["retrying"], 1);
    assert_eq!(stats[1]["dead"], 1);
    let dead = admin.json(&["outbox", "list", "--dead", "--json"]).await;
    assert_eq!(dead.as_array().map(Vec::len), Some(2));
    let retrying = admin
        .json(&["outbox", "list", "--retrying", "--json"])
        .await;
    assert_eq!(retrying[0]["last_error"], "timeout");

    let code = admin
        .run(&[
            "outbox",
            "retry",
            "10000000-0000-4000-8000-000000000002",
            "--reason",
            "r",
            "--yes",
        ])
        .await;
    assert_eq!(code.status.code(), Some(2), "a code is never retried");
    let without_yes = admin
        .run(&["outbox", "retry", "--all-dead", "--reason", "r"])
        .await;
    assert_eq!(without_yes.status.code(), Some(2));
    let retried = admin
        .json(&[
            "outbox",
            "retry",
            "--all-dead",
            "--reason",
            "smtp fixed",
            "--yes",
            "--json",
        ])
        .await;
    assert_eq!(retried["retried"], 1);
    let discarded = admin
        .json(&[
            "outbox",
            "discard",
            "10000000-0000-4000-8000-000000000003",
            "--reason",
            "bounced",
            "--yes",
            "--json",
        ])
        .await;
    assert_eq!(
        discarded["discarded"],
        "10000000-0000-4000-8000-000000000003"
    );
    let (error,): (String,) = sqlx::query_as(
        "select last_error from outbox where id = '10000000-0000-4000-8000-000000000003'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("row");
    assert_eq!(error, "discarded by ops-alice: bounced");

    let device = admin
        .json(&[
            "devices",
            "show",
            "30000000-0000-4000-8000-000000000001",
            "--json",
        ])
        .await;
    assert_eq!(device["name"], "DESKTOP-JO");
    assert_eq!(device["live_tokens"], 1);
    let revoked = admin
        .json(&[
            "devices",
            "revoke",
            "30000000-0000-4000-8000-000000000001",
            "--reason",
            "stolen",
            "--yes",
            "--json",
        ])
        .await;
    assert_eq!(revoked["tokens_revoked"], 1);
    let (kind,): (String,) = sqlx::query_as(
        "select kind from audit_events where account_id = '20000000-0000-4000-8000-000000000001'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("an audit event");
    assert_eq!(kind, "device_revoked_by_operator");

    let purged = admin.json(&["purge", "--now", "--json"]).await;
    assert!(purged["rate-limit counters"].is_number(), "{purged}");
    let refused = admin.run(&["purge"]).await;
    assert!(!refused.status.success(), "purge needs --now");
}

/// Key files as an operator keeps them (`PORTICO_SECRET_KEY_FILE`, systemd credentials).
fn key_file(dir: &std::path::Path, name: &str, key: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{key}\n")).expect("key file");
    path.to_str().expect("utf-8").to_owned()
}

#[tokio::test]
async fn operators_rotate_the_secret_key_without_signing_anyone_out() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let old = key_file(
        dir.path(),
        "old.key",
        "old-secret-key-0123456789abcdef0123456789",
    );
    let new = key_file(
        dir.path(),
        "new.key",
        "new-secret-key-fedcba9876543210fedcba9876",
    );
    let with_keys = |current: &str, previous: Option<&str>| {
        let builder = PorticoBuilder::new()
            .data_dir(dir.path())
            .database_url(&db)
            .env("PORTICO_SECRET_KEY_FILE", current);
        match previous {
            Some(previous) => builder.env("PORTICO_SECRET_KEY_PREVIOUS_FILE", previous),
            None => builder,
        }
    };
    // Portals without a worker: here the operator's command does the re-keying.
    let start = |current: &str, previous: Option<&str>| {
        with_keys(current, previous)
            .args(&["serve", "--no-worker"])
            .start()
    };
    let mut portico = with_keys(&old, None).start().await.expect("portico starts");
    portico_blackbox::install_crypto_provider();
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let origin = portico.base_url.clone();
    sign_up(&http, &mut portico, &origin, "jo@example.com", 1).await;
    // The first ID token signing key, sealed with the old key.
    let jwks = http
        .get(portico.url("/oauth2/jwks"))
        .send()
        .await
        .expect("jwks");
    let kid = jwks.json::<serde_json::Value>().await.expect("json")["keys"][0]["kid"].clone();
    assert!(kid.is_string());
    portico.stop().await.expect("stops");
    let admin = Admin {
        db: db.clone(),
        dir: dir.path().to_owned(),
    };

    let idle = admin
        .json_with(
            &[("PORTICO_SECRET_KEY_FILE", &old)],
            &["keys", "rotate", "--reason", "r", "--json"],
        )
        .await;
    assert_eq!(idle["rotating"], false);
    assert_eq!(idle["unreadable"], 0);

    // The new key current, the old one previous: nothing is done without --yes.
    let rotating = [
        ("PORTICO_SECRET_KEY_FILE", new.as_str()),
        ("PORTICO_SECRET_KEY_PREVIOUS_FILE", old.as_str()),
    ];
    let asked = admin
        .run_with(
            &rotating,
            &["keys", "rotate", "--reason", "leaked in a backup"],
        )
        .await;
    assert_eq!(asked.status.code(), Some(2));
    let said = String::from_utf8_lossy(&asked.stderr);
    assert!(
        said.contains("1 signing key(s)") && said.contains("--yes"),
        "{said}"
    );
    let portico = start(&new, Some(&old)).await.expect("portico starts");
    assert_eq!(
        http.get(portico.url("/u/0/"))
            .send()
            .await
            .expect("home")
            .status(),
        200,
        "signed in through the rotation"
    );
    let done = admin
        .json_with(
            &rotating,
            &[
                "keys",
                "rotate",
                "--reason",
                "leaked in a backup",
                "--yes",
                "--json",
            ],
        )
        .await;
    assert_eq!(done["rotating"], true);
    assert_eq!(done["signing_keys_resealed"], 1);
    assert_eq!(done["finished"], true, "{done}");
    assert_ne!(done["current_key_id"], done["previous_key_id"]);
    let again = admin
        .json_with(
            &rotating,
            &["keys", "rotate", "--reason", "again", "--yes", "--json"],
        )
        .await;
    assert_eq!(again["signing_keys_resealed"], 0, "nothing left to do");
    portico.stop().await.expect("stops");

    // The old key removed: still signed in, every sealed value opens.
    let portico = start(&new, None).await.expect("portico starts");
    assert_eq!(
        http.get(portico.url("/u/0/"))
            .send()
            .await
            .expect("home")
            .status(),
        200
    );
    let after = admin
        .json_with(
            &[("PORTICO_SECRET_KEY_FILE", &new)],
            &["keys", "rotate", "--reason", "r", "--json"],
        )
        .await;
    assert_eq!(
        (after["rotating"].clone(), after["unreadable"].clone()),
        (false.into(), 0.into())
    );
    let jwks = http
        .get(portico.url("/oauth2/jwks"))
        .send()
        .await
        .expect("jwks");
    assert_eq!(
        jwks.json::<serde_json::Value>().await.expect("json")["keys"][0]["kid"],
        kid
    );
    portico.stop().await.expect("stops");

    // The next rotation left to the worker, which re-keys as it starts.
    let third = key_file(
        dir.path(),
        "third.key",
        "third-secret-key-0123456789abcdef0123",
    );
    let mut worker = with_keys(&third, Some(&new))
        .args(&["worker"])
        .spawn()
        .expect("worker starts");
    worker
        .wait_for_line(
            "re-keyed with the current secret key.*signing_keys=1",
            std::time::Duration::from_secs(30),
        )
        .await
        .expect("the worker re-keys");
    drop(worker);
    let after = admin
        .json_with(
            &[("PORTICO_SECRET_KEY_FILE", &third)],
            &["keys", "rotate", "--reason", "r", "--json"],
        )
        .await;
    assert_eq!(after["unreadable"], 0, "{after}");

    // Had the old key been dropped without the rotation, the signing key would be lost: the
    // check says so.
    let other = key_file(
        dir.path(),
        "other.key",
        "other-secret-key-0123456789abcdef012345",
    );
    let lost = admin
        .json_with(
            &[("PORTICO_SECRET_KEY_FILE", &other)],
            &["keys", "rotate", "--reason", "r", "--json"],
        )
        .await;
    assert_eq!(lost["unreadable"], 1);
}
