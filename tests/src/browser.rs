//! Headless Chromium through WebDriver (Debian's `chromium` and `chromium-driver`).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::Command;

use crate::process::Process;

/// A chromedriver process and a browser session driven through it.
#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    /// The page states already checked by `crate::a11y::check_once`.
    pub(crate) checked: std::sync::Mutex<std::collections::HashSet<String>>,
    _driver: Process,
    _profile: tempfile::TempDir,
}

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium with a fresh profile.
    pub async fn start() -> anyhow::Result<Self> {
        let driver_bin = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"])
            .context(
                "chromedriver not found: apt-get install chromium-driver (scripts/test does)",
            )?;
        let chromium = find(&["/usr/bin/chromium", "/usr/lib/chromium/chromium"])
            .context("chromium not found: apt-get install chromium (scripts/test does)")?;
        let port = crate::free_port();
        let mut command = Command::new(driver_bin);
        command.arg(format!("--port={port}"));
        let mut driver = Process::spawn("chromedriver", command)?;
        driver
            .wait_for_line(
                r"ChromeDriver was started successfully",
                Duration::from_secs(30),
            )
            .await?;

        let profile = tempfile::tempdir()?;
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|a| (*a).to_owned())
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .with_context(|| {
                format!(
                    "cannot open a Chromium session; driver output:\n{}",
                    driver.output()
                )
            })?;
        Ok(Self {
            client,
            checked: std::sync::Mutex::default(),
            _driver: driver,
            _profile: profile,
        })
    }

    /// Checks the page as it is now (`crate::a11y`): axe-core, and the fit at 360 px.
    pub async fn check_page(&self, state: &str) -> anyhow::Result<()> {
        crate::a11y::check(self, state).await
    }

    /// Makes pages see the system's colour preference as dark (or light again), as a person
    /// with dark mode on has it (DevTools' media emulation).
    pub async fn prefer_dark(&self, dark: bool) -> anyhow::Result<()> {
        let scheme = if dark { "dark" } else { "light" };
        self.client
            .issue_cmd(SessionCommand::post(
                "goog/cdp/execute",
                serde_json::json!({
                    "cmd": "Emulation.setEmulatedMedia",
                    "params": { "features": [{ "name": "prefers-color-scheme", "value": scheme }] }
                }),
            ))
            .await?;
        Ok(())
    }

    /// Makes pages see `zone` (an IANA name) as the system's time zone, as a person's own
    /// computer set to it would (DevTools' emulation).
    pub async fn time_zone(&self, zone: &str) -> anyhow::Result<()> {
        self.client
            .issue_cmd(SessionCommand::post(
                "goog/cdp/execute",
                serde_json::json!({
                    "cmd": "Emulation.setTimezoneOverride",
                    "params": { "timezoneId": zone }
                }),
            ))
            .await?;
        Ok(())
    }

    /// Resizes the window (e.g. 360 px wide for the narrowest phones we support).
    pub async fn resize(&self, width: u32, height: u32) -> anyhow::Result<()> {
        self.client.set_window_size(width, height).await?;
        Ok(())
    }

    /// Saves a PNG of the current page to `target/screenshots/<name>.png`, after checking the
    /// page's accessibility and its fit on a phone (`crate::a11y`).
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<PathBuf> {
        crate::a11y::check(self, name).await?;
        let png = self.client.screenshot().await?;
        if !png.starts_with(b"\x89PNG") {
            bail!("the browser did not return a PNG");
        }
        let dir = crate::target_dir().join("screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Adds a virtual authenticator to the page's browser (the W3C WebAuthn WebDriver
    /// extension): CTAP2 over the internal transport, with resident keys and user
    /// verification that always succeeds, as a platform authenticator with Windows Hello
    /// would. Returns its id.
    pub async fn add_virtual_authenticator(&self) -> anyhow::Result<String> {
        let body = serde_json::json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserConsenting": true,
            "isUserVerified": true,
        });
        let answer = self
            .client
            .issue_cmd(SessionCommand::post("webauthn/authenticator", body))
            .await?;
        answer
            .as_str()
            .map(str::to_owned)
            .context("no authenticator id in the answer")
    }

    /// The credentials a virtual authenticator holds, private keys and counters included (the
    /// extension's "Get Credentials"), to put on another with [`Browser::add_credential`].
    pub async fn credentials(&self, id: &str) -> anyhow::Result<Vec<serde_json::Value>> {
        let answer = self
            .client
            .issue_cmd(SessionCommand {
                path: format!("webauthn/authenticator/{id}/credentials"),
                body: None,
                method: http::Method::GET,
            })
            .await?;
        Ok(answer.as_array().cloned().unwrap_or_default())
    }

    /// Puts a credential on a virtual authenticator ("Add Credential").
    pub async fn add_credential(
        &self,
        id: &str,
        credential: serde_json::Value,
    ) -> anyhow::Result<()> {
        self.client
            .issue_cmd(SessionCommand::post(
                &format!("webauthn/authenticator/{id}/credential"),
                credential,
            ))
            .await?;
        Ok(())
    }

    /// Removes a virtual authenticator (its credentials go with it).
    pub async fn remove_virtual_authenticator(&self, id: &str) -> anyhow::Result<()> {
        self.client
            .issue_cmd(SessionCommand {
                path: format!("webauthn/authenticator/{id}"),
                body: None,
                method: http::Method::DELETE,
            })
            .await?;
        Ok(())
    }

    /// Types into the field with this id.
    pub async fn fill(&self, id: &str, text: &str) -> anyhow::Result<()> {
        let field = self.client.find(Locator::Id(id)).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        self.client.find(Locator::Css(css)).await?.click().await?;
        Ok(())
    }

    /// Presses Tab until the focused element matches `css`, as a person without a mouse
    /// moves through a page: fails if it is not reached within the page's first hundred
    /// stops (so it cannot be reached by keyboard, or only after everything else).
    pub async fn tab_to(&self, css: &str) -> anyhow::Result<()> {
        // The page that has it first (a click or Enter returns before the next page loads).
        self.wait_for(css).await?;
        for _ in 0..100 {
            let here: serde_json::Value = self
                .client
                .execute(
                    "return document.activeElement.matches(arguments[0]);",
                    vec![serde_json::Value::from(css)],
                )
                .await?;
            if here == serde_json::Value::Bool(true) {
                return Ok(());
            }
            self.keys(&char::from(fantoccini::key::Key::Tab).to_string())
                .await?;
        }
        bail!("{css} is not reached with the Tab key")
    }

    /// Sends keys to whatever has the focus (text typed, or keys such as Enter and Space).
    pub async fn keys(&self, keys: &str) -> anyhow::Result<()> {
        self.client.active_element().await?.send_keys(keys).await?;
        Ok(())
    }

    /// Presses Enter on whatever has the focus.
    pub async fn press_enter(&self) -> anyhow::Result<()> {
        self.keys(&char::from(fantoccini::key::Key::Enter).to_string())
            .await
    }

    /// Presses Space on whatever has the focus (a button, a checkbox).
    pub async fn press_space(&self) -> anyhow::Result<()> {
        self.keys(" ").await
    }

    /// Clicks the button whose whole text is `text` (words only screen readers hear
    /// included, as "Make primary: jo@example.com").
    pub async fn click_button(&self, text: &str) -> anyhow::Result<()> {
        self.wait_for_button(text).await?.click().await?;
        Ok(())
    }

    /// Waits (bounded) for the button whose whole text is `text`.
    pub async fn wait_for_button(&self, text: &str) -> anyhow::Result<Element> {
        // An XPath string literal cannot escape its quote: pick the one the text lacks.
        let literal = if text.contains('"') {
            format!("'{text}'")
        } else {
            format!("\"{text}\"")
        };
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::XPath(&format!(
                "//button[normalize-space(.)={literal}]"
            )))
            .await
            .with_context(|| format!("waiting for the button {text}"))
    }

    /// Waits (bounded) until an element matching `css` is on the page and not `hidden`.
    /// Clicks return before the next page loads: wait for something only that page shows
    /// (a page's hidden error box, kept for its script, would match while it still loads).
    ///
    /// Every page state reached this way is checked once (`crate::a11y`).
    pub async fn wait_for(&self, css: &str) -> anyhow::Result<Element> {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(&format!("{css}:not([hidden])")))
            .await
            .with_context(|| format!("waiting for {css}"))?;
        crate::a11y::check_once(self, &format!("page with {css}")).await?;
        Ok(found)
    }

    /// Waits (bounded) until the address bar shows `url`.
    pub async fn wait_for_url(&self, url: &str) -> anyhow::Result<()> {
        let url = url::Url::parse(url)?;
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_url(&url)
            .await
            .with_context(|| format!("waiting for {url}"))
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> anyhow::Result<String> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    /// The browser's cookies for the current site, as a `Cookie` header: to fetch what the
    /// browser would (a download) with another client.
    pub async fn cookie_header(&self) -> anyhow::Result<String> {
        let cookies = self.client.get_all_cookies().await?;
        Ok(cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect::<Vec<_>>()
            .join("; "))
    }

    /// Ends the browser session.
    pub async fn close(self) -> anyhow::Result<()> {
        self.client.close().await?;
        Ok(())
    }
}

/// A command under the session: the WebAuthn WebDriver extension's, or ChromeDriver's
/// DevTools pass-through (`goog/cdp/execute`).
#[derive(Debug)]
struct SessionCommand {
    path: String,
    body: Option<serde_json::Value>,
    method: http::Method,
}

impl SessionCommand {
    fn post(path: &str, body: serde_json::Value) -> Self {
        Self {
            path: path.to_owned(),
            body: Some(body),
            method: http::Method::POST,
        }
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            self.method.clone(),
            self.body.as_ref().map(ToString::to_string),
        )
    }
}
