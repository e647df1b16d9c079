//! Every page right for every person, checked where the browser tests are: axe-core's WCAG
//! 2.1 A and AA rules (npm `axe-core`, injected through WebDriver), at the desktop size, at
//! 360 px wide, where nothing may scroll sideways, and with dark mode on (colour contrast).
//! Each state checked is listed in `target/a11y/checked.txt`, for the counts.

use std::io::Write;

use anyhow::{Context, bail};

use crate::browser::Browser;

/// The narrowest phone the pages are made for.
const PHONE: (u32, u32) = (360, 740);

/// Checks the page as it is now, named `state`: axe-core at the window's size, its contrast
/// rule again in dark mode, then axe-core, the sideways scroll and the touch targets at 360
/// px; fails with every problem found.
pub async fn check(browser: &Browser, state: &str) -> anyhow::Result<()> {
    let mut problems = axe(browser, WCAG_AA).await?;
    let dark_already: serde_json::Value = browser
        .client
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await?;
    if dark_already != serde_json::Value::Bool(true) {
        browser.prefer_dark(true).await?;
        let dark = axe(browser, CONTRAST).await;
        browser.prefer_dark(false).await?;
        problems.extend(dark?.into_iter().map(|p| format!("in dark mode: {p}")));
    }
    let (width, height) = browser.client.get_window_size().await?;
    browser.resize(PHONE.0, PHONE.1).await?;
    let narrow = async {
        let overflow: serde_json::Value = browser
            .client
            .execute(
                // An image opened on its own (the map) is not a page: it keeps its size.
                "const d = document.documentElement;
                 return document.contentType === 'text/html' ? d.scrollWidth - d.clientWidth : 0;",
                vec![],
            )
            .await?;
        let mut found = axe(browser, WCAG_AA).await?;
        found.extend(small_targets(browser).await?);
        if overflow.as_i64().unwrap_or(0) > 0 {
            found.push(format!(
                "at {} px the page scrolls sideways by {overflow} px",
                PHONE.0
            ));
        }
        anyhow::Ok(found)
    }
    .await;
    browser
        .resize(u32::try_from(width)?, u32::try_from(height)?)
        .await?;
    for problem in narrow? {
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
    let url = browser.client.current_url().await?;
    record(state, url.path(), problems.len())?;
    if !problems.is_empty() {
        bail!(
            "{state} ({}): {} accessibility problem(s):\n{}",
            url.path(),
            problems.len(),
            problems.join("\n")
        );
    }
    Ok(())
}

/// [`check`] of one of Portico's pages, unless this page in this state (its address and the
/// size of its markup) has been checked already. Other sites' pages (an OpenID provider's, an
/// app's) are not Portico's to fix.
pub async fn check_once(browser: &Browser, state: &str) -> anyhow::Result<()> {
    match check_if_new(browser, state).await {
        // The page moved on while it was checked (a redirect, a form sent by its script):
        // the next page is checked when it is waited for.
        Err(e) if e.downcast_ref::<fantoccini::error::CmdError>().is_some() => Ok(()),
        other => other,
    }
}

async fn check_if_new(browser: &Browser, state: &str) -> anyhow::Result<()> {
    let key: serde_json::Value = browser
        .client
        .execute(
            "if (!document.querySelector('link[rel=stylesheet][href*=\"css/portico\"]')) return '';
             return location.pathname + location.search + ' ' + document.documentElement.outerHTML.length;",
            vec![],
        )
        .await?;
    let key = key.as_str().unwrap_or_default().to_owned();
    if key.is_empty() {
        return Ok(());
    }
    let new = browser
        .checked
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned"))?
        .insert(key);
    if new {
        check(browser, state).await
    } else {
        Ok(())
    }
}

/// Controls a finger cannot hit: buttons, fields, menus and button-like links smaller than
/// 44 × 44 px (links inside a sentence excepted, as WCAG 2.5.5 excepts them; a checkbox or
/// radio counts with its label, which takes the tap too).
async fn small_targets(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let found = browser
        .client
        .execute(
            "const small = [];
             for (const el of document.querySelectorAll(
                 'button, select, input:not([type=hidden]), textarea, a.button, summary')) {
               let r = el.getBoundingClientRect();
               if (r.width === 0 && r.height === 0) continue;
               if (el.matches('input[type=checkbox], input[type=radio]')) {
                 const label = el.closest('label') || (el.id && document.querySelector('label[for=\"' + el.id + '\"]'));
                 if (label) r = label.getBoundingClientRect();
               }
               if (r.height < 44 || r.width < 44) {
                 small.push('touch target ' + Math.round(r.width) + ' x ' + Math.round(r.height) +
                   ' px: ' + el.outerHTML.slice(0, 80));
               }
             }
             return small;",
            vec![],
        )
        .await?;
    Ok(lines(&found))
}

/// Every rule of WCAG 2.0 and 2.1 at levels A and AA.
const WCAG_AA: &str = "{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }";
/// Colour contrast alone (what a change of colour scheme can break).
const CONTRAST: &str = "{ type: 'rule', values: ['color-contrast'] }";

/// axe-core's violations of `rules`, one line each: rule, help, elements.
async fn axe(browser: &Browser, rules: &str) -> anyhow::Result<Vec<String>> {
    let loaded: serde_json::Value = browser
        .client
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await?;
    if loaded != serde_json::Value::Bool(true) {
        let path = crate::repo_root().join("tests/peers/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{} is missing: run `npm ci --prefix tests/peers` (scripts/test does)",
                path.display()
            )
        })?;
        browser.client.execute(&source, vec![]).await?;
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {rules} }})
           .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' — ' +
                 v.nodes.map(n => n.target.join(' ')).join(', '))))
           .catch(e => done(['axe-core failed: ' + e]));"
    );
    let found = browser.client.execute_async(&script, vec![]).await?;
    Ok(lines(&found))
}

/// A script's answer, an array of strings, as lines.
fn lines(answer: &serde_json::Value) -> Vec<String> {
    answer
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn record(state: &str, path: &str, problems: usize) -> anyhow::Result<()> {
    let dir = crate::target_dir().join("a11y");
    std::fs::create_dir_all(&dir)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("checked.txt"))?;
    writeln!(file, "{state}\t{path}\t{problems}")?;
    Ok(())
}
