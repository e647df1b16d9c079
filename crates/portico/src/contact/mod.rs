//! Email addresses and phone numbers, parsed once at the edge: past it they are valid.

mod calling_codes;
mod email;
mod phone;
pub mod regions;

pub use email::{EmailAddress, EmailError};
pub use phone::{PhoneError, PhoneKind, PhoneNumber};

/// Where a code or notice goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Email(EmailAddress),
    Phone(PhoneNumber),
}

/// The delivery channel of a destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    /// A channel as stored (`email`, `sms`); anything else is read as email, which the
    /// tables' check constraints rule out.
    pub fn from_stored(s: &str) -> Self {
        if s == Self::Sms.as_str() {
            Self::Sms
        } else {
            Self::Email
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }
}

impl Destination {
    /// An alias as stored (`kind`, `value`); `None` for a row no parser accepts any more.
    pub fn from_stored(kind: &str, value: &str) -> Option<Self> {
        match kind {
            "email" => EmailAddress::parse(value).ok().map(Self::Email),
            "phone" => PhoneNumber::parse(value, None).ok().map(Self::Phone),
            _ => None,
        }
    }

    /// An alias row as written by Portico, with the readable form worked out then: nothing
    /// is parsed (the hot path of every signed-in page). Rows from before that column are
    /// parsed as [`Self::from_stored`] does.
    pub fn from_alias_row(kind: &str, value: &str, readable: Option<&str>) -> Option<Self> {
        match (kind, readable) {
            ("email", Some(_)) => Some(Self::Email(EmailAddress::from_stored(value))),
            ("phone", Some(readable)) => PhoneNumber::from_stored(value, readable)
                .map(Self::Phone)
                .or_else(|| Self::from_stored(kind, value)),
            _ => Self::from_stored(kind, value),
        }
    }

    /// A stored address of a channel (a challenge's, an outbox row's): the channel says
    /// which kind it is.
    pub fn from_channel(channel: Channel, value: &str) -> Option<Self> {
        match channel {
            Channel::Email => EmailAddress::parse(value).ok().map(Self::Email),
            Channel::Sms => PhoneNumber::parse(value, None).ok().map(Self::Phone),
        }
    }

    /// The kind as stored beside an alias (`email`, `phone`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Email(_) => "email",
            Self::Phone(_) => "phone",
        }
    }

    pub fn channel(&self) -> Channel {
        match self {
            Self::Email(_) => Channel::Email,
            Self::Phone(_) => Channel::Sms,
        }
    }

    /// The form stored and compared: lowercase email, or E.164.
    pub fn normalized(&self) -> String {
        match self {
            Self::Email(e) => e.normalized(),
            Self::Phone(p) => p.e164().to_owned(),
        }
    }

    /// Where a message is addressed (the email as typed, with its domain lowercased).
    pub fn address(&self) -> String {
        match self {
            Self::Email(e) => e.as_str().to_owned(),
            Self::Phone(p) => p.e164().to_owned(),
        }
    }

    /// The address as people read it: the email as typed, the phone number grouped.
    pub fn readable(&self) -> &str {
        match self {
            Self::Email(e) => e.as_str(),
            Self::Phone(p) => p.readable(),
        }
    }

    /// A hint that shows a person where a code went without revealing the whole address:
    /// `j•••@example.com`, `+44 ••• ••• •• 89`.
    pub fn masked(&self) -> String {
        match self {
            Self::Email(e) => e.masked(),
            Self::Phone(p) => p.masked(),
        }
    }
}
