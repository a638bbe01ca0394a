//! What the simulated agents and customers learn from the engine: the loop watches the
//! event log as a host would (a [`queue_core::Watch`]) and reacts — an offered agent answers,
//! an assigned object is handled, a finished one frees its agent.

use crate::sim::{ms, Action, Sim, Track};
use queue_core::EventKind;

impl Sim<'_> {
    /// Reads the events the last command appended and reacts to them as the agents would.
    pub(crate) fn drain(&mut self) -> queue_core::Result<()> {
        while let Some(e) = self.watch.try_next()? {
            self.events += 1;
            let at = self.offset(e.at);
            match e.kind {
                EventKind::PresenceChanged {
                    company_user_id,
                    show,
                    ..
                } => {
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.ready[a] = show.is_ready();
                    }
                }
                EventKind::Offered {
                    stay_id,
                    company_user_id,
                    expires_at,
                    ..
                } => {
                    let Some(&a) = self.agent_index.get(&company_user_id) else {
                        continue;
                    };
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        s.track = match s.track {
                            Track::Offered(n) => Track::Offered(n + 1),
                            _ => Track::Offered(1),
                        };
                    }
                    let group = &self.scenario.agents[self.agent_group[a]];
                    let rng = &mut self.answer_rng[a];
                    let missed = rng.chance(group.miss_rate);
                    let answer_at = at + ms(group.answer.sample(rng));
                    let in_time = expires_at.is_none_or(|t| answer_at < self.offset(t));
                    if !missed && in_time {
                        self.schedule(
                            answer_at,
                            Action::Answer {
                                stay: stay_id,
                                agent: a,
                            },
                        );
                    }
                }
                EventKind::OfferTimedOut { stay_id, .. }
                | EventKind::OfferRejected { stay_id, .. } => {
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        // A ring-all offer lapses once per agent it rang.
                        s.track = match s.track {
                            Track::Offered(n) if n > 1 => Track::Offered(n - 1),
                            _ => Track::Waiting,
                        };
                        self.tally[s.queue].lapsed += 1;
                    }
                }
                EventKind::Enqueued { stay_id, .. } => {
                    if let Some(s) = self.stays.get(&stay_id) {
                        self.waiting[s.queue] += 1;
                        self.tally[s.queue].offered += 1;
                    }
                }
                EventKind::Assigned {
                    stay_id,
                    company_user_id,
                    ..
                } => {
                    let Some(s) = self.stays.get_mut(&stay_id) else {
                        continue;
                    };
                    s.track = Track::Assigned;
                    let q = s.queue;
                    let customer = self.customers[s.origin][s.customer];
                    self.waiting[q] = self.waiting[q].saturating_sub(1);
                    self.tally[q].answered += 1;
                    self.tally[q].waits_ms.push(at - customer.at);
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.load[a] += 1;
                    }
                    self.schedule(at + customer.handle, Action::Finish { stay: stay_id });
                }
                EventKind::Completed {
                    stay_id,
                    company_user_id,
                    assigned_at,
                    ..
                } => {
                    let handle = at - self.offset(assigned_at);
                    // Ended: the loop forgets it, as the engine does (memory follows live work).
                    if let Some(s) = self.stays.remove(&stay_id) {
                        self.tally[s.queue].handles_ms.push(handle);
                    }
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.load[a] = self.load[a].saturating_sub(1);
                    }
                }
                EventKind::WaitLimitReached {
                    stay_id,
                    to_queue_id,
                    to_stay_id,
                    ..
                } => {
                    let Some(s) = self.stays.remove(&stay_id) else {
                        continue;
                    };
                    self.waiting[s.queue] = self.waiting[s.queue].saturating_sub(1);
                    self.tally[s.queue].wait_limit += 1;
                    let to =
                        to_queue_id.and_then(|q| self.queue_ids.iter().position(|id| *id == q));
                    if let (Some(q), Some(new)) = (to, to_stay_id) {
                        // The overflow queue's `Enqueued` came first, before the loop knew
                        // the stay: count it here. The customer's patience runs on.
                        self.waiting[q] += 1;
                        self.tally[q].offered += 1;
                        self.stays.insert(
                            new,
                            crate::sim::StayInfo {
                                queue: q,
                                track: Track::Waiting,
                                ..s
                            },
                        );
                        let c = self.customers[s.origin][s.customer];
                        self.schedule((c.at + c.patience).max(at), Action::GiveUp { stay: new });
                    }
                }
                EventKind::Abandoned { stay_id, .. } | EventKind::Expired { stay_id, .. } => {
                    if let Some(s) = self.stays.remove(&stay_id) {
                        let q = s.queue;
                        self.waiting[q] = self.waiting[q].saturating_sub(1);
                        self.tally[q].abandoned += 1;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}
