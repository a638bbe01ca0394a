//! Queues: writes spanning several records, for the commands.

use crate::ids::QueueId;
use crate::model::record::Kind;

impl crate::tx::Tx<'_> {
    /// Deletes a queue with its password, skill minimums, operators, hours and closures, and
    /// clears it as other queues' overflow.
    /// Ended stays stay as history.
    pub(crate) fn delete_queue_cascade(&mut self, id: QueueId) {
        let skills: Vec<_> = self
            .state
            .idx
            .queue_skills_by_queue
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, r)| *r)
            .collect();
        for r in skills {
            self.delete(Kind::QueueSkill, r.0);
        }
        let ops: Vec<_> = self
            .state
            .idx
            .operators_by_queue
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, o)| *o)
            .collect();
        for o in ops {
            self.delete(Kind::Operator, o.0);
        }
        if let Some(company) = self.state.queues.get(&id).map(|q| q.company_id) {
            if let Some(h) = self
                .state
                .idx
                .hours_by_target
                .get(&(company, Some(id)))
                .copied()
            {
                self.delete(Kind::HoursOfOperation, h.0);
            }
            let closures: Vec<_> = self
                .state
                .idx
                .blacklists_by_company
                .get(&company)
                .into_iter()
                .flatten()
                .filter(|b| {
                    self.state
                        .blacklists
                        .get(b)
                        .is_some_and(|b| b.queue_id == Some(id))
                })
                .copied()
                .collect();
            for b in closures {
                self.delete(Kind::BlacklistHours, b.0);
            }
            // Queues overflowing into this one time their objects out instead from now on.
            let feeding: Vec<_> = self
                .state
                .idx
                .queues_by_company
                .get(&company)
                .into_iter()
                .flatten()
                .filter_map(|q| self.state.queues.get(q))
                .filter(|q| q.overflow_queue_id == Some(id))
                .cloned()
                .collect();
            for mut q in feeding {
                q.overflow_queue_id = None;
                self.put(q);
            }
        }
        self.delete(Kind::QueuePassword, id.0);
        self.delete(Kind::Queue, id.0);
    }
}
