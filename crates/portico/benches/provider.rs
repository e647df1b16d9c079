#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Portico as an OpenID Provider under load, each figure against baselines from the same
//! run: raw ES256 signatures per second (the `p256` crate alone, on one thread) and
//! `/readyz` through the same server and client.
//!
//! 1. ID token signatures per second: the claims an exchange builds, signed through the
//!    `openidconnect` crate with Portico's ES256 key (one thread), against raw ES256.
//! 2. Code exchanges per second at `/oauth2/token` (client authentication, the code looked
//!    up, locked and spent, PKCE, a token family, access and refresh tokens stored, the
//!    subject and claims read, an ID token signed), with codes issued beforehand.
//! 3. The whole round trip for a signed-in account: `/oauth2/authorize` (session lookup,
//!    request stored, consent checked, code issued, audit event) then `/oauth2/token`.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made): run it through
//! `bench/provider.sh`, which starts PostgreSQL.

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::Password;
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use portico::idp::config::Client;
use portico::idp::config::{Alg, SubjectType};
use portico::idp::keys::Es256Key;
use portico::idp::store::ClaimsRow;
use portico::idp::tokens::{IdTokenInput, id_token_claims, sign_es256};
use portico_blackbox::accounts::PASSWORD;
use portico_blackbox::forms::csrf_in;
use portico_blackbox::load::rate;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

const SIGNATURES: usize = 4000;
const EXCHANGES: usize = 1500;
const ROUND_TRIPS: usize = 1000;
const CONCURRENCY: usize = 16;
const REDIRECT: &str = "https://app.example/callback";
const SECRET: &str = "bench-client-secret-0123456789abcdefghijklmno";
const VERIFIER: &str = "bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

/// Operations per second of `job`, run `count` times on this thread.
fn per_second(count: usize, mut job: impl FnMut(usize)) -> f64 {
    let started = Instant::now();
    for i in 0..count {
        job(i);
    }
    count as f64 / started.elapsed().as_secs_f64()
}

fn authorize_url(base: &str, i: usize) -> String {
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()));
    format!(
        "{base}/oauth2/authorize?client_id=bench&redirect_uri={}&response_type=code&scope=openid%20email%20offline_access&state=s{i}&nonce=n{i}&code_challenge={challenge}&code_challenge_method=S256",
        url::form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
    )
}

/// One authorization request: the code it answers with.
async fn authorize(browser: &reqwest::Client, base: &str, i: usize) -> String {
    let r = browser
        .get(authorize_url(base, i))
        .send()
        .await
        .expect("authorize");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let to = r.headers()["location"].to_str().expect("ascii").to_owned();
    url::Url::parse(&to)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
        .into_owned()
}

async fn exchange(client: &reqwest::Client, base: &str, code: &str) {
    let r = client
        .post(format!("{base}/oauth2/token"))
        .basic_auth("bench", Some(SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .expect("token");
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.bytes().await.expect("body");
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

    // One account, one first-party confidential app.
    let hash = app
        .passwords
        .hash(&Password::new(PASSWORD, &[]).expect("password"))
        .await
        .expect("hash");
    let mut conn = pool.acquire().await.expect("conn");
    let alias = Destination::Email(EmailAddress::parse("bench@example.com").expect("email"));
    accounts::create(&mut conn, app.clock.now(), "Bench", Some(&hash), &alias)
        .await
        .expect("account");
    let client = Client {
        id: "bench".to_owned(),
        name: "Bench".to_owned(),
        secret_hash: Some(Sha256::digest(SECRET.as_bytes()).into()),
        redirect_uris: vec![REDIRECT.to_owned()],
        post_logout_redirect_uris: Vec::new(),
        scopes: ["openid", "email", "offline_access"]
            .map(str::to_owned)
            .to_vec(),
        first_party: true,
        subject_type: SubjectType::Pairwise,
        signing_alg: Alg::Es256,
    };
    portico::idp::store::put_client(&mut conn, &client, false, app.clock.now())
        .await
        .expect("client");
    drop(conn);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base: Arc<str> = format!("http://{}", listener.local_addr().expect("addr")).into();
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

    // A signed-in browser, and an app's back end.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let page = browser
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let r = browser
        .post(format!("{base}/signin"))
        .header("origin", &*base)
        .form(&[
            ("authenticity_token", csrf_in(&page).as_str()),
            ("address", "bench@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303);
    let backend = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");

    // 1. Signatures on one thread: raw ES256 over an ID token's signing input, then the ID
    // tokens an exchange signs.
    let raw = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).expect("key");
    let message = vec![b'a'; 620];
    let raw_rate = per_second(SIGNATURES, |_| {
        let _: p256::ecdsa::Signature = raw.sign(&message);
    });
    let portico_key = Es256Key::generate("bench");
    let claims = ClaimsRow {
        display_name: "Bench".to_owned(),
        email: Some("bench@example.com".to_owned()),
        phone: None,
    };
    let scopes = ["openid".to_owned(), "email".to_owned()];
    let now = app.clock.now();
    let id_rate = per_second(SIGNATURES, |i| {
        let nonce = format!("n{i}");
        let input = IdTokenInput {
            issuer: "https://id.example.com",
            client_id: "bench",
            subject: "a-pairwise-subject-0123456789",
            scopes: &scopes,
            claims: &claims,
            sid: Some("a-session-id".to_owned()),
            auth_time: now,
            auth_method: Some("password"),
            nonce: Some(&nonce),
            now,
        };
        let access = openidconnect::AccessToken::new("an-access-token".to_owned());
        sign_es256(
            id_token_claims(&input).expect("claims"),
            &portico_key,
            &access,
        )
        .expect("signed");
    });

    // Warm-up: keys made, connections open.
    for i in 0..20 {
        let code = authorize(&browser, &base, i).await;
        exchange(&backend, &base, &code).await;
    }
    let readyz_rate = rate(EXCHANGES, CONCURRENCY, |_| {
        let (client, base) = (backend.clone(), base.clone());
        async move {
            let r = client
                .get(format!("{base}/readyz"))
                .send()
                .await
                .expect("readyz");
            assert_eq!(r.status(), 200);
            r.bytes().await.expect("body");
        }
    })
    .await;

    // 2. Code exchanges, with the codes issued first (they live a minute).
    let mut codes = Vec::with_capacity(EXCHANGES);
    for i in 0..EXCHANGES {
        codes.push(authorize(&browser, &base, i).await);
    }
    let codes: Arc<Vec<String>> = Arc::new(codes);
    let exchange_rate = rate(EXCHANGES, CONCURRENCY, |i| {
        let (client, base, codes) = (backend.clone(), base.clone(), codes.clone());
        async move { exchange(&client, &base, &codes[i]).await }
    })
    .await;

    // 3. Round trips: authorize, then exchange.
    let round_trip_rate = rate(ROUND_TRIPS, CONCURRENCY, |i| {
        let (browser, client, base) = (browser.clone(), backend.clone(), base.clone());
        async move {
            let code = authorize(&browser, &base, i).await;
            exchange(&client, &base, &code).await;
        }
    })
    .await;

    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "Sign in with Portico ({cpus} CPUs; server, client and PostgreSQL on this machine; {CONCURRENCY} at once)"
    );
    println!("  figure                                   per second   × raw ES256   × /readyz");
    let row = |name: &str, r: f64| {
        println!(
            "  {name:<40} {r:>10.0}   {:>11.3}   {:>9.3}",
            r / raw_rate,
            r / readyz_rate
        );
    };
    row("raw ES256 signatures (p256, 1 thread)", raw_rate);
    row("ID token signatures (1 thread)", id_rate);
    row("/readyz (one query)", readyz_rate);
    row("code exchanges at /oauth2/token", exchange_rate);
    row("authorize → code → token round trips", round_trip_rate);
    shutdown.cancel();
}
