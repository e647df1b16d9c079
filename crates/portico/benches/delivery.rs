#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
//! Codes and the outbox under load, each figure against a baseline from the same run:
//!
//! 1. "Send a new code" through HTTP (CSRF check, row lock, limits, new code hash, outbox
//!    insert, NOTIFY) against bare INSERTs of the same two rows.
//! 2. Draining the outbox to maildev against sending the same emails straight through SMTP.
//!
//! Needs `DATABASE_URL` (an admin connection; a fresh database is made) and the npm peers:
//! run it through `bench/delivery.sh`, which provides both.

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use portico::app::AppState;
use portico::clock::{Clock, ManualClock};
use portico::config::{Config, SecretKey, Sources};
use portico::contact::{Destination, EmailAddress};
use portico::outbox::email::SmtpSender;
use portico::outbox::{Deliverer, Message, RenderContext};
use portico::signup::pending::{self, NewPending};
use portico::verification::CodePolicy;
use portico::verification::challenges::{self, Purpose};
use portico_blackbox::forms::csrf_in;
use portico_blackbox::load::rate;
use portico_blackbox::peers::Maildev;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

const REQUESTS: usize = 2000;
const CONCURRENCY: usize = 16;

fn config(smtp_port: u16) -> Config {
    let smtp = format!("smtp://127.0.0.1:{smtp_port}?tls=none");
    let vars = [
        ("PORTICO_SMTP_URL", smtp.as_str()),
        ("PORTICO_MAIL_FROM", "Portico <bench@portico.test>"),
        ("PORTICO_SEND_LIMIT_PER_DESTINATION", "1000000"),
        ("PORTICO_SEND_LIMIT_PER_IP", "1000000"),
        ("PORTICO_SEND_LIMIT_PER_ACCOUNT", "1000000"),
    ];
    let env = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
    Config::from_sources(&Sources::new(env, None).expect("sources")).expect("config")
}

async fn seed_pending_signups(app: &AppState, count: usize) -> Vec<uuid::Uuid> {
    let mut ids = Vec::with_capacity(count);
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..count {
        let alias = Destination::Email(
            EmailAddress::parse(&format!("bench{i}@example.com")).expect("email"),
        );
        let issued = challenges::issue(
            &mut tx,
            &app.keys,
            &CodePolicy::default(),
            app.clock.now(),
            Purpose::SignUp,
            None,
            &alias,
        )
        .await
        .expect("challenge");
        let new = NewPending {
            display_name: "Bench",
            alias: &alias,
            password_hash: Some("$argon2id$unused"),
            challenge_id: issued.id,
            time_zone: None,
        };
        ids.push(
            pending::insert(&mut tx, app.clock.now(), &new)
                .await
                .expect("pending"),
        );
    }
    tx.commit().await.expect("commit");
    ids
}

async fn bare_inserts(pool: PgPool, i: usize, now: time::OffsetDateTime) {
    let mut tx = pool.begin().await.expect("tx");
    let id = uuid::Uuid::now_v7();
    sqlx::query(
        "insert into challenges (id, purpose, channel, destination, code_hash, created_at, last_sent_at, expires_at)
         values ($1, 'sign_up', 'email', $2, $3, $4, $4, $4 + interval '10 minutes')",
    )
    .bind(id)
    .bind(format!("baseline{i}@example.com"))
    .bind([7u8; 32].as_slice())
    .bind(now)
    .execute(&mut *tx)
    .await
    .expect("challenge");
    sqlx::query(
        "insert into outbox (id, channel, recipient, template, payload, created_at, next_attempt_at)
         values ($1, 'email', $2, 'code', '{}', $3, $3 + interval '1 day')",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(format!("baseline{i}@example.com"))
    .bind(now)
    .execute(&mut *tx)
    .await
    .expect("outbox");
    tx.commit().await.expect("commit");
}

#[tokio::main]
async fn main() {
    portico::tls::install_crypto_provider();
    let maildev = Maildev::start()
        .await
        .expect("maildev (bench/delivery.sh installs it)");
    let url = portico_blackbox::database::fresh_database()
        .await
        .expect("DATABASE_URL");
    let pool = PgPool::connect(&url).await.expect("connect");
    portico::db::migrate(&pool).await.expect("migrate");
    let clock = ManualClock::starting_now();
    let key = SecretKey::parse("benchmark-secret-key-0123456789abcdef").expect("key");
    let app = AppState::with_clock(
        config(maildev.smtp_port),
        pool.clone(),
        &key,
        Arc::new(clock.clone()),
    );

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
            grace: StdDuration::from_secs(5),
            ..Default::default()
        },
    ));

    let ids = Arc::new(seed_pending_signups(&app, REQUESTS).await);
    clock.advance(time::Duration::seconds(61));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let form = client
        .get(format!("{base}/signup"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let csrf = csrf_in(&form);

    // 1. Codes through HTTP against bare inserts.
    let http_rate = rate(REQUESTS, CONCURRENCY, |i| {
        let (client, base, csrf, ids) = (client.clone(), base.clone(), csrf.clone(), ids.clone());
        async move {
            let p = ids[i].to_string();
            let r = client
                .post(format!("{base}/signup/resend"))
                .header("origin", &base)
                .form(&[("authenticity_token", csrf.as_str()), ("p", p.as_str())])
                .send()
                .await
                .expect("resend");
            assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
        }
    })
    .await;
    let now = clock.now();
    let sql_rate = rate(REQUESTS, CONCURRENCY, |i| {
        bare_inserts(pool.clone(), i, now)
    })
    .await;
    sqlx::query("delete from outbox where recipient like 'baseline%'")
        .execute(&pool)
        .await
        .expect("clean");

    // 2. Draining the outbox (the codes just queued) against sending straight through SMTP.
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox where sent_at is null")
        .fetch_one(&pool)
        .await
        .expect("count");
    let deliverer =
        Deliverer::from_config(&app.config, pool.clone(), app.clock.clone()).expect("deliverer");
    let started = Instant::now();
    while deliverer.deliver_due().await.expect("drain") > 0 {}
    let drain_rate = queued as f64 / started.elapsed().as_secs_f64();
    let sent: i64 = sqlx::query_scalar("select count(*) from outbox where sent_at is not null")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(sent, queued, "every queued message was sent");

    let smtp = app.config.delivery.smtp.clone().expect("smtp");
    let sender = Arc::new(
        SmtpSender::new(&smtp, &app.config.delivery.mail_from, "portico.test").expect("sender"),
    );
    let render = RenderContext::new(&app.config.public_url);
    let message = Message::Code {
        purpose: "sign_up".into(),
        code: "123456".into(),
        minutes: 10,
    };
    let email = Arc::new(message.render_email(&render).expect("render"));
    let direct_rate = rate(queued as usize, CONCURRENCY, |i| {
        let (sender, email) = (sender.clone(), email.clone());
        async move {
            sender
                .send(
                    uuid::Uuid::now_v7(),
                    &format!("direct{i}@example.com"),
                    &email,
                )
                .await
                .expect("direct send");
        }
    })
    .await;

    // 3. The drain with one worker against two (each its own deliverer, as two processes
    // would be: they share the queue through `for update skip locked`).
    let queue = |tag: &'static str| {
        let (pool, now) = (pool.clone(), clock.now());
        async move {
            let mut conn = pool.acquire().await.expect("conn");
            for i in 0..REQUESTS {
                let code = Message::Code {
                    purpose: "sign_up".into(),
                    code: "123456".into(),
                    minutes: 10,
                };
                portico::outbox::enqueue(
                    &mut conn,
                    now,
                    portico::contact::Channel::Email,
                    &format!("{tag}{i}@example.com"),
                    &code,
                )
                .await
                .expect("queue");
            }
        }
    };
    let drain = |workers: usize| {
        let (pool, app) = (pool.clone(), app.clone());
        async move {
            let started = Instant::now();
            let mut all = Vec::new();
            for _ in 0..workers {
                let deliverer =
                    Deliverer::from_config(&app.config, pool.clone(), app.clock.clone())
                        .expect("deliverer");
                all.push(tokio::spawn(async move {
                    while deliverer.deliver_due().await.expect("drain") > 0 {}
                }));
            }
            for worker in all {
                worker.await.expect("worker");
            }
            REQUESTS as f64 / started.elapsed().as_secs_f64()
        }
    };
    queue("one").await;
    let one_worker = drain(1).await;
    queue("two").await;
    let two_workers = drain(2).await;
    let unsent: i64 = sqlx::query_scalar("select count(*) from outbox where sent_at is null")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(unsent, 0, "every message was sent");

    println!("delivery benchmark ({REQUESTS} requests, {CONCURRENCY} at a time)");
    println!("  send a new code over HTTP   {http_rate:>9.0} /s");
    println!(
        "  baseline: bare inserts      {sql_rate:>9.0} /s   ratio {:.2}",
        http_rate / sql_rate
    );
    println!("  outbox drain to maildev     {drain_rate:>9.0} /s");
    println!(
        "  baseline: direct SMTP sends {direct_rate:>9.0} /s   ratio {:.2}",
        drain_rate / direct_rate
    );
    println!("  outbox drain, 2 workers     {two_workers:>9.0} /s");
    println!(
        "  baseline: 1 worker          {one_worker:>9.0} /s   ratio {:.2}",
        two_workers / one_worker
    );
    shutdown.cancel();
}
