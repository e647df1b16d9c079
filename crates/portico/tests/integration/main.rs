//! In-process integration tests: the real router and layers against a fresh, migrated
//! PostgreSQL database per test (`#[sqlx::test]`, on the server `DATABASE_URL` names).

mod alerts;
mod aliases;
mod closing;
mod code_floods;
mod delivery;
mod devices;
mod exports;
mod http_base;
mod idp;
mod instances;
mod languages;
mod limits;
mod metrics;
mod oidc;
mod passkeys;
mod privacy;
mod profile;
mod readiness;
mod retention;
mod reuse;
mod rotation;
mod security;
mod sessions;
mod signin;
mod signup;
mod support;
mod switcher;
mod verification;
