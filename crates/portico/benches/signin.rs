#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Sign-in under load, each figure against a baseline from the same run:
//!
//! 1. Password sign-ins per second through HTTP (CSRF check, alias lookup, throttle check,
//!    argon2id verification, new session, audit event) against raw argon2id verifications
//!    per second at the same parameters, as many at once as the server allows (one per CPU).
//! 2. The 99th percentile latency of a signed-in page while sign-ins flood the server,
//!    against its 99th percentile when the server is quiet.
//! 3. The floor under (2): the same page while raw argon2id runs on the hashing threads'
//!    count of threads at idle priority, with no sign-in at all — what memory-hard work
//!    beside the page costs on this hardware whatever the server does. (2) and (3) are
//!    measured in alternation, three windows each, and (2) is reported against (3).
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made): run it through
//! `bench/signin.sh`, which starts PostgreSQL.

#[path = "common/writes.rs"]
mod writes;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use argon2::password_hash::PasswordVerifier;
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::{HashParams, Password, matches_in_kept_memory};
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use portico_blackbox::accounts::PASSWORD;
use portico_blackbox::forms::{cookies_set_by, csrf_in};
use portico_blackbox::load::rate;
use sqlx::PgPool;
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use writes::{write_mark, writes_since};

const ACCOUNTS: usize = 64;
const SIGN_INS: usize = 400;
/// Sign-ins in flight at once: more than the hashing permits, so requests queue.
const CONCURRENCY: usize = 16;
const PAGE_REQUESTS: usize = 2000;
/// The pace of page requests: 200 a second.
const PAGE_EVERY: Duration = Duration::from_millis(5);
/// Windows of the flood and of the floor, alternated; each p99 is over all of its windows.
const ROUNDS: usize = 3;

fn p99(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[(samples.len() * 99 / 100).min(samples.len() - 1)]
}

/// Latencies of `count` requests for a signed-in page, one every `PAGE_EVERY` as a steady
/// stream of readers would send them (not back to back, which would measure saturation).
async fn page_latencies(client: &reqwest::Client, url: &str, count: usize) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(count);
    let mut running = JoinSet::new();
    let mut pace = tokio::time::interval(PAGE_EVERY);
    pace.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for _ in 0..count {
        pace.tick().await;
        let (client, url) = (client.clone(), url.to_owned());
        running.spawn(async move {
            let started = Instant::now();
            let r = client.get(&url).send().await.expect("page");
            assert_eq!(r.status(), 200);
            r.bytes().await.expect("body");
            started.elapsed()
        });
        while let Some(done) = running.try_join_next() {
            samples.push(done.expect("ok"));
        }
    }
    while let Some(done) = running.join_next().await {
        samples.push(done.expect("ok"));
    }
    samples
}

/// One sign-in with a fresh browser (only the CSRF cookie), so that sessions never pile up
/// in one browser.
async fn sign_in(client: reqwest::Client, base: Arc<str>, csrf: Arc<(String, String)>, i: usize) {
    let address = format!("bench{}@example.com", i % ACCOUNTS);
    let csrf = (csrf.0.as_str(), csrf.1.as_str());
    portico_blackbox::accounts::sign_in_with_password(&client, &base, csrf, &address).await;
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
    // `PORTICO_HASH_THREADS` from the environment, as an operator would set it.
    let env = [("PORTICO_DATABASE_MAX_CONNECTIONS", "20")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .chain(
            std::env::var("PORTICO_HASH_THREADS").map(|v| ("PORTICO_HASH_THREADS".to_owned(), v)),
        );
    let config = Config::from_sources(&Sources::new(env, None).expect("sources")).expect("config");
    let hash_threads = config.hash_threads;
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
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let form = client
        .get(format!("{base}/signin"))
        .send()
        .await
        .expect("form");
    let cookie = cookies_set_by(form.headers());
    let token = csrf_in(&form.text().await.expect("html"));
    let csrf = Arc::new((token, cookie));

    // A signed-in browser whose page is measured.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
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
    let own_csrf = csrf_in(&page);
    let r = browser
        .post(format!("{base}/signin"))
        .header("origin", &*base)
        .form(&[
            ("authenticity_token", own_csrf.as_str()),
            ("address", "bench0@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303);
    let page_url = format!("{base}/u/0/");
    page_latencies(&browser, &page_url, 200).await; // warm-up

    // 1. Raw argon2id verifications, as many at once as the server hashes (one per CPU).
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let params = HashParams::default();
    let stored: Arc<str> = hash.clone().into();
    let raw_rate = rate(SIGN_INS, cpus, |_| {
        let stored = stored.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let p = Params::new(
                    params.memory_kib,
                    params.iterations,
                    params.parallelism,
                    None,
                )
                .expect("params");
                let parsed = PasswordHash::new(&stored).expect("phc");
                Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
                    .verify_password(PASSWORD.as_bytes(), &parsed)
                    .expect("verifies");
            })
            .await
            .expect("verify");
        }
    })
    .await;
    // The same, each thread keeping its argon2 memory between verifications, as the
    // server's hashing threads do: the fastest raw verification, for a fair second baseline.
    let kept_rate = rate(SIGN_INS, cpus, |_| {
        let stored = stored.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                assert!(matches_in_kept_memory(&stored, PASSWORD.as_bytes()));
            })
            .await
            .expect("verify");
        }
    })
    .await;
    let mark = write_mark(&pool).await;
    let http_rate = rate(SIGN_INS, CONCURRENCY, |i| {
        sign_in(client.clone(), base.clone(), csrf.clone(), i)
    })
    .await;
    let writes = writes_since(&pool, &mark, SIGN_INS).await;

    // 2. and 3. Page latency quiet, then under a sign-in flood and beside raw argon2id (the
    // floor) in alternation, `ROUNDS` times: a p99 of one short window moves by a third
    // between runs on a shared machine, and alternating keeps drift out of the ratio.
    let quiet = p99(page_latencies(&browser, &page_url, PAGE_REQUESTS).await);
    let (mut flood_samples, mut floor_samples) = (Vec::new(), Vec::new());
    let (mut flood_sign_ins, mut window) = (0, Duration::ZERO);
    for _ in 0..ROUNDS {
        let (samples, done, took) = during_flood(&browser, &page_url, &client, &base, &csrf).await;
        flood_samples.extend(samples);
        flood_sign_ins += done;
        window += took;
        floor_samples.extend(beside_raw_argon2(&browser, &page_url, &stored, hash_threads).await);
    }
    let (loaded, floor) = (p99(flood_samples), p99(floor_samples));

    println!(
        "sign-in benchmark ({SIGN_INS} sign-ins, {CONCURRENCY} in flight; {cpus} CPUs, \
         PORTICO_HASH_THREADS={hash_threads})"
    );
    println!("  password sign-ins over HTTP        {http_rate:>8.1} /s");
    println!("  database per sign-in: {writes}");
    println!(
        "  baseline: raw argon2id verifies    {raw_rate:>8.1} /s   ratio {:.2}",
        http_rate / raw_rate
    );
    println!(
        "  baseline: raw, memory kept         {kept_rate:>8.1} /s   ratio {:.2}",
        http_rate / kept_rate
    );
    println!(
        "  signed-in page p99 during a flood  {:>8.2} ms  ({flood_sign_ins} sign-ins done meanwhile, {:.0} /s)",
        loaded.as_secs_f64() * 1000.0,
        flood_sign_ins as f64 / window.as_secs_f64()
    );
    println!(
        "  baseline: the same page quiet      {:>8.2} ms   ratio {:.2}",
        quiet.as_secs_f64() * 1000.0,
        loaded.as_secs_f64() / quiet.as_secs_f64()
    );
    println!(
        "  floor: the page beside raw argon2id {:>8.2} ms   ratio {:.2} to quiet (idle priority, no sign-in)",
        floor.as_secs_f64() * 1000.0,
        floor.as_secs_f64() / quiet.as_secs_f64()
    );
    println!(
        "  page p99 during a flood / floor              ratio {:.2} ({ROUNDS} rounds of each, alternated)",
        loaded.as_secs_f64() / floor.as_secs_f64()
    );
    shutdown.cancel();
}

/// The page's latencies while sign-ins flood the server (`CONCURRENCY` in flight), measured
/// once every slot has turned over; also how many sign-ins finished meanwhile, and in what
/// time.
async fn during_flood(
    browser: &reqwest::Client,
    page_url: &str,
    client: &reqwest::Client,
    base: &Arc<str>,
    csrf: &Arc<(String, String)>,
) -> (Vec<Duration>, usize, Duration) {
    let flooding = CancellationToken::new();
    let completed = Arc::new(AtomicUsize::new(0));
    let in_full_swing = Arc::new(Notify::new());
    let flood = {
        let (client, base, csrf, flooding) =
            (client.clone(), base.clone(), csrf.clone(), flooding.clone());
        let (completed, in_full_swing) = (completed.clone(), in_full_swing.clone());
        tokio::spawn(async move {
            let mut running = JoinSet::new();
            let mut i = 0;
            while !flooding.is_cancelled() {
                if running.len() >= CONCURRENCY {
                    running.join_next().await.expect("a job").expect("job ok");
                    if completed.fetch_add(1, Ordering::Relaxed) + 1 == CONCURRENCY {
                        in_full_swing.notify_one();
                    }
                }
                running.spawn(sign_in(client.clone(), base.clone(), csrf.clone(), i));
                i += 1;
            }
            running.shutdown().await;
        })
    };
    in_full_swing.notified().await;
    let before = completed.load(Ordering::Relaxed);
    let started = Instant::now();
    let samples = page_latencies(browser, page_url, PAGE_REQUESTS).await;
    let window = started.elapsed();
    let done = completed.load(Ordering::Relaxed) - before;
    flooding.cancel();
    flood.await.expect("flood");
    (samples, done, window)
}

/// The page's latencies while raw argon2id runs on `threads` threads at idle priority, as
/// the server's hashing threads do, with no sign-in at all.
async fn beside_raw_argon2(
    browser: &reqwest::Client,
    page_url: &str,
    stored: &Arc<str>,
    threads: usize,
) -> Vec<Duration> {
    let stop = Arc::new(AtomicBool::new(false));
    let hashing: Vec<_> = (0..threads)
        .map(|_| {
            let (stop, stored) = (stop.clone(), stored.clone());
            std::thread::spawn(move || {
                use thread_priority::{
                    NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
                };
                let _ = thread_priority::set_thread_priority_and_policy(
                    thread_priority::thread_native_id(),
                    ThreadPriority::Min,
                    ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle),
                );
                while !stop.load(Ordering::Relaxed) {
                    assert!(matches_in_kept_memory(&stored, PASSWORD.as_bytes()));
                }
            })
        })
        .collect();
    let samples = page_latencies(browser, page_url, PAGE_REQUESTS).await;
    stop.store(true, Ordering::Relaxed);
    for thread in hashing {
        thread.join().expect("floor thread");
    }
    samples
}
