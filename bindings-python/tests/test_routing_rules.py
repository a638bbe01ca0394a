"""Wrap-up, missed offers, queue limits, preferred agent and position through the binding."""

import datetime as dt

import pytest

import connectnow_queue as cq

T0 = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.timezone.utc)


def world(**queue):
    clock = cq.ManualClock(T0)
    engine = cq.Engine(clock=clock, seed=1)
    sys = cq.Actor.system()
    acme = engine.create_company(sys, name="Acme")
    q = engine.create_queue(sys, company_id=acme["id"], name="support", **queue)
    agents = []
    for name in ("ann", "bob"):
        user = engine.create_user(
            sys, username=name, firstname=name, lastname="Smit", email=f"{name}@example.org"
        )
        cu = engine.create_company_user(
            sys,
            company_id=acme["id"],
            user_id=user["id"],
            max_number_of_objects_handled=1,
            is_auto_max_number_handled=False,
        )
        engine.assign_operator(sys, q["id"], cu["id"], 1)
        agents.append(cu["id"])
    return engine, clock, sys, acme["id"], q["id"], agents


def test_wrap_up_holds_new_work_until_it_ends_or_is_ended():
    engine, clock, sys, acme, q, (ann, _) = world(wrap_up_seconds=30)
    engine.set_presence(sys, ann, show="available")
    first = engine.enqueue_new(sys, q, company_id=acme, name="a")
    second = engine.enqueue_new(sys, q, company_id=acme, name="b")
    engine.complete(sys, first["id"])
    p = engine.get_presence(sys, ann)
    assert p["wrap_up_until"] == T0 + dt.timedelta(seconds=30)
    assert engine.get_stay(sys, second["id"])["state"] == "waiting"
    clock.advance(10)
    engine.end_wrap_up(sys, ann)
    assert engine.get_stay(sys, second["id"])["assigned_to"] == ann


def test_missed_offers_set_the_agent_away():
    engine, clock, sys, acme, q, (ann, _) = world(offer_timeout=10)
    engine.update_company(sys, acme, max_missed_offers=1)
    engine.set_presence(sys, ann, show="available")
    engine.enqueue_new(sys, q, company_id=acme, name="a")
    clock.advance(dt.timedelta(seconds=10))
    engine.tick()
    p = engine.get_presence(sys, ann)
    assert (p["show"], p["reason"]) == ("away", "missed_offers")


def test_a_full_queue_refuses_and_a_wait_limit_times_out():
    engine, clock, sys, acme, q, _ = world(max_waiting=1, max_wait_seconds=20)
    s = engine.enqueue_new(sys, q, company_id=acme, name="a")
    with pytest.raises(cq.Conflict) as e:
        engine.enqueue_new(sys, q, company_id=acme, name="b")
    assert e.value.reason == "queue_full"
    clock.advance(dt.timedelta(seconds=20))
    engine.tick()
    assert engine.get_stay(sys, s["id"])["state"] == "timed_out"


def test_a_preferred_agent_and_the_position():
    engine, clock, sys, acme, q, (ann, bob) = world()
    engine.set_presence(sys, ann, show="available")
    kept = engine.enqueue_new(
        sys, q, company_id=acme, name="a", preferred_agent_id=bob, preferred_for_seconds=30
    )
    assert kept["state"] == "waiting"
    behind = engine.enqueue_new(sys, q, company_id=acme, name="b", preferred_agent_id=bob)
    pos = engine.queue_position(sys, behind["id"])
    assert (pos["position"], pos["ahead"], pos["estimated_wait_seconds"]) == (2, 1, None)
    clock.advance(dt.timedelta(seconds=30))
    engine.tick()
    assert engine.get_stay(sys, kept["id"])["assigned_to"] == ann


def test_bad_settings_name_the_field():
    engine, _, sys, acme, q, _ = world()
    with pytest.raises(cq.InvalidInput) as e:
        engine.update_queue(sys, q, overflow_queue_id=q)
    assert e.value.field == "overflow_queue_id"
    with pytest.raises(cq.InvalidInput) as e:
        engine.update_company(sys, acme, max_missed_offers=101)
    assert e.value.field == "max_missed_offers"
    with pytest.raises((cq.InvalidInput, TypeError, OverflowError)):
        engine.update_queue(sys, q, wrap_up_seconds=-1)
    assert engine.get_queue(sys, q)["wrap_up_seconds"] == 0


def test_ring_all_rings_everyone_and_the_first_accept_wins():
    engine, clock, sys, acme, q, (ann, bob) = world(strategy="ring_all", offer_timeout=20)
    for agent in (ann, bob):
        engine.set_presence(sys, agent, show="available")
    s = engine.enqueue_new(sys, q, company_id=acme, name="a")
    ringing = engine.get_stay(sys, s["id"])
    assert ringing["state"] == "offered"
    assert ringing["ringing"] == sorted([ann, bob])
    bob_actor = cq.Actor.user(engine.get_company_user(sys, bob)["user_id"])
    won = engine.accept_offer(bob_actor, s["id"])
    assert (won["assigned_to"], won["ringing"]) == (bob, [])
    kinds = [e["type"] for e in engine.events(sys)]
    assert kinds.count("offered") == 2
    assert kinds.count("offer_withdrawn") == 1
    ann_actor = cq.Actor.user(engine.get_company_user(sys, ann)["user_id"])
    with pytest.raises(cq.Conflict) as e:
        engine.accept_offer(ann_actor, s["id"])
    assert e.value.reason == "not_offered"
    # A second object rings Ann alone and lapses at its timeout.
    t = engine.enqueue_new(sys, q, company_id=acme, name="b")
    assert engine.get_stay(sys, t["id"])["ringing"] == [ann]
    clock.advance(dt.timedelta(seconds=20))
    engine.tick()
    lapsed = engine.get_stay(sys, t["id"])
    assert (lapsed["state"], lapsed["excluded"]) == ("waiting", [ann])


def test_status_reasons_set_the_show_lock_and_count_in_stats():
    engine, clock, sys, acme, q, (ann, _) = world()
    lunch = engine.create_presence_status(sys, acme, "Lunch", "away")
    training = engine.create_presence_status(sys, acme, "Training", "dnd")
    assert [s["name"] for s in engine.list_presence_statuses(sys, acme)] == ["Lunch", "Training"]
    p = engine.set_presence(sys, ann, status_id=lunch["id"])
    assert (p["show"], p["status_id"], p["status_since"]) == ("away", lunch["id"], T0)
    changed = [e for e in engine.events(sys) if e["type"] == "presence_changed"][-1]
    assert changed["status_id"] == lunch["id"]
    with pytest.raises(cq.InvalidInput) as e:
        engine.set_presence(sys, ann, status_id=lunch["id"], show="available")
    assert e.value.field == "show"
    with pytest.raises(cq.InvalidInput) as e:
        engine.lock_presence_status(sys, ann, "0190a0a0-0000-7000-8000-000000000000")
    assert e.value.field == "status_id"
    with pytest.raises(cq.Conflict) as e:
        engine.delete_presence_status(sys, lunch["id"])
    assert e.value.reason == "status_in_use"
    clock.advance(dt.timedelta(seconds=600))
    locked = engine.lock_presence_status(sys, ann, training["id"])
    assert (locked["show"], locked["status_id"]) == ("dnd", training["id"])
    clock.advance(dt.timedelta(seconds=120))
    stats = engine.agent_stats(sys, acme, T0, clock.now())
    mine = next(s for s in stats if s["company_user_id"] == ann)
    seconds = {s["status_id"]: s["seconds"] for s in mine["status_seconds"]}
    assert seconds == {lunch["id"]: 600.0, training["id"]: 120.0}
    assert engine.rename_presence_status(sys, lunch["id"], "Lunch break")["name"] == "Lunch break"
    engine.delete_presence_status(sys, lunch["id"])
    with pytest.raises(cq.NotFound):
        engine.get_presence_status(sys, lunch["id"])
