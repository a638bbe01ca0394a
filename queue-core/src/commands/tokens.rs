//! Access tokens: the public commands.

use crate::engine::Engine;
use crate::ids::{TokenId, UserId};
use crate::model::auth::{require_same_user, Actor};
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::model::token::*;
use crate::validate;
use crate::{Error, Result};

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
