//! A TCP gate in front of a server: open, it forwards each connection; closed, it drops new
//! connections at once and cuts those it was forwarding, as a portal outage looks to a
//! client (kept-alive connections included). Lets a test cut a client off a real server and
//! let it back, without restarting the server.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Debug)]
pub struct Gate {
    pub addr: SocketAddr,
    open: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Gate {
    /// A gate on a free local port to `target`, open.
    pub async fn to(target: SocketAddr) -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (open, is_open) = watch::channel(true);
        let task = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !*is_open.borrow() {
                    drop(inbound);
                    continue;
                }
                let mut until_closed = is_open.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = until_closed.wait_for(|open| !*open) => {}
                    }
                });
            }
        });
        Ok(Self { addr, open, task })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// New connections are dropped from now on, and those being forwarded are cut.
    pub fn close(&self) {
        self.open.send_replace(false);
    }

    pub fn open(&self) {
        self.open.send_replace(true);
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        self.task.abort();
    }
}
