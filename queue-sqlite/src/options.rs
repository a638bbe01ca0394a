//! How a database file is opened: durability level and how long to wait for other writers.

use std::time::Duration;

/// How hard SQLite works to make a commit durable (`PRAGMA synchronous`).
///
/// In WAL mode both levels survive a killed process with nothing lost; they differ only when
/// the machine itself loses power.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// `NORMAL`: the WAL is synced at checkpoints only. A power cut may lose the last few
    /// commits (never corrupt the file); a crashed process loses nothing.
    #[default]
    Normal,
    /// `FULL`: the WAL is synced at every commit, so even a power cut loses nothing
    /// acknowledged. Slower: one fsync per command.
    Full,
}

impl Synchronous {
    /// The value `PRAGMA synchronous` takes.
    pub(crate) fn pragma(self) -> &'static str {
        match self {
            Synchronous::Normal => "NORMAL",
            Synchronous::Full => "FULL",
        }
    }
}

/// Options of [`crate::SqliteStore::open_with`].
///
/// ```
/// use queue_sqlite::{SqliteOptions, Synchronous};
/// let durable = SqliteOptions { synchronous: Synchronous::Full, ..Default::default() };
/// assert_eq!(durable.busy_timeout, std::time::Duration::from_secs(5));
/// // History kept for 90 days of the engine's time, older history pruned as commits come.
/// let kept = SqliteOptions { retention: Some(chrono::Duration::days(90)), ..Default::default() };
/// # let _ = kept;
/// ```
#[derive(Debug, Clone)]
pub struct SqliteOptions {
    /// Durability of each commit; [`Synchronous::Normal`] by default.
    pub synchronous: Synchronous,
    /// How long a command waits for another process's transaction to end before failing with
    /// a storage error; 5 seconds by default.
    pub busy_timeout: Duration,
    /// How long history (ended stays with their notes, objects no stay is left for with their
    /// ratings, agents' time pieces, events) is kept, in the engine's time; `None` (the
    /// default) keeps everything. With a period set, a commit prunes what is older than it,
    /// at most every [`queue_core::store::AUTO_PRUNE_EVERY_SECONDS`].
    pub retention: Option<chrono::Duration>,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions {
            synchronous: Synchronous::Normal,
            busy_timeout: Duration::from_secs(5),
            retention: None,
        }
    }
}
