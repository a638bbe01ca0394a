//! Field rules shared by the entities, each failing with the field's name and the rule broken.
//!
//! The patterns are those of the seed API documents; they are checked by hand rather than with
//! a regex engine because each is a simple character class.

use crate::{Error, Result};

/// `^[a-zA-Z0-9.\-]+$`, 1–40 characters (seed 004 usernames, seed 001 "up to 40 characters").
pub(crate) fn username(field: &str, v: &str) -> Result<()> {
    length(field, v, 1, 40)?;
    if v.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        Ok(())
    } else {
        Err(Error::invalid(field, "must match ^[a-zA-Z0-9.\\-]+$"))
    }
}

/// True for the Latin-1 letters of the seeds' `[a-zA-ZÀ-ÖØ-Þß-öø-ÿ]`.
fn latin1_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'À'..='Ö' | 'Ø'..='Þ' | 'ß'..='ö' | 'ø'..='ÿ')
}

/// `^[a-zA-ZÀ-ÖØ-Þß-öø-ÿ\- ]+$`, 1–100 characters: first and last names.
pub(crate) fn person_name(field: &str, v: &str) -> Result<()> {
    length(field, v, 1, 100)?;
    if v.chars().all(|c| latin1_letter(c) || c == '-' || c == ' ') {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must match ^[a-zA-ZÀ-ÖØ-Þß-öø-ÿ\\- ]+$ (letters, '-' and space)",
        ))
    }
}

/// `^\+[0-9]+$`, at most 20 characters.
pub(crate) fn telephone(field: &str, v: &str) -> Result<()> {
    length(field, v, 2, 20)?;
    let mut chars = v.chars();
    if chars.next() == Some('+') && chars.all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::invalid(field, "must match ^\\+[0-9]+$"))
    }
}

/// `^[A-Za-z0-9._+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`, at most 254 characters (seed 004).
pub(crate) fn email(field: &str, v: &str) -> Result<()> {
    length(field, v, 3, 254)?;
    let bad = || Error::invalid(field, "must be an e-mail address like name@example.org");
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-'".contains(c));
    let (host, tld) = domain.rsplit_once('.').ok_or_else(bad)?;
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let tld_ok = tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
    if local_ok && host_ok && tld_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Two lowercase letters: `en`, `nl`, …
pub(crate) fn language(field: &str, v: &str) -> Result<()> {
    if v.len() == 2 && v.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be two lowercase letters, like en or nl",
        ))
    }
}

/// `^([a-z]{2}_[A-Z]{2})|(iso)$`: `en_GB`-style locale or `iso`.
pub(crate) fn date_format(field: &str, v: &str) -> Result<()> {
    let b = v.as_bytes();
    let locale = b.len() == 5
        && b[..2].iter().all(u8::is_ascii_lowercase)
        && b[2] == b'_'
        && b[3..].iter().all(u8::is_ascii_uppercase);
    if locale || v == "iso" {
        Ok(())
    } else {
        Err(Error::invalid(field, "must be a locale like en_GB, or iso"))
    }
}

/// Trimmed text of `min..=max` characters (counted as Unicode scalar values).
pub(crate) fn text(field: &str, v: &str, min: usize, max: usize) -> Result<()> {
    if v.trim() != v {
        return Err(Error::invalid(
            field,
            "must not start or end with whitespace",
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    length(field, v, min, max)
}

/// `min..=max` characters.
pub(crate) fn length(field: &str, v: &str, min: usize, max: usize) -> Result<()> {
    let n = v.chars().count();
    if n < min {
        Err(Error::invalid(
            field,
            format!("must be at least {min} characters"),
        ))
    } else if n > max {
        Err(Error::invalid(
            field,
            format!("must be at most {max} characters"),
        ))
    } else {
        Ok(())
    }
}

/// An identifier-like token `^[a-zA-Z0-9_\-]+$` of 1–40 characters (channels, statistics options).
pub(crate) fn token(field: &str, v: &str) -> Result<()> {
    length(field, v, 1, 40)?;
    if v.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Ok(())
    } else {
        Err(Error::invalid(field, "must match ^[a-zA-Z0-9_\\-]+$"))
    }
}

/// An `http://` or `https://` URL without whitespace, at most 2048 characters, or empty.
pub(crate) fn url_or_empty(field: &str, v: &str) -> Result<()> {
    if v.is_empty() {
        return Ok(());
    }
    length(field, v, 1, 2048)?;
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && v.len() > "https://".len()
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be an http:// or https:// URL, or empty",
        ))
    }
}

/// An integer in `min..=max`.
pub(crate) fn range<T: PartialOrd + std::fmt::Display>(
    field: &str,
    v: T,
    min: T,
    max: T,
) -> Result<()> {
    if v < min || v > max {
        Err(Error::invalid(
            field,
            format!("must be between {min} and {max}"),
        ))
    } else {
        Ok(())
    }
}

/// An IANA time zone name such as `Europe/Amsterdam`.
pub(crate) fn time_zone(field: &str, v: &str) -> Result<chrono_tz::Tz> {
    v.parse::<chrono_tz::Tz>()
        .map_err(|_| Error::invalid(field, "must be an IANA time zone like Europe/Amsterdam"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_patterns() {
        assert!(username("u", "jan.de-vries").is_ok());
        assert!(username("u", "jan_de").is_err());
        assert!(username("u", "").is_err());
        assert!(username("u", &"a".repeat(41)).is_err());
        assert!(person_name("f", "Zoë Ærø-Ñúñez").is_ok());
        assert!(person_name("f", "Łukasz").is_err()); // Ł is not Latin-1
        assert!(person_name("f", "×").is_err()); // U+00D7 sits between Ö and Ø
        assert!(telephone("t", "+31612345678").is_ok());
        assert!(telephone("t", "0612345678").is_err());
        assert!(email("e", "o'neil+x@mail.example.org").is_ok());
        assert!(email("e", "no-at.example.org").is_err());
        assert!(email("e", "a@b.c").is_err());
        assert!(date_format("d", "en_GB").is_ok());
        assert!(date_format("d", "iso").is_ok());
        assert!(date_format("d", "EN_gb").is_err());
        assert!(language("l", "nl").is_ok());
        assert!(language("l", "NL").is_err());
        assert!(url_or_empty("logo_url", "https://x.example/logo.png").is_ok());
        assert!(url_or_empty("logo_url", "javascript:alert(1)").is_err());
        assert!(time_zone("time_zone", "Europe/Amsterdam").is_ok());
        assert!(time_zone("time_zone", "Mars/Olympus").is_err());
    }
}
