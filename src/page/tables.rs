//! What every reader table shares: one unit per column (rows of different
//! units go in tables of their own), amounts whose sign never wraps apart
//! from the number, and columns a phone may drop.
//!
//! Tables fit their column at any width: the net figure comes right after
//! the label, and minor columns (`class="minor"`: gross figures, the change
//! on the week, a year's number of weeks) give way on phones (see
//! style.css). Source cells are not shown to readers: they are in the
//! downloads, which the methodology page explains. No I/O here.

use crate::model::Unit;
use maud::{Markup, html};

/// A signed amount, kept on one line: `−¥1.52 trillion` may otherwise
/// break after its minus sign, which line breaking treats as a prefix.
pub fn amount(text: String) -> Markup {
    html! { span class="nowrap" { (text) } }
}

/// A week's dates in a table cell, which may break only after the dash of
/// a range that has spaces around it: `28 Dec 2025 –` / `3 Jan 2026`.
pub fn week_cell(range: &str) -> Markup {
    match range.split_once(" \u{2013} ") {
        Some((from, to)) => html! {
            span class="nowrap" { (from) " \u{2013}" } " " span class="nowrap" { (to) }
        },
        None => html! { span class="nowrap" { (range) } },
    }
}

/// `items` grouped by unit, each group in the order of its first item, so
/// that a table never mixes units in a column.
pub fn by_unit<T: Copy>(items: &[T], unit_of: impl Fn(&T) -> Unit) -> Vec<(Unit, Vec<T>)> {
    let mut groups: Vec<(Unit, Vec<T>)> = Vec::new();
    for item in items {
        let unit = unit_of(item);
        match groups.iter_mut().find(|(group, _)| *group == unit) {
            Some((_, members)) => members.push(*item),
            None => groups.push((unit, vec![*item])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_the_order_of_their_first_member() {
        let items = [(1, Unit::MillionUsd), (2, Unit::Oku), (3, Unit::MillionUsd)];
        let groups = by_unit(&items, |item| item.1);
        let ids: Vec<(Unit, Vec<i32>)> = groups
            .into_iter()
            .map(|(unit, members)| (unit, members.iter().map(|m| m.0).collect()))
            .collect();
        assert_eq!(ids, vec![(Unit::MillionUsd, vec![1, 3]), (Unit::Oku, vec![2])]);
    }

    #[test]
    fn a_week_breaks_only_after_a_spaced_dash() {
        assert_eq!(
            week_cell("28 Dec 2025 \u{2013} 3 Jan 2026").into_string(),
            "<span class=\"nowrap\">28 Dec 2025 \u{2013}</span> <span class=\"nowrap\">3 Jan 2026</span>"
        );
        assert_eq!(
            week_cell("6\u{2013}12 Sep 2026").into_string(),
            "<span class=\"nowrap\">6\u{2013}12 Sep 2026</span>"
        );
    }

    #[test]
    fn a_signed_amount_is_one_unbreakable_piece() {
        assert_eq!(
            amount("\u{2212}¥1.52 trillion".to_string()).into_string(),
            "<span class=\"nowrap\">\u{2212}¥1.52 trillion</span>"
        );
    }
}
