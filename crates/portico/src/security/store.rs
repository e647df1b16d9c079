//! What the Security page reads: the account's live sessions, its passkeys, its linked
//! identities and whether it has a password — in one statement, since each statement is a
//! round trip on the page's path.

use sqlx::PgConnection;
use sqlx::types::ipnetwork::IpNetwork;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::oidc::store::Linked;
use crate::passkeys::store::PasskeyRow;
use crate::sessions::store::LiveSession;

/// The Security page's facts, each list in the order the page shows it.
#[derive(Debug, Default)]
pub struct Overview {
    pub password: bool,
    /// Most recently active first.
    pub sessions: Vec<LiveSession>,
    /// Oldest first.
    pub passkeys: Vec<PasskeyRow>,
    /// Oldest link first; empty unless asked for.
    pub identities: Vec<Linked>,
}

/// One row of the union below: which list it belongs to, and its columns by position.
struct Row {
    kind: String,
    id: Uuid,
    at: OffsetDateTime,
    seen: Option<OffsetDateTime>,
    ip: Option<IpNetwork>,
    text: Option<String>,
    email: Option<String>,
    flag: Option<bool>,
}

/// The account's Security overview at `now`; its linked identities only `with_identities`
/// (when providers are configured at all).
pub async fn overview(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
    with_identities: bool,
) -> sqlx::Result<Overview> {
    let rows = sqlx::query_as!(
        Row,
        r#"select 'a' as "kind!", a.id as "id!", a.created_at as "at!", null::timestamptz as seen,
                  null::inet as ip, null::text as text, null::text as email,
                  a.password_hash is not null as flag
           from accounts a where a.id = $1
           union all
           select 's', s.id, s.created_at, s.last_seen_at, s.ip, s.user_agent, null, null
           from account_sessions s
           where s.account_id = $1 and s.ended_at is null
             and s.idle_expires_at > $2 and s.absolute_expires_at > $2
           union all
           select 'p', p.id, p.created_at, p.last_used_at, null, p.name, null, p.backup_eligible
           from passkeys p where p.account_id = $1
           union all
           select 'i', e.id, e.linked_at, e.last_used_at, null, e.provider_id, e.email, null
           from external_identities e where e.account_id = $1 and $3"#,
        account_id,
        now,
        with_identities
    )
    .fetch_all(conn)
    .await?;
    Ok(fold(rows))
}

fn fold(rows: Vec<Row>) -> Overview {
    let mut overview = Overview::default();
    for row in rows {
        match row.kind.as_str() {
            "a" => overview.password = row.flag.unwrap_or(false),
            "s" => overview.sessions.push(LiveSession {
                id: row.id,
                created_at: row.at,
                last_seen_at: row.seen.unwrap_or(row.at),
                ip: row.ip,
                user_agent: row.text,
            }),
            "p" => overview.passkeys.push(PasskeyRow {
                id: row.id,
                name: row.text.unwrap_or_default(),
                created_at: row.at,
                last_used_at: row.seen,
                backup_eligible: row.flag.unwrap_or(false),
            }),
            "i" => overview.identities.push(Linked {
                id: row.id,
                provider_id: row.text.unwrap_or_default(),
                email: row.email,
                linked_at: row.at,
                last_used_at: row.seen,
            }),
            _ => {}
        }
    }
    overview
        .sessions
        .sort_by_key(|s| std::cmp::Reverse((s.last_seen_at, s.id)));
    overview.passkeys.sort_by_key(|p| (p.created_at, p.id));
    overview.identities.sort_by_key(|i| (i.linked_at, i.id));
    overview
}
