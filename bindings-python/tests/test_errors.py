"""Errors: every exception class raised by a real bad call, with its HTTP status and code; and
arguments of the wrong type or value raising TypeError/ValueError instead of crashing."""

import datetime as dt
import uuid

import pytest

import connectnow_queue as cq
from conftest import MONDAY_9AM, UTC

KINDS = [
    (cq.Unauthenticated, 401, "ERR_UNAUTHENTICATED"),
    (cq.Forbidden, 403, "ERR_FORBIDDEN"),
    (cq.NotFound, 404, "ERR_NOT_FOUND"),
    (cq.InvalidInput, 422, "ERR_INVALID_INPUT"),
    (cq.Conflict, 409, "ERR_CONFLICT"),
    (cq.Storage, 500, "ERR_STORAGE"),
]


@pytest.mark.parametrize(("cls", "status", "code"), KINDS)
def test_each_error_kind_is_a_queue_error_with_its_status_and_code(cls, status, code):
    assert issubclass(cls, cq.QueueError) and issubclass(cq.QueueError, Exception)
    assert (cls.status, cls.code) == (status, code)


def test_invalid_input_is_also_a_value_error():
    assert issubclass(cq.InvalidInput, ValueError)


def raised(call):
    with pytest.raises(cq.QueueError) as info:
        call()
    return info.value


def test_unauthenticated(engine, world):
    e = raised(lambda: engine.authenticate("cnq_not-a-token"))
    assert type(e) is cq.Unauthenticated and (e.status, e.code, e.field) == (401, "ERR_UNAUTHENTICATED", None)
    e = raised(lambda: engine.list_queues(cq.Actor.anonymous(), world.company["id"]))
    assert type(e) is cq.Unauthenticated


def test_forbidden(engine, world):
    e = raised(lambda: engine.create_queue(world.ann.actor, company_id=world.company["id"], name="mine"))
    assert type(e) is cq.Forbidden and (e.status, e.code) == (403, "ERR_FORBIDDEN")
    assert "create queue" in str(e) or "queue" in str(e)


def test_not_found(engine, system):
    e = raised(lambda: engine.get_queue(system, uuid.uuid4()))
    assert type(e) is cq.NotFound and (e.status, e.code) == (404, "ERR_NOT_FOUND")


def test_invalid_input_names_the_field(engine, system, world):
    e = raised(lambda: engine.create_company(system, name=""))
    assert type(e) is cq.InvalidInput and (e.status, e.code, e.field) == (422, "ERR_INVALID_INPUT", "name")
    e = raised(lambda: engine.assign_operator(system, world.support["id"], world.ann.id, tier=100))
    assert e.field == "tier"
    with pytest.raises(ValueError):
        engine.rate(system, uuid.uuid4(), 9)


def test_conflict(engine, system, world):
    e = raised(lambda: engine.create_company_user(system, company_id=world.company["id"], user_id=world.ann.user["id"]))
    assert type(e) is cq.Conflict and (e.status, e.code) == (409, "ERR_CONFLICT")


def test_storage(tmp_path):
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_bytes(b"this is not a SQLite database, just some text\n" * 100)
    e = raised(lambda: cq.Engine(not_a_database))
    assert type(e) is cq.Storage and (e.status, e.code) == (500, "ERR_STORAGE")
    e = raised(lambda: cq.Engine(tmp_path / "no-such-dir" / "queue.db"))
    assert type(e) is cq.Storage


def test_a_failed_call_changes_nothing(engine, system, world):
    before = engine.list_queues(system, world.company["id"])
    with pytest.raises(cq.InvalidInput):
        engine.create_queue(system, company_id=world.company["id"], name="x", offer_timeout=0)
    assert engine.list_queues(system, world.company["id"]) == before


NAIVE = dt.datetime(2026, 1, 5, 9, 0)


def bad_calls(engine, world):
    """Calls with arguments of the wrong type or an unusable value, and the error expected."""
    sys, c, q, ann = cq.Actor.system(), world.company["id"], world.support["id"], world.ann.id
    T, V = TypeError, ValueError
    return {
        "actor is a string": (T, lambda: engine.get_queue("system", q)),
        "actor is None": (T, lambda: engine.get_queue(None, q)),
        "id is an int": (T, lambda: engine.get_queue(sys, 42)),
        "id is None": (T, lambda: engine.get_queue(sys, None)),
        "id is a list": (T, lambda: engine.get_queue(sys, [q])),
        "id is not a UUID": (V, lambda: engine.get_queue(sys, "queue-1")),
        "id is bytes": (T, lambda: engine.get_queue(sys, uuid.uuid4().bytes)),
        "ids contain an int": (T, lambda: engine.list_company_users(sys, [c, 3])),
        "ids are not iterable": (T, lambda: engine.list_company_users(sys, 3.5)),
        "tier is a string": (T, lambda: engine.assign_operator(sys, q, ann, "1")),
        "tier is a float": (T, lambda: engine.assign_operator(sys, q, ann, 1.0)),
        "tier is a bool": (T, lambda: engine.assign_operator(sys, q, ann, True)),
        "tier is negative": (V, lambda: engine.assign_operator(sys, q, ann, -1)),
        "tier is huge": (V, lambda: engine.assign_operator(sys, q, ann, 10**40)),
        "priority beyond i32": (V, lambda: engine.set_object_priority(sys, uuid.uuid4(), 2**31)),
        "limit negative": (V, lambda: engine.list_waiting(sys, q, limit=-5)),
        "name is an int": (T, lambda: engine.create_skill(sys, c, 7)),
        "unknown keyword": (T, lambda: engine.create_company(sys, nmae="Acme")),
        "missing keyword": (T, lambda: engine.create_user(sys, username="x")),
        "keyword of the wrong type": (T, lambda: engine.create_company(sys, name="Acme", is_public="yes")),
        "keyword None where required": (T, lambda: engine.create_company(sys, name=None)),
        "u32 keyword negative": (V, lambda: engine.create_queue(sys, company_id=c, name="n", offer_timeout=-1)),
        "u32 keyword huge": (V, lambda: engine.create_queue(sys, company_id=c, name="n", offer_timeout=2**70)),
        "keyword a float": (T, lambda: engine.create_queue(sys, company_id=c, name="n", offer_timeout=1.5)),
        "keyword NaN": (T, lambda: engine.create_queue(sys, company_id=c, name="n", offer_timeout=float("nan"))),
        "keyword of an unsupported type": (T, lambda: engine.create_queue(sys, company_id=c, name=object())),
        "unknown enum value": (V, lambda: engine.create_queue(sys, company_id=c, name="n", strategy="fastest")),
        "unknown show": (V, lambda: engine.set_presence(sys, ann, show="busy")),
        "show is an int": (T, lambda: engine.lock_presence(sys, ann, 3)),
        "bad id inside kwargs": (V, lambda: engine.create_queue(sys, company_id="nope", name="n")),
        "dict with non-str keys": (T, lambda: engine.create_object(sys, company_id=c, name="n", required_skills=[{1: 2}])),
        "naive datetime": (V, lambda: engine.is_open(sys, q, NAIVE)),
        "date for a datetime": (T, lambda: engine.is_open(sys, q, dt.date(2026, 1, 5))),
        "string for a datetime": (T, lambda: engine.is_open(sys, q, "2026-01-05T09:00:00Z")),
        "naive datetime in kwargs": (V, lambda: engine.add_blacklist_hours(sys, q, starts_at=NAIVE, ends_at=NAIVE)),
        "date in kwargs": (T, lambda: engine.add_blacklist_hours(sys, q, starts_at=dt.date(2026, 1, 5), ends_at=MONDAY_9AM)),
        "unknown weekday": (V, lambda: engine.set_hours(sys, c, [{"weekday": "funday", "opens": "09:00", "closes": "17:00"}])),
        "interval not a dict": (T, lambda: engine.set_hours(sys, c, ["mon 9-17"])),
        "intervals not a list": (T, lambda: engine.set_hours(sys, c, 5)),
        "opening time with tzinfo": (V, lambda: engine.set_hours(sys, c, [{"weekday": "mon", "opens": dt.time(9, tzinfo=UTC), "closes": "17:00"}])),
        "bad opening time": (V, lambda: engine.set_hours(sys, c, [{"weekday": "mon", "opens": "25:99", "closes": "17:00"}])),
        "unknown expansion": (V, lambda: engine.get_company(sys, c, with_=["everything"])),
        "stats window naive": (V, lambda: engine.queue_stats(sys, c, NAIVE, MONDAY_9AM)),
        "interval of no minutes": (V, lambda: engine.queue_stats_by_interval(sys, c, MONDAY_9AM, MONDAY_9AM + dt.timedelta(hours=1), interval_minutes=0)),
        "interval minutes a str": (T, lambda: engine.queue_stats_by_interval(sys, c, MONDAY_9AM, MONDAY_9AM + dt.timedelta(hours=1), interval_minutes="15")),
        "events after_seq negative": (V, lambda: engine.events(sys, after_seq=-1)),
        "page key an int": (T, lambda: engine.list_team_presence(sys, uuid.uuid4(), page_key=3)),
        "token not a str": (T, lambda: engine.authenticate(None)),
        "engine path an int": (T, lambda: cq.Engine(123)),
        "engine clock not a clock": (T, lambda: cq.Engine(clock="now")),
        "engine seed negative": (V, lambda: cq.Engine(seed=-1)),
        "engine synchronous unknown": (V, lambda: cq.Engine(":memory:", synchronous="sometimes")),
        "engine busy_timeout negative": (V, lambda: cq.Engine(":memory:", busy_timeout=-1)),
        "clock start naive": (V, lambda: cq.ManualClock(NAIVE)),
        "clock advance by a string": (T, lambda: cq.ManualClock(MONDAY_9AM).advance("1m")),
        "clock advance by infinity": (V, lambda: cq.ManualClock(MONDAY_9AM).advance(float("inf"))),
        "clock advance past the end of time": (V, lambda: cq.ManualClock(MONDAY_9AM).advance(dt.timedelta(days=999_999_999))),
        "actor user id not a UUID": (V, lambda: cq.Actor.user("ann")),
    }


def test_wrong_arguments_raise_type_or_value_error_and_never_crash(engine, world):
    for name, (expected, call) in bad_calls(engine, world).items():
        with pytest.raises(expected) as info:
            call()
        # A conversion failure is never reported as a domain error of another kind.
        assert not isinstance(info.value, cq.QueueError) or isinstance(info.value, cq.InvalidInput), name
    # The engine is still fine afterwards.
    assert engine.get_queue(cq.Actor.system(), world.support["id"])["name"] == "support"
