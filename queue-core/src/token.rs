//! Personal access tokens: issued once, stored only as a SHA-256 hash, revocable.

use crate::auth::{require_same_user, Actor};
use crate::engine::Engine;
use crate::event::Op;
use crate::ids::{TokenId, UserId};
use crate::record::Kind;
use crate::validate;
use crate::{Error, Result};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Prefix of every token, so leaked tokens are easy to recognise in logs and scanners.
const TOKEN_PREFIX: &str = "cnq_";

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
    pub created_at: DateTime<Utc>,
    /// When it was revoked; a revoked token authenticates nobody.
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

fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::storage(format!("no randomness for a token: {e}")))?;
    Ok(format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

impl Engine {
    /// Issues a personal access token for `user_id` (the user themselves or the system).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let mut engine = Engine::in_memory_default();
    /// # let ann = engine.create_user(&Actor::System, NewUser { username: "ann".into(),
    /// #   firstname: "Ann".into(), lastname: "Smit".into(), email: "ann@example.org".into(),
    /// #   ..Default::default() }).unwrap();
    /// let issued = engine.issue_token(&Actor::System, ann.id, "laptop").unwrap();
    /// assert_eq!(engine.authenticate(&issued.secret).unwrap(), Actor::User(ann.id));
    /// engine.revoke_token(&Actor::User(ann.id), issued.token.id).unwrap();
    /// assert!(engine.authenticate(&issued.secret).is_err());
    /// ```
    pub fn issue_token(
        &mut self,
        actor: &Actor,
        user_id: UserId,
        name: &str,
    ) -> Result<IssuedToken> {
        validate::text("name", name, 1, 100)?;
        let secret = new_secret()?;
        self.write(actor, |tx| {
            tx.state.visible_user(&tx.actor, user_id)?;
            require_same_user(&tx.actor, user_id, "manage another user's tokens")?;
            let token = AccessToken {
                id: TokenId(tx.new_id()),
                user_id,
                name: name.to_string(),
                created_at: tx.now,
                revoked_at: None,
            };
            tx.put(TokenHash {
                token_id: token.id,
                hash: hash_token(&secret),
            });
            tx.put(token.clone());
            tx.log(Op::Created, Kind::AccessToken, token.id.0, None);
            Ok(IssuedToken { token, secret })
        })
    }

    /// Lists a user's tokens (without secrets), newest last.
    pub fn list_tokens(&mut self, actor: &Actor, user_id: UserId) -> Result<Vec<AccessToken>> {
        self.read(|s| {
            s.visible_user(actor, user_id)?;
            require_same_user(actor, user_id, "manage another user's tokens")?;
            Ok(s.tokens
                .values()
                .filter(|t| t.user_id == user_id)
                .cloned()
                .collect())
        })
    }

    /// Revokes a token; later calls with it are unauthenticated. Revoking twice is a no-op.
    pub fn revoke_token(&mut self, actor: &Actor, id: TokenId) -> Result<AccessToken> {
        self.write(actor, |tx| {
            tx.state.authenticated(&tx.actor)?;
            let mut token = tx
                .state
                .tokens
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("access_token", id))?;
            if require_same_user(&tx.actor, token.user_id, "revoke a token").is_err() {
                return Err(Error::not_found("access_token", id));
            }
            if token.revoked_at.is_none() {
                token.revoked_at = Some(tx.now);
                tx.put(token.clone());
                tx.log(Op::Updated, Kind::AccessToken, id.0, None);
            }
            Ok(token)
        })
    }

    /// Turns a bearer token into the actor it authenticates, or [`Error::Unauthenticated`].
    pub fn authenticate(&mut self, secret: &str) -> Result<Actor> {
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
            return Err(Error::Unauthenticated);
        }
        let hash = hash_token(secret);
        self.read(|s| {
            let id = s
                .idx
                .token_by_hash
                .get(&hash)
                .ok_or(Error::Unauthenticated)?;
            let token = s.tokens.get(id).ok_or(Error::Unauthenticated)?;
            if token.revoked_at.is_some() || !s.users.contains_key(&token.user_id) {
                return Err(Error::Unauthenticated);
            }
            Ok(Actor::User(token.user_id))
        })
    }
}
