//! Layer 3, the state: the engine's working set — one table per record kind, the secondary
//! indexes, and the lookups and access checks commands and routing read it through (one
//! file per concept). State never decides routing and never writes on its own: `Tx` writes
//! it, through [`State::apply`].
//!
//! Every write goes through [`State::apply`], which keeps the secondary indexes in step with
//! the tables (and returns what the router must be told). Undo, store sync and loading all
//! use the same path, so the indexes can never drift from the records.

mod access;
mod companies;
mod history;
mod hours;
mod members;
mod objects;
mod operators;
mod owner;
mod presence_statuses;
mod queues;
mod skills;
mod stays;
mod tables;
mod teams;
mod users;

pub(crate) use owner::Owner;

use crate::ids::*;
use crate::model::company::Company;
use crate::model::company_user::CompanyUser;
use crate::model::hours::{BlacklistHours, HoursOfOperation};
use crate::model::interval::Interval;
use crate::model::note::{Note, Rating};
use crate::model::object::QueueableObject;
use crate::model::operator::Operator;
use crate::model::presence::Presence;
use crate::model::presence_status::PresenceStatus;
use crate::model::queue::{Queue, QueuePassword};
use crate::model::record::Record;
use crate::model::settings::AgentSettings;
use crate::model::skill::{CompanyUserSkill, QueueSkill, Skill};
use crate::model::stay::{Stay, StayState};
use crate::model::team::Team;
use crate::model::token::{AccessToken, TokenHash};
use crate::model::user::User;
use crate::store::Change;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Lookups the tables need beyond their primary key.
#[derive(Debug, Default)]
pub(crate) struct Indexes {
    pub user_by_name: HashMap<String, UserId>,
    pub token_by_hash: HashMap<String, TokenId>,
    pub members_by_company: BTreeMap<CompanyId, BTreeSet<CompanyUserId>>,
    pub memberships_by_user: BTreeMap<UserId, BTreeSet<CompanyUserId>>,
    pub skills_by_company: BTreeMap<CompanyId, BTreeSet<SkillId>>,
    pub agent_skills_by_agent: BTreeMap<CompanyUserId, BTreeMap<SkillId, CompanyUserSkillId>>,
    pub agent_skills_by_skill: BTreeMap<SkillId, BTreeSet<CompanyUserSkillId>>,
    pub queue_skills_by_queue: BTreeMap<QueueId, BTreeMap<SkillId, QueueSkillId>>,
    pub queue_skills_by_skill: BTreeMap<SkillId, BTreeSet<QueueSkillId>>,
    pub queues_by_company: BTreeMap<CompanyId, BTreeSet<QueueId>>,
    pub personal_queues: BTreeMap<CompanyUserId, BTreeSet<QueueId>>,
    pub operators_by_queue: BTreeMap<QueueId, BTreeMap<CompanyUserId, OperatorId>>,
    pub operators_by_agent: BTreeMap<CompanyUserId, BTreeMap<QueueId, OperatorId>>,
    pub hours_by_target: BTreeMap<(CompanyId, Option<QueueId>), HoursId>,
    pub blacklists_by_company: BTreeMap<CompanyId, BTreeSet<BlacklistId>>,
    pub objects_by_company: BTreeMap<CompanyId, BTreeSet<ObjectId>>,
    pub stays_by_object: BTreeMap<ObjectId, BTreeSet<StayId>>,
    /// Waiting, offered and assigned stays per queue.
    pub live_by_queue: BTreeMap<QueueId, BTreeSet<StayId>>,
    /// How many of a queue's live stays wait, are offered and are assigned: a queue's
    /// status without walking a long line.
    pub live_counts: BTreeMap<QueueId, LiveCounts>,
    /// Offered and assigned stays per agent: the agent's load.
    pub live_by_agent: BTreeMap<CompanyUserId, BTreeSet<StayId>>,
    pub teams_by_company: BTreeMap<CompanyId, BTreeSet<TeamId>>,
    pub statuses_by_company: BTreeMap<CompanyId, BTreeSet<PresenceStatusId>>,
}

/// Adds or removes `v` under `k`, dropping emptied sets so maps only hold what exists.
fn set<K: Ord, V: Ord>(m: &mut BTreeMap<K, BTreeSet<V>>, k: K, v: V, add: bool) {
    if add {
        m.entry(k).or_default().insert(v);
    } else if let Some(s) = m.get_mut(&k) {
        s.remove(&v);
        if s.is_empty() {
            m.remove(&k);
        }
    }
}

/// How many of a queue's live stays are in each live state.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LiveCounts {
    pub waiting: usize,
    pub offered: usize,
    pub assigned: usize,
}

/// Counts a live stay of `q` in `state` in (`add`) or out, dropping emptied entries.
fn count(m: &mut BTreeMap<QueueId, LiveCounts>, q: QueueId, state: StayState, add: bool) {
    let c = m.entry(q).or_default();
    let slot = match state {
        StayState::Waiting => &mut c.waiting,
        StayState::Offered => &mut c.offered,
        _ => &mut c.assigned,
    };
    *slot = if add {
        *slot + 1
    } else {
        slot.saturating_sub(1)
    };
    if *c == LiveCounts::default() {
        m.remove(&q);
    }
}

/// Adds or removes `k2 → v` under `k`, dropping emptied maps.
fn map<K: Ord, K2: Ord, V>(m: &mut BTreeMap<K, BTreeMap<K2, V>>, k: K, k2: K2, v: V, add: bool) {
    if add {
        m.entry(k).or_default().insert(k2, v);
    } else if let Some(s) = m.get_mut(&k) {
        s.remove(&k2);
        if s.is_empty() {
            m.remove(&k);
        }
    }
}

impl Indexes {
    /// Links (`add`) or unlinks one record.
    fn index(&mut self, r: &Record, add: bool) {
        match r {
            Record::User(u) => {
                if add {
                    self.user_by_name.insert(u.username.to_lowercase(), u.id);
                } else {
                    self.user_by_name.remove(&u.username.to_lowercase());
                }
            }
            Record::TokenHash(t) => {
                if add {
                    self.token_by_hash.insert(t.hash.clone(), t.token_id);
                } else {
                    self.token_by_hash.remove(&t.hash);
                }
            }
            Record::CompanyUser(cu) => {
                set(&mut self.members_by_company, cu.company_id, cu.id, add);
                if let Some(u) = cu.user_id {
                    set(&mut self.memberships_by_user, u, cu.id, add);
                }
            }
            Record::Skill(s) => set(&mut self.skills_by_company, s.company_id, s.id, add),
            Record::CompanyUserSkill(s) => {
                map(
                    &mut self.agent_skills_by_agent,
                    s.company_user_id,
                    s.skill_id,
                    s.id,
                    add,
                );
                set(&mut self.agent_skills_by_skill, s.skill_id, s.id, add);
            }
            Record::QueueSkill(s) => {
                map(
                    &mut self.queue_skills_by_queue,
                    s.queue_id,
                    s.skill_id,
                    s.id,
                    add,
                );
                set(&mut self.queue_skills_by_skill, s.skill_id, s.id, add);
            }
            Record::Queue(q) => {
                set(&mut self.queues_by_company, q.company_id, q.id, add);
                if let Some(owner) = q.company_user_id {
                    set(&mut self.personal_queues, owner, q.id, add);
                }
            }
            Record::Operator(o) => {
                map(
                    &mut self.operators_by_queue,
                    o.queue_id,
                    o.company_user_id,
                    o.id,
                    add,
                );
                map(
                    &mut self.operators_by_agent,
                    o.company_user_id,
                    o.queue_id,
                    o.id,
                    add,
                );
            }
            Record::HoursOfOperation(h) => {
                if add {
                    self.hours_by_target
                        .insert((h.company_id, h.queue_id), h.id);
                } else {
                    self.hours_by_target.remove(&(h.company_id, h.queue_id));
                }
            }
            Record::BlacklistHours(b) => {
                set(&mut self.blacklists_by_company, b.company_id, b.id, add)
            }
            Record::QueueableObject(o) => {
                set(&mut self.objects_by_company, o.company_id, o.id, add)
            }
            Record::Stay(s) => {
                set(&mut self.stays_by_object, s.object_id, s.id, add);
                if s.state.is_live() {
                    set(&mut self.live_by_queue, s.queue_id, s.id, add);
                    count(&mut self.live_counts, s.queue_id, s.state, add);
                }
                for agent in s.holders() {
                    set(&mut self.live_by_agent, agent, s.id, add);
                }
            }
            // History: in the working set only inside the transaction that writes them.
            Record::Note(_) | Record::Rating(_) => {}
            Record::Team(t) => set(&mut self.teams_by_company, t.company_id, t.id, add),
            Record::PresenceStatus(s) => {
                set(&mut self.statuses_by_company, s.company_id, s.id, add)
            }
            Record::AccessToken(_)
            | Record::Interval(_)
            | Record::Company(_)
            | Record::Presence(_)
            | Record::QueuePassword(_)
            | Record::AgentSettings(_) => {}
        }
    }
}

/// All records and their indexes.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub users: BTreeMap<UserId, User>,
    pub tokens: BTreeMap<TokenId, AccessToken>,
    pub token_hashes: BTreeMap<TokenId, TokenHash>,
    pub companies: BTreeMap<CompanyId, Company>,
    pub company_users: BTreeMap<CompanyUserId, CompanyUser>,
    pub presence: BTreeMap<CompanyUserId, Presence>,
    pub skills: BTreeMap<SkillId, Skill>,
    pub agent_skills: BTreeMap<CompanyUserSkillId, CompanyUserSkill>,
    pub queue_skills: BTreeMap<QueueSkillId, QueueSkill>,
    pub queues: BTreeMap<QueueId, Queue>,
    pub queue_passwords: BTreeMap<QueueId, QueuePassword>,
    pub operators: BTreeMap<OperatorId, Operator>,
    pub hours: BTreeMap<HoursId, HoursOfOperation>,
    pub blacklists: BTreeMap<BlacklistId, BlacklistHours>,
    pub objects: BTreeMap<ObjectId, QueueableObject>,
    pub stays: BTreeMap<StayId, Stay>,
    pub notes: BTreeMap<NoteId, Note>,
    pub ratings: BTreeMap<RatingId, Rating>,
    pub teams: BTreeMap<TeamId, Team>,
    pub settings: BTreeMap<CompanyUserId, AgentSettings>,
    pub presence_statuses: BTreeMap<PresenceStatusId, PresenceStatus>,
    /// History: here only inside the transaction that writes them.
    pub intervals: BTreeMap<IntervalId, Interval>,
    pub idx: Indexes,
}

impl State {
    /// Applies one change to the tables and indexes. Returns the record it replaced or
    /// removed (what undoing it needs) and the record now stored, for the router to look at.
    pub(crate) fn apply(&mut self, change: Change) -> (Option<Record>, Option<Record>) {
        let (old, new) = match change {
            Change::Put(r) => {
                let new = r.clone();
                (self.table_put(r), Some(new))
            }
            Change::Delete(kind, id) => (self.table_remove(kind, id), None),
        };
        if let Some(o) = &old {
            self.idx.index(o, false);
        }
        if let Some(n) = &new {
            self.idx.index(n, true);
        }
        (old, new)
    }
}
