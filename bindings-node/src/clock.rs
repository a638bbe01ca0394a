//! `ManualClock`: time that moves only when a test or simulation says so.

use crate::convert;
use crate::fault::Fault;
use crate::js::{Js, Kind};
use napi::bindgen_prelude::{Env, Unknown};
use napi::JsValue;
use napi_derive::napi;
use queue_core::Clock;
use std::sync::Arc;

/// A clock for tests and simulations: it stands still until `advance` or `set` moves it.
/// Pass it as `{ clock }` when opening an engine.
#[napi]
pub struct ManualClock {
    pub(crate) inner: Arc<queue_core::ManualClock>,
}

#[napi]
impl ManualClock {
    /// A clock standing at `start` (default: the current time).
    #[napi(constructor, ts_args_type = "start?: Date")]
    pub fn new(env: &Env, start: Unknown<'_>) -> napi::Result<Self> {
        let js = Js { env: env.raw() };
        let raw = start.value().value;
        let at = match js.kind(raw) {
            Ok(Kind::Undefined) => Ok(chrono::Utc::now()),
            Ok(_) => convert::date(js, raw, "start"),
            Err(f) => Err(f),
        }
        .map_err(|f| f.into_napi(js))?;
        Ok(ManualClock {
            inner: Arc::new(queue_core::ManualClock::new(at)),
        })
    }

    /// The time the clock shows.
    #[napi(ts_return_type = "Date")]
    pub fn now<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let js = Js { env: env.raw() };
        js.date(self.inner.now().timestamp_millis() as f64)
            .map(|raw| unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
            .map_err(|f| f.into_napi(js))
    }

    /// Moves the clock to `to` (backwards too; an engine never goes back in its own history).
    #[napi(ts_args_type = "to: Date")]
    pub fn set(&self, env: &Env, to: Unknown<'_>) -> napi::Result<()> {
        let js = Js { env: env.raw() };
        let at = convert::date(js, to.value().value, "to").map_err(|f| f.into_napi(js))?;
        self.inner.set(at);
        Ok(())
    }

    /// Moves the clock forward by `milliseconds`.
    #[napi(ts_args_type = "milliseconds: number")]
    pub fn advance(&self, env: &Env, milliseconds: Unknown<'_>) -> napi::Result<()> {
        let js = Js { env: env.raw() };
        let ms = convert::int::<i64>(js, milliseconds.value().value, "milliseconds")
            .map_err(|f| f.into_napi(js))?;
        match chrono::Duration::try_milliseconds(ms) {
            Some(d) => {
                self.inner.advance(d);
                Ok(())
            }
            None => Err(Fault::Type("\"milliseconds\" is out of range".to_string()).into_napi(js)),
        }
    }
}
