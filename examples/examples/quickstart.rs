//! The smallest useful program: one agent, one queue, one chat routed, accepted and completed
//! on a manual clock. `cargo run --example quickstart`

use chrono::{Duration, TimeZone, Utc};
use queue_core::*;

fn main() -> Result<()> {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 3, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let (mut engine, clock) = Engine::in_memory_manual(start);
    let sys = Actor::System;

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
    let support = engine.create_queue(
        &sys,
        NewQueue {
            offer_timeout: Some(20),
            ..NewQueue::named(acme.id, "support")
        },
    )?;
    engine.assign_operator(&sys, support.id, agent.id, 1)?;
    engine.set_presence(
        &sys,
        agent.id,
        PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        },
    )?;

    // The chat is offered to Ann inside the enqueue call; the returned stay shows it.
    let chat = engine.enqueue_new(
        &sys,
        NewObject::chat(acme.id, "Visitor 1"),
        support.id,
        None,
    )?;
    println!(
        "now {:?}, offered to Ann: {}",
        chat.state,
        chat.offered_to == Some(agent.id)
    );
    clock.advance(Duration::seconds(5));
    engine.accept_offer(&Actor::User(ann.id), chat.id)?;
    clock.advance(Duration::minutes(4));
    let done = engine.complete(&Actor::User(ann.id), chat.id)?;
    println!(
        "completed after {} s of handling",
        (done.ended_at.unwrap_or(start) - start).num_seconds() - 5
    );

    let stats = engine.queue_stats(
        &sys,
        &StatsQuery {
            company_id: acme.id,
            from: start,
            to: engine.now() + Duration::seconds(1),
            service_level_seconds: 20,
        },
    )?;
    println!(
        "answered {} of {}, average wait {:?} s",
        stats[0].answered, stats[0].offered, stats[0].average_wait_seconds
    );
    Ok(())
}
