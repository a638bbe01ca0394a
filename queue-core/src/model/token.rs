//! Personal access tokens: issued once, stored only as a SHA-256 hash, revocable.

use crate::ids::{TokenId, UserId};
use crate::{Error, Result};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Prefix of every token, so leaked tokens are easy to recognise in logs and scanners.
pub(crate) const TOKEN_PREFIX: &str = "cnq_";

/// A personal access token: its label and life, never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    /// Identifier.
    pub id: TokenId,
    /// Whose token it is.
    pub user_id: UserId,
    /// A label the user chose (`"laptop"`, `"ci"`).
    pub name: String,
    /// When it was issued.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
    /// When it was revoked; a revoked token authenticates nobody.
    #[serde(serialize_with = "crate::instant::option")]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The hash a token is recognised by, a record of its own so no token read can return it.
///
/// Tokens carry 256 random bits, so a fast hash is enough to make the stored value useless to
/// a thief; a slow password hash would only slow every authenticated call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenHash {
    /// The token.
    pub token_id: TokenId,
    /// Hex SHA-256 of the secret.
    pub(crate) hash: String,
}

/// A freshly issued token: the only time its secret is visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedToken {
    /// The stored part.
    pub token: AccessToken,
    /// The bearer secret to hand to the user; it cannot be recovered later.
    pub secret: String,
}

pub(crate) fn hash_token(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::storage(format!("no randomness for a token: {e}")))?;
    Ok(format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}
