//! `libya-news`: parse arguments, run, map the outcome to an exit status. A closed pipe
//! (`libya-news scan … | head`) is a quiet success.

use clap::Parser;
use libya_news::cli::{run, Cli};

// Extraction makes many small, short-lived allocations per article on every core; mimalloc's
// thread-local pools keep them off glibc's shared arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Give freed pages back at once, not after mimalloc's default 10 ms: a long scan's resident
    // memory then stays at its working set (see README, Performance).
    // SAFETY: sets a plain integer option; no allocation is in flight on another thread yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(exit) => exit.code(),
        Err(err) => {
            if err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                0
            } else {
                eprintln!("libya-news: {err:#}");
                2
            }
        }
    };
    std::process::exit(code);
}
