//! `Store` for `PostgresStore`: loading, noticing other nodes' commits, and all-or-nothing
//! commits under the write lock.

use crate::conn::Conn;
use crate::error::{ctx, storage};
use crate::feed::PgFeed;
use crate::{events, pieces, prune, PostgresStore};
use chrono::{DateTime, Utc};
use queue_core::{
    Change, Changes, CompanyId, ConflictReason, Error, Event, EventFeed, EventQuery, Kind, Pruned,
    Record, Result, Store,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Takes the write lock (the row every writer locks first, whose value is the commit
/// number), then reads the event counter, which only the lock holder moves.
const LOCK: &str = "SELECT value FROM cnq_meta WHERE key = 'commit_seq' FOR UPDATE;
    SELECT value FROM cnq_meta WHERE key = 'event_seq'";

fn kind_of(name: &str) -> Result<Kind> {
    Kind::from_name(name).ok_or_else(|| {
        Error::storage(format!(
            "the database holds records of an unknown kind {name:?}; written by a newer version?"
        ))
    })
}

/// The commit number, as committed (no lock).
fn head(client: &mut Conn) -> Result<i64> {
    client
        .query_one("SELECT value FROM cnq_meta WHERE key = 'commit_seq'", &[])
        .map(|r| r.get(0))
        .map_err(ctx("read the commit number"))
}

fn horizon(client: &mut Conn) -> Result<i64> {
    client
        .query_one(
            "SELECT value FROM cnq_meta WHERE key = 'prune_horizon'",
            &[],
        )
        .map(|r| r.get(0))
        .map_err(ctx("read the prune horizon"))
}

/// Every row written by commits in `(after, head]`, oldest commit first (kinds in their
/// order within a commit); [`Changes::Reload`] if a prune may have removed rows written
/// after `after`.
fn changed_since(client: &mut Conn, after: i64, head: i64) -> Result<Changes> {
    if head == after {
        return Ok(Changes::Since(Vec::new()));
    }
    if head < after {
        return Err(Error::storage(format!(
            "the database went back in time (commit {head}, this node saw {after}): was it \
             restored from a backup? Reopen the engine"
        )));
    }
    if horizon(client)? > after {
        return Ok(Changes::Reload);
    }
    let rows = client
        .query(
            "SELECT seq, kind, id, body FROM cnq_record WHERE seq > $1 AND seq <= $2",
            &[&after, &head],
        )
        .map_err(ctx("read changed records"))?;
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let seq: i64 = row.get(0);
        let kind = kind_of(row.get(1))?;
        let change = match row.get::<_, Option<&str>>(3) {
            Some(body) => Change::Put(Record::from_json(kind, body)?),
            None => Change::Delete(kind, row.get(2)),
        };
        found.push(((seq, kind), change));
    }
    found.sort_by_key(|(key, _)| *key);
    Ok(Changes::Since(found.into_iter().map(|(_, c)| c).collect()))
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
    /// Writes a command's changes and events as the next commit and commits; returns its
    /// number. Refused, writing nothing, unless this node has seen every earlier commit.
    fn write_all(&mut self, head: i64, changes: &[Change], events: &[Event]) -> Result<i64> {
        if head != self.seen_seq {
            return Err(Error::conflict(
                ConflictReason::StaleConnection,
                format!(
                    "another node committed since this one last read the database (commit \
                     {head}, last seen {}); nothing was written, retry the command",
                    self.seen_seq
                ),
            ));
        }
        let seq = head + 1;
        let due = events
            .iter()
            .map(|e| e.at)
            .max()
            .and_then(|now| self.retention.as_mut()?.due(now));
        let events_before = self.locked_events;
        let client = self.client()?;
        let changes = last_per_record(changes);
        crate::commit::write(client, &changes, seq, events_before + 1, events)?;
        let last = events_before + events.len() as i64;
        if let Some(cutoff) = due {
            prune::prune(client, cutoff)?;
        }
        // The notification is sent at the commit, with it or not at all.
        let notify = if events.is_empty() {
            ""
        } else {
            "SELECT pg_notify('cnq_commit', current_schema());"
        };
        let counter = if events.is_empty() {
            String::new()
        } else {
            format!("UPDATE cnq_meta SET value = {last} WHERE key = 'event_seq';")
        };
        client
            .batch_execute(&format!(
                "{counter} UPDATE cnq_meta SET value = {seq} WHERE key = 'commit_seq'; {notify} \
                 COMMIT"
            ))
            .map_err(ctx("commit"))?;
        Ok(seq)
    }

    /// Runs `f` in one consistent snapshot: the open write transaction if there is one, else
    /// a read-only repeatable-read transaction of its own.
    fn in_snapshot<T>(&mut self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        let in_tx = self.locked_head.is_some();
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
        self.locked_head = None;
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
        let (records, head) = self.in_snapshot(|client| {
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
            Ok((records, head(client)?))
        })?;
        self.seen_seq = head;
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
        if self.locked_head.is_some() {
            // A transaction left open by a caller that never ended it: nothing of it counts.
            self.rollback();
        }
        let client = self.client()?;
        let rows = match client.simple_query(&format!("BEGIN; {LOCK}")) {
            Ok(rows) => rows,
            Err(e) => {
                let _ = client.batch_execute("ROLLBACK");
                return Err(storage("take the write lock", e));
            }
        };
        let mut values = rows.iter().filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => row.get(0)?.parse::<i64>().ok(),
            _ => None,
        });
        match (values.next(), values.next()) {
            (Some(head), Some(events)) => {
                self.locked_head = Some(head);
                self.locked_events = events;
                Ok(())
            }
            _ => {
                let _ = client.batch_execute("ROLLBACK");
                Err(Error::storage(
                    "take the write lock: cnq_meta has no commit number or event counter; the \
                     database is damaged",
                ))
            }
        }
    }

    fn changes(&mut self) -> Result<Changes> {
        let after = self.seen_seq;
        let (changes, head) = match self.locked_head {
            Some(head) => (changed_since(self.client()?, after, head)?, head),
            None => {
                // One cheap read when nothing happened; the rows in a snapshot otherwise.
                if head(self.client()?)? == after {
                    return Ok(Changes::Since(Vec::new()));
                }
                self.in_snapshot(|client| {
                    let head = head(client)?;
                    Ok((changed_since(client, after, head)?, head))
                })?
            }
        };
        self.seen_seq = head;
        Ok(changes)
    }

    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        let Some(head) = self.locked_head else {
            return Err(Error::storage(
                "commit without an open transaction (begin was not called)",
            ));
        };
        match self.write_all(head, changes, events) {
            Ok(seq) => {
                self.seen_seq = seq;
                self.locked_head = None;
                Ok(())
            }
            Err(e) => {
                // Whether the COMMIT itself failed or a write before it, the server has not
                // stored anything: roll back so the connection is usable again.
                self.rollback();
                Err(e)
            }
        }
    }

    fn rollback(&mut self) {
        if self.locked_head.is_some() {
            // If even ROLLBACK fails the connection is gone, and the server dropped the
            // transaction with it; the next command reconnects.
            let _ = self.end_tx("ROLLBACK", "roll back");
        }
        self.locked_head = None;
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
        if self.locked_head.is_some() {
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
