use std::io::Write;

use super::*;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let env = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
    Config::from_sources(&Sources::new(env, None)?)
}

fn error(vars: &[(&str, &str)]) -> String {
    config(vars)
        .expect_err("configuration should be refused")
        .to_string()
}

#[test]
fn defaults_need_nothing_in_development() {
    let c = config(&[]).expect("defaults");
    assert_eq!(c.env, Environment::Development);
    assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(c.public_url.as_str(), "http://127.0.0.1:8080/");
    assert_eq!(c.data_dir, PathBuf::from("./.portico"));
    assert!(matches!(
        c.database,
        DatabaseConfig::Embedded { bin_dir: None }
    ));
    assert!(c.secret_key.is_none());
}

#[test]
fn unparseable_bind_names_the_variable() {
    let message = error(&[("PORTICO_BIND", "localhost:eighty")]);
    assert!(
        message.starts_with("PORTICO_BIND: invalid value"),
        "{message}"
    );
}

#[test]
fn a_public_url_derived_from_port_zero_takes_the_port_bound() {
    let mut c = config(&[("PORTICO_BIND", "127.0.0.1:0")]).expect("config");
    c.bound_to_port(41234);
    assert_eq!(c.public_url.as_str(), "http://127.0.0.1:41234/");
    let mut c = config(&[
        ("PORTICO_BIND", "127.0.0.1:0"),
        ("PORTICO_PUBLIC_URL", "https://portal.example.com/"),
    ])
    .expect("config");
    c.bound_to_port(41234);
    assert_eq!(
        c.public_url.as_str(),
        "https://portal.example.com/",
        "a configured URL is kept"
    );
}

#[test]
fn production_requires_a_secret_key_and_public_url() {
    let message = error(&[
        ("PORTICO_ENV", "production"),
        ("PORTICO_PUBLIC_URL", "https://id.example.com"),
        ("DATABASE_URL", "postgres://db.internal/portico"),
    ]);
    assert!(
        message.starts_with("PORTICO_SECRET_KEY is not set"),
        "{message}"
    );
    let message = error(&[("PORTICO_ENV", "production")]);
    assert!(
        message.starts_with("PORTICO_PUBLIC_URL is not set"),
        "{message}"
    );
}

#[test]
fn production_refuses_the_embedded_database() {
    let message = error(&[
        ("PORTICO_ENV", "production"),
        ("PORTICO_PUBLIC_URL", "https://id.example.com"),
        (
            "PORTICO_SECRET_KEY",
            "production-secret-key-0123456789abcdef",
        ),
    ]);
    assert!(message.starts_with("DATABASE_URL is not set"), "{message}");
}

#[test]
fn production_refuses_the_dev_outbox_and_needs_a_sender() {
    let production = [
        ("PORTICO_ENV", "production"),
        ("PORTICO_PUBLIC_URL", "https://id.example.com"),
        (
            "PORTICO_SECRET_KEY",
            "production-secret-key-0123456789abcdef",
        ),
        ("DATABASE_URL", "postgres://db.internal/portico"),
    ];
    let message = error(&production);
    assert!(
        message.starts_with("PORTICO_SMTP_URL is not set"),
        "{message}"
    );
    let mut with_smtp = production.to_vec();
    with_smtp.push(("PORTICO_SMTP_URL", "smtp://mail.example.com"));
    let message = error(&with_smtp);
    assert!(
        message.starts_with("PORTICO_MAIL_FROM is not set"),
        "{message}"
    );
    with_smtp.push(("PORTICO_MAIL_FROM", "Portico <no-reply@example.com>"));
    let c = config(&with_smtp).expect("valid");
    assert!(c.delivery.twilio.is_none(), "SMS stay optional");
}

#[test]
fn twilio_needs_a_token_and_exactly_one_sender() {
    let sid = (
        "PORTICO_TWILIO_ACCOUNT_SID",
        "AC0123456789abcdef0123456789abcdef",
    );
    let message = error(&[sid]);
    assert!(
        message.starts_with("PORTICO_TWILIO_AUTH_TOKEN is not set"),
        "{message}"
    );
    let token = ("PORTICO_TWILIO_AUTH_TOKEN", "token-not-for-logs");
    let message = error(&[sid, token]);
    assert!(
        message.starts_with("PORTICO_TWILIO_FROM is not set"),
        "{message}"
    );
    let message = error(&[
        sid,
        token,
        ("PORTICO_TWILIO_FROM", "+15005550006"),
        (
            "PORTICO_TWILIO_MESSAGING_SERVICE_SID",
            "MG0123456789abcdef0123456789abcdef",
        ),
    ]);
    assert!(
        message.starts_with("PORTICO_TWILIO_MESSAGING_SERVICE_SID: invalid"),
        "{message}"
    );
    let message = error(&[("PORTICO_TWILIO_ACCOUNT_SID", "nope")]);
    assert!(
        message.starts_with("PORTICO_TWILIO_ACCOUNT_SID: invalid"),
        "{message}"
    );
    let c = config(&[sid, token, ("PORTICO_TWILIO_FROM", "+15005550006")]).expect("valid");
    let twilio = c.delivery.twilio.expect("configured");
    assert_eq!(twilio.base_url.as_str(), "https://api.twilio.com/");
    assert!(!format!("{twilio:?}").contains("token-not-for-logs"));
}

#[test]
fn sms_countries_are_calling_codes() {
    let c = config(&[("PORTICO_SMS_COUNTRIES", "1, +44,49")]).expect("valid");
    assert_eq!(c.delivery.limits.sms_countries, vec![1, 44, 49]);
    let message = error(&[("PORTICO_SMS_COUNTRIES", "GB")]);
    assert!(
        message.starts_with("PORTICO_SMS_COUNTRIES: invalid"),
        "{message}"
    );
}

#[test]
fn sms_number_types_default_to_mobile_ones() {
    use crate::contact::PhoneKind;
    let c = config(&[]).expect("valid");
    assert_eq!(
        c.delivery.limits.sms_number_types,
        vec![PhoneKind::Mobile, PhoneKind::FixedLineOrMobile]
    );
    let c = config(&[("PORTICO_SMS_NUMBER_TYPES", "mobile, voip")]).expect("valid");
    assert_eq!(
        c.delivery.limits.sms_number_types,
        vec![PhoneKind::Mobile, PhoneKind::Voip]
    );
    let message = error(&[("PORTICO_SMS_NUMBER_TYPES", "mobile,cell")]);
    assert!(
        message.starts_with("PORTICO_SMS_NUMBER_TYPES: invalid"),
        "{message}"
    );
}

#[test]
fn short_secret_key_is_refused_without_echoing_it() {
    let message = error(&[("PORTICO_SECRET_KEY", "hunter2-is-short")]);
    assert!(message.contains("PORTICO_SECRET_KEY"), "{message}");
    assert!(!message.contains("hunter2"), "the secret leaked: {message}");
}

#[test]
fn database_url_password_is_redacted_in_errors_and_debug() {
    let message = error(&[("DATABASE_URL", "mysql://u:pw-secret@h/db")]);
    assert!(message.contains("DATABASE_URL"), "{message}");
    assert!(!message.contains("pw-secret"), "{message}");
    let c = config(&[("DATABASE_URL", "postgres://u:pw-secret@h/db")]).expect("valid");
    assert!(!format!("{c:?}").contains("pw-secret"));
    assert!(c.summary().iter().all(|(_, v)| !v.contains("pw-secret")));
}

#[test]
fn unknown_environment_is_refused() {
    let message = error(&[("PORTICO_ENV", "staging")]);
    assert!(
        message.starts_with("PORTICO_ENV: invalid value \"staging\""),
        "{message}"
    );
}

#[test]
fn file_values_apply_and_environment_wins() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    writeln!(
        file,
        "bind = \"0.0.0.0:9000\"\nrequest_timeout_secs = 5\ndata_dir = \"/var/lib/portico\""
    )
    .expect("write");
    let env = [("PORTICO_DATA_DIR".to_owned(), "/srv/portico".to_owned())];
    let c =
        Config::from_sources(&Sources::new(env, Some(file.path())).expect("read")).expect("valid");
    assert_eq!(c.bind.to_string(), "0.0.0.0:9000");
    assert_eq!(c.public_url.as_str(), "http://localhost:9000/");
    assert_eq!(c.request_timeout, Duration::from_secs(5));
    assert_eq!(c.data_dir, PathBuf::from("/srv/portico"));
}

#[test]
fn file_errors_name_the_key_and_the_file() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    writeln!(file, "bind = \"nope\"").expect("write");
    let sources = Sources::new(Vec::new(), Some(file.path())).expect("read");
    let message = Config::from_sources(&sources)
        .expect_err("refused")
        .to_string();
    assert!(message.starts_with("`bind` in "), "{message}");

    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    writeln!(file, "bnid = \"127.0.0.1:1\"").expect("write");
    let message = Sources::new(Vec::new(), Some(file.path()))
        .expect_err("refused")
        .to_string();
    assert!(message.contains("unknown setting `bnid`"), "{message}");
}

#[test]
fn generated_secret_key_is_kept_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let first = SecretKey::load_or_generate(dir.path()).expect("generate");
    let second = SecretKey::load_or_generate(dir.path()).expect("load");
    assert_eq!(first.expose(), second.expose());
    assert!(first.expose().len() >= 32);
    let mode = std::fs::metadata(dir.path().join(secret_key::FILE_NAME))
        .expect("key file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn every_setting_is_documented_in_env_example_and_readme() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let example = std::fs::read_to_string(format!("{root}/.env.example")).expect(".env.example");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    for key in sources::FILE_KEYS {
        let name = match *key {
            "database_url" => "DATABASE_URL".to_owned(),
            other => format!("PORTICO_{}", other.to_ascii_uppercase()),
        };
        assert!(
            example.contains(&name),
            ".env.example does not document {name}"
        );
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md does not document {name}"
        );
    }
}

#[test]
fn the_default_region_is_a_country_with_phone_numbers() {
    let c = config(&[("PORTICO_DEFAULT_REGION", "gb")]).expect("valid");
    assert_eq!(c.default_region.as_deref(), Some("GB"));
    assert_eq!(config(&[]).expect("valid").default_region, None);
    let message = error(&[("PORTICO_DEFAULT_REGION", "Britain")]);
    assert!(
        message.starts_with("PORTICO_DEFAULT_REGION: invalid"),
        "{message}"
    );
}

#[test]
fn secrets_can_be_read_from_the_files_their_file_variables_name() {
    let dir = tempfile::tempdir().expect("dir");
    let current = dir.path().join("current");
    let previous = dir.path().join("previous");
    std::fs::write(&current, "current-key-0123456789abcdef0123456789\n").expect("write");
    std::fs::write(&previous, "previous-key-0123456789abcdef012345678").expect("write");
    let c = config(&[
        ("PORTICO_SECRET_KEY_FILE", current.to_str().expect("utf-8")),
        (
            "PORTICO_SECRET_KEY_PREVIOUS_FILE",
            previous.to_str().expect("utf-8"),
        ),
    ])
    .expect("valid");
    assert_eq!(
        c.secret_key.expect("current").expose(),
        b"current-key-0123456789abcdef0123456789"
    );
    assert_eq!(
        c.secret_key_previous.expect("previous").expose(),
        b"previous-key-0123456789abcdef012345678"
    );

    let both = error(&[
        (
            "PORTICO_SECRET_KEY",
            "current-key-0123456789abcdef0123456789",
        ),
        ("PORTICO_SECRET_KEY_FILE", current.to_str().expect("utf-8")),
    ]);
    assert!(both.contains("both set"), "{both}");
    let missing = error(&[("PORTICO_SECRET_KEY_FILE", "/nonexistent/portico-key")]);
    assert!(
        missing.starts_with("PORTICO_SECRET_KEY_FILE: cannot read /nonexistent/portico-key"),
        "{missing}"
    );
    std::fs::write(&previous, "short").expect("write");
    let short = error(&[(
        "PORTICO_SECRET_KEY_PREVIOUS_FILE",
        previous.to_str().expect("utf-8"),
    )]);
    assert!(
        short.starts_with("PORTICO_SECRET_KEY_PREVIOUS_FILE (") && !short.contains("short"),
        "{short}"
    );
}

#[test]
fn a_database_url_may_list_several_hosts_as_libpq_does() {
    let url =
        "postgres://portico:pw-secret@db1:5432,db2:5433/portico?target_session_attrs=read-write";
    let c = config(&[("DATABASE_URL", url)]).expect("valid");
    let shown = c
        .summary()
        .into_iter()
        .find(|(k, _)| *k == "DATABASE_URL")
        .expect("listed")
        .1;
    assert!(
        shown.contains("db1:5432") && shown.contains("db2:5433") && !shown.contains("pw-secret"),
        "{shown}"
    );
    let message = error(&[("DATABASE_URL", "postgres://u:pw-secret@db1:x,db2/portico")]);
    assert!(
        message.starts_with("DATABASE_URL: invalid value") && !message.contains("pw-secret"),
        "{message}"
    );
}
