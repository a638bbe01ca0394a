//! Companies: the public commands.

use crate::engine::Engine;
use crate::ids::CompanyId;
use crate::ids::ObjectId;
use crate::model::auth::{Actor, Role};
use crate::model::company::*;
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::{Error, Result};
use std::collections::BTreeSet;

impl Engine {
    /// Creates a company. A user creating it becomes its owner; the system may name an owner.
    ///
    /// ```
    /// # use queue_core::*;
    /// let mut engine = Engine::in_memory_default();
    /// let acme = engine.create_company(&Actor::System, NewCompany {
    ///     name: "Acme".into(), time_zone: "Europe/Amsterdam".into(), ..Default::default()
    /// }).unwrap();
    /// assert_eq!(acme.default_max_number_of_objects_handled, 1);
    /// ```
    pub fn create_company(&mut self, actor: &Actor, new: NewCompany) -> Result<Company> {
        self.write(actor, |tx| {
            tx.state.authenticated(&tx.actor)?;
            new.validate()?;
            let owner = match (tx.actor, new.owner_user_id) {
                (Actor::User(me), None) => Some(me),
                (Actor::User(me), Some(o)) if o == me => Some(me),
                (Actor::User(_), Some(_)) => {
                    return Err(Error::forbidden(
                        "create a company for another user",
                        "the system actor",
                    ))
                }
                (_, owner) => owner,
            };
            if let Some(o) = owner {
                if !tx.state.users.contains_key(&o) {
                    return Err(Error::invalid("owner_user_id", "must be an existing user"));
                }
            }
            let company = Company {
                id: CompanyId(tx.new_id()),
                name: new.name,
                logo_url: new.logo_url,
                is_public: new.is_public,
                time_zone: new.time_zone,
                default_max_number_of_objects_handled: new.default_max_number_of_objects_handled,
                default_ability_to_pick_from_queue: new.default_ability_to_pick_from_queue,
                max_missed_offers: new.max_missed_offers,
                created_at: tx.now,
            };
            tx.put(company.clone());
            tx.log(Op::Created, Kind::Company, company.id.0, Some(company.id));
            if let Some(o) = owner {
                tx.add_member(company.id, Some(o), None, Role::Owner)?;
            }
            Ok(company)
        })
    }

    /// Reads a company: public ones to any authenticated user, others to their members.
    pub fn get_company(
        &mut self,
        actor: &Actor,
        id: CompanyId,
        with: &[CompanyWith],
    ) -> Result<CompanyView> {
        self.read(|s| {
            s.authenticated(actor)?;
            let c = s.company(id)?;
            if !c.is_public {
                s.access(actor, id)?;
            }
            Ok(s.company_view(c, with))
        })
    }

    /// Lists the public companies plus those the actor belongs to (all, for the system).
    pub fn list_companies(
        &mut self,
        actor: &Actor,
        with: &[CompanyWith],
    ) -> Result<Vec<CompanyView>> {
        self.read(|s| {
            s.authenticated(actor)?;
            Ok(s.companies
                .values()
                .filter(|c| c.is_public || s.access(actor, c.id).is_ok())
                .map(|c| s.company_view(c, with))
                .collect())
        })
    }

    /// Changes a company (admin or owner).
    pub fn update_company(
        &mut self,
        actor: &Actor,
        id: CompanyId,
        update: CompanyUpdate,
    ) -> Result<Company> {
        self.write(actor, |tx| {
            tx.access(id)?.require(Role::Admin, "update company")?;
            let mut c = tx.state.company(id)?.clone();
            update.apply_to(&mut c)?;
            tx.put(c.clone());
            tx.log(Op::Updated, Kind::Company, id.0, Some(id));
            Ok(c)
        })
    }

    /// Deletes a company and everything in it (owner only).
    pub fn delete_company(&mut self, actor: &Actor, id: CompanyId) -> Result<()> {
        self.write(actor, |tx| {
            tx.access(id)?.require(Role::Owner, "delete company")?;
            let s = &tx.state;
            let queues: Vec<_> = s
                .idx
                .queues_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let mut objects: BTreeSet<ObjectId> = s
                .idx
                .objects_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let members: Vec<_> = s
                .idx
                .members_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let skills: Vec<_> = s
                .idx
                .skills_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let statuses: Vec<_> = s
                .idx
                .statuses_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let teams: Vec<_> = s
                .idx
                .teams_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let blacklists: Vec<_> = s
                .idx
                .blacklists_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let hours: Vec<_> = s
                .idx
                .hours_by_target
                .range((id, None)..)
                .take_while(|((c, _), _)| *c == id)
                .map(|(_, h)| *h)
                .collect();
            // The company's history goes too: every object it ever had, with its stays.
            let handled = tx.store.company_records(Kind::QueueableObject, id)?;
            objects.extend(handled.into_iter().map(ObjectId));
            for o in objects {
                tx.delete_object_cascade(o)?;
            }
            for q in queues {
                tx.delete_queue_cascade(q);
            }
            for m in members {
                tx.delete_company_user_cascade(m);
            }
            for sk in skills {
                tx.delete(Kind::Skill, sk.0);
            }
            for t in teams {
                tx.delete(Kind::Team, t.0);
            }
            for st in statuses {
                tx.delete(Kind::PresenceStatus, st.0);
            }
            for b in blacklists {
                tx.delete(Kind::BlacklistHours, b.0);
            }
            for h in hours {
                tx.delete(Kind::HoursOfOperation, h.0);
            }
            tx.delete(Kind::Company, id.0);
            tx.log(Op::Deleted, Kind::Company, id.0, Some(id));
            Ok(())
        })
    }
}
