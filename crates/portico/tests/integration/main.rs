//! In-process integration tests: the real router and layers against a fresh, migrated
//! PostgreSQL database per test (`#[sqlx::test]`, on the server `DATABASE_URL` names).

mod http_base;
mod readiness;
mod support;
