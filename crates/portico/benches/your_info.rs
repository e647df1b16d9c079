#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Your Info under `wrk`: requests per second and p50/p99 for a signed-in account with three
//! aliases (one statement: the session lookup brings the account and its aliases; the
//! activity touch once a minute; a page rendered with the account menu and a form guard per
//! form), against `/readyz` (one query, a few bytes) through the same layers, in the same run.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made) and `wrk`: run it
//! through `bench/your-info.sh`, which provides both.

use std::process::Command;

use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::Password;
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use portico_blackbox::forms::{cookies_set_by, csrf_in};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

const PASSWORD: &str = "violet tundra kettle march";

/// What `wrk --latency` reports for one target.
struct Figures {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
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

#[tokio::main]
async fn main() {
    portico::tls::install_crypto_provider();
    let url = portico_blackbox::database::fresh_database()
        .await
        .expect("DATABASE_URL");
    let pool = PgPool::connect(&url).await.expect("connect");
    portico::db::migrate(&pool).await.expect("migrate");
    let key = SecretKey::parse("benchmark-secret-key-0123456789abcdef").expect("key");
    let env = [("PORTICO_DATABASE_MAX_CONNECTIONS", "20")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
    let config = Config::from_sources(&Sources::new(env, None).expect("sources")).expect("config");
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
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
         values (gen_random_uuid(), $1, 'email', 'jo.work@example.com', 'jo.work@example.com', now(), now()),
                (gen_random_uuid(), $1, 'phone', '+447911123456', '+447911123456', now(), now())",
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
    let form = client
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("form");
    let csrf_cookie = cookies_set_by(form.headers());
    let token = csrf_in(&form.text().await.expect("html"));
    let signed_in = client
        .post(format!("{base}/signin"))
        .header("origin", &base)
        .header("cookie", &csrf_cookie)
        .form(&[
            ("authenticity_token", token.as_str()),
            ("address", "jo@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed_in.status(), 303);
    let cookie = format!("{csrf_cookie}; {}", cookies_set_by(signed_in.headers()));
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

    let measure = {
        let base = base.clone();
        move || {
            let baseline = wrk(&format!("{base}/readyz"), &cookie);
            let info = wrk(&format!("{base}/u/0/info"), &cookie);
            (baseline, info)
        }
    };
    let (baseline, info) = tokio::task::spawn_blocking(measure).await.expect("wrk");

    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "Your Info benchmark (wrk, 1 thread; {cpus} CPUs; server and PostgreSQL on this machine)"
    );
    println!("  target                   req/s    p50 ms   p99 ms   ratio");
    for (name, f) in [
        ("/readyz (one query)", &baseline),
        ("/u/0/info (3 aliases)", &info),
    ] {
        println!(
            "  {name:<22} {:>8.0} {:>9.2} {:>8.2} {:>7.2}",
            f.per_second,
            f.p50_ms,
            f.p99_ms,
            f.per_second / baseline.per_second
        );
    }
    shutdown.cancel();
}
