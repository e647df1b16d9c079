//! Running as a Windows service: `portico-agent run --service`, started by the service
//! control manager (see the README for `sc.exe create`). Stop and shutdown end the loop
//! as Ctrl-C does. Built only on Windows.
// `define_windows_service!` expands to the FFI entry point the service control manager
// calls, with an `unsafe` block of the windows-service crate's making.
#![allow(unsafe_code)]

use std::ffi::OsString;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Context;
use tokio_util::sync::CancellationToken;
use windows_service::service::{
    ServiceControl, ServiceControlAccept, ServiceExitCode, ServiceState, ServiceStatus, ServiceType,
};
use windows_service::service_control_handler::{self, ServiceControlHandlerResult};
use windows_service::{define_windows_service, service_dispatcher};

use crate::cli::{NOT_LINKED_EXIT, NotLinked, RunArgs};

/// The name the service is created under.
pub const SERVICE_NAME: &str = "PorticoAgent";

/// The command line's options: the service entry point takes none of its own.
static ARGS: OnceLock<RunArgs> = OnceLock::new();

/// Hands this thread to the service control manager until the service stops.
pub fn start(args: RunArgs) -> anyhow::Result<()> {
    let _ = ARGS.set(args);
    service_dispatcher::start(SERVICE_NAME, ffi_service_main).context(
        "not started by the service control manager (start it with `sc.exe start PorticoAgent`)",
    )
}

define_windows_service!(ffi_service_main, service_main);

fn service_main(_arguments: Vec<OsString>) {
    // Errors have nowhere to go but the exit code the service control manager records.
    let _ = run_service();
}

fn run_service() -> anyhow::Result<()> {
    let stop = CancellationToken::new();
    let on_control = stop.clone();
    let handler = move |control| match control {
        ServiceControl::Stop | ServiceControl::Shutdown => {
            on_control.cancel();
            ServiceControlHandlerResult::NoError
        }
        ServiceControl::Interrogate => ServiceControlHandlerResult::NoError,
        _ => ServiceControlHandlerResult::NotImplemented,
    };
    let status = service_control_handler::register(SERVICE_NAME, handler)?;
    let set = |state: ServiceState, accepted: ServiceControlAccept, exit: ServiceExitCode| {
        status.set_service_status(ServiceStatus {
            service_type: ServiceType::OWN_PROCESS,
            current_state: state,
            controls_accepted: accepted,
            exit_code: exit,
            checkpoint: 0,
            wait_hint: Duration::from_secs(10),
            process_id: None,
        })
    };
    let Some(args) = ARGS.get() else {
        set(
            ServiceState::Stopped,
            ServiceControlAccept::empty(),
            ServiceExitCode::ServiceSpecific(1),
        )?;
        return Ok(());
    };
    set(
        ServiceState::Running,
        ServiceControlAccept::STOP | ServiceControlAccept::SHUTDOWN,
        ServiceExitCode::Win32(0),
    )?;
    // Nobody reads a service's output: its log goes beside the state file.
    let log = crate::logfile::LogFile::beside(&args.state.path());
    let outcome = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| {
            runtime.block_on(crate::cli::run_until_stopped(args, &stop, |line| {
                log.write(&line);
            }))
        });
    match &outcome {
        Ok(last) => log.write(last),
        Err(e) => log.write(&format!("{e:#}")),
    }
    let exit = match &outcome {
        Ok(_) => ServiceExitCode::Win32(0),
        Err(e) if e.downcast_ref::<NotLinked>().is_some() => {
            ServiceExitCode::ServiceSpecific(u32::from(NOT_LINKED_EXIT))
        }
        Err(_) => ServiceExitCode::ServiceSpecific(1),
    };
    set(ServiceState::Stopped, ServiceControlAccept::empty(), exit)?;
    Ok(())
}
