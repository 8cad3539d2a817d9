//! Running independent work on every core, keeping the input's order.
//!
//! Charts, pages and file writes are independent, one result per input,
//! computed from shared, read-only data. rayon's work stealing balances
//! them across cores (a year-to-date chart costs twice a weekly one, a
//! brief several times a data table), and its indexed `collect` puts the
//! results back in input order, so the output is identical to a serial
//! run's.

use rayon::prelude::*;

/// `f` applied to every item, on every core; the results are in the items'
/// order. If any item fails, the error of the first failing item in item
/// order is returned, whichever thread met its error first.
pub fn map_ordered<T, R, E, F>(items: &[T], f: F) -> Result<Vec<R>, E>
where
    T: Sync,
    R: Send,
    E: Send,
    F: Fn(&T) -> Result<R, E> + Sync,
{
    // rayon's own `collect::<Result<Vec<_>, _>>()` stops at the error some
    // thread meets first, which differs from run to run; collecting every
    // outcome in order and then taking the first error does not. Errors
    // are rare (they are bugs or I/O failures), so the work they would have
    // saved does not matter.
    let outcomes: Vec<Result<R, E>> = items.par_iter().map(&f).collect();
    outcomes.into_iter().collect()
}

/// `a` and `b` run at once, on two cores if there are two free.
pub fn both<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    rayon::join(a, b)
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

    #[test]
    fn the_first_error_in_item_order_wins_even_when_a_later_one_is_met_first() {
        // The first failing item is slow and the later ones fail at once, so
        // another thread meets its error long before item 10 fails.
        let items: Vec<u32> = (0..64).collect();
        for _ in 0..5 {
            let failed: Result<Vec<u32>, String> = map_ordered(&items, |x| match *x {
                10 => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    Err("bad 10".to_string())
                }
                x if x > 10 => Err(format!("bad {x}")),
                x => Ok(x),
            });
            assert_eq!(failed, Err("bad 10".to_string()));
        }
    }
}
