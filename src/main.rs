//! `libya-news`: parse arguments, run, map the outcome to an exit status. A closed pipe
//! (`libya-news scan … | head`) is a quiet success.

use clap::Parser;
use libya_news::cli::{run, Cli};

// Extraction makes many small, short-lived allocations per article on every core; mimalloc's
// thread-local pools keep them off glibc's shared arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` and `mi_option_allow_thp` in mimalloc.h (libmimalloc-sys names no
/// constants for them). These are mimalloc v2's values (the `v2` feature in Cargo.toml): v3
/// numbers `allow_thp` 43.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 37;

fn main() {
    // Our allocator settings; a MIMALLOC_PURGE_DELAY or MIMALLOC_ALLOW_THP in the environment
    // (which mimalloc reads itself) wins, for tuning.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // Give freed pages back after 10 ms (mimalloc's default, stated here because it is a
        // measured choice). With huge pages off (below), 0 (at once) kept a 1 GiB scan at
        // ~76 MiB resident instead of ~80 MiB, but faulted the same pages in again and again:
        // about a third more system time. See README, Performance.
        // SAFETY: sets a plain integer option; no allocation is in flight on another thread yet.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // No transparent huge pages: mimalloc advises them for its arenas, and then every page
        // purged and touched again faults in (and zeroes) 2 MiB. That zeroing was ~5 % of a
        // scan's time, and huge pages held ~24 MiB more resident memory than the scan uses.
        // SAFETY: sets a plain integer option (later arenas are not advised as huge), and
        // prctl(PR_SET_THP_DISABLE) takes only integers and changes no memory we hold (it stops
        // huge pages for this process's future faults, also in the arena mimalloc has already
        // mapped before main).
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
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
