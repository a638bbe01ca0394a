"""Batches from Python: `with engine.batch():` runs the block's commands as one store commit,
all or nothing; `begin_batch` / `commit_batch` / `abort_batch` / `in_batch` are the same in
separate calls."""

import datetime as dt

import pytest

import connectnow_queue as cq


def enqueue(engine, world, name="Visitor"):
    return engine.enqueue_new(
        cq.Actor.system(), world.support["id"], company_id=world.company["id"], name=name
    )


def test_commands_in_a_batch_answer_as_usual_and_commit_together(engine, system, world):
    engine.set_presence(world.ann.actor, world.ann.id, show="available", connection="online")
    events_before = len(engine.events(system))
    with engine.batch() as e:
        assert e is engine
        assert engine.in_batch()
        first = enqueue(engine, world, "Visitor 1")
        # Routed as usual inside the batch: Ann is offered the first chat at once.
        assert first["state"] == "offered" and first["offered_to"] == world.ann.id
        second = enqueue(engine, world, "Visitor 2")
        assert second["state"] == "waiting"
        # Reads inside the batch see its commands.
        assert [s["id"] for s in engine.list_waiting(system, world.support["id"])] == [second["id"]]
        assert engine.get_stay(system, first["id"])["state"] == "offered"
    assert not engine.in_batch()
    assert engine.get_stay(system, first["id"])["state"] == "offered"
    assert [s["id"] for s in engine.list_waiting(system, world.support["id"])] == [second["id"]]
    assert len(engine.events(system)) > events_before


def test_an_exception_in_the_block_undoes_all_of_it_and_propagates(engine, system, world):
    engine.set_presence(world.ann.actor, world.ann.id, show="available", connection="online")
    events_before = engine.events(system)
    presence_before = engine.get_presence(system, world.ann.id)

    class Oops(Exception):
        pass

    with pytest.raises(Oops):
        with engine.batch():
            stay = enqueue(engine, world)
            assert stay["state"] == "offered"
            engine.create_company(system, name="Globex")
            raise Oops()
    assert not engine.in_batch()
    with pytest.raises(cq.NotFound):
        engine.get_stay(system, stay["id"])
    assert engine.list_waiting(system, world.support["id"]) == []
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]
    assert engine.get_presence(system, world.ann.id) == presence_before
    assert engine.events(system) == events_before
    # The engine goes on as usual afterwards.
    assert enqueue(engine, world)["state"] == "offered"


def test_a_failed_command_inside_changes_nothing_and_the_rest_commits(engine, system, world):
    with engine.batch():
        stay = enqueue(engine, world)
        with pytest.raises(cq.InvalidInput):
            engine.create_company(system, name="")
    assert engine.get_stay(system, stay["id"])["state"] == "waiting"
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]


def test_begin_commit_abort_in_separate_calls(engine, system):
    assert engine.in_batch() is False
    engine.begin_batch()
    assert engine.in_batch() is True
    with pytest.raises(cq.Conflict) as raised:
        engine.begin_batch()
    assert raised.value.reason == "batch_open"
    assert engine.in_batch() is True  # the refused begin left the open batch alone
    engine.create_company(system, name="Acme")
    engine.commit_batch()
    assert engine.in_batch() is False

    engine.begin_batch()
    engine.create_company(system, name="Globex")
    engine.abort_batch()
    assert engine.in_batch() is False
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]

    # Without an open batch, committing and aborting do nothing.
    engine.commit_batch()
    engine.abort_batch()
    assert engine.in_batch() is False


def test_a_nested_block_joins_the_outer_batch(engine, system):
    with pytest.raises(RuntimeError):
        with engine.batch():
            engine.create_company(system, name="Acme")
            with engine.batch():
                engine.create_company(system, name="Globex")
            # Leaving the inner block committed nothing: the outer batch is still open.
            assert engine.in_batch()
            raise RuntimeError("undo both")
    assert engine.list_companies(system) == []

    with engine.batch():
        with pytest.raises(ValueError):
            with engine.batch():
                engine.create_company(system, name="Acme")
                raise ValueError("the inner block raises; the outer catches it")
        # An inner block's exception does not undo anything on its own.
        assert engine.in_batch()
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]

    # A block inside `begin_batch` joins that batch too.
    engine.begin_batch()
    with engine.batch():
        engine.create_company(system, name="Globex")
    assert engine.in_batch()
    engine.abort_batch()
    assert [c["name"] for c in engine.list_companies(system)] == ["Acme"]


def test_one_batch_object_can_be_entered_again_and_within_itself(engine, system):
    batch = engine.batch()
    assert repr(batch).startswith("Batch(Engine(")
    with batch:
        engine.create_company(system, name="Acme")
    with batch:
        with batch:
            engine.create_company(system, name="Globex")
        assert engine.in_batch()
    assert not engine.in_batch()
    assert sorted(c["name"] for c in engine.list_companies(system)) == ["Acme", "Globex"]


def test_a_failed_commit_raises(engine, system):
    with pytest.raises(cq.Conflict) as raised:
        with engine.batch():
            engine.create_company(system, name="Acme")
            engine.close()
    assert raised.value.reason == "engine_closed"


def test_the_blocks_exception_wins_over_undoing_on_a_closed_engine(engine, system):
    with pytest.raises(KeyError):
        with engine.batch():
            engine.close()
            raise KeyError("mine")


def test_other_engines_and_watchers_see_nothing_before_the_commit(tmp_path, clock, system):
    path = tmp_path / "batch.db"
    first = cq.Engine(path, clock=clock, seed=1)
    second = cq.Engine(path, clock=clock, seed=2, busy_timeout=dt.timedelta(seconds=10))
    watch = second.watch(system, timeout=0.05)
    with first.batch():
        acme = first.create_company(system, name="Acme")
        support = first.create_queue(system, company_id=acme["id"], name="support")
        stay = first.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor")
        assert len(first.list_companies(system)) == 1
        # SQLite's write-ahead log lets the second engine read while the batch holds the
        # write lock; it reads the last commit, before the batch.
        assert second.list_companies(system) == []
        assert watch.next(0.05) is None
    assert [c["name"] for c in second.list_companies(system)] == ["Acme"]
    assert [q["name"] for q in second.list_queues(system, acme["id"])] == ["support"]
    assert second.get_stay(system, stay["id"])["state"] == "waiting"
    kinds = [e["type"] for e in watch]
    assert "enqueued" in kinds and kinds.count("record") >= 2
    watch.close()

    # Undone: the second engine never sees it.
    with pytest.raises(RuntimeError):
        with first.batch():
            first.create_company(system, name="Globex")
            raise RuntimeError()
    assert [c["name"] for c in second.list_companies(system)] == ["Acme"]
    first.close()
    second.close()
