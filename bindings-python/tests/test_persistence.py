"""Persistence: an engine on a SQLite file, closed and opened again, finds everything where it
left it — including objects still waiting, which route as soon as an agent is ready."""

import datetime as dt
import gc

import connectnow_queue as cq
from conftest import MONDAY_9AM, add_agent


def test_everything_survives_reopening_the_file(tmp_path, clock, system):
    path = tmp_path / "queue.db"
    engine = cq.Engine(path, clock=clock, seed=1)
    acme = engine.create_company(system, name="Acme")
    support = engine.create_queue(system, company_id=acme["id"], name="support", offer_timeout=30)
    ann = add_agent(engine, acme, "ann")
    engine.assign_operator(system, support["id"], ann.id)
    waiting = engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor")
    token = engine.issue_token(system, ann.user["id"], "phone")
    del engine
    gc.collect()

    clock.advance(dt.timedelta(minutes=5))
    engine = cq.Engine(str(path), clock=clock, seed=2)
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]
    assert engine.get_queue(system, support["id"])["offer_timeout"] == 30
    assert engine.list_operators(system, support["id"])[0]["company_user_id"] == ann.id
    assert engine.authenticate(token["secret"]) == ann.actor
    assert [s["id"] for s in engine.list_waiting(system, support["id"])] == [waiting["id"]]
    assert engine.routing_index_sizes() == (1, 0)

    # The routing indexes were rebuilt: Ann becoming available gets the chat that waited.
    engine.set_presence(ann.actor, ann.id, show="available")
    stay = engine.get_stay(ann.actor, waiting["id"])
    assert (stay["state"], stay["offered_to"]) == ("offered", ann.id)
    assert stay["offer_expires_at"] == MONDAY_9AM + dt.timedelta(minutes=5, seconds=30)
    assert stay["wait_since"] == MONDAY_9AM


def test_two_engines_on_one_file_see_each_other(tmp_path, clock, system):
    path = tmp_path / "shared.db"
    first = cq.Engine(path, clock=clock, seed=1, synchronous="full")
    second = cq.Engine(path, clock=clock, seed=2, busy_timeout=dt.timedelta(seconds=10))
    acme = first.create_company(system, name="Acme")
    assert second.get_company(system, acme["id"])["name"] == "Acme"
    second.update_company(system, acme["id"], name="Acme Ltd")
    assert first.get_company(system, acme["id"])["name"] == "Acme Ltd"


def test_sqlite_in_memory(system):
    engine = cq.Engine(":memory:")
    engine.create_company(system, name="Scratch")
    assert repr(engine) == "Engine(:memory:)"
    assert len(engine.list_companies(system)) == 1
