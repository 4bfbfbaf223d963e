//! Work on batches in parallel, results consumed in order.
//!
//! Worker threads take the next batch as soon as they are free (no barrier between rounds of
//! batches, so no core idles while another finishes the last file of a round), and the calling
//! thread consumes the results strictly in order. Workers stay at most [`WINDOW_PER_THREAD`]
//! batches per thread ahead of the consumer, so memory is bounded whatever the number of items.

use std::sync::{Condvar, Mutex, MutexGuard};

/// How many batches per worker may be done or under way beyond the one being consumed.
const WINDOW_PER_THREAD: usize = 4;

struct State<R> {
    /// The first batch no worker has taken yet.
    next: usize,
    /// Batches consumed so far.
    consumed: usize,
    /// Results waiting for the consumer, batch `i` in slot `i % window`.
    done: Vec<Option<R>>,
    /// The consumer failed or a worker panicked: nothing more is taken.
    stop: bool,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    /// A result arrived, or a worker stopped.
    ready: Condvar,
    /// The consumer made room in the window, or stopped.
    room: Condvar,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // A worker that panics holds no lock while it works: the state stays consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.ready.notify_all();
        self.room.notify_all();
    }
}

/// Stops the whole run if a worker unwinds, so the consumer does not wait for its batch.
struct StopOnPanic<'a, R>(&'a Shared<R>);

impl<R> Drop for StopOnPanic<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Runs `work` on `items` in batches of `batch` on `threads` threads, and `consume` on each
/// batch with its result, in order, on this thread. The first error of `consume` stops the
/// workers (after their current batch) and is returned; a panic in `work` is resumed here.
pub fn for_each_batch<T, R, W, C>(items: &[T], batch: usize, threads: usize, work: W, mut consume: C) -> anyhow::Result<()>
where
    T: Sync,
    R: Send,
    W: Fn(&[T]) -> R + Sync,
    C: FnMut(&[T], R) -> anyhow::Result<()>,
{
    let batches: Vec<&[T]> = items.chunks(batch.max(1)).collect();
    let window = WINDOW_PER_THREAD * threads.max(1);
    let shared = Shared {
        state: Mutex::new(State { next: 0, consumed: 0, done: (0..window).map(|_| None).collect(), stop: false }),
        ready: Condvar::new(),
        room: Condvar::new(),
    };
    let worker = || {
        let _guard = StopOnPanic(&shared);
        loop {
            let index = {
                let mut state = shared.lock();
                loop {
                    if state.stop || state.next >= batches.len() {
                        return;
                    }
                    if state.next < state.consumed + window {
                        break;
                    }
                    state = shared.room.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
                state.next += 1;
                state.next - 1
            };
            let result = work(batches[index]);
            shared.lock().done[index % window] = Some(result);
            shared.ready.notify_one();
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1)).map(|_| scope.spawn(worker)).collect();
        let outcome = (|| {
            for (index, items) in batches.iter().enumerate() {
                let result = {
                    let mut state = shared.lock();
                    loop {
                        if let Some(result) = state.done[index % window].take() {
                            state.consumed += 1;
                            break result;
                        }
                        if state.stop {
                            // A worker panicked: its panic is resumed below.
                            return Ok(());
                        }
                        state = shared.ready.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
                    }
                };
                shared.room.notify_one();
                consume(items, result)?;
            }
            Ok(())
        })();
        if outcome.is_err() {
            shared.stop();
        }
        for handle in workers {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consumes_every_batch_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            for_each_batch(&items, 7, threads, |b: &[u32]| b.iter().map(|x| x * 2).collect::<Vec<_>>(), |b, r| {
                assert_eq!(r, b.iter().map(|x| x * 2).collect::<Vec<_>>());
                seen.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
            assert_eq!(seen, items);
        }
    }

    #[test]
    fn an_error_stops_the_workers_and_comes_back() {
        let items: Vec<u32> = (0..10_000).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let result = for_each_batch(
            &items,
            1,
            2,
            |_: &[u32]| done.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            |b, _| if b[0] == 5 { anyhow::bail!("stop") } else { Ok(()) },
        );
        assert_eq!(result.unwrap_err().to_string(), "stop");
        // The window bounds how far the workers got.
        assert!(done.into_inner() <= 6 + 2 * WINDOW_PER_THREAD + 2);
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panic_in_work_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        let _ = for_each_batch(&items, 1, 2, |b: &[u32]| assert!(b[0] != 50, "boom"), |_, _| Ok(()));
    }
}
