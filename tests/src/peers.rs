//! Real peers from `tests/peers` (npm) and Debian, each on ports of its own.

use std::time::Duration;

use anyhow::Context;
use tokio::process::Command;

use crate::process::Process;

fn node_module(path: &str) -> anyhow::Result<std::path::PathBuf> {
    let full = crate::repo_root()
        .join("tests/peers/node_modules")
        .join(path);
    if !full.exists() {
        anyhow::bail!(
            "{} is missing: run `npm ci --prefix tests/peers` (scripts/test does)",
            full.display()
        );
    }
    Ok(full)
}

/// maildev: an SMTP server whose messages can be read back over its REST API.
#[derive(Debug)]
pub struct Maildev {
    pub smtp_port: u16,
    pub web_port: u16,
    _process: Process,
    _dir: tempfile::TempDir,
}

impl Maildev {
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_on(crate::free_port()).await
    }

    /// Starts maildev with its SMTP server on `smtp_port` (e.g. a port a test first used
    /// while nothing listened there).
    pub async fn start_on(smtp_port: u16) -> anyhow::Result<Self> {
        let bin = node_module("maildev/dist/bin/maildev.js")?;
        let dir = tempfile::tempdir()?;
        let web_port = crate::free_port();
        let mut command = Command::new("node");
        command
            .arg(bin)
            .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp"])
            .arg(smtp_port.to_string())
            .arg("--web")
            .arg(web_port.to_string())
            .arg("--mail-directory")
            .arg(dir.path());
        let mut process = Process::spawn("maildev", command)?;
        process
            .wait_for_line(r"Press Ctrl\+C to stop", Duration::from_secs(30))
            .await
            .context("maildev did not start")?;
        Ok(Self {
            smtp_port,
            web_port,
            _process: process,
            _dir: dir,
        })
    }

    /// The messages maildev has received (its v3 REST API).
    pub async fn messages(&self) -> anyhow::Result<Vec<serde_json::Value>> {
        let url = format!("http://127.0.0.1:{}/api/email", self.web_port);
        let response = crate::server::http_client().get(url).send().await?;
        Ok(response.error_for_status()?.json().await?)
    }
}

/// Twilio's Messages API as tests see it: prism, checking each request against Twilio's
/// official OpenAPI spec, in front of a recorder that answers like Twilio.
#[derive(Debug)]
pub struct Twilio {
    /// Give this to Portico as `PORTICO_TWILIO_BASE_URL`.
    pub base_url: String,
    recorder_url: String,
    _recorder: Process,
    _prism: Process,
}

impl Twilio {
    pub async fn start() -> anyhow::Result<Self> {
        let recorder_port = crate::free_port();
        let mut command = Command::new("node");
        command
            .arg(crate::repo_root().join("tests/peers/twilio-recorder.mjs"))
            .arg(recorder_port.to_string());
        let mut recorder = Process::spawn("twilio-recorder", command)?;
        recorder
            .wait_for_line("twilio-recorder listening", Duration::from_secs(30))
            .await?;
        let prism_port = crate::free_port();
        let mut command = Command::new("node");
        command
            .arg(node_module("@stoplight/prism-cli/dist/index.js")?)
            .args(["proxy", "--errors", "-h", "127.0.0.1", "-p"])
            .arg(prism_port.to_string())
            .arg(node_module(
                "@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json",
            )?)
            .arg(format!("http://127.0.0.1:{recorder_port}"));
        let mut prism = Process::spawn("prism", command)?;
        prism
            .wait_for_line("Prism is listening", Duration::from_secs(60))
            .await?;
        Ok(Self {
            base_url: format!("http://127.0.0.1:{prism_port}"),
            recorder_url: format!("http://127.0.0.1:{recorder_port}"),
            _recorder: recorder,
            _prism: prism,
        })
    }

    /// Every send request that reached the recorder (prism passed it), oldest first:
    /// `{accountSid, auth, form: {To, From, Body, StatusCallback, …}}`.
    pub async fn messages(&self) -> anyhow::Result<Vec<serde_json::Value>> {
        let url = format!("{}/__messages", self.recorder_url);
        let response = crate::server::http_client().get(url).send().await?;
        Ok(response.error_for_status()?.json().await?)
    }

    /// Makes the next `count` sends fail with `status`.
    pub async fn fail_next(&self, status: u16, count: u32) -> anyhow::Result<()> {
        let url = format!(
            "{}/__control/fail?status={status}&count={count}",
            self.recorder_url
        );
        crate::server::http_client()
            .post(url)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}

/// An SMTP server that requires STARTTLS and AUTH (Debian's python3-aiosmtpd), with a
/// certificate from a throwaway CA.
#[derive(Debug)]
pub struct SmtpTls {
    pub port: u16,
    /// The CA certificate to trust (`PORTICO_SMTP_CA_FILE`).
    pub ca_file: std::path::PathBuf,
    maildir: std::path::PathBuf,
    _process: Process,
    _dir: tempfile::TempDir,
}

impl SmtpTls {
    pub async fn start(user: &str, password: &str) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let ca_key = rcgen::KeyPair::generate()?;
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new())?;
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Portico test CA");
        let ca = ca_params.self_signed(&ca_key)?;
        let issuer = rcgen::Issuer::new(ca_params, ca_key);
        let key = rcgen::KeyPair::generate()?;
        let mut params =
            rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])?;
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "127.0.0.1");
        let cert = params.signed_by(&key, &issuer)?;
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca.pem())?;
        std::fs::write(dir.path().join("cert.pem"), cert.pem())?;
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem())?;
        let maildir = dir.path().join("mail");
        std::fs::create_dir(&maildir)?;

        let port = crate::free_port();
        let mut command = Command::new("/usr/bin/python3");
        command
            .arg(crate::repo_root().join("tests/peers/smtp_tls_server.py"))
            .arg(port.to_string())
            .arg(dir.path().join("cert.pem"))
            .arg(dir.path().join("key.pem"))
            .args([user, password])
            .arg(&maildir);
        let mut process = Process::spawn("smtp-tls-server", command)?;
        process
            .wait_for_line("smtp-tls-server ready", Duration::from_secs(30))
            .await
            .context("the STARTTLS SMTP server did not start (apt-get install python3-aiosmtpd)")?;
        Ok(Self {
            port,
            ca_file,
            maildir,
            _process: process,
            _dir: dir,
        })
    }

    /// The raw messages received so far, in arrival order.
    pub fn messages(&self) -> anyhow::Result<Vec<String>> {
        let mut files: Vec<_> = std::fs::read_dir(&self.maildir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort_by_key(|p| p.file_stem().and_then(|s| s.to_str()?.parse::<u32>().ok()));
        Ok(files
            .iter()
            .map(std::fs::read_to_string)
            .collect::<Result<_, _>>()?)
    }
}

/// The `X-Twilio-Signature` Twilio's official Python library computes for this request.
pub async fn twilio_signature(
    auth_token: &str,
    url: &str,
    params: &[(&str, &str)],
) -> anyhow::Result<String> {
    let python = crate::repo_root().join("tests/peers/.venv/bin/python");
    if !python.exists() {
        anyhow::bail!(
            "{} is missing: scripts/test creates it (pip install -r tests/peers/requirements.txt)",
            python.display()
        );
    }
    let params: serde_json::Map<String, serde_json::Value> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String((*v).to_owned())))
        .collect();
    let output = Command::new(python)
        .arg(crate::repo_root().join("tests/peers/twilio_sign.py"))
        .args([
            auth_token,
            url,
            &serde_json::Value::Object(params).to_string(),
        ])
        .output()
        .await?;
    if !output.status.success() {
        anyhow::bail!(
            "twilio_sign.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8(output.stdout)?.trim().to_owned())
}

/// An SMTP server that receives the `hold`-th message and never acknowledges it (Debian's
/// python3-aiosmtpd), and says which Message-IDs it received.
#[derive(Debug)]
pub struct SmtpHold {
    pub port: u16,
    process: Process,
}

impl SmtpHold {
    pub async fn start(hold: usize) -> anyhow::Result<Self> {
        let port = crate::free_port();
        let mut command = Command::new("/usr/bin/python3");
        command
            .arg(crate::repo_root().join("tests/peers/smtp_hold_server.py"))
            .arg(port.to_string())
            .arg(hold.to_string());
        let mut process = Process::spawn("smtp-hold-server", command)?;
        process
            .wait_for_line("smtp-hold-server ready", Duration::from_secs(30))
            .await
            .context("the holding SMTP server did not start (apt-get install python3-aiosmtpd)")?;
        Ok(Self { port, process })
    }

    /// Waits until it holds a message, and returns that message's Message-ID.
    pub async fn held(&mut self, timeout: Duration) -> anyhow::Result<String> {
        self.process.wait_for_line(r"holding (\S+)", timeout).await
    }

    /// The Message-IDs received so far, a message received twice listed twice.
    pub fn received(&self) -> Vec<String> {
        self.process
            .output()
            .lines()
            .filter_map(|l| l.strip_prefix("received "))
            .map(str::to_owned)
            .collect()
    }
}
