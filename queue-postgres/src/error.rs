//! Turns PostgreSQL failures into `queue_core::Error::Storage` with a message a host can act on.

use queue_core::Error;

/// A storage error for a failed `action` (e.g. `"commit"`), naming the likely cause.
pub(crate) fn storage(action: &str, e: postgres::Error) -> Error {
    use postgres::error::SqlState;
    let cause = if e.is_closed() {
        "the connection to the server is closed (the next command reconnects)"
    } else {
        match e.code() {
            Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => {
                "another node held the write lock longer than lock_timeout"
            }
            Some(c) if *c == SqlState::QUERY_CANCELED => "the statement timed out",
            Some(c) if *c == SqlState::DISK_FULL => "the server's disk is full",
            Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => "permission denied",
            Some(c) if *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN => {
                "the server is shutting down"
            }
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE => {
                "a concurrent transaction conflicted; retry the command"
            }
            _ => "",
        }
    };
    // The server's own message (with its detail) says more than the driver's summary.
    let said = match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {detail}", db.message()),
            None => db.message().to_string(),
        },
        None => with_causes(&e),
    };
    if cause.is_empty() {
        Error::storage(format!("{action}: {said}"))
    } else {
        Error::storage(format!("{action}: {cause} ({said})"))
    }
}

/// The driver's message and the causes under it ("error performing TLS handshake: invalid
/// peer certificate: UnknownIssuer"), the part a host can act on being often the last.
fn with_causes(e: &postgres::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

/// Adapter for `map_err`: `.map_err(ctx("load records"))`.
pub(crate) fn ctx(action: &str) -> impl FnOnce(postgres::Error) -> Error + '_ {
    move |e| storage(action, e)
}

/// Prefixes a storage error's message with what was being done.
pub(crate) fn within(action: &str, e: Error) -> Error {
    match e {
        Error::Storage { message } => Error::storage(format!("{action}: {message}")),
        other => other,
    }
}
