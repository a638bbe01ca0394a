//! `connectnow-queue-server --db PATH_OR_URL --listen 127.0.0.1:8080 [--admin-token-file F]`:
//! one engine on an SQLite file (default `queue.db`), `:memory:`, or a `postgresql://` URL,
//! served over HTTP until SIGTERM or Ctrl-C. `--openapi` prints the OpenAPI document.

use queue_core::{Engine, MemoryStore, Store};
use queue_server::{worker, AppState};
use std::process::ExitCode;

struct Args {
    db: String,
    listen: String,
    admin_token_file: Option<String>,
    openapi: bool,
}

const USAGE: &str = "usage: connectnow-queue-server [--db PATH|:memory:|postgresql://…] \
[--listen HOST:PORT] [--admin-token-file FILE] [--openapi]";

fn args() -> Result<Args, String> {
    let mut a = Args {
        db: "queue.db".into(),
        listen: "127.0.0.1:8080".into(),
        admin_token_file: None,
        openapi: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--db" => a.db = value("--db")?,
            "--listen" => a.listen = value("--listen")?,
            "--admin-token-file" => a.admin_token_file = Some(value("--admin-token-file")?),
            "--openapi" => a.openapi = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn store(db: &str) -> queue_core::Result<Box<dyn Store>> {
    Ok(if db == ":memory:" {
        Box::new(MemoryStore::new())
    } else if queue_postgres::is_url(db) {
        Box::new(queue_postgres::PostgresStore::connect(db)?)
    } else {
        Box::new(queue_sqlite::SqliteStore::open(db)?)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if args.openapi {
        print!("{}", queue_server::openapi::json());
        return ExitCode::SUCCESS;
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .init();
    let admin_token = match &args.admin_token_file {
        Some(f) => match std::fs::read_to_string(f) {
            Ok(t) if !t.trim().is_empty() => Some(t.trim().to_owned()),
            Ok(_) => {
                eprintln!("{f}: the admin token file is empty");
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!("cannot read {f}: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let db = args.db.clone();
    let (engine, thread) =
        match worker::start(move || Engine::open(store(&db)?, worker::system_clock())) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("cannot open {}: {e}", queue_postgres::redacted(&args.db));
                return ExitCode::FAILURE;
            }
        };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let state = AppState::new(engine, admin_token);
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.listen).await?;
        tracing::info!(
            listen = %listener.local_addr()?,
            db = %queue_postgres::redacted(&args.db),
            "serving"
        );
        queue_server::serve(listener, state, shutdown_signal()).await
    });
    // Every handle is gone with the server: the engine thread ends after its last command.
    drop(runtime);
    thread.join();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
