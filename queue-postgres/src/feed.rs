//! Watching the event log from a session of its own: woken by `LISTEN/NOTIFY` when a node
//! commits events, and looking at the event counter every [`POLL`] in case a notification
//! was lost (a reconnect in between, or a Postgres-compatible database without
//! `LISTEN/NOTIFY`): the counter, not the notification, is the truth.

use crate::conn::Conn;
use crate::error::ctx;
use crate::options::PostgresOptions;
use crate::{events, open_session};
use postgres::fallible_iterator::FallibleIterator;
use queue_core::{CompanyId, Event, EventFeed, EventQuery, Result};
use std::time::{Duration, Instant};

/// How often a waiting feed looks at the event counter even without a notification.
pub const POLL: Duration = Duration::from_secs(1);

/// The channel commits notify (with the schema's name as the payload).
const CHANNEL: &str = "cnq_commit";

/// An [`EventFeed`] on a PostgreSQL database.
pub(crate) struct PgFeed {
    client: Conn,
    config: crate::tls::Server,
    options: PostgresOptions,
}

impl PgFeed {
    pub(crate) fn open(config: &crate::tls::Server, options: &PostgresOptions) -> Result<PgFeed> {
        let client = listening(config, options)?;
        Ok(PgFeed {
            client,
            config: config.clone(),
            options: options.clone(),
        })
    }

    /// The session, opened again (and listening again) if it was lost.
    fn client(&mut self) -> Result<&mut Conn> {
        if self.client.is_closed() {
            self.client = listening(&self.config, &self.options)?;
        }
        Ok(&mut self.client)
    }

    fn counter(&mut self) -> Result<u64> {
        counter(self.client()?)
    }
}

fn listening(config: &crate::tls::Server, options: &PostgresOptions) -> Result<Conn> {
    let mut client = Conn::new(open_session(config, options)?);
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .map_err(ctx("listen for commits"))?;
    Ok(client)
}

fn counter(client: &mut Conn) -> Result<u64> {
    let n: i64 = client
        .query_one("SELECT value FROM cnq_meta WHERE key = 'event_seq'", &[])
        .map_err(ctx("read the event counter"))?
        .get(0);
    Ok(n.max(0) as u64)
}

impl EventFeed for PgFeed {
    fn read(
        &mut self,
        after_seq: u64,
        company: Option<CompanyId>,
        limit: usize,
    ) -> Result<(Vec<Event>, u64)> {
        let client = self.client()?;
        // One snapshot for the counter and the rows, so "looked through" is exact.
        client
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(ctx("start reading events"))?;
        let read = counter(client).and_then(|counter| {
            let events = events::query(client, &EventQuery::after(after_seq, company, limit))?;
            Ok((counter, events))
        });
        let end = client
            .batch_execute("COMMIT")
            .map_err(ctx("end reading events"));
        if end.is_err() {
            let _ = client.batch_execute("ROLLBACK");
        }
        let (counter, events) = read?;
        end?;
        let scanned = match events.last() {
            Some(e) if events.len() == limit => e.seq,
            _ => counter,
        };
        Ok((events, scanned))
    }

    fn last_seq(&mut self) -> Result<u64> {
        self.counter()
    }

    fn wait(&mut self, after_seq: u64, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            // Drop what has arrived before looking: a notification after the look wakes us.
            let client = self.client()?;
            while let Ok(Some(_)) = client.notifications().iter().next() {}
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
            // An error here is a lost connection: the next turn reconnects (or reports it).
            let _ = self
                .client()?
                .notifications()
                .timeout_iter(left.min(POLL))
                .next();
        }
    }
}
