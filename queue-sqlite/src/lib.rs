//! SQLite `Store` for ConnectNow Queue (filled by the persistence issue).
