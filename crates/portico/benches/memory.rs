#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! The memory of a real `portico serve` (the release binary, its resident set read from
//! `/proc`): idle after start, at its peak under page load (`wrk` on Your Info), at its peak
//! under a sign-in flood, and as it falls back once the flood ends (every second for a
//! minute). Sign-ins per second during the flood are printed for context; the ratio against
//! raw argon2id is `bench/signin.sh`'s.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made), `wrk` and the
//! release binary beside this benchmark: run it through `bench/memory.sh`.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use portico::auth::accounts;
use portico::auth::password::{HashParams, Password, PasswordHasher};
use portico::contact::{Destination, EmailAddress};
use portico_blackbox::server::PorticoBuilder;
use tokio::task::JoinSet;

mod common;

const ACCOUNTS: usize = 16;
/// Sign-ins in flight at once during the flood.
const CONCURRENCY: usize = 16;
const PASSWORD: &str = "violet tundra kettle march";

fn seconds() -> u64 {
    std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

/// The process's resident set, in MiB.
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS");
    kib / 1024.0
}

/// Waits until the resident set is back within 4 MiB of `idle` (the hashing threads give
/// their memory back a few seconds after the last sign-in), for at most 30 seconds.
async fn settle(pid: u32, idle: f64) {
    let started = Instant::now();
    while rss_mib(pid) > idle + 4.0 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Samples the resident set every 50 ms until `stop`: the peak, in MiB.
fn peak_while(pid: u32, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<f64> {
    std::thread::spawn(move || {
        let mut peak: f64 = 0.0;
        while !stop.load(Ordering::Relaxed) {
            peak = peak.max(rss_mib(pid));
            std::thread::park_timeout(Duration::from_millis(50));
        }
        peak.max(rss_mib(pid))
    })
}

#[tokio::main]
async fn main() {
    portico::tls::install_crypto_provider();
    let url = portico_blackbox::database::fresh_database()
        .await
        .expect("DATABASE_URL");
    let pool = sqlx::PgPool::connect(&url).await.expect("connect");
    portico::db::migrate(&pool).await.expect("migrate");
    let hasher = PasswordHasher::new(HashParams::default(), 1).expect("hasher");
    let hash = hasher
        .hash(&Password::new(PASSWORD, &[]).expect("password"))
        .await
        .expect("hash");
    let mut conn = pool.acquire().await.expect("conn");
    for i in 0..ACCOUNTS {
        let alias = Destination::Email(
            EmailAddress::parse(&format!("bench{i}@example.com")).expect("email"),
        );
        let now = portico::clock::Clock::now(&portico::clock::SystemClock);
        accounts::create(&mut conn, now, "Bench", Some(&hash), &alias)
            .await
            .expect("account");
    }
    drop(conn);
    pool.close().await;

    let portico = PorticoBuilder::new()
        .database_url(&url)
        .env(
            "PORTICO_SECRET_KEY",
            "benchmark-secret-key-0123456789abcdef",
        )
        .env(
            "PORTICO_DATA_DIR",
            std::env::temp_dir().display().to_string(),
        )
        .start()
        .await
        .expect("portico starts");
    let pid = portico.process.pid().expect("pid");
    let base = portico.base_url.clone();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let csrf = common::sign_in_form(&http, &base).await;
    let idle = rss_mib(pid);

    // Page load: wrk on Your Info of a signed-in browser, once the sign-in's hashing memory
    // has been given back (pages are what this phase measures).
    let cookie = common::sign_in(&http, &base, &csrf, "bench0@example.com", PASSWORD).await;
    settle(pid, idle).await;
    let settled = rss_mib(pid);
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = peak_while(pid, stop.clone());
    let info = format!("{base}/u/0/info");
    let wrk = tokio::task::spawn_blocking(move || {
        Command::new("wrk")
            .args(["-t1", "-c32", "-d"])
            .arg(format!("{}s", seconds()))
            .args(["-H", &format!("Cookie: {cookie}"), &info])
            .output()
            .expect("wrk runs (bench/memory.sh installs it)")
    })
    .await
    .expect("wrk");
    assert!(wrk.status.success(), "wrk failed");
    stop.store(true, Ordering::Relaxed);
    let under_pages = sampler.join().expect("sampler");

    let before_flood = rss_mib(pid);

    // The flood: CONCURRENCY sign-ins at a time for BENCH_SECONDS.
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = peak_while(pid, stop.clone());
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut flood = JoinSet::new();
    for worker in 0..CONCURRENCY {
        let (http, base, csrf, done) = (http.clone(), base.clone(), csrf.clone(), done.clone());
        flood.spawn(async move {
            let mut i = worker;
            while started.elapsed() < Duration::from_secs(seconds()) {
                let address = format!("bench{}@example.com", i % ACCOUNTS);
                common::sign_in(&http, &base, &csrf, &address, PASSWORD).await;
                done.fetch_add(1, Ordering::Relaxed);
                i += CONCURRENCY;
            }
        });
    }
    while let Some(joined) = flood.join_next().await {
        joined.expect("flood");
    }
    let flood_secs = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let under_flood = sampler.join().expect("sampler");

    // Afterwards: once a second for a minute, or until it is back near idle.
    let ended = Instant::now();
    let mut after = Vec::new();
    let mut pace = tokio::time::interval(Duration::from_secs(1));
    pace.tick().await;
    for _ in 0..60 {
        pace.tick().await;
        after.push((ended.elapsed().as_secs(), rss_mib(pid)));
    }
    let at = |s: u64| {
        after
            .iter()
            .find(|(t, _)| *t >= s)
            .map_or(f64::NAN, |(_, m)| *m)
    };
    let back_below_20 = after.iter().find(|(_, m)| *m <= 20.0).map(|(t, _)| *t);

    let sign_ins = done.load(Ordering::Relaxed);
    println!(
        "Memory of `portico serve` (resident set from /proc; {} s per phase)",
        seconds()
    );
    println!("  idle after start                 {idle:>7.1} MiB");
    println!("  signed in, hashing memory freed  {settled:>7.1} MiB");
    println!("  peak under page load (wrk, 32)   {under_pages:>7.1} MiB");
    println!("  after the page load              {before_flood:>7.1} MiB");
    println!(
        "  peak under a sign-in flood       {under_flood:>7.1} MiB   ({sign_ins} sign-ins, {:.1} /s, {CONCURRENCY} in flight)",
        sign_ins as f64 / flood_secs
    );
    println!("  5 s after the flood              {:>7.1} MiB", at(5));
    println!("  30 s after                       {:>7.1} MiB", at(30));
    println!("  60 s after                       {:>7.1} MiB", at(60));
    match back_below_20 {
        Some(t) => println!("  back to ≤ 20 MiB after           {t:>7} s"),
        None => println!("  not back to ≤ 20 MiB within a minute"),
    }
    portico.stop().await.expect("stops");
}
