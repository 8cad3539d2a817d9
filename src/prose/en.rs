//! The English phrasebook: a brief worded as a wire desk would send it.
//!
//! Style: "bought a net ¥1.08 trillion", "Ministry of Finance data showed";
//! ordinals are words up to ninth and figures from 10th ("a 12th straight
//! week"), counts likewise ("three weeks", "11 weeks"), one is singular; "a"
//! or "an" follows the sound ("an eighth", "an 11th", "an ¥8.2 billion");
//! an amount of zero is never printed as one ("¥0.0 billion"), the words say
//! what zero means. Amounts follow the rule in `money`. Headlines are
//! present tense and carry the week's figure; the lede carries every angle
//! the plan gives it. Where several wordings fit the same facts, the plan's
//! variant picks one, so neighbouring weeks read differently.

use super::{Brief, Lead, Note, Phrasebook, RunAngle, Story};
use crate::model::{Amount, AssetClass, BreakCause, SeriesBreak, SeriesMeta, Unit, Week};
use crate::money::{long_date, wire_amount};
use crate::series::{Activity, Change, Extreme, Ratio, Side, Streak, YearToDate, YtdComparison, YtdStanding};
use chrono::{Datelike, NaiveDate};

/// The English phrasebook.
pub static ENGLISH: English = English;

/// Wire-report English.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

/// "first" … "ninth", then "10th", "11th", "21st", "112th".
pub fn ordinal(n: usize) -> String {
    const WORDS: [&str; 9] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    if (1..=9).contains(&n) {
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

/// "one" … "nine", then "10", "11".
pub fn count(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
}

/// Whether `phrase` is spoken starting with a vowel sound: "eighth",
/// "11th", "18-week", "¥8.2 billion", "$80 million" do; "one", "¥1.08
/// trillion", "12th" do not.
fn starts_with_vowel_sound(phrase: &str) -> bool {
    let spoken = phrase.trim_start_matches(['¥', '$', ' ']);
    if spoken.starts_with(|c: char| c.is_ascii_digit()) {
        let whole: String = spoken
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .collect();
        let mut number: u64 = whole.parse().unwrap_or(0);
        // "eleven thousand", "eighty-one million": the leading group is said first.
        while number >= 1000 {
            number /= 1000;
        }
        return matches!(number, 8 | 11 | 18 | 80..=89 | 800..=899);
    }
    let lower = spoken.to_ascii_lowercase();
    if ["one", "once", "uni", "use", "usu", "eu", "ur"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return false;
    }
    lower.starts_with(['a', 'e', 'i', 'o', 'u']) || lower.starts_with("hour")
}

/// `phrase` with "a" or "an" before it.
pub fn with_article(phrase: &str) -> String {
    let article = if starts_with_vowel_sound(phrase) { "an" } else { "a" };
    format!("{article} {phrase}")
}

/// "three weeks", "one week", "11 weeks".
fn weeks(n: usize) -> String {
    if n == 1 {
        "one week".to_string()
    } else {
        format!("{} weeks", count(n))
    }
}

/// "a week", "three weeks": how long a run that ended lasted.
fn run_span(n: usize) -> String {
    if n == 1 { "a week".to_string() } else { weeks(n) }
}

/// "three-week", "11-week".
fn run_adjective(n: usize) -> String {
    format!("{}-week", count(n))
}

/// "23 May".
fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), crate::money::month_name(date))
}

/// "June", or "June 2025" when `then` is not in the year of `now`.
fn month_since(then: NaiveDate, now: NaiveDate) -> String {
    let month = crate::money::month_name(then);
    if then.year() == now.year() {
        month.to_string()
    } else {
        format!("{month} {}", then.year())
    }
}

/// "late June", "early March 2025": where in a month a week ended.
fn part_of_month_since(then: NaiveDate, now: NaiveDate) -> String {
    let part = match then.day() {
        1..=10 => "early ",
        11..=20 => "mid-",
        _ => "late ",
    };
    format!("{part}{}", month_since(then, now))
}

/// The words of one side of the market.
struct SideWords {
    /// "bought" / "sold".
    past: &'static str,
    /// "buy" / "sell".
    present: &'static str,
    /// "buying" / "selling".
    gerund: &'static str,
    /// "purchases" / "sales".
    plural: &'static str,
    /// "purchase" / "sale".
    noun: &'static str,
    /// "buyers" / "sellers".
    agents: &'static str,
}

const BUYING: SideWords = SideWords {
    past: "bought",
    present: "buy",
    gerund: "buying",
    plural: "purchases",
    noun: "purchase",
    agents: "buyers",
};
const SELLING: SideWords = SideWords {
    past: "sold",
    present: "sell",
    gerund: "selling",
    plural: "sales",
    noun: "sale",
    agents: "sellers",
};

fn side_words(net: Amount) -> &'static SideWords {
    if net.0 < 0 { &SELLING } else { &BUYING }
}

fn other_side(net: Amount) -> &'static SideWords {
    if net.0 < 0 { &BUYING } else { &SELLING }
}

fn streak_side_words(side: Side) -> &'static SideWords {
    if side == Side::Selling { &SELLING } else { &BUYING }
}

/// First words of actors that are common nouns and adjectives, lowercased
/// inside a sentence ("foreign investors"); any other (a nationality,
/// "Japanese investors", or a name) keeps its capital.
const COMMON_FIRST_WORDS: [&str; 14] = [
    "Foreign",
    "Overseas",
    "Domestic",
    "Non-resident",
    "Non-residents",
    "Resident",
    "Residents",
    "Global",
    "International",
    "Institutional",
    "Individual",
    "Retail",
    "Local",
    "Offshore",
];

/// How a series' actor and asset read in a sentence.
struct Names<'a> {
    /// "Foreign investors", to open a sentence.
    actor: &'a str,
    /// "foreign investors", inside one.
    actor_in_text: String,
    /// "Foreign investors'".
    possessive: String,
    /// "Foreign" in "Foreign buying of …", if the actor is "… investors".
    adjective: Option<&'a str>,
    /// "Japanese stocks".
    asset: &'a str,
    /// The series' unit.
    unit: Unit,
}

impl<'a> Names<'a> {
    fn of(meta: &'a SeriesMeta) -> Names<'a> {
        let actor = meta.actor.as_str();
        let first = actor.split(' ').next().unwrap_or(actor);
        let actor_in_text = if COMMON_FIRST_WORDS.contains(&first) {
            let mut chars = actor.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            actor.to_string()
        };
        let possessive = if actor.ends_with('s') {
            format!("{actor}'")
        } else {
            format!("{actor}'s")
        };
        Names {
            actor,
            actor_in_text,
            possessive,
            adjective: actor.strip_suffix(" investors").filter(|a| !a.is_empty()),
            asset: &meta.asset,
            unit: meta.unit,
        }
    }

    /// The size of a non-zero amount: "¥1.08 trillion".
    fn amount(&self, amount: Amount) -> String {
        wire_amount(self.unit, amount)
    }
}

/// "Ministry of Finance" from "Ministry of Finance, Japan": the name a
/// sentence can carry before "data showed".
fn publisher_name(publisher: &str) -> &str {
    publisher.split(',').next().unwrap_or(publisher).trim()
}

/// The attribution closing a lede, chosen by the variant.
fn attribution(publisher: &str, variant: usize) -> String {
    let name = publisher_name(publisher);
    match (variant / 2 + 1) % 3 {
        0 => format!("{name} data showed"),
        1 => format!("according to {name} data"),
        _ => format!("{name} figures showed"),
    }
}

/// An amount of whole dollars as wire reports write it: `$6.77 billion`,
/// `$312 million`, `$0.6 million`.
fn dollar_amount(dollars: i64) -> String {
    let value = dollars.unsigned_abs();
    let hundredths = |divisor: u64| {
        let scaled = (value * 100 + divisor / 2) / divisor;
        format!("{}.{:02}", scaled / 100, scaled % 100)
    };
    if value >= 1_000_000_000_000 {
        format!("${} trillion", hundredths(1_000_000_000_000))
    } else if value >= 999_995_000 {
        format!("${} billion", hundredths(1_000_000_000))
    } else if value >= 999_500 {
        format!("${} million", (value + 500_000) / 1_000_000)
    } else {
        let tenths = (value + 50_000) / 100_000;
        format!("${}.{} million", tenths / 10, tenths % 10)
    }
}

/// The lead's amount, with its dollar equivalent if the brief gives one:
/// "¥1.08 trillion, or about $6.77 billion". `mid` adds the comma that
/// closes the aside inside a sentence.
fn lead_amount(story: &Story<'_>, names: &Names<'_>, mid: bool) -> String {
    let yen = names.amount(story.facts().net);
    match story.dollars {
        Some(dollars) if mid => format!("{yen}, or about {},", dollar_amount(dollars)),
        Some(dollars) => format!("{yen}, or about {}", dollar_amount(dollars)),
        None => yen,
    }
}

/// The run beside a record or "largest since", as a trailing clause.
/// `their` says whether the sentence's subject owns it ("their eighth
/// straight week") or not ("an eighth straight week").
fn run_clause(run: RunAngle, net: Amount, their: bool) -> String {
    let side = side_words(net);
    match run {
        RunAngle::None => String::new(),
        RunAngle::Streak(n) if their => format!(", and their {} straight week of {}", ordinal(n), side.gerund),
        RunAngle::Streak(n) => format!(", and {} straight week of {}", with_article(&ordinal(n)), side.gerund),
        RunAngle::Flip(from) if from.is_long() => format!(
            ", snapping {} {} streak",
            with_article(&run_adjective(from.weeks)),
            streak_side_words(from.side).gerund
        ),
        RunAngle::Flip(from) => format!(
            ", turning net {} after {} of net {}",
            side.agents,
            run_span(from.weeks),
            streak_side_words(from.side).gerund
        ),
    }
}

/// ", ending two weeks of net buying" or ", interrupting an 11-week
/// buying streak" for a week that claims no side (`verb`: "ending",
/// "interrupting"); nothing for a single week.
fn ended_clause(ended: Option<Streak>, verb: &str) -> String {
    match ended {
        Some(run) if run.is_long() => format!(
            ", {verb} {} {} streak",
            with_article(&run_adjective(run.weeks)),
            streak_side_words(run.side).gerund
        ),
        Some(run) if run.weeks >= 2 => format!(
            ", ending {} of net {}",
            weeks(run.weeks),
            streak_side_words(run.side).gerund
        ),
        _ => String::new(),
    }
}

/// The lede, and whether it already said how the net moved from the week
/// before (so the body does not say it twice).
fn lede(brief: &Brief<'_>) -> (String, bool) {
    let story = &brief.lead;
    let facts = story.facts();
    let names = Names::of(story.meta());
    let v = brief.variant;
    let when = day_month(facts.week.end());
    // A page that names its source elsewhere gives no publisher.
    let by = if brief.publisher.is_empty() {
        String::new()
    } else {
        format!(", {}", attribution(brief.publisher, v))
    };
    let side = side_words(facts.net);
    let actor = names.actor;
    let asset = names.asset;
    let mid = lead_amount(story, &names, true);
    let end = lead_amount(story, &names, false);
    let first_year = story.series.first_week.start().year();
    let mut stated_change = false;
    let text = match story.lead {
        Lead::NoTransactions { ended } => match (v % 2, brief.publisher.is_empty()) {
            (0, _) | (_, true) => format!(
                "No transactions by {} in {asset} were reported for the week to {when}{}{by}, with purchases and sales both at zero.",
                names.actor_in_text,
                ended_clause(ended, "interrupting")
            ),
            _ => format!(
                "{} data showed no transactions by {} in {asset} in the week to {when}{}: purchases and sales were both zero.",
                publisher_name(brief.publisher),
                names.actor_in_text,
                ended_clause(ended, "interrupting")
            ),
        },
        Lead::Balanced { ended } => {
            let gross = facts.gross.map(|g| g.bought + g.sold).unwrap_or_default();
            let leaving = if facts.net.0 == 0 {
                "with purchases equal to sales".to_string()
            } else {
                format!("leaving a net {} of {mid}", side.noun)
            };
            match v % 2 {
                0 => format!(
                    "{} purchases and sales of {asset} roughly balanced in the week to {when}, {leaving} on gross trading of {}{}{by}.",
                    names.possessive,
                    names.amount(gross),
                    ended_clause(ended, "ending")
                ),
                _ => format!(
                    "{actor} bought and sold {asset} in roughly equal amounts in the week to {when}, {leaving}{}{by}.",
                    ended_clause(ended, "ending")
                ),
            }
        }
        Lead::Even { ended } => format!(
            "{} purchases and sales of {asset} matched in the week to {when}, leaving no net purchases or sales{}{by}.",
            names.possessive,
            ended_clause(ended, "ending")
        ),
        Lead::Record { run } => match v % 2 {
            0 => format!(
                "{actor} {} a record net {mid} of {asset} in the week to {when}, the most in data going back to {first_year}{}{by}.",
                side.past,
                run_clause(run, facts.net, true)
            ),
            _ => format!(
                "{} net {} of {asset} hit a record {mid} in the week to {when}, the largest in data going back to {first_year}{}{by}.",
                names.possessive,
                side.plural,
                run_clause(run, facts.net, true)
            ),
        },
        Lead::LargestSince { week, run } => {
            let since = part_of_month_since(week.end(), facts.week.end());
            let most = if facts.net.0 < 0 {
                "the largest weekly sale"
            } else {
                "the most"
            };
            let frames = if names.adjective.is_some() { 3 } else { 2 };
            match v % frames {
                0 => format!(
                    "{actor} {} a net {mid} of {asset} in the week to {when}, {most} since {since}{}{by}.",
                    side.past,
                    run_clause(run, facts.net, true)
                ),
                1 => format!(
                    "{} net {} of {asset} {} {mid} in the week to {when}, their largest since {since}{}{by}.",
                    names.possessive,
                    side.plural,
                    if facts.net.0 < 0 { "swelled to" } else { "climbed to" },
                    run_clause(run, facts.net, true)
                ),
                _ => format!(
                    "{} {} of {asset} reached {mid} in the week to {when}, {most} since {since}{}{by}.",
                    names.adjective.unwrap_or(actor),
                    side.gerund,
                    run_clause(run, facts.net, false)
                ),
            }
        }
        Lead::Streak { weeks: n } => {
            let change = facts.movement;
            let movable = matches!(change, Some(Change::Quickened | Change::Slowed));
            let frames = if movable { 3 } else { 2 };
            match v % frames {
                0 => format!(
                    "{actor} {} a net {mid} of {asset} in the week to {when}, their {} straight week of net {}{by}.",
                    side.past,
                    ordinal(n),
                    side.gerund
                ),
                1 if movable => {
                    stated_change = true;
                    let (verb, though) = match (change, facts.net.0 < 0) {
                        (Some(Change::Quickened), false) => ("quickened to", false),
                        (Some(Change::Quickened), true) => ("deepened to", false),
                        (_, false) => ("slowed to", true),
                        (_, true) => ("eased to", true),
                    };
                    if though {
                        format!(
                            "{} net {} of {asset} {verb} {mid} in the week to {when}, though it was their {} straight week of {}{by}.",
                            names.possessive,
                            side.gerund,
                            ordinal(n),
                            side.plural
                        )
                    } else {
                        format!(
                            "{} net {} of {asset} {verb} {mid} in the week to {when}, {} straight week of {}{by}.",
                            names.possessive,
                            side.gerund,
                            with_article(&ordinal(n)),
                            side.plural
                        )
                    }
                }
                _ => format!(
                    "{actor} kept {} {asset} for {} straight week through {when}, {} a net {end}{by}.",
                    side.gerund,
                    with_article(&ordinal(n)),
                    if facts.net.0 < 0 { "shedding" } else { "adding" }
                ),
            }
        }
        Lead::Flip { from } => {
            let before = streak_side_words(from.side);
            match v % 3 {
                0 => format!(
                    "{actor} turned net {} of {asset} in the week to {when}, {} a net {mid} after {} of net {}{by}.",
                    side.agents,
                    side.gerund,
                    run_span(from.weeks),
                    before.gerund
                ),
                1 if from.is_long() => format!(
                    "{actor} {} a net {mid} of {asset} in the week to {when}, snapping {} {} streak{by}.",
                    side.past,
                    with_article(&run_adjective(from.weeks)),
                    before.gerund
                ),
                1 => format!(
                    "{actor} {} a net {mid} of {asset} in the week to {when} after {} of net {}{by}.",
                    side.past,
                    run_span(from.weeks),
                    before.gerund
                ),
                _ => format!(
                    "{} {} net {} of {mid} {} {} in the week to {when}, after {} of net {}{by}.",
                    capitalised(asset),
                    if facts.net.0 < 0 { "saw" } else { "drew" },
                    side.plural,
                    if facts.net.0 < 0 { "by" } else { "from" },
                    names.actor_in_text,
                    run_span(from.weeks),
                    before.gerund
                ),
            }
        }
        Lead::Plain => match v % 2 {
            0 => format!(
                "{actor} {} a net {mid} of {asset} in the week to {when}{by}.",
                side.past
            ),
            _ => format!(
                "{actor} were net {} of {asset} in the week to {when}, {} {mid} more than they {}{by}.",
                side.agents,
                if facts.net.0 < 0 { "selling" } else { "purchasing" },
                other_side(facts.net).past
            ),
        },
    };
    (tidy_commas(&text), stated_change)
}

/// Closes the aside of a dollar figure where the sentence already has a
/// comma, colon or full stop after it (", or about $6.77 billion,," -> one).
fn tidy_commas(text: &str) -> String {
    text.replace(",,", ",").replace(",.", ".").replace(",:", ":")
}

/// `text` with its first letter capitalised.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The sentence on the week before, for the lead series. `stated` says the
/// lede already gave the direction of the change.
fn week_before_sentence(story: &Story<'_>, stated: bool, v: usize) -> Option<String> {
    let facts = story.facts();
    let names = Names::of(story.meta());
    let Some(prior) = facts.prior else {
        return Some("The data begin with this week, so there is no earlier week to compare it with.".to_string());
    };
    let prior_side = side_words(prior);
    let plain = || {
        format!(
            "The week before, they had {} a net {}.",
            prior_side.past,
            names.amount(prior)
        )
    };
    if facts.prior_activity == Some(Activity::NoTransactions) {
        return Some("No transactions had been reported the week before.".to_string());
    }
    if facts.prior_activity == Some(Activity::RoughlyBalanced) && facts.activity == Activity::Net {
        return Some(if prior.0 == 0 {
            "Purchases and sales had matched the week before.".to_string()
        } else {
            format!(
                "Purchases and sales had roughly balanced the week before, with a net {} of {}.",
                prior_side.noun,
                names.amount(prior)
            )
        });
    }
    if prior.0 == 0 {
        return Some("Purchases had equalled sales the week before.".to_string());
    }
    if facts.activity != Activity::Net || facts.net.0 == 0 || stated {
        return Some(plain());
    }
    let p = names.amount(prior);
    let selling = facts.net.0 < 0;
    Some(match facts.movement? {
        Change::Reversed => match v % 2 {
            0 => format!("That came after net {} of {p} the week before.", prior_side.gerund),
            _ => plain(),
        },
        Change::Quickened => match (selling, v % 2) {
            (false, 1) => format!("The pace quickened from {p} the week before."),
            (false, _) => format!("That was up from {p} the week before."),
            (true, 1) => format!("Selling deepened from {p} the week before."),
            (true, _) => format!("Net sales grew from {p} the week before."),
        },
        Change::Slowed => match (selling, v % 2) {
            (false, 1) => format!("The pace slowed from {p} the week before."),
            (false, _) => format!("That was down from {p} the week before."),
            (true, 1) => format!("Selling eased from {p} the week before."),
            (true, _) => format!("Net sales shrank from {p} the week before."),
        },
        Change::Unchanged => format!("That matched the {p} of the week before."),
        Change::FromZero | Change::ToZero => plain(),
    })
}

/// "far above the ¥716.1 billion bought in the same period of 2025".
fn comparison_clause(names: &Names<'_>, total: Amount, compared: &YtdComparison) -> Option<String> {
    let against = compared.against;
    let period = if against.closes_year {
        format!("in {}", against.year)
    } else {
        format!("in the same period of {}", against.year)
    };
    if against.total.0 == 0 {
        return Some(format!("against no net purchases or sales {period}"));
    }
    let l = names.amount(against.total);
    let selling = total.0 < 0;
    let done = if selling { "sold" } else { "bought" };
    if against.total == total {
        return Some(format!("matching the {l} {done} {period}"));
    }
    let words = match (compared.ratio, selling) {
        (Ratio::NoBasis, _) => return None,
        (Ratio::Opposite, false) => return Some(format!("against net selling of {l} {period}")),
        (Ratio::Opposite, true) => return Some(format!("against net purchases of {l} {period}")),
        (Ratio::FarAbove, false) => "far above",
        (Ratio::FarAbove, true) => "far more than",
        (Ratio::MoreThanDouble, _) => "more than double",
        (Ratio::Above, false) => "above",
        (Ratio::Above, true) => "more than",
        (Ratio::Similar, _) => "close to",
        (Ratio::Below, false) => "below",
        (Ratio::Below, true) => "less than",
        (Ratio::LessThanHalf, _) => "less than half",
        (Ratio::FarBelow, false) => "far below",
        (Ratio::FarBelow, true) => "far less than",
    };
    Some(format!("{words} the {l} {done} {period}"))
}

/// "the most for this point of the year since 2013".
fn standing_clause(ytd: &YearToDate, standing: YtdStanding) -> Option<String> {
    let most = if ytd.total.0 < 0 {
        "the heaviest net selling"
    } else {
        "the most"
    };
    let point = if ytd.closes_year {
        "of any year"
    } else {
        "for this point of the year"
    };
    match standing {
        YtdStanding::None => None,
        YtdStanding::Record { first_year } => Some(format!("{most} {point} in data going back to {first_year}")),
        YtdStanding::MostSince { year, .. } => Some(format!("{most} {point} since {year}")),
    }
}

/// ", far above … and the most …", or either, or nothing.
fn context_tail(parts: [Option<String>; 2]) -> String {
    match parts {
        [Some(a), Some(b)] => format!(", {a}, and {b}"),
        [Some(a), None] | [None, Some(a)] => format!(", {a}"),
        [None, None] => String::new(),
    }
}

/// The year-to-date sentence of the lead series.
fn ytd_sentence(story: &Story<'_>, v: usize) -> Option<String> {
    let facts = story.facts();
    let ytd = facts.ytd?;
    let names = Names::of(story.meta());
    let total = ytd.total;
    let comparison = facts
        .ytd_compared
        .filter(|_| total.0 != 0)
        .and_then(|c| comparison_clause(&names, total, &c));
    let standing = standing_clause(&ytd, facts.ytd_standing);
    let side = side_words(total);
    if ytd.closes_year {
        if total.0 == 0 {
            return Some(format!(
                "In {} as a whole, their purchases and sales cancelled out.",
                ytd.year
            ));
        }
        return Some(format!(
            "In {} as a whole, they {} a net {}{}.",
            ytd.year,
            side.past,
            names.amount(total),
            context_tail([comparison, standing])
        ));
    }
    if ytd.weeks == 1 {
        return Some(match facts.ytd_compared {
            Some(c) if c.against.total.0 != 0 => format!(
                "It was the first week counted in {}; in the first week of {} they had {} a net {}.",
                ytd.year,
                c.against.year,
                side_words(c.against.total).past,
                names.amount(c.against.total)
            ),
            _ => format!("It was the first week counted in {}.", ytd.year),
        });
    }
    if total.0 == 0 {
        return Some(format!("Their purchases and sales so far in {} cancel out.", ytd.year));
    }
    let t = names.amount(total);
    let tail = context_tail([comparison, standing]);
    let before = total - facts.net;
    if (v / 3 + 1).is_multiple_of(2) {
        // A week that claims no side does not move the total "by selling".
        let week_side = match facts.activity {
            Activity::Net => Side::of(facts.net.0),
            Activity::NoTransactions | Activity::RoughlyBalanced => Side::Flat,
        };
        let lead_in = match (week_side, Side::of(before.0), Side::of(total.0)) {
            (Side::Flat, _, Side::Buying) => format!("Their net purchases so far this year stand at {t}"),
            (Side::Flat, _, _) => format!("Their net selling so far this year stands at {t}"),
            (week, a, b) if a != b => format!(
                "The week's {} left them net {} for the year so far, at {t}",
                streak_side_words(week).gerund,
                side.agents
            ),
            (Side::Buying, _, Side::Buying) => {
                format!("The week's buying lifted their net purchases so far this year to {t}")
            }
            (Side::Selling, _, Side::Selling) => {
                format!("The week's selling took their net sales so far this year to {t}")
            }
            (Side::Buying, _, _) => format!("The week's buying trimmed their net sales so far this year to {t}"),
            (Side::Selling, _, _) => {
                format!("The week's selling cut their net purchases so far this year to {t}")
            }
        };
        Some(format!("{lead_in}{tail}."))
    } else {
        Some(format!(
            "So far in {}, they have {} a net {t} over {}{tail}.",
            ytd.year,
            side.past,
            weeks(ytd.weeks as usize)
        ))
    }
}

/// "Gross purchases came to ¥42.59 trillion and sales to ¥41.51 trillion."
fn gross_sentence(story: &Story<'_>, v: usize) -> Option<String> {
    let facts = story.facts();
    let gross = facts.gross.filter(|_| facts.activity == Activity::Net)?;
    let names = Names::of(story.meta());
    let (bought, sold) = (names.amount(gross.bought), names.amount(gross.sold));
    Some(if v.is_multiple_of(2) {
        format!("Gross purchases came to {bought} and sales to {sold}.")
    } else {
        format!("In all, they bought {bought} of {} and sold {sold}.", names.asset)
    })
}

/// A secondary series' paragraph: its week, its week before and its turn,
/// then its year to date.
fn other_paragraph(story: &Story<'_>, opening: Opening, v: usize) -> String {
    let facts = story.facts();
    let names = Names::of(story.meta());
    let side = side_words(facts.net);
    let subject = match opening {
        Opening::Also => format!("{} also", names.actor),
        Opening::Actor => names.actor.to_string(),
        Opening::Pronoun => format!("In {}, they", names.asset),
    };
    let of_asset = match opening {
        Opening::Pronoun => String::new(),
        _ => format!(" of {}", names.asset),
    };
    let prior_clause = |net: Amount| -> String {
        match facts.prior {
            _ if facts.prior_activity == Some(Activity::NoTransactions) => {
                ", after no transactions were reported the week before".to_string()
            }
            Some(prior) if prior.0 == 0 => ", after purchases equalled sales the week before".to_string(),
            Some(prior) if Side::of(prior.0) != Side::of(net.0) => format!(
                ", after {} of net {} the week before{}",
                names.amount(prior),
                side_words(prior).gerund,
                match facts.ended {
                    Some(run) if run.is_long() => format!(
                        ", snapping {} {} streak",
                        with_article(&run_adjective(run.weeks)),
                        streak_side_words(run.side).gerund
                    ),
                    _ => String::new(),
                }
            ),
            Some(prior) => {
                let p = names.amount(prior);
                let selling = net.0 < 0;
                let movement = match (facts.movement, selling) {
                    (Some(Change::Quickened), false) => format!("quickening from {p} the week before"),
                    (Some(Change::Quickened), true) => format!("deepening from {p} the week before"),
                    (Some(Change::Slowed), false) => format!("slowing from {p} the week before"),
                    (Some(Change::Slowed), true) => format!("easing from {p} the week before"),
                    _ => format!("matching {p} the week before"),
                };
                if facts.streak.weeks >= 2 {
                    format!(
                        ", their {} straight week of {}, {movement}",
                        ordinal(facts.streak.weeks),
                        side.gerund
                    )
                } else {
                    format!(", {movement}")
                }
            }
            None => String::new(),
        }
    };
    let first = match facts.activity {
        Activity::NoTransactions => {
            let before = match facts.prior {
                Some(prior) if prior.0 != 0 => format!(
                    "; the week before, they had {} a net {}",
                    side_words(prior).past,
                    names.amount(prior)
                ),
                _ => String::new(),
            };
            format!(
                "No transactions by {} in {} were reported{before}.",
                names.actor_in_text, names.asset
            )
        }
        Activity::RoughlyBalanced => {
            let leaving = if facts.net.0 == 0 {
                "with purchases equal to sales".to_string()
            } else {
                format!("leaving a net {} of {}", side.noun, names.amount(facts.net))
            };
            let before = match facts.prior {
                Some(prior) if prior.0 != 0 => format!(
                    "; the week before, they had {} a net {}",
                    side_words(prior).past,
                    names.amount(prior)
                ),
                _ => String::new(),
            };
            format!(
                "{} purchases and sales of {} roughly balanced, {leaving}{before}.",
                names.possessive, names.asset
            )
        }
        Activity::Net if facts.net.0 == 0 => format!(
            "{} purchases and sales of {} matched, leaving no net purchases or sales{}.",
            names.possessive,
            names.asset,
            match facts.prior {
                Some(prior) if prior.0 != 0 => format!(
                    "; the week before, they had {} a net {}",
                    side_words(prior).past,
                    names.amount(prior)
                ),
                _ => String::new(),
            }
        ),
        Activity::Net => {
            let extreme = match facts.extreme {
                Extreme::Record => format!(
                    ", a record in data going back to {}",
                    story.series.first_week.start().year()
                ),
                Extreme::LargestSince { week, .. } => format!(
                    ", {} since {}",
                    if facts.net.0 < 0 {
                        "the largest weekly sale"
                    } else {
                        "the most"
                    },
                    part_of_month_since(week.end(), facts.week.end())
                ),
                Extreme::None => String::new(),
            };
            format!(
                "{subject} {} a net {}{of_asset}{extreme}{}.",
                side.past,
                names.amount(facts.net),
                prior_clause(facts.net)
            )
        }
    };
    let mut sentences = vec![first];
    if let Some(ytd) = facts.ytd.filter(|y| y.total.0 != 0 && (y.weeks > 1 || y.closes_year)) {
        let ytd_side = side_words(ytd.total);
        let comparison = facts
            .ytd_compared
            .and_then(|c| comparison_clause(&names, ytd.total, &c));
        let tail = context_tail([comparison, None]);
        sentences.push(if ytd.closes_year {
            format!(
                "In {} as a whole they {} a net {}{tail}.",
                ytd.year,
                ytd_side.past,
                names.amount(ytd.total)
            )
        } else if v.is_multiple_of(2) {
            format!(
                "So far this year they have {} a net {}{tail}.",
                ytd_side.past,
                names.amount(ytd.total)
            )
        } else {
            format!(
                "Year to date, they have {} a net {}{tail}.",
                ytd_side.past,
                names.amount(ytd.total)
            )
        });
    }
    sentences.join(" ")
}

/// How a secondary paragraph opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// "Foreign investors also bought …": the lead's actor, on the same side.
    Also,
    /// "Japanese investors sold …".
    Actor,
    /// "In foreign long-term bonds, they bought …": the actor of the
    /// paragraph before.
    Pronoun,
}

/// "The previous week's figure was revised to … from … in the release of …".
fn revision_sentence(unit: Unit, revision: &crate::series::Revision) -> String {
    let phrase = |amount: Amount| crate::money::amount_with_direction(unit, amount);
    format!(
        "The previous week's figure was revised to {} from {} in the release of {}.",
        phrase(revision.new),
        phrase(revision.old),
        long_date(revision.to_version)
    )
}

impl Phrasebook for English {
    fn headline(&self, brief: &Brief<'_>) -> String {
        let story = &brief.lead;
        let facts = story.facts();
        let names = Names::of(story.meta());
        let v = brief.variant;
        let side = side_words(facts.net);
        let (actor, asset) = (names.actor, names.asset);
        let x = names.amount(facts.net);
        match story.lead {
            Lead::NoTransactions { .. } => format!(
                "No transactions by {} in {asset} reported for week to {}",
                names.actor_in_text,
                day_month(facts.week.end())
            ),
            Lead::Balanced { .. } if facts.net.0 == 0 => {
                format!("{} purchases and sales of {asset} match", names.possessive)
            }
            Lead::Balanced { .. } => format!(
                "{} purchases and sales of {asset} roughly balance, leaving {} net {}",
                names.possessive,
                with_article(&x),
                side.noun
            ),
            Lead::Even { .. } => format!("{} purchases and sales of {asset} match", names.possessive),
            Lead::Record { run } => {
                let tail = match run {
                    RunAngle::Streak(n) => format!(", {} straight week", with_article(&ordinal(n))),
                    RunAngle::Flip(from) if from.is_long() => format!(
                        ", snapping {} {} streak",
                        with_article(&run_adjective(from.weeks)),
                        streak_side_words(from.side).gerund
                    ),
                    RunAngle::Flip(from) => format!(
                        " after {} of {}",
                        run_span(from.weeks),
                        streak_side_words(from.side).gerund
                    ),
                    RunAngle::None => String::new(),
                };
                format!("{actor} {} record {x} of {asset}{tail}", side.present)
            }
            Lead::LargestSince { week, run } => {
                let since = month_since(week.end(), facts.week.end());
                // A long run the week snapped is news the headline keeps.
                let snapped = match run {
                    RunAngle::Flip(from) if from.is_long() => format!(
                        ", snapping {} {} streak",
                        with_article(&run_adjective(from.weeks)),
                        streak_side_words(from.side).gerund
                    ),
                    _ => String::new(),
                };
                match (names.adjective, v % 2) {
                    (Some(adjective), 0) => {
                        format!(
                            "{adjective} {} of {asset} biggest since {since} at {x}{snapped}",
                            side.gerund
                        )
                    }
                    _ => format!("{actor} {} {x} of {asset}, most since {since}{snapped}", side.present),
                }
            }
            Lead::Streak { weeks: n } => match v % 2 {
                1 => format!(
                    "{actor} {} {x} of {asset}, {} straight week",
                    side.present,
                    with_article(&ordinal(n))
                ),
                _ => format!(
                    "{actor} {} {x} more of {asset}, extending {} streak to {}",
                    side.present,
                    side.gerund,
                    weeks(n)
                ),
            },
            Lead::Flip { from } if from.is_long() => format!(
                "{actor} {} {x} of {asset}, snapping {} {} streak",
                side.present,
                with_article(&run_adjective(from.weeks)),
                streak_side_words(from.side).gerund
            ),
            Lead::Flip { from } => match v % 2 {
                0 => format!(
                    "{actor} turn net {} of {asset} with {} {}",
                    side.agents,
                    with_article(&x),
                    side.noun
                ),
                _ => format!(
                    "{actor} {} {x} of {asset} after {} of {}",
                    side.present,
                    run_span(from.weeks),
                    streak_side_words(from.side).gerund
                ),
            },
            Lead::Plain => format!("{actor} {} {x} of {asset}", side.present),
        }
    }

    fn standfirst(&self, brief: &Brief<'_>) -> String {
        lede(brief).0
    }

    fn dateline(&self, week: Week) -> String {
        let (start, end) = (week.start(), week.end());
        // A range as style guides write one, the en dash spaced only when
        // a side has spaces in it; the same form on every page that dates
        // a week.
        if start.year() != end.year() {
            format!("{} \u{2013} {}", long_date(start), long_date(end))
        } else if start.month() != end.month() {
            format!("{} \u{2013} {}", day_month(start), long_date(end))
        } else {
            format!("{}\u{2013}{}", start.day(), long_date(end))
        }
    }

    fn body(&self, brief: &Brief<'_>) -> Vec<String> {
        let story = &brief.lead;
        let v = brief.variant;
        let (_, stated) = lede(brief);
        let first: Vec<String> = [week_before_sentence(story, stated, v), ytd_sentence(story, v)]
            .into_iter()
            .flatten()
            .collect();
        let mut second: Vec<String> = gross_sentence(story, v).into_iter().collect();
        if let Some(revision) = brief.prior_revision {
            second.push(revision_sentence(story.meta().unit, revision));
        }
        [first, second]
            .into_iter()
            .filter(|sentences| !sentences.is_empty())
            .map(|sentences| sentences.join(" "))
            .collect()
    }

    fn others_heading(&self, brief: &Brief<'_>) -> String {
        // Named by what the other stories count: the asset class of the
        // other lead series, and whether residents' flows abroad follow.
        let classes: Vec<AssetClass> = brief.others.iter().map(|story| story.meta().asset_class).collect();
        let others = match classes.first() {
            None => None,
            Some(first) if classes.iter().any(|class| class != first) => Some("Other flows"),
            Some(AssetClass::LongTermDebt) => Some("Bonds"),
            Some(AssetClass::ShortTermDebt) => Some("Short-term debt"),
            Some(AssetClass::Equity) => Some("Stocks"),
            Some(_) => Some("Other flows"),
        };
        match (others, brief.abroad.is_empty()) {
            (Some("Other flows"), false) => "More flows, at home and abroad".to_string(),
            (Some(others), false) => format!("{others} and flows abroad"),
            (Some(others), true) => others.to_string(),
            (None, false) => "Flows abroad".to_string(),
            (None, true) => String::new(),
        }
    }

    fn others(&self, brief: &Brief<'_>) -> Vec<String> {
        let lead_actor = brief.lead.meta().actor.as_str();
        let lead_side = brief.lead.side();
        let mut paragraphs = Vec::new();
        for (index, story) in brief.others.iter().enumerate() {
            let same_side = story.side() == lead_side && brief.lead.facts().activity == Activity::Net;
            let opening = if story.meta().actor == lead_actor && same_side {
                Opening::Also
            } else {
                Opening::Actor
            };
            paragraphs.push(other_paragraph(story, opening, brief.variant + index));
        }
        for (index, story) in brief.abroad.iter().enumerate() {
            let follows_same_actor = index
                .checked_sub(1)
                .is_some_and(|before| brief.abroad[before].meta().actor == story.meta().actor);
            let opening = if follows_same_actor {
                Opening::Pronoun
            } else {
                Opening::Actor
            };
            paragraphs.push(other_paragraph(
                story,
                opening,
                brief.variant + brief.others.len() + index,
            ));
        }
        paragraphs
    }

    fn notes(&self, brief: &Brief<'_>) -> Vec<String> {
        brief
            .notes
            .iter()
            .map(|note| match note {
                Note::Reclassified(found) => self.break_note(*found),
                Note::Revised(release) => format!("Figures as revised in the release of {}.", long_date(*release)),
            })
            .collect()
    }

    fn break_note(&self, found: SeriesBreak) -> String {
        match found.cause {
            BreakCause::InvestmentTrustsToEquity => format!(
                "Stock and long-term bond figures from {} {} on are not directly comparable with earlier ones: from that month, contractual-type investment trusts are counted as equity rather than long-term debt.",
                crate::money::month_name(found.from),
                found.from.year()
            ),
        }
    }

    fn rate_line(&self, brief: &Brief<'_>) -> Option<String> {
        let note = brief.rate?;
        let hundredths = note.rate.yen_per_dollar_hundredths();
        Some(format!(
            "($1 = {}.{:02} yen; {} reference rate, {})",
            hundredths / 100,
            hundredths % 100,
            note.publisher,
            long_date(note.rate.rate_day)
        ))
    }

    fn net_clause(&self, meta: &SeriesMeta, net: Amount) -> String {
        match net.0.signum() {
            0 => format!("{} neither bought nor sold {} on balance", meta.actor, meta.asset),
            _ => format!(
                "{} {} of {}",
                meta.actor,
                crate::money::net_phrase(meta.unit, net),
                meta.asset
            ),
        }
    }

    fn week_summary(&self, meta: &SeriesMeta, facts: &crate::series::WeekFacts, data_start: NaiveDate) -> Vec<String> {
        week_summary(meta, facts, data_start)
    }

    fn card_figure(&self, brief: &Brief<'_>) -> String {
        let facts = brief.lead.facts();
        let amount = crate::money::compact_amount(brief.lead.meta().unit, facts.net);
        match brief.lead.lead {
            Lead::NoTransactions { .. } => "No transactions reported".to_string(),
            Lead::Balanced { .. } | Lead::Even { .. } => format!("{amount} \u{b7} purchases and sales balanced"),
            Lead::Record { .. } => format!("{amount} \u{b7} a record {}", side_words(facts.net).noun),
            _ if facts.net.0 == 0 => amount,
            _ => format!("{amount} \u{b7} {}", self.streak_description(facts.streak)),
        }
    }

    fn streak_description(&self, streak: Streak) -> String {
        match (streak.side, streak.weeks) {
            (Side::Flat, _) => "a week of neither buying nor selling".to_string(),
            (side, 1) => format!("first week of net {}", streak_side_words(side).gerund),
            (side, n) => format!("{} straight week of net {}", ordinal(n), streak_side_words(side).gerund),
        }
    }

    fn card_fact(&self, meta: &SeriesMeta, facts: &crate::series::WeekFacts) -> String {
        let amount = crate::money::compact_amount(meta.unit, facts.net);
        match facts.streak.side {
            // A flat week has no run worth a headline: the figure says it.
            Side::Flat => format!("{amount} \u{b7} no net buying or selling"),
            _ => format!("{amount} \u{b7} {}", self.streak_description(facts.streak)),
        }
    }

    fn card_month_fact(&self, meta: &SeriesMeta, net: Amount, month: NaiveDate) -> String {
        let amount = crate::money::compact_amount(meta.unit, net);
        format!("{amount} in {} {}", crate::money::month_name(month), month.year())
    }
}

/// A series' actor inside a sentence: "foreign investors", but "Japanese
/// investors" and a publisher's own names keep their capitals.
pub fn actor_in_text(meta: &SeriesMeta) -> String {
    Names::of(meta).actor_in_text
}

/// "Foreign investors net bought ¥1.08 trillion of Japanese stocks": a
/// series' week as a clause, for its page.
pub fn headline(meta: &SeriesMeta, facts: &crate::series::WeekFacts) -> String {
    ENGLISH.net_clause(meta, facts.net)
}

/// A series' week in a few sentences (its lede, the week before, the year
/// to date), for its page; `data_start` is the first day of its data.
pub fn week_summary(meta: &SeriesMeta, facts: &crate::series::WeekFacts, data_start: NaiveDate) -> Vec<String> {
    let Some(first_week) = Week::starting(data_start) else {
        return Vec::new();
    };
    let series = super::SeriesWeek {
        meta,
        facts,
        first_week,
    };
    let brief = Brief::single(series, "", None);
    let (lede, stated) = lede(&brief);
    let mut sentences = vec![lede];
    sentences.extend(week_before_sentence(&brief.lead, stated, brief.variant));
    sentences.extend(ytd_sentence(&brief.lead, brief.variant));
    sentences
}

/// "third straight week of net buying", for commentary expressions.
pub fn streak_description(streak: Streak) -> String {
    ENGLISH.streak_description(streak)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_words_to_ninth_then_figures() {
        assert_eq!(ordinal(8), "eighth");
        assert_eq!(ordinal(9), "ninth");
        assert_eq!(ordinal(10), "10th");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(112), "112th");
        assert_eq!(count(4), "four");
        assert_eq!(count(12), "12");
        assert_eq!(weeks(1), "one week");
        assert_eq!(run_adjective(11), "11-week");
    }

    #[test]
    fn articles_follow_the_sound() {
        for (phrase, expected) in [
            ("eighth", "an eighth"),
            ("11th", "an 11th"),
            ("18th", "an 18th"),
            ("12th", "a 12th"),
            ("second", "a second"),
            ("11-week", "an 11-week"),
            ("eight-week", "an eight-week"),
            ("three-week", "a three-week"),
            ("¥8.2 billion", "an ¥8.2 billion"),
            ("¥1.08 trillion", "a ¥1.08 trillion"),
            ("¥80.5 billion", "an ¥80.5 billion"),
            ("¥18.0 billion", "an ¥18.0 billion"),
            ("$11,500 million", "an $11,500 million"),
            ("one-week", "a one-week"),
            ("80th", "an 80th"),
            ("800th", "an 800th"),
        ] {
            assert_eq!(with_article(phrase), expected);
        }
    }

    #[test]
    fn dollars_are_written_as_wire_reports_write_them() {
        assert_eq!(dollar_amount(6_769_349_000), "$6.77 billion");
        assert_eq!(dollar_amount(-312_400_000), "$312 million");
        assert_eq!(dollar_amount(999_999_999), "$1.00 billion");
        assert_eq!(dollar_amount(627_000), "$0.6 million");
        assert_eq!(dollar_amount(1_250_000_000_000), "$1.25 trillion");
    }

    #[test]
    fn since_omits_the_year_only_within_it() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(part_of_month_since(day(2026, 6, 27), day(2026, 9, 12)), "late June");
        assert_eq!(
            part_of_month_since(day(2025, 10, 4), day(2026, 5, 23)),
            "early October 2025"
        );
        assert_eq!(
            part_of_month_since(day(2010, 10, 16), day(2011, 3, 12)),
            "mid-October 2010"
        );
        assert_eq!(month_since(day(2026, 6, 27), day(2026, 9, 12)), "June");
    }

    #[test]
    fn attribution_names_any_publisher_naturally() {
        assert_eq!(
            attribution("Ministry of Finance, Japan", 4),
            "Ministry of Finance data showed"
        );
        assert_eq!(
            attribution("Fixture Statistics Office", 0),
            "according to Fixture Statistics Office data"
        );
        assert_eq!(attribution("Bank of Korea", 2), "Bank of Korea figures showed");
    }

    #[test]
    fn datelines_give_both_years_across_a_year() {
        let week = |y, m, d| Week::starting(NaiveDate::from_ymd_opt(y, m, d).expect("date")).expect("sunday");
        assert_eq!(
            ENGLISH.dateline(week(2025, 12, 28)),
            "28 December 2025 \u{2013} 3 January 2026"
        );
        assert_eq!(ENGLISH.dateline(week(2026, 5, 17)), "17\u{2013}23 May 2026");
        assert_eq!(ENGLISH.dateline(week(2026, 4, 26)), "26 April \u{2013} 2 May 2026");
    }
}
