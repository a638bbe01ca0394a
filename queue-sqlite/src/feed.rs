//! Watching a database file's event log: a feed with a connection of its own, woken at once
//! by commits of this process and within [`POLL`] by commits of other processes.
//!
//! In-process commits ring a bell shared by every store and feed on the same file (a
//! registry keyed by the file's path). Another process cannot ring it, so a waiting feed also
//! looks at the event counter every [`POLL`] — one indexed read of one row, so cheap that
//! a hundred looks a second cost nothing measurable; the host itself never polls.

use crate::error::ctx;
use crate::events;
use queue_core::{CompanyId, Error, Event, EventFeed, EventQuery, Result};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

/// How often a waiting feed looks for other processes' commits.
pub const POLL: Duration = Duration::from_millis(5);

/// Rung after every commit that appended events, by the stores of this process on one file.
#[derive(Debug, Default)]
pub(crate) struct Bell {
    rung: Mutex<u64>,
    cv: Condvar,
}

impl Bell {
    fn count(&self) -> MutexGuard<'_, u64> {
        // A counter cannot be left half-written: a poisoned lock's value is still good.
        self.rung.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn ring(&self) {
        *self.count() += 1;
        self.cv.notify_all();
    }

    /// Waits at most `timeout` for a ring after the count `seen`.
    fn wait(&self, seen: u64, timeout: Duration) {
        let count = self.count();
        if *count != seen {
            return;
        }
        let _ = self.cv.wait_timeout_while(count, timeout, |c| *c == seen);
    }
}

static BELLS: LazyLock<Mutex<HashMap<PathBuf, Weak<Bell>>>> = LazyLock::new(Default::default);

/// The bell of the file at `path`, shared by every store and feed of this process on it.
pub(crate) fn bell(path: &Path) -> Arc<Bell> {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut bells = BELLS.lock().unwrap_or_else(|p| p.into_inner());
    bells.retain(|_, b| b.strong_count() > 0);
    if let Some(b) = bells.get(&key).and_then(Weak::upgrade) {
        return b;
    }
    let b = Arc::new(Bell::default());
    bells.insert(key, Arc::downgrade(&b));
    b
}

/// A [`EventFeed`] on a database file.
pub(crate) struct SqliteFeed {
    conn: Connection,
    bell: Arc<Bell>,
    /// `PRAGMA data_version` and the event counter at the last read: while the version
    /// stands still nobody has committed, and a read after the counter needs no query.
    last: Option<(i64, u64)>,
}

impl SqliteFeed {
    pub(crate) fn open(path: &str, bell: Arc<Bell>) -> Result<SqliteFeed> {
        let what = format!("open {path} to watch its events");
        let conn = Connection::open(path).map_err(ctx(&what))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(ctx(&what))?;
        Ok(SqliteFeed {
            conn,
            bell,
            last: None,
        })
    }

    fn data_version(&self) -> Result<i64> {
        self.conn
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(ctx("read PRAGMA data_version"))
    }

    fn counter(&self) -> Result<u64> {
        events::counter(&self.conn).map(|n| n.max(0) as u64)
    }
}

impl EventFeed for SqliteFeed {
    fn read(
        &mut self,
        after_seq: u64,
        company: Option<CompanyId>,
        limit: usize,
    ) -> Result<(Vec<Event>, u64)> {
        let version = self.data_version()?;
        if let Some((v, counter)) = self.last {
            if v == version && after_seq >= counter {
                return Ok((Vec::new(), counter));
            }
        }
        // One snapshot for the counter and the rows, so "looked through" is exact.
        let tx = self
            .conn
            .transaction()
            .map_err(ctx("start reading events"))?;
        let counter = events::counter(&tx)?;
        let events = events::query(&tx, &EventQuery::after(after_seq, company, limit))?;
        tx.commit().map_err(ctx("end reading events"))?;
        // The version read before the snapshot: a commit in between only means one more
        // query next time.
        self.last = Some((version, counter.max(0) as u64));
        let scanned = match events.last() {
            Some(e) if events.len() == limit => e.seq,
            _ => counter.max(0) as u64,
        };
        Ok((events, scanned))
    }

    fn last_seq(&mut self) -> Result<u64> {
        self.counter()
    }

    fn wait(&mut self, after_seq: u64, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            // Take the bell's count before looking, so a ring in between is not missed.
            let seen = *self.bell.count();
            if self.counter()? > after_seq {
                return Ok(true);
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => POLL,
            };
            if left.is_zero() {
                return Ok(false);
            }
            self.bell.wait(seen, left.min(POLL));
        }
    }
}

/// Why a store without a file cannot be watched.
pub(crate) fn no_file() -> Error {
    Error::storage(
        "a private in-memory SQLite database cannot be watched: no second connection can reach \
         it (use a file, a temporary store or the memory store)",
    )
}
