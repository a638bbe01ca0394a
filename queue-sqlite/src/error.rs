//! Turns SQLite failures into `queue_core::Error::Storage` with a message a host can act on.

use queue_core::Error;
use rusqlite::ErrorCode;

/// A storage error for a failed `action` (e.g. `"open /var/q.db"`), naming the likely cause.
pub(crate) fn storage(action: &str, e: rusqlite::Error) -> Error {
    let cause = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => "the file is not a SQLite database",
        Some(ErrorCode::DatabaseCorrupt) => "the database file is corrupt",
        Some(ErrorCode::ReadOnly) => "the database is read-only",
        Some(ErrorCode::PermissionDenied) => "permission denied",
        Some(ErrorCode::CannotOpen) => "the database file cannot be opened",
        Some(ErrorCode::DiskFull) => "the disk (or the database's size limit) is full",
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "another connection held the database longer than busy_timeout"
        }
        Some(ErrorCode::SystemIoFailure) => "an I/O error occurred",
        _ => "",
    };
    if cause.is_empty() {
        Error::storage(format!("{action}: {e}"))
    } else {
        Error::storage(format!("{action}: {cause} ({e})"))
    }
}

/// Adapter for `map_err`: `.map_err(ctx("load records"))`.
pub(crate) fn ctx(action: &str) -> impl FnOnce(rusqlite::Error) -> Error + '_ {
    move |e| storage(action, e)
}

/// Prefixes a storage error's message with what was being done (`open /var/q.db: …`).
pub(crate) fn within(action: &str, e: Error) -> Error {
    match e {
        Error::Storage { message } => Error::storage(format!("{action}: {message}")),
        other => other,
    }
}
