//! Every email and SMS Portico sends, as its recipient reads it: subject, text and HTML
//! bodies, and the SMS. The inputs are fixed (a made-up code, a fixed time and place), so a
//! snapshot changes only when the wording or the templates do; review the diff with
//! `cargo insta review`.

use url::Url;

use super::message::{Message, RenderContext};

fn ctx() -> RenderContext {
    RenderContext::new(&Url::parse("https://account.example.com/").expect("url"))
}

/// Every message, each under a name for its snapshot.
fn every_message() -> Vec<(String, Message)> {
    let mut all: Vec<(String, Message)> = [
        "sign_up",
        "verify_alias",
        "reset_password",
        "sign_in_code",
        "reauthenticate",
    ]
    .into_iter()
    .map(|purpose| {
        let code = Message::Code {
            purpose: purpose.to_owned(),
            code: "042917".to_owned(),
            minutes: 10,
        };
        (format!("code_{purpose}"), code)
    })
    .collect();
    all.push(("signup_exists".to_owned(), Message::SignupExists));
    for ended in [true, false] {
        let name = format!("password_changed_sessions_ended_{ended}");
        all.push((
            name,
            Message::PasswordChanged {
                sessions_ended: ended,
            },
        ));
    }
    all.push(("account_secured".to_owned(), Message::AccountSecured));
    all.push(("password_removed".to_owned(), Message::PasswordRemoved));
    for change in ["added", "removed", "made_primary"] {
        let message = Message::AliasChanged {
            change: change.to_owned(),
            alias: "+44 ••• 56".to_owned(),
            at: "2026-11-23T20:31:00Z".to_owned(),
            from: "Firefox on Windows, 192.0.2.7".to_owned(),
            undo_url: Some("https://account.example.com/undo?t=TOKEN".to_owned()),
        };
        all.push((format!("alias_{change}"), message));
    }
    for change in ["added", "removed"] {
        let message = Message::PasskeyChanged {
            change: change.to_owned(),
            name: "Chrome on Windows".to_owned(),
            at: "2026-11-23T20:31:00Z".to_owned(),
            from: "Chrome on Windows, 192.0.2.7".to_owned(),
        };
        all.push((format!("passkey_{change}"), message));
    }
    all.push((
        "recovery_key_shown".to_owned(),
        Message::RecoveryKeyShown {
            key_id: "6F1C2D3E".to_owned(),
            device: "JO-LAPTOP".to_owned(),
            at: "2026-11-23T20:31:00Z".to_owned(),
            from: "Firefox on Windows, 192.0.2.7".to_owned(),
        },
    ));
    all.push((
        "export_ready".to_owned(),
        Message::ExportReady {
            until: "2026-11-30T20:31:00Z".to_owned(),
        },
    ));
    all.push((
        "account_closing".to_owned(),
        Message::AccountClosing {
            at: "2026-11-23T20:31:00Z".to_owned(),
            delete_on: "2027-01-22T20:31:00Z".to_owned(),
        },
    ));
    all.push((
        "account_reopened".to_owned(),
        Message::AccountReopened {
            at: "2026-11-23T20:31:00Z".to_owned(),
        },
    ));
    all.push((
        "new_sign_in".to_owned(),
        Message::NewSignIn {
            at: "2026-11-23T20:31:00Z".to_owned(),
            browser: "Firefox on Windows".to_owned(),
            ip: Some("192.0.2.7".to_owned()),
            method: "password".to_owned(),
            undo_url: Some("https://account.example.com/sign-in-alert?t=TOKEN".to_owned()),
        },
    ));
    all
}

#[test]
fn every_email_reads_as_it_should() {
    for (name, message) in every_message() {
        let email = message.for_reader().render_email(&ctx()).expect("renders");
        let shown = format!(
            "Subject: {}\n\n--- text ---\n{}\n--- html ---\n{}",
            email.subject, email.text, email.html
        );
        insta::assert_snapshot!(format!("email_{name}"), shown);
    }
}

#[test]
fn every_sms_reads_as_it_should() {
    for (name, message) in every_message() {
        let sms = message.for_reader().render_sms(&ctx()).expect("renders");
        insta::assert_snapshot!(format!("sms_{name}"), sms);
    }
}

/// Every message in German and French, as their readers get them (subject, text body, SMS):
/// one snapshot per language to read through.
#[test]
fn every_message_reads_in_german_and_french() {
    use crate::i18n::{Lang, Request, with};
    for lang in [Lang::De, Lang::Fr] {
        let zone = crate::i18n::Zone::parse("Europe/Paris");
        let all = with(Request::reader(lang, zone), || {
            every_message()
                .into_iter()
                .map(|(name, message)| {
                    let message = message.for_reader();
                    let email = message.render_email(&ctx()).expect("renders");
                    let sms = message.render_sms(&ctx()).expect("renders");
                    assert!(
                        !email.html.contains("Unknown localization key"),
                        "{name}: {}",
                        email.html
                    );
                    format!(
                        "=== {name}\nSubject: {}\n\n{}\n--- sms ---\n{sms}\n",
                        email.subject, email.text
                    )
                })
                .collect::<String>()
        });
        insta::assert_snapshot!(format!("every_message_{}", lang.tag()), all);
    }
}
