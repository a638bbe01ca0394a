"""Concurrency from Python threads: one engine shared by many threads stays consistent, and an
engine call waiting inside the core does not hold the GIL."""

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import connectnow_queue as cq
from conftest import add_agent

THREADS = 8
CHATS_PER_THREAD = 25


def test_many_threads_enqueue_and_handle_on_one_engine(engine, system):
    acme = engine.create_company(system, name="Acme", default_max_number_of_objects_handled=2)
    support = engine.create_queue(system, company_id=acme["id"], name="support")
    agents = [add_agent(engine, acme, name) for name in ("anna", "bram", "cees", "dirk")]
    for a in agents:
        engine.assign_operator(system, support["id"], a.id)
        engine.set_presence(a.actor, a.id, show="available")

    def customer(n: int) -> list[str]:
        ids = []
        for i in range(CHATS_PER_THREAD):
            stay = engine.enqueue_new(system, support["id"], company_id=acme["id"], name=f"v{n}-{i}")
            ids.append(stay["id"])
            engine.queue_status(system, support["id"])
        return ids

    def agent_loop(a) -> int:
        handled = 0
        for _ in range(1_000_000):  # bounded, so a routing bug fails the test instead of hanging it
            # In this order: once every customer is done and nothing waits, nothing new can
            # come to this agent, so an empty hand then is final.
            finished = done.is_set() and engine.queue_status(system, support["id"])["waiting"] == 0
            held = engine.list_agent_stays(a.actor, a.id)
            for stay in held:
                engine.complete(a.actor, stay["id"])
                handled += 1
            if finished and not held:
                break
        return handled

    done = threading.Event()
    with ThreadPoolExecutor(max_workers=THREADS + len(agents)) as pool:
        workers = [pool.submit(agent_loop, a) for a in agents]
        customers = [pool.submit(customer, n) for n in range(THREADS)]
        stay_ids = [s for f in customers for s in f.result()]
        done.set()
        handled = sum(w.result() for w in workers)

    assert len(set(stay_ids)) == THREADS * CHATS_PER_THREAD
    assert handled == THREADS * CHATS_PER_THREAD
    for stay_id in stay_ids:
        assert engine.get_stay(system, stay_id)["state"] == "completed"
    completed = [e for e in engine.events(system, company_id=acme["id"]) if e["type"] == "completed"]
    assert sorted(e["stay_id"] for e in completed) == sorted(stay_ids)  # each exactly once


# Holds the database's write lock from another process until told to let go. (Another
# process, not Python's own sqlite3 module here: two SQLite libraries in one process do not
# see each other's locks.)
HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""


def test_a_call_waiting_for_the_database_lets_other_threads_run(tmp_path, system):
    path = tmp_path / "queue.db"
    engine = cq.Engine(path, busy_timeout=60)
    engine.create_company(system, name="Warm-up")

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    about_to_call = threading.Event()
    result = {}

    def write():
        about_to_call.set()
        try:
            result["company"] = engine.create_company(system, name="Acme")
        except cq.QueueError as e:
            result["error"] = e

    worker = threading.Thread(target=write)
    worker.start()
    about_to_call.wait()
    # The worker now waits inside the engine for the lock. Were the GIL held while it waits,
    # this thread could not release the lock before the busy timeout, and the worker would
    # fail with Storage instead of succeeding.
    holder.communicate("go\n", timeout=120)
    worker.join()
    assert "error" not in result, result.get("error")
    assert result["company"]["name"] == "Acme"
