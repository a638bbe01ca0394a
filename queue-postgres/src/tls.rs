//! How a node reaches the server: the connection settings, and TLS when the URL asks for it.
//!
//! TLS is rustls (no system library to install), with the server's certificate always
//! verified — as libpq's `sslmode=verify-full` — against Mozilla's roots (`webpki-roots`) or
//! the PEM file [`crate::PostgresOptions::tls_root_cert`] names. A URL with
//! `sslmode=require` insists on TLS; `sslmode=prefer` uses it when the server offers it; a
//! URL without `sslmode` (or `sslmode=disable`) connects in plain TCP, as before: libpq
//! would prefer TLS there, but then a local server with a self-signed certificate (Debian's
//! default) would fail verification for everyone who never asked for TLS.

use crate::options::PostgresOptions;
use postgres::config::SslMode;
use queue_core::{Error, Result};
use std::str::FromStr;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The server to connect to, and how.
#[derive(Clone)]
pub(crate) struct Server {
    pub(crate) pg: postgres::Config,
    /// `None`: plain TCP.
    pub(crate) tls: Option<MakeRustlsConnect>,
}

/// The server `url` names, with TLS set up as its `sslmode` and `options` ask.
pub(crate) fn server(url: &str, options: &PostgresOptions) -> Result<Server> {
    let mut pg = postgres::Config::from_str(url).map_err(|e| {
        Error::invalid(
            "url",
            format!("not a PostgreSQL connection string ({e}); expected postgresql://user@host/db"),
        )
    })?;
    let asked = url.to_ascii_lowercase().contains("sslmode");
    if !asked || pg.get_ssl_mode() == SslMode::Disable {
        if options.tls_root_cert.is_some() {
            return Err(Error::invalid(
                "tls_root_cert",
                "given, but the URL does not ask for TLS (add sslmode=require)",
            ));
        }
        pg.ssl_mode(SslMode::Disable);
        return Ok(Server { pg, tls: None });
    }
    let tls = Some(MakeRustlsConnect::new(client_config(options)?));
    Ok(Server { pg, tls })
}

fn client_config(options: &PostgresOptions) -> Result<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    match &options.tls_root_cert {
        Some(path) => {
            let bad = |why: String| Error::invalid("tls_root_cert", why);
            let pem = std::fs::read(path)
                .map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
            let mut found = 0;
            for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                let cert = cert.map_err(|e| bad(format!("{}: {e}", path.display())))?;
                roots
                    .add(cert)
                    .map_err(|e| bad(format!("{}: {e}", path.display())))?;
                found += 1;
            }
            if found == 0 {
                return Err(bad(format!("{} holds no PEM certificate", path.display())));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    // The provider named, never the process default: that one is unset (or another
    // crate's) in a host application, and asking for it could panic. ring rather than
    // aws-lc-rs (which rustls now recommends, for post-quantum key exchange): aws-lc is a
    // large C/CMake build in every binding; classic key exchange is what servers offer.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::storage(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
