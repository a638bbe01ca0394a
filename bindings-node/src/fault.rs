//! Error mapping: every failure reaches JavaScript as a thrown `Error` with a stable `code`.
//!
//! Core errors keep the core's code (`ERR_NOT_FOUND`, …), HTTP `status` and, for invalid
//! input, the offending `field` (camelCased, as the caller named it). Values of the wrong
//! type throw a `TypeError` with Node's own code `ERR_INVALID_ARG_TYPE`.

use crate::js::{ErrorClass, Js};
use crate::names::camel;
use napi::bindgen_prelude::Unknown;
use queue_core::Error as CoreError;

/// Why a call failed, before it is turned into a JavaScript exception.
#[derive(Debug)]
pub enum Fault {
    /// A value of the wrong type: a `TypeError` with code `ERR_INVALID_ARG_TYPE`.
    Type(String),
    /// A value outside what the engine can hold (a `Date` past 9999, a clock step back):
    /// a `RangeError` with code `ERR_OUT_OF_RANGE`.
    Range(String),
    /// A failure the core reports (including a malformed value named by its field).
    Core(CoreError),
    /// A Node-API call failed, e.g. a getter of the caller's object threw: rethrown as is.
    Napi(napi::Error),
    /// A panic inside the engine, caught before it could cross into Node (a bug).
    Internal(String),
}

impl From<napi::Error> for Fault {
    fn from(e: napi::Error) -> Self {
        Fault::Napi(e)
    }
}

impl From<CoreError> for Fault {
    fn from(e: CoreError) -> Self {
        Fault::Core(e)
    }
}

/// The message a core error carries to JavaScript, with the field named as JavaScript knows it.
fn core_message(e: &CoreError) -> String {
    match e {
        CoreError::InvalidInput { field, reason } => {
            format!("invalid input: {}: {reason}", camel(field))
        }
        other => other.to_string(),
    }
}

impl Fault {
    /// Builds the JavaScript exception for this fault; return it as `Err` to throw it.
    pub(crate) fn into_napi(self, js: Js) -> napi::Error {
        let built = match &self {
            Fault::Napi(_) => return self.napi_fallback(),
            Fault::Type(message) => js.error(message, ErrorClass::Type).and_then(|e| {
                let code = js.string("ERR_INVALID_ARG_TYPE")?;
                js.set(e, "code", code)?;
                Ok(e)
            }),
            Fault::Range(message) => js.error(message, ErrorClass::Range).and_then(|e| {
                let code = js.string("ERR_OUT_OF_RANGE")?;
                js.set(e, "code", code)?;
                Ok(e)
            }),
            Fault::Core(core) => js
                .error(&core_message(core), ErrorClass::Error)
                .and_then(|e| {
                    let code = js.string(core.code())?;
                    js.set(e, "code", code)?;
                    let status = js.number(f64::from(core.status()))?;
                    js.set(e, "status", status)?;
                    if let Some(field) = core.field() {
                        let field = js.string(&camel(field))?;
                        js.set(e, "field", field)?;
                    }
                    if let Some(reason) = core.reason() {
                        let reason = js.string(reason.as_str())?;
                        js.set(e, "reason", reason)?;
                    }
                    Ok(e)
                }),
            Fault::Internal(message) => js.error(message, ErrorClass::Error).and_then(|e| {
                let code = js.string("ERR_INTERNAL")?;
                js.set(e, "code", code)?;
                let status = js.number(500.0)?;
                js.set(e, "status", status)?;
                Ok(e)
            }),
        };
        match built {
            Ok(raw) => napi::Error::from(unsafe { Unknown::from_raw_unchecked(js.env, raw) }),
            Err(_) => self.napi_fallback(),
        }
    }

    /// The fault as a plain napi error, for when no JavaScript object can be built.
    fn napi_fallback(self) -> napi::Error {
        match self {
            Fault::Napi(e) => e,
            Fault::Type(m) | Fault::Range(m) => napi::Error::new(napi::Status::InvalidArg, m),
            Fault::Core(e) => napi::Error::new(napi::Status::GenericFailure, core_message(&e)),
            Fault::Internal(m) => napi::Error::new(napi::Status::GenericFailure, m),
        }
    }
}

/// The text of a caught panic payload.
pub(crate) fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("internal error (a bug in connectnow-queue): {detail}")
}
