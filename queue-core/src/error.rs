//! The one error type of the library, with the HTTP status each kind maps to.

use std::fmt;

/// Every failure the library reports; each kind maps to one HTTP status via [`Error::status`].
///
/// ```
/// use queue_core::Error;
/// let e = Error::invalid("username", "must match ^[a-zA-Z0-9.\\-]+$");
/// assert_eq!(e.status(), 422);
/// assert_eq!(e.code(), "ERR_INVALID_INPUT");
/// assert_eq!(e.field(), Some("username"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No valid credentials were presented (HTTP 401).
    #[error("unauthenticated: a valid access token is required")]
    Unauthenticated,
    /// The actor is known but its role does not allow the action (HTTP 403).
    #[error("forbidden: {action} requires {required}")]
    Forbidden {
        /// What was attempted, e.g. `"update company"`.
        action: String,
        /// What would have allowed it, e.g. `"role admin or owner"`.
        required: String,
    },
    /// The resource does not exist, or the actor may not know it exists (HTTP 404).
    #[error("not found: {kind} {id}")]
    NotFound {
        /// Resource kind, e.g. `"queue"`.
        kind: &'static str,
        /// The id that was looked up.
        id: String,
    },
    /// A field broke a validation rule (HTTP 422).
    #[error("invalid input: {field}: {reason}")]
    InvalidInput {
        /// The offending field, named as in the API (`username`, `priority_delay`, …).
        field: String,
        /// The rule it broke.
        reason: String,
    },
    /// The current state does not allow the operation (HTTP 409).
    #[error("conflict: {reason}")]
    Conflict {
        /// Why the state does not allow it.
        reason: String,
    },
    /// The store failed; nothing of the operation was applied (HTTP 500).
    #[error("storage: {message}")]
    Storage {
        /// What the storage layer reported.
        message: String,
    },
}

/// Short alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an [`Error::InvalidInput`] for `field` breaking `reason`.
    pub fn invalid(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.to_string(),
        }
    }

    /// Builds an [`Error::Conflict`].
    pub fn conflict(reason: impl fmt::Display) -> Self {
        Error::Conflict {
            reason: reason.to_string(),
        }
    }

    /// Builds an [`Error::NotFound`] for a resource kind and id.
    pub fn not_found(kind: &'static str, id: impl fmt::Display) -> Self {
        Error::NotFound {
            kind,
            id: id.to_string(),
        }
    }

    /// Builds an [`Error::Forbidden`].
    pub fn forbidden(action: impl Into<String>, required: impl Into<String>) -> Self {
        Error::Forbidden {
            action: action.into(),
            required: required.into(),
        }
    }

    /// Builds an [`Error::Storage`].
    pub fn storage(message: impl fmt::Display) -> Self {
        Error::Storage {
            message: message.to_string(),
        }
    }

    /// The HTTP status code of this kind, as listed in the seed API documents.
    pub fn status(&self) -> u16 {
        match self {
            Error::Unauthenticated => 401,
            Error::Forbidden { .. } => 403,
            Error::NotFound { .. } => 404,
            Error::InvalidInput { .. } => 422,
            Error::Conflict { .. } => 409,
            Error::Storage { .. } => 500,
        }
    }

    /// A stable machine-readable code, the same in Rust, Python and Node.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthenticated => "ERR_UNAUTHENTICATED",
            Error::Forbidden { .. } => "ERR_FORBIDDEN",
            Error::NotFound { .. } => "ERR_NOT_FOUND",
            Error::InvalidInput { .. } => "ERR_INVALID_INPUT",
            Error::Conflict { .. } => "ERR_CONFLICT",
            Error::Storage { .. } => "ERR_STORAGE",
        }
    }

    /// The field an [`Error::InvalidInput`] names, if this is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }
}
