//! The `casualty-atlas` binary: parse, run, map the outcome to an exit status.

use casualty_atlas::cmd;
use clap::Parser;
use std::process::ExitCode;

// mimalloc hands freed pages back to the system only after a delay (10 ms,
// checked when a thread next allocates), so the workers of a big `report`
// kept ~150 MiB they no longer used (10 M rows: 330 MiB peak, 181 MiB with
// immediate purging, and faster). Option 15 is `mi_option_purge_delay` in
// the mimalloc that libmimalloc-sys 0.1.49 bundles
// (c_src/mimalloc/v3/include/mimalloc.h; Cargo.lock pins the version).
unsafe extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}
const MI_OPTION_PURGE_DELAY: i32 = 15;

fn main() -> ExitCode {
    // SAFETY: sets one integer option of the allocator linked into this
    // binary before any thread is started; mimalloc reads options atomically.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    match cmd::run(cmd::Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", cmd::describe_error(&e));
            ExitCode::from(cmd::EXIT_ERROR)
        }
    }
}
