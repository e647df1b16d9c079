//! Which limits a code or notice takes before it is sent: per client network, per account,
//! per address and number range, the SMS country and number-type lists, the SMS budget.

use std::net::IpAddr;

use time::Duration;

use crate::app::App;
use crate::contact::Destination;
use crate::limits::Limit;
use crate::verification::send::{Requester, SendCodeError};

/// Why no text message may go to a number, in the words a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SmsRefusal {
    #[error("{}", crate::i18n::t("send-sms-country"))]
    Country,
    #[error("{}", crate::i18n::t_with("send-sms-kind", &[("kind", crate::i18n::t(.0.described()).into())]))]
    NumberType(crate::contact::PhoneKind),
}

pub(super) const HOUR: Duration = Duration::hours(1);

/// The key of a client address for limits: IPv6 clients are counted per /64, since one
/// subscriber usually holds a whole /64.
fn ip_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// The limit on the asker's network, which every request counts against, sent or not.
pub(super) fn ip_limits(app: &App, requester: &Requester) -> Vec<Limit> {
    let l = &app.config.delivery.limits;
    requester
        .ip
        .map(|ip| Limit {
            key: format!("send:ip:{}", ip_key(ip)),
            max: l.per_ip,
            window: HOUR,
            reason: "Too many codes were asked for from your network",
            says: "limit-codes-network",
        })
        .into_iter()
        .collect()
}

/// The limits a message that actually goes out counts against: its address, the account,
/// and for SMS the number range and the daily budget.
pub(super) fn delivery_limits(
    app: &App,
    requester: &Requester,
    destination: &Destination,
) -> Vec<Limit> {
    let l = &app.config.delivery.limits;
    let mut limits = vec![Limit {
        key: format!("send:destination:{}", destination.normalized()),
        max: l.per_destination,
        window: HOUR,
        reason: "Too many codes were sent to this address",
        says: "limit-codes-address",
    }];
    if let Some(account) = requester.account_id {
        limits.push(Limit {
            key: format!("send:account:{account}"),
            max: l.per_account,
            window: HOUR,
            reason: "Too many codes were sent for this account",
            says: "limit-codes-account",
        });
    }
    if let Destination::Phone(phone) = destination {
        limits.push(Limit {
            key: format!("sms:prefix:{}", phone.prefix()),
            max: l.sms_per_prefix,
            window: HOUR,
            reason: "Too many text messages were sent to numbers like this one",
            says: "limit-sms-numbers",
        });
        limits.push(sms_budget(l.sms_daily_budget));
    }
    limits
}

pub(super) const SMS_BUDGET_SPENT: &str = "Text messages are unavailable right now";

/// The installation's daily SMS budget, as a limit (the metrics read how much is used).
pub fn sms_budget(max: i32) -> Limit {
    Limit {
        key: "sms:budget".to_owned(),
        max,
        window: Duration::days(1),
        reason: SMS_BUDGET_SPENT,
        says: "limit-sms-budget",
    }
}

/// SMS only to the configured countries and kinds of number (SMS-pumping defence).
pub(super) fn check_sms(app: &App, destination: &Destination) -> Result<(), SendCodeError> {
    let Destination::Phone(phone) = destination else {
        return Ok(());
    };
    let limits = &app.config.delivery.limits;
    if !limits.sms_countries.contains(&phone.country_code()) {
        tracing::info!(
            country_code = phone.country_code(),
            "refused an SMS to a country not on the allow-list"
        );
        crate::http::metrics::count_sms_refused("country");
        return Err(SendCodeError::SmsRefused(SmsRefusal::Country));
    }
    let kind = phone.kind();
    if !limits.sms_number_types.contains(&kind) {
        tracing::info!(
            number_type = kind.as_str(),
            "refused an SMS to a kind of number not on the allow-list"
        );
        crate::http::metrics::count_sms_refused("number_type");
        return Err(SendCodeError::SmsRefused(SmsRefusal::NumberType(kind)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        assert_eq!(ip_key(a), ip_key(b));
        assert_eq!(ip_key("192.0.2.7".parse().expect("ip")), "192.0.2.7");
    }
}
