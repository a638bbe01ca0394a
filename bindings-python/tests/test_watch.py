"""Watching the event log from Python: as an iterator (with a timeout), from another thread,
with asyncio, resuming from a saved `seq` exactly once, and across two engines on one file;
and retention: `prune_history` and the `retention` option."""

import asyncio
import datetime as dt
import threading

import pytest

import connectnow_queue as cq


def ready(engine, world):
    """Ann available on a queue that assigns directly (the world's support queue offers)."""
    system = cq.Actor.system()
    direct = engine.create_queue(system, company_id=world.company["id"], name="direct")
    engine.assign_operator(system, direct["id"], world.ann.id, 1)
    world.direct = direct
    engine.set_presence(world.ann.actor, world.ann.id, show="available", connection="online")


def chat(engine, world, name="Visitor"):
    return engine.enqueue_new(
        cq.Actor.system(), world.direct["id"], company_id=world.company["id"], name=name
    )


def test_a_watch_delivers_new_events_in_order_and_stops_after_its_timeout(engine, world, system):
    before = len(engine.events(system))
    watch = engine.watch(system, timeout=0)
    assert list(watch) == [], "only what comes from now on"
    ready(engine, world)
    stay = chat(engine, world)
    seen = list(engine.watch(system, after_seq=watch.seq, timeout=0))
    assert seen == engine.events(system)[before:]
    assert any(e["type"] == "assigned" and e["stay_id"] == stay["id"] for e in seen)
    got = list(watch)
    assert got == seen
    assert watch.seq == seen[-1]["seq"]
    assert watch.next(timeout=0) is None


def test_a_watch_on_another_thread_wakes_at_the_commit(engine, world, system):
    ready(engine, world)
    watch = engine.watch(system)
    got = []
    waiter = threading.Thread(target=lambda: got.append(watch.next(timeout=30)))
    waiter.start()
    stay = chat(engine, world)
    waiter.join(timeout=30)
    assert got and got[0] is not None
    rest = list(engine.watch(system, after_seq=got[0]["seq"], timeout=0))
    assert any(e["type"] == "assigned" and e["stay_id"] == stay["id"] for e in [got[0], *rest])


def test_resuming_from_a_saved_seq_delivers_the_rest_exactly_once(tmp_path, clock, system):
    path = tmp_path / "queue.db"
    engine = cq.Engine(path, clock=clock, seed=3)
    acme = engine.create_company(system, name="Acme")
    q = engine.create_queue(system, company_id=acme["id"], name="support")
    with engine.watch(system, after_seq=0, timeout=0) as watch:
        next(watch)
        saved = watch.seq
    engine.enqueue_new(system, q["id"], company_id=acme["id"], name="Visitor")
    engine.close()

    reopened = cq.Engine(path, clock=clock, seed=4)
    rest = list(reopened.watch(system, after_seq=saved, timeout=0))
    assert rest == reopened.events(system, after_seq=saved)
    assert [e["seq"] for e in rest] == sorted({e["seq"] for e in rest})
    assert rest and all(e["seq"] > saved for e in rest)


def test_a_watch_sees_another_engine_on_the_same_file(tmp_path, clock, system):
    path = tmp_path / "shared.db"
    a = cq.Engine(path, clock=clock, seed=1)
    acme = a.create_company(system, name="Acme")
    b = cq.Engine(path, clock=clock, seed=2)
    watch = b.watch(system, company_id=acme["id"])
    q = a.create_queue(system, company_id=acme["id"], name="support")
    event = watch.next(timeout=10)
    assert event is not None and event["id"] == q["id"]


def test_a_private_sqlite_database_cannot_be_watched(system):
    engine = cq.Engine(":memory:")
    with pytest.raises(cq.Storage):
        engine.watch(system)


def test_watching_needs_admin_access(engine, world, system):
    with pytest.raises(cq.Forbidden):
        engine.watch(world.ann.actor, company_id=world.company["id"])
    with pytest.raises(cq.Forbidden):
        engine.watch(world.ann.actor)
    with pytest.raises(ValueError):
        engine.watch(system, timeout=-1)
    with pytest.raises(TypeError):
        engine.watch(system, timeout="soon")


def test_an_agent_watches_only_the_events_about_themselves(engine, world, system):
    watch = engine.watch(world.ann.actor, company_user_id=world.ann.id, timeout=0)
    engine.set_presence(world.bob.actor, world.bob.id, show="available")
    ready(engine, world)
    stay = chat(engine, world)
    seen = list(watch)
    assert seen and all(e["company_user_id"] == world.ann.id for e in seen)
    assert any(e["type"] == "assigned" and e["stay_id"] == stay["id"] for e in seen)
    with pytest.raises(cq.Forbidden):
        engine.watch(world.bob.actor, company_user_id=world.ann.id)
    other = engine.create_company(system, name="Other")
    with pytest.raises(cq.InvalidInput) as e:
        engine.watch(system, company_id=other["id"], company_user_id=world.ann.id)
    assert e.value.field == "company_id"


def test_asyncio_watch(engine, world, system):
    async def main():
        ready(engine, world)
        seen = []
        async with engine.watch_async(system, timeout=0.2) as watch:
            stay = chat(engine, world)
            async for event in watch:
                seen.append(event)
            assert watch.seq == seen[-1]["seq"]
        assert any(e["type"] == "assigned" and e["stay_id"] == stay["id"] for e in seen)

        # A waiting task wakes at the commit; a cancelled one loses nothing.
        watch = engine.watch_async(system)
        waiting = asyncio.create_task(watch.next())
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        engine.complete(system, stay["id"])
        event = await watch.next(timeout=5)
        assert event is not None and event["type"] == "completed"
        assert await watch.next(timeout=0) is None

    asyncio.run(main())


def test_prune_history_removes_what_ended_before_and_nothing_live(engine, clock, world, system):
    ready(engine, world)
    done = chat(engine, world, "first")
    engine.complete(system, done["id"])
    clock.advance(dt.timedelta(days=2))
    live = chat(engine, world, "second")
    pruned = engine.prune_history(system, clock.now() - dt.timedelta(days=1))
    assert pruned["stays"] == 1 and pruned["objects"] == 1 and pruned["events"] > 0
    assert set(pruned) == {"stays", "notes", "objects", "ratings", "intervals", "events"}
    with pytest.raises(cq.NotFound):
        engine.get_stay(system, done["id"])
    assert engine.get_stay(system, live["id"])["state"] == "assigned"
    before = engine.events(system)
    with pytest.raises(cq.Forbidden):
        engine.prune_history(world.ann.actor, clock.now())
    assert engine.events(system) == before


def test_a_retention_period_prunes_as_commits_come(clock, system):
    engine = cq.Engine(clock=clock, seed=1, retention=dt.timedelta(days=1))
    acme = engine.create_company(system, name="Acme")
    q = engine.create_queue(system, company_id=acme["id"], name="support")
    first = engine.enqueue_new(system, q["id"], company_id=acme["id"], name="Visitor")
    engine.abandon(system, first["id"])
    clock.advance(dt.timedelta(days=3))
    engine.enqueue_new(system, q["id"], company_id=acme["id"], name="Later")
    with pytest.raises(cq.NotFound):
        engine.get_stay(system, first["id"])
    assert all(e["at"] > clock.now() - dt.timedelta(days=1) for e in engine.events(system))
    for bad in (0, -5, dt.timedelta(seconds=-1)):
        with pytest.raises(ValueError):
            cq.Engine(clock=clock, retention=bad)
    with pytest.raises(TypeError):
        cq.Engine(clock=clock, retention="90 days")
