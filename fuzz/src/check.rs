//! The invariants, checked through the public API after every command.

use crate::apply::{Made, SYS};
use crate::cmd::Cmd;
use queue_core::*;
use std::collections::{BTreeMap, BTreeSet};

/// Each agent's load and capacity before a command.
pub(crate) struct Snapshot {
    load: BTreeMap<CompanyUserId, usize>,
}

impl Snapshot {
    pub(crate) fn take(engine: &mut Engine, made: &Made) -> Snapshot {
        let load = made
            .agents
            .iter()
            .filter_map(|(a, _, _)| Some((*a, engine.list_agent_stays(&SYS, *a).ok()?.len())))
            .collect();
        Snapshot { load }
    }
}

fn capacity(engine: &mut Engine, agent: CompanyUserId) -> Option<usize> {
    let cu = engine.get_company_user(&SYS, agent).ok()?;
    let cap = if cu.is_auto_max_number_handled {
        engine
            .get_company(&SYS, cu.company_id, &[])
            .ok()?
            .company
            .default_max_number_of_objects_handled
    } else {
        cu.max_number_of_objects_handled
    };
    Some(cap as usize)
}

/// The invariants, through the public API.
pub(crate) fn check(engine: &mut Engine, made: &Made, before: &Snapshot, n: usize, cmd: &Cmd) {
    let at = || format!("after command {n} ({cmd:?})");
    // Never over capacity: a command never pushes an agent's load past their capacity
    // (lowering a capacity below the current load is allowed; it only stops new work).
    let mut held: BTreeMap<StayId, CompanyUserId> = BTreeMap::new();
    for (a, _, _) in &made.agents {
        let Ok(stays) = engine.list_agent_stays(&SYS, *a) else {
            continue;
        };
        for s in &stays {
            assert!(
                matches!(s.state, StayState::Offered | StayState::Assigned)
                    && s.holder() == Some(*a),
                "{}: agent {a} lists stay {} in state {:?}",
                at(),
                s.id,
                s.state
            );
            assert!(
                held.insert(s.id, *a).is_none(),
                "{}: stay {} held twice",
                at(),
                s.id
            );
        }
        let load = stays.len();
        let was = before.load.get(a).copied().unwrap_or(0);
        if load > was {
            let cap = capacity(engine, *a).unwrap_or(0);
            assert!(
                load <= cap,
                "{}: agent {a} has {load} objects, capacity {cap}",
                at()
            );
        }
    }
    // Never assigned twice; no live stay lost.
    let mut waiting: BTreeSet<StayId> = BTreeSet::new();
    for q in &made.queues {
        let Ok(line) = engine.list_waiting(&SYS, *q, 10_000) else {
            continue;
        };
        for s in line {
            assert!(
                s.state == StayState::Waiting && s.queue_id == *q,
                "{}: queue {q}'s line holds stay {} ({:?} in {})",
                at(),
                s.id,
                s.state,
                s.queue_id
            );
            assert!(waiting.insert(s.id), "{}: stay {} waits twice", at(), s.id);
        }
    }
    let mut live_waiting = Vec::new();
    for o in &made.objects {
        let Ok(stays) = engine.list_object_stays(&SYS, *o) else {
            continue;
        };
        let assigned = stays
            .iter()
            .filter(|s| s.state == StayState::Assigned)
            .count();
        assert!(
            assigned <= 1,
            "{}: object {o} is assigned {assigned} times",
            at()
        );
        if assigned == 1 {
            let other_live = stays
                .iter()
                .filter(|s| matches!(s.state, StayState::Waiting | StayState::Offered))
                .count();
            assert_eq!(
                other_live,
                0,
                "{}: object {o} is assigned and still queued",
                at()
            );
        }
        for s in stays {
            match s.state {
                StayState::Waiting => {
                    assert!(
                        waiting.contains(&s.id),
                        "{}: waiting stay {} is in no line",
                        at(),
                        s.id
                    );
                    live_waiting.push(s);
                }
                StayState::Offered | StayState::Assigned => assert!(
                    s.holder().is_some_and(|h| held.get(&s.id) == Some(&h)),
                    "{}: live stay {} is not among its agent's stays",
                    at(),
                    s.id
                ),
                _ => {}
            }
        }
    }
    let (indexed, _) = engine.routing_index_sizes();
    assert_eq!(
        indexed,
        waiting.len(),
        "{}: the router indexes {indexed} waiting stays",
        at()
    );
    // Routing misses nothing: no waiting stay has an agent eligible for it now.
    for s in &live_waiting {
        for (a, _, company) in &made.agents {
            if *company != s.company_id {
                continue;
            }
            if let Ok(None) = engine.eligibility(&SYS, *a, s.id) {
                panic!(
                    "{}: stay {} waits although agent {a} is eligible for it",
                    at(),
                    s.id
                );
            }
        }
    }
}
