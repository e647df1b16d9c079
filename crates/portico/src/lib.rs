#![doc = include_str!("../README.md")]

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod contact;
pub mod crypto;
pub mod db;
pub mod http;
pub mod limits;
pub mod outbox;
pub mod pages;
pub mod server;
pub mod telemetry;
pub mod tls;
pub mod verification;
pub mod worker;
