//! Codes and the outbox against real peers: maildev, a STARTTLS+AUTH SMTP server, and
//! Twilio's API shape (prism with Twilio's spec, in front of a recorder).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use portico::app::AppState;
use portico::clock::{Clock, ManualClock};
use portico::contact::{Channel, Destination, EmailAddress, PhoneKind, PhoneNumber};
use portico::outbox::{self, Deliverer, Message};
use portico::verification::Purpose;
use portico::verification::send::{Requester, SendCodeError, SmsRefusal, send_code};
use portico_blackbox::peers::{Maildev, SmtpTls, Twilio, twilio_signature};
use sqlx::PgPool;
use time::Duration;

use crate::support::{TestServer, client, config};

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "twilio-auth-token-for-tests";
const PUBLIC_URL: &str = "https://portico.example.com:8443/";

fn app(pool: &PgPool, vars: &[(&str, &str)], clock: &ManualClock) -> AppState {
    let key =
        portico::config::SecretKey::parse("delivery-test-secret-0123456789abcdef").expect("key");
    AppState::with_clock(config(vars), pool.clone(), &key, Arc::new(clock.clone()))
}

fn deliverer(app: &AppState) -> Deliverer {
    Deliverer::from_config(&app.config, app.db.clone(), app.clock.clone()).expect("deliverer")
}

fn email(address: &str) -> Destination {
    Destination::Email(EmailAddress::parse(address).expect("email"))
}

fn phone(number: &str) -> Destination {
    Destination::Phone(PhoneNumber::parse(number, None).expect("phone"))
}

/// The code a message just queued carries.
#[derive(Debug)]
struct Queued {
    code: String,
}

async fn send(app: &AppState, destination: &Destination) -> Result<Queued, SendCodeError> {
    let mut tx = app.db.begin().await.expect("tx");
    let sent = send_code(
        &mut tx,
        app,
        &Requester::default(),
        Purpose::SignUp,
        destination,
    )
    .await?;
    // Read back from the message itself, before the worker sends and wipes it.
    let code: String = sqlx::query_scalar(
        "select payload->>'code' from outbox where recipient = $1 order by created_at desc limit 1",
    )
    .bind(destination.address())
    .fetch_one(&mut *tx)
    .await
    .expect("the queued message");
    assert!(sent.fresh);
    tx.commit().await.expect("commit");
    Ok(Queued { code })
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    attempts: i32,
    sent_at: Option<time::OffsetDateTime>,
    dead_at: Option<time::OffsetDateTime>,
    next_attempt_at: time::OffsetDateTime,
    last_error: Option<String>,
    provider_message_id: Option<String>,
    payload: serde_json::Value,
    delivery_status: Option<String>,
    delivery_error_code: Option<i32>,
}

async fn only_row(pool: &PgPool) -> Row {
    sqlx::query_as(
        "select attempts, sent_at, dead_at, next_attempt_at, last_error, provider_message_id, payload,
                delivery_status, delivery_error_code from outbox",
    )
    .fetch_one(pool)
    .await
    .expect("exactly one outbox row")
}

fn smtp_vars(url: &str) -> Vec<(&str, &str)> {
    vec![
        ("PORTICO_SMTP_URL", url),
        ("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>"),
    ]
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn email_codes_reach_the_smtp_server_and_leave_no_code_behind(pool: PgPool) {
    let maildev = Maildev::start().await.expect("maildev");
    let url = format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port);
    let clock = ManualClock::starting_now();
    let app = app(&pool, &smtp_vars(&url), &clock);
    let issued = send(&app, &email("Jo@Example.com")).await.expect("sent");
    assert!(
        maildev.messages().await.expect("mail").is_empty(),
        "nothing is sent inside the request"
    );

    assert_eq!(deliverer(&app).deliver_due().await.expect("deliver"), 1);
    let mail = maildev.messages().await.expect("mail");
    assert_eq!(mail.len(), 1);
    let message = &mail[0];
    assert_eq!(
        message["subject"],
        format!("{} is your Portico code", issued.code.as_str())
    );
    assert_eq!(message["to"][0]["address"], "Jo@example.com");
    assert!(
        message["text"]
            .as_str()
            .expect("text")
            .contains(issued.code.as_str())
    );
    assert!(
        message["html"]
            .as_str()
            .expect("html")
            .contains(issued.code.as_str())
    );

    let row = only_row(&pool).await;
    assert!(row.sent_at.is_some());
    assert!(
        row.payload.get("code").is_none(),
        "the code is wiped once sent: {}",
        row.payload
    );
    let message_id = row.provider_message_id.expect("message id");
    assert!(message_id.ends_with("@127.0.0.1>"), "{message_id}");
    assert_eq!(message["headers"]["message-id"], message_id.as_str());
    assert_eq!(
        deliverer(&app).deliver_due().await.expect("deliver"),
        0,
        "sent once"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn with_smtp_down_messages_wait_and_go_out_when_it_returns(pool: PgPool) {
    let port = portico_blackbox::free_port();
    let url = format!("smtp://127.0.0.1:{port}?tls=none");
    let clock = ManualClock::starting_now();
    let app = app(&pool, &smtp_vars(&url), &clock);
    send(&app, &email("jo@example.com")).await.expect("queued");

    assert_eq!(deliverer(&app).deliver_due().await.expect("attempt"), 1);
    let row = only_row(&pool).await;
    assert_eq!((row.attempts, row.sent_at, row.dead_at), (1, None, None));
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("SMTP"),
        "{row:?}"
    );
    let wait = row.next_attempt_at - clock.now();
    assert!(
        wait >= Duration::seconds(24) && wait <= Duration::seconds(36),
        "first retry after ~30 s: {wait}"
    );
    assert_eq!(
        deliverer(&app).deliver_due().await.expect("attempt"),
        0,
        "not due yet"
    );

    let maildev = Maildev::start_on(port).await.expect("maildev comes back");
    clock.advance(Duration::minutes(1));
    assert_eq!(deliverer(&app).deliver_due().await.expect("attempt"), 1);
    assert_eq!(maildev.messages().await.expect("mail").len(), 1);
    let row = only_row(&pool).await;
    assert_eq!(row.attempts, 2);
    assert!(row.sent_at.is_some());
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn starttls_and_auth_are_used_when_required(pool: PgPool) {
    let server = SmtpTls::start("portico", "s3cret/pass")
        .await
        .expect("smtp server");
    let ca = server.ca_file.display().to_string();
    let url = format!(
        "smtp://portico:s3cret%2Fpass@127.0.0.1:{}?tls=required",
        server.port
    );
    let clock = ManualClock::starting_now();
    let mut vars = smtp_vars(&url);
    vars.push(("PORTICO_SMTP_CA_FILE", &ca));
    let app = app(&pool, &vars, &clock);
    let issued = send(&app, &email("jo@example.com")).await.expect("queued");
    assert_eq!(deliverer(&app).deliver_due().await.expect("deliver"), 1);
    let row = only_row(&pool).await;
    assert!(row.sent_at.is_some(), "{row:?}");
    let received = server.messages().expect("maildir");
    assert_eq!(received.len(), 1);
    assert!(received[0].contains(issued.code.as_str()));

    // A wrong password is refused by the server with a permanent error: dead at once.
    let wrong = format!(
        "smtp://portico:wrong@127.0.0.1:{}?tls=required",
        server.port
    );
    let mut vars = smtp_vars(&wrong);
    vars.push(("PORTICO_SMTP_CA_FILE", &ca));
    let app = self::app(&pool, &vars, &clock);
    sqlx::query("delete from outbox")
        .execute(&pool)
        .await
        .expect("clear");
    send(&app, &email("jo@example.com")).await.expect("queued");
    deliverer(&app).deliver_due().await.expect("attempt");
    let row = only_row(&pool).await;
    assert!(
        row.dead_at.is_some()
            && row
                .last_error
                .as_deref()
                .unwrap_or_default()
                .contains("535"),
        "{row:?}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn tls_is_refused_from_a_server_we_do_not_trust(pool: PgPool) {
    let server = SmtpTls::start("portico", "pass")
        .await
        .expect("smtp server");
    let url = format!("smtp://portico:pass@127.0.0.1:{}?tls=required", server.port);
    let clock = ManualClock::starting_now();
    let app = app(&pool, &smtp_vars(&url), &clock);
    send(&app, &email("jo@example.com")).await.expect("queued");
    deliverer(&app).deliver_due().await.expect("attempt");
    let row = only_row(&pool).await;
    assert!(row.sent_at.is_none(), "an unknown CA is not trusted");
    assert!(server.messages().expect("maildir").is_empty());
}

fn twilio_vars(base_url: &str) -> Vec<(&str, &str)> {
    vec![
        ("PORTICO_PUBLIC_URL", PUBLIC_URL),
        ("PORTICO_TWILIO_ACCOUNT_SID", SID),
        ("PORTICO_TWILIO_AUTH_TOKEN", TOKEN),
        ("PORTICO_TWILIO_FROM", "+15005550006"),
        ("PORTICO_TWILIO_BASE_URL", base_url),
    ]
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sms_codes_go_through_twilio_and_signed_status_callbacks_are_recorded(pool: PgPool) {
    let twilio = Twilio::start().await.expect("twilio peer");
    let clock = ManualClock::starting_now();
    let app = app(&pool, &twilio_vars(&twilio.base_url), &clock);
    let issued = send(&app, &phone("+44 7911 123456")).await.expect("queued");
    assert_eq!(deliverer(&app).deliver_due().await.expect("deliver"), 1);

    let sent = twilio.messages().await.expect("recorded");
    assert_eq!(sent.len(), 1, "prism let exactly one valid request through");
    let form = &sent[0]["form"];
    assert_eq!(form["To"], "+447911123456");
    assert_eq!(form["From"], "+15005550006");
    assert_eq!(
        form["StatusCallback"],
        "https://portico.example.com:8443/hooks/twilio/status"
    );
    assert_eq!(sent[0]["auth"], format!("{SID}:{TOKEN}"));
    let body = form["Body"].as_str().expect("body");
    assert!(body.starts_with(issued.code.as_str()), "{body}");
    assert!(
        body.ends_with(&format!(
            "@portico.example.com:8443 #{}",
            issued.code.as_str()
        )),
        "{body}"
    );
    let sid = only_row(&pool).await.provider_message_id.expect("sid");
    assert!(sid.starts_with("SM"), "{sid}");

    let server = TestServer::start(portico::http::router(app.clone())).await;
    let signed_url = format!("{PUBLIC_URL}hooks/twilio/status?attempt=1");
    let params = [
        ("MessageSid", sid.as_str()),
        ("MessageStatus", "undelivered"),
        ("ErrorCode", "30003"),
    ];
    let forged = client()
        .post(server.url("/hooks/twilio/status?attempt=1"))
        .header(
            "x-twilio-signature",
            twilio_signature("not-our-token", &signed_url, &params)
                .await
                .expect("sign"),
        )
        .form(&params)
        .send()
        .await
        .expect("request");
    assert_eq!(forged.status(), 403);
    assert_eq!(
        only_row(&pool).await.delivery_status,
        None,
        "a forged report changes nothing"
    );

    let signature = twilio_signature(TOKEN, &signed_url, &params)
        .await
        .expect("sign");
    let genuine = client()
        .post(server.url("/hooks/twilio/status?attempt=1"))
        .header("x-twilio-signature", signature)
        .form(&params)
        .send()
        .await
        .expect("request");
    assert_eq!(genuine.status(), 204);
    let row = only_row(&pool).await;
    assert_eq!(
        (row.delivery_status.as_deref(), row.delivery_error_code),
        (Some("undelivered"), Some(30003))
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn twilio_5xx_is_retried_and_invalid_numbers_are_dead_at_once(pool: PgPool) {
    let twilio = Twilio::start().await.expect("twilio peer");
    let clock = ManualClock::starting_now();
    let app = app(&pool, &twilio_vars(&twilio.base_url), &clock);
    twilio.fail_next(500, 1).await.expect("control");
    send(&app, &phone("+44 7911 123456")).await.expect("queued");
    deliverer(&app).deliver_due().await.expect("attempt");
    let row = only_row(&pool).await;
    assert_eq!(
        (row.attempts, row.sent_at, row.dead_at),
        (1, None, None),
        "{row:?}"
    );
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("500"),
        "{row:?}"
    );
    clock.advance(Duration::minutes(1));
    deliverer(&app).deliver_due().await.expect("attempt");
    assert!(only_row(&pool).await.sent_at.is_some());
    assert_eq!(twilio.messages().await.expect("recorded").len(), 2);

    // Twilio's test number for "invalid number": 400 with code 21211, never retried.
    sqlx::query("delete from outbox")
        .execute(&pool)
        .await
        .expect("clear");
    let message = Message::Code {
        purpose: "sign_up".into(),
        code: "123456".into(),
        minutes: 10,
    };
    let mut conn = pool.acquire().await.expect("conn");
    outbox::enqueue(
        &mut conn,
        clock.now(),
        Channel::Sms,
        "+15005550001",
        &message,
    )
    .await
    .expect("queued");
    drop(conn);
    deliverer(&app).deliver_due().await.expect("attempt");
    let row = only_row(&pool).await;
    assert_eq!(row.attempts, 1);
    assert!(row.dead_at.is_some(), "{row:?}");
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("21211"),
        "{row:?}"
    );
    assert!(
        row.payload.get("code").is_none(),
        "dead messages keep no code"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn several_workers_never_send_a_message_twice(pool: PgPool) {
    let maildev = Maildev::start().await.expect("maildev");
    let url = format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port);
    let clock = ManualClock::starting_now();
    let app = app(&pool, &smtp_vars(&url), &clock);
    let message = Message::Code {
        purpose: "sign_up".into(),
        code: "123456".into(),
        minutes: 10,
    };
    let mut tx = pool.begin().await.expect("tx");
    for i in 0..60 {
        outbox::enqueue(
            &mut tx,
            clock.now(),
            Channel::Email,
            &format!("user{i}@example.com"),
            &message,
        )
        .await
        .expect("queued");
    }
    tx.commit().await.expect("commit");
    let workers = (0..3).map(|_| {
        let d = deliverer(&app);
        tokio::spawn(async move {
            let mut total = 0;
            loop {
                let n = d.deliver_due().await.expect("deliver");
                if n == 0 {
                    return total;
                }
                total += n;
            }
        })
    });
    let mut claimed = 0;
    for w in workers {
        claimed += w.await.expect("worker");
    }
    assert_eq!(claimed, 60);
    let mail = maildev.messages().await.expect("mail");
    assert_eq!(mail.len(), 60, "every message once");
    let mut recipients: Vec<String> = mail
        .iter()
        .map(|m| {
            m["to"][0]["address"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 60);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_notification_wakes_an_idle_worker(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let app = app(&pool, &[], &clock);
    let shutdown = tokio_util::sync::CancellationToken::new();
    // Polling once an hour: only the notification can wake the worker in time.
    let worker = tokio::spawn(
        deliverer(&app)
            .with_poll_interval(StdDuration::from_secs(3600))
            .run(shutdown.clone()),
    );
    wait_until(
        &pool,
        "select count(*) > 0 from pg_stat_activity where query ilike 'LISTEN%'",
    )
    .await;
    send(&app, &email("jo@example.com")).await.expect("queued");
    wait_until(&pool, "select count(*) = 1 from dev_mailbox").await;
    shutdown.cancel();
    worker.await.expect("task").expect("worker");
}

/// Waits (up to 20 s) for background work to show in the database: a condition poll with
/// a deadline, not a guess at how long the work takes.
async fn wait_until(pool: &PgPool, condition: &str) {
    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(20);
    loop {
        let met: bool = sqlx::query_scalar(condition)
            .fetch_one(pool)
            .await
            .expect("condition");
        if met {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for: {condition}"
        );
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_dev_outbox_shows_codes_in_development(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let app = app(&pool, &[], &clock);
    let issued = send(&app, &phone("+1 650 253 0000")).await.expect("queued");
    deliverer(&app).deliver_due().await.expect("deliver");
    let server = TestServer::start(portico::http::router(app.clone())).await;
    let page = client()
        .get(server.url("/dev/outbox"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains(&format!("<code>{}</code>", issued.code.as_str())),
        "{html}"
    );
    assert!(html.contains("+16502530000"));
    let hook = client()
        .post(server.url("/hooks/twilio/status"))
        .form(&[("MessageSid", "SMx")])
        .send()
        .await
        .expect("hook");
    assert_eq!(
        hook.status(),
        404,
        "no Twilio account, no callback endpoint"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sms_limits_country_list_and_daily_budget(pool: PgPool) {
    let clock = ManualClock::starting_now();
    let app = app(
        &pool,
        &[
            ("PORTICO_SMS_DAILY_BUDGET", "2"),
            ("PORTICO_SEND_LIMIT_PER_DESTINATION", "3"),
        ],
        &clock,
    );
    let france = send(&app, &phone("+33 6 12 34 56 78")).await;
    assert!(
        matches!(france, Err(SendCodeError::SmsRefused(SmsRefusal::Country))),
        "{france:?}"
    );
    let premium = send(&app, &phone("+1 900 555 1234")).await;
    assert!(
        matches!(
            premium,
            Err(SendCodeError::SmsRefused(SmsRefusal::NumberType(
                PhoneKind::PremiumRate
            )))
        ),
        "{premium:?}"
    );
    send(&app, &phone("+44 7911 123456")).await.expect("first");
    send(&app, &phone("+44 7911 123457")).await.expect("second");
    let third = send(&app, &phone("+1 650 253 0000")).await;
    let Err(SendCodeError::Limited(refusal)) = third else {
        panic!("budget spent: {third:?}")
    };
    assert_eq!(refusal.reason, "Text messages are unavailable right now");
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(queued, 2, "refused sends queue nothing");

    for _ in 0..3 {
        send(&app, &email("jo@example.com")).await.expect("allowed");
    }
    let fourth = send(&app, &email("JO@example.com")).await;
    let Err(SendCodeError::Limited(refusal)) = fourth else {
        panic!("limited: {fourth:?}")
    };
    // With 3 of 3 used in this window, the next fits once this window ends and a third of
    // its weight has gone: 20 to 80 minutes from now, depending on where in the hour we are.
    assert!(
        refusal.retry_after >= Duration::minutes(20)
            && refusal.retry_after <= Duration::minutes(80),
        "{refusal:?}"
    );
}
