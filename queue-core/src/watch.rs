//! Watching the event log: learning of every committed event as it is committed, without a
//! polling loop in the host.
//!
//! A store hands out an [`EventFeed`] — its own handle on the event log, independent of the
//! engine, so it can wait on another thread while the engine goes on with commands — and a
//! [`Watch`] turns it into an iterator that delivers each event once, in sequence order,
//! from a point the host chooses ([`Watch::seq`] is where to resume after a restart).
//!
//! The timeouts here are how long the host's thread is willing to wait, in real
//! (monotonic) time: they pace a waiting thread and never reach a decision of the engine,
//! which keeps taking its time from the `Clock`.

use crate::ids::{CompanyId, CompanyUserId};
use crate::model::event::Event;
use crate::Result;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// A store's handle on its event log for a [`Watch`]: reads events after a sequence number
/// and waits for new ones. Independent of the engine (its own connection, or a shared log),
/// so it may wait on another thread.
pub trait EventFeed: Send {
    /// Up to `limit` events after `after_seq` (of `company` only, if given), oldest first,
    /// and the sequence number the read looked through: the last event returned, or when
    /// fewer than `limit` came back, the last event committed at the time of the read.
    fn read(
        &mut self,
        after_seq: u64,
        company: Option<CompanyId>,
        limit: usize,
    ) -> Result<(Vec<Event>, u64)>;

    /// The sequence number of the last event committed (0 for none yet).
    fn last_seq(&mut self) -> Result<u64>;

    /// Waits until an event after `after_seq` has been committed (true) or `timeout` has
    /// passed (false), whichever comes first. Commits of this process wake it at once;
    /// commits of other processes on a shared file within a few milliseconds.
    fn wait(&mut self, after_seq: u64, timeout: Duration) -> Result<bool>;
}

/// How many events a [`Watch`] reads from its feed at a time.
const BATCH: usize = 256;

/// What a [`Watch`] delivers: every event after `after_seq`, of one company or all, or only
/// those about one agent ([`crate::EventKind::company_user_id`]) — an agent desktop's feed.
///
/// `after_seq: None` starts at the end of the log (events committed from now on); a saved
/// [`Watch::seq`] resumes exactly where a previous watch stopped — each event is delivered
/// once, none is skipped, unless retention pruned it meanwhile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WatchQuery {
    /// Only events of this company.
    pub company_id: Option<CompanyId>,
    /// Only events about this agent (of their company): offers to them, their assignments,
    /// completions, presence and wrap-ups, transfers of their work, ratings of it. The
    /// agent may watch their own; admins and up any member of their company.
    pub company_user_id: Option<CompanyUserId>,
    /// Deliver events with a sequence number greater than this; `None`: only new events.
    pub after_seq: Option<u64>,
}

/// Delivers committed events one by one, waiting for new ones: made by
/// [`crate::Engine::watch`].
///
/// As an [`Iterator`] it waits as long as it takes; [`Watch::next_timeout`] waits at most a
/// given time. Events come in sequence order, each once; commits by other engines on the
/// same store (other processes on one SQLite file) are seen too.
///
/// ```
/// # use queue_core::*;
/// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
/// let mut watch = engine.watch(&Actor::System, WatchQuery::default()).unwrap();
/// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
/// let event = watch.next_timeout(std::time::Duration::from_secs(1)).unwrap().unwrap();
/// assert!(matches!(event.kind, EventKind::Record { id, .. } if id == q.id.0));
/// let resume_from = watch.seq(); // store it; WatchQuery { after_seq: Some(resume_from), .. } later
/// assert!(watch.try_next().unwrap().is_none());
/// # let _ = resume_from;
/// ```
pub struct Watch {
    feed: Box<dyn EventFeed>,
    company: Option<CompanyId>,
    agent: Option<CompanyUserId>,
    /// The last event delivered: where to resume.
    delivered: u64,
    /// How far the feed has been read (past other companies' events).
    scanned: u64,
    buffer: VecDeque<Event>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("company", &self.company)
            .field("agent", &self.agent)
            .field("delivered", &self.delivered)
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// A watch reading `feed` from `after` (the sequence number already seen).
    pub fn new(feed: Box<dyn EventFeed>, company: Option<CompanyId>, after: u64) -> Watch {
        Watch {
            feed,
            company,
            agent: None,
            delivered: after,
            scanned: after,
            buffer: VecDeque::new(),
        }
    }

    /// The same watch delivering only the events about `agent` (who must be of the watched
    /// company: the caller checks access).
    pub fn about(mut self, agent: CompanyUserId) -> Watch {
        self.agent = Some(agent);
        self
    }

    /// The sequence number of the last event delivered (or the starting point): pass it as
    /// [`WatchQuery::after_seq`] to resume after a restart.
    pub fn seq(&self) -> u64 {
        self.delivered
    }

    /// The next event if one is already committed, without waiting.
    pub fn try_next(&mut self) -> Result<Option<Event>> {
        if self.buffer.is_empty() {
            self.fill()?;
        }
        Ok(self.pop())
    }

    /// The next event, waiting at most `timeout` for one to be committed; `None` if none came.
    pub fn next_timeout(&mut self, timeout: Duration) -> Result<Option<Event>> {
        Ok(if self.ready(timeout)? {
            self.pop()
        } else {
            None
        })
    }

    /// Waits at most `timeout` until an event is there to deliver, without taking it: true
    /// when the next [`Watch::try_next`] will return one. For hosts whose waiting may be
    /// abandoned midway (a cancelled task): nothing is lost by giving up on a wait.
    pub fn ready(&mut self, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            if !self.buffer.is_empty() {
                return Ok(true);
            }
            self.fill()?;
            if !self.buffer.is_empty() {
                return Ok(true);
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::MAX,
            };
            if left.is_zero() || !self.feed.wait(self.scanned, left)? {
                return Ok(false);
            }
        }
    }

    fn fill(&mut self) -> Result<()> {
        let (events, scanned) = self.feed.read(self.scanned, self.company, BATCH)?;
        self.scanned = self.scanned.max(scanned);
        let agent = self.agent;
        self.buffer.extend(events.into_iter().filter(|e| {
            e.seq > self.delivered && (agent.is_none() || e.kind.company_user_id() == agent)
        }));
        Ok(())
    }

    fn pop(&mut self) -> Option<Event> {
        let e = self.buffer.pop_front()?;
        self.delivered = e.seq;
        Some(e)
    }
}

impl Iterator for Watch {
    type Item = Result<Event>;

    /// Waits for the next event as long as it takes; `Some(Err(_))` if the store failed.
    fn next(&mut self) -> Option<Result<Event>> {
        loop {
            match self.next_timeout(Duration::from_secs(3600)) {
                Ok(Some(e)) => return Some(Ok(e)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
