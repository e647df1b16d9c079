use std::sync::{Arc, Mutex};

use portico_wire::report::Activation;

use super::*;
use crate::client::Delivery;

/// One send the stand-in portal saw: when (minutes after the start), which report,
/// which activation status.
#[derive(Debug, Clone)]
struct Seen {
    at_min: f64,
    report_id: String,
    status: Option<u8>,
    accepted: bool,
}

/// A stand-in for the portal in these unit tests of the schedule (the real portal is
/// in the black-box tests): `answer` decides each send from the time since the start.
struct Stub {
    started: Instant,
    answer: Box<dyn Fn(Duration, usize) -> Delivery + Send + Sync>,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop_after: usize,
    stop: CancellationToken,
}

impl Transport for Stub {
    fn send(&self, report: &Report) -> impl Future<Output = Delivery> + Send {
        let mut seen = self.seen.lock().expect("lock");
        let delivery = (self.answer)(self.started.elapsed(), seen.len());
        seen.push(Seen {
            at_min: self.started.elapsed().as_secs_f64() / 60.0,
            report_id: report.report_id.clone(),
            status: report.activation.as_ref().map(|a| a.license_status),
            accepted: delivery == Delivery::Accepted,
        });
        if seen.iter().filter(|s| s.accepted).count() >= self.stop_after {
            self.stop.cancel();
        }
        std::future::ready(delivery)
    }
}

fn facts(status: u8) -> Facts {
    Facts {
        name: "PC".to_owned(),
        activation: Some(Activation {
            license_status: status,
            status_reason: None,
            grace_minutes: None,
            channel: None,
            partial_key: None,
        }),
        ..Facts::default()
    }
}

struct Outcome {
    stop: Stop,
    seen: Vec<Seen>,
    events: Vec<Event>,
    queued: usize,
}

async fn drive(
    status_at: impl Fn(Duration) -> u8,
    answer: impl Fn(Duration, usize) -> Delivery + Send + Sync + 'static,
    stop_after: usize,
    limit: usize,
) -> Outcome {
    let dir = tempfile::tempdir().expect("dir");
    let queue = Queue::open(dir.path(), limit).expect("queue");
    let stop = CancellationToken::new();
    let started = Instant::now();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stub = Stub {
        started,
        answer: Box::new(answer),
        seen: seen.clone(),
        stop_after,
        stop: stop.clone(),
    };
    let mut events = Vec::new();
    // Twelve hours of (paused, virtual) time at most: a loop that never stops fails.
    let why = tokio::time::timeout(
        Duration::from_secs(12 * 3600),
        run(
            async |_| Ok(facts(status_at(started.elapsed()))),
            |f| crate::report::build(f, "install", &[1; 32]),
            &stub,
            &queue,
            &Schedule::default(),
            &stop,
            |e| events.push(e),
        ),
    )
    .await
    .expect("stops within twelve hours")
    .expect("runs");
    let seen = seen.lock().expect("lock").clone();
    Outcome {
        stop: why,
        seen,
        events,
        queued: queue.len().expect("len"),
    }
}

#[tokio::test(start_paused = true)]
async fn the_first_hour_is_frequent_then_hourly_with_jitter() {
    let out = drive(|_| 1, |_, _| Delivery::Accepted, 18, 100).await;
    assert_eq!(out.stop, Stop::Asked);
    let at: Vec<f64> = out.seen.iter().map(|s| s.at_min).collect();
    assert_eq!(at[0], 0.0, "a report at once");
    let gaps: Vec<f64> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let first_hour = at.iter().filter(|t| **t < 60.0).count();
    assert!((11..=14).contains(&first_hour), "{at:?}");
    for (i, gap) in gaps.iter().enumerate() {
        let (low, high) = if at[i] < 60.0 {
            (4.5, 5.5)
        } else {
            (54.0, 66.0)
        };
        assert!((low..=high).contains(gap), "gap {i}: {gap} min in {at:?}");
    }
    assert!(
        gaps.iter()
            .skip(first_hour)
            .any(|g| (*g - 60.0).abs() > 0.01),
        "hourly reports are jittered: {gaps:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_change_of_activation_is_reported_at_once() {
    let changes_at = Duration::from_secs(7 * 60 + 30);
    let out = drive(
        |t| if t < changes_at { 2 } else { 1 },
        |_, _| Delivery::Accepted,
        4,
        100,
    )
    .await;
    let statuses: Vec<Option<u8>> = out.seen.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [Some(2), Some(2), Some(1), Some(1)]);
    let changed = out.seen[2].at_min;
    assert!(
        (7.5..=8.5).contains(&changed),
        "within a check of the change, before the next scheduled report: {changed}"
    );
    assert!(out.events.contains(&Event::ActivationChanged));
}

fn down_for_the_first_40_minutes(since_start: Duration, _: usize) -> Delivery {
    if since_start < Duration::from_secs(40 * 60) {
        Delivery::Unreachable("connection refused".to_owned())
    } else {
        Delivery::Accepted
    }
}

#[tokio::test(start_paused = true)]
async fn an_outage_backs_off_and_loses_nothing_within_the_bound() {
    let out = drive(|_| 1, down_for_the_first_40_minutes, 10, 100).await;
    let failed: Vec<f64> = out
        .seen
        .iter()
        .filter(|s| !s.accepted)
        .map(|s| s.at_min * 60.0)
        .collect();
    let waits: Vec<f64> = failed.windows(2).map(|w| w[1] - w[0]).collect();
    // 30 s doubling, ±20 %: 30, 60, 120, 240, 480, 960 …
    for (i, wait) in waits.iter().enumerate() {
        let expected = 30.0 * f64::from(1u32 << i);
        assert!(
            (expected * 0.8 - 1.0..=expected * 1.2 + 1.0).contains(wait),
            "wait {i}: {wait} s, expected about {expected}: {waits:?}"
        );
    }
    assert!(waits.len() >= 5, "{waits:?}");
    // Every report made during the outage arrives, in order, once it is over.
    let made_during: Vec<&Seen> = out.seen.iter().filter(|s| !s.accepted).collect();
    let accepted: Vec<&str> = out
        .seen
        .iter()
        .filter(|s| s.accepted)
        .map(|s| s.report_id.as_str())
        .collect();
    let scheduled_before = out
        .events
        .iter()
        .filter(|e| matches!(e, Event::Unreachable { .. }))
        .count();
    assert!(scheduled_before >= 5);
    assert!(
        accepted.len() >= 8,
        "reports at 0, 5, … 35 min: {accepted:?}"
    );
    let mut ids_in_order = accepted.clone();
    ids_in_order.dedup();
    assert_eq!(ids_in_order.len(), accepted.len(), "each sent once");
    assert!(
        made_during
            .iter()
            .all(|s| accepted.contains(&s.report_id.as_str())),
        "none lost"
    );
    assert!(
        out.events
            .iter()
            .any(|e| matches!(e, Event::Sent(n) if *n >= 8))
    );
    assert_eq!(out.queued, 0);
}

#[tokio::test(start_paused = true)]
async fn past_the_bound_the_oldest_reports_are_dropped() {
    let out = drive(|_| 1, down_for_the_first_40_minutes, 3, 3).await;
    let accepted: Vec<&Seen> = out.seen.iter().filter(|s| s.accepted).collect();
    assert_eq!(accepted.len(), 3, "the bound");
    let first_try = &out.seen[0].report_id;
    assert!(
        accepted.iter().all(|s| &s.report_id != first_try),
        "the oldest went first"
    );
    assert!(out.events.iter().any(|e| matches!(e, Event::Dropped(_))));
}

#[tokio::test(start_paused = true)]
async fn removal_and_revocation_stop_the_loop() {
    for (answer, expected) in [
        (Delivery::Removed, Stop::Removed),
        (Delivery::Revoked, Stop::Revoked),
    ] {
        let out = drive(|_| 1, move |_, _| answer.clone(), usize::MAX, 100).await;
        assert_eq!(out.stop, expected);
        assert_eq!(out.seen.len(), 1, "no second try");
    }
}

#[tokio::test(start_paused = true)]
async fn a_refused_report_is_dropped_and_the_rest_go_on() {
    let out = drive(
        |_| 1,
        |_, n| {
            if n == 0 {
                Delivery::Refused("422 device.name".to_owned())
            } else {
                Delivery::Accepted
            }
        },
        2,
        100,
    )
    .await;
    assert_eq!(out.seen.len(), 3);
    assert!(out.events.iter().any(|e| matches!(e, Event::Refused(_))));
}

/// A portal that never answers.
struct Hanging(Arc<tokio::sync::Notify>);

impl Transport for Hanging {
    fn send(&self, _: &Report) -> impl Future<Output = Delivery> + Send {
        self.0.notify_one();
        std::future::pending()
    }
}

#[tokio::test(start_paused = true)]
async fn a_stop_interrupts_a_send_in_flight_and_keeps_its_report() {
    let dir = tempfile::tempdir().expect("dir");
    let queue = Queue::open(dir.path(), 100).expect("queue");
    let stop = CancellationToken::new();
    let in_flight = Arc::new(tokio::sync::Notify::new());
    let transport = Hanging(in_flight.clone());
    let canceller = stop.clone();
    let schedule = Schedule::default();
    let (why, ()) = tokio::join!(
        run(
            async |_| Ok(facts(1)),
            |f| crate::report::build(f, "install", &[1; 32]),
            &transport,
            &queue,
            &schedule,
            &stop,
            |_| {},
        ),
        async move {
            in_flight.notified().await;
            canceller.cancel();
        }
    );
    assert_eq!(why.expect("runs"), Stop::Asked);
    assert_eq!(queue.len().expect("len"), 1, "kept for the next start");
}

#[tokio::test(start_paused = true)]
async fn between_reports_only_the_activation_state_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let queue = Queue::open(dir.path(), 100).expect("queue");
    let stop = CancellationToken::new();
    let started = Instant::now();
    let stub = Stub {
        started,
        answer: Box::new(|_, _| Delivery::Accepted),
        seen: Arc::new(Mutex::new(Vec::new())),
        stop_after: 4,
        stop: stop.clone(),
    };
    let changes_at = Duration::from_secs(7 * 60 + 30);
    let reads = std::cell::RefCell::new(Vec::new());
    let schedule = Schedule::default();
    let why = run(
        async |read| {
            reads.borrow_mut().push(read);
            let status = if started.elapsed() < changes_at { 2 } else { 1 };
            Ok(facts(status))
        },
        |f| crate::report::build(f, "install", &[1; 32]),
        &stub,
        &queue,
        &schedule,
        &stop,
        |_| {},
    )
    .await
    .expect("runs");
    assert_eq!(why, Stop::Asked);
    let reads = reads.into_inner();
    let full = reads.iter().filter(|r| **r == Read::Everything).count();
    let light = reads.len() - full;
    // Reports at 0 and 5 min, the change at the check after 7.5 min, then 10 min.
    assert_eq!(full, 4, "{reads:?}");
    assert!(
        light >= 6,
        "a check every minute between reports: {reads:?}"
    );
}
