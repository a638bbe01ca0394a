//! Fixtures for documentation examples; not part of the supported API.

use crate::*;

/// An in-memory engine with one company and one agent (user `ann`), for doc examples.
pub fn company_with_agent() -> (Engine, CompanyId, CompanyUserId) {
    let mut engine = Engine::in_memory_default();
    let sys = Actor::System;
    let run = |engine: &mut Engine| -> Result<(CompanyId, CompanyUserId)> {
        let acme = engine.create_company(
            &sys,
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )?;
        let ann = engine.create_user(
            &sys,
            NewUser {
                username: "ann".into(),
                firstname: "Ann".into(),
                lastname: "Smit".into(),
                email: "ann@example.org".into(),
                ..Default::default()
            },
        )?;
        let agent = engine.create_company_user(&sys, NewCompanyUser::agent(acme.id, ann.id))?;
        Ok((acme.id, agent.id))
    };
    match run(&mut engine) {
        Ok((c, a)) => (engine, c, a),
        Err(e) => panic!("doc fixture failed: {e}"),
    }
}
