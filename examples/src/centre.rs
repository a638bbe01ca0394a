//! Building the contact centre of a scenario through the engine's public API: the company,
//! its skills, queues (skills, hours, escalation, offers) and agents (skills, capacity, tiers).

use crate::scenario::{parse_range, Scenario};
use crate::sim::invalid;
use chrono::{NaiveTime, Weekday};
use queue_core::{
    Actor, CompanyId, CompanyUserId, Engine, NewCompany, NewCompanyUser, NewQueue, NewUser,
    OpenInterval, PresenceStatusId, QueueId, QueueUpdate, UserId,
};
use std::collections::BTreeMap;

const SYS: Actor = Actor::System;

const ALL_WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The ids of what was created, in scenario order.
#[derive(Debug, Clone)]
pub struct Centre {
    /// The company.
    pub company: CompanyId,
    /// One per scenario queue.
    pub queues: Vec<QueueId>,
    /// Every agent, with the index of its group.
    pub agents: Vec<(CompanyUserId, usize)>,
    /// The user of each agent, in the order of `agents`: who answers an offer.
    pub users: Vec<UserId>,
    /// The company's presence statuses, by scenario name.
    pub statuses: BTreeMap<String, PresenceStatusId>,
}

/// Creates the scenario's company, skills, queues and agents (all showing `unavailable`).
pub fn build(engine: &mut Engine, scenario: &Scenario) -> queue_core::Result<Centre> {
    let company = engine.create_company(
        &SYS,
        NewCompany {
            name: "Acme".into(),
            time_zone: scenario.time_zone.clone(),
            max_missed_offers: scenario.max_missed_offers,
            ..Default::default()
        },
    )?;
    let mut statuses = BTreeMap::new();
    for (name, show) in &scenario.statuses {
        let s = engine.create_presence_status(&SYS, company.id, name, *show)?;
        statuses.insert(name.clone(), s.id);
    }
    let mut skills = BTreeMap::new();
    for name in scenario.skill_names() {
        let s = engine.create_skill(&SYS, company.id, &name)?;
        skills.insert(name, s.id);
    }
    let mut queues = Vec::new();
    for q in &scenario.queues {
        let created = engine.create_queue(
            &SYS,
            NewQueue {
                priority_delay: q.priority_delay,
                offer_timeout: q.offer_timeout,
                strategy: q.strategy,
                wrap_up_seconds: q.wrap_up_seconds,
                max_waiting: q.max_waiting,
                max_wait_seconds: q.max_wait_seconds,
                skip_empty_tiers: q.skip_empty_tiers,
                ..NewQueue::named(company.id, &q.name)
            },
        )?;
        for (name, level) in &q.skills {
            engine.set_queue_skill(&SYS, created.id, skills[name], *level)?;
        }
        if !q.hours.is_empty() {
            let mut intervals = Vec::new();
            for h in &q.hours {
                let (a, b) = parse_range(h).map_err(|e| invalid("hours", e))?;
                let t = |s: u32| NaiveTime::from_num_seconds_from_midnight_opt(s % 86_400, 0);
                let (Some(opens), Some(closes)) = (t(a), t(b)) else {
                    return Err(invalid("hours", format!("{h:?} is out of range")));
                };
                // The same hours every day of the week: the simulated day may be any of them.
                for weekday in ALL_WEEKDAYS {
                    intervals.push(OpenInterval {
                        weekday,
                        opens,
                        closes,
                    });
                }
            }
            engine.set_hours(&SYS, company.id, Some(created.id), intervals)?;
        }
        queues.push(created.id);
    }
    for (i, q) in scenario.queues.iter().enumerate() {
        let Some(name) = &q.overflow_queue else {
            continue;
        };
        let Some(target) = scenario.queues.iter().position(|o| &o.name == name) else {
            return Err(invalid(
                "overflow_queue",
                format!("{name:?} is not a queue of the scenario"),
            ));
        };
        let update = QueueUpdate {
            overflow_queue_id: Some(Some(queues[target])),
            ..Default::default()
        };
        engine.update_queue(&SYS, queues[i], update)?;
    }
    let mut agents = Vec::new();
    let mut users = Vec::new();
    for (gi, g) in scenario.agents.iter().enumerate() {
        for _ in 0..g.count {
            let n = agents.len();
            let user = engine.create_user(
                &SYS,
                NewUser {
                    username: format!("agent-{n:04}"),
                    firstname: "Agent".into(),
                    lastname: letters(n),
                    email: format!("agent-{n:04}@example.org"),
                    ..Default::default()
                },
            )?;
            let agent = engine.create_company_user(
                &SYS,
                NewCompanyUser {
                    max_number_of_objects_handled: g.capacity,
                    is_auto_max_number_handled: false,
                    ..NewCompanyUser::agent(company.id, user.id)
                },
            )?;
            for (name, level) in &g.skills {
                engine.set_agent_skill(&SYS, agent.id, skills[name], *level)?;
            }
            for (qname, tier) in &g.queues {
                let qi = scenario
                    .queues
                    .iter()
                    .position(|q| &q.name == qname)
                    .ok_or_else(|| invalid("queues", format!("unknown queue {qname:?}")))?;
                engine.assign_operator(&SYS, queues[qi], agent.id, *tier)?;
            }
            agents.push((agent.id, gi));
            users.push(user.id);
        }
    }
    Ok(Centre {
        company: company.id,
        queues,
        agents,
        users,
        statuses,
    })
}

/// A last name made of letters only (names may not hold digits): 0 → "Aa", 27 → "Abb", …
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.push(b'A');
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::letters;

    #[test]
    fn generated_last_names_are_letters() {
        assert_eq!(letters(0), "Aa");
        assert_eq!(letters(27), "Abb");
        assert!(letters(9999).chars().all(|c| c.is_ascii_alphabetic()));
    }
}
