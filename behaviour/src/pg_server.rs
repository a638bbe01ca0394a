//! A PostgreSQL server of a test's own, which the test may stop and start again: for what
//! the shared server at `QUEUE_POSTGRES_URL` must never go through (an outage mid-run).
//!
//! It does what `.ci/postgres.sh` does: `initdb` into a temporary directory (owned by the
//! `postgres` user when we are root, since the server refuses to run as root), trust
//! authentication, 127.0.0.1 on a free port. Unlike the CI server it keeps `fsync` on: an
//! outage test should see what a real server keeps.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running (or stopped) server in a temporary directory, removed on drop.
#[derive(Debug)]
pub struct PgServer {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

/// The directory of `initdb` and `pg_ctl`, if this machine has a PostgreSQL server.
fn server_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Runs `program` with `args` as the `postgres` user when we are root; its output on failure.
fn run_as_postgres(program: &Path, args: &[&str]) -> Result<(), String> {
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    let out = cmd
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

impl PgServer {
    /// Creates and starts a server. `Ok(None)` when this machine has no PostgreSQL server
    /// (a printed notice; under `CI` that is an error instead, so CI never skips silently).
    pub fn start() -> Result<Option<PgServer>, String> {
        let Some(bin) = server_bin() else {
            if std::env::var_os("CI").is_some() {
                return Err("CI: no PostgreSQL server on this machine (initdb)".into());
            }
            eprintln!("note: no PostgreSQL server (initdb) here: the outage test is skipped");
            return Ok(None);
        };
        let dir = tempfile::Builder::new()
            .prefix("cnq-pg-own.")
            .tempdir()
            .map_err(|e| e.to_string())?;
        if is_root() {
            let status = Command::new("chown")
                .arg("postgres:")
                .arg(dir.path())
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() {
                return Err("chown postgres: of the server directory failed".into());
            }
        }
        let data = dir.path().join("data");
        let data = data.to_str().ok_or("a temporary path that is not UTF-8")?;
        run_as_postgres(
            &bin.join("initdb"),
            &[
                "-D",
                data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        )?;
        let server = PgServer {
            bin,
            port: free_port()?,
            dir,
        };
        server.resume()?;
        Ok(Some(server))
    }

    /// The server's URL.
    pub fn url(&self) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`): connections
    /// are cut, transactions in flight are lost, and the next start recovers from the WAL.
    pub fn stop(&self) -> Result<(), String> {
        let data = self.data();
        run_as_postgres(
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "immediate", "-w", "stop"],
        )
    }

    /// Starts the (stopped) server again, on the same port, and waits until it accepts
    /// connections.
    pub fn resume(&self) -> Result<(), String> {
        let data = self.data();
        let log = self.dir.path().join("server.log").display().to_string();
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c max_connections=50",
            self.port,
            self.dir.path().display()
        );
        run_as_postgres(
            &self.bin.join("pg_ctl"),
            &[
                "-D", &data, "-l", &log, "-w", "-t", "60", "-o", &opts, "start",
            ],
        )
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
