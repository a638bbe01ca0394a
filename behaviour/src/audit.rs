//! What a database must hold after a workload ([`crate::workload`]): every acknowledged
//! operation, no object ever assigned twice at once, no agent ever over capacity, and an
//! event log whose replay gives exactly the stored state of every stay.

use crate::workload::{base_time, Centre, Target, ACK, CAPACITIES};
use queue_core::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const SYS: Actor = Actor::System;

/// What children acknowledged: stay ids by operation.
#[derive(Debug, Default, Clone)]
pub struct Acks {
    /// Stays whose creation (enqueue, or transfer into) was acknowledged.
    pub enqueued: BTreeSet<StayId>,
    /// Stays whose offer was accepted.
    pub accepted: BTreeSet<StayId>,
    /// Stays completed.
    pub completed: BTreeSet<StayId>,
    /// Stays abandoned.
    pub abandoned: BTreeSet<StayId>,
    /// Every acknowledged operation, counted.
    pub total: usize,
}

impl Acks {
    /// Records one line of child output; returns true if it was an ack.
    pub fn record(&mut self, line: &str) -> bool {
        // The test harness may print on the same line before the child's first output.
        let Some(at) = line.find(ACK) else {
            return false;
        };
        self.record_ack(&line[at + ACK.len()..]);
        true
    }

    /// Records one acknowledged operation (a line without the prefix).
    pub fn record_ack(&mut self, rest: &str) {
        self.total += 1;
        let mut parts = rest.split_whitespace();
        let op = parts.next().unwrap_or_default();
        let id = parts.next().and_then(|s| s.parse::<StayId>().ok());
        match (op, id) {
            ("ENQ", Some(id)) => self.enqueued.insert(id),
            ("ACC", Some(id)) => self.accepted.insert(id),
            ("DONE", Some(id)) => self.completed.insert(id),
            ("ABN", Some(id)) => self.abandoned.insert(id),
            _ => false,
        };
    }
}

/// Figures from one audit.
#[derive(Debug, Default, Clone, Copy)]
pub struct Audit {
    /// Stays in the log.
    pub stays: usize,
    /// Assignments in the log.
    pub assignments: usize,
    /// Events in the log.
    pub events: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Replayed {
    object: ObjectId,
    state: StayState,
    holder: Option<CompanyUserId>,
}

/// Opens `target` afresh and checks it against `acks`: every acknowledged operation is there,
/// no object was ever assigned twice at once, no agent of `centres` was ever over capacity,
/// and replaying the event log gives exactly the stored state of every stay. Returns the
/// figures, or what broke.
pub fn audit(
    target: &Target,
    centres: &[Centre],
    acks: &Acks,
) -> std::result::Result<Audit, String> {
    let (mut e, _) = target
        .engine(base_time())
        .map_err(|e| format!("reopen: {e}"))?;
    let events = e
        .events(&SYS, &EventQuery::default())
        .map_err(|e| format!("events: {e}"))?;
    let capacity: HashMap<CompanyUserId, u32> = centres
        .iter()
        .flat_map(|c| c.agents.iter().copied().zip(CAPACITIES))
        .collect();

    let mut stays: BTreeMap<StayId, Replayed> = BTreeMap::new();
    let mut load: HashMap<CompanyUserId, u32> = HashMap::new();
    let mut assigned_stay_of: HashMap<ObjectId, StayId> = HashMap::new();
    let mut assignments = 0;
    for (i, ev) in events.iter().enumerate() {
        if ev.seq != i as u64 + 1 {
            return Err(format!("event seq {} at position {i}", ev.seq));
        }
        let (stay_id, state, holder) = match &ev.kind {
            EventKind::Enqueued {
                stay_id, object_id, ..
            } => {
                let fresh = Replayed {
                    object: *object_id,
                    state: StayState::Waiting,
                    holder: None,
                };
                if stays.insert(*stay_id, fresh).is_some() {
                    return Err(format!("stay {stay_id} enqueued twice"));
                }
                continue;
            }
            EventKind::Offered {
                stay_id,
                company_user_id,
                ..
            } => (*stay_id, StayState::Offered, Some(*company_user_id)),
            EventKind::OfferRejected { stay_id, .. } | EventKind::OfferTimedOut { stay_id, .. } => {
                (*stay_id, StayState::Waiting, None)
            }
            EventKind::Assigned {
                stay_id,
                object_id,
                company_user_id,
                ..
            } => {
                assignments += 1;
                if let Some(other) = assigned_stay_of.insert(*object_id, *stay_id) {
                    return Err(format!(
                        "object {object_id} assigned in stay {stay_id} while stay {other} still had it (event {})",
                        ev.seq
                    ));
                }
                (*stay_id, StayState::Assigned, Some(*company_user_id))
            }
            EventKind::Completed { stay_id, .. } => (*stay_id, StayState::Completed, None),
            EventKind::Abandoned { stay_id, .. } => (*stay_id, StayState::Abandoned, None),
            EventKind::Expired { stay_id, .. } => (*stay_id, StayState::Expired, None),
            EventKind::Transferred { stay_id, .. } => (*stay_id, StayState::Transferred, None),
            _ => continue,
        };
        let Some(s) = stays.get_mut(&stay_id) else {
            return Err(format!("event {} about unknown stay {stay_id}", ev.seq));
        };
        if s.state == StayState::Assigned && state != StayState::Assigned {
            assigned_stay_of.remove(&s.object);
        }
        if let Some(old) = s.holder {
            *load.entry(old).or_default() -= 1;
        }
        if let Some(new) = holder {
            let l = load.entry(new).or_default();
            *l += 1;
            let cap = capacity.get(&new).copied().unwrap_or(0);
            if *l > cap {
                return Err(format!(
                    "agent {new} holds {l} stays, capacity {cap} (event {})",
                    ev.seq
                ));
            }
        }
        s.state = state;
        s.holder = holder;
    }

    // The stored state is exactly what the log says.
    for (id, r) in &stays {
        let stored = e
            .get_stay(&SYS, *id)
            .map_err(|err| format!("stay {id} in the log but not stored: {err}"))?;
        if stored.state != r.state || stored.holder() != r.holder {
            return Err(format!(
                "stay {id}: stored {:?}/{:?}, log says {:?}/{:?}",
                stored.state,
                stored.holder(),
                r.state,
                r.holder
            ));
        }
    }
    for (agent, cap) in &capacity {
        let held = e
            .list_agent_stays(&SYS, *agent)
            .map_err(|err| format!("agent stays: {err}"))?;
        let expected = load.get(agent).copied().unwrap_or(0) as usize;
        if held.len() != expected || held.len() > *cap as usize {
            return Err(format!(
                "agent {agent} holds {} stays (log: {expected}, capacity {cap})",
                held.len()
            ));
        }
    }

    // Nothing acknowledged is lost.
    let state_of = |id: &StayId| stays.get(id).map(|r| r.state);
    for id in &acks.enqueued {
        if state_of(id).is_none() {
            return Err(format!("acknowledged enqueue of stay {id} is lost"));
        }
    }
    for id in &acks.accepted {
        if !matches!(
            state_of(id),
            Some(StayState::Assigned | StayState::Completed | StayState::Transferred)
        ) {
            return Err(format!(
                "acknowledged accept of {id} is lost: {:?}",
                state_of(id)
            ));
        }
    }
    for id in &acks.completed {
        if state_of(id) != Some(StayState::Completed) {
            return Err(format!("acknowledged completion of {id} is lost"));
        }
    }
    for id in &acks.abandoned {
        if state_of(id) != Some(StayState::Abandoned) {
            return Err(format!("acknowledged abandonment of {id} is lost"));
        }
    }
    Ok(Audit {
        stays: stays.len(),
        assignments,
        events: events.len(),
    })
}
