//! Facts -> sentences, worded as a wire report would word them.
//!
//! Every number here comes from a [`WeekFacts`]; this module only chooses
//! words. Amounts follow the rule in `money`.

use crate::model::{Amount, SeriesMeta, Unit};
use crate::money::{amount_with_direction, long_date, net_phrase, wire_amount};
use crate::series::{Angle, Extreme, Side, WeekFacts};

/// "first", "second", ... "twentieth", then "21st", "22nd", ...
pub fn ordinal_word(n: usize) -> String {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if (1..=20).contains(&n) {
        return WORDS[n - 1].to_string();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "two", "three", ... for counts in running text; digits from 10 up.
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
}

/// "Foreign investors net sold ¥1.52 trillion of Japanese stocks".
pub fn headline(meta: &SeriesMeta, facts: &WeekFacts) -> String {
    match facts.net.0.signum() {
        0 => format!("{} neither bought nor sold {} on balance", meta.actor, meta.asset),
        _ => format!("{} {} of {}", meta.actor, net_phrase(meta.unit, facts.net), meta.asset),
    }
}

fn side_noun(side: Side) -> &'static str {
    match side {
        Side::Buying => "net buying",
        Side::Selling => "net selling",
        Side::Flat => "neither buying nor selling",
    }
}

/// The streak clause: ", their third straight week of net buying", or
/// ", ending four straight weeks of net selling", or nothing.
pub fn streak_clause(facts: &WeekFacts) -> String {
    let streak = facts.streak;
    if streak.side != Side::Flat && streak.weeks >= 2 {
        return format!(
            ", their {} straight week of {}",
            ordinal_word(streak.weeks),
            side_noun(streak.side)
        );
    }
    match facts.prior_streak {
        Some(prior) if prior.side != Side::Flat && prior.side != streak.side && prior.weeks >= 2 => {
            format!(
                ", ending {} straight weeks of {}",
                count_word(prior.weeks),
                side_noun(prior.side)
            )
        }
        _ => String::new(),
    }
}

/// The paragraph summarising one week of one series.
pub fn week_summary(meta: &SeriesMeta, facts: &WeekFacts, data_start: chrono::NaiveDate) -> Vec<String> {
    let mut sentences = Vec::new();
    let actor = meta.actor.to_lowercase();
    sentences.push(format!(
        "In the week to {}, {} {} of {}{}.",
        long_date(facts.week.end()),
        actor_in_text(&meta.actor, &actor),
        net_phrase(meta.unit, facts.net),
        meta.asset,
        streak_clause(facts)
    ));
    if let Some(prior) = facts.prior {
        sentences.push(format!("The week before, they {}.", net_phrase(meta.unit, prior)));
    }
    match facts.extreme {
        Extreme::Record if facts.net.0 != 0 => sentences.push(format!(
            "It was the largest weekly {} in the data, which begin in {}.",
            if facts.net.0 > 0 { "net purchase" } else { "net sale" },
            data_start.format("%B %Y")
        )),
        Extreme::LargestSince { week, .. } => sentences.push(format!(
            "It was the largest weekly {} since the week to {}.",
            if facts.net.0 > 0 { "net purchase" } else { "net sale" },
            long_date(week.end())
        )),
        _ => {}
    }
    if let Some(ytd) = facts.ytd {
        let mut ytd_sentence = format!(
            "So far in {} ({} {}), they have {}",
            ytd.year,
            ytd.weeks,
            if ytd.weeks == 1 { "week" } else { "weeks" },
            net_phrase(meta.unit, ytd.total)
        );
        match facts.ytd_last_year {
            Some(last) => ytd_sentence.push_str(&format!(
                ", against {} in the same weeks of {}.",
                amount_with_direction(meta.unit, last.total),
                last.year
            )),
            None => ytd_sentence.push('.'),
        }
        sentences.push(ytd_sentence);
    }
    sentences
}

/// Keeps "Foreign investors" capitalised mid-sentence only where it is a
/// proper adjective ("Japanese investors").
fn actor_in_text(actor: &str, lower: &str) -> String {
    if actor.starts_with("Japanese") {
        actor.to_string()
    } else {
        lower.to_string()
    }
}

/// "third straight week of net buying", "first week of net selling".
pub fn streak_description(streak: crate::series::Streak) -> String {
    match (streak.side, streak.weeks) {
        (Side::Flat, _) => "a week of neither buying nor selling".to_string(),
        (side, 1) => format!("first week of {}", side_noun(side)),
        (side, weeks) => format!("{} straight week of {}", ordinal_word(weeks), side_noun(side)),
    }
}

/// The verb of a headline: "buy" / "sell".
fn headline_verb(net: Amount) -> &'static str {
    if net.0 >= 0 { "buy" } else { "sell" }
}

/// A brief's headline, chosen by the week's angle.
pub fn brief_headline(meta: &SeriesMeta, facts: &WeekFacts) -> String {
    let verb = headline_verb(facts.net);
    match facts.angle() {
        Angle::Record => format!(
            "{} make record net {} of {}",
            meta.actor,
            if facts.net.0 > 0 { "purchase" } else { "sale" },
            meta.asset
        ),
        Angle::LargestSince(week) => format!(
            "{} {verb} most {} since {}",
            meta.actor,
            meta.asset,
            week.end().format("%B %Y")
        ),
        Angle::Flip(_) => format!(
            "{} turn net {} of {}",
            meta.actor,
            if facts.net.0 > 0 { "buyers" } else { "sellers" },
            meta.asset
        ),
        Angle::StreakExtended(weeks) => format!(
            "{} net {verb} {} for {} straight week",
            meta.actor,
            meta.asset,
            ordinal_word(weeks)
        ),
        Angle::Plain => headline(meta, facts),
    }
}

/// A brief's one-sentence standfirst: the week's figure and why it matters.
pub fn brief_standfirst(
    meta: &SeriesMeta,
    facts: &WeekFacts,
    publisher: &str,
    data_start: chrono::NaiveDate,
) -> String {
    let why = match facts.angle() {
        Angle::Record => format!(
            ", the largest weekly net {} in data going back to {}",
            if facts.net.0 > 0 { "purchase" } else { "sale" },
            data_start.format("%B %Y")
        ),
        Angle::LargestSince(week) => format!(", the most since the week to {}", long_date(week.end())),
        Angle::Flip(1) => format!(
            ", after a week of {}",
            side_noun(if facts.net.0 > 0 { Side::Selling } else { Side::Buying })
        ),
        Angle::Flip(weeks) => format!(
            ", snapping {} straight weeks of {}",
            count_word(weeks),
            side_noun(if facts.net.0 > 0 { Side::Selling } else { Side::Buying })
        ),
        Angle::StreakExtended(weeks) => format!(
            ", a {} straight week of {}",
            ordinal_word(weeks),
            side_noun(facts.streak.side)
        ),
        Angle::Plain => String::new(),
    };
    format!(
        "{} {} of {} in the week to {}{why}, according to figures from the {publisher}.",
        meta.actor,
        match facts.net.0.signum() {
            0 => "neither bought nor sold any".to_string(),
            _ => net_phrase(meta.unit, facts.net),
        },
        meta.asset,
        long_date(facts.week.end()),
    )
}

/// The paragraph on a week's comparison with the one before and the
/// year to date.
pub fn brief_context(
    unit: Unit,
    facts: &WeekFacts,
    acquisition: Option<Amount>,
    disposition: Option<Amount>,
) -> String {
    let mut sentences = Vec::new();
    if let (Some(bought), Some(sold)) = (acquisition, disposition) {
        sentences.push(format!(
            "They bought {} and sold {}.",
            wire_amount(unit, bought),
            wire_amount(unit, sold)
        ));
    }
    if let (Some(prior), Some(change)) = (facts.prior, facts.change) {
        let movement = match change.0.signum() {
            0 => "was unchanged on the week".to_string(),
            1 => format!("rose by {} on the week", wire_amount(unit, change)),
            _ => format!("fell by {} on the week", wire_amount(unit, change)),
        };
        sentences.push(format!(
            "The week before, they {}; the net figure {movement}.",
            net_phrase(unit, prior)
        ));
    }
    if let Some(ytd) = facts.ytd {
        let mut sentence = format!(
            "So far in {}, over {} {}, they have {}",
            ytd.year,
            ytd.weeks,
            if ytd.weeks == 1 { "week" } else { "weeks" },
            net_phrase(unit, ytd.total)
        );
        match facts.ytd_last_year {
            Some(last) => sentence.push_str(&format!(
                ", against {} in the same period of {}.",
                amount_with_direction(unit, last.total),
                last.year
            )),
            None => sentence.push('.'),
        }
        if ytd.weeks == 1 {
            sentence = match facts.ytd_last_year {
                Some(last) => format!(
                    "This was the first week of {}; in the first week of {} they had {}.",
                    ytd.year,
                    last.year,
                    net_phrase(unit, last.total)
                ),
                None => format!("This was the first week of {} in the year-to-date count.", ytd.year),
            };
        }
        sentences.push(sentence);
    }
    sentences.join(" ")
}

/// One sentence on a secondary series: "In Japanese long-term bonds,
/// foreign investors net bought ¥2.24 trillion, their fourth straight week
/// of net buying; year to date they have net bought ¥8.35 trillion."
pub fn brief_secondary(meta: &SeriesMeta, facts: &WeekFacts) -> String {
    let mut sentence = format!(
        "In {}, {} {}{}",
        meta.asset,
        actor_in_text(&meta.actor, &meta.actor.to_lowercase()),
        net_phrase(meta.unit, facts.net),
        streak_clause(facts)
    );
    if let Some(ytd) = facts.ytd {
        sentence.push_str(&format!(
            "; so far in {} they have {}",
            ytd.year,
            net_phrase(meta.unit, ytd.total)
        ));
        if let Some(last) = facts.ytd_last_year {
            sentence.push_str(&format!(
                ", against {} a year earlier",
                amount_with_direction(meta.unit, last.total)
            ));
        }
    }
    sentence.push('.');
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ordinals_and_counts() {
        assert_eq!(ordinal_word(5), "fifth");
        assert_eq!(ordinal_word(21), "21st");
        assert_eq!(ordinal_word(112), "112th");
        assert_eq!(count_word(4), "four");
        assert_eq!(count_word(12), "12");
    }
}
