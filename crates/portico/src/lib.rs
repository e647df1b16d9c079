#![doc = include_str!("../README.md")]

pub mod app;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod pages;
pub mod server;
pub mod telemetry;
pub mod worker;
