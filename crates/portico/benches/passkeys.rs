#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Passkey sign-ins against password sign-ins, over HTTP, in one run: each passkey sign-in
//! is the page's two requests (the options, then the assertion: ceremony kept and taken in
//! PostgreSQL, ES256 verified by webauthn-rs, counter updated, session, audit event); each
//! password sign-in is one (argon2id verification, session, audit event). Same accounts,
//! same concurrency. A software authenticator (`portico_blackbox::passkey`) answers.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made): run it through
//! `bench/passkeys.sh`, which starts PostgreSQL.

use std::sync::Arc;
use std::time::{Duration, Instant};

use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::Password;
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use portico_blackbox::accounts::PASSWORD;
use portico_blackbox::forms::{attribute, cookies_set_by, csrf_in, field};
use portico_blackbox::passkey::SoftPasskey;
use sqlx::PgPool;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

const ACCOUNTS: usize = 64;
const SIGN_INS: usize = 640;
/// Sign-ins in flight at once; each task signs in with accounts of its own, so that no two
/// assertions of one passkey race (a counter seen out of order reads as a clone).
const CONCURRENCY: usize = 16;

fn client(cookies: bool) -> reqwest::Client {
    from(cookies, None)
}

/// A client, sending from `source` when given: each task of the load has a loopback address
/// of its own, as separate people would (sign-in ceremonies are bounded per network).
fn from(cookies: bool, source: Option<std::net::IpAddr>) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(source)
        .cookie_store(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client")
}

/// Account `i` signs in with its password and adds a software passkey.
async fn enrol(base: &str, origin: &str, i: usize) -> SoftPasskey {
    let browser = client(true);
    let page = browser
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("form");
    let token = csrf_in(&page.text().await.expect("html"));
    let address = format!("bench{i}@example.com");
    let fields = [
        ("authenticity_token", token.as_str()),
        ("address", address.as_str()),
        ("password", PASSWORD),
    ];
    let r = browser
        .post(format!("{base}/signin"))
        .header("origin", base)
        .form(&fields)
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303);
    let security = browser
        .get(format!("{base}/u/0/security"))
        .send()
        .await
        .expect("security")
        .text()
        .await
        .expect("html");
    let guard = portico_blackbox::forms::account_guard_in(&security);
    let r = browser
        .post(format!("{base}/u/0/security/passkeys/add"))
        .header("origin", base)
        .form(&guard)
        .send()
        .await
        .expect("add");
    let page = r.text().await.expect("html");
    let options = serde_json::from_str(&attribute(&page, "data-options")).expect("options");
    let (passkey, credential) = SoftPasskey::register(&options, origin);
    let mut fields: Vec<(&str, String)> = portico_blackbox::forms::account_guard_in(&page);
    fields.push(("ceremony", field(&page, "ceremony")));
    fields.push(("credential", credential));
    fields.push(("name", "Bench".to_owned()));
    let r = browser
        .post(format!("{base}/u/0/security/passkeys/finish"))
        .header("origin", base)
        .form(&fields)
        .send()
        .await
        .expect("finish");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    passkey
}

/// A sign-in with the passkey, as the sign-in page's script makes it.
async fn passkey_sign_in(
    client: &reqwest::Client,
    base: &str,
    csrf: &(String, String),
    passkey: &mut SoftPasskey,
) {
    let r = client
        .post(format!("{base}/signin/passkey/options"))
        .header("origin", base)
        .header("cookie", &csrf.1)
        .form(&[("authenticity_token", csrf.0.as_str())])
        .send()
        .await
        .expect("options");
    let started: serde_json::Value = r.json().await.expect("json");
    let assertion = passkey.assert(&started["options"]);
    let ceremony = started["ceremony"].as_str().expect("ceremony");
    let r = client
        .post(format!("{base}/signin/passkey"))
        .header("origin", base)
        .header("cookie", &csrf.1)
        .form(&[
            ("authenticity_token", csrf.0.as_str()),
            ("ceremony", ceremony),
            ("credential", assertion.as_str()),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
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
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Passkeys want a host name: the relying party is localhost, served on 127.0.0.1.
    let env = [
        ("PORTICO_DATABASE_MAX_CONNECTIONS", "20".to_owned()),
        ("PORTICO_PUBLIC_URL", format!("http://localhost:{port}/")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v));
    let config = Config::from_sources(&Sources::new(env, None).expect("sources")).expect("config");
    let app = AppState::new(config, pool.clone(), &key);
    let hash = app
        .passwords
        .hash(&Password::new(PASSWORD, &[]).expect("password"))
        .await
        .expect("hash");
    let mut conn = pool.acquire().await.expect("conn");
    for i in 0..ACCOUNTS {
        let alias = Destination::Email(
            EmailAddress::parse(&format!("bench{i}@example.com")).expect("email"),
        );
        accounts::create(&mut conn, app.clock.now(), "Bench", Some(&hash), &alias)
            .await
            .expect("account");
    }
    drop(conn);
    let base = format!("http://127.0.0.1:{port}");
    let origin = format!("http://localhost:{port}");
    let shutdown = CancellationToken::new();
    tokio::spawn(portico::server::serve(
        listener,
        portico::http::router(app.clone()),
        shutdown.clone(),
        portico::server::ServeOptions {
            grace: Duration::from_secs(5),
            ..Default::default()
        },
    ));
    let mut passkeys = Vec::with_capacity(ACCOUNTS);
    for i in 0..ACCOUNTS {
        passkeys.push(enrol(&base, &origin, i).await);
    }

    let shared = client(false);
    let form = shared
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("form");
    let cookie = cookies_set_by(form.headers());
    let csrf = Arc::new((csrf_in(&form.text().await.expect("html")), cookie));
    let base: Arc<str> = base.into();

    // Each task owns the accounts i ≡ task (mod CONCURRENCY), and their passkeys.
    let mut owned: Vec<Vec<(usize, SoftPasskey)>> = (0..CONCURRENCY).map(|_| Vec::new()).collect();
    for (i, passkey) in passkeys.into_iter().enumerate() {
        owned[i % CONCURRENCY].push((i, passkey));
    }
    let per_task = SIGN_INS / CONCURRENCY;
    let started = Instant::now();
    let mut running = JoinSet::new();
    for (task, mut mine) in owned.clone().into_iter().enumerate() {
        let source = std::net::Ipv4Addr::new(127, 0, 1, u8::try_from(task + 1).expect("few tasks"));
        let client = from(false, Some(source.into()));
        let (base, csrf) = (base.clone(), csrf.clone());
        running.spawn(async move {
            for n in 0..per_task {
                let count = mine.len();
                let (_, passkey) = &mut mine[n % count];
                passkey_sign_in(&client, &base, &csrf, passkey).await;
            }
        });
    }
    while let Some(done) = running.join_next().await {
        done.expect("passkey sign-ins");
    }
    let passkey_rate = (per_task * CONCURRENCY) as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    for (task, mine) in owned.into_iter().enumerate() {
        let source = std::net::Ipv4Addr::new(127, 0, 1, u8::try_from(task + 1).expect("few tasks"));
        let client = from(false, Some(source.into()));
        let (base, csrf) = (base.clone(), csrf.clone());
        let accounts: Vec<usize> = mine.iter().map(|(i, _)| *i).collect();
        running.spawn(async move {
            for n in 0..per_task {
                let address = format!("bench{}@example.com", accounts[n % accounts.len()]);
                let csrf = (csrf.0.as_str(), csrf.1.as_str());
                portico_blackbox::accounts::sign_in_with_password(&client, &base, csrf, &address)
                    .await;
            }
        });
    }
    while let Some(done) = running.join_next().await {
        done.expect("password sign-ins");
    }
    let password_rate = (per_task * CONCURRENCY) as f64 / started.elapsed().as_secs_f64();
    shutdown.cancel();

    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "passkey sign-ins ({ACCOUNTS} accounts, {} sign-ins each way, {CONCURRENCY} in flight; {cpus} CPUs; server, client and PostgreSQL on this machine)",
        per_task * CONCURRENCY
    );
    println!("  passkey sign-ins over HTTP       {passkey_rate:>8.0} /s");
    println!(
        "  baseline: password sign-ins     {password_rate:>8.0} /s   ratio {:.1}",
        passkey_rate / password_rate
    );
}
