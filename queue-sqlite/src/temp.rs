//! Database files in the temp directory that disappear with their store.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A unique database path and its WAL companions, removed on drop.
#[derive(Debug)]
pub(crate) struct TempFiles {
    path: PathBuf,
}

impl TempFiles {
    /// A path no other store in this or another process uses.
    pub(crate) fn new() -> TempFiles {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("queue-sqlite-{}-{nanos}-{n}.db", std::process::id());
        TempFiles {
            path: std::env::temp_dir().join(name),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFiles {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            // Already gone is fine; nothing else can be done about a failure in drop.
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}
