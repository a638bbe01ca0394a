//! The commands an input decodes into, and the values they carry: chosen the way trouble
//! comes (instants at both ends of the calendar, huge steps, empty and long text).

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, Utc};
use queue_core::clock::{EARLIEST, LATEST};
use queue_core::{Role, Show, Strategy};

/// An instant, chosen the way trouble comes: near now, or at the ends of the calendar.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum When {
    Now,
    Offset(i32),
    Earliest,
    Latest,
    ChronoMin,
    ChronoMax,
    Timestamp(i64),
}

/// A clock step.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Step {
    Seconds(u16),
    Millis(u32),
    Days(u16),
    Huge(i64),
    Max,
}

/// Text: short and ordinary, empty, long, or arbitrary.
#[derive(Arbitrary, Debug, Clone)]
pub enum Text {
    Name(u8),
    Empty,
    Long(u16),
    Raw(String),
}

impl Text {
    pub(crate) fn get(&self) -> String {
        match self {
            Text::Name(n) => format!("name{n}"),
            Text::Empty => String::new(),
            Text::Long(n) => "x".repeat(usize::from(*n) % 5000),
            Text::Raw(s) => s.clone(),
        }
    }
}

/// Who a command acts for.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Who {
    System,
    Anonymous,
    /// The user of the n-th agent made so far.
    Agent(u8),
    Unknown,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ShowPick {
    Chat,
    Available,
    Dnd,
    Away,
    Xa,
    Unavailable,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum StrategyPick {
    LongestIdle,
    LeastOccupied,
    RoundRobin,
    MostSkilled,
    RingAll,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RolePick {
    Agent,
    Supervisor,
    Admin,
    Owner,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Zone {
    Utc,
    Amsterdam,
    Kiritimati,
    Samoa,
    Bad,
}

/// One command. Indices (`u8`) pick among the things made so far; past the end they name
/// an unknown id.
#[derive(Arbitrary, Debug, Clone)]
pub enum Cmd {
    Advance(Step),
    SetClock(When),
    CreateCompany {
        zone: Zone,
        capacity: u32,
        pick: bool,
        name: Text,
        missed: u8,
    },
    UpdateCompany {
        company: u8,
        capacity: Option<u32>,
        zone: Option<Zone>,
    },
    DeleteCompany(u8),
    CreateAgent {
        company: u8,
        role: RolePick,
        capacity: Option<u32>,
        pick: Option<bool>,
        name: Text,
    },
    UpdateAgent {
        agent: u8,
        active: Option<bool>,
        capacity: Option<u32>,
        auto: Option<bool>,
        role: Option<RolePick>,
    },
    DeleteAgent(u8),
    Presence(u8, ShowPick),
    Lock(u8, ShowPick),
    Unlock(u8),
    CreateStatus(u8, Text, ShowPick),
    RenameStatus(u8, Text),
    DeleteStatus(u8),
    /// An agent's presence set to a status, with or without a show beside it.
    SetStatus(u8, u8, Option<ShowPick>),
    LockStatus(u8, u8),
    EndWrapUp(u8),
    CreateQueue {
        company: u8,
        name: Text,
        delay: Option<u32>,
        timeout: Option<u32>,
        strategy: StrategyPick,
        personal: Option<u8>,
        active: bool,
    },
    UpdateQueue {
        queue: u8,
        delay: Option<Option<u32>>,
        timeout: Option<Option<u32>>,
        active: Option<bool>,
        strategy: Option<StrategyPick>,
        name: Option<Text>,
        wrap_up: Option<u16>,
        max_waiting: Option<Option<u8>>,
        max_wait: Option<Option<u16>>,
        overflow: Option<Option<u8>>,
    },
    DeleteQueue(u8),
    Staff {
        queue: u8,
        agent: u8,
        tier: u8,
    },
    Restaff {
        queue: u8,
        agent: u8,
        enabled: Option<bool>,
        tier: Option<u8>,
    },
    Unstaff {
        queue: u8,
        agent: u8,
    },
    CreateSkill(u8, Text),
    DeleteSkill(u8),
    AgentSkill {
        agent: u8,
        skill: u8,
        level: u8,
    },
    QueueSkill {
        queue: u8,
        skill: u8,
        level: u8,
    },
    SetHours {
        company: u8,
        queue: Option<u8>,
        intervals: Vec<(u8, u32, u32)>,
    },
    ClearHours {
        company: u8,
        queue: Option<u8>,
    },
    Closure {
        company: u8,
        queue: Option<u8>,
        from: When,
        to: When,
    },
    DeleteClosure(u8),
    Enqueue {
        queue: u8,
        priority: i32,
        skills: Vec<(u8, u8)>,
        name: Text,
    },
    EnqueueAgain {
        object: u8,
        queue: u8,
    },
    Accept(u8),
    Reject(u8),
    Complete(u8),
    Abandon(u8),
    Transfer {
        stay: u8,
        queue: u8,
    },
    Pick {
        agent: u8,
        stay: u8,
    },
    Priority {
        object: u8,
        priority: i32,
    },
    Rate {
        object: u8,
        score: u8,
    },
    Note(u8, Text),
    Explain(u8),
    Stats {
        company: u8,
        from: When,
        to: When,
        threshold: u32,
    },
    Waiting {
        queue: u8,
        limit: u16,
        page: Option<Text>,
    },
    IsOpen(u8, When),
    Team {
        company: u8,
        name: Text,
        members: Vec<u8>,
    },
    TeamPresence {
        team: u8,
        key: Option<Text>,
        limit: Option<u16>,
    },
    Events {
        company: Option<u8>,
        from: Option<When>,
        limit: Option<u16>,
    },
    Reload,
    /// The command, acted for someone else than the system.
    As(Who, Box<Cmd>),
}

pub(crate) fn instant(w: When, now: DateTime<Utc>) -> DateTime<Utc> {
    match w {
        When::Now => now,
        When::Offset(s) => now
            .checked_add_signed(Duration::seconds(i64::from(s)))
            .unwrap_or(now),
        When::Earliest => EARLIEST,
        When::Latest => LATEST,
        When::ChronoMin => DateTime::<Utc>::MIN_UTC,
        When::ChronoMax => DateTime::<Utc>::MAX_UTC,
        When::Timestamp(t) => DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MAX_UTC),
    }
}

pub(crate) fn show(s: ShowPick) -> Show {
    match s {
        ShowPick::Chat => Show::Chat,
        ShowPick::Available => Show::Available,
        ShowPick::Dnd => Show::Dnd,
        ShowPick::Away => Show::Away,
        ShowPick::Xa => Show::Xa,
        ShowPick::Unavailable => Show::Unavailable,
    }
}

pub(crate) fn strategy(s: StrategyPick) -> Strategy {
    match s {
        StrategyPick::LongestIdle => Strategy::LongestIdle,
        StrategyPick::RingAll => Strategy::RingAll,
        StrategyPick::LeastOccupied => Strategy::LeastOccupied,
        StrategyPick::RoundRobin => Strategy::RoundRobin,
        StrategyPick::MostSkilled => Strategy::MostSkilled,
    }
}

pub(crate) fn role(r: RolePick) -> Role {
    match r {
        RolePick::Agent => Role::Agent,
        RolePick::Supervisor => Role::Supervisor,
        RolePick::Admin => Role::Admin,
        RolePick::Owner => Role::Owner,
    }
}

pub(crate) fn zone(z: Zone) -> String {
    match z {
        Zone::Utc => "UTC",
        Zone::Amsterdam => "Europe/Amsterdam",
        Zone::Kiritimati => "Pacific/Kiritimati",
        Zone::Samoa => "Pacific/Apia",
        Zone::Bad => "Mars/Olympus",
    }
    .to_owned()
}
