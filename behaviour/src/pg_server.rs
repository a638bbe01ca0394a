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
    /// Extra `-c` settings of the server (TLS).
    settings: String,
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
        PgServer::start_with(false)
    }

    /// Like [`PgServer::start`], serving TLS with a certificate for 127.0.0.1 signed by a
    /// certificate authority of its own, made for it ([`PgServer::root_cert`]) with the
    /// `openssl` command.
    pub fn start_tls() -> Result<Option<PgServer>, String> {
        PgServer::start_with(true)
    }

    /// The PEM file of the authority that signed the server's certificate (TLS servers).
    pub fn root_cert(&self) -> PathBuf {
        self.dir.path().join("root.crt")
    }

    fn start_with(tls: bool) -> Result<Option<PgServer>, String> {
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
        let mut settings = String::new();
        if tls {
            make_certificates(dir.path())?;
            let d = dir.path().display();
            settings = format!(
                " -c ssl=on -c ssl_cert_file={d}/server.crt -c ssl_key_file={d}/server.key"
            );
        }
        let server = PgServer {
            bin,
            port: free_port()?,
            dir,
            settings,
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
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c max_connections=50{}",
            self.port,
            self.dir.path().display(),
            self.settings
        );
        run_as_postgres(
            &self.bin.join("pg_ctl"),
            &[
                "-D", &data, "-l", &log, "-w", "-t", "60", "-o", &opts, "start",
            ],
        )
    }
}

/// A certificate authority (`root.crt`) and a server certificate for 127.0.0.1 signed by it
/// (`server.crt`, `server.key`, the key readable by the server's user only), in `dir`.
fn make_certificates(dir: &Path) -> Result<(), String> {
    let script = r#"set -e
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=cnq-test-root \
  -keyout root.key -out root.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
  -keyout server.key -out server.csr 2>/dev/null
printf 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' > server.ext
openssl x509 -req -in server.csr -CA root.crt -CAkey root.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.crt 2>/dev/null
chmod 600 server.key
if [ "$(id -u)" = 0 ]; then chown postgres: server.key server.crt; fi
"#;
    let out = Command::new("bash")
        .args(["-c", script])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("openssl: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "making test certificates: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
