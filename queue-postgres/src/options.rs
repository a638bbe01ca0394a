//! How a database is reached: the schema our tables live in, how long to wait for other
//! nodes, and retention.

use queue_core::{Error, Result};
use std::time::Duration;

/// Options of [`crate::PostgresStore::connect_with`].
///
/// ```
/// use queue_postgres::PostgresOptions;
/// let options = PostgresOptions { schema: Some("queue".into()), ..Default::default() };
/// assert_eq!(options.lock_timeout, std::time::Duration::from_secs(5));
/// ```
#[derive(Debug, Clone)]
pub struct PostgresOptions {
    /// The schema (namespace) holding the store's tables, created if missing; `None` (the
    /// default) uses the connection's `search_path` as the server or URL sets it (usually
    /// `public`). Lower-case letters, digits and `_`, starting with a letter or `_`.
    pub schema: Option<String>,
    /// How long a command waits for another node's write to end before failing with a
    /// storage error (`lock_timeout`); 5 seconds by default.
    pub lock_timeout: Duration,
    /// How long connecting may take before failing with a storage error; 10 s by default.
    pub connect_timeout: Duration,
    /// How long history is kept, in the engine's time, as [`queue_core::store::Retention`]
    /// prunes it; `None` (the default) keeps everything.
    pub retention: Option<chrono::Duration>,
    /// A PEM file of the certificate authorities to trust for TLS, instead of Mozilla's
    /// roots; TLS itself is asked for by the URL (`sslmode=require`). See the crate's
    /// README section on TLS.
    pub tls_root_cert: Option<std::path::PathBuf>,
}

impl Default for PostgresOptions {
    fn default() -> Self {
        PostgresOptions {
            schema: None,
            lock_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(10),
            retention: None,
            tls_root_cert: None,
        }
    }
}

impl PostgresOptions {
    /// The schema name, checked: it is put into SQL as an identifier.
    pub(crate) fn checked_schema(&self) -> Result<Option<&str>> {
        let Some(s) = self.schema.as_deref() else {
            return Ok(None);
        };
        let mut bytes = s.bytes();
        let first_ok = bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
        let rest_ok = bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !first_ok || !rest_ok || s.len() > 63 || s.starts_with("pg_") {
            return Err(Error::invalid(
                "schema",
                "must be 1 to 63 lower-case letters, digits or _, start with a letter or _, \
                 and not start with pg_",
            ));
        }
        Ok(Some(s))
    }
}
