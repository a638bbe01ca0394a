"""ConnectNow Queue for Python: an embeddable contact-centre queue and routing engine.

Every engine method takes the `Actor` it acts for first. Ids are accepted as `uuid.UUID` or
`str` and returned as `str`. Instants are timezone-aware `datetime` in and out (returned in
UTC). Results are plain dicts (and lists of them) with the fields of the Rust structs of the
same name in `queue_core`. Input structs are passed as keyword arguments; unknown keywords
raise `TypeError`, unacceptable values `ValueError` or `InvalidInput` (itself a `ValueError`).
"""

import datetime
import os
import types
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import Any, Literal, final

__version__: str

_Id = uuid.UUID | str
"""An id: a `uuid.UUID` or its string form."""
_Record = dict[str, Any]
"""A result: a dict with the fields of the corresponding `queue_core` struct."""

_Show = Literal["chat", "available", "dnd", "away", "xa", "unavailable"]
_Connection = Literal["online", "offline"]
_Role = Literal["agent", "supervisor", "admin", "owner"]
_Strategy = Literal["longest_idle", "least_occupied", "round_robin", "most_skilled", "ring_all"]
_CompanyWith = Literal["users", "queues"]
_UserWith = Literal["companies", "companies.skills", "companies.queues"]
_Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

class QueueError(Exception):
    """Base of every error the queue reports; raised as itself only for internal errors."""

    status: int
    """The HTTP status of the error kind (401, 403, 404, 422, 409, 500)."""
    code: str
    """A stable machine-readable code, e.g. "ERR_NOT_FOUND"; the same in Rust and Node."""
    field: str | None
    """The offending field, for `InvalidInput`; else None."""
    reason: str | None
    """The rule a `Conflict` names, a stable code such as "queue_closed"; else None."""

class Unauthenticated(QueueError):
    """No valid credentials (401, ERR_UNAUTHENTICATED)."""

class Forbidden(QueueError):
    """The actor's role does not allow the action (403, ERR_FORBIDDEN)."""

class NotFound(QueueError):
    """The resource does not exist, or the actor may not know it exists (404, ERR_NOT_FOUND)."""

class InvalidInput(QueueError, ValueError):
    """A field broke a validation rule (422, ERR_INVALID_INPUT); `field` names it."""

    field: str | None

class Conflict(QueueError):
    """The current state does not allow the operation (409, ERR_CONFLICT); `reason` names the
    rule ("queue_closed", "not_offered", "engine_closed", …; the README lists them all)."""

    reason: str | None

class Storage(QueueError):
    """The store failed; nothing of the operation was applied (500, ERR_STORAGE)."""

@final
class Actor:
    """The identity an engine call acts for."""

    @staticmethod
    def system() -> Actor:
        """The host application itself, trusted with everything."""
    @staticmethod
    def user(user_id: _Id) -> Actor:
        """A user, as `Engine.authenticate` returns it for their token."""
    @staticmethod
    def anonymous() -> Actor:
        """Nobody: every call made for it raises `Unauthenticated`."""
    @property
    def kind(self) -> Literal["system", "user", "anonymous"]: ...
    @property
    def user_id(self) -> str | None: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ManualClock:
    """A clock that moves only when told to; pass it to `Engine(clock=...)`."""

    def __init__(self, start: datetime.datetime | None = None) -> None:
        """A clock standing at `start` (timezone-aware), or at the current time."""
    def now(self) -> datetime.datetime: ...
    def set(self, instant: datetime.datetime) -> None:
        """Moves the clock to `instant` (backwards too)."""
    def advance(self, delta: datetime.timedelta | float) -> None:
        """Moves the clock forward by a timedelta or a number of seconds; a negative step, or
        one past 9999-12-31, raises `InvalidInput` (a `ValueError`)."""

@final
class TeamPresenceIter(Iterator[_Record]):
    """Every row of a team's presence, fetched page by page; see `Engine.iter_team_presence`."""

    def __iter__(self) -> TeamPresenceIter: ...
    def __next__(self) -> _Record: ...

@final
class WaitingIter(Iterator[_Record]):
    """Every stay waiting in a queue, in serving order, fetched page by page; see
    `Engine.iter_waiting`."""

    def __iter__(self) -> WaitingIter: ...
    def __next__(self) -> _Record: ...

@final
class Watch(Iterator[_Record]):
    """Committed events one by one as they come; see `Engine.watch`. Iteration waits for
    each event and stops when the watch's `timeout` passes without one (never without)."""

    @property
    def seq(self) -> int:
        """The sequence number of the last event delivered: pass it as `after_seq` to resume."""
    @property
    def closed(self) -> bool: ...
    def next(self, timeout: datetime.timedelta | float | None = None) -> _Record | None:
        """The next event, waiting at most `timeout` (forever if None); None if none came."""
    def close(self) -> None:
        """Stops watching and releases the watch's handle on the store. Idempotent."""
    def __iter__(self) -> Watch: ...
    def __next__(self) -> _Record: ...
    def __enter__(self) -> Watch: ...
    def __exit__(self, *_exc: object) -> bool: ...

@final
class AsyncWatch(AsyncIterator[_Record]):
    """`Watch` for asyncio; see `Engine.watch_async`. Waiting runs in the event loop's default
    executor; a cancelled wait loses no event."""

    @property
    def seq(self) -> int:
        """The sequence number of the last event delivered: pass it as `after_seq` to resume."""
    async def next(self, timeout: datetime.timedelta | float | None = None) -> _Record | None:
        """The next event, waiting at most `timeout` (forever if None); None if none came."""
    def close(self) -> None: ...
    def __aiter__(self) -> AsyncWatch: ...
    async def __anext__(self) -> _Record: ...
    async def __aenter__(self) -> AsyncWatch: ...
    async def __aexit__(self, *_exc: object) -> bool: ...

@final
class Batch:
    """What `Engine.batch()` returns: `with engine.batch():` runs the block's commands as one
    batch. Entering opens a batch (`begin_batch`) and gives the engine; leaving commits it
    (`commit_batch`, raising if the commit fails) or, when the block raised, undoes all of it
    (`abort_batch`) and lets the exception go on. Entered while a batch is open already, it
    joins that batch: entering and leaving do nothing, and the outer batch commits or undoes
    the block's commands with its own."""

    def __enter__(self) -> Engine: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        _exc_value: BaseException | None = None,
        _traceback: types.TracebackType | None = None,
    ) -> bool: ...

@final
class Engine:
    """An embedded contact-centre queue: companies, agents, queues and the router.

    Safe to share between threads: calls run one at a time, with the GIL released.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        clock: ManualClock | None = None,
        seed: int | None = None,
        synchronous: Literal["normal", "full"] | None = None,
        busy_timeout: datetime.timedelta | float | None = None,
        retention: datetime.timedelta | float | None = None,
        schema: str | None = None,
        tls_root_cert: str | os.PathLike[str] | None = None,
    ) -> None:
        """In memory without `path`; on a PostgreSQL server when `path` is a
        "postgresql://user@host/db" URL (several processes, on several machines, share it);
        else on the SQLite file at `path` (created if missing; ":memory:" for a private SQLite
        database in memory). The system clock unless `clock` is given; `seed` makes ids
        reproducible. `busy_timeout`: seconds to wait for another process's write (SQLite) or
        another node's lock (PostgreSQL); 5 by default. SQLite only: `synchronous` ("normal"
        by default, "full" to fsync every commit). PostgreSQL only: `schema`, the schema of
        the tables (created if missing; default: the connection's search path), and
        `tls_root_cert`, a PEM file of the authorities to trust when the URL asks for TLS
        ("?sslmode=require"; default: Mozilla's roots). `retention`:
        history older than that (engine time) is pruned as commits come, on any store; None
        (the default) keeps everything. An option of the other store raises `ValueError`."""
    def close(self) -> None:
        """Releases the store (the SQLite file). Idempotent; any other call afterwards raises
        `Conflict` with `reason == "engine_closed"`."""
    def reload(self) -> None:
        """Drops the working set and loads it again from the store (after restoring a backup)."""
    def __enter__(self) -> Engine: ...
    def __exit__(self, *_exc: object) -> bool: ...
    # --- time and routing -------------------------------------------------------------------
    def now(self) -> datetime.datetime: ...
    def tick(self) -> None:
        """Processes offer timeouts, escalations and queues opening that are due by now."""
    def next_due(self) -> datetime.datetime | None:
        """When something is next due: when to call `tick()`."""
    def working_set_size(self) -> int:
        """Records held in memory: configuration, presence, live stays and their objects."""
    def routing_index_sizes(self) -> tuple[int, int]:
        """(waiting stays, ready-agent entries) in the routing indexes."""
    def events(
        self,
        actor: Actor,
        *,
        company_id: _Id | None = None,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
        after_seq: int | None = None,
        limit: int | None = None,
    ) -> list[_Record]:
        """Stored domain events, oldest first (system actor, or admins of `company_id`)."""
    def watch(
        self,
        actor: Actor,
        *,
        company_id: _Id | None = None,
        company_user_id: _Id | None = None,
        after_seq: int | None = None,
        timeout: datetime.timedelta | float | None = None,
    ) -> Watch:
        """Every event committed after `after_seq` (from now on if None), of `company_id` or
        all companies, by any engine on the store (other processes on a SQLite file too), as
        it comes. Iteration stops after `timeout` without an event; never without. The
        same access as `events`. With `company_user_id`, only the events about that agent
        (offers to them, their assignments, presence, wrap-ups): the agent themselves, or
        admins and up. A ":memory:" SQLite database cannot be watched (`Storage`)."""
    def watch_async(
        self,
        actor: Actor,
        *,
        company_id: _Id | None = None,
        company_user_id: _Id | None = None,
        after_seq: int | None = None,
        timeout: datetime.timedelta | float | None = None,
    ) -> AsyncWatch:
        """`watch` for asyncio: `async for event in engine.watch_async(actor): ...`."""
    def prune_history(self, actor: Actor, before: datetime.datetime) -> _Record:
        """Removes history older than `before` (ended stays and their notes, objects no stay
        is left for and their ratings, agents' time pieces, events); returns how many of each
        (`stays`, `notes`, `objects`, `ratings`, `intervals`, `events`). Live work is never
        touched; statistics of a pruned window read as empty. The system actor only."""
    # --- batches ----------------------------------------------------------------------------
    def batch(self) -> Batch:
        """`with engine.batch():` — the block's commands as one batch, committed when the block
        ends and undone, all of them, when it raises; see `Batch` and `begin_batch`. Inside an
        open batch it joins that one."""
    def begin_batch(self) -> None:
        """Opens a batch: every command on this engine until `commit_batch` or `abort_batch`,
        from any thread, is applied, routed and answered as usual, but nothing of it is
        written, seen by other engines or by watchers until the batch commits, in one store
        commit. Raises `Conflict` with `reason == "batch_open"` if a batch is open already."""
    def commit_batch(self) -> None:
        """Commits the open batch in one store commit; if that fails none of it happened.
        Does nothing without an open batch."""
    def abort_batch(self) -> None:
        """Undoes every command of the open batch and ends it; does nothing without one."""
    def in_batch(self) -> bool:
        """True while a batch is open."""
    # --- users and tokens -------------------------------------------------------------------
    def create_user(
        self,
        actor: Actor,
        *,
        username: str,
        firstname: str,
        lastname: str,
        email: str,
        telephone: str | None = None,
        language: str | None = None,
        date_format: str | None = None,
    ) -> _Record: ...
    def get_user(
        self, actor: Actor, user_id: _Id, *, with_: Sequence[_UserWith] | _UserWith | None = None
    ) -> _Record: ...
    def find_users(self, actor: Actor, search: str = "", *, limit: int = 100) -> list[_Record]: ...
    def update_user(
        self,
        actor: Actor,
        user_id: _Id,
        *,
        username: str = ...,
        firstname: str = ...,
        lastname: str = ...,
        email: str = ...,
        telephone: str | None = ...,
        language: str = ...,
        date_format: str = ...,
    ) -> _Record: ...
    def delete_user(self, actor: Actor, user_id: _Id) -> None: ...
    def issue_token(self, actor: Actor, user_id: _Id, name: str) -> _Record:
        """`{"token": {...}, "secret": "cnq_..."}`; the secret is shown only here."""
    def list_tokens(self, actor: Actor, user_id: _Id) -> list[_Record]: ...
    def revoke_token(self, actor: Actor, token_id: _Id) -> _Record: ...
    def authenticate(self, token: str) -> Actor:
        """The actor a bearer token authenticates; raises `Unauthenticated` otherwise."""
    # --- companies and members --------------------------------------------------------------
    def create_company(
        self,
        actor: Actor,
        *,
        name: str,
        logo_url: str = "",
        is_public: bool = False,
        time_zone: str = "UTC",
        default_max_number_of_objects_handled: int = 1,
        default_ability_to_pick_from_queue: bool = False,
        max_missed_offers: int = 0,
        owner_user_id: _Id | None = None,
    ) -> _Record: ...
    def get_company(
        self,
        actor: Actor,
        company_id: _Id,
        *,
        with_: Sequence[_CompanyWith] | _CompanyWith | None = None,
    ) -> _Record: ...
    def list_companies(
        self, actor: Actor, *, with_: Sequence[_CompanyWith] | _CompanyWith | None = None
    ) -> list[_Record]: ...
    def update_company(
        self,
        actor: Actor,
        company_id: _Id,
        *,
        name: str = ...,
        logo_url: str = ...,
        is_public: bool = ...,
        time_zone: str = ...,
        default_max_number_of_objects_handled: int = ...,
        default_ability_to_pick_from_queue: bool = ...,
        max_missed_offers: int = ...,
    ) -> _Record: ...
    def delete_company(self, actor: Actor, company_id: _Id) -> None: ...
    def create_company_user(
        self,
        actor: Actor,
        *,
        company_id: _Id,
        user_id: _Id | None = None,
        invited_email: str | None = None,
        role: _Role = "agent",
        is_active: bool = True,
        max_number_of_objects_handled: int = 1,
        is_auto_max_number_handled: bool = True,
        ability_to_pick_from_queue: bool = False,
        is_auto_ability_to_pick_from_queue: bool = True,
    ) -> _Record: ...
    def get_company_user(self, actor: Actor, company_user_id: _Id) -> _Record: ...
    def list_company_users(self, actor: Actor, company_ids: _Id | Sequence[_Id]) -> list[_Record]: ...
    def update_company_user(
        self,
        actor: Actor,
        company_user_id: _Id,
        *,
        role: _Role = ...,
        is_active: bool = ...,
        max_number_of_objects_handled: int = ...,
        is_auto_max_number_handled: bool = ...,
        ability_to_pick_from_queue: bool = ...,
        is_auto_ability_to_pick_from_queue: bool = ...,
    ) -> _Record: ...
    def accept_invitation(self, actor: Actor, company_user_id: _Id) -> _Record: ...
    def delete_company_user(self, actor: Actor, company_user_id: _Id) -> None: ...
    # --- presence and settings --------------------------------------------------------------
    def get_presence(self, actor: Actor, company_user_id: _Id) -> _Record: ...
    def set_presence(
        self,
        actor: Actor,
        company_user_id: _Id,
        *,
        show: _Show = ...,
        status_id: _Id = ...,
        connection: _Connection = ...,
        active_channels: Sequence[str] = ...,
    ) -> _Record:
        """Updates an agent's presence; routes at once when they become ready."""
    def lock_presence(self, actor: Actor, company_user_id: _Id, show: _Show) -> _Record: ...
    def lock_presence_status(
        self, actor: Actor, company_user_id: _Id, status_id: _Id
    ) -> _Record: ...
    def create_presence_status(
        self, actor: Actor, company_id: _Id, name: str, show: _Show
    ) -> _Record: ...
    def get_presence_status(self, actor: Actor, status_id: _Id) -> _Record: ...
    def list_presence_statuses(self, actor: Actor, company_id: _Id) -> list[_Record]: ...
    def rename_presence_status(self, actor: Actor, status_id: _Id, name: str) -> _Record: ...
    def delete_presence_status(self, actor: Actor, status_id: _Id) -> None: ...
    def unlock_presence(self, actor: Actor, company_user_id: _Id) -> _Record: ...
    def end_wrap_up(self, actor: Actor, company_user_id: _Id) -> _Record:
        """Ends an agent's wrap-up early; nothing changes for an agent not wrapping up."""
    def get_agent_settings(self, actor: Actor, company_user_id: _Id) -> _Record: ...
    def update_agent_settings(
        self,
        actor: Actor,
        company_user_id: _Id,
        *,
        notify_on_assignment: bool = ...,
        sound_on_new_message: bool = ...,
        auto_answer_calls: bool = ...,
    ) -> _Record: ...
    def watch_statistic(
        self,
        actor: Actor,
        company_user_id: _Id,
        statistic: str,
        *,
        option: str | None = None,
        secondary_option: str | None = None,
    ) -> _Record: ...
    def unwatch_statistic(
        self,
        actor: Actor,
        company_user_id: _Id,
        statistic: str,
        *,
        option: str | None = None,
        secondary_option: str | None = None,
    ) -> _Record: ...
    # --- teams ------------------------------------------------------------------------------
    def create_team(self, actor: Actor, company_id: _Id, name: str) -> _Record: ...
    def get_team(self, actor: Actor, team_id: _Id) -> _Record: ...
    def list_teams(self, actor: Actor, company_id: _Id) -> list[_Record]: ...
    def delete_team(self, actor: Actor, team_id: _Id) -> None: ...
    def add_team_members(self, actor: Actor, team_id: _Id, agent_ids: _Id | Sequence[_Id]) -> _Record: ...
    def remove_team_members(
        self, actor: Actor, team_id: _Id, agent_ids: _Id | Sequence[_Id]
    ) -> _Record: ...
    def list_team_members(self, actor: Actor, team_id: _Id) -> list[_Record]: ...
    def list_team_presence(
        self,
        actor: Actor,
        team_id: _Id,
        *,
        page_key: str | None = None,
        page_limit: int | None = None,
    ) -> _Record:
        """One page: `{"data": [...], "next_page_key": str | None}`."""
    def iter_team_presence(
        self, actor: Actor, team_id: _Id, *, page_limit: int | None = None
    ) -> TeamPresenceIter:
        """Every row of a team's presence, across all pages."""
    # --- skills -----------------------------------------------------------------------------
    def create_skill(self, actor: Actor, company_id: _Id, name: str) -> _Record: ...
    def get_skill(self, actor: Actor, skill_id: _Id) -> _Record: ...
    def list_skills(self, actor: Actor, company_id: _Id) -> list[_Record]: ...
    def rename_skill(self, actor: Actor, skill_id: _Id, name: str) -> _Record: ...
    def delete_skill(self, actor: Actor, skill_id: _Id) -> None: ...
    def set_agent_skill(
        self, actor: Actor, company_user_id: _Id, skill_id: _Id, level: int
    ) -> _Record: ...
    def remove_agent_skill(self, actor: Actor, company_user_id: _Id, skill_id: _Id) -> None: ...
    def list_agent_skills(self, actor: Actor, company_user_id: _Id) -> list[_Record]: ...
    def set_queue_skill(self, actor: Actor, queue_id: _Id, skill_id: _Id, min_level: int) -> _Record: ...
    def remove_queue_skill(self, actor: Actor, queue_id: _Id, skill_id: _Id) -> None: ...
    def list_queue_skills(self, actor: Actor, queue_id: _Id) -> list[_Record]: ...
    # --- queues and operators ---------------------------------------------------------------
    def create_queue(
        self,
        actor: Actor,
        *,
        company_id: _Id,
        name: str,
        password: str | None = None,
        company_user_id: _Id | None = None,
        priority_delay: int | None = None,
        is_active: bool = True,
        strategy: _Strategy = "longest_idle",
        offer_timeout: int | None = None,
        wrap_up_seconds: int = 0,
        max_waiting: int | None = None,
        max_wait_seconds: int | None = None,
        overflow_queue_id: _Id | None = None,
        skip_empty_tiers: bool = False,
    ) -> _Record: ...
    def get_queue(self, actor: Actor, queue_id: _Id) -> _Record: ...
    def list_queues(self, actor: Actor, company_id: _Id) -> list[_Record]: ...
    def update_queue(
        self,
        actor: Actor,
        queue_id: _Id,
        *,
        name: str = ...,
        password: str | None = ...,
        priority_delay: int | None = ...,
        is_active: bool = ...,
        strategy: _Strategy = ...,
        offer_timeout: int | None = ...,
        wrap_up_seconds: int = ...,
        max_waiting: int | None = ...,
        max_wait_seconds: int | None = ...,
        overflow_queue_id: _Id | None = ...,
        skip_empty_tiers: bool = ...,
    ) -> _Record:
        """Only the fields given change; `None` clears `password`, `priority_delay`,
        `offer_timeout`, `max_waiting`, `max_wait_seconds`, `overflow_queue_id`."""
    def delete_queue(self, actor: Actor, queue_id: _Id) -> None: ...
    def queue_status(self, actor: Actor, queue_id: _Id) -> _Record: ...
    def assign_operator(
        self, actor: Actor, queue_id: _Id, company_user_id: _Id, tier: int = 1
    ) -> _Record: ...
    def update_operator(
        self,
        actor: Actor,
        queue_id: _Id,
        company_user_id: _Id,
        *,
        enabled: bool = ...,
        tier: int = ...,
    ) -> _Record: ...
    def unassign_operator(self, actor: Actor, queue_id: _Id, company_user_id: _Id) -> None: ...
    def list_operators(self, actor: Actor, queue_id: _Id) -> list[_Record]: ...
    def list_assignments(self, actor: Actor, company_user_id: _Id) -> list[_Record]: ...
    # --- hours of operation and closures ----------------------------------------------------
    def set_hours(
        self,
        actor: Actor,
        company_id: _Id,
        intervals: Sequence[Mapping[str, _Weekday | str | datetime.time]],
        *,
        queue_id: _Id | None = None,
    ) -> _Record:
        """`intervals`: `{"weekday": "mon", "opens": time(9), "closes": "17:00"}`, local time."""
    def get_hours(
        self, actor: Actor, company_id: _Id, *, queue_id: _Id | None = None
    ) -> _Record | None: ...
    def clear_hours(self, actor: Actor, company_id: _Id, *, queue_id: _Id | None = None) -> None: ...
    def add_blacklist_hours(
        self,
        actor: Actor,
        queue_id: _Id,
        *,
        starts_at: datetime.datetime,
        ends_at: datetime.datetime,
        reason: str = "",
    ) -> _Record: ...
    def add_common_blacklist_hours(
        self,
        actor: Actor,
        company_id: _Id,
        *,
        starts_at: datetime.datetime,
        ends_at: datetime.datetime,
        reason: str = "",
    ) -> _Record: ...
    def list_blacklist_hours(self, actor: Actor, queue_id: _Id) -> list[_Record]: ...
    def list_common_blacklist_hours(self, actor: Actor, company_id: _Id) -> list[_Record]: ...
    def delete_blacklist_hours(self, actor: Actor, blacklist_id: _Id) -> None: ...
    def is_open(self, actor: Actor, queue_id: _Id, at: datetime.datetime) -> _Record:
        """`{"open": bool, "next_change": datetime | None, "next_open": datetime | None}`."""
    # --- objects and stays ------------------------------------------------------------------
    def create_object(
        self,
        actor: Actor,
        *,
        company_id: _Id,
        name: str,
        channel: str = "chat",
        priority: int = 0,
        required_skills: Sequence[Mapping[str, Any]] = (),
    ) -> _Record: ...
    def get_object(self, actor: Actor, object_id: _Id) -> _Record: ...
    def list_object_stays(self, actor: Actor, object_id: _Id) -> list[_Record]: ...
    def set_object_priority(self, actor: Actor, object_id: _Id, priority: int) -> _Record: ...
    def enqueue(
        self,
        actor: Actor,
        object_id: _Id,
        queue_id: _Id,
        *,
        password: str | None = None,
        preferred_agent_id: _Id | None = None,
        preferred_for_seconds: int | None = None,
    ) -> _Record:
        """Puts an object in a queue and routes at once; returns the stay."""
    def enqueue_new(
        self,
        actor: Actor,
        queue_id: _Id,
        *,
        password: str | None = None,
        preferred_agent_id: _Id | None = None,
        preferred_for_seconds: int | None = None,
        company_id: _Id,
        name: str,
        channel: str = "chat",
        priority: int = 0,
        required_skills: Sequence[Mapping[str, Any]] = (),
    ) -> _Record:
        """Creates an object and puts it in `queue_id` in one step; returns the stay."""
    def get_stay(self, actor: Actor, stay_id: _Id) -> _Record: ...
    def queue_position(self, actor: Actor, stay_id: _Id) -> _Record:
        """`{"position", "ahead", "estimated_wait_seconds"}` of a waiting stay."""
    def list_waiting(self, actor: Actor, queue_id: _Id, *, limit: int = 100) -> list[_Record]:
        """The first `limit` (1–10 000) waiting stays in serving order; `iter_waiting` walks
        the whole line."""
    def list_waiting_page(
        self,
        actor: Actor,
        queue_id: _Id,
        *,
        page_key: str | None = None,
        page_limit: int | None = None,
    ) -> _Record:
        """One page (1–1000 rows, 100 by default): `{"data": [...], "next_page_key": str | None}`."""
    def iter_waiting(
        self, actor: Actor, queue_id: _Id, *, page_limit: int | None = None
    ) -> WaitingIter:
        """Every waiting stay, in serving order, across all pages."""
    def list_agent_stays(self, actor: Actor, company_user_id: _Id) -> list[_Record]: ...
    def accept_offer(self, actor: Actor, stay_id: _Id) -> _Record: ...
    def reject_offer(self, actor: Actor, stay_id: _Id) -> _Record: ...
    def pick(self, actor: Actor, company_user_id: _Id, stay_id: _Id) -> _Record: ...
    def complete(self, actor: Actor, stay_id: _Id) -> _Record: ...
    def transfer(self, actor: Actor, stay_id: _Id, to_queue_id: _Id) -> _Record:
        """Moves a live stay to another queue, keeping its wait; returns the new stay."""
    def abandon(self, actor: Actor, stay_id: _Id) -> _Record: ...
    def eligibility(self, actor: Actor, company_user_id: _Id, stay_id: _Id) -> _Record | None:
        """Why the agent is not eligible right now (`{"reason": ...}`), or None."""
    def explain(self, actor: Actor, object_id: _Id) -> list[_Record]: ...
    # --- notes, ratings and statistics ------------------------------------------------------
    def add_note(self, actor: Actor, stay_id: _Id, text: str) -> _Record: ...
    def list_notes(self, actor: Actor, stay_id: _Id) -> list[_Record]: ...
    def rate(self, actor: Actor, object_id: _Id, score: int, comment: str = "") -> _Record: ...
    def get_rating(self, actor: Actor, object_id: _Id) -> _Record | None: ...
    def queue_stats(
        self,
        actor: Actor,
        company_id: _Id,
        from_: datetime.datetime,
        to: datetime.datetime,
        *,
        service_level_seconds: int | None = None,
    ) -> list[_Record]: ...
    def queue_stats_by_interval(
        self,
        actor: Actor,
        company_id: _Id,
        from_: datetime.datetime,
        to: datetime.datetime,
        *,
        interval_minutes: int = 15,
        service_level_seconds: int | None = None,
    ) -> list[_Record]:
        """One row per queue per interval (`interval_start`, `interval_end` and the fields
        of `queue_stats`), from `from_` up to `to`; `interval_minutes` 1–1440."""
    def agent_stats(
        self,
        actor: Actor,
        company_id: _Id,
        from_: datetime.datetime,
        to: datetime.datetime,
        *,
        service_level_seconds: int | None = None,
    ) -> list[_Record]: ...
