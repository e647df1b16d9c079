//! No `DATABASE_URL`: Portico runs its own PostgreSQL in the data directory.

use portico_blackbox::server::{Portico, PorticoBuilder, http_client};
use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;

async fn start(dir: &std::path::Path) -> Portico {
    PorticoBuilder::new()
        .data_dir(dir)
        .start()
        .await
        .expect("portico starts")
}

/// Connects to the embedded cluster the way an operator would: through its socket.
async fn connect(dir: &std::path::Path) -> sqlx::PgConnection {
    PgConnectOptions::new()
        .socket(dir.join("pg"))
        .username("portico")
        .database("portico")
        .connect()
        .await
        .expect("connect to the embedded cluster")
}

#[tokio::test]
async fn embedded_database_serves_survives_restarts_and_is_exclusive() {
    let dir = portico_blackbox::shared_tempdir();
    let portico = start(dir.path()).await;
    let client = http_client();
    let ready = client
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(
        ready.status(),
        200,
        "{}",
        ready.text().await.unwrap_or_default()
    );
    let landing = client.get(portico.url("/")).send().await.expect("landing");
    assert_eq!(landing.status(), 200);

    let mut conn = connect(dir.path()).await;
    sqlx::query("create table restart_witness (note text)")
        .execute(&mut conn)
        .await
        .expect("create");
    sqlx::query("insert into restart_witness values ('kept')")
        .execute(&mut conn)
        .await
        .expect("insert");
    drop(conn);

    // A second instance on the same data directory refuses at once.
    let second = PorticoBuilder::new()
        .data_dir(dir.path())
        .run()
        .await
        .expect("runs");
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(!second.status.success());
    assert!(
        err.contains("already serving from PORTICO_DATA_DIR"),
        "{err}"
    );
    assert_eq!(
        client
            .get(portico.url("/readyz"))
            .send()
            .await
            .expect("readyz")
            .status(),
        200,
        "the first instance is unaffected"
    );

    let status = portico.stop().await.expect("stops");
    assert_eq!(status.code(), Some(0));
    assert!(
        !dir.path().join("pg/postmaster.pid").exists(),
        "PostgreSQL is stopped with Portico"
    );

    let portico = start(dir.path()).await;
    let mut conn = connect(dir.path()).await;
    let note: String = sqlx::query_scalar("select note from restart_witness")
        .fetch_one(&mut conn)
        .await
        .expect("the data survived the restart");
    assert_eq!(note, "kept");
    drop(conn);
    let secret_before = std::fs::read(dir.path().join("secret.key")).expect("dev secret kept");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
    assert_eq!(
        std::fs::read(dir.path().join("secret.key")).expect("key"),
        secret_before
    );
}

#[tokio::test]
async fn missing_postgres_binaries_say_how_to_get_them() {
    let dir = portico_blackbox::shared_tempdir();
    let empty = tempfile::tempdir().expect("dir");
    let output = PorticoBuilder::new()
        .data_dir(dir.path())
        .env("PORTICO_PG_BIN_DIR", empty.path().display().to_string())
        .run()
        .await
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        err.contains("PORTICO_PG_BIN_DIR") && err.contains("no initdb"),
        "{err}"
    );
}

/// As a normal user the cluster runs as that user, in a private directory of theirs; the
/// suite runs as root, so it borrows `nobody` to check that path.
#[tokio::test]
async fn embedded_database_runs_for_a_normal_user() {
    use std::os::unix::fs::PermissionsExt;
    let nobody = nix::unistd::User::from_name("nobody")
        .expect("user database")
        .expect("a `nobody` user");
    let dir = portico_blackbox::shared_tempdir();
    let private = dir.path().join("private");
    std::fs::create_dir(&private).expect("private dir");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let data = private.join("data");
    std::fs::create_dir(&data).expect("data dir");
    if nix::unistd::geteuid().is_root() {
        for d in [&private, &data] {
            std::os::unix::fs::chown(d, Some(nobody.uid.as_raw()), Some(nobody.gid.as_raw()))
                .expect("chown");
        }
    }
    let mut builder = PorticoBuilder::new().data_dir(&data);
    if nix::unistd::geteuid().is_root() {
        builder = builder.user(nobody.uid.as_raw(), nobody.gid.as_raw());
    }
    let portico = builder.start().await.expect("portico starts");
    let ready = http_client()
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    let owner =
        std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(data.join("pg")).expect("pg dir"));
    let expected = if nix::unistd::geteuid().is_root() {
        nobody.uid.as_raw()
    } else {
        nix::unistd::geteuid().as_raw()
    };
    assert_eq!(
        owner, expected,
        "the cluster belongs to the user who started Portico"
    );
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}

/// Started from a private directory (mode 0700, as `mktemp -d` or root's home make them):
/// as root, the `postgres` user that runs the cluster cannot enter it, so the cluster lives
/// in that user's home, owned by it with mode 0700, linked from the data directory, and is
/// found again at the next start. As a normal user it is simply inside.
#[tokio::test]
async fn embedded_database_runs_from_a_private_directory() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let private = tempfile::tempdir().expect("a private directory");
    std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(0o700))
        .expect("chmod");
    let data = private.path().join(".portico");
    let portico = start(&data).await;
    let client = http_client();
    let ready = client
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(
        ready.status(),
        200,
        "{}",
        ready.text().await.unwrap_or_default()
    );
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));

    let link = data.join("pg");
    let cluster = if nix::unistd::geteuid().is_root() {
        assert!(
            link.is_symlink(),
            "the cluster is kept where postgres can reach it"
        );
        let target = std::fs::read_link(&link).expect("link");
        let postgres = nix::unistd::User::from_name("postgres")
            .expect("users")
            .expect("a postgres user");
        let meta = std::fs::metadata(&target).expect("cluster dir");
        assert_eq!(meta.uid(), postgres.uid.as_raw());
        assert_eq!(meta.mode() & 0o777, 0o700);
        assert!(target.starts_with(&postgres.dir), "{}", target.display());
        target
    } else {
        assert!(link.is_dir() && !link.is_symlink());
        link.clone()
    };

    let portico = start(&data).await;
    let mut conn = connect(&data).await;
    let tables: i64 = sqlx::query_scalar(
        "select count(*) from information_schema.tables where table_name = 'accounts'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the same cluster, migrated");
    assert_eq!(tables, 1);
    drop(conn);
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
    if link.is_symlink() {
        assert_eq!(
            std::fs::read_link(&link).expect("link"),
            cluster,
            "the same place"
        );
        // Outside the temporary directory: the test cleans it up itself.
        std::fs::remove_dir_all(&cluster).expect("remove the cluster");
    }
}

/// A cluster made inside a data directory that the `postgres` user can no longer reach is
/// not moved behind the operator's back: Portico stops at once, naming the directory in the
/// way and what to do.
#[tokio::test]
async fn an_unreachable_cluster_is_named_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    if !nix::unistd::geteuid().is_root() {
        return; // Only a cluster run for root by another user can be out of its reach.
    }
    let dir = portico_blackbox::shared_tempdir();
    let parent = dir.path().join("closed");
    std::fs::create_dir(&parent).expect("dir");
    let data = parent.join("data");
    let portico = start(&data).await;
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let output = PorticoBuilder::new()
        .data_dir(&data)
        .run()
        .await
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        err.contains(&format!("cannot enter {}", parent.display()))
            && err.contains(&format!("chmod o+x {}", parent.display())),
        "{err}"
    );
}
