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
/// let closed = Error::conflict(queue_core::ConflictReason::QueueClosed, "the queue is closed");
/// assert_eq!((closed.status(), closed.reason().map(|r| r.as_str())), (409, Some("queue_closed")));
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
    #[error("conflict: {message}")]
    Conflict {
        /// Which rule refused it: stable, for hosts to act on.
        reason: ConflictReason,
        /// Why, for people.
        message: String,
    },
    /// The store failed; nothing of the operation was applied (HTTP 500).
    #[error("storage: {message}")]
    Storage {
        /// What the storage layer reported.
        message: String,
    },
    /// A bug inside the library (HTTP 500): it was caught, nothing of the operation was
    /// applied, and the engine reloaded its working set from the store.
    #[error("internal error: {message}")]
    Internal {
        /// What went wrong.
        message: String,
    },
}

macro_rules! conflict_reasons {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// The rule behind an [`Error::Conflict`], with a stable snake_case code that Python
        /// (`e.reason`) and Node (`err.reason`) carry too.
        ///
        /// ```
        /// use queue_core::ConflictReason;
        /// assert_eq!(ConflictReason::QueueClosed.as_str(), "queue_closed");
        /// assert_eq!("queue_closed".parse::<ConflictReason>().ok(), Some(ConflictReason::QueueClosed));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ConflictReason {
            $($(#[$doc])* $variant,)*
        }

        impl ConflictReason {
            /// Every reason, in the order of the README's table.
            pub const ALL: &'static [ConflictReason] = &[$(ConflictReason::$variant),*];

            /// The stable code, e.g. `"queue_closed"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ConflictReason::$variant => $code,)*
                }
            }
        }
    };
}

conflict_reasons! {
    /// Enqueue into a queue that is switched off (`is_active` false).
    QueueInactive = "queue_inactive",
    /// Enqueue into a queue outside its hours or inside a blacklist range.
    QueueClosed = "queue_closed",
    /// Enqueue or transfer into a queue where `max_waiting` objects already wait.
    QueueFull = "queue_full",
    /// The queue's password changed between checking it and enqueueing; try again.
    PasswordChanged = "password_changed",
    /// The object already has a live stay in this queue.
    AlreadyQueued = "already_queued",
    /// The object is assigned to an agent in another queue: transfer it instead.
    BeingHandled = "being_handled",
    /// Accept or reject of a stay that is not on offer (it may have lapsed).
    NotOffered = "not_offered",
    /// Pick (or routing) of a stay that is no longer waiting.
    NotWaiting = "not_waiting",
    /// Pick by an agent who is not eligible for the stay now.
    NotEligible = "not_eligible",
    /// Complete of a stay that is not assigned.
    NotAssigned = "not_assigned",
    /// Abandon of a stay an agent already handles: complete it instead.
    StayAssigned = "stay_assigned",
    /// Transfer or abandon of a stay that has ended.
    StayEnded = "stay_ended",
    /// A second rating for one object.
    AlreadyRated = "already_rated",
    /// Rating an object no agent has handled.
    NotHandled = "not_handled",
    /// A presence change while a supervisor holds a lock on the status.
    StatusLocked = "status_locked",
    /// An operator for a personal queue, which routes to its owner only.
    PersonalQueue = "personal_queue",
    /// The agent already staffs this queue.
    AlreadyOperator = "already_operator",
    /// The user is already a member of this company.
    AlreadyMember = "already_member",
    /// The change would leave the company without an active owner.
    LastOwner = "last_owner",
    /// Deleting a company user who still has offered or assigned objects.
    AgentBusy = "agent_busy",
    /// Deleting a company user who still owns a personal queue.
    HasPersonalQueue = "has_personal_queue",
    /// Deleting a queue that still has waiting, offered or assigned objects.
    QueueInUse = "queue_in_use",
    /// Deleting a skill a live object still requires.
    SkillInUse = "skill_in_use",
    /// Deleting a presence status an agent shows or is locked in.
    StatusInUse = "status_in_use",
    /// A queue, skill or presence status name already used in the company.
    NameTaken = "name_taken",
    /// A username already taken (case-insensitively).
    UsernameTaken = "username_taken",
    /// Another process wrote the shared store since this engine last read it; retry.
    StaleConnection = "stale_connection",
    /// A call on an engine the host closed (Python `close()`, Node `close()`).
    EngineClosed = "engine_closed",
    /// Opening a batch while one is open (`begin_batch` twice; `batch` nests instead).
    BatchOpen = "batch_open",
}

impl fmt::Display for ConflictReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ConflictReason {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ConflictReason::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::invalid("reason", "must be a conflict reason code"))
    }
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

    /// Builds an [`Error::Conflict`] for the rule `reason`, explained by `message`.
    pub fn conflict(reason: ConflictReason, message: impl fmt::Display) -> Self {
        Error::Conflict {
            reason,
            message: message.to_string(),
        }
    }

    /// Builds an [`Error::Internal`].
    pub fn internal(message: impl fmt::Display) -> Self {
        Error::Internal {
            message: message.to_string(),
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
            Error::Storage { .. } | Error::Internal { .. } => 500,
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
            Error::Internal { .. } => "ERR_INTERNAL",
        }
    }

    /// The field an [`Error::InvalidInput`] names, if this is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The rule an [`Error::Conflict`] names, if this is one.
    pub fn reason(&self) -> Option<ConflictReason> {
        match self {
            Error::Conflict { reason, .. } => Some(*reason),
            _ => None,
        }
    }
}
