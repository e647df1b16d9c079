//! The command line an operator meets: help, configuration errors, check-config.

use portico_blackbox::server::PorticoBuilder;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A configuration error: non-zero exit, one line naming the problem, no panic.
async fn refused(builder: PorticoBuilder) -> String {
    let output = builder.run().await.expect("portico runs");
    let err = stderr(&output);
    assert!(
        !output.status.success(),
        "should exit non-zero; stderr: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, got: {err}");
    lines[0].to_owned()
}

#[tokio::test]
async fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["worker", "--help"],
        &["admin", "--help"],
        &["admin", "check-config", "--help"],
        &["admin", "clients", "--help"],
        &["admin", "clients", "add", "--help"],
        &["admin", "clients", "rotate-secret", "--help"],
        &["admin", "accounts", "--help"],
        &["admin", "accounts", "disable", "--help"],
        &["admin", "outbox", "list", "--help"],
        &["admin", "outbox", "retry", "--help"],
        &["admin", "devices", "revoke", "--help"],
        &["admin", "purge", "--help"],
    ] {
        let output = PorticoBuilder::new().args(args).run().await.expect("runs");
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
}

#[tokio::test]
async fn unparseable_bind_address_is_refused_by_name() {
    let line = refused(PorticoBuilder::new().env("PORTICO_BIND", "127.0.0.1:http")).await;
    assert!(line.contains("PORTICO_BIND"), "{line}");
}

#[tokio::test]
async fn production_without_a_secret_key_is_refused() {
    let line = refused(
        PorticoBuilder::new()
            .env("PORTICO_ENV", "production")
            .env("PORTICO_PUBLIC_URL", "https://id.example.com")
            .database_url("postgres://db.internal/portico"),
    )
    .await;
    assert!(line.contains("PORTICO_SECRET_KEY is not set"), "{line}");
}

#[tokio::test]
async fn unreachable_database_is_refused_without_leaking_the_password() {
    let port = portico_blackbox::free_port();
    let url = format!("postgres://portico:pw-not-for-logs@127.0.0.1:{port}/portico");
    let dir = portico_blackbox::shared_tempdir();
    let line = refused(
        PorticoBuilder::new()
            .data_dir(dir.path())
            .database_url(&url),
    )
    .await;
    assert!(line.contains("cannot connect to the database"), "{line}");
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");
    assert!(!line.contains("pw-not-for-logs"), "{line}");
}

#[tokio::test]
async fn check_config_prints_the_configuration_with_secrets_redacted() {
    let output = PorticoBuilder::new()
        .args(&["admin", "check-config"])
        .database_url("postgres://u:pw-not-for-logs@db.internal/portico")
        .env(
            "PORTICO_SECRET_KEY",
            "a-secret-that-is-long-enough-0123456789",
        )
        .run()
        .await
        .expect("runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("db.internal"), "{text}");
    assert!(
        !text.contains("pw-not-for-logs") && !text.contains("a-secret-that"),
        "{text}"
    );
    assert!(text.contains("configuration is valid"), "{text}");
}

#[tokio::test]
async fn check_config_reads_a_toml_file_and_names_its_bad_key() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("portico.toml");
    std::fs::write(&path, "request_timeout_secs = \"soon\"\n").expect("write");
    let path = path.display().to_string();
    let line =
        refused(PorticoBuilder::new().args(&["--config", &path, "admin", "check-config"])).await;
    assert!(
        line.contains("`request_timeout_secs` in") && line.contains("portico.toml"),
        "{line}"
    );
}

#[tokio::test]
async fn check_config_lists_oidc_providers_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("portico.toml");
    let provider = |issuer: &str| {
        format!(
            "[[oidc_providers]]\nid = \"corp\"\nname = \"Corp\"\nissuer = \"{issuer}\"\nclient_id = \"portico\"\nclient_secret = \"very-secret-value\"\n"
        )
    };
    std::fs::write(&path, provider("https://login.example.com/tenant/v2.0")).expect("write");
    let shown = path.display().to_string();
    let out = PorticoBuilder::new()
        .args(&["--config", &shown, "admin", "check-config"])
        .run()
        .await
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("corp (https://login.example.com/tenant/v2.0)"),
        "{text}"
    );
    assert!(
        !text.contains("very-secret-value"),
        "the secret is never shown"
    );

    std::fs::write(&path, provider("http://login.example.com")).expect("write");
    let line =
        refused(PorticoBuilder::new().args(&["--config", &shown, "admin", "check-config"])).await;
    assert!(
        line.contains("oidc_providers.corp") && line.contains("https"),
        "{line}"
    );
}

#[tokio::test]
async fn operators_add_list_rotate_and_remove_apps() {
    let db = portico_blackbox::database::fresh_database()
        .await
        .expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("portico.toml");
    std::fs::write(
        &config,
        r#"
[[oidc_clients]]
id = "from-file"
name = "From the file"
public = true
redirect_uris = ["https://file.example/cb"]
"#,
    )
    .expect("config");
    let run = |args: &[&str]| {
        PorticoBuilder::new()
            .data_dir(dir.path())
            .database_url(&db)
            .env("PORTICO_CONFIG", config.display().to_string())
            .args(args)
            .run()
    };
    let stdout = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();

    // The file's clients reach the database when the portal starts.
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_CONFIG", config.display().to_string())
        .start()
        .await
        .expect("starts");
    let _ = portico.process.signal(nix::sys::signal::Signal::SIGTERM);
    let _ = portico
        .process
        .wait(std::time::Duration::from_secs(30))
        .await;

    let added = run(&[
        "admin",
        "clients",
        "add",
        "--id",
        "wiki",
        "--name",
        "Team wiki",
        "--redirect-uri",
        "https://wiki.example/cb",
        "--scope",
        "email",
    ])
    .await
    .expect("runs");
    assert!(added.status.success(), "{}", stderr(&added));
    let text = stdout(&added);
    let secret = text
        .lines()
        .find_map(|l| l.strip_prefix("client_secret: "))
        .expect("the secret is printed")
        .to_owned();
    assert!(secret.len() >= 43, "256 bits");
    assert!(text.contains("secret_hash:   sha256:"));

    let listed = stdout(&run(&["admin", "clients", "list"]).await.expect("runs"));
    assert!(
        listed.contains("wiki\tTeam wiki\tconfidential\topenid email"),
        "{listed}"
    );
    let as_json: serde_json::Value = serde_json::from_str(&stdout(
        &run(&["admin", "clients", "list", "--json"])
            .await
            .expect("runs"),
    ))
    .expect("JSON");
    let wiki = as_json
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "wiki"))
        .expect("wiki listed");
    assert_eq!(wiki["public"], false);
    assert_eq!(wiki["source"], "admin");
    assert!(!as_json.to_string().contains("sha256"), "no secret hash");
    assert!(
        listed.contains("from-file") && listed.contains("configuration file"),
        "{listed}"
    );
    assert!(!listed.contains(&secret), "the secret is shown once");

    let again = run(&[
        "admin",
        "clients",
        "add",
        "--id",
        "wiki",
        "--name",
        "x",
        "--redirect-uri",
        "https://x.example/cb",
    ])
    .await
    .expect("runs");
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already registered"),
        "{}",
        stderr(&again)
    );

    let rotated = run(&["admin", "clients", "rotate-secret", "wiki"])
        .await
        .expect("runs");
    assert!(rotated.status.success(), "{}", stderr(&rotated));
    assert!(!stdout(&rotated).contains(&secret), "a new secret");

    let from_file = run(&["admin", "clients", "remove", "from-file"])
        .await
        .expect("runs");
    assert!(!from_file.status.success());
    assert!(
        stderr(&from_file).contains("configuration file"),
        "{}",
        stderr(&from_file)
    );
    let removed = run(&["admin", "clients", "remove", "wiki"])
        .await
        .expect("runs");
    assert!(removed.status.success(), "{}", stderr(&removed));
    let listed = stdout(&run(&["admin", "clients", "list"]).await.expect("runs"));
    assert!(!listed.contains("Team wiki"), "{listed}");
}
