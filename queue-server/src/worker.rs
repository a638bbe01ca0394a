//! The engine's own thread: one engine per process, owned by one thread that runs each
//! command it is sent, in arrival order, and ticks when the engine says something is due —
//! so no request ever blocks the async runtime, and time-driven routing (offer timeouts,
//! escalation, wait limits) happens with no request at all.

use queue_core::{Clock, Engine, Error, Result, SystemClock};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce(&mut Engine) + Send>;

/// A handle on the engine thread; cheap to clone, one per request.
#[derive(Clone)]
pub struct EngineHandle {
    jobs: mpsc::Sender<Job>,
}

/// The engine thread itself: joined at shutdown, once every handle is gone and the
/// commands in flight have finished.
pub struct EngineThread {
    thread: Option<JoinHandle<()>>,
}

impl EngineThread {
    /// Waits for the thread to finish its last command and drop the engine (closing the
    /// store). Call after the server stopped taking requests.
    pub fn join(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The longest the thread sleeps without looking at the clock: a host's clock may jump,
/// and `next_due` is recomputed after every command anyway.
const MAX_IDLE: Duration = Duration::from_secs(1);

/// Starts the engine thread on the engine `open` returns (run on that thread, so the store
/// never crosses threads). Fails as opening fails.
pub fn start(
    open: impl FnOnce() -> Result<Engine> + Send + 'static,
) -> Result<(EngineHandle, EngineThread)> {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (ready_tx, ready_rx) = mpsc::channel::<Result<()>>();
    let thread = std::thread::Builder::new()
        .name("queue-engine".into())
        .spawn(move || {
            let mut engine = match open() {
                Ok(e) => {
                    let _ = ready_tx.send(Ok(()));
                    e
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            run(&mut engine, &inbox);
        })
        .map_err(|e| Error::storage(format!("cannot start the engine thread: {e}")))?;
    match ready_rx.recv() {
        Ok(Ok(())) => Ok((
            EngineHandle { jobs },
            EngineThread {
                thread: Some(thread),
            },
        )),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(Error::storage("the engine thread stopped while opening")),
    }
}

fn run(engine: &mut Engine, inbox: &mpsc::Receiver<Job>) {
    let clock = SystemClock;
    loop {
        let wait = match engine.next_due() {
            Some(at) => (at - clock.now()).to_std().unwrap_or(Duration::ZERO),
            None => MAX_IDLE,
        };
        match inbox.recv_timeout(wait.min(MAX_IDLE)) {
            Ok(job) => job(engine),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Err(e) = engine.guarded(|e| e.tick()) {
                    tracing::warn!(error = %e, "tick failed");
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

impl EngineHandle {
    /// Runs `f` on the engine thread and answers with its result. A panic inside is caught
    /// by the engine (`Engine::guarded`) and answered as a storage error.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Engine) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |e: &mut Engine| {
            let _ = tx.send(e.guarded(f));
        });
        self.jobs
            .send(job)
            .map_err(|_| Error::storage("the engine has stopped"))?;
        rx.await
            .map_err(|_| Error::storage("the engine stopped during the command"))?
    }
}

/// The clock the server's engine runs on: the system's.
pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}
