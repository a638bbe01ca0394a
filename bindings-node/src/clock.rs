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
            Err(e) => Err(e.into()),
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
    }

    /// Moves the clock to `to` (backwards too; an engine never goes back in its own history).
    /// A `Date` outside years 1–9999 throws a `RangeError`.
    #[napi(ts_args_type = "to: Date")]
    pub fn set(&self, env: &Env, to: Unknown<'_>) -> napi::Result<()> {
        let js = Js { env: env.raw() };
        let at = convert::date(js, to.value().value, "to").map_err(|f| f.into_napi(js))?;
        self.inner
            .try_set(at)
            .map_err(|e| Fault::Range(e.to_string()).into_napi(js))
    }

    /// Moves the clock forward by `milliseconds`. A negative step, or one that would pass
    /// 9999-12-31, throws a `RangeError` and leaves the clock where it is.
    #[napi(ts_args_type = "milliseconds: number")]
    pub fn advance(&self, env: &Env, milliseconds: Unknown<'_>) -> napi::Result<()> {
        let js = Js { env: env.raw() };
        let raw = milliseconds.value().value;
        let step = (|| {
            if js.kind(raw)? != Kind::Number {
                return Err(Fault::Type(
                    "The \"milliseconds\" argument must be of type number".to_string(),
                ));
            }
            let ms = js.get_f64(raw)?;
            if ms.is_nan() || ms.fract() != 0.0 {
                return Err(Fault::Type(format!(
                    "The \"milliseconds\" argument must be an integer. Received {ms}"
                )));
            }
            if ms < 0.0 {
                return Err(Fault::Range(format!(
                    "The \"milliseconds\" argument must not be negative (the clock only moves \
                     forward; set() it to go back). Received {ms}"
                )));
            }
            // Past i64 milliseconds (292 million years) every step leaves the calendar.
            let d = chrono::Duration::try_milliseconds(ms.min(i64::MAX as f64) as i64)
                .unwrap_or(chrono::Duration::MAX);
            self.inner
                .try_advance(d)
                .map(|_| ())
                .map_err(|_| Fault::Range(format!(
                    "The \"milliseconds\" argument would move the clock past 9999-12-31. Received {ms}"
                )))
        })();
        step.map_err(|f| f.into_napi(js))
    }
}
