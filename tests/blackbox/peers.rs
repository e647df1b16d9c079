//! The harness's peers start on ports of their own and answer.

use portico_blackbox::peers::Maildev;

#[tokio::test]
async fn maildev_starts_on_its_own_ports_with_an_empty_mailbox() {
    let first = Maildev::start().await.expect("maildev starts");
    let second = Maildev::start().await.expect("a second maildev starts");
    assert_ne!(first.smtp_port, second.smtp_port);
    assert!(first.messages().await.expect("REST API").is_empty());
    assert!(second.messages().await.expect("REST API").is_empty());
}
