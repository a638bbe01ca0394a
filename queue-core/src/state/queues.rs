//! Queues: lookups and access checks on the working set.

use crate::ids::{CompanyId, CompanyUserId, QueueId};
use crate::model::auth::{Access, Actor};
use crate::model::presence::Show;
use crate::model::queue::*;
use crate::state::State;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

impl State {
    pub(crate) fn queue(&self, id: QueueId) -> Result<&Queue> {
        self.queues
            .get(&id)
            .ok_or_else(|| Error::not_found("queue", id))
    }

    /// The queue and the actor's access to its company; unknown to outsiders.
    pub(crate) fn queue_access(&self, actor: &Actor, id: QueueId) -> Result<(&Queue, Access)> {
        self.authenticated(actor)?;
        let q = self.queue(id)?;
        let access = self
            .access(actor, q.company_id)
            .map_err(|_| Error::not_found("queue", id))?;
        Ok((q, access))
    }

    /// Whether `agent` is someone the queue routes to: a member of its company with an
    /// operator row (enabled or not) or, for a personal queue, its owner.
    pub(crate) fn can_serve(&self, agent: CompanyUserId, q: &Queue) -> bool {
        if self
            .company_users
            .get(&agent)
            .is_none_or(|cu| cu.company_id != q.company_id)
        {
            return false;
        }
        match q.company_user_id {
            Some(owner) => owner == agent,
            None => self
                .idx
                .operators_by_queue
                .get(&q.id)
                .is_some_and(|m| m.contains_key(&agent)),
        }
    }

    pub(crate) fn queue_name_taken(
        &self,
        company: CompanyId,
        name: &str,
        except: Option<QueueId>,
    ) -> bool {
        let lower = name.to_lowercase();
        self.idx
            .queues_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .any(|id| {
                Some(*id) != except
                    && self
                        .queues
                        .get(id)
                        .is_some_and(|q| q.name.to_lowercase() == lower)
            })
    }

    /// `queueShow`: the most available show among enabled operators (the owner, for a
    /// personal queue), `unavailable` while the queue is closed or inactive.
    pub(crate) fn queue_show(&self, q: &Queue, now: DateTime<Utc>) -> Show {
        if !q.is_active || !self.queue_open_at(q, now).0 {
            return Show::Unavailable;
        }
        let shows = |agent: &CompanyUserId| {
            let active = self.company_users.get(agent).is_some_and(|cu| cu.is_active);
            let show = self
                .presence
                .get(agent)
                .map_or(Show::Unavailable, |p| p.show);
            if active {
                show
            } else {
                Show::Unavailable
            }
        };
        let best = match q.company_user_id {
            Some(owner) => shows(&owner),
            None => self
                .idx
                .operators_by_queue
                .get(&q.id)
                .into_iter()
                .flatten()
                .filter(|(_, op)| self.operators.get(op).is_some_and(|o| o.enabled))
                .map(|(agent, _)| shows(agent))
                .min_by_key(|s| s.rank())
                .unwrap_or(Show::Unavailable),
        };
        best
    }
}
