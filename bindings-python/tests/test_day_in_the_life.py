"""A contact-centre morning from Python, end to end: a company, its agents and skills, two
queues with operators and hours, chats and a call routed, accepted, rejected, completed,
abandoned and rated, and the statistics of the hour."""

import datetime as dt
import re
import uuid

import connectnow_queue as cq
from conftest import MONDAY_9AM, UTC, add_agent

ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def assert_plain(value, path="result"):
    """Results are dicts/lists of plain values; every instant is an aware datetime, never a string."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), path
            assert_plain(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            assert_plain(v, f"{path}[{i}]")
    elif isinstance(value, dt.datetime):
        assert value.tzinfo is not None and value.utcoffset() == dt.timedelta(0), path
    elif isinstance(value, str):
        assert not ISO_INSTANT.match(value), f"{path} is an instant left as a string: {value}"
    else:
        assert value is None or isinstance(value, (bool, int, float, dt.time)), (path, value)


def test_a_morning_at_acme(engine, clock, system):
    results = []

    def r(value):
        results.append(value)
        return value

    # The company, in Amsterdam, open weekdays 08:00-18:00 local time.
    acme = r(engine.create_company(system, name="Acme", time_zone="Europe/Amsterdam"))
    assert acme["created_at"] == MONDAY_9AM
    r(
        engine.set_hours(
            system,
            acme["id"],
            [
                {"weekday": day, "opens": dt.time(8), "closes": "18:00"}
                for day in ("mon", "tue", "wed", "thu", "fri")
            ],
        )
    )

    # Agents log in with tokens; Cara supervises.
    ann = add_agent(engine, acme, "ann")
    bob = add_agent(engine, acme, "bob")
    cara = add_agent(engine, acme, "cara", role="supervisor")
    assert ann.actor == cq.Actor.user(ann.user["id"])
    assert ann.actor.kind == "user" and ann.actor.user_id == ann.user["id"]

    # Skills: Dutch for support, billing for the billing line.
    dutch = r(engine.create_skill(system, acme["id"], "dutch"))
    billing = r(engine.create_skill(system, acme["id"], "billing"))
    r(engine.set_agent_skill(system, ann.id, dutch["id"], 8))
    r(engine.set_agent_skill(system, ann.id, billing["id"], 3))
    r(engine.set_agent_skill(system, bob.id, uuid.UUID(dutch["id"]), 5))
    r(engine.set_agent_skill(system, bob.id, billing["id"], 9))

    # Queues: support offers chats (20 s to accept); billing assigns calls directly.
    support = r(engine.create_queue(system, company_id=acme["id"], name="support", offer_timeout=20))
    billing_q = r(engine.create_queue(system, company_id=acme["id"], name="billing", strategy="most_skilled"))
    r(engine.set_queue_skill(system, support["id"], dutch["id"], 5))
    r(engine.set_queue_skill(system, billing_q["id"], billing["id"], 7))
    for agent in (ann, bob):
        r(engine.assign_operator(system, support["id"], agent.id))
        r(engine.assign_operator(system, billing_q["id"], agent.id))
    assert {o["company_user_id"] for o in engine.list_operators(cara.actor, support["id"])} == {ann.id, bob.id}
    assert r(engine.is_open(ann.actor, support["id"], MONDAY_9AM))["open"] is True

    # Cara's team, and its presence page by page.
    team = r(engine.create_team(cara.actor, acme["id"], "morning"))
    r(engine.add_team_members(cara.actor, team["id"], [ann.id, bob.id]))
    assert [row["company_user_id"] for row in engine.iter_team_presence(cara.actor, team["id"], page_limit=1)] == sorted(
        [ann.id, bob.id]
    )

    # Everyone becomes available.
    for agent in (ann, bob):
        r(engine.set_presence(agent.actor, agent.id, show="available", connection="online"))
    assert r(engine.queue_status(cara.actor, support["id"]))["queue_show"] == "available"

    # 09:00 A chat arrives and is offered at once (longest idle, ties by id: Ann). She accepts.
    # (enqueue returns the stay as routing left it, in the same call.)
    chat1 = r(engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor 1"))
    assert chat1["state"] == "offered" and chat1["offered_to"] == ann.id
    assert chat1["offer_expires_at"] == MONDAY_9AM + dt.timedelta(seconds=20)
    assert r(engine.accept_offer(ann.actor, chat1["id"]))["state"] == "assigned"

    # 09:01 A second chat: Ann is at capacity, so Bob is offered it. He rejects it.
    clock.advance(60)
    chat2 = r(engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor 2"))
    chat2 = r(engine.get_stay(bob.actor, chat2["id"]))
    assert chat2["offered_to"] == bob.id
    rejected = r(engine.reject_offer(bob.actor, chat2["id"]))
    assert rejected["state"] == "waiting" and rejected["excluded"] == [bob.id]
    assert r(engine.eligibility(cara.actor, ann.id, chat2["id"]))["reason"] == "at_capacity"
    assert r(engine.eligibility(cara.actor, bob.id, chat2["id"]))["reason"] == "rejected"
    explained = r(engine.explain(cara.actor, chat2["object_id"]))
    assert explained[0]["state"] == "waiting" and len(explained[0]["agents"]) == 2

    # 09:02 A billing call: Bob is the only one skilled enough; no offer, assigned directly.
    clock.advance(60)
    call = r(engine.enqueue_new(system, billing_q["id"], company_id=acme["id"], name="Caller", channel="call"))
    call = r(engine.get_stay(bob.actor, call["id"]))
    assert call["state"] == "assigned" and call["assigned_to"] == bob.id

    # 09:05 Ann completes chat 1; chat 2 is offered to her in the same call. She takes it.
    clock.advance(180)
    done1 = r(engine.complete(ann.actor, chat1["id"]))
    assert done1["state"] == "completed" and done1["ended_at"] == MONDAY_9AM + dt.timedelta(minutes=5)
    assert r(engine.get_stay(ann.actor, chat2["id"]))["offered_to"] == ann.id
    r(engine.accept_offer(ann.actor, chat2["id"]))
    r(engine.add_note(ann.actor, chat2["id"], "asked about opening hours"))
    assert [n["text"] for n in engine.list_notes(cara.actor, chat2["id"])] == ["asked about opening hours"]

    # 09:08 Bob finishes the call, Ann chat 2.
    clock.advance(180)
    r(engine.complete(bob.actor, call["id"]))
    r(engine.complete(ann.actor, chat2["id"]))

    # 09:10 Cara holds Bob in "dnd" and Ann steps away: a third chat waits, then the visitor leaves.
    clock.advance(120)
    assert r(engine.lock_presence(cara.actor, bob.id, "dnd"))["lock"]["locked_by"] == {
        "type": "user",
        "user_id": cara.user["id"],
    }
    r(engine.set_presence(ann.actor, ann.id, show="away"))
    chat3 = r(engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor 3"))
    assert [s["id"] for s in engine.list_waiting(cara.actor, support["id"])] == [chat3["id"]]
    clock.advance(30)
    assert r(engine.abandon(system, chat3["id"]))["state"] == "abandoned"
    r(engine.unlock_presence(cara.actor, bob.id))

    # Customers rate what was handled.
    r(engine.rate(system, chat1["object_id"], 5, "quick and friendly"))
    r(engine.rate(system, chat2["object_id"], 4))
    r(engine.rate(system, call["object_id"], 3, comment="long hold"))
    assert engine.get_rating(cara.actor, chat3["object_id"]) is None

    # The hour's statistics.
    hour = (MONDAY_9AM, MONDAY_9AM + dt.timedelta(hours=1))
    queues = {q["queue_id"]: q for q in r(engine.queue_stats(cara.actor, acme["id"], *hour))}
    s = queues[support["id"]]
    assert (s["offered"], s["answered"], s["abandoned"]) == (3, 2, 1)
    assert s["average_rating"] == 4.5
    assert s["average_wait_seconds"] == (0 + 240) / 2
    assert s["service_level"] == 1 / 3  # chat 1 within 20 s; chat 2 (240 s) and the abandon not
    b = queues[billing_q["id"]]
    assert (b["offered"], b["answered"], b["average_handle_seconds"]) == (1, 1, 360.0)
    # The same hour in quarters: the support queue's arrivals fall in the first.
    quarters = [row for row in r(engine.queue_stats_by_interval(cara.actor, acme["id"], *hour)) if row["queue_id"] == support["id"]]
    assert [row["interval_start"] for row in quarters] == [MONDAY_9AM + dt.timedelta(minutes=15 * i) for i in range(4)]
    assert [row["offered"] for row in quarters] == [3, 0, 0, 0]
    halves = r(engine.queue_stats_by_interval(cara.actor, acme["id"], *hour, interval_minutes=30))
    assert len(halves) == 2 * len(queues)
    agents = {a["company_user_id"]: a for a in r(engine.agent_stats(cara.actor, acme["id"], *hour))}
    assert (agents[ann.id]["offered"], agents[ann.id]["answered"], agents[ann.id]["completed"]) == (2, 2, 2)
    assert (agents[bob.id]["offered"], agents[bob.id]["rejected"], agents[bob.id]["completed"]) == (1, 1, 1)
    assert agents[cara.id]["answered"] == 0

    # The event log tells the same story.
    kinds = [e["type"] for e in r(engine.events(system, company_id=acme["id"]))]
    for kind in ("enqueued", "offered", "offer_rejected", "assigned", "completed", "abandoned", "rated"):
        assert kind in kinds

    # End of the day: Ann's token is revoked and no longer logs her in.
    (token,) = engine.list_tokens(ann.actor, ann.user["id"])
    assert r(engine.revoke_token(ann.actor, token["id"]))["revoked_at"] == engine.now()
    assert engine.routing_index_sizes() == (0, 0)  # nothing waits; Bob kept "dnd" after the unlock
    r(engine.set_presence(bob.actor, bob.id, show="chat"))
    assert engine.routing_index_sizes() == (0, 2)  # Bob, ready in both of his queues

    for value in results:
        assert_plain(value)
