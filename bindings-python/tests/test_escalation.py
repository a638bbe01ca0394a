"""Escalation and offer timeouts, driven by the manual clock: an object reaches tier 2 exactly
`priority_delay` seconds after it started waiting, and an unanswered offer lapses exactly
`offer_timeout` seconds after it was made."""

import datetime as dt

from conftest import MONDAY_9AM

DELAY = dt.timedelta(seconds=60)


def test_an_object_reaches_tier_two_exactly_after_the_priority_delay(engine, clock, system, world):
    # Ann (tier 1) is away; Bob (tier 2) is available but not yet allowed to take it.
    engine.set_presence(world.bob.actor, world.bob.id, show="available")
    chat = engine.enqueue_new(system, world.support["id"], company_id=world.company["id"], name="Visitor")
    assert engine.get_stay(system, chat["id"])["state"] == "waiting"

    (why,) = engine.explain(system, chat["object_id"])
    assert why["tier_reached"] == 1
    assert why["next_escalation_at"] == MONDAY_9AM + DELAY
    bob_verdict = next(a for a in why["agents"] if a["company_user_id"] == world.bob.id)
    assert bob_verdict["ineligible"] == {
        "reason": "tier_not_reached",
        "tier": 2,
        "reached": 1,
        "at": MONDAY_9AM + DELAY,
    }
    assert engine.next_due() == MONDAY_9AM + DELAY

    # One second early: nothing happens.
    clock.advance(DELAY - dt.timedelta(seconds=1))
    engine.tick()
    assert engine.get_stay(system, chat["id"])["state"] == "waiting"

    # On the dot: offered to Bob.
    clock.advance(dt.timedelta(seconds=1))
    assert engine.next_due() == engine.now() == MONDAY_9AM + DELAY
    engine.tick()
    stay = engine.get_stay(system, chat["id"])
    assert (stay["state"], stay["offered_to"]) == ("offered", world.bob.id)
    assert stay["offer_expires_at"] == MONDAY_9AM + DELAY + dt.timedelta(seconds=20)
    offered = [e for e in engine.events(system, company_id=world.company["id"]) if e["type"] == "offered"]
    assert [e["at"] for e in offered] == [MONDAY_9AM + DELAY]


def test_an_unanswered_offer_lapses_and_is_never_made_to_that_agent_again(engine, clock, system, world):
    engine.set_presence(world.ann.actor, world.ann.id, show="available")
    chat = engine.enqueue_new(system, world.support["id"], company_id=world.company["id"], name="Visitor")
    assert engine.get_stay(system, chat["id"])["offered_to"] == world.ann.id
    assert engine.next_due() == MONDAY_9AM + dt.timedelta(seconds=20)

    clock.set(MONDAY_9AM + dt.timedelta(seconds=20))
    engine.tick()
    stay = engine.get_stay(system, chat["id"])
    assert (stay["state"], stay["excluded"]) == ("waiting", [world.ann.id])
    assert engine.eligibility(system, world.ann.id, chat["id"]) == {"reason": "rejected"}


def test_an_agent_of_the_first_tier_takes_it_before_escalation(engine, clock, system, world):
    engine.set_presence(world.bob.actor, world.bob.id, show="available")
    chat = engine.enqueue_new(system, world.support["id"], company_id=world.company["id"], name="Visitor")
    clock.advance(30)
    engine.set_presence(world.ann.actor, world.ann.id, show="chat")
    assert engine.get_stay(system, chat["id"])["offered_to"] == world.ann.id
