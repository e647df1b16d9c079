#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Signed-in pages under `wrk`: requests per second and p50/p99 for Your Info of an account
//! with three aliases (one statement: the session lookup brings the account and its
//! aliases; the activity touch once a minute; a page rendered with the account menu and a
//! form guard per form), Security, Devices and Recent activity, against two baselines in
//! the same run: the *ceiling* (`bench/ceiling`, a minimal axum + sqlx server answering a
//! page of Your Info's size after one primary-key query) and `/readyz` (one query, a few
//! bytes) through Portico's layers.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made), `wrk` and
//! `PORTICO_CEILING_BIN` (the ceiling's release binary): run it through `bench/your-info.sh`,
//! which provides all three.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::Password;
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use tokio_util::sync::CancellationToken;

mod common;

const PASSWORD: &str = "violet tundra kettle march";

/// What `wrk --latency` reports for one target.
struct Figures {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

impl Figures {
    /// Each figure's median over `runs`.
    fn median(runs: Vec<Figures>) -> Figures {
        let median = |pick: fn(&Figures) -> f64| {
            let mut values: Vec<f64> = runs.iter().map(pick).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        Figures {
            per_second: median(|f| f.per_second),
            p50_ms: median(|f| f.p50_ms),
            p99_ms: median(|f| f.p99_ms),
        }
    }
}

/// `850.00us`, `1.23ms`, `1.02s` → milliseconds.
fn millis(text: &str) -> f64 {
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .unwrap_or_else(|_| panic!("a number in {text}"));
    match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        other => panic!("unknown unit {other} in {text}"),
    }
}

fn wrk(url: &str, cookie: &str) -> Figures {
    let seconds = std::env::var("BENCH_SECONDS").unwrap_or_else(|_| "10".to_owned());
    let connections = std::env::var("BENCH_CONNECTIONS").unwrap_or_else(|_| "16".to_owned());
    let out = Command::new("wrk")
        .args(["-t1", "--latency", "-c", &connections, "-d"])
        .arg(format!("{seconds}s"))
        .args(["-H", &format!("Cookie: {cookie}"), url])
        .output()
        .expect("wrk runs (bench/your-info.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "wrk failed: {text}");
    assert!(!text.contains("Non-2xx"), "{url} answered errors:\n{text}");
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(prefix))
            .map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_else(|| panic!("{prefix} in {text}"))
    };
    Figures {
        per_second: field("Requests/sec:").parse().expect("requests/sec"),
        p50_ms: millis(&field("50%")),
        p99_ms: millis(&field("99%")),
    }
}

/// Starts the ceiling server on the same database, answering pages of `page_bytes`: the
/// process and its base URL.
fn start_ceiling(
    database_url: &str,
    account: uuid::Uuid,
    page_bytes: usize,
) -> (std::process::Child, String) {
    let bin = std::env::var("PORTICO_CEILING_BIN")
        .expect("PORTICO_CEILING_BIN (bench/your-info.sh builds bench/ceiling)");
    let mut child = Command::new(bin)
        .env("DATABASE_URL", database_url)
        .env("ACCOUNT_ID", account.to_string())
        .env("PAGE_BYTES", page_bytes.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the ceiling starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("its address");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the ceiling says where it listens: {line}"))
        .to_owned();
    (child, format!("http://{addr}"))
}

#[tokio::main]
async fn main() {
    portico::tls::install_crypto_provider();
    let url = portico_blackbox::database::fresh_database()
        .await
        .expect("DATABASE_URL");
    let key = SecretKey::parse("benchmark-secret-key-0123456789abcdef").expect("key");
    // PORTICO_LOG passes through, to measure what logging costs.
    let log = std::env::var("PORTICO_LOG").unwrap_or_else(|_| "info".to_owned());
    let env = [
        ("PORTICO_DATABASE_MAX_CONNECTIONS", "20"),
        ("PORTICO_LOG", log.as_str()),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let config = Config::from_sources(&Sources::new(env, None).expect("sources")).expect("config");
    // Logging as `serve` does (PORTICO_LOG, default info), into a sink.
    portico::telemetry::init_to(&config, std::io::sink).expect("logging");
    // The pool as `serve` opens it.
    let pool = portico::db::pool_options(&config)
        .connect(&url)
        .await
        .expect("connect");
    portico::db::migrate(&pool).await.expect("migrate");
    let app = AppState::new(config, pool.clone(), &key);

    // Jo, with a primary email, a second email and a phone number.
    let hash = app
        .passwords
        .hash(&Password::new(PASSWORD, &[]).expect("password"))
        .await
        .expect("hash");
    let mut conn = pool.acquire().await.expect("conn");
    let jo = Destination::Email(EmailAddress::parse("jo@example.com").expect("email"));
    let account = accounts::create(&mut conn, app.clock.now(), "Jo Marchetti", Some(&hash), &jo)
        .await
        .expect("account");
    // Written as Portico writes them (their readable form with them).
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, readable, verified_at, created_at)
         values (gen_random_uuid(), $1, 'email', 'jo.work@example.com', 'jo.work@example.com', 'jo.work@example.com', now(), now()),
                (gen_random_uuid(), $1, 'phone', '+447911123456', '+447911123456', '+44 7911 123456', now(), now())",
    )
    .bind(account)
    .execute(&mut *conn)
    .await
    .expect("aliases");
    drop(conn);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let shutdown = CancellationToken::new();
    tokio::spawn(portico::server::serve(
        listener,
        portico::http::router(app.clone()),
        shutdown.clone(),
        portico::server::ServeOptions {
            grace: std::time::Duration::from_secs(5),
            ..Default::default()
        },
    ));

    // Sign in as a browser would, and keep its cookies for wrk.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = common::sign_in_form(&client, &base).await;
    let cookie = common::sign_in(&client, &base, &form, "jo@example.com", PASSWORD).await;
    let page = client
        .get(format!("{base}/u/0/info"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("Your Info");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("jo.work@example.com") && html.contains("+44 7911 123456"),
        "Your Info lists the three aliases"
    );

    // `BENCH_TARGETS` (e.g. `info` for bench/profile.sh) picks some; all by default.
    let chosen = std::env::var("BENCH_TARGETS").unwrap_or_default();
    let wanted = |key: &str| chosen.is_empty() || chosen.split(',').any(|k| k.trim() == key);
    let mut ceiling_server = None;
    let mut targets: Vec<(&str, String)> = Vec::new();
    if wanted("ceiling") {
        let (server, ceiling) = start_ceiling(&url, account, html.len());
        ceiling_server = Some(server);
        targets.push(("ceiling (one query)", format!("{ceiling}/page")));
    }
    for (key, name, path) in [
        ("readyz", "/readyz (one query)", "/readyz"),
        ("info", "/u/0/info (3 aliases)", "/u/0/info"),
        ("security", "/u/0/security", "/u/0/security"),
        ("devices", "/u/0/devices", "/u/0/devices"),
        ("activity", "/u/0/activity", "/u/0/activity"),
    ] {
        if wanted(key) {
            targets.push((name, format!("{base}{path}")));
        }
    }
    for (name, url) in &targets {
        let r = client.get(url).header("cookie", &cookie).send().await;
        assert_eq!(
            r.map(|r| r.status().as_u16()).ok(),
            Some(200),
            "{name} answers"
        );
    }
    // Rounds, every target once in each, so that a noisy moment of a shared machine falls
    // on every target alike; each figure is the median of its rounds.
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let measure = move || {
        let mut runs: Vec<Vec<Figures>> = targets.iter().map(|_| Vec::new()).collect();
        for _ in 0..rounds.max(1) {
            for ((_, url), runs) in targets.iter().zip(&mut runs) {
                runs.push(wrk(url, &cookie));
            }
        }
        targets
            .into_iter()
            .zip(runs)
            .map(|((name, _), runs)| (name, Figures::median(runs)))
            .collect::<Vec<_>>()
    };
    let figures = tokio::task::spawn_blocking(measure).await.expect("wrk");
    let rate_of = |prefix: &str| {
        figures
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .map(|(_, f)| f.per_second)
    };
    let (ceiling, info) = (rate_of("ceiling"), rate_of("/u/0/info"));

    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let connections = std::env::var("BENCH_CONNECTIONS").unwrap_or_else(|_| "16".to_owned());
    println!(
        "Signed-in pages (wrk, 1 thread, {connections} connections; median of {rounds} rounds; {cpus} CPUs; servers and PostgreSQL on this machine)"
    );
    println!("  target                   req/s    p50 ms   p99 ms   × ceiling   cost × Your Info");
    let ratio = |a: Option<f64>, b: Option<f64>| {
        a.zip(b)
            .map_or_else(|| "-".to_owned(), |(a, b)| format!("{:.2}", a / b))
    };
    for (name, f) in &figures {
        println!(
            "  {name:<22} {:>8.0} {:>9.2} {:>8.2} {:>9} {:>12}",
            f.per_second,
            f.p50_ms,
            f.p99_ms,
            ratio(Some(f.per_second), ceiling),
            ratio(info, Some(f.per_second)),
        );
    }
    shutdown.cancel();
    if let Some(mut server) = ceiling_server {
        server.kill().expect("the ceiling stops");
        server.wait().expect("the ceiling exits");
    }
}
