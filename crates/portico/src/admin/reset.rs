//! `portico admin accounts send-reset <alias>`: the usual password reset code, sent for
//! someone who can't get through the reset page; never a password.

use serde_json::json;

use super::accounts::{alias_of, region};
use super::{Answer, Change, Refused, confirmed, operator_client, store};
use crate::app::AppState;
use crate::audit::{self, Kind};

pub(super) async fn send_reset(
    app: &AppState,
    alias: &str,
    change: &Change,
) -> anyhow::Result<Answer> {
    use crate::verification::challenges::Purpose;
    use crate::verification::send::{self, Requester};
    let address = alias_of(alias, region(app))?;
    let shown = address.readable().to_owned();
    let mut tx = app.db.begin().await?;
    let account = crate::auth::accounts::find_by_verified_alias(&mut tx, &address)
        .await?
        .ok_or_else(|| Refused(format!("no account has {shown} as a verified alias")))?;
    // To the alias as the account keeps it, however the operator typed it.
    let address = store::aliases(&mut tx, account)
        .await?
        .into_iter()
        .filter(|a| a.verified)
        .filter_map(|a| crate::contact::Destination::from_stored(&a.kind, &a.value))
        .find(|d| d.normalized() == address.normalized())
        .unwrap_or(address);
    confirmed(change, &format!("send a password reset code to {shown}"))?;
    let requester = Requester {
        ip: None,
        account_id: Some(account),
    };
    let sent = send::send_code_if_known(&mut tx, app, &requester, Purpose::ResetPassword, &address)
        .await
        .map_err(|e| match e.user_message() {
            Some(message) => anyhow::Error::new(Refused(message)),
            None => anyhow::Error::new(e),
        })?;
    let details =
        change.details(json!({ "channel": address.channel().as_str(), "fresh": sent.fresh }));
    audit::record(
        &mut tx,
        app.clock.now(),
        account,
        Kind::ResetSentByOperator,
        &operator_client(),
        details,
    )
    .await?;
    tx.commit().await?;
    let page = app
        .config
        .public_url
        .join(&format!("reset/code?c={}", sent.id))
        .map_or_else(|_| format!("/reset/code?c={}", sent.id), |u| u.to_string());
    let minutes = app.codes.lifetime.whole_minutes();
    let what = if sent.fresh {
        format!("A password reset code was sent to {shown}")
    } else {
        format!("A password reset code sent to {shown} earlier is still valid; none was sent again")
    };
    Ok(Answer::Said {
        text: format!(
            "{what}. The person enters it at {page} (it expires within {minutes} minutes), then \
             chooses a new password. No password was set."
        ),
        json: json!({
            "account": account,
            "sent": sent.fresh,
            "challenge": sent.id,
            "code_page": page,
        }),
    })
}
