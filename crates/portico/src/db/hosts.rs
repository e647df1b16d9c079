//! `DATABASE_URL` in libpq's multi-host form, `postgres://u@h1:p1,h2:p2/db?target_session_attrs=read-write`:
//! sqlx connects to one host only and ignores `target_session_attrs`, so Portico splits the
//! URL into one URL per host and chooses the host itself (see `db::follow_primary`).

/// The hosts of a `DATABASE_URL`, each as a single-host URL, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    pub urls: Vec<String>,
    /// `target_session_attrs=read-write` (or `primary`): only a host that takes writes will do.
    pub need_primary: bool,
}

impl Hosts {
    /// Whether there is anything to choose: more than one host, or a primary to find.
    pub fn choosing(&self) -> bool {
        self.urls.len() > 1 || self.need_primary
    }
}

/// Splits `url`; an error names what is wrong, for the operator.
pub fn parse(url: &str) -> Result<Hosts, String> {
    let (scheme, rest) = url
        .split_once("://")
        .filter(|(s, _)| matches!(*s, "postgres" | "postgresql"))
        .ok_or("expected a postgres:// URL")?;
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hosts) = match authority.rsplit_once('@') {
        Some((user, hosts)) => (format!("{user}@"), hosts),
        None => (String::new(), authority),
    };
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let mut need_primary = false;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("target_session_attrs", value)) => {
                need_primary = match value {
                    "read-write" | "primary" => true,
                    "any" => false,
                    _ => {
                        return Err(format!(
                            "target_session_attrs={value} is not supported (read-write, primary or any)"
                        ));
                    }
                };
            }
            _ => kept.push(pair),
        }
    }
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    let urls = hosts
        .split(',')
        .map(|host| {
            if host.is_empty() {
                return Err("a host is empty".to_owned());
            }
            let single = format!("{scheme}://{userinfo}{host}{path}{query}");
            url::Url::parse(&single)
                .map_err(|e| format!("host {host:?}: {e}"))
                .map(|_| single)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Hosts { urls, need_primary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_hosts_become_one_url_each_with_the_rest_kept() {
        let hosts = parse(
            "postgres://portico:pw@db1:5432,db2:5433/portico?sslmode=disable&target_session_attrs=read-write",
        )
        .expect("valid");
        assert_eq!(
            hosts.urls,
            [
                "postgres://portico:pw@db1:5432/portico?sslmode=disable",
                "postgres://portico:pw@db2:5433/portico?sslmode=disable",
            ]
        );
        assert!(hosts.need_primary && hosts.choosing());
    }

    #[test]
    fn one_host_is_as_before() {
        let hosts = parse("postgresql://u@h/db").expect("valid");
        assert_eq!(hosts.urls, ["postgresql://u@h/db"]);
        assert!(!hosts.need_primary && !hosts.choosing());
        let any = parse("postgres://u@h1,h2/db?target_session_attrs=any").expect("valid");
        assert!(!any.need_primary && any.choosing());
    }

    #[test]
    fn nonsense_is_named() {
        assert!(parse("mysql://u@h/db").is_err());
        assert!(
            parse("postgres://u@h1,,h2/db")
                .expect_err("refused")
                .contains("empty")
        );
        assert!(
            parse("postgres://u@h1:x,h2/db")
                .expect_err("refused")
                .contains("h1:x")
        );
        assert!(
            parse("postgres://u@h/db?target_session_attrs=standby")
                .expect_err("refused")
                .contains("not supported")
        );
    }
}
