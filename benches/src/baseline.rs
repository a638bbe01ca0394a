//! The naive baseline router: the design many applications ship. State lives in SQL tables;
//! every routing decision asks the database for waiting objects and for eligible agents with
//! SQL filters (the rules of SPEC §3) and takes the first row. It is event-driven like the
//! engine — an enqueue looks for an agent for the new object, freed capacity looks for an
//! object for that agent — and has the indexes a careful developer would add.
//!
//! Scope: rules 1–7 of SPEC §3 (operators and their `enabled` flag, `active`, ready shows,
//! load < capacity, queue and object skill minimums, queue active/open, tiers by
//! `priority_delay`, exclusions after a rejection), direct assignment (no offers), strategy
//! `longest_idle` with ties by id, objects ordered by priority then longest wait then id.
//! Queue hours are a flag the host keeps up to date; personal queues are not modelled.

use rusqlite::{params, Connection, OptionalExtension};

/// An id as the engine orders it: the UUID's 16 bytes, compared as bytes.
pub type Id = [u8; 16];

/// The baseline's error: SQLite's.
pub type Result<T> = rusqlite::Result<T>;

/// Durability of a file database (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    /// `NORMAL`.
    Normal,
    /// `FULL`.
    Full,
}

const SCHEMA: &str = "
CREATE TABLE queues(id BLOB PRIMARY KEY, active INT NOT NULL, open INT NOT NULL,
                    priority_delay INT) WITHOUT ROWID;
CREATE TABLE queue_skills(queue_id BLOB, skill INT, min_level INT,
                          PRIMARY KEY(queue_id, skill)) WITHOUT ROWID;
CREATE TABLE agents(id BLOB PRIMARY KEY, active INT NOT NULL, ready INT NOT NULL,
                    load INT NOT NULL, capacity INT NOT NULL, idle_since INT NOT NULL) WITHOUT ROWID;
CREATE TABLE agent_skills(agent_id BLOB, skill INT, level INT,
                          PRIMARY KEY(agent_id, skill)) WITHOUT ROWID;
CREATE TABLE operators(queue_id BLOB, agent_id BLOB, enabled INT NOT NULL, tier INT NOT NULL,
                       PRIMARY KEY(queue_id, agent_id)) WITHOUT ROWID;
CREATE INDEX operators_by_agent ON operators(agent_id);
CREATE TABLE stays(id BLOB PRIMARY KEY, queue_id BLOB NOT NULL, priority INT NOT NULL,
                   wait_since INT NOT NULL, state TEXT NOT NULL, agent_id BLOB) WITHOUT ROWID;
CREATE INDEX stays_in_order ON stays(state, priority DESC, wait_since, id);
CREATE INDEX stays_by_queue ON stays(queue_id, state, priority DESC, wait_since, id);
CREATE INDEX stays_by_agent ON stays(agent_id, state);
CREATE TABLE stay_skills(stay_id BLOB, skill INT, min_level INT,
                         PRIMARY KEY(stay_id, skill)) WITHOUT ROWID;
CREATE TABLE exclusions(stay_id BLOB, agent_id BLOB, PRIMARY KEY(stay_id, agent_id)) WITHOUT ROWID;
";

/// Rules 1–7 for agent `a`, queue `q`, operator row `o` and stay `s` at time :now.
const ELIGIBLE: &str = "
    o.enabled = 1 AND a.active = 1 AND a.ready = 1 AND a.load < a.capacity
    AND q.active = 1 AND q.open = 1
    AND (q.priority_delay IS NULL OR o.tier <= 1 + (:now - s.wait_since) / (q.priority_delay * 1000))
    AND NOT EXISTS (SELECT 1 FROM queue_skills qs WHERE qs.queue_id = q.id AND NOT EXISTS (
        SELECT 1 FROM agent_skills x WHERE x.agent_id = a.id AND x.skill = qs.skill AND x.level >= qs.min_level))
    AND NOT EXISTS (SELECT 1 FROM stay_skills ss WHERE ss.stay_id = s.id AND NOT EXISTS (
        SELECT 1 FROM agent_skills x WHERE x.agent_id = a.id AND x.skill = ss.skill AND x.level >= ss.min_level))
    AND NOT EXISTS (SELECT 1 FROM exclusions e WHERE e.stay_id = s.id AND e.agent_id = a.id)";

/// The baseline router over one SQLite connection.
#[derive(Debug)]
pub struct NaiveRouter {
    conn: Connection,
    /// Routing decisions made (assignments).
    pub decisions: u64,
}

impl NaiveRouter {
    /// A router on a private in-memory database.
    pub fn in_memory() -> Result<NaiveRouter> {
        NaiveRouter::setup(Connection::open_in_memory()?)
    }

    /// A router on a database file in WAL mode with the given durability.
    pub fn open(path: &std::path::Path, sync: Sync) -> Result<NaiveRouter> {
        let conn = Connection::open(path)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        let level = match sync {
            Sync::Normal => "NORMAL",
            Sync::Full => "FULL",
        };
        conn.pragma_update(None, "synchronous", level)?;
        NaiveRouter::setup(conn)
    }

    fn setup(conn: Connection) -> Result<NaiveRouter> {
        conn.execute_batch(SCHEMA)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(NaiveRouter { conn, decisions: 0 })
    }

    /// The connection, for bulk loading and inspection.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` as one transaction, like one command of the engine; inside an open
    /// transaction (a batch) it joins that one, like the engine's `Engine::batch`.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Adds a queue (open and active).
    pub fn add_queue(
        &mut self,
        id: Id,
        priority_delay: Option<u32>,
        skills: &[(u32, u8)],
    ) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO queues VALUES (?1, 1, 1, ?2)")?
            .execute(params![id, priority_delay])?;
        for (skill, min) in skills {
            self.conn
                .prepare_cached("INSERT INTO queue_skills VALUES (?1, ?2, ?3)")?
                .execute(params![id, skill, min])?;
        }
        Ok(())
    }

    /// Adds an agent (active, not ready, idle since `idle_since`).
    pub fn add_agent(
        &mut self,
        id: Id,
        capacity: u32,
        idle_since: i64,
        skills: &[(u32, u8)],
    ) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO agents VALUES (?1, 1, 0, 0, ?2, ?3)")?
            .execute(params![id, capacity, idle_since])?;
        for (skill, level) in skills {
            self.conn
                .prepare_cached("INSERT INTO agent_skills VALUES (?1, ?2, ?3)")?
                .execute(params![id, skill, level])?;
        }
        Ok(())
    }

    /// Makes an agent an enabled operator of a queue at `tier`.
    pub fn add_operator(&mut self, queue: Id, agent: Id, tier: u8) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO operators VALUES (?1, ?2, 1, ?3)")?
            .execute(params![queue, agent, tier])?;
        Ok(())
    }

    /// Loads a stay as it is (no routing): for copying an existing state.
    pub fn load_stay(
        &mut self,
        stay: Id,
        queue: Id,
        priority: i32,
        wait_since: i64,
        skills: &[(u32, u8)],
        assigned_to: Option<Id>,
    ) -> Result<()> {
        let state = if assigned_to.is_some() {
            "assigned"
        } else {
            "waiting"
        };
        self.conn
            .prepare_cached("INSERT INTO stays VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![
                stay,
                queue,
                priority,
                wait_since,
                state,
                assigned_to
            ])?;
        for (skill, min) in skills {
            self.conn
                .prepare_cached("INSERT INTO stay_skills VALUES (?1, ?2, ?3)")?
                .execute(params![stay, skill, min])?;
        }
        if let Some(a) = assigned_to {
            self.conn
                .prepare_cached("UPDATE agents SET load = load + 1 WHERE id = ?1")?
                .execute(params![a])?;
        }
        Ok(())
    }

    /// Sets whether an agent shows a ready status, without routing (for copying a state).
    pub fn load_ready(&mut self, agent: Id, ready: bool) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE agents SET ready = ?2 WHERE id = ?1")?
            .execute(params![agent, ready])?;
        Ok(())
    }

    /// The agent the queue prefers among those eligible for the stay: one SQL query.
    fn eligible_agent(&self, stay: Id, now: i64) -> Result<Option<Id>> {
        let sql = format!(
            "SELECT a.id FROM stays s JOIN queues q ON q.id = s.queue_id
             JOIN operators o ON o.queue_id = s.queue_id JOIN agents a ON a.id = o.agent_id
             WHERE s.id = :stay AND {ELIGIBLE}
             ORDER BY a.idle_since, a.id LIMIT 1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::named_params! {":stay": stay, ":now": now}, |r| {
                r.get(0)
            })
            .optional()
    }

    /// The best waiting stay the agent is eligible for: one SQL query.
    fn best_stay_for(&self, agent: Id, now: i64) -> Result<Option<Id>> {
        let sql = format!(
            "SELECT s.id FROM agents a JOIN operators o ON o.agent_id = a.id
             JOIN queues q ON q.id = o.queue_id
             JOIN stays s ON s.queue_id = o.queue_id AND s.state = 'waiting'
             WHERE a.id = :agent AND {ELIGIBLE}
             ORDER BY s.priority DESC, s.wait_since, s.id LIMIT 1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row(
                rusqlite::named_params! {":agent": agent, ":now": now},
                |r| r.get(0),
            )
            .optional()
    }

    fn assign(&mut self, stay: Id, agent: Id) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE stays SET state = 'assigned', agent_id = ?2 WHERE id = ?1")?
            .execute(params![stay, agent])?;
        self.conn
            .prepare_cached("UPDATE agents SET load = load + 1 WHERE id = ?1")?
            .execute(params![agent])?;
        self.decisions += 1;
        Ok(())
    }

    /// Routes what an agent's new capacity makes possible: the best stay it is eligible
    /// for, given to the agent its queue prefers, until nothing more matches.
    fn route_for_agent(&mut self, agent: Id, now: i64, out: &mut Vec<(Id, Id)>) -> Result<()> {
        while let Some(stay) = self.best_stay_for(agent, now)? {
            let Some(to) = self.eligible_agent(stay, now)? else {
                break;
            };
            self.assign(stay, to)?;
            out.push((stay, to));
        }
        Ok(())
    }

    /// A new object waits in `queue`; routed in the same transaction.
    pub fn enqueue(
        &mut self,
        stay: Id,
        queue: Id,
        priority: i32,
        skills: &[(u32, u8)],
        now: i64,
    ) -> Result<Option<Id>> {
        self.transaction(|r| {
            r.load_stay(stay, queue, priority, now, skills, None)?;
            match r.eligible_agent(stay, now)? {
                Some(agent) => {
                    r.assign(stay, agent)?;
                    Ok(Some(agent))
                }
                None => Ok(None),
            }
        })
    }

    /// Handling ends; the freed capacity is routed in the same transaction.
    pub fn complete(&mut self, stay: Id, now: i64) -> Result<Vec<(Id, Id)>> {
        self.transaction(|r| {
            let agent: Id = r
                .conn
                .prepare_cached("SELECT agent_id FROM stays WHERE id = ?1 AND state = 'assigned'")?
                .query_row(params![stay], |row| row.get(0))?;
            r.conn
                .prepare_cached("UPDATE stays SET state = 'completed' WHERE id = ?1")?
                .execute(params![stay])?;
            r.conn
                .prepare_cached("UPDATE agents SET load = load - 1, idle_since = ?2 WHERE id = ?1")?
                .execute(params![agent, now])?;
            let mut out = Vec::new();
            r.route_for_agent(agent, now, &mut out)?;
            Ok(out)
        })
    }

    /// The agent shows a ready status or not; becoming ready routes to them.
    pub fn set_ready(&mut self, agent: Id, ready: bool, now: i64) -> Result<Vec<(Id, Id)>> {
        self.transaction(|r| {
            r.load_ready(agent, ready)?;
            let mut out = Vec::new();
            if ready {
                r.route_for_agent(agent, now, &mut out)?;
            }
            Ok(out)
        })
    }

    /// The customer leaves.
    pub fn abandon(&mut self, stay: Id) -> Result<()> {
        self.transaction(|r| {
            r.conn
                .prepare_cached(
                    "UPDATE stays SET state = 'abandoned' WHERE id = ?1 AND state = 'waiting'",
                )?
                .execute(params![stay])?;
            Ok(())
        })
    }

    /// Everything time made possible (escalations): walks the waiting objects in serving
    /// order and asks for an eligible agent for each, until one has none left to give.
    pub fn route_all(&mut self, now: i64) -> Result<Vec<(Id, Id)>> {
        self.transaction(|r| {
            let mut out = Vec::new();
            loop {
                let mut found = None;
                {
                    let mut stmt = r.conn.prepare_cached(
                        "SELECT id FROM stays WHERE state = 'waiting' ORDER BY priority DESC, wait_since, id",
                    )?;
                    let mut rows = stmt.query([])?;
                    while let Some(row) = rows.next()? {
                        let stay: Id = row.get(0)?;
                        if let Some(agent) = r.eligible_agent(stay, now)? {
                            found = Some((stay, agent));
                            break;
                        }
                    }
                }
                match found {
                    Some((stay, agent)) => {
                        r.assign(stay, agent)?;
                        out.push((stay, agent));
                    }
                    None => return Ok(out),
                }
            }
        })
    }

    /// Stays waiting.
    pub fn waiting(&self) -> Result<u64> {
        self.conn.query_row(
            "SELECT COUNT(*) FROM stays WHERE state = 'waiting'",
            [],
            |r| r.get(0),
        )
    }

    /// Stays assigned to an agent.
    pub fn assigned_to(&self, agent: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM stays WHERE agent_id = ?1 AND state = 'assigned' ORDER BY id",
        )?;
        let rows = stmt.query_map(params![agent], |r| r.get(0))?;
        rows.collect()
    }

    /// Bytes the database occupies (pages × page size).
    pub fn bytes(&self) -> Result<u64> {
        let pages: u64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: u64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok(pages * size)
    }
}
