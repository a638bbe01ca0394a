//! `Store` for `SqliteStore`: loading, noticing other writers, and all-or-nothing commits.

use crate::error::{ctx, storage};
use crate::feed::{self, SqliteFeed};
use crate::schema::KindSql;
use crate::{events, prune, SqliteStore};
use chrono::{DateTime, Utc};
use queue_core::record::Keep;
use queue_core::{
    Change, Changes, CompanyId, ConflictReason, Error, Event, EventFeed, EventQuery, Kind, Pruned,
    Record, Result, Store,
};
use rusqlite::params;
use uuid::Uuid;

impl SqliteStore {
    fn data_version_now(&self) -> Result<i64> {
        self.conn
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(ctx("read PRAGMA data_version"))
    }

    fn commit_seq(&self) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'commit_seq'")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(ctx("read the commit number"))
    }

    fn exec(&self, sql: &str, what: &str) -> Result<()> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.execute([]))
            .map(|_| ())
            .map_err(ctx(what))
    }

    /// Runs `f` in a read snapshot: the surrounding write transaction if there is one, else a
    /// deferred transaction of its own, so several queries see one consistent state.
    fn in_snapshot<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.exec("BEGIN DEFERRED", "start a read")?;
        let result = f(self);
        // A read-only transaction has nothing to lose: end it either way.
        let end = self.exec("COMMIT", "end a read");
        if end.is_err() && !self.conn.is_autocommit() {
            let _ = self.exec("ROLLBACK", "end a read");
        }
        let value = result?;
        end.map(|()| value)
    }

    /// Every row written after commit `after`, oldest commit first, and the latest commit;
    /// [`Changes::Reload`] if a prune may have removed rows written after `after`.
    fn changed_since(&self, after: i64) -> Result<(Changes, i64)> {
        let head = self.commit_seq()?;
        if head == after {
            return Ok((Changes::Since(Vec::new()), head));
        }
        if head < after {
            return Err(Error::storage(format!(
                "the database went back in time (commit {head}, this connection saw {after}): \
                 was it restored from a backup? Reopen the engine"
            )));
        }
        if prune::horizon(&self.conn)? > after {
            return Ok((Changes::Reload, head));
        }
        let mut found: Vec<(i64, Change)> = Vec::new();
        for (&kind, sql) in &self.sql {
            let what = format!("read changed {kind} records");
            let mut stmt = self.conn.prepare_cached(&sql.changed).map_err(ctx(&what))?;
            let rows = stmt
                .query_map([after], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })
                .map_err(ctx(&what))?;
            for row in rows {
                let (seq, id, body) = row.map_err(ctx(&what))?;
                let change = match body {
                    Some(body) => Change::Put(Record::from_json(kind, &body)?),
                    None => Change::Delete(kind, parse_id(kind, &id)?),
                };
                found.push((seq, change));
            }
        }
        found.sort_by_key(|(seq, _)| *seq);
        Ok((
            Changes::Since(found.into_iter().map(|(_, c)| c).collect()),
            head,
        ))
    }

    /// Writes one change, stamped with commit `seq`.
    fn write_change(&self, change: &Change, seq: i64) -> Result<()> {
        let (kind, id) = change.key();
        let sql = self
            .sql
            .get(&kind)
            .ok_or_else(|| Error::storage(format!("no table for {kind} records")))?;
        let id_text = id.to_string();
        match change {
            Change::Put(record) => {
                let p = record.placement();
                let keep = match p.keep {
                    Keep::Always => 0,
                    Keep::Live => 1,
                    Keep::WhileHeld => 2,
                    Keep::History => 3,
                };
                self.conn.prepare_cached(&sql.put).and_then(|mut s| {
                    s.execute(params![
                        id_text,
                        seq,
                        record.to_json(),
                        keep,
                        p.parent.map(|u| u.to_string()),
                        p.company.map(|u| u.to_string()),
                        p.since.map(|t| t.timestamp()),
                    ])
                })
            }
            Change::Delete(..) => self
                .conn
                .prepare_cached(&sql.delete)
                .and_then(|mut s| s.execute(params![id_text, seq])),
        }
        .map(|_| ())
        .map_err(|e| storage(&format!("write {kind} {id}"), e))
    }

    /// Writes a command's changes and events as the next commit; returns its number.
    ///
    /// The commit is conditional: it is refused unless this connection has seen every earlier
    /// commit, since the command's decisions (this stay is still waiting, that agent is still
    /// under capacity) were made on what it has seen. The engine always syncs inside the write
    /// transaction, so this only ever refuses a caller that skipped [`Store::changes`].
    fn write_all(&mut self, changes: &[Change], events: &[Event]) -> Result<i64> {
        let head = self.commit_seq()?;
        if head != self.seen_seq {
            return Err(Error::conflict(
                ConflictReason::StaleConnection,
                format!(
                    "another connection committed since this one last read the database \
                 (commit {head}, last seen {}); nothing was written, retry the command",
                    self.seen_seq
                ),
            ));
        }
        let seq = head + 1;
        for change in changes {
            self.write_change(change, seq)?;
            crate::pieces::write(&self.conn, change)?;
        }
        events::append(&self.conn, events)?;
        let now = events.iter().map(|e| e.at).max();
        if let Some(cutoff) = now.and_then(|now| self.retention.as_mut()?.due(now)) {
            prune::prune(&self.conn, cutoff)?;
        }
        self.conn
            .prepare_cached("UPDATE store_meta SET value = ?1 WHERE key = 'commit_seq'")
            .and_then(|mut s| s.execute([seq]))
            .map_err(ctx("advance the commit number"))?;
        self.exec("COMMIT", "commit")?;
        Ok(seq)
    }
}

fn parse_id(kind: Kind, id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|e| Error::storage(format!("corrupt {kind} id {id:?}: {e}")))
}

impl SqliteStore {
    /// The records one query of `kind`'s SQL (`pick`) returns for `key`.
    fn records_by(
        &mut self,
        kind: Kind,
        pick: fn(&KindSql) -> &str,
        key: &str,
    ) -> Result<Vec<Record>> {
        let sql = self
            .sql
            .get(&kind)
            .ok_or_else(|| Error::storage(format!("no table for {kind} records")))?;
        let what = format!("read {kind} records");
        let mut stmt = self.conn.prepare_cached(pick(sql)).map_err(ctx(&what))?;
        let rows = stmt
            .query_map([key], |r| r.get::<_, String>(0))
            .map_err(ctx(&what))?;
        let mut out = Vec::new();
        for body in rows {
            out.push(Record::from_json(kind, &body.map_err(ctx(&what))?)?);
        }
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn get(&mut self, kind: Kind, id: Uuid) -> Result<Option<Record>> {
        Ok(self
            .records_by(kind, |s| &s.get, &id.to_string())?
            .into_iter()
            .next())
    }

    fn children(&mut self, kind: Kind, parent: Uuid) -> Result<Vec<Record>> {
        self.records_by(kind, |s| &s.children, &parent.to_string())
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
        let sql = self
            .sql
            .get(&kind)
            .ok_or_else(|| Error::storage(format!("no table for {kind} records")))?;
        let what = format!("read a company's {kind} history");
        let mut stmt = self
            .conn
            .prepare_cached(&sql.company_history)
            .map_err(ctx(&what))?;
        // `since_s` is whole seconds: read the seconds around the window, then keep exactly it.
        let rows = stmt
            .query_map(
                params![company.0.to_string(), from.timestamp(), to.timestamp()],
                |r| r.get::<_, String>(0),
            )
            .map_err(ctx(&what))?;
        let mut out = Vec::new();
        for body in rows {
            let r = Record::from_json(kind, &body.map_err(ctx(&what))?)?;
            if r.placement().since.is_some_and(|t| from <= t && t < to) {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<Uuid>> {
        let sql = self
            .sql
            .get(&kind)
            .ok_or_else(|| Error::storage(format!("no table for {kind} records")))?;
        let what = format!("read a company's {kind} records");
        let mut stmt = self.conn.prepare_cached(&sql.company).map_err(ctx(&what))?;
        let rows = stmt
            .query_map([company.0.to_string()], |r| r.get::<_, String>(0))
            .map_err(ctx(&what))?;
        let mut out = Vec::new();
        for id in rows {
            out.push(parse_id(kind, &id.map_err(ctx(&what))?)?);
        }
        Ok(out)
    }

    fn load(&mut self) -> Result<Vec<Record>> {
        let version = self.data_version_now()?;
        let (records, head) = self.in_snapshot(|s| {
            let mut records = Vec::new();
            for (&kind, sql) in &s.sql {
                let what = format!("load {kind} records");
                let mut stmt = s.conn.prepare_cached(&sql.load).map_err(ctx(&what))?;
                let rows = stmt
                    .query_map([], |r| r.get::<_, String>(0))
                    .map_err(ctx(&what))?;
                for body in rows {
                    records.push(Record::from_json(kind, &body.map_err(ctx(&what))?)?);
                }
            }
            Ok((records, s.commit_seq()?))
        })?;
        self.seen_seq = head;
        self.data_version = Some(version);
        Ok(records)
    }

    fn begin(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            // A transaction left open by a caller that never ended it: nothing of it counts.
            self.rollback();
        }
        self.exec("BEGIN IMMEDIATE", "start a write transaction")?;
        self.in_tx = true;
        Ok(())
    }

    fn changes(&mut self) -> Result<Changes> {
        // Read before the snapshot: a commit in between is then seen twice, never missed.
        let version = self.data_version_now()?;
        if self.data_version == Some(version) {
            return Ok(Changes::Since(Vec::new()));
        }
        let after = self.seen_seq;
        let (changes, head) = self.in_snapshot(|s| s.changed_since(after))?;
        self.seen_seq = head;
        self.data_version = Some(version);
        Ok(changes)
    }

    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        if !self.in_tx || self.conn.is_autocommit() {
            return Err(Error::storage(
                "commit without an open transaction (begin was not called)",
            ));
        }
        // On error the transaction stays open for `rollback`, unless SQLite ended it already.
        let seen = self.write_all(changes, events)?;
        self.seen_seq = seen;
        self.in_tx = false;
        if let (false, Some(bell)) = (events.is_empty(), &self.bell) {
            bell.ring();
        }
        Ok(())
    }

    fn rollback(&mut self) {
        if !self.conn.is_autocommit() {
            // If even ROLLBACK fails SQLite has already rolled back or the connection is
            // unusable; the next command reports that.
            let _ = self.exec("ROLLBACK", "roll back");
        }
        self.in_tx = false;
    }

    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        events::query(&self.conn, query)
    }

    fn facts(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<queue_core::Fact>> {
        events::facts(&self.conn, company, from, to)
    }

    fn pieces(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<queue_core::interval::Piece>> {
        crate::pieces::read(&self.conn, company, from, to)
    }

    fn feed(&mut self) -> Result<Box<dyn EventFeed>> {
        match (self.path(), &self.bell) {
            (Some(path), Some(bell)) => Ok(Box::new(SqliteFeed::open(path, bell.clone())?)),
            _ => Err(feed::no_file()),
        }
    }

    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned> {
        let cutoff = queue_core::store::prune_cutoff(before);
        if self.in_tx {
            return prune::prune(&self.conn, cutoff);
        }
        self.exec("BEGIN IMMEDIATE", "start a prune")?;
        let result = prune::prune(&self.conn, cutoff);
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.exec(end, "end a prune");
        if ended.is_err() && !self.conn.is_autocommit() {
            let _ = self.exec("ROLLBACK", "end a prune");
        }
        let pruned = result?;
        ended.map(|()| pruned)
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.rollback();
    }
}
