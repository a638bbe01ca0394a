"""Shared fixtures: a manual clock on a Monday morning, an engine on it, and a small company."""

import datetime as dt
from dataclasses import dataclass

import pytest

import connectnow_queue as cq

UTC = dt.timezone.utc
MONDAY_9AM = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> cq.ManualClock:
    return cq.ManualClock(MONDAY_9AM)


@pytest.fixture
def engine(clock: cq.ManualClock) -> cq.Engine:
    return cq.Engine(clock=clock, seed=1)


@pytest.fixture
def system() -> cq.Actor:
    return cq.Actor.system()


@dataclass
class Agent:
    """A user with a membership in the company and an actor to act as them."""

    user: dict
    member: dict
    actor: cq.Actor

    @property
    def id(self) -> str:
        return self.member["id"]


def add_agent(engine: cq.Engine, company: dict, username: str, **membership) -> Agent:
    """Registers a user, makes them a member of `company`, and logs them in with a token."""
    system = cq.Actor.system()
    user = engine.create_user(
        system,
        username=username,
        firstname=username.capitalize(),
        lastname="Agent",
        email=f"{username}@example.org",
    )
    member = engine.create_company_user(
        system, company_id=company["id"], user_id=user["id"], **membership
    )
    token = engine.issue_token(system, user["id"], "laptop")
    return Agent(user, member, engine.authenticate(token["secret"]))


@dataclass
class World:
    """Acme with a support queue staffed by Ann (tier 1) and Bob (tier 2)."""

    company: dict
    support: dict
    ann: Agent
    bob: Agent


@pytest.fixture
def world(engine: cq.Engine, system: cq.Actor) -> World:
    acme = engine.create_company(system, name="Acme", time_zone="Europe/Amsterdam")
    support = engine.create_queue(
        system, company_id=acme["id"], name="support", offer_timeout=20, priority_delay=60
    )
    ann = add_agent(engine, acme, "ann")
    bob = add_agent(engine, acme, "bob")
    engine.assign_operator(system, support["id"], ann.id, 1)
    engine.assign_operator(system, support["id"], bob.id, tier=2)
    return World(acme, support, ann, bob)
