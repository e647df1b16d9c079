//! Reading forms and cookies the way a browser would, for clients that are not one.

use regex::Regex;

/// The CSRF token of the first form in a page.
pub fn csrf_in(html: &str) -> String {
    Regex::new(r#"name="authenticity_token" value="([^"]+)""#)
        .expect("regex")
        .captures(html)
        .expect("a CSRF field in the page")[1]
        .to_owned()
}

/// The cookies a response sets, as a `Cookie` header would send them back (`a=1; b=2`).
pub fn cookies_set_by(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The guard fields of an account form (`authenticity_token`, `account_token`) in a page.
pub fn account_guard_in(html: &str) -> Vec<(&'static str, String)> {
    ["authenticity_token", "account_token"]
        .into_iter()
        .map(|name| {
            let re = Regex::new(&format!(r#"name="{name}" value="([^"]+)""#)).expect("regex");
            let value = re
                .captures(html)
                .unwrap_or_else(|| panic!("a {name} field in the page"))[1]
                .to_owned();
            (name, value)
        })
        .collect()
}

/// What attribute `name` of the first element that has it holds, unescaped as a browser
/// would (askama escapes `&"'<>`).
pub fn attribute(html: &str, name: &str) -> String {
    let start = html.find(&format!("{name}=\"")).expect("the attribute") + name.len() + 2;
    let value = &html[start..start + html[start..].find('"').expect("its end")];
    value
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of the hidden (or any) field `name` in a page.
pub fn field(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .expect("the field");
    attribute(&html[at..], "value")
}
