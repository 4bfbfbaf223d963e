//! Terminal conventions shared by `scan`, `check` and `diff`: a progress bar on stderr for long
//! scans, and whether to use color.
//!
//! The bar is drawn only when stderr is a terminal, the scan has more than [`MIN_FILES`] entries
//! and `--quiet` was not given: piped and CI runs never see it. Color follows the `NO_COLOR`
//! convention (<https://no-color.org>): any non-empty value turns it off, and it is used only
//! when the stream it goes to is a terminal.

use crate::corpus::WalkEntry;
use crate::report::schema;
use crate::scan::Observer;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};

/// Scans with at most this many entries finish too fast for a bar to help.
pub const MIN_FILES: usize = 200;

/// True when `NO_COLOR` is set to a non-empty value.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Color on stdout: only on a terminal and without `NO_COLOR`.
pub fn color_stdout() -> bool {
    !no_color() && io::stdout().is_terminal()
}

/// Color on stderr: only on a terminal and without `NO_COLOR`.
pub fn color_stderr() -> bool {
    !no_color() && io::stderr().is_terminal()
}

/// A progress bar for a scan, or nothing. Its [`diagnostics`](Progress::diagnostics) writer
/// prints above the bar instead of through it.
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
}

impl Progress {
    /// A bar that appears once the scan knows it has more than [`MIN_FILES`] entries, if stderr
    /// is a terminal and `quiet` is false.
    pub fn new(quiet: bool) -> Self {
        Progress { bar: ProgressBar::hidden(), quiet }
    }

    /// Writes diagnostics (stderr) above the bar.
    pub fn diagnostics(&self) -> ProgressWriter {
        ProgressWriter { bar: self.bar.clone() }
    }

    fn enabled(&self, entries: usize) -> bool {
        !self.quiet && entries > MIN_FILES && io::stderr().is_terminal()
    }
}

impl Observer for Progress {
    fn start(&mut self, entries: usize) {
        if !self.enabled(entries) {
            return;
        }
        let template = if color_stderr() {
            "{spinner} {elapsed_precise} [{bar:40.cyan/blue}] {pos}/{len} files ({per_sec}, eta {eta})"
        } else {
            "{spinner} {elapsed_precise} [{bar:40}] {pos}/{len} files ({per_sec}, eta {eta})"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_length(entries as u64);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn reads_articles(&self) -> bool {
        false
    }

    fn written(&mut self, _entry: &WalkEntry) {
        self.bar.inc(1);
    }

    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Stderr that suspends the progress bar (if one is drawn) while a line is written.
pub struct ProgressWriter {
    bar: ProgressBar,
}

impl Write for ProgressWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.bar.suspend(|| io::stderr().lock().write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// Tells several observers about the same scan, in order.
pub struct Tee<'a>(pub Vec<&'a mut dyn Observer>);

impl Observer for Tee<'_> {
    fn start(&mut self, entries: usize) {
        self.0.iter_mut().for_each(|o| o.start(entries));
    }
    fn article(&mut self, entry: &WalkEntry, article: &schema::Article) {
        self.0.iter_mut().for_each(|o| o.article(entry, article));
    }
    fn error(&mut self, entry: &WalkEntry, error: &schema::FileError) {
        self.0.iter_mut().for_each(|o| o.error(entry, error));
    }
    fn reads_articles(&self) -> bool {
        self.0.iter().any(|o| o.reads_articles())
    }
    fn written(&mut self, entry: &WalkEntry) {
        self.0.iter_mut().for_each(|o| o.written(entry));
    }
    fn finish(&mut self) {
        self.0.iter_mut().for_each(|o| o.finish());
    }
}
