//! The one integration test binary: runs the real `casualty-atlas` binary on
//! small inputs written for each test, and checks the library against
//! brute-force computations.

mod util;

mod aggregate_check;
mod bad_input;
mod cli;
mod dedup;
mod extract;
mod formats;
mod html;
mod layer_formats;
mod props;
mod rfc7946;
mod robust;
mod stream;
mod ux;
