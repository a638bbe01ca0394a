"""ConnectNow Queue from Python: a quick start.

Run it after `pip install ./bindings-python`:

    python examples/python/quickstart.py [path/to/queue.db]

It opens an engine on a SQLite file (a temporary one unless you name it), sets up a company
with two agents, a skill and a queue that escalates, then plays a few minutes of chats on a
manual clock and prints what happened and the statistics.
"""

import datetime as dt
import pathlib
import sys
import tempfile

import connectnow_queue as cq

START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)  # a Monday, 10:00 in Amsterdam


def main(db_path: pathlib.Path) -> None:
    clock = cq.ManualClock(START)
    engine = cq.Engine(db_path, clock=clock)
    system = cq.Actor.system()

    # A company, its agents, a skill, and a support queue: 20 s to accept an offer, and after
    # 60 s of waiting a chat escalates to the second tier.
    acme = engine.create_company(system, name="Acme", time_zone="Europe/Amsterdam")
    dutch = engine.create_skill(system, acme["id"], "dutch")
    support = engine.create_queue(
        system, company_id=acme["id"], name="support", offer_timeout=20, priority_delay=60
    )
    engine.set_queue_skill(system, support["id"], dutch["id"], min_level=3)

    agents = {}
    for tier, name in enumerate(("ann", "bob"), start=1):
        user = engine.create_user(
            system, username=name, firstname=name.title(), lastname="Example", email=f"{name}@example.org"
        )
        member = engine.create_company_user(system, company_id=acme["id"], user_id=user["id"])
        engine.set_agent_skill(system, member["id"], dutch["id"], 5)
        engine.assign_operator(system, support["id"], member["id"], tier=tier)
        token = engine.issue_token(system, user["id"], "laptop")
        agents[name] = (member, engine.authenticate(token["secret"]))
    (ann, ann_actor), (bob, bob_actor) = agents["ann"], agents["bob"]

    def show(stay_id: str) -> str:
        s = engine.get_stay(system, stay_id)
        who = {ann["id"]: "Ann", bob["id"]: "Bob"}.get(s["offered_to"] or s["assigned_to"], "")
        return f"{s['state']} {who}".strip()

    def log(message: str) -> None:
        print(f"{engine.now():%H:%M:%S}  {message}")

    # Only Bob (tier 2) is available: the first chat waits until it escalates to him.
    engine.set_presence(bob_actor, bob["id"], show="available")
    chat = engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor 1")
    log(f"chat 1 arrives: {show(chat['id'])}; next due at {engine.next_due():%H:%M:%S}")
    clock.set(engine.next_due())
    engine.tick()
    log(f"chat 1 escalated to tier 2: {show(chat['id'])}")
    engine.accept_offer(bob_actor, chat["id"])
    log(f"Bob accepts: {show(chat['id'])}")

    # Ann comes online; the next chat goes straight to her.
    clock.advance(30)
    engine.set_presence(ann_actor, ann["id"], show="available")
    chat2 = engine.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor 2")
    log(f"chat 2 arrives: {show(chat2['id'])}")
    engine.accept_offer(ann_actor, chat2["id"])

    clock.advance(dt.timedelta(minutes=4))
    engine.complete(bob_actor, chat["id"])
    engine.complete(ann_actor, chat2["id"])
    log("both chats completed")
    engine.rate(system, chat["object_id"], 4, "fine")
    engine.rate(system, chat2["object_id"], 5, "great")

    # Wrong calls raise typed errors with an HTTP status.
    try:
        engine.delete_queue(ann_actor, support["id"])
    except cq.Forbidden as e:
        log(f"Ann may not delete the queue: {e.status} {e.code}")

    print("\nQueue statistics for the hour:")
    for q in engine.queue_stats(system, acme["id"], START, START + dt.timedelta(hours=1)):
        print(
            f"  support: offered {q['offered']}, answered {q['answered']}, "
            f"average wait {q['average_wait_seconds']:.0f} s, service level {q['service_level']:.0%}, "
            f"rating {q['average_rating']:.1f}"
        )
    print(f"\nStored in {db_path}; {len(engine.events(system))} events in the log.")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(pathlib.Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(pathlib.Path(tmp) / "queue.db")
