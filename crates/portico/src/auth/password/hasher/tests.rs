use super::*;

#[tokio::test]
async fn the_threads_give_their_memory_back_once_sign_ins_stop() {
    let keep = Duration::from_millis(300);
    let hasher = PasswordHasher::keeping_memory_for(light(), 2, keep).expect("hasher");
    let password = Password::new("violet tundra kettle march", &[]).expect("valid");
    let stored = hasher.hash(&password).await.expect("hash");
    for _ in 0..4 {
        let outcome = hasher
            .verify(Some(&stored), &password)
            .await
            .expect("verify");
        assert_eq!(outcome, Verification::Match);
    }
    assert!(
        hasher.memory_held().iter().any(|held| *held > 0),
        "a thread that verified keeps its memory"
    );
    assert!(
        hasher.wait_for_releases(1, Duration::from_secs(10)),
        "given back once idle"
    );
    assert!(hasher.memory_held().iter().all(|held| *held == 0));
    // The next sign-in takes memory again and still verifies.
    let again = hasher
        .verify(Some(&stored), &password)
        .await
        .expect("verify");
    assert_eq!(again, Verification::Match);
}

/// Cheap parameters: these tests check behaviour, not cost.
fn light() -> HashParams {
    HashParams {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    }
}

/// The scheduling policy and niceness of the calling thread (fields 41 and 19 of
/// `/proc/thread-self/stat`).
#[cfg(target_os = "linux")]
fn scheduling() -> (u32, i32) {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
    let fields: Vec<&str> = stat[stat.rfind(')').expect("comm") + 2..]
        .split(' ')
        .collect();
    let policy = fields[38].parse().expect("policy");
    let nice = fields[16].parse().expect("nice");
    (policy, nice)
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn hashing_runs_below_the_priority_of_everything_else() {
    const SCHED_IDLE: u32 = 5;
    let hasher = PasswordHasher::new(light(), 2).expect("hasher");
    let (outside_policy, outside_nice) = scheduling();
    let (policy, nice) = hasher.blocking(scheduling).await.expect("ran");
    assert_ne!(outside_policy, SCHED_IDLE);
    assert!(
        policy == SCHED_IDLE || nice > outside_nice,
        "hashing runs with policy {policy}, niceness {nice}"
    );
}

#[tokio::test]
async fn hashes_verify_and_old_parameters_ask_for_a_rehash() {
    let hasher = PasswordHasher::new(light(), 2).expect("hasher");
    let password = Password::new("violet tundra kettle march", &[]).expect("valid");
    let hash = hasher.hash(&password).await.expect("hash");
    assert!(hash.starts_with("$argon2id$v=19$m=256,t=1,p=1$"), "{hash}");
    assert_eq!(
        hasher.verify(Some(&hash), &password).await.expect("verify"),
        Verification::Match
    );
    let wrong = Password::typed("violet tundra kettle marc").expect("typed");
    assert_eq!(
        hasher.verify(Some(&hash), &wrong).await.expect("verify"),
        Verification::Mismatch
    );

    let stronger = PasswordHasher::new(
        HashParams {
            iterations: 2,
            ..light()
        },
        1,
    )
    .expect("hasher");
    assert_eq!(
        stronger
            .verify(Some(&hash), &password)
            .await
            .expect("verify"),
        Verification::MatchNeedsRehash
    );
}

#[tokio::test]
async fn hashes_made_in_kept_memory_verify_with_the_argon2_crate() {
    use argon2::password_hash::PasswordVerifier as _;
    let hasher = PasswordHasher::new(light(), 1).expect("hasher");
    let password = Password::new("violet tundra kettle march", &[]).expect("valid");
    let first = hasher.hash(&password).await.expect("hash");
    let second = hasher.hash(&password).await.expect("hash");
    assert_ne!(first, second, "a fresh salt each time");
    for stored in [&first, &second] {
        let parsed = PasswordHash::new(stored).expect("a PHC string");
        assert!(
            Argon2::default()
                .verify_password(password.bytes(), &parsed)
                .is_ok()
        );
        assert!(
            Argon2::default()
                .verify_password(b"violet tundra kettle marc", &parsed)
                .is_err()
        );
    }
}

#[test]
fn the_dummy_hash_costs_what_a_real_one_costs() {
    let params = HashParams::default();
    let dummy = dummy_hash(&params).expect("dummy");
    let parsed = PasswordHash::new(&dummy).expect("a PHC string");
    assert_eq!(parsed.algorithm.as_str(), "argon2id");
    let p = Params::try_from(&parsed).expect("params");
    assert_eq!(
        (p.m_cost(), p.t_cost(), p.p_cost()),
        (params.memory_kib, params.iterations, params.parallelism)
    );
    assert_eq!(parsed.hash.map(|h| h.len()), Some(32));
}

#[tokio::test]
async fn unknown_accounts_never_match_even_with_the_dummy_password() {
    let hasher = PasswordHasher::new(light(), 2).expect("hasher");
    let dummy = Password::typed("portico dummy password for unknown aliases").expect("typed");
    assert_eq!(
        hasher.verify(None, &dummy).await.expect("verify"),
        Verification::Mismatch
    );
}
