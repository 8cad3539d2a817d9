//! Weekly rows must follow each other: no gaps, duplicates or reversals.

use crate::error::{Location, Problems};
use crate::model::Week;

/// A row's line and week, for continuity checks.
struct Dated {
    line: usize,
    week: Week,
}

/// Checks that consecutive rows of one series are consecutive weeks.
/// `timeline` holds each row's line and week, or `None` where the period
/// could not be read (such a row breaks the chain instead of being called a
/// gap); `period_column` is the 1-based column of the period, for messages.
pub fn check_continuity(path: &str, period_column: usize, timeline: &[(usize, Option<Week>)], problems: &mut Problems) {
    // Rows out of order make every gap between them meaningless: report the
    // order (and duplicates) alone until the rows are sorted.
    let out_of_order = timeline.windows(2).any(|pair| match (pair[0].1, pair[1].1) {
        (Some(a), Some(b)) => b < a,
        _ => false,
    });
    for pair in timeline.windows(2) {
        let ((previous_line, Some(previous_week)), (line, Some(week))) = (pair[0], pair[1]) else {
            continue;
        };
        let (previous, row) = (
            Dated {
                line: previous_line,
                week: previous_week,
            },
            Dated { line, week },
        );
        let expected = previous.week.next();
        let location = Location::cell(path, row.line, period_column);
        if row.week == expected {
            continue;
        }
        if row.week == previous.week {
            problems.report(
                location,
                format!("week {} appears twice (also on line {})", row.week, previous.line),
                "remove the duplicate row",
            );
        } else if row.week < previous.week {
            problems.report(
                location,
                format!(
                    "week {} comes after week {} (line {}): weeks are out of order",
                    row.week, previous.week, previous.line
                ),
                "keep the rows oldest first",
            );
        } else if !out_of_order {
            let missing_last = row.week.previous();
            let missing = if missing_last == expected {
                format!("week {expected} is missing")
            } else {
                format!(
                    "weeks {}..{} are missing ({} weeks)",
                    expected.start(),
                    missing_last.end(),
                    (row.week.start() - expected.start()).num_days() / 7
                )
            };
            problems.report(
                location,
                format!("gap before week {}: {missing}", row.week),
                "restore the missing rows from the published file",
            );
        }
    }
}
