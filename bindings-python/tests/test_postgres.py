"""PostgreSQL: `Engine("postgresql://…")` is a node of a queue several processes share. The
tests run on the server `QUEUE_POSTGRES_URL` names (`bash .ci/run` starts a throwaway one),
each in a schema of its own; without it they are skipped."""

import datetime as dt
import os
import secrets

import pytest

import connectnow_queue as cq
from conftest import add_agent

URL = os.environ.get("QUEUE_POSTGRES_URL", "").strip()
pytestmark = pytest.mark.skipif(
    not URL, reason="QUEUE_POSTGRES_URL is not set (bash .ci/run starts a server and sets it)"
)


@pytest.fixture
def schema() -> str:
    return f"cnq_pytest_{secrets.token_hex(6)}"


def test_two_nodes_share_one_queue_and_a_chat_goes_to_one_agent(clock, system, schema):
    first = cq.Engine(URL, clock=clock, seed=1, schema=schema)
    second = cq.Engine(URL, clock=clock, seed=2, schema=schema, busy_timeout=10)
    acme = first.create_company(system, name="Acme")
    support = first.create_queue(system, company_id=acme["id"], name="support")
    ann = add_agent(first, acme, "ann")
    first.assign_operator(system, support["id"], ann.id)
    # The second node sees the first one's commits, and routes on them.
    assert second.get_company(system, acme["id"])["name"] == "Acme"
    second.set_presence(system, ann.id, show="available")
    stay = first.enqueue_new(system, support["id"], company_id=acme["id"], name="Visitor")
    assert first.get_stay(system, stay["id"])["assigned_to"] == ann.id
    assert second.get_stay(system, stay["id"])["assigned_to"] == ann.id
    assert [s["id"] for s in second.list_agent_stays(system, ann.id)] == [stay["id"]]


def test_a_node_opened_again_finds_everything(clock, system, schema):
    with cq.Engine(URL, clock=clock, seed=1, schema=schema) as engine:
        acme = engine.create_company(system, name="Acme")
        support = engine.create_queue(system, company_id=acme["id"], name="support")
        waiting = engine.enqueue_new(system, support["id"], company_id=acme["id"], name="V")
    clock.advance(dt.timedelta(minutes=1))
    engine = cq.Engine(URL, clock=clock, seed=2, schema=schema, retention=dt.timedelta(days=30))
    assert [s["id"] for s in engine.list_waiting(system, support["id"])] == [waiting["id"]]
    assert engine.routing_index_sizes() == (1, 0)


def test_repr_never_shows_a_password(schema):
    url = URL.replace("postgresql://postgres@", "postgresql://postgres:hunter2@", 1)
    engine = cq.Engine(url, schema=schema)
    assert "hunter2" not in repr(engine)
    assert repr(engine).startswith("Engine(postgresql://")


def test_options_of_the_other_store_are_refused(tmp_path, schema):
    with pytest.raises(ValueError, match="synchronous is an SQLite option"):
        cq.Engine(URL, synchronous="full", schema=schema)
    with pytest.raises(ValueError, match="are PostgreSQL options"):
        cq.Engine(tmp_path / "q.db", schema=schema)
    with pytest.raises(ValueError, match="are PostgreSQL options"):
        cq.Engine(tmp_path / "q.db", tls_root_cert=tmp_path / "root.crt")
    assert not (tmp_path / "q.db").exists()
    # A root for TLS on a URL that does not ask for TLS names the field.
    with pytest.raises(cq.InvalidInput) as bad:
        cq.Engine(URL, schema=schema, tls_root_cert=tmp_path / "root.crt")
    assert bad.value.field == "tls_root_cert"
    with pytest.raises(cq.InvalidInput) as bad:
        cq.Engine(URL + "?sslmode=require", schema=schema, tls_root_cert=tmp_path / "none.crt")
    assert bad.value.field == "tls_root_cert"
    with pytest.raises(cq.InvalidInput) as bad:
        cq.Engine(URL, schema="Robert'); DROP TABLE students;--")
    assert bad.value.field == "schema"


def test_an_unreachable_server_is_a_storage_error():
    with pytest.raises(cq.Storage, match="connect to the server"):
        cq.Engine("postgresql://nobody@127.0.0.1:1/none")
