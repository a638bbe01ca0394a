//! `Actor`: who a call is made for — the host (system), an authenticated user, or nobody.

use crate::convert;
use crate::js::Js;
use napi::bindgen_prelude::{Env, Unknown};
use napi::JsValue;
use napi_derive::napi;
use queue_core::UserId;

/// Who a call acts for. `Actor.system()` is the trusted host; `engine.authenticate(token)`
/// returns a user's actor. Calls also accept plain `{ type: 'user', userId }` objects.
#[napi]
pub struct Actor {
    inner: queue_core::Actor,
}

impl Actor {
    pub(crate) fn from_core(inner: queue_core::Actor) -> Self {
        Actor { inner }
    }
}

#[napi]
impl Actor {
    /// The host application itself, trusted with everything.
    #[napi(factory)]
    pub fn system() -> Self {
        Actor::from_core(queue_core::Actor::System)
    }

    /// Nobody: every call made for it throws `ERR_UNAUTHENTICATED`.
    #[napi(factory)]
    pub fn anonymous() -> Self {
        Actor::from_core(queue_core::Actor::Anonymous)
    }

    /// The user with this id, trusted as authenticated (the host vouches for them).
    #[napi(factory, ts_args_type = "userId: string")]
    pub fn user(env: &Env, user_id: Unknown<'_>) -> napi::Result<Self> {
        let js = Js { env: env.raw() };
        let id: UserId =
            convert::id(js, user_id.value().value, "userId").map_err(|f| f.into_napi(js))?;
        Ok(Actor::from_core(queue_core::Actor::User(id)))
    }

    /// `'system'`, `'user'` or `'anonymous'`.
    #[napi(
        getter,
        js_name = "type",
        ts_return_type = "'system' | 'user' | 'anonymous'"
    )]
    pub fn kind(&self) -> &'static str {
        match self.inner {
            queue_core::Actor::System => "system",
            queue_core::Actor::User(_) => "user",
            _ => "anonymous",
        }
    }

    /// The user's id, for a user actor.
    #[napi(getter, ts_return_type = "string | undefined")]
    pub fn user_id(&self) -> Option<String> {
        match self.inner {
            queue_core::Actor::User(id) => Some(id.to_string()),
            _ => None,
        }
    }

    /// The plain form `{ type, userId? }`, as results show actors.
    #[napi(js_name = "toJSON", ts_return_type = "ActorValue")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let r = convert::to_value(self.inner)
            .map(crate::task::Out::Json)
            .map_err(crate::fault::Fault::Core);
        crate::task::settle(env, r)
    }
}
