//! Two worker threads and a queue: independent jobs (texts to index, units of text to
//! set) run side by side, the largest first, and their results come back in the jobs'
//! order, so nothing downstream can tell which thread did what.
//!
//! Two because the machines this is built for have two cores (and the build keeps a
//! third thread busy with the EPUB or the cover); the queue rather than a fixed split
//! because the jobs' sizes are only estimates, and a thread that finishes early takes
//! what is left.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many bytes of text in all, work on text (indexing, parsing, marking,
/// setting) stays on one thread: starting a second costs about what 20 KB of that work
/// does (a tenth to half a millisecond), and a fixture book would pay it for nothing.
pub const MIN_BYTES_FOR_TWO: usize = 20_000;

/// Whether `sizes` (bytes of text per job) add up to enough to repay a second thread.
pub fn worth_two(sizes: impl IntoIterator<Item = usize>) -> bool {
    sizes.into_iter().sum::<usize>() >= MIN_BYTES_FOR_TWO
}

/// Shares `items` out between two threads when `threaded`: largest first (by `size`),
/// each to the side with less so far. For jobs that need their items by value (to
/// change them) and so cannot go through [`map_jobs`]' queue.
pub fn halves<T>(items: Vec<T>, size: impl Fn(&T) -> usize, threaded: bool) -> (Vec<T>, Vec<T>) {
    let mut sized: Vec<(usize, T)> = items.into_iter().map(|t| (size(&t), t)).collect();
    sized.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let (mut mine, mut other) = (Vec::new(), Vec::new());
    let (mut mine_size, mut other_size) = (0, 0);
    for (n, item) in sized {
        if !threaded || mine_size <= other_size {
            mine_size += n;
            mine.push(item);
        } else {
            other_size += n;
            other.push(item);
        }
    }
    (mine, other)
}

/// Runs `job` on each of `jobs` and returns the results in the order of `jobs`.
///
/// Each thread first makes its own state with `init` (caches that are not shared) and
/// hands it to every job it runs; it then takes the next job, largest by `size` first,
/// until none is left. With `threaded` false, or a single job, everything runs on the
/// calling thread.
pub fn map_jobs<J, S, R>(
    jobs: &[J],
    size: impl Fn(&J) -> usize,
    threaded: bool,
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &J) -> R + Sync,
) -> Vec<R>
where
    J: Sync,
    R: Send,
{
    let mut mine = init();
    map_jobs_with(jobs, size, threaded, &mut mine, init, job)
}

/// [`map_jobs`] with the calling thread's state given: it keeps what its jobs leave in
/// it (warm caches for the next queue of the same kind of work); only the other thread
/// makes its own with `init`.
pub fn map_jobs_with<J, S, R>(
    jobs: &[J],
    size: impl Fn(&J) -> usize,
    threaded: bool,
    mine: &mut S,
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &J) -> R + Sync,
) -> Vec<R>
where
    J: Sync,
    R: Send,
{
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&j| std::cmp::Reverse(size(&jobs[j])));
    let next = AtomicUsize::new(0);
    let work = |state: &mut S| {
        let mut done = Vec::new();
        loop {
            let taken = next.fetch_add(1, Ordering::Relaxed);
            let Some(&j) = order.get(taken) else { break };
            done.push((j, job(state, &jobs[j])));
        }
        done
    };
    let done = if threaded && jobs.len() > 1 {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| work(&mut init()));
            let mut done = work(mine);
            done.extend(other.join().expect("a job does not panic"));
            done
        })
    } else {
        work(mine)
    };
    let mut slots: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
    for (j, result) in done {
        slots[j] = Some(result);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every job is taken by a worker"))
        .collect()
}

/// Runs `job` on each of `jobs`, taken in their order, and hands each result to `ready`
/// on the calling thread, in the order of `jobs`, as soon as it and every one before it
/// are done: work that must go in order (paginating the texts) starts on the first
/// results while the rest are still being made. `ready` gets the calling thread's state,
/// between its jobs.
///
/// In order rather than largest first: the results are wanted early, and the jobs are
/// cut small enough that the last ones taken balance the two threads. With `threaded`
/// false, or a single job, everything runs on the calling thread.
pub fn stream_jobs_with<J, S, R>(
    jobs: &[J],
    threaded: bool,
    mine: &mut S,
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &J) -> R + Sync,
    ready: &mut dyn FnMut(&mut S, usize, R),
) where
    J: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let take = || {
        let j = next.fetch_add(1, Ordering::Relaxed);
        (j < jobs.len()).then_some(j)
    };
    if !threaded || jobs.len() < 2 {
        while let Some(j) = take() {
            let result = job(mine, &jobs[j]);
            ready(mine, j, result);
        }
        return;
    }
    std::thread::scope(|scope| {
        let (send, received) = std::sync::mpsc::channel::<(usize, R)>();
        let (take, job, init) = (&take, &job, &init);
        let other = scope.spawn(move || {
            let mut state = init();
            while let Some(j) = take() {
                if send.send((j, job(&mut state, &jobs[j]))).is_err() {
                    break;
                }
            }
        });
        let mut slots: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
        let mut handed = 0;
        let mut hand_over = |slots: &mut Vec<Option<R>>, mine: &mut S| {
            while let Some(result) = slots.get_mut(handed).and_then(Option::take) {
                ready(mine, handed, result);
                handed += 1;
            }
        };
        while let Some(j) = take() {
            slots[j] = Some(job(mine, &jobs[j]));
            for (j, result) in received.try_iter() {
                slots[j] = Some(result);
            }
            hand_over(&mut slots, mine);
        }
        // Every job is taken: the other thread's last results are awaited in turn (the
        // channel ends when that thread does).
        for (j, result) in received.iter() {
            slots[j] = Some(result);
            hand_over(&mut slots, mine);
        }
        other.join().expect("a job does not panic");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_job_order_with_per_thread_state() {
        let jobs: Vec<usize> = (0..50).collect();
        for threaded in [false, true] {
            // The state counts the jobs its thread has run so far.
            let out = map_jobs(
                &jobs,
                |&j| j % 7,
                threaded,
                || 0usize,
                |seen, &j| {
                    *seen += 1;
                    (j * 2, *seen)
                },
            );
            let doubled: Vec<usize> = out.iter().map(|(d, _)| *d).collect();
            assert_eq!(doubled, jobs.iter().map(|j| j * 2).collect::<Vec<_>>());
            // One state per thread: each thread's first job sees 1.
            let firsts = out.iter().filter(|(_, seen)| *seen == 1).count();
            if threaded {
                assert!((1..=2).contains(&firsts));
            } else {
                assert_eq!(firsts, 1);
                assert_eq!(out.iter().map(|(_, s)| *s).max(), Some(50));
            }
        }
        let none: Vec<u8> = Vec::new();
        assert!(map_jobs(&none, |_| 0, true, || (), |_, &b| b).is_empty());
    }

    #[test]
    fn halves_are_balanced_largest_first() {
        let (a, b) = halves(vec![1usize, 9, 3, 4, 5], |&n| n, true);
        assert_eq!((a, b), (vec![9, 3], vec![5, 4, 1]));
        let (a, b) = halves(vec![1usize, 9, 3], |&n| n, false);
        assert_eq!((a, b.len()), (vec![9, 3, 1], 0));
    }

    #[test]
    fn the_largest_job_runs_first() {
        let jobs = [3usize, 9, 1];
        let out = map_jobs(
            &jobs,
            |&j| j,
            false,
            || 0usize,
            |n, _| {
                *n += 1;
                *n
            },
        );
        assert_eq!(out, vec![2, 1, 3]);
    }

    #[test]
    fn streamed_results_come_in_order_as_soon_as_ready() {
        let jobs: Vec<usize> = (0..40).collect();
        for threaded in [false, true] {
            let mut handed = Vec::new();
            let mut mine = 0usize;
            stream_jobs_with(
                &jobs,
                threaded,
                &mut mine,
                || 0usize,
                |ran, &j| {
                    *ran += 1;
                    j * 3
                },
                &mut |ran, j, result| {
                    assert_eq!(result, j * 3);
                    handed.push((j, *ran));
                },
            );
            let order: Vec<usize> = handed.iter().map(|(j, _)| *j).collect();
            assert_eq!(order, jobs);
            // The calling thread ran at least one job before the last result came.
            assert!(handed.last().is_some_and(|(_, ran)| *ran >= 1));
            if !threaded {
                // One job, then its result: each result comes right after its job.
                assert!(handed.iter().all(|(j, ran)| *ran == j + 1));
            }
        }
        let mut none = 0;
        stream_jobs_with(
            &[] as &[u8],
            true,
            &mut none,
            || 0,
            |_, &b| b,
            &mut |_, _, _| panic!("no job, no result"),
        );
    }
}
