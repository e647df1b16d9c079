//! `portico admin`: the operator's command line. Same configuration and database as
//! `serve`; tables for people, `--json` for scripts; every change asks for `--yes` and a
//! `--reason`, and is written to the account's audit trail with the operator as actor.

pub mod accounts;
pub mod devices;
pub mod keys;
pub mod outbox;
mod reset;
pub mod store;

use serde::Serialize;

/// How a command that changes something was asked for.
#[derive(Debug, Clone, clap::Args)]
pub struct Change {
    /// Why (kept in the audit trail with the operator's name).
    #[arg(long)]
    pub reason: String,
    /// Do it: without it the command only says what it would do, and exits 2.
    #[arg(long)]
    pub yes: bool,
}

impl Change {
    /// The operator, as the audit trail names them: `$SUDO_USER`, else `$USER`.
    pub fn operator() -> String {
        std::env::var("SUDO_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "unknown".to_owned())
    }

    /// The audit event's details: the operator, the reason, and what else the change says.
    pub fn details(&self, extra: serde_json::Value) -> serde_json::Value {
        let mut details = serde_json::json!({
            "by": "operator",
            "operator": Self::operator(),
            "reason": self.reason,
        });
        if let (Some(map), serde_json::Value::Object(more)) = (details.as_object_mut(), extra) {
            map.extend(more);
        }
        details
    }
}

/// What a command answers: printed as a table (or lines) for people, JSON for scripts.
#[derive(Debug)]
pub enum Answer {
    /// Rows under headers.
    Table {
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        json: serde_json::Value,
    },
    /// A sentence (or a few), and the JSON for scripts.
    Said {
        text: String,
        json: serde_json::Value,
    },
}

impl Answer {
    pub fn table<T: Serialize>(
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        items: &T,
    ) -> Self {
        Self::Table {
            headers,
            rows,
            json: serde_json::to_value(items).unwrap_or_default(),
        }
    }

    /// The text to print.
    pub fn render(&self, json: bool) -> String {
        match (self, json) {
            (Self::Table { json: j, .. } | Self::Said { json: j, .. }, true) => {
                serde_json::to_string_pretty(j).unwrap_or_default()
            }
            (Self::Said { text, .. }, false) => text.clone(),
            (Self::Table { headers, rows, .. }, false) => table(headers, rows),
        }
    }
}

/// Columns padded to their widest cell.
fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = vec![line(headers.to_vec())];
    out.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    if rows.is_empty() {
        out.push("(none)".to_owned());
    }
    out.join("\n")
}

/// The "client" an operator's change is recorded from: no address, the tool and who ran it.
pub fn operator_client() -> crate::http::client::ClientInfo {
    crate::http::client::ClientInfo {
        browser: None,
        ip: None,
        user_agent: Some(format!("portico admin ({})", Change::operator())),
    }
}

/// Refuses unless the operator said `--yes`, naming what would happen.
pub fn confirmed(change: &Change, would: &str) -> anyhow::Result<()> {
    if change.yes {
        Ok(())
    } else {
        Err(Refused(format!(
            "this would {would}; run it again with --yes to do it"
        ))
        .into())
    }
}

/// A refusal the operator must act on: printed on stderr, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_columns_and_say_none() {
        let rows = vec![vec!["a".to_owned(), "long value".to_owned()]];
        assert_eq!(table(&["key", "v"], &rows), "key  v\na    long value");
        assert_eq!(table(&["key"], &[]), "key\n(none)");
    }

    #[test]
    fn details_name_the_operator_and_reason() {
        let change = Change {
            reason: "support ticket 42".to_owned(),
            yes: true,
        };
        let d = change.details(serde_json::json!({ "sessions_ended": 2 }));
        assert_eq!(d["by"], "operator");
        assert_eq!(d["reason"], "support ticket 42");
        assert_eq!(d["sessions_ended"], 2);
        assert!(d["operator"].is_string());
    }
}
