//! Per-company write locks and commit numbers, and the change feed they number.
//!
//! `cnq_lock` has one row per scope: the nil UUID for the global scope, a company's id for
//! its own. A command of one company locks the global row `FOR SHARE` and its company's row
//! `FOR UPDATE`, so commands of different companies go on side by side while commands of one
//! company take turns; a command of the global scope (users, tokens, creating or deleting a
//! company) locks the global row `FOR UPDATE` and so waits for, and holds off, everyone.
//! Locks are always taken global first, then the company: no two writers wait in a circle.
//!
//! A row's `seq` counts its scope's commits; every record row a commit writes is stamped with
//! the commit's scope and number. A node remembers the last number it saw of each scope and
//! reads only the rows stamped later, so it applies only what others changed. `horizon` is
//! the highest number of a commit whose rows a prune removed: a node that has not seen that
//! far reloads instead ([`queue_core::Changes::Reload`]).

use crate::conn::Conn;
use crate::error::ctx;
use queue_core::{Change, Changes, Error, Kind, Record, Result, Scope};
use std::collections::HashMap;
use uuid::Uuid;

/// A scope's row in `cnq_lock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) scope: Uuid,
    pub(crate) seq: i64,
    pub(crate) horizon: i64,
}

/// The row key of a scope: the nil UUID for the global scope.
pub(crate) fn key(scope: Scope) -> Uuid {
    scope.company().map_or(Uuid::nil(), |c| c.0)
}

/// The statements (after `BEGIN`) that take `scope`'s locks and return the locked rows.
pub(crate) fn lock_sql(scope: Scope) -> String {
    let global = Uuid::nil();
    match scope {
        Scope::Global => format!(
            "SELECT scope::text, seq, horizon FROM cnq_lock WHERE scope = '{global}' FOR UPDATE"
        ),
        Scope::Company(c) => {
            let c = c.0;
            // The row of a company no command has locked yet is created on the way: a
            // second node doing the same waits for the first, then finds it.
            format!(
                "SELECT scope::text, seq, horizon FROM cnq_lock WHERE scope = '{global}' FOR SHARE;
                 INSERT INTO cnq_lock (scope, seq, horizon) VALUES ('{c}', 0, 0)
                     ON CONFLICT (scope) DO NOTHING;
                 SELECT scope::text, seq, horizon FROM cnq_lock WHERE scope = '{c}' FOR UPDATE"
            )
        }
    }
}

/// The rows a simple query of [`lock_sql`] (or any `scope::text, seq, horizon` select)
/// returned.
pub(crate) fn parse_heads(messages: &[postgres::SimpleQueryMessage]) -> Vec<Head> {
    messages
        .iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => Some(Head {
                scope: row.get(0)?.parse().ok()?,
                seq: row.get(1)?.parse().ok()?,
                horizon: row.get(2)?.parse().ok()?,
            }),
            _ => None,
        })
        .collect()
}

/// Every scope's row, as committed (or as the open transaction sees it).
pub(crate) fn all_heads(client: &mut Conn) -> Result<Vec<Head>> {
    let rows = client
        .query("SELECT scope, seq, horizon FROM cnq_lock", &[])
        .map_err(ctx("read the commit numbers"))?;
    Ok(rows
        .iter()
        .map(|r| Head {
            scope: r.get(0),
            seq: r.get(1),
            horizon: r.get(2),
        })
        .collect())
}

/// Whether a node that saw `seen` is behind any of `heads`.
pub(crate) fn behind(seen: &HashMap<Uuid, i64>, heads: &[Head]) -> bool {
    heads
        .iter()
        .any(|h| h.seq != seen.get(&h.scope).copied().unwrap_or(0))
}

fn kind_of(name: &str) -> Result<Kind> {
    Kind::from_name(name).ok_or_else(|| {
        Error::storage(format!(
            "the database holds records of an unknown kind {name:?}; written by a newer version?"
        ))
    })
}

/// Every row written by commits of the scopes of `heads` that a node which saw `seen` has
/// not seen, up to each head (scope by scope, then commit by commit, kinds in their order
/// within a commit); [`Changes::Reload`] if a prune may have removed rows it has not seen.
pub(crate) fn changed_since(
    client: &mut Conn,
    seen: &HashMap<Uuid, i64>,
    heads: &[Head],
) -> Result<Changes> {
    let mut found = Vec::new();
    for head in heads {
        let after = seen.get(&head.scope).copied().unwrap_or(0);
        if head.seq == after {
            continue;
        }
        if head.seq < after {
            return Err(Error::storage(format!(
                "the database went back in time (commit {} of scope {}, this node saw {after}): \
                 was it restored from a backup? Reopen the engine",
                head.seq, head.scope
            )));
        }
        if head.horizon > after {
            return Ok(Changes::Reload);
        }
        let rows = client
            .query(
                "SELECT seq, kind, id, body FROM cnq_record
                 WHERE scope = $1 AND seq > $2 AND seq <= $3",
                &[&head.scope, &after, &head.seq],
            )
            .map_err(ctx("read changed records"))?;
        for row in rows {
            let seq: i64 = row.get(0);
            let kind = kind_of(row.get(1))?;
            let change = match row.get::<_, Option<&str>>(3) {
                Some(body) => Change::Put(Record::from_json(kind, body)?),
                None => Change::Delete(kind, row.get(2)),
            };
            found.push(((head.scope, seq, kind), change));
        }
    }
    found.sort_by_key(|(key, _)| *key);
    Ok(Changes::Since(found.into_iter().map(|(_, c)| c).collect()))
}
