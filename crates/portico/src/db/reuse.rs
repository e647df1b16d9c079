//! Connections a page has finished with, handed straight to the next page.
//!
//! sqlx's pool pings every connection it gets back before anyone may have it again: a
//! round trip, and a wake-up of the PostgreSQL backend, per request — about a fifth of what
//! a signed-in page costs the machine (`bench/your-info.sh`). Pages take their connection
//! through here instead: one a page has finished with waits here for the next page, unless
//! a quarter of the pool already waits here, the pool is out of connections (then it goes back to the pool at once, for whoever waits
//! there: the pool's own queue stays first come, first served), it has been out of the pool
//! for [`RECHECK`], it may be holding anything (an open transaction, a rollback not yet
//! sent), the session lookup on it failed, or the pool is closing. A connection that died
//! (its server restarted) is therefore used for at most [`RECHECK`] after it last passed
//! the pool's check.

use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use sqlx::pool::PoolConnection;
use sqlx::{Connection as _, PgConnection, PgPool, Postgres, TransactionManager as _};

/// How long a connection may go from one page to the next before it goes back through the
/// pool's check: a few pings a second per connection, against thousands of pages.
pub const RECHECK: Duration = Duration::from_millis(250);

/// The pool, and the connections pages have given back, waiting for the next page.
#[derive(Debug, Clone)]
pub struct Reuse(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    pool: PgPool,
    recheck: Duration,
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    conns: Vec<Out>,
    /// Whether the task that gives aged connections back to the pool runs.
    sweeping: bool,
    closed: bool,
}

/// A connection out of the pool, and since when.
#[derive(Debug)]
struct Out {
    conn: PoolConnection<Postgres>,
    since: Instant,
}

impl Reuse {
    pub fn new(pool: PgPool) -> Self {
        Self::with_recheck(pool, RECHECK)
    }

    /// As [`Reuse::new`], with connections rechecked after `recheck` (tests choose it).
    pub fn with_recheck(pool: PgPool, recheck: Duration) -> Self {
        Self(Arc::new(Shared {
            pool,
            recheck,
            kept: Mutex::new(Kept::default()),
        }))
    }

    /// A connection for a page: one another page left (younger than the recheck), else the
    /// pool's.
    pub async fn acquire(&self) -> sqlx::Result<Conn> {
        let asked = Instant::now();
        let out = match self.take() {
            Some(out) => out,
            None => Out {
                conn: self.0.pool.acquire().await?,
                since: Instant::now(),
            },
        };
        crate::http::metrics::observe_acquire(asked.elapsed().as_secs_f64());
        Ok(Conn {
            out: Some(out),
            home: Arc::downgrade(&self.0),
        })
    }

    /// How many connections wait here for a page (idle, though the pool counts them out).
    pub fn kept(&self) -> usize {
        self.0.kept.lock().map_or(0, |k| k.conns.len())
    }

    /// The youngest kept connection still fresh; older ones go back to the pool.
    fn take(&self) -> Option<Out> {
        let now = Instant::now();
        let mut aged = Vec::new();
        let found = {
            let mut kept = self.0.kept.lock().ok()?;
            loop {
                match kept.conns.pop() {
                    Some(out) if self.0.fresh(&out, now) => break Some(out),
                    Some(out) => aged.push(out),
                    None => break None,
                }
            }
        };
        drop(aged);
        found
    }
}

impl Shared {
    fn fresh(&self, out: &Out, now: Instant) -> bool {
        now.duration_since(out.since) < self.recheck
    }

    /// Keeps `out` for the next page, or gives it back to the pool when it may not be kept
    /// (on each early return: the lock, a local, is released before `out`, an argument, goes
    /// back to the pool).
    fn keep(self: &Arc<Self>, out: Out) {
        if !self.fresh(&out, Instant::now()) || holds_anything(&out.conn) || self.pool.is_closed() {
            return;
        }
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.closed || kept.conns.len() >= self.room() {
            return;
        }
        if !kept.sweeping {
            let Ok(runtime) = tokio::runtime::Handle::try_current() else {
                return;
            };
            runtime.spawn(sweep(Arc::downgrade(self), self.pool.clone(), self.recheck));
            kept.sweeping = true;
        }
        kept.conns.push(out);
    }

    /// How many connections may wait here: a quarter of the pool, so that whoever waits for
    /// the pool itself (a sign-in's transaction, the outbox) never waits behind many; none
    /// once the pool has none idle and may open no more, as someone may be waiting for one
    /// (the pool's queue is first come, first served; pages do not jump it).
    fn room(&self) -> usize {
        let max = self.pool.options().get_max_connections();
        if self.pool.num_idle() == 0 && self.pool.size() >= max {
            return 0;
        }
        usize::try_from(max / 4).unwrap_or(usize::MAX).max(1)
    }
}

/// Whether `conn` may still hold something of the page that used it: a transaction left
/// open, or a rollback (a dropped transaction's) queued but not yet sent. The pool's check
/// sends it at once; the next page would only send it when it next uses the connection.
fn holds_anything(conn: &PgConnection) -> bool {
    <Postgres as sqlx::Database>::TransactionManager::get_transaction_depth(conn) > 0
        || conn.should_flush()
}

/// Gives kept connections back to the pool once they are no longer fresh (so that a quiet
/// portal holds none out of it), and all of them when the pool closes (which waits for
/// every connection out of it); ends then, or when nothing can keep connections any more.
async fn sweep(shared: Weak<Shared>, pool: PgPool, every: Duration) {
    let closing = pool.close_event();
    tokio::pin!(closing);
    let mut tick = tokio::time::interval(every.max(Duration::from_millis(10)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let closed = tokio::select! {
            () = &mut closing => true,
            _ = tick.tick() => false,
        };
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let now = Instant::now();
        let gone: Vec<Out> = match shared.kept.lock() {
            Ok(mut kept) => {
                kept.closed |= closed;
                let keep_any = !kept.closed;
                let all = std::mem::take(&mut kept.conns);
                let (fresh, gone) = all
                    .into_iter()
                    .partition(|out| keep_any && shared.fresh(out, now));
                kept.conns = fresh;
                gone
            }
            Err(_) => return,
        };
        drop(gone);
        if closed {
            return;
        }
    }
}

/// A page's connection: back to [`Reuse`] when dropped, or to the pool (see the module).
#[derive(Debug)]
pub struct Conn {
    out: Option<Out>,
    home: Weak<Shared>,
}

impl Conn {
    /// Gives the connection back to the pool, not to the next page: its query failed, and
    /// the pool's check finds out whether it still works.
    pub fn discard(mut self) {
        self.out.take();
    }
}

impl std::ops::Deref for Conn {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        match &self.out {
            Some(out) => &out.conn,
            None => unreachable!("a Conn holds its connection until dropped"),
        }
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        match &mut self.out {
            Some(out) => &mut out.conn,
            None => unreachable!("a Conn holds its connection until dropped"),
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let (Some(out), Some(home)) = (self.out.take(), self.home.upgrade()) {
            home.keep(out);
        }
    }
}
