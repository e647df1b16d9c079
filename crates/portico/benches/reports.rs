#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Agent reports under load: 1,000 linked devices each sending reports through HTTP (token
//! check, JSON checks, the report's row, the device's update and its two BitLocker recovery
//! keys sealed and kept, in one transaction), in
//! reports per second and p99 latency, against `pgbench`'s write transactions per second
//! (its default TPC-B-like script) on the same PostgreSQL, measured in the same run.
//!
//! Needs `DATABASE_URL` (an admin connection; fresh databases are made) and `pgbench`:
//! run it through `bench/reports.sh`, which provides both.

#[path = "common/writes.rs"]
mod writes;

use std::sync::Arc;
use std::time::{Duration, Instant};

use portico::app::AppState;
use portico::config::{Config, SecretKey, Sources};
use portico::sessions::SessionToken;
use sqlx::PgPool;
use tokio::process::Command;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use writes::{write_mark, writes_since};

const DEVICES: usize = 1000;
const REPORTS: usize = 10_000;
const IN_FLIGHT: usize = 32;

fn p99(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[(samples.len() * 99 / 100).min(samples.len() - 1)]
}

fn report(i: usize) -> serde_json::Value {
    serde_json::json!({
        "version": 2,
        "report_id": uuid::Uuid::new_v4().to_string(),
        "agent": { "version": "0.1.0", "install_id": format!("install-{}", i % DEVICES) },
        "device": {
            "name": format!("PC-{}", i % DEVICES),
            "manufacturer": "Lenovo",
            "model": "ThinkPad X1 Carbon Gen 11",
            "os_name": "Windows 11 Pro",
            "os_edition": "Professional",
            "os_version": "23H2",
            "os_build": "22631.4460",
            "architecture": "x86_64"
        },
        "activation": {
            "license_status": 1, "channel": "Retail", "partial_key": "3V66T", "grace_minutes": 0
        },
        "hardware_signals": ["a".repeat(64), "b".repeat(64), "c".repeat(64)],
        // Version 2's specifications, as a laptop with two drives sends them.
        "specs": {
            "processor": "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz",
            "cores": 4, "logical_processors": 8,
            "memory_installed_bytes": 17_179_869_184_u64, "memory_usable_bytes": 16_889_507_840_u64,
            "system_type": "64-bit operating system, x64-based processor",
            "chassis": "laptop",
            "drives": [
                { "name": "C:", "filesystem": "NTFS", "size_bytes": 511_101_108_224_u64, "free_bytes": 201_326_592_000_u64 },
                { "name": "D:", "filesystem": "NTFS", "size_bytes": 1_000_202_039_296_u64, "free_bytes": 734_003_200_000_u64 }
            ],
            "tpm": { "present": true, "version": "2.0" },
            "secure_boot": true,
            "encryption": [
                { "volume": "C:", "status": "on", "method": "XTS-AES 128" },
                { "volume": "D:", "status": "on", "method": "XTS-AES 128" }
            ]
        },
        // Both volumes' recovery keys, backed up with consent: sealed and upserted each time.
        "recovery_keys": [
            {
                "volume": "C:",
                "protector_id": format!("{{{:08X}-4B5A-4C6D-8E9F-0A1B2C3D4E5F}}", i % DEVICES),
                "recovery_password": "123453-234564-345675-456786-567897-679008-011011-000000"
            },
            {
                "volume": "D:",
                "protector_id": format!("{{{:08X}-1B2C-4D3E-9F8A-7B6C5D4E3F2A}}", i % DEVICES),
                "recovery_password": "111111-222222-333333-444444-555555-666666-099990-700007"
            }
        ]
    })
}

/// `pgbench`'s transactions per second on a fresh database beside ours.
async fn pgbench_tps(admin_url: &str, seconds: u32) -> f64 {
    let pgbench = std::env::var("PGBENCH").unwrap_or_else(|_| "pgbench".to_owned());
    let name = format!("pgbench_{}", uuid::Uuid::new_v4().simple());
    let admin = PgPool::connect(admin_url).await.expect("admin");
    sqlx::query(&format!("create database {name}"))
        .execute(&admin)
        .await
        .expect("create database");
    let mut db = url::Url::parse(admin_url).expect("url");
    db.set_path(&format!("/{name}"));
    let init = Command::new(&pgbench)
        .args(["-i", "-q", "-s", "10", "--no-vacuum", db.as_str()])
        .output()
        .await
        .expect("pgbench -i runs (bench/reports.sh finds it)");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let run = Command::new(&pgbench)
        .args([
            "-n",
            "-c",
            &IN_FLIGHT.to_string(),
            "-j",
            "2",
            "-T",
            &seconds.to_string(),
        ])
        .arg(db.as_str())
        .output()
        .await
        .expect("pgbench runs");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    text.lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a tps line in {text}"))
}

#[tokio::main]
async fn main() {
    portico::tls::install_crypto_provider();
    let admin = std::env::var("DATABASE_URL").expect("DATABASE_URL");
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

    // 1,000 devices of one account, each with its token.
    let account = uuid::Uuid::now_v7();
    sqlx::query("insert into accounts (id, display_name, created_at) values ($1, 'Bench', now())")
        .bind(account)
        .execute(&pool)
        .await
        .expect("account");
    let mut tokens = Vec::with_capacity(DEVICES);
    for i in 0..DEVICES {
        let device = uuid::Uuid::now_v7();
        let token = SessionToken::generate();
        sqlx::query(
            "insert into devices (id, account_id, name, backup_recovery_keys, linked_at)
             values ($1, $2, $3, true, now())",
        )
        .bind(device)
        .bind(account)
        .bind(format!("PC-{i}"))
        .execute(&pool)
        .await
        .expect("device");
        sqlx::query(
            "insert into device_tokens (token_hash, device_id, created_at) values ($1, $2, now())",
        )
        .bind(token.hash().as_slice())
        .bind(device)
        .execute(&pool)
        .await
        .expect("token");
        tokens.push(token.as_str().to_owned());
    }
    let tokens: Arc<[String]> = tokens.into();

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
            grace: Duration::from_secs(5),
            ..Default::default()
        },
    ));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .expect("client");
    let url: Arc<str> = format!("{base}/api/agent/v1/report").into();

    let send = |i: usize| {
        let (client, url, tokens) = (client.clone(), url.clone(), tokens.clone());
        async move {
            let body = report(i);
            let started = Instant::now();
            let r = client
                .put(&*url)
                .bearer_auth(&tokens[i % DEVICES])
                .json(&body)
                .send()
                .await
                .expect("report");
            assert_eq!(r.status(), 204);
            started.elapsed()
        }
    };
    // Warm-up: every device reports once.
    let mut running = JoinSet::new();
    for i in 0..DEVICES {
        if running.len() >= IN_FLIGHT {
            running.join_next().await.expect("a job").expect("ok");
        }
        running.spawn(send(i));
    }
    while running.join_next().await.is_some() {}

    let mark = write_mark(&pool).await;
    let started = Instant::now();
    let mut samples = Vec::with_capacity(REPORTS);
    for i in 0..REPORTS {
        if running.len() >= IN_FLIGHT {
            samples.push(running.join_next().await.expect("a job").expect("ok"));
        }
        running.spawn(send(i));
    }
    while let Some(done) = running.join_next().await {
        samples.push(done.expect("ok"));
    }
    let elapsed = started.elapsed();
    let rate = REPORTS as f64 / elapsed.as_secs_f64();
    let latency = p99(samples);
    let writes = writes_since(&pool, &mark, REPORTS).await;
    shutdown.cancel();

    let seconds = u32::try_from(elapsed.as_secs().clamp(5, 30)).unwrap_or(10);
    let tps = pgbench_tps(&admin, seconds).await;
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "reports benchmark ({DEVICES} devices, {REPORTS} reports, {IN_FLIGHT} in flight; {cpus} CPUs; server, client and PostgreSQL on this machine)"
    );
    println!(
        "  reports over HTTP                {rate:>9.0} /s   p99 {:.2} ms",
        latency.as_secs_f64() * 1000.0
    );
    println!(
        "  baseline: pgbench write TPS      {tps:>9.0} /s   ratio {:.2}",
        rate / tps
    );
    println!("  database per report: {writes}");
}
