//! The design's promise, tried as it is deployed: three `portico serve --no-worker`, two
//! `portico worker`, a PostgreSQL primary with its synchronous standby, HAProxy in front
//! (`portico_blackbox::cluster`). A bounded load — people signing in, reading Your Info,
//! adding addresses, PCs reporting — runs while an instance is killed, the instances are
//! restarted one by one, or the primary is lost; then what the clients were told is compared
//! with what the database holds.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portico_blackbox::accounts::{PASSWORD, finish_sign_up, start_sign_up};
use portico_blackbox::cluster::{Cluster, Shape};
use portico_blackbox::forms::{account_guard_in, csrf_in};
use portico_blackbox::peers::{Maildev, SmtpHold};
use portico_blackbox::server::http_client;
use sqlx::Connection;

use crate::stage::code_mailed_to;

/// People signed in at once, each doing one thing after another.
const PEOPLE: usize = 4;
/// Requests made before a fault and after it, by all people together.
const OPS_AROUND_A_FAULT: usize = 40;
/// The bound on a whole run of the load.
const LOAD_LIMIT: Duration = Duration::from_secs(120);

/// One thing a person did, and how it ended.
#[derive(Debug, Clone)]
struct Op {
    kind: &'static str,
    started: Instant,
    ended: Instant,
    ok: bool,
    detail: String,
}

/// What the clients saw: every operation, and the writes the portal acknowledged.
#[derive(Debug, Default)]
struct Ledger {
    ops: Vec<Op>,
    /// Addresses whose code page said the code was sent.
    aliases: Vec<String>,
    /// Reports answered 2xx.
    reports: Vec<uuid::Uuid>,
}

impl Ledger {
    fn failed(&self) -> Vec<&Op> {
        self.ops.iter().filter(|op| !op.ok).collect()
    }
}

/// Failed operations, one per line, for an assertion's message.
fn describe<'a>(ops: impl IntoIterator<Item = &'a Op>) -> String {
    ops.into_iter()
        .map(|op| format!("{}: {}", op.kind, op.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A person with a browser signed in to their account, and their PC's device token.
#[derive(Debug, Clone)]
struct Person {
    address: String,
    http: reqwest::Client,
    device_token: String,
}

/// Signs `address` up through the balancer, as a browser would.
async fn sign_up(cluster: &Cluster, maildev: &Maildev, address: &str) -> reqwest::Client {
    let http = http_client();
    let base = &cluster.base_url;
    let started = start_sign_up(&http, base, base, address).await;
    let code = code_mailed_to(maildev, address).await;
    finish_sign_up(&http, base, base, &started, &code).await;
    http
}

async fn people(cluster: &Cluster, maildev: &Maildev) -> Vec<Person> {
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        let address = format!("person{i}@example.com");
        let http = sign_up(cluster, maildev, &address).await;
        let device_token = portico_blackbox::database::device_token(&cluster.primary.url())
            .await
            .expect("a linked PC");
        people.push(Person {
            address,
            http,
            device_token,
        });
    }
    people
}

/// A version-2 report of a PC, with a report id of its own.
fn report(id: uuid::Uuid) -> serde_json::Value {
    serde_json::json!({
        "version": 2,
        "report_id": id.to_string(),
        "agent": { "version": "0.2.0", "install_id": "install-1" },
        "device": { "name": "JO-LAPTOP", "os_name": "Windows 11 Pro" },
        "activation": { "license_status": 1, "channel": "Retail", "partial_key": "3V66T" },
        "hardware_signals": ["a".repeat(64)]
    })
}

/// One operation, the `round`-th of `person`; `Ok` carries what it wrote, if anything.
async fn operate(
    base: &str,
    person: &Person,
    i: usize,
    round: usize,
    ledger: &Mutex<Ledger>,
) -> (&'static str, Result<(), String>) {
    let status = |r: &reqwest::Response| r.status().as_u16();
    match round % 4 {
        0 => ("sign in", sign_in(base, &person.address).await),
        1 => {
            let r = person.http.get(format!("{base}/u/0/info")).send().await;
            let outcome = match r {
                Ok(r) if status(&r) == 200 => Ok(()),
                Ok(r) => Err(format!("Your Info answered {}", status(&r))),
                Err(e) => Err(format!("{e:?}")),
            };
            ("your info", outcome)
        }
        2 => {
            let address = format!("p{i}-r{round}@example.com");
            let outcome = add_alias(base, person, &address).await;
            if outcome.is_ok() {
                ledger.lock().expect("ledger").aliases.push(address);
            }
            ("add an address", outcome)
        }
        _ => {
            let id = uuid::Uuid::new_v4();
            let r = person
                .http
                .put(format!("{base}/api/agent/v1/report"))
                .bearer_auth(&person.device_token)
                .json(&report(id))
                .send()
                .await;
            let outcome = match r {
                Ok(r) if r.status().is_success() => {
                    ledger.lock().expect("ledger").reports.push(id);
                    Ok(())
                }
                Ok(r) => Err(format!("the report was answered {}", status(&r))),
                Err(e) => Err(format!("{e:?}")),
            };
            ("report", outcome)
        }
    }
}

/// A sign-in in a browser of its own (a form fetched, then posted).
async fn sign_in(base: &str, address: &str) -> Result<(), String> {
    let http = http_client();
    let page = http
        .get(format!("{base}/signin"))
        .send()
        .await
        .map_err(|e| format!("{e:?}"))?;
    if page.status() != 200 {
        return Err(format!("the sign-in page answered {}", page.status()));
    }
    let csrf = csrf_in(&page.text().await.map_err(|e| format!("{e:?}"))?);
    let r = http
        .post(format!("{base}/signin"))
        .header("origin", base)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("address", address),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .map_err(|e| format!("{e:?}"))?;
    match r.status().as_u16() {
        303 => Ok(()),
        other => Err(format!("the sign-in answered {other}")),
    }
}

/// Adds `address` to the person's account: the form, then "Send code"; done when the code
/// page is where the answer leads.
async fn add_alias(base: &str, person: &Person, address: &str) -> Result<(), String> {
    let page = person
        .http
        .get(format!("{base}/u/0/aliases/add?kind=email"))
        .send()
        .await
        .map_err(|e| format!("{e:?}"))?;
    if page.status() != 200 {
        return Err(format!("the add page answered {}", page.status()));
    }
    let mut form = account_guard_in(&page.text().await.map_err(|e| format!("{e:?}"))?);
    form.push(("kind", "email".to_owned()));
    form.push(("address", address.to_owned()));
    let r = person
        .http
        .post(format!("{base}/u/0/aliases/add"))
        .header("origin", base)
        .form(&form)
        .send()
        .await
        .map_err(|e| format!("{e:?}"))?;
    let location = r
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    if r.status() == 303 && location.contains("/aliases/verify") {
        Ok(())
    } else {
        Err(format!("adding answered {} ({location})", r.status()))
    }
}

/// The load, running until stopped.
struct Load {
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    fn start(base: &str, people: &[Person]) -> Self {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let tasks = people
            .iter()
            .enumerate()
            .map(|(i, person)| {
                let (base, person) = (base.to_owned(), person.clone());
                let (ledger, stop) = (ledger.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut round = i;
                    while !stop.load(Ordering::Relaxed) && started.elapsed() < LOAD_LIMIT {
                        let begun = Instant::now();
                        let (kind, outcome) = operate(&base, &person, i, round, &ledger).await;
                        let op = Op {
                            kind,
                            started: begun,
                            ended: Instant::now(),
                            ok: outcome.is_ok(),
                            detail: outcome.err().unwrap_or_default(),
                        };
                        ledger.lock().expect("ledger").ops.push(op);
                        round += 1;
                    }
                })
            })
            .collect();
        Self {
            ledger,
            stop,
            tasks,
        }
    }

    fn done(&self) -> usize {
        self.ledger.lock().expect("ledger").ops.len()
    }

    /// Waits until `more` operations have ended since this was called.
    async fn progress(&self, more: usize) {
        let target = self.done() + more;
        let started = Instant::now();
        while self.done() < target {
            assert!(
                started.elapsed() < LOAD_LIMIT,
                "the load made no progress:\n{}",
                describe(self.ledger.lock().expect("ledger").failed())
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn stop(self) -> Ledger {
        self.stop.store(true, Ordering::Relaxed);
        for task in self.tasks {
            task.await.expect("a load task");
        }
        Arc::try_unwrap(self.ledger)
            .expect("tasks ended")
            .into_inner()
            .expect("ledger")
    }
}

async fn cluster_with_maildev() -> (Cluster, Maildev) {
    let maildev = Maildev::start().await.expect("maildev");
    let cluster = Cluster::start(Shape {
        servers: 3,
        workers: 2,
        smtp_url: format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port),
    })
    .await
    .expect("the cluster starts");
    (cluster, maildev)
}

/// Every acknowledged write is in the database behind `url`: each address whose code page
/// said "sent" with its code queued, each report answered 2xx. Returns how many are missing.
async fn lost_writes(url: &str, ledger: &Ledger) -> usize {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("database");
    let aliases: i64 = sqlx::query_scalar(
        "select count(distinct a.normalized) from aliases a
         where a.normalized = any($1)
           and exists (select 1 from outbox o where o.recipient = a.normalized)",
    )
    .bind(&ledger.aliases)
    .fetch_one(&mut conn)
    .await
    .expect("aliases");
    let reports: i64 =
        sqlx::query_scalar("select count(*) from device_reports where report_id = any($1)")
            .bind(&ledger.reports)
            .fetch_one(&mut conn)
            .await
            .expect("reports");
    (ledger.aliases.len() - usize::try_from(aliases).expect("count"))
        + (ledger.reports.len() - usize::try_from(reports).expect("count"))
}

#[expect(
    clippy::print_stdout,
    reason = "the figures the closing note quotes (nextest shows them with --no-capture)"
)]
fn figure(line: &str) {
    println!("{line}");
}

#[tokio::test]
async fn an_instance_killed_under_load_fails_only_what_it_was_serving() {
    let (mut cluster, maildev) = cluster_with_maildev().await;
    let people = people(&cluster, &maildev).await;
    let load = Load::start(&cluster.base_url, &people);
    load.progress(OPS_AROUND_A_FAULT).await;

    for i in 0..3 {
        assert!(
            cluster.served(i).await.expect("statistics") > 0,
            "round robin: instance {i} has served requests"
        );
    }
    let killed_at = Instant::now();
    cluster.kill_server(1).await.expect("kill -9");
    // Until the process is gone, a request may still reach it.
    let dead_at = Instant::now();
    cluster
        .wait_until_balanced(1, false)
        .await
        .expect("HAProxy sees it gone");
    load.progress(OPS_AROUND_A_FAULT).await;
    let ledger = load.stop().await;

    let failed = ledger.failed();
    let in_flight = |op: &&Op| op.started <= dead_at && op.ended >= killed_at;
    let unexplained: Vec<&Op> = failed.iter().copied().filter(|op| !in_flight(op)).collect();
    figure(&format!(
        "kill -9 under load: {} operations, {} in flight at the kill (on any instance), {} failed",
        ledger.ops.len(),
        ledger.ops.iter().filter(in_flight).count(),
        failed.len()
    ));
    assert!(
        unexplained.is_empty(),
        "failures beyond what was in flight on the killed instance:\n{}\nHAProxy:\n{}",
        describe(unexplained),
        cluster.balancer_log()
    );
    assert!(
        failed.len() <= PEOPLE,
        "at most one per person:\n{}",
        describe(failed.iter().copied())
    );
    assert_eq!(lost_writes(&cluster.primary.url(), &ledger).await, 0);

    // Every session and every pending code is good on the instances that remain.
    let person = &people[0];
    let pending = ledger
        .aliases
        .iter()
        .find(|a| a.starts_with("p0-"))
        .expect("an address the first person added");
    let r = person
        .http
        .get(cluster.url("/u/0/info"))
        .send()
        .await
        .expect("info");
    assert_eq!(r.status(), 200, "the session lives on");
    let code = code_mailed_to(&maildev, pending).await;
    let verify = person
        .http
        .get(cluster.url("/u/0/info"))
        .send()
        .await
        .expect("info");
    let guard = account_guard_in(&verify.text().await.expect("html"));
    let challenge = pending_challenge(&cluster.primary.url(), pending).await;
    let mut form = guard;
    form.push(("c", challenge));
    form.push(("code", code));
    let r = person
        .http
        .post(cluster.url("/u/0/aliases/verify"))
        .header("origin", &cluster.base_url)
        .form(&form)
        .send()
        .await
        .expect("verify");
    assert_eq!(
        r.status(),
        303,
        "the code sent before the kill is taken: {}",
        r.text().await.unwrap_or_default()
    );
}

/// The id of the newest code sent to `address` (the code page's `c`).
async fn pending_challenge(url: &str, address: &str) -> String {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("database");
    let id: uuid::Uuid = sqlx::query_scalar(
        "select id from challenges where destination = $1 order by created_at desc limit 1",
    )
    .bind(address)
    .fetch_one(&mut conn)
    .await
    .expect("a challenge");
    id.to_string()
}

#[tokio::test]
async fn a_rolling_restart_fails_no_request() {
    let (mut cluster, maildev) = cluster_with_maildev().await;
    let people = people(&cluster, &maildev).await;
    let load = Load::start(&cluster.base_url, &people);
    load.progress(OPS_AROUND_A_FAULT / 2).await;
    for i in 0..3 {
        let status = cluster.stop_server(i).await.expect("stops");
        assert_eq!(status.code(), Some(0), "instance {i} stopped cleanly");
        load.progress(OPS_AROUND_A_FAULT / 4).await;
        cluster.restart_server(i).await.expect("starts again");
        load.progress(OPS_AROUND_A_FAULT / 4).await;
    }
    let ledger = load.stop().await;
    let failed = ledger.failed();
    figure(&format!(
        "rolling restart: {} operations, {} failed",
        ledger.ops.len(),
        failed.len()
    ));
    assert!(failed.is_empty(), "{}", describe(failed));
    assert_eq!(lost_writes(&cluster.primary.url(), &ledger).await, 0);
}

#[tokio::test]
async fn the_primary_lost_under_load_loses_nothing_acknowledged() {
    let (cluster, maildev) = cluster_with_maildev().await;
    let people = people(&cluster, &maildev).await;
    let load = Load::start(&cluster.base_url, &people);
    load.progress(OPS_AROUND_A_FAULT).await;

    cluster.primary.halt().expect("the primary is lost");
    cluster.standby.promote().expect("the standby takes over");
    let promoted = Instant::now();
    let http = http_client();
    let recovered = loop {
        let ready = http
            .get(cluster.url("/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if ready {
            break promoted.elapsed();
        }
        assert!(
            promoted.elapsed() < Duration::from_secs(30),
            "never ready again after the promotion"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    load.progress(OPS_AROUND_A_FAULT).await;
    let ledger = load.stop().await;

    let after: Vec<_> = ledger
        .ops
        .iter()
        .filter(|op| op.started >= promoted + recovered)
        .collect();
    let failed_after: Vec<&Op> = after.iter().copied().filter(|op| !op.ok).collect();
    let lost = lost_writes(&cluster.standby.url(), &ledger).await;
    figure(&format!(
        "primary lost: ready again {:.1} s after the promotion; {} operations failed in all, {} after it was ready; {} acknowledged writes ({} addresses, {} reports), {lost} lost",
        recovered.as_secs_f64(),
        ledger.failed().len(),
        failed_after.len(),
        ledger.aliases.len() + ledger.reports.len(),
        ledger.aliases.len(),
        ledger.reports.len(),
    ));
    assert_eq!(lost, 0, "nothing acknowledged is lost");
    assert!(
        failed_after.is_empty(),
        "once ready, every request succeeds:\n{}",
        describe(failed_after.iter().copied())
    );
    assert!(
        after.len() >= OPS_AROUND_A_FAULT / 2,
        "and the load went on"
    );
}

#[tokio::test]
async fn a_worker_killed_mid_send_sends_at_least_once_under_one_message_id() {
    // The third message is received and never acknowledged, as if the worker died between
    // the server's receipt and its answer.
    let mut smtp = SmtpHold::start(3).await.expect("the holding SMTP server");
    let mut cluster = Cluster::start(Shape {
        servers: 1,
        workers: 1,
        smtp_url: format!("smtp://127.0.0.1:{}?tls=none", smtp.port),
    })
    .await
    .expect("the cluster starts");
    for i in 0..6 {
        let base = &cluster.base_url;
        start_sign_up(&http_client(), base, base, &format!("new{i}@example.com")).await;
    }
    let held = smtp
        .held(Duration::from_secs(30))
        .await
        .expect("a message held");
    cluster.kill_worker(0).expect("kill -9 of the worker");

    let db = cluster.primary.url();
    let mut conn = sqlx::PgConnection::connect(&db).await.expect("database");
    let marked: i64 = sqlx::query_scalar(
        "select count(*) from outbox where sent_at is not null and provider_message_id = $1",
    )
    .bind(&held)
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(marked, 0, "never marked sent without its acknowledgement");
    // The lease of what the dead worker claimed runs out (two minutes, moved forward here).
    sqlx::query(
        "update outbox set next_attempt_at = now() where sent_at is null and dead_at is null",
    )
    .execute(&mut conn)
    .await
    .expect("lease");
    cluster.add_worker().expect("another worker");
    let started = Instant::now();
    loop {
        let unsent: i64 = sqlx::query_scalar("select count(*) from outbox where sent_at is null")
            .fetch_one(&mut conn)
            .await
            .expect("count");
        if unsent == 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{unsent} messages never sent"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let sent: Vec<String> =
        sqlx::query_scalar("select provider_message_id from outbox where sent_at is not null")
            .fetch_all(&mut conn)
            .await
            .expect("sent");
    let received = smtp.received();
    assert_eq!(sent.len(), 6, "every message sent");
    for id in &sent {
        assert!(
            received.contains(id),
            "{id} marked sent, and the server has it"
        );
    }
    let copies = received.iter().filter(|id| **id == held).count();
    figure(&format!(
        "worker killed mid-send: {} messages, {} received ({} copies of the held one, one Message-ID)",
        sent.len(),
        received.len(),
        copies
    ));
    assert_eq!(
        copies, 2,
        "the held message was sent again under its Message-ID"
    );
}
