//! Skills: lookups and access checks on the working set.

use crate::ids::{CompanyId, CompanyUserId, QueueId, SkillId};
use crate::model::skill::*;
use crate::state::State;
use crate::{Error, Result};

impl State {
    pub(crate) fn skill(&self, id: SkillId) -> Result<&Skill> {
        self.skills
            .get(&id)
            .ok_or_else(|| Error::not_found("skill", id))
    }

    pub(crate) fn company_skills(&self, c: CompanyId) -> Vec<Skill> {
        let ids = self.idx.skills_by_company.get(&c).into_iter().flatten();
        ids.filter_map(|id| self.skills.get(id).cloned()).collect()
    }

    /// The skill, checked to belong to `company`, reported under `field` otherwise.
    pub(crate) fn company_skill(
        &self,
        field: &str,
        company: CompanyId,
        id: SkillId,
    ) -> Result<&Skill> {
        match self.skills.get(&id) {
            Some(s) if s.company_id == company => Ok(s),
            _ => Err(Error::invalid(field, "must be a skill of the same company")),
        }
    }

    pub(crate) fn skill_name_taken(
        &self,
        company: CompanyId,
        name: &str,
        except: Option<SkillId>,
    ) -> bool {
        let lower = name.to_lowercase();
        self.idx
            .skills_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .any(|id| {
                Some(*id) != except
                    && self
                        .skills
                        .get(id)
                        .is_some_and(|s| s.name.to_lowercase() == lower)
            })
    }

    /// The agent's level in each skill.
    pub(crate) fn agent_levels(
        &self,
        agent: CompanyUserId,
    ) -> impl Iterator<Item = (SkillId, u8)> + '_ {
        self.idx
            .agent_skills_by_agent
            .get(&agent)
            .into_iter()
            .flatten()
            .filter_map(|(skill, row)| self.agent_skills.get(row).map(|r| (*skill, r.level)))
    }

    /// The queue's skill minimums.
    pub(crate) fn queue_requirements(&self, queue: QueueId) -> Vec<SkillRequirement> {
        let rows = self
            .idx
            .queue_skills_by_queue
            .get(&queue)
            .into_iter()
            .flatten();
        rows.filter_map(|(skill, row)| {
            self.queue_skills.get(row).map(|r| SkillRequirement {
                skill_id: *skill,
                min_level: r.min_level,
            })
        })
        .collect()
    }
}
