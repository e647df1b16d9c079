use super::*;

fn keys(secret: &str) -> Keys {
    Keys::derive(&SecretKey::parse(secret).expect("key"))
}

#[test]
fn macs_verify_and_depend_on_every_part_and_the_secret() {
    let k = keys("0123456789abcdef0123456789abcdef");
    let tag = k.mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"]);
    assert!(k.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"], &tag));
    assert!(!k.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123457"], &tag));
    assert!(!k.verify_mac(KeyPurpose::ChallengeCode, &[b"id1", b"23456"], &tag));
    let other = keys("fedcba9876543210fedcba9876543210");
    assert!(!other.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"], &tag));
}

#[test]
fn sealed_secrets_open_only_with_their_key_their_context_and_their_bytes() {
    let k = keys("0123456789abcdef0123456789abcdef");
    let secret = b"123453-234564-345675-456786-567897-679008-011011-000000";
    let context: [&[u8]; 2] = [b"device-1", b"{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}"];
    let sealed = k.seal(secret, &context);
    assert_eq!(sealed.key_id, SEAL_KEY_ID);
    assert!(
        !sealed.bytes.windows(secret.len()).any(|w| w == secret),
        "no plaintext in the sealed bytes"
    );
    assert_eq!(
        k.open(sealed.key_id, &sealed.bytes, &context).as_deref(),
        Some(&secret[..])
    );
    assert_ne!(
        k.seal(secret, &context).bytes,
        sealed.bytes,
        "a fresh nonce each time"
    );
    assert!(
        k.open(sealed.key_id, &sealed.bytes, &[b"device-2", context[1]])
            .is_none()
    );
    assert!(
        k.open(2, &sealed.bytes, &context).is_none(),
        "no such key version"
    );
    let mut changed = sealed.bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert!(k.open(sealed.key_id, &changed, &context).is_none());
    assert!(
        k.open(sealed.key_id, &sealed.bytes[..10], &context)
            .is_none()
    );
    let other = keys("fedcba9876543210fedcba9876543210");
    assert!(other.open(sealed.key_id, &sealed.bytes, &context).is_none());
}

#[test]
fn the_csrf_cookie_key_depends_on_the_secret_alone() {
    let a = keys("0123456789abcdef0123456789abcdef").csrf_cookie_key();
    let again = keys("0123456789abcdef0123456789abcdef").csrf_cookie_key();
    let other = keys("fedcba9876543210fedcba9876543210").csrf_cookie_key();
    assert_eq!(a.master(), again.master());
    assert_ne!(a.master(), other.master());
}

#[test]
fn during_a_rotation_the_previous_key_verifies_and_opens_but_makes_nothing() {
    let old = keys("0123456789abcdef0123456789abcdef");
    let tag = old.mac(KeyPurpose::AccountForm, &[b"form"]);
    let context: [&[u8]; 1] = [b"row-1"];
    let sealed = old.seal(b"a secret", &context);
    let new_secret = SecretKey::parse("fedcba9876543210fedcba9876543210").expect("key");
    let old_secret = SecretKey::parse("0123456789abcdef0123456789abcdef").expect("key");

    let rotating = Keys::derive(&new_secret).with_previous(Some(&old_secret));
    assert!(rotating.verify_mac(KeyPurpose::AccountForm, &[b"form"], &tag));
    assert_ne!(rotating.mac(KeyPurpose::AccountForm, &[b"form"]), tag);
    assert_eq!(
        rotating.open_aged(sealed.key_id, &sealed.bytes, &context),
        Some((b"a secret".to_vec(), Generation::Previous))
    );
    let resealed = rotating.seal(b"a secret", &context);
    assert_eq!(
        rotating.open_aged(resealed.key_id, &resealed.bytes, &context),
        Some((b"a secret".to_vec(), Generation::Current))
    );
    let macs = rotating.macs(KeyPurpose::LicenseKey, &[b"key"]);
    assert_eq!(macs.len(), 2);
    assert_eq!(macs[1].0, old.mac(KeyPurpose::LicenseKey, &[b"key"]));
    assert_eq!(
        rotating.ids(),
        (Keys::derive(&new_secret).ids().0, Some(old.ids().0))
    );

    let rotated = Keys::derive(&new_secret);
    assert!(!rotated.verify_mac(KeyPurpose::AccountForm, &[b"form"], &tag));
    assert!(
        rotated
            .open(sealed.key_id, &sealed.bytes, &context)
            .is_none()
    );
    assert!(
        rotated
            .open(resealed.key_id, &resealed.bytes, &context)
            .is_some()
    );
    assert_eq!(rotated.macs(KeyPurpose::LicenseKey, &[b"key"]).len(), 1);
}

#[test]
fn the_same_key_given_as_previous_is_no_rotation() {
    let secret = SecretKey::parse("0123456789abcdef0123456789abcdef").expect("key");
    let k = Keys::derive(&secret).with_previous(Some(&secret));
    assert_eq!(k.ids().1, None);
    assert!(k.previous_csrf().is_none());
}
