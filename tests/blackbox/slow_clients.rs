//! Clients that send their request headers a byte at a time (slowloris): their connections
//! are closed once the header deadline passes, sooner for an address holding more than its
//! share, and the server keeps answering everyone else meanwhile.

use std::time::{Duration, Instant};

use portico_blackbox::database::fresh_database;
use portico_blackbox::server::{PorticoBuilder, http_client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SLOW: usize = 500;
const HEADER_TIMEOUT_SECS: u64 = 4;
const SHARE: usize = 100;

/// Opens a connection that starts a request and then sends one header byte every 200 ms
/// for as long as the server keeps it; returns how long the server kept it.
async fn slow_client(addr: std::net::SocketAddr) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: portal.test\r\nX-Slow: ")
        .await
        .expect("write");
    let mut buf = [0u8; 512];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => match read {
                // Closed (or answered and closed): the server let go.
                Ok(0) | Err(_) => return started.elapsed(),
                Ok(_) => {}
            },
            () = tokio::time::sleep(Duration::from_millis(200)) => {
                if stream.write_all(b"a").await.is_err() {
                    return started.elapsed();
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "a slow client was held for 30 s"
        );
    }
}

#[tokio::test]
async fn slow_headers_are_cut_off_and_others_are_still_served() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env(
            "PORTICO_HEADER_TIMEOUT_SECS",
            HEADER_TIMEOUT_SECS.to_string(),
        )
        .env("PORTICO_MAX_CONNECTIONS_PER_IP", SHARE.to_string())
        .start()
        .await
        .expect("portico starts");
    let addr: std::net::SocketAddr = portico
        .base_url
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let slow: Vec<_> = (0..SLOW).map(|_| tokio::spawn(slow_client(addr))).collect();

    // Meanwhile, a prompt client (from the same address, even) is answered.
    let http = http_client();
    for _ in 0..5 {
        let r = http.get(portico.url("/signin")).send().await.expect("get");
        assert_eq!(r.status(), 200);
    }

    let mut held = Vec::new();
    for task in slow {
        held.push(task.await.expect("slow client"));
    }
    held.sort();
    let deadline = Duration::from_secs(HEADER_TIMEOUT_SECS);
    let longest = *held.last().expect("some");
    assert!(
        longest < deadline + Duration::from_secs(3),
        "the slowest was held {longest:?}"
    );
    // Past its share of 100, an address's connections get a 1 s deadline instead.
    let cut_early = held.iter().filter(|d| **d < deadline).count();
    assert!(
        cut_early >= SLOW - SHARE - 10,
        "{cut_early} of {SLOW} were cut before the full deadline"
    );
    let r = http.get(portico.url("/signin")).send().await.expect("get");
    assert_eq!(r.status(), 200);
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
