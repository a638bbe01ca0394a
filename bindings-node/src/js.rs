//! A thin safe layer over the raw Node-API calls the conversions need.
//!
//! Every call checks its status; a failure is a `napi::Error` (the caller's `Fault::Napi`), which carries a pending
//! JavaScript exception (a throwing getter, say) back to the caller untouched.

use napi::sys;
use std::ptr;

/// The JavaScript environment of the current call (main thread only).
#[derive(Clone, Copy)]
pub(crate) struct Js {
    pub(crate) env: sys::napi_env,
}

/// Which JavaScript error class [`Js::error`] builds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ErrorClass {
    Error,
    Type,
    Range,
}

/// A raw JavaScript value of the current call.
pub(crate) type Raw = sys::napi_value;

/// The type of a JavaScript value, as `typeof` (plus arrays and dates) tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Symbol,
    Function,
    BigInt,
    Array,
    Date,
    Object,
    Other,
}

impl Kind {
    /// How error messages name the kind, as Node's own `ERR_INVALID_ARG_TYPE` does.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::Undefined => "undefined",
            Kind::Null => "null",
            Kind::Boolean => "type boolean",
            Kind::Number => "type number",
            Kind::String => "type string",
            Kind::Symbol => "type symbol",
            Kind::Function => "type function",
            Kind::BigInt => "type bigint",
            Kind::Array => "an array",
            Kind::Date => "a Date",
            Kind::Object => "an object",
            Kind::Other => "an unsupported value",
        }
    }
}

impl Js {
    fn check(self, status: sys::napi_status, what: &str) -> napi::Result<()> {
        if status == sys::Status::napi_ok {
            Ok(())
        } else {
            Err(napi::Error::new(
                napi::Status::from(status),
                format!("Node-API call failed: {what}"),
            ))
        }
    }

    /// What kind of value `v` is.
    pub(crate) fn kind(self, v: Raw) -> napi::Result<Kind> {
        let mut t = 0;
        self.check(unsafe { sys::napi_typeof(self.env, v, &mut t) }, "typeof")?;
        Ok(match t {
            sys::ValueType::napi_undefined => Kind::Undefined,
            sys::ValueType::napi_null => Kind::Null,
            sys::ValueType::napi_boolean => Kind::Boolean,
            sys::ValueType::napi_number => Kind::Number,
            sys::ValueType::napi_string => Kind::String,
            sys::ValueType::napi_symbol => Kind::Symbol,
            sys::ValueType::napi_function => Kind::Function,
            sys::ValueType::napi_bigint => Kind::BigInt,
            sys::ValueType::napi_object => {
                let mut yes = false;
                self.check(
                    unsafe { sys::napi_is_array(self.env, v, &mut yes) },
                    "is_array",
                )?;
                if yes {
                    return Ok(Kind::Array);
                }
                self.check(
                    unsafe { sys::napi_is_date(self.env, v, &mut yes) },
                    "is_date",
                )?;
                if yes {
                    Kind::Date
                } else {
                    Kind::Object
                }
            }
            _ => Kind::Other,
        })
    }

    pub(crate) fn get_bool(self, v: Raw) -> napi::Result<bool> {
        let mut b = false;
        self.check(
            unsafe { sys::napi_get_value_bool(self.env, v, &mut b) },
            "get bool",
        )?;
        Ok(b)
    }

    pub(crate) fn get_f64(self, v: Raw) -> napi::Result<f64> {
        let mut n = 0.0;
        self.check(
            unsafe { sys::napi_get_value_double(self.env, v, &mut n) },
            "get number",
        )?;
        Ok(n)
    }

    pub(crate) fn get_string(self, v: Raw) -> napi::Result<String> {
        let mut len = 0usize;
        self.check(
            unsafe { sys::napi_get_value_string_utf8(self.env, v, ptr::null_mut(), 0, &mut len) },
            "get string length",
        )?;
        let mut buf = vec![0u8; len + 1];
        let mut written = 0usize;
        self.check(
            unsafe {
                sys::napi_get_value_string_utf8(
                    self.env,
                    v,
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut written,
                )
            },
            "get string",
        )?;
        buf.truncate(written);
        // Node-API writes valid UTF-8 (lone surrogates become U+FFFD).
        Ok(String::from_utf8_lossy(&buf).into_owned())
    }

    /// Milliseconds since the epoch of a `Date` (NaN for an invalid one).
    pub(crate) fn get_date_millis(self, v: Raw) -> napi::Result<f64> {
        let mut ms = 0.0;
        self.check(
            unsafe { sys::napi_get_date_value(self.env, v, &mut ms) },
            "get date",
        )?;
        Ok(ms)
    }

    pub(crate) fn array_len(self, v: Raw) -> napi::Result<u32> {
        let mut len = 0u32;
        self.check(
            unsafe { sys::napi_get_array_length(self.env, v, &mut len) },
            "array length",
        )?;
        Ok(len)
    }

    pub(crate) fn element(self, v: Raw, i: u32) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_get_element(self.env, v, i, &mut out) },
            "get element",
        )?;
        Ok(out)
    }

    /// The object's own enumerable string keys.
    pub(crate) fn own_keys(self, v: Raw) -> napi::Result<Vec<String>> {
        let mut names = ptr::null_mut();
        self.check(
            unsafe {
                sys::napi_get_all_property_names(
                    self.env,
                    v,
                    sys::KeyCollectionMode::own_only,
                    sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                    sys::KeyConversion::numbers_to_strings,
                    &mut names,
                )
            },
            "own keys",
        )?;
        let len = self.array_len(names)?;
        (0..len)
            .map(|i| self.element(names, i).and_then(|k| self.get_string(k)))
            .collect()
    }

    /// `v[key]` (runs getters, so class instances like `Actor` read as plain values).
    pub(crate) fn get(self, v: Raw, key: &str) -> napi::Result<Raw> {
        let k = self.string(key)?;
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_get_property(self.env, v, k, &mut out) },
            "get property",
        )?;
        Ok(out)
    }

    pub(crate) fn set(self, obj: Raw, key: &str, value: Raw) -> napi::Result<()> {
        let k = self.string(key)?;
        self.check(
            unsafe { sys::napi_set_property(self.env, obj, k, value) },
            "set property",
        )
    }

    pub(crate) fn object(self) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_create_object(self.env, &mut out) },
            "create object",
        )?;
        Ok(out)
    }

    pub(crate) fn array(self, len: usize) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_create_array_with_length(self.env, len, &mut out) },
            "create array",
        )?;
        Ok(out)
    }

    pub(crate) fn set_element(self, arr: Raw, i: u32, value: Raw) -> napi::Result<()> {
        self.check(
            unsafe { sys::napi_set_element(self.env, arr, i, value) },
            "set element",
        )
    }

    pub(crate) fn string(self, s: &str) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe {
                sys::napi_create_string_utf8(
                    self.env,
                    s.as_ptr().cast(),
                    s.len() as isize,
                    &mut out,
                )
            },
            "create string",
        )?;
        Ok(out)
    }

    pub(crate) fn number(self, n: f64) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_create_double(self.env, n, &mut out) },
            "create number",
        )?;
        Ok(out)
    }

    pub(crate) fn boolean(self, b: bool) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_get_boolean(self.env, b, &mut out) },
            "create boolean",
        )?;
        Ok(out)
    }

    pub(crate) fn null(self) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(unsafe { sys::napi_get_null(self.env, &mut out) }, "null")?;
        Ok(out)
    }

    pub(crate) fn undefined(self) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_get_undefined(self.env, &mut out) },
            "undefined",
        )?;
        Ok(out)
    }

    pub(crate) fn date(self, millis: f64) -> napi::Result<Raw> {
        let mut out = ptr::null_mut();
        self.check(
            unsafe { sys::napi_create_date(self.env, millis, &mut out) },
            "create date",
        )?;
        Ok(out)
    }

    /// A fresh `Error`, `TypeError` or `RangeError` with `message`.
    pub(crate) fn error(self, message: &str, class: ErrorClass) -> napi::Result<Raw> {
        let msg = self.string(message)?;
        let mut out = ptr::null_mut();
        let status = unsafe {
            match class {
                ErrorClass::Type => {
                    sys::napi_create_type_error(self.env, ptr::null_mut(), msg, &mut out)
                }
                ErrorClass::Range => {
                    sys::napi_create_range_error(self.env, ptr::null_mut(), msg, &mut out)
                }
                ErrorClass::Error => {
                    sys::napi_create_error(self.env, ptr::null_mut(), msg, &mut out)
                }
            }
        };
        self.check(status, "create error")?;
        Ok(out)
    }
}
