//! Running independent work on every core, keeping the input's order.
//!
//! Charts and pages are rendered from shared, read-only data, one result
//! per input; splitting the inputs into one contiguous chunk per core and
//! joining the chunks in order keeps the output identical to a serial run.
//! A scoped thread pool from the standard library is all this needs.

use std::num::NonZeroUsize;
use std::thread;

/// `f` applied to every item, on up to one thread per core; the results
/// are in the items' order. The first error (in item order) is returned.
pub fn map_ordered<T, R, E, F>(items: &[T], f: F) -> Result<Vec<R>, E>
where
    T: Sync,
    R: Send,
    E: Send,
    F: Fn(&T) -> Result<R, E> + Sync,
{
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    let chunks: Vec<Result<Vec<R>, E>> = thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Result<Vec<R>, E>>()))
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(result) => result,
                // A panic in a worker is a bug; re-raise it where it can be seen.
                Err(payload) => std::panic::resume_unwind(payload),
            })
            .collect()
    });
    let mut results = Vec::with_capacity(items.len());
    for part in chunks {
        results.extend(part?);
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_reports_the_first_error() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled: Result<Vec<u32>, String> = map_ordered(&items, |x| Ok(x * 2));
        assert_eq!(doubled, Ok((0..1000).map(|x| x * 2).collect()));
        let failed: Result<Vec<u32>, String> = map_ordered(&items, |x| {
            if *x == 700 || *x == 900 {
                Err(format!("bad {x}"))
            } else {
                Ok(*x)
            }
        });
        assert_eq!(failed, Err("bad 700".to_string()));
    }
}
