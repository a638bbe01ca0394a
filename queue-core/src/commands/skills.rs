//! Skills: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyId, CompanyUserId, CompanyUserSkillId, QueueId, QueueSkillId, SkillId};
use crate::model::auth::{hide, Actor, Role};
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::model::skill::*;
use crate::validate;
use crate::{Error, Result};

impl Engine {
    /// Defines a skill (admin or owner).
    pub fn create_skill(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        name: &str,
    ) -> Result<Skill> {
        self.write(actor, |tx| {
            tx.access(company_id)?
                .require(Role::Admin, "create skill")?;
            validate::text("name", name, 1, 60)?;
            if tx.state.skill_name_taken(company_id, name, None) {
                return Err(Error::conflict(
                    ConflictReason::NameTaken,
                    format!("skill {name} already exists"),
                ));
            }
            let skill = Skill {
                id: SkillId(tx.new_id()),
                company_id,
                name: name.to_string(),
                created_at: tx.now,
            };
            tx.put(skill.clone());
            tx.log(Op::Created, Kind::Skill, skill.id.0, Some(company_id));
            Ok(skill)
        })
    }

    /// Reads a skill (members).
    pub fn get_skill(&mut self, actor: &Actor, id: SkillId) -> Result<Skill> {
        self.read(|s| {
            let skill = s.skill(id)?;
            s.access(actor, skill.company_id)
                .map_err(|e| hide(e, "skill", id))?;
            Ok(skill.clone())
        })
    }

    /// Lists a company's skills (members).
    pub fn list_skills(&mut self, actor: &Actor, company_id: CompanyId) -> Result<Vec<Skill>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            Ok(s.company_skills(company_id))
        })
    }

    /// Renames a skill (admin or owner).
    pub fn rename_skill(&mut self, actor: &Actor, id: SkillId, name: &str) -> Result<Skill> {
        self.write(actor, |tx| {
            let mut skill = tx.state.skill(id)?.clone();
            tx.access(skill.company_id)
                .map_err(|e| hide(e, "skill", id))?
                .require(Role::Admin, "rename skill")?;
            validate::text("name", name, 1, 60)?;
            if tx.state.skill_name_taken(skill.company_id, name, Some(id)) {
                return Err(Error::conflict(
                    ConflictReason::NameTaken,
                    format!("skill {name} already exists"),
                ));
            }
            skill.name = name.to_string();
            tx.put(skill.clone());
            tx.log(Op::Updated, Kind::Skill, id.0, Some(skill.company_id));
            Ok(skill)
        })
    }

    /// Deletes a skill with every agent level and queue minimum of it (admin or owner).
    /// Refused while a waiting or handled object requires it.
    pub fn delete_skill(&mut self, actor: &Actor, id: SkillId) -> Result<()> {
        self.write(actor, |tx| {
            let skill = tx.state.skill(id)?.clone();
            tx.access(skill.company_id)
                .map_err(|e| hide(e, "skill", id))?
                .require(Role::Admin, "delete skill")?;
            let in_use = tx
                .state
                .idx
                .objects_by_company
                .get(&skill.company_id)
                .into_iter()
                .flatten()
                .any(|o| {
                    tx.state
                        .objects
                        .get(o)
                        .is_some_and(|obj| obj.required_skills.iter().any(|r| r.skill_id == id))
                        && tx.state.object_is_live(*o)
                });
            if in_use {
                return Err(Error::conflict(
                    ConflictReason::SkillInUse,
                    "a queued object still requires this skill",
                ));
            }
            let agent_rows: Vec<_> = tx
                .state
                .idx
                .agent_skills_by_skill
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for r in agent_rows {
                tx.delete(Kind::CompanyUserSkill, r.0);
            }
            let queue_rows: Vec<_> = tx
                .state
                .idx
                .queue_skills_by_skill
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for r in queue_rows {
                tx.delete(Kind::QueueSkill, r.0);
            }
            tx.delete(Kind::Skill, id.0);
            tx.log(Op::Deleted, Kind::Skill, id.0, Some(skill.company_id));
            Ok(())
        })
    }

    /// Sets an agent's level in a skill, adding or replacing it (admin or owner).
    pub fn set_agent_skill(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
        skill_id: SkillId,
        level: u8,
    ) -> Result<CompanyUserSkill> {
        self.write(actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, company_user_id)?;
            let company = cu.company_id;
            access.require(Role::Admin, "set agent skill")?;
            tx.state.company_skill("skill_id", company, skill_id)?;
            check_level("level", level)?;
            let existing = tx
                .state
                .idx
                .agent_skills_by_agent
                .get(&company_user_id)
                .and_then(|m| m.get(&skill_id))
                .copied();
            let row = CompanyUserSkill {
                id: existing.unwrap_or_else(|| CompanyUserSkillId(tx.new_id())),
                company_user_id,
                skill_id,
                level,
            };
            tx.put(row.clone());
            tx.log(
                if existing.is_some() {
                    Op::Updated
                } else {
                    Op::Created
                },
                Kind::CompanyUserSkill,
                row.id.0,
                Some(company),
            );
            Ok(row)
        })
    }

    /// Removes an agent's skill (admin or owner); removing one they lack is a no-op.
    pub fn remove_agent_skill(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
        skill_id: SkillId,
    ) -> Result<()> {
        self.write(actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, company_user_id)?;
            let company = cu.company_id;
            access.require(Role::Admin, "remove agent skill")?;
            let row = tx
                .state
                .idx
                .agent_skills_by_agent
                .get(&company_user_id)
                .and_then(|m| m.get(&skill_id))
                .copied();
            if let Some(row) = row {
                tx.delete(Kind::CompanyUserSkill, row.0);
                tx.log(Op::Deleted, Kind::CompanyUserSkill, row.0, Some(company));
            }
            Ok(())
        })
    }

    /// Lists an agent's skill levels (members).
    pub fn list_agent_skills(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
    ) -> Result<Vec<CompanyUserSkill>> {
        self.read(|s| {
            s.company_user_access(actor, company_user_id)?;
            let rows = s
                .idx
                .agent_skills_by_agent
                .get(&company_user_id)
                .into_iter()
                .flatten();
            Ok(rows
                .filter_map(|(_, r)| s.agent_skills.get(r).cloned())
                .collect())
        })
    }

    /// Sets a queue's minimum level in a skill, adding or replacing it (admin or owner).
    pub fn set_queue_skill(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        skill_id: SkillId,
        min_level: u8,
    ) -> Result<QueueSkill> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, queue_id)?;
            let company = q.company_id;
            access.require(Role::Admin, "set queue skill")?;
            tx.state.company_skill("skill_id", company, skill_id)?;
            check_level("min_level", min_level)?;
            let existing = tx
                .state
                .idx
                .queue_skills_by_queue
                .get(&queue_id)
                .and_then(|m| m.get(&skill_id))
                .copied();
            let row = QueueSkill {
                id: existing.unwrap_or_else(|| QueueSkillId(tx.new_id())),
                queue_id,
                skill_id,
                min_level,
            };
            tx.put(row.clone());
            tx.log(
                if existing.is_some() {
                    Op::Updated
                } else {
                    Op::Created
                },
                Kind::QueueSkill,
                row.id.0,
                Some(company),
            );
            Ok(row)
        })
    }

    /// Removes a queue's skill minimum (admin or owner); a no-op when absent.
    pub fn remove_queue_skill(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        skill_id: SkillId,
    ) -> Result<()> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, queue_id)?;
            let company = q.company_id;
            access.require(Role::Admin, "remove queue skill")?;
            let row = tx
                .state
                .idx
                .queue_skills_by_queue
                .get(&queue_id)
                .and_then(|m| m.get(&skill_id))
                .copied();
            if let Some(row) = row {
                tx.delete(Kind::QueueSkill, row.0);
                tx.log(Op::Deleted, Kind::QueueSkill, row.0, Some(company));
            }
            Ok(())
        })
    }

    /// Lists a queue's skill minimums (members).
    pub fn list_queue_skills(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
    ) -> Result<Vec<QueueSkill>> {
        self.read(|s| {
            s.queue_access(actor, queue_id)?;
            let rows = s
                .idx
                .queue_skills_by_queue
                .get(&queue_id)
                .into_iter()
                .flatten();
            Ok(rows
                .filter_map(|(_, r)| s.queue_skills.get(r).cloned())
                .collect())
        })
    }
}
