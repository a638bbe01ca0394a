//! `Store` for `PostgresStore`: loading, noticing other nodes' commits, and all-or-nothing
//! commits under the write lock.

use crate::conn::Conn;
use crate::error::{ctx, storage};
use crate::feed::PgFeed;
use crate::scope::{self, Head};
use crate::{events, pieces, prune, PostgresStore};
use chrono::{DateTime, Utc};
use queue_core::{
    Change, Changes, CompanyId, ConflictReason, Error, Event, EventFeed, EventQuery, Kind, Pruned,
    Record, Result, Scope, Store,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The open write transaction: its scope, and the rows of `cnq_lock` it holds (every
/// scope's, for the global scope).
#[derive(Debug, Clone)]
pub(crate) struct Locked {
    scope: Scope,
    heads: Vec<Head>,
}

impl PostgresStore {
    /// Remembers that this node has applied every commit up to `heads`.
    fn saw(&mut self, heads: &[Head]) {
        for h in heads {
            self.seen.insert(h.scope, h.seq);
        }
    }
}

/// The last change of each record in `changes`, in their order: a batch may write one
/// record several times, and one upsert statement may touch a row only once.
fn last_per_record(changes: &[Change]) -> Vec<&Change> {
    let mut last: HashMap<(Kind, Uuid), usize> = HashMap::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        last.insert(c.key(), i);
    }
    changes
        .iter()
        .enumerate()
        .filter(|(i, c)| last.get(&c.key()) == Some(i))
        .map(|(_, c)| c)
        .collect()
}

impl PostgresStore {
    /// Writes a command's changes and events as the next commit of the locked scope and
    /// commits; returns the scope's key and the commit's number. Refused, writing nothing,
    /// unless this node has seen every earlier commit of the scopes it locked.
    fn write_all(&mut self, changes: &[Change], events: &[Event]) -> Result<(Uuid, i64)> {
        let Some(locked) = self.locked.clone() else {
            return Err(Error::storage(
                "commit without an open transaction (begin was not called)",
            ));
        };
        for head in &locked.heads {
            let seen = self.seen.get(&head.scope).copied().unwrap_or(0);
            if head.seq != seen {
                return Err(Error::conflict(
                    ConflictReason::StaleConnection,
                    format!(
                        "another node committed since this one last read the database (commit \
                         {} of scope {}, last seen {seen}); nothing was written, retry the \
                         command",
                        head.seq, head.scope
                    ),
                ));
            }
        }
        let own = scope::key(locked.scope);
        let head = locked
            .heads
            .iter()
            .find(|h| h.scope == own)
            .map_or(0, |h| h.seq);
        let seq = head + 1;
        let client = self.client()?;
        let changes = last_per_record(changes);
        crate::commit::write(client, &changes, own, seq, events)?;
        // The notification is sent at the commit, with it or not at all.
        let notify = if events.is_empty() {
            ""
        } else {
            "SELECT pg_notify('cnq_commit', current_schema());"
        };
        client
            .batch_execute(&format!(
                "UPDATE cnq_lock SET seq = {seq} WHERE scope = '{own}'; {notify} COMMIT"
            ))
            .map_err(ctx("commit"))?;
        Ok((own, seq))
    }

    /// Runs `f` in one consistent snapshot: the open write transaction if there is one, else
    /// a read-only repeatable-read transaction of its own.
    fn in_snapshot<T>(&mut self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        let in_tx = self.locked.is_some();
        let client = self.client()?;
        if in_tx {
            return f(client);
        }
        client
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(ctx("start a read"))?;
        let result = f(client);
        // A read-only transaction has nothing to lose: end it either way.
        let end = client.batch_execute("COMMIT").map_err(ctx("end a read"));
        if end.is_err() {
            let _ = client.batch_execute("ROLLBACK");
        }
        let value = result?;
        end.map(|()| value)
    }

    /// The records `sql` returns for `(kind, key)`, decoded.
    fn records(
        &mut self,
        sql: &str,
        kind: Kind,
        key: &(dyn postgres::types::ToSql + Sync),
    ) -> Result<Vec<Record>> {
        let what = format!("read {kind} records");
        let rows = self
            .client()?
            .query(sql, &[&kind.name(), key])
            .map_err(ctx(&what))?;
        rows.iter()
            .map(|r| Record::from_json(kind, r.get(0)))
            .collect()
    }

    /// Runs `sql` (statements ending the transaction) and forgets the lock either way.
    fn end_tx(&mut self, sql: &str, what: &str) -> Result<()> {
        self.locked = None;
        if self.client.is_closed() {
            return Err(Error::storage(format!(
                "{what}: the connection to the server is closed; nothing of the transaction \
                 was written"
            )));
        }
        self.client.batch_execute(sql).map_err(ctx(what))
    }
}

/// The working set of `kind`: everything kept always and live stays; objects only while a
/// live stay holds them.
fn load_sql(kind: Kind) -> &'static str {
    if kind == Kind::QueueableObject {
        "SELECT body FROM cnq_record WHERE kind = $1 AND body IS NOT NULL AND id IN
             (SELECT parent FROM cnq_record WHERE kind = 'stay' AND keep = 1
              AND body IS NOT NULL)"
    } else {
        "SELECT body FROM cnq_record WHERE kind = $1 AND keep IN (0, 1) AND body IS NOT NULL"
    }
}

impl Store for PostgresStore {
    fn load(&mut self) -> Result<Vec<Record>> {
        let (records, heads) = self.in_snapshot(|client| {
            // The numbers first: inside a write transaction (read committed) a record read
            // later may be newer than them, never older, so nothing is missed.
            let heads = scope::all_heads(client)?;
            let mut records = Vec::new();
            for &kind in Kind::ALL {
                let what = format!("load {kind} records");
                let rows = client
                    .query(load_sql(kind), &[&kind.name()])
                    .map_err(ctx(&what))?;
                for row in rows {
                    records.push(Record::from_json(kind, row.get(0))?);
                }
            }
            Ok((records, heads))
        })?;
        self.seen = heads.iter().map(|h| (h.scope, h.seq)).collect();
        Ok(records)
    }

    fn get(&mut self, kind: Kind, id: Uuid) -> Result<Option<Record>> {
        Ok(self
            .records(
                "SELECT body FROM cnq_record WHERE kind = $1 AND id = $2 AND body IS NOT NULL",
                kind,
                &id,
            )?
            .into_iter()
            .next())
    }

    fn children(&mut self, kind: Kind, parent: Uuid) -> Result<Vec<Record>> {
        self.records(
            "SELECT body FROM cnq_record WHERE kind = $1 AND parent = $2 AND body IS NOT NULL
             ORDER BY id",
            kind,
            &parent,
        )
    }

    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<Uuid>> {
        let what = format!("read a company's {kind} records");
        let rows = self
            .client()?
            .query(
                "SELECT id FROM cnq_record WHERE kind = $1 AND company = $2
                 AND body IS NOT NULL",
                &[&kind.name(), &company.0],
            )
            .map_err(ctx(&what))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn company_history(
        &mut self,
        kind: Kind,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>> {
        if to <= from {
            return Ok(Vec::new());
        }
        let what = format!("read a company's {kind} history");
        // `since_s` is whole seconds: read the seconds around the window, then keep exactly it.
        let rows = self
            .client()?
            .query(
                "SELECT body FROM cnq_record WHERE kind = $1 AND company = $2
                 AND since_s BETWEEN $3 AND $4 AND body IS NOT NULL ORDER BY since_s",
                &[&kind.name(), &company.0, &from.timestamp(), &to.timestamp()],
            )
            .map_err(ctx(&what))?;
        let mut out = Vec::new();
        for row in rows {
            let r = Record::from_json(kind, row.get(0))?;
            if r.placement().since.is_some_and(|t| from <= t && t < to) {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn begin(&mut self) -> Result<()> {
        self.begin_in(Scope::Global)
    }

    fn begin_in(&mut self, scope: Scope) -> Result<()> {
        if self.locked.is_some() {
            // A transaction left open by a caller that never ended it: nothing of it counts.
            self.rollback();
        }
        let client = self.client()?;
        let rows = match client.simple_query(&format!("BEGIN; {}", scope::lock_sql(scope))) {
            Ok(rows) => rows,
            Err(e) => {
                let _ = client.batch_execute("ROLLBACK");
                return Err(storage("take the write lock", e));
            }
        };
        let mut heads = scope::parse_heads(&rows);
        if heads.len() != 1 + usize::from(scope.company().is_some()) {
            let _ = client.batch_execute("ROLLBACK");
            return Err(Error::storage(
                "take the write lock: cnq_lock has no row for the global scope; the database \
                 is damaged",
            ));
        }
        if scope == Scope::Global {
            // Holding the global row no one else writes: every scope's number stands still.
            match scope::all_heads(client) {
                Ok(all) => heads = all,
                Err(e) => {
                    let _ = client.batch_execute("ROLLBACK");
                    return Err(e);
                }
            }
        }
        self.locked = Some(Locked { scope, heads });
        Ok(())
    }

    fn changes(&mut self) -> Result<Changes> {
        let changes = match self.locked.clone() {
            Some(locked) => {
                // Taken out and put back: the client borrows the whole store.
                let seen = std::mem::take(&mut self.seen);
                let found = self
                    .client()
                    .and_then(|client| scope::changed_since(client, &seen, &locked.heads));
                self.seen = seen;
                let changes = found?;
                self.saw(&locked.heads);
                changes
            }
            None => {
                // One cheap read when nothing happened; the rows in a snapshot otherwise.
                let heads = scope::all_heads(self.client()?)?;
                if !scope::behind(&self.seen, &heads) {
                    return Ok(Changes::Since(Vec::new()));
                }
                let seen = self.seen.clone();
                let (changes, heads) = self.in_snapshot(|client| {
                    let heads = scope::all_heads(client)?;
                    Ok((scope::changed_since(client, &seen, &heads)?, heads))
                })?;
                self.saw(&heads);
                changes
            }
        };
        Ok(changes)
    }

    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        let due = events
            .iter()
            .map(|e| e.at)
            .max()
            .and_then(|now| self.retention.as_mut()?.due(now));
        match self.write_all(changes, events) {
            Ok((scope, seq)) => {
                self.seen.insert(scope, seq);
                self.locked = None;
            }
            Err(e) => {
                // Whether the COMMIT itself failed or a write before it, the server has not
                // stored anything: roll back so the connection is usable again.
                self.rollback();
                return Err(e);
            }
        }
        if let Some(cutoff) = due {
            // In a transaction of its own, of the global scope: it removes every company's
            // history. The command is committed either way; if the prune fails, what it
            // would have removed is removed by the next one.
            let _ = self.prune(cutoff);
        }
        Ok(())
    }

    fn rollback(&mut self) {
        if self.locked.is_some() {
            // If even ROLLBACK fails the connection is gone, and the server dropped the
            // transaction with it; the next command reconnects.
            let _ = self.end_tx("ROLLBACK", "roll back");
        }
        self.locked = None;
    }

    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        events::query(self.client()?, query)
    }

    fn facts(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<queue_core::Fact>> {
        events::facts(self.client()?, company, from, to)
    }

    fn pieces(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<queue_core::interval::Piece>> {
        pieces::read(self.client()?, company, from, to)
    }

    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned> {
        let cutoff = queue_core::store::prune_cutoff(before);
        if self.locked.is_some() {
            return prune::prune(self.client()?, cutoff);
        }
        self.begin()?;
        let result = prune::prune(self.client()?, cutoff);
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.end_tx(end, "end a prune");
        let pruned = result?;
        ended.map(|()| pruned)
    }

    fn feed(&mut self) -> Result<Box<dyn EventFeed>> {
        Ok(Box::new(PgFeed::open(&self.config, &self.options)?))
    }
}
