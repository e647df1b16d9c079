//! The black-box suite: the real `portico` binary, real PostgreSQL, real peers and
//! headless Chromium, driven from outside as users and operators would.

mod accounts;
mod admin;
mod agent;
mod agent_api;
mod aliases;
mod browser;
mod cli;
mod closing;
mod cluster;
mod devices;
mod embedded;
mod failover;
mod instances;
mod keyboard;
mod languages;
mod oidc;
mod operations;
mod outage;
mod passkeys;
mod peers;
mod privacy;
mod provider;
mod recovery_keys;
mod shutdown;
mod signup;
mod slow_clients;
mod stage;
