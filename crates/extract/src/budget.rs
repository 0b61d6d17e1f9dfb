//! The work on one article, run within a time budget.
//!
//! One pathological article (a megabyte without a full stop) must not hold up a corpus run,
//! and Rust cannot stop a thread. So the timed work runs on a helper thread while the caller
//! waits for it with a timeout. Each calling thread (a rayon worker) keeps one helper from
//! article to article. A helper whose article runs over the budget, or panics, is retired: the
//! caller forgets it and starts a new one for its next article, while the old one finishes in
//! the background (its result is dropped; it ends with the process at the latest).
//!
//! A thread started per article instead cost `gazette extract` about a second on BBC News
//! (2,225 articles): thread starts, fresh allocator heaps and the per-thread caches each new
//! thread lacked (BENCHMARKS.md, thirteenth round).
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//! use gazette_extract::budget::{Failure, within};
//! use gazette_types::Article;
//!
//! fn words(_: &(), a: &Article) -> usize {
//!     a.text.split_whitespace().count()
//! }
//! let article = Article::new("a", "Title", "Three short words.");
//! let budget = Some(Duration::from_secs(5));
//! assert_eq!(within(budget, &Arc::new(()), &article, words), Ok(3));
//!
//! fn panics(_: &(), _: &Article) -> usize {
//!     panic!("a bug")
//! }
//! assert_eq!(within(None, &Arc::new(()), &article, panics), Err(Failure::Panicked));
//! ```

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel, sync_channel};
use std::time::Duration;

use gazette_types::Article;

/// Why an article has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The work ran over the time budget (it goes on in the background; its result is
    /// dropped).
    OverBudget,
    /// The work panicked.
    Panicked,
}

/// Runs `work(shared, article)`, giving up after `budget` (`None`: no limit, and the work
/// runs on the calling thread). A panic in the work is caught and reported, never raised.
pub fn within<X, T>(
    budget: Option<Duration>,
    shared: &Arc<X>,
    article: &Article,
    work: fn(&X, &Article) -> T,
) -> Result<T, Failure>
where
    X: Send + Sync + 'static,
    T: Send + 'static,
{
    let Some(budget) = budget else {
        return catch_unwind(AssertUnwindSafe(|| work(shared, article)))
            .map_err(|_| Failure::Panicked);
    };
    let (tx, rx) = sync_channel(1);
    let x = Arc::clone(shared);
    let a = article.clone();
    let job: Job = Box::new(move || {
        let _ = tx.send(catch_unwind(AssertUnwindSafe(|| work(&x, &a))));
    });
    if let Err(job) = Helper::run(job) {
        // No thread to be had: run here, without the budget.
        job();
        return match rx.recv() {
            Ok(Ok(v)) => Ok(v),
            _ => Err(Failure::Panicked),
        };
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(v)) => Ok(v),
        Err(RecvTimeoutError::Timeout) => {
            Helper::retire();
            Err(Failure::OverBudget)
        }
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
            Helper::retire();
            Err(Failure::Panicked)
        }
    }
}

/// One article's work, boxed for a [`Helper`].
type Job = Box<dyn FnOnce() + Send>;

/// The thread that runs the timed work of one calling thread, one article at a time.
struct Helper {
    jobs: Sender<Job>,
}

thread_local! {
    static HELPER: std::cell::RefCell<Option<Helper>> = const { std::cell::RefCell::new(None) };
}

impl Helper {
    /// Hands `job` to this thread's helper (started if there is none); gives it back when no
    /// thread can be started.
    fn run(job: Job) -> Result<(), Job> {
        HELPER.with_borrow_mut(|slot| {
            if slot.is_none() {
                let (jobs, queue) = channel::<Job>();
                let started = std::thread::Builder::new()
                    .name("gazette-extract".into())
                    .spawn(move || {
                        while let Ok(job) = queue.recv() {
                            job();
                        }
                    });
                if started.is_err() {
                    return Err(job);
                }
                *slot = Some(Helper { jobs });
            }
            let Some(helper) = slot.as_ref() else {
                return Err(job);
            };
            if let Err(gone) = helper.jobs.send(job) {
                // The helper has ended (it cannot, short of an abort): forget it.
                *slot = None;
                return Err(gone.0);
            }
            Ok(())
        })
    }

    /// Forgets this thread's helper; it ends once its current job is done, since nothing can
    /// send it another.
    fn retire() {
        HELPER.with_borrow_mut(|slot| *slot = None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::thread::ThreadId;

    /// The thread an article's work ran on; "slow" articles take 400 ms, "panic" ones panic.
    fn on_thread(_: &(), a: &Article) -> ThreadId {
        match a.text.as_str() {
            "slow" => std::thread::sleep(Duration::from_millis(400)),
            "panic" => panic!("the article asked for it"),
            _ => {}
        }
        std::thread::current().id()
    }

    #[test]
    fn timed_work_reuses_one_helper_until_an_article_runs_over_or_panics() {
        let budget = Some(Duration::from_millis(200));
        let shared = Arc::new(());
        let run = |text: &str| within(budget, &shared, &Article::new("a", "", text), on_thread);
        let first = run("quick").unwrap();
        assert_ne!(
            first,
            std::thread::current().id(),
            "the work runs on a helper"
        );
        assert_eq!(run("quick").unwrap(), first, "the helper is kept");
        assert_eq!(run("slow"), Err(Failure::OverBudget));
        let second = run("quick").unwrap();
        assert_ne!(second, first, "a helper over budget is not waited for");
        assert_eq!(run("panic"), Err(Failure::Panicked));
        let third = run("quick").unwrap();
        assert_ne!(third, second, "a helper that panicked is not reused");
        assert_eq!(run("quick").unwrap(), third);
    }

    #[test]
    fn without_a_budget_the_work_runs_on_the_calling_thread() {
        let shared = Arc::new(());
        let here = std::thread::current().id();
        assert_eq!(
            within(None, &shared, &Article::new("a", "", "quick"), on_thread),
            Ok(here)
        );
        assert_eq!(
            within(None, &shared, &Article::new("a", "", "panic"), on_thread),
            Err(Failure::Panicked)
        );
    }
}
