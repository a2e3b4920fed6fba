//! The `juntos` command line: a thin layer over the core library.
//! Exit codes: 0 ok, 1 a problem the person can fix, 2 an internal fault.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::main()
}
