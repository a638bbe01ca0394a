"""Issue 10 from Python: what a new user hit with a manual clock and bad inputs, each pinned
down — no crash at the ends of the calendar, text where text is expected, forward-only clock,
numbers out of range naming their field, a reason on every conflict, `close()` and `with`,
the whole waiting line by iterator, one weekday spelling."""

import datetime as dt
import gc
import os
import uuid

import pytest

import connectnow_queue as cq
from conftest import MONDAY_9AM, UTC, add_agent

SYS = cq.Actor.system()
LAST = dt.datetime.max.replace(tzinfo=UTC)


def company_and_queue(engine, **queue):
    c = engine.create_company(SYS, name="Acme")
    q = engine.create_queue(SYS, company_id=c["id"], name="support", **queue)
    return c, q


# 1, 2, 7: the ends of the calendar ------------------------------------------------------------

def test_a_huge_advance_raises_and_the_engine_goes_on(engine, clock):
    for step in (2**80, 2**53 + 2, dt.timedelta.max):
        with pytest.raises(ValueError):
            clock.advance(step)
    assert clock.now() == MONDAY_9AM
    company_and_queue(engine)


def test_the_last_instant_of_the_calendar_works_and_every_result_is_a_datetime():
    clock = cq.ManualClock(LAST)
    engine = cq.Engine(clock=clock)
    c, q = company_and_queue(engine, offer_timeout=20, priority_delay=60)
    engine.set_hours(SYS, c["id"], [{"weekday": d, "opens": "00:00", "closes": "00:00"} for d in ("fri", "sat")], queue_id=q["id"])
    ann = add_agent(engine, c, "ann")
    engine.assign_operator(SYS, q["id"], ann.id)
    engine.set_presence(SYS, ann.id, show="available")
    stay = engine.enqueue_new(SYS, q["id"], company_id=c["id"], name="Visitor")
    assert stay["offer_expires_at"] is None or isinstance(stay["offer_expires_at"], dt.datetime)
    assert isinstance(engine.now(), dt.datetime)
    clock.advance(0)
    with pytest.raises(ValueError):
        clock.advance(1)  # past 9999-12-31
    engine.tick()
    status = engine.is_open(SYS, q["id"], LAST)
    assert status["next_change"] is None or isinstance(status["next_change"], dt.datetime)
    for e in engine.events(SYS):
        assert isinstance(e["at"], dt.datetime)


def test_an_aware_datetime_past_9999_in_utc_is_refused():
    late = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    engine = cq.Engine()
    _, q = company_and_queue(engine)
    with pytest.raises(ValueError):
        engine.is_open(SYS, q["id"], late)
    with pytest.raises(ValueError):
        cq.ManualClock(late)


# 4: round robin inside one instant -------------------------------------------------------------

def test_round_robin_rotates_within_one_instant(engine):
    c, q = company_and_queue(engine, strategy="round_robin")
    agents = [add_agent(engine, c, name) for name in ("ann", "bob", "cyd")]
    for a in agents:
        engine.assign_operator(SYS, q["id"], a.id)
        engine.set_presence(SYS, a.id, show="available")
    order = []
    for i in range(6):
        stay = engine.enqueue_new(SYS, q["id"], company_id=c["id"], name=f"Visitor {i}")
        order.append(stay["assigned_to"])
        engine.complete(SYS, stay["id"])
    names = {a.id: a.user["username"] for a in agents}
    assert [names[o] for o in order] == ["ann", "bob", "cyd", "ann", "bob", "cyd"]


# 5: text parameters take text --------------------------------------------------------------------

@pytest.mark.parametrize("value", [MONDAY_9AM, dt.time(9, 0), dt.date(2026, 1, 1), uuid.uuid4(), 7, 1.5, b"Acme"])
def test_a_text_parameter_refuses_every_other_type(engine, value):
    with pytest.raises(TypeError) as info:
        engine.create_company(SYS, name=value)
    assert "name: expected a string" in str(info.value)
    c, q = company_and_queue(engine)
    with pytest.raises(TypeError):
        engine.create_queue(SYS, company_id=c["id"], name=value)
    with pytest.raises(TypeError):
        engine.enqueue_new(SYS, q["id"], company_id=c["id"], name=value)
    assert engine.list_companies(SYS) == [engine.get_company(SYS, c["id"])]


def test_an_instant_field_takes_a_datetime_not_its_text(engine):
    _, q = company_and_queue(engine)
    with pytest.raises(TypeError, match="expected a date-time"):
        engine.add_blacklist_hours(SYS, q["id"], starts_at="2026-01-05T09:00:00Z", ends_at=MONDAY_9AM)


# 6: the clock only moves forward ----------------------------------------------------------------

@pytest.mark.parametrize("step", [-1, -0.001, dt.timedelta(seconds=-1)])
def test_a_negative_advance_is_refused(clock, step):
    with pytest.raises(ValueError):
        clock.advance(step)
    assert clock.now() == MONDAY_9AM
    clock.set(MONDAY_9AM - dt.timedelta(days=1))  # set may still go back
    assert clock.now() < MONDAY_9AM


# 8: numbers out of range name their field --------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [("priority_delay", -1), ("offer_timeout", 2**40), ("priority_delay", 2**100)])
def test_out_of_range_numbers_are_invalid_input_naming_the_field(engine, field, value):
    c = engine.create_company(SYS, name="Acme")
    with pytest.raises(cq.InvalidInput) as info:
        engine.create_queue(SYS, company_id=c["id"], name="q", **{field: value})
    assert info.value.field == field
    assert "serde" not in str(info.value) and "u32" not in str(info.value)
    with pytest.raises(cq.InvalidInput) as info:
        engine.assign_operator(SYS, uuid.uuid4(), uuid.uuid4(), 300)
    assert info.value.field == "tier"


# 9: every conflict names its rule ------------------------------------------------------------------

def test_conflicts_carry_a_stable_reason(engine, clock, world):
    c, q = world.company["id"], world.support["id"]
    closed = engine.create_queue(SYS, company_id=c, name="closed")
    engine.set_hours(SYS, c, [], queue_id=closed["id"])
    off = engine.create_queue(SYS, company_id=c, name="off", is_active=False)
    personal = engine.create_queue(SYS, company_id=c, name="ann's", company_user_id=world.ann.id)
    engine.set_presence(SYS, world.ann.id, show="available")
    stay = engine.enqueue_new(SYS, q, company_id=c, name="Visitor")
    engine.lock_presence(SYS, world.bob.id, "dnd")
    cases = {
        "queue_closed": lambda: engine.enqueue_new(SYS, closed["id"], company_id=c, name="late"),
        "queue_inactive": lambda: engine.enqueue_new(SYS, off["id"], company_id=c, name="x"),
        "personal_queue": lambda: engine.assign_operator(SYS, personal["id"], world.bob.id),
        "already_operator": lambda: engine.assign_operator(SYS, q, world.ann.id),
        "status_locked": lambda: engine.set_presence(SYS, world.bob.id, show="available"),
        "name_taken": lambda: engine.create_queue(SYS, company_id=c, name="SUPPORT"),
        "not_assigned": lambda: engine.complete(SYS, stay["id"]),
        "already_member": lambda: engine.create_company_user(SYS, company_id=c, user_id=world.ann.user["id"]),
    }
    for reason, call in cases.items():
        with pytest.raises(cq.Conflict) as info:
            call()
        assert (info.value.reason, info.value.code, info.value.status) == (reason, "ERR_CONFLICT", 409)
    engine.accept_offer(SYS, stay["id"])
    with pytest.raises(cq.Conflict) as info:
        engine.accept_offer(SYS, stay["id"])
    assert info.value.reason == "not_offered"
    with pytest.raises(cq.Conflict) as info:
        engine.abandon(SYS, stay["id"])
    assert info.value.reason == "stay_assigned"
    engine.complete(SYS, stay["id"])
    engine.rate(SYS, stay["object_id"], 5)
    with pytest.raises(cq.Conflict) as info:
        engine.rate(SYS, stay["object_id"], 4)
    assert info.value.reason == "already_rated"
    assert cq.NotFound("x").reason is None


# 10: close() and `with` -----------------------------------------------------------------------------

def test_close_releases_the_file_and_later_calls_raise(tmp_path):
    path = tmp_path / "queue.db"
    with cq.Engine(path) as engine:
        c = engine.create_company(SYS, name="Acme")
        assert os.path.exists(f"{path}-wal")
    # The last connection closed: SQLite checkpointed and removed its WAL, no gc needed.
    assert not os.path.exists(f"{path}-wal")
    with pytest.raises(cq.Conflict) as info:
        engine.list_companies(SYS)
    assert info.value.reason == "engine_closed"
    engine.close()  # idempotent
    assert "closed" in repr(engine)
    again = cq.Engine(path)
    assert [x["id"] for x in again.list_companies(SYS)] == [c["id"]]
    again.close()
    del again
    gc.collect()


# 12: the whole waiting line ----------------------------------------------------------------------------

def test_iter_waiting_walks_past_ten_thousand(engine):
    c, q = company_and_queue(engine)
    for i in range(10_050):
        engine.enqueue_new(SYS, q["id"], company_id=c["id"], name=f"Visitor {i}", priority=i % 2)
    first = engine.list_waiting(SYS, q["id"], limit=10_000)
    with pytest.raises(cq.InvalidInput):
        engine.list_waiting(SYS, q["id"], limit=10_001)
    everything = list(engine.iter_waiting(SYS, q["id"], page_limit=1000))
    assert len(everything) == 10_050
    assert [s["id"] for s in everything[:10_000]] == [s["id"] for s in first]
    assert len({s["id"] for s in everything}) == 10_050
    page = engine.list_waiting_page(SYS, q["id"], page_limit=10)
    assert len(page["data"]) == 10 and isinstance(page["next_page_key"], str)


# 13: one weekday spelling -----------------------------------------------------------------------------

def test_weekdays_are_spelled_the_same_in_and_out(engine):
    c, q = company_and_queue(engine)
    hours = engine.set_hours(SYS, c["id"], [{"weekday": "mon", "opens": dt.time(9), "closes": "17:00"}], queue_id=q["id"])
    assert hours["intervals"][0]["weekday"] == "mon"
    assert engine.get_hours(SYS, c["id"], queue_id=q["id"])["intervals"][0]["weekday"] == "mon"
    with pytest.raises(cq.InvalidInput) as info:
        engine.set_hours(SYS, c["id"], [{"weekday": "Monday", "opens": "09:00", "closes": "17:00"}])
    assert info.value.field == "intervals[0].weekday"
