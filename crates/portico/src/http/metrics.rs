//! Prometheus metrics, served in the text exposition format at `/metrics` on the main
//! listener: request counts and latency by route, database pool usage and acquire waits,
//! password hashing queue waits, agents' reports by outcome, security events by kind (every
//! one the audit trail records: sign-ins by method, failures, throttling…), and
//! read from the database at each scrape: the outbox by channel and state, the age of its
//! oldest waiting message, and the SMS budget used.

use std::sync::{Arc, LazyLock};

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::app::AppState;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResponseLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EventLabels {
    kind: String,
    method: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutboxLabels {
    channel: String,
    state: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabels {
    channel: String,
}

/// Security events by kind, counted where the audit trail writes them (the one writer), so
/// no flow can forget. Process-wide: the audit trail has no handle to the app. An event
/// whose transaction then rolls back (a failure of ours) is counted all the same.
static EVENTS: LazyLock<Family<EventLabels, Counter>> = LazyLock::new(Family::default);

/// Counts one security event (`sign_in` with `method = password`, `sign_in_failed`, …).
pub fn count_event(kind: &str, method: &str) {
    EVENTS
        .get_or_create(&EventLabels {
            kind: kind.to_owned(),
            method: method.to_owned(),
        })
        .inc();
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabels {
    limit: String,
}

/// Requests refused by a rate limit, by the limit's reason (a fixed set of phrases).
static REFUSALS: LazyLock<Family<LimitLabels, Counter>> = LazyLock::new(Family::default);

/// Counts one request a rate limit refused.
pub fn count_refusal(reason: &str) {
    REFUSALS
        .get_or_create(&LimitLabels {
            limit: reason.to_owned(),
        })
        .inc();
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MessageLabels {
    channel: String,
    template: String,
}

/// Messages queued (codes and notices), by channel and template, counted where the outbox
/// takes them (its one writer).
static MESSAGES: LazyLock<Family<MessageLabels, Counter>> = LazyLock::new(Family::default);

/// Counts one message queued for delivery.
pub fn count_message(channel: &str, template: &str) {
    MESSAGES
        .get_or_create(&MessageLabels {
            channel: channel.to_owned(),
            template: template.to_owned(),
        })
        .inc();
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

/// Agents' reports by outcome: `applied`, `duplicate` (a retry of one applied),
/// `refused` (too large, or a field refused), `failed` (ours: the database). Token
/// refusals (401, 409) are in `http_requests` under the report's route.
static REPORTS: LazyLock<Family<OutcomeLabels, Counter>> = LazyLock::new(Family::default);

/// Counts one agent report answered.
pub fn count_report(outcome: &'static str) {
    REPORTS.get_or_create(&OutcomeLabels { outcome }).inc();
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

/// Codes by text message refused by the SMS policy (`country`, `number_type`): the
/// SMS-pumping defence at work. Refusals by rate limits are in `rate_limited`.
static SMS_REFUSED: LazyLock<Family<ReasonLabels, Counter>> = LazyLock::new(Family::default);

/// Counts one text message the SMS policy refused.
pub fn count_sms_refused(reason: &'static str) {
    SMS_REFUSED.get_or_create(&ReasonLabels { reason }).inc();
}

/// How long a password hash waited for a hashing thread (a sign-in flood queues here).
static HASH_WAIT: LazyLock<Histogram> = LazyLock::new(latency_histogram);

/// Records how long a password hash waited before a hashing thread took it.
pub fn observe_hash_wait(seconds: f64) {
    HASH_WAIT.observe(seconds);
}

/// How long requests waited for a database connection from the pool.
static ACQUIRE: LazyLock<Histogram> = LazyLock::new(latency_histogram);

/// Records how long a request waited for a pooled connection.
pub fn observe_acquire(seconds: f64) {
    ACQUIRE.observe(seconds);
}

/// The registry and the handles this process updates.
#[derive(Debug, Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<ResponseLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_size: Gauge,
    pool_idle: Gauge,
    database_up: Gauge,
    outbox: Family<OutboxLabels, Gauge>,
    outbox_oldest: Family<ChannelLabels, Gauge>,
    sms_used: Gauge,
    sms_budget: Gauge,
}

fn latency_histogram() -> Histogram {
    Histogram::new([
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    ])
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("portico");
        let requests = Family::<ResponseLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        let pool_size = Gauge::default();
        let pool_idle = Gauge::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            latency.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Open database connections",
            pool_size.clone(),
        );
        registry.register(
            "db_pool_idle_connections",
            "Idle database connections",
            pool_idle.clone(),
        );
        registry.register(
            "security_events",
            "Security events recorded in accounts' activity, by kind and method",
            EVENTS.clone(),
        );
        registry.register(
            "messages_queued",
            "Codes and notices queued for delivery, by channel and template",
            MESSAGES.clone(),
        );
        registry.register(
            "rate_limited",
            "Requests refused by a rate limit, by limit",
            REFUSALS.clone(),
        );
        registry.register(
            "agent_reports",
            "Agents' reports by outcome (applied, duplicate, refused, failed)",
            REPORTS.clone(),
        );
        registry.register(
            "sms_refused",
            "Codes by text message refused by the SMS policy, by reason (country, number_type)",
            SMS_REFUSED.clone(),
        );
        registry.register(
            "password_hash_queue_wait_seconds",
            "Time a password hash waited for a hashing thread",
            HASH_WAIT.clone(),
        );
        registry.register(
            "db_pool_acquire_seconds",
            "Time a request waited for a database connection from the pool",
            ACQUIRE.clone(),
        );
        let database_up = Gauge::default();
        registry.register(
            "database_up",
            "1 when this scrape could read the database, else 0",
            database_up.clone(),
        );
        let outbox = Family::<OutboxLabels, Gauge>::default();
        registry.register(
            "outbox_messages",
            "Messages in the outbox by channel and state (queued, retrying, dead)",
            outbox.clone(),
        );
        let outbox_oldest = Family::<ChannelLabels, Gauge>::default();
        registry.register(
            "outbox_oldest_waiting_seconds",
            "Age of the oldest unsent, living message, by channel (0 when none waits)",
            outbox_oldest.clone(),
        );
        let sms_used = Gauge::default();
        registry.register(
            "sms_budget_used",
            "Text messages counted against the daily budget over the last day",
            sms_used.clone(),
        );
        let sms_budget = Gauge::default();
        registry.register(
            "sms_daily_budget",
            "PORTICO_SMS_DAILY_BUDGET",
            sms_budget.clone(),
        );
        Self {
            registry: Arc::new(registry),
            requests,
            latency,
            pool_size,
            pool_idle,
            database_up,
            outbox,
            outbox_oldest,
            sms_used,
            sms_budget,
        }
    }

    /// Counts and times one answer, labelled by route template (never the raw path, whose
    /// values are unbounded and may carry identifiers).
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&ResponseLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(seconds);
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads what the database knows (the same for every instance: alert on `max`).
async fn read_database(state: &AppState) -> sqlx::Result<()> {
    let metrics = &state.metrics;
    let mut conn = state.db.acquire().await?;
    let now = state.clock.now();
    for s in crate::outbox::store::stats(&mut conn, now).await? {
        for (label, value) in [
            ("queued", s.queued),
            ("retrying", s.retrying),
            ("dead", s.dead),
        ] {
            metrics
                .outbox
                .get_or_create(&OutboxLabels {
                    channel: s.channel.clone(),
                    state: label.to_owned(),
                })
                .set(value);
        }
        metrics
            .outbox_oldest
            .get_or_create(&ChannelLabels { channel: s.channel })
            .set(s.oldest_waiting_secs.unwrap_or(0));
    }
    let budget = state.config.delivery.limits.sms_daily_budget;
    let limit = crate::verification::send::sms_budget(budget);
    let used = crate::limits::used(&mut conn, now, &limit).await?;
    #[expect(clippy::cast_possible_truncation, reason = "a count of messages")]
    metrics.sms_used.set(used.round() as i64);
    metrics.sms_budget.set(i64::from(budget));
    Ok(())
}

/// `GET /metrics`
pub async fn render(State(state): State<AppState>) -> Response {
    let metrics = &state.metrics;
    metrics.pool_size.set(i64::from(state.db.size()));
    metrics
        .pool_idle
        .set(i64::try_from(state.db.num_idle() + state.reuse.kept()).unwrap_or(i64::MAX));
    match read_database(&state).await {
        Ok(()) => {
            metrics.database_up.set(1);
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics cannot read the database");
            metrics.database_up.set(0);
        }
    }
    let mut body = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut body, &metrics.registry) {
        tracing::error!(error = %e, "cannot encode metrics");
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}
