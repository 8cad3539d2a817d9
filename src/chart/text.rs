//! Every word a chart says, in English: titles, subtitles, the source line,
//! labels, keys, tooltips, text descriptions and the figures' data tables.
//!
//! Each is a small function over typed facts; [`ChartWords`] gathers the
//! ones drawn into a chart, so that an edition in another language
//! ([`ja::JAPANESE`]) supplies its own set and the drawing code is shared. Numbers and
//! dates come from `money`; nothing here decides what a chart shows. A
//! series' actor ("Foreign investors") is written only at the start of a
//! sentence, where its capital is right whether it is a proper noun or not.

use crate::model::{Amount, Month, SeriesMeta, Unit, Week};
use crate::money::{
    AxisScale, amount_with_direction, compact_amount, long_date, month_abbreviation, net_phrase, short_date,
    week_range, wire_amount,
};
use crate::series::{Side, Streak, YearToDate};
use crate::validate::Annotation;
use chrono::{Datelike, NaiveDate};

pub mod ja;

/// The words a chart is drawn with, in one language.
pub trait ChartWords: Sync {
    /// The language's tag (`en`, `ja`): charts of two editions are never
    /// taken for each other when reused.
    fn language(&self) -> &'static str;
    /// The weekly chart's title.
    fn weekly_title(&self, meta: &SeriesMeta) -> String;
    /// The weekly chart's subtitle.
    fn weekly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, through: Week) -> String;
    /// The year-to-date chart's title.
    fn ytd_title(&self, meta: &SeriesMeta) -> String;
    /// The year-to-date chart's subtitle.
    fn ytd_subtitle(
        &self,
        meta: &SeriesMeta,
        scale: AxisScale,
        current: i32,
        previous: Option<i32>,
        through: Week,
    ) -> String;
    /// The monthly chart's title.
    fn monthly_title(&self, meta: &SeriesMeta) -> String;
    /// The monthly chart's subtitle.
    fn monthly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, latest: Month) -> String;
    /// The attribution under every chart.
    fn source_line(&self, publisher: &str) -> String;
    /// A value-axis label; the top one carries the unit.
    fn y_tick(&self, scale: AxisScale, value: Amount, with_unit: bool) -> String;
    /// A month tick: with its year for the first label and January.
    fn month_tick(&self, month: NaiveDate, with_year: bool) -> String;
    /// A week column's tooltip.
    fn week_tooltip(&self, unit: Unit, week: Week, net: Amount) -> String;
    /// A month column's tooltip.
    fn month_tooltip(&self, unit: Unit, month: Month, net: Amount, summed_weeks: Option<u32>) -> String;
    /// A year line's tooltip.
    fn year_line_tooltip(&self, unit: Unit, last: YearToDate, through: Option<Week>) -> String;
    /// The label of the largest week in the data.
    fn record_label(&self, unit: Unit, net: Amount) -> String;
    /// The label of the week the latest one is the largest since.
    fn last_larger_label(&self, unit: Unit, net: Amount) -> String;
    /// The label of the latest column.
    fn latest_label(&self, unit: Unit, net: Amount) -> String;
    /// The label of a run of buying or selling.
    fn streak_label(&self, streak: Streak) -> String;
    /// The two lines labelling a year line's end.
    fn year_end_label(&self, unit: Unit, total: YearToDate) -> [String; 2];
    /// The key to the grey lines.
    fn grey_lines_key(&self, first: i32, last: i32) -> String;
    /// An annotation's label on the chart.
    fn annotation_label(&self, annotation: &Annotation) -> String;
    /// An annotation's entry in the numbered key under a chart.
    fn annotation_key(&self, annotation: &Annotation) -> String;
    /// The weekly chart's text description.
    fn weekly_description(
        &self,
        meta: &SeriesMeta,
        shown: &[(Week, Amount)],
        news: &WeeklyNews,
        annotations: &[Annotation],
    ) -> String;
    /// The year-to-date chart's text description.
    fn ytd_description(&self, meta: &SeriesMeta, news: &YtdNews, annotations: &[Annotation]) -> String;
    /// What a year-to-date chart says instead of drawing empty axes.
    fn ytd_nothing_to_show(&self, meta: &SeriesMeta, week: Week, net: Amount, total: Option<YearToDate>) -> String;
    /// The monthly chart's text description.
    fn monthly_description(&self, meta: &SeriesMeta, shown: &[(Month, Amount)]) -> String;
}

/// The English chart words.
pub static ENGLISH: English = English;

/// Charts in English: the functions of this module.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl ChartWords for English {
    fn language(&self) -> &'static str {
        "en"
    }

    fn weekly_title(&self, meta: &SeriesMeta) -> String {
        weekly_title(meta)
    }
    fn weekly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, through: Week) -> String {
        weekly_subtitle(meta, scale, shown, through)
    }
    fn ytd_title(&self, meta: &SeriesMeta) -> String {
        ytd_title(meta)
    }
    fn ytd_subtitle(
        &self,
        meta: &SeriesMeta,
        scale: AxisScale,
        current: i32,
        previous: Option<i32>,
        through: Week,
    ) -> String {
        ytd_subtitle(meta, scale, current, previous, through)
    }
    fn monthly_title(&self, meta: &SeriesMeta) -> String {
        monthly_title(meta)
    }
    fn monthly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, latest: Month) -> String {
        monthly_subtitle(meta, scale, shown, latest)
    }
    fn source_line(&self, publisher: &str) -> String {
        source_line(publisher)
    }
    fn y_tick(&self, scale: AxisScale, value: Amount, with_unit: bool) -> String {
        y_tick(scale, value, with_unit)
    }
    fn month_tick(&self, month: NaiveDate, with_year: bool) -> String {
        if with_year {
            crate::money::month_year(month)
        } else {
            month_abbreviation(month).to_string()
        }
    }
    fn week_tooltip(&self, unit: Unit, week: Week, net: Amount) -> String {
        week_tooltip(unit, week, net)
    }
    fn month_tooltip(&self, unit: Unit, month: Month, net: Amount, summed_weeks: Option<u32>) -> String {
        month_tooltip(unit, month, net, summed_weeks)
    }
    fn year_line_tooltip(&self, unit: Unit, last: YearToDate, through: Option<Week>) -> String {
        year_line_tooltip(unit, last, through)
    }
    fn record_label(&self, unit: Unit, net: Amount) -> String {
        record_label(unit, net)
    }
    fn last_larger_label(&self, unit: Unit, net: Amount) -> String {
        last_larger_label(unit, net)
    }
    fn latest_label(&self, unit: Unit, net: Amount) -> String {
        latest_label(unit, net)
    }
    fn streak_label(&self, streak: Streak) -> String {
        streak_label(streak)
    }
    fn year_end_label(&self, unit: Unit, total: YearToDate) -> [String; 2] {
        year_end_label(unit, total)
    }
    fn grey_lines_key(&self, first: i32, last: i32) -> String {
        grey_lines_key(first, last)
    }
    fn annotation_label(&self, annotation: &Annotation) -> String {
        annotation_label(annotation)
    }
    fn annotation_key(&self, annotation: &Annotation) -> String {
        annotation_key(annotation)
    }
    fn weekly_description(
        &self,
        meta: &SeriesMeta,
        shown: &[(Week, Amount)],
        news: &WeeklyNews,
        annotations: &[Annotation],
    ) -> String {
        weekly_description(meta, shown, news, annotations)
    }
    fn ytd_description(&self, meta: &SeriesMeta, news: &YtdNews, annotations: &[Annotation]) -> String {
        ytd_description(meta, news, annotations)
    }
    fn ytd_nothing_to_show(&self, meta: &SeriesMeta, week: Week, net: Amount, total: Option<YearToDate>) -> String {
        ytd_nothing_to_show(meta, week, net, total)
    }
    fn monthly_description(&self, meta: &SeriesMeta, shown: &[(Month, Amount)]) -> String {
        monthly_description(meta, shown)
    }
}

/// Whether a month tick carries its year: the first label, and January.
pub fn tick_has_year(month: NaiveDate, first: bool, with_year: bool) -> bool {
    with_year && (first || month.month() == 1)
}

/// `Foreign investors'` or `The fund's`.
fn possessive(actor: &str) -> String {
    if actor.ends_with('s') {
        format!("{actor}'")
    } else {
        format!("{actor}'s")
    }
}

/// The text with its first letter in capitals: `Foreign stocks`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `1 week`, `52 weeks`.
fn weeks(count: usize) -> String {
    if count == 1 {
        "1 week".to_string()
    } else {
        format!("{count} weeks")
    }
}

/// The weekly chart's title: the asset, short enough for two phone lines.
pub fn weekly_title(meta: &SeriesMeta) -> String {
    format!("{}, week by week", capitalised(&meta.asset))
}

/// The weekly chart's subtitle: who, the unit, the period and the colours.
pub fn weekly_subtitle(meta: &SeriesMeta, scale: AxisScale, shown: usize, through: Week) -> String {
    let period = if shown == 1 {
        format!("in the week to {}", short_date(through.end()))
    } else {
        format!("in the {shown} weeks to {}", short_date(through.end()))
    };
    format!(
        "{} net purchases, {}, {period}. Blue: net buying; orange: net selling",
        possessive(&meta.actor),
        scale.unit_words()
    )
}

/// The year-to-date chart's title.
pub fn ytd_title(meta: &SeriesMeta) -> String {
    format!("{}, year to date", capitalised(&meta.asset))
}

/// The year-to-date chart's subtitle: who, the unit, the date and which
/// lines stand out.
pub fn ytd_subtitle(meta: &SeriesMeta, scale: AxisScale, current: i32, previous: Option<i32>, through: Week) -> String {
    let reference = previous
        .map(|year| format!(", with {year} for reference"))
        .unwrap_or_default();
    format!(
        "{} net purchases since the start of each year, {}, to {}. Blue: {current}{reference}",
        possessive(&meta.actor),
        scale.unit_words(),
        short_date(through.end())
    )
}

/// The monthly chart's title.
pub fn monthly_title(meta: &SeriesMeta) -> String {
    format!("{}, month by month", capitalised(&meta.asset))
}

/// The monthly chart's subtitle.
pub fn monthly_subtitle(meta: &SeriesMeta, scale: AxisScale, shown: usize, latest: Month) -> String {
    format!(
        "{} net purchases, {}, in the {shown} months to {}. Blue: net buying; orange: net selling",
        possessive(&meta.actor),
        scale.unit_words(),
        month_name(latest)
    )
}

/// `August 2026`.
pub fn month_name(month: Month) -> String {
    let long = long_date(month.first_day());
    // "1 August 2026" without its day.
    long.split_once(' ').map_or(long.clone(), |(_, rest)| rest.to_string())
}

/// The attribution under every chart.
pub fn source_line(publisher: &str) -> String {
    format!("Source: {publisher}")
}

/// A value-axis label: the top one carries the unit (`¥4tn`), the others
/// are bare numbers, as the subtitle states the unit.
pub fn y_tick(scale: AxisScale, value: Amount, with_unit: bool) -> String {
    if with_unit {
        scale.tick_label(value)
    } else {
        scale.number(value)
    }
}

/// A week column's tooltip: `6–12 Sep 2026: net sold ¥1.52 trillion`.
pub fn week_tooltip(unit: Unit, week: Week, net: Amount) -> String {
    format!("{}: {}", week_range(week), net_phrase(unit, net))
}

/// A month column's tooltip, with the number of weeks summed if derived.
pub fn month_tooltip(unit: Unit, month: Month, net: Amount, summed_weeks: Option<u32>) -> String {
    let summed = summed_weeks
        .map(|w| format!(" ({})", weeks(w as usize)))
        .unwrap_or_default();
    format!("{}: {}{summed}", month_name(month), net_phrase(unit, net))
}

/// A year line's tooltip: the year's total to its last week shown.
pub fn year_line_tooltip(unit: Unit, last: YearToDate, through: Option<Week>) -> String {
    match through {
        Some(week) => format!(
            "{}: {} in the {} to {}",
            last.year,
            amount_with_direction(unit, last.total),
            weeks(last.weeks as usize),
            short_date(week.end())
        ),
        None => format!(
            "{}: {} over the year",
            last.year,
            amount_with_direction(unit, last.total)
        ),
    }
}

fn sale_or_purchase(net: Amount) -> &'static str {
    if net.0 < 0 { "sale" } else { "purchase" }
}

/// The label of the largest week in the data: `Record sale, −¥4.45tn`.
pub fn record_label(unit: Unit, net: Amount) -> String {
    format!("Record {}, {}", sale_or_purchase(net), compact_amount(unit, net))
}

/// The label of the week the latest one is "the largest since":
/// `Last larger sale, −¥2.03tn`.
pub fn last_larger_label(unit: Unit, net: Amount) -> String {
    format!("Last larger {}, {}", sale_or_purchase(net), compact_amount(unit, net))
}

/// The label of the latest column: its amount.
pub fn latest_label(unit: Unit, net: Amount) -> String {
    compact_amount(unit, net)
}

/// The label of a run of buying or selling: `8 weeks of buying`.
pub fn streak_label(streak: Streak) -> String {
    let side = match streak.side {
        Side::Selling => "selling",
        _ => "buying",
    };
    format!("{} of {side}", weeks(streak.weeks))
}

/// The two lines labelling a year line's end: `2026`, `+¥8.21tn`.
pub fn year_end_label(unit: Unit, total: YearToDate) -> [String; 2] {
    [total.year.to_string(), compact_amount(unit, total.total)]
}

/// The key to the grey lines: `Each grey line is one year, 2005–2024`.
pub fn grey_lines_key(first: i32, last: i32) -> String {
    if first == last {
        format!("The grey line is {first}")
    } else {
        format!("Each grey line is one year, {first}\u{2013}{last}")
    }
}

/// An annotation's label on the chart: the author's words.
pub fn annotation_label(annotation: &Annotation) -> String {
    annotation.label.clone()
}

/// An annotation's entry in the numbered key under a chart (the number
/// is drawn beside it): `BOJ raises rates, 19 Mar 2024`.
pub fn annotation_key(annotation: &Annotation) -> String {
    format!("{}, {}", annotation.label, short_date(annotation.date))
}

/// `Marked on the chart: 19 March 2024, BOJ raises rates; ...`.
fn annotations_sentence(annotations: &[Annotation]) -> String {
    if annotations.is_empty() {
        return String::new();
    }
    let items: Vec<String> = annotations
        .iter()
        .map(|a| format!("{}, {}", long_date(a.date), a.label))
        .collect();
    format!(" Marked on the chart: {}.", items.join("; "))
}

/// What the weekly chart's labels point out, for its description.
#[derive(Debug, Clone, Default)]
pub struct WeeklyNews {
    /// The largest net purchase and sale in the data, if shown: week, net.
    pub records: Vec<(Week, Amount)>,
    /// The week the latest one is the largest since, if shown.
    pub last_larger: Option<(Week, Amount)>,
    /// The run the latest week extends, if it is worth marking.
    pub streak: Option<Streak>,
}

/// The weekly chart's text description, for screen readers.
pub fn weekly_description(
    meta: &SeriesMeta,
    shown: &[(Week, Amount)],
    news: &WeeklyNews,
    annotations: &[Annotation],
) -> String {
    let Some(&(latest_week, latest_net)) = shown.last() else {
        return String::new();
    };
    let unit = meta.unit;
    let buying = shown.iter().filter(|(_, net)| net.0 > 0).count();
    let selling = shown.iter().filter(|(_, net)| net.0 < 0).count();
    let period = if shown.len() == 1 {
        "week".to_string()
    } else {
        weeks(shown.len())
    };
    let mut text = format!(
        "{} weekly net purchases of {} in the {period} to {}, as columns: above the zero line net buying, below it net selling. They net bought in {buying} of these weeks and net sold in {selling}. In the latest week, {}, they {}.",
        possessive(&meta.actor),
        meta.asset,
        long_date(latest_week.end()),
        week_range(latest_week),
        net_phrase(unit, latest_net),
    );
    for &(week, net) in &news.records {
        text.push_str(&format!(
            " The week of {} saw the largest net {} in the data, {}.",
            week_range(week),
            sale_or_purchase(net),
            wire_amount(unit, net)
        ));
    }
    if let Some((week, net)) = news.last_larger {
        text.push_str(&format!(
            " It was the largest net {} since the week of {}, when it was {}.",
            sale_or_purchase(latest_net),
            week_range(week),
            wire_amount(unit, net)
        ));
    }
    if let Some(streak) = news.streak {
        text.push_str(&format!(" The latest week made it {}.", streak_label(streak)));
    }
    text.push_str(&annotations_sentence(annotations));
    text
}

/// What the year-to-date chart shows, for its description.
#[derive(Debug, Clone, Copy)]
pub struct YtdNews {
    /// The first year drawn.
    pub first_year: i32,
    /// The current year's total so far.
    pub current: YearToDate,
    /// The week it runs to.
    pub through: Week,
    /// Last year's total after as many weeks.
    pub same_point_last_year: Option<YearToDate>,
    /// Last year's total for the whole year.
    pub last_year_end: Option<YearToDate>,
    /// The earlier years that ended highest and lowest.
    pub extremes: Option<(YearToDate, YearToDate)>,
}

/// The year-to-date chart's text description.
pub fn ytd_description(meta: &SeriesMeta, news: &YtdNews, annotations: &[Annotation]) -> String {
    let YtdNews {
        first_year,
        current,
        through,
        same_point_last_year,
        last_year_end,
        extremes,
    } = *news;
    let unit = meta.unit;
    let years = if first_year == current.year {
        format!("in {}", current.year)
    } else {
        format!("in each year from {first_year} to {}", current.year)
    };
    let mut text = format!(
        "{} cumulative net purchases of {} {years}, by week of the year; the {} line is highlighted. Through week {} of {}, to {}, the total stood at {}.",
        possessive(&meta.actor),
        meta.asset,
        current.year,
        current.weeks,
        current.year,
        long_date(through.end()),
        amount_with_direction(unit, current.total),
    );
    if let Some(same) = same_point_last_year {
        text.push_str(&format!(
            " At the same point of {} it was {}.",
            same.year,
            amount_with_direction(unit, same.total)
        ));
    }
    if let Some(end) = last_year_end {
        text.push_str(&format!(
            " {} ended with {}.",
            end.year,
            amount_with_direction(unit, end.total)
        ));
    }
    if let Some((top, bottom)) = extremes {
        text.push_str(&format!(
            " Of the earlier years, {} ended highest, with {}, and {} lowest, with {}.",
            top.year,
            amount_with_direction(unit, top.total),
            bottom.year,
            amount_with_direction(unit, bottom.total)
        ));
    }
    text.push_str(&annotations_sentence(annotations));
    text
}

/// What a year-to-date chart says instead of drawing empty axes: in the
/// first week of the data's first year there is no line yet.
pub fn ytd_nothing_to_show(meta: &SeriesMeta, week: Week, net: Amount, total: Option<YearToDate>) -> String {
    match total {
        Some(total) => format!(
            "No year-to-date line yet: {} is only {} old in the data. {} {} in the week of {}.",
            total.year,
            weeks(total.weeks as usize),
            meta.actor,
            net_phrase(meta.unit, net),
            week_range(week)
        ),
        None => format!(
            "No year-to-date line yet: the data begin part-way through {}, and a year's total is drawn only from its first week. {} {} in the week of {}.",
            week.ytd_year(),
            meta.actor,
            net_phrase(meta.unit, net),
            week_range(week)
        ),
    }
}

/// The monthly chart's text description.
pub fn monthly_description(meta: &SeriesMeta, shown: &[(Month, Amount)]) -> String {
    let Some(&(latest, latest_net)) = shown.last() else {
        return String::new();
    };
    let buying = shown.iter().filter(|(_, net)| net.0 > 0).count();
    let selling = shown.iter().filter(|(_, net)| net.0 < 0).count();
    let mut text = format!(
        "{} monthly net purchases of {} in the {} months to {}, as columns: above the zero line net buying, below it net selling. They net bought in {buying} of these months and net sold in {selling}. In {}, they {}.",
        possessive(&meta.actor),
        meta.asset,
        shown.len(),
        month_name(latest),
        month_name(latest),
        net_phrase(meta.unit, latest_net)
    );
    if let Some((month, net)) = shown
        .iter()
        .filter(|(_, net)| net.0 > 0)
        .max_by_key(|(month, net)| (*net, *month))
    {
        text.push_str(&format!(
            " The largest net purchase was {} in {}.",
            wire_amount(meta.unit, *net),
            month_name(*month)
        ));
    }
    text
}

/// An event in a data table: `19 Mar: BOJ raises rates`.
pub fn table_note(annotation: &Annotation) -> String {
    format!(
        "{} {}: {}",
        annotation.date.format("%-d"),
        month_abbreviation(annotation.date),
        annotation.label
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AssetClass, Direction, SeriesId};
    use chrono::NaiveDate;

    fn meta(actor: &str, asset: &str, unit: Unit) -> SeriesMeta {
        SeriesMeta {
            id: SeriesId::parse("s").expect("id"),
            title: format!("{actor}' net purchases of {asset}"),
            actor: actor.to_string(),
            asset: asset.to_string(),
            published_label: String::new(),
            direction: Direction::Inward,
            asset_class: AssetClass::Equity,
            unit,
            breaks: Vec::new(),
        }
    }

    fn week(y: i32, m: u32, d: u32) -> Week {
        Week::starting(NaiveDate::from_ymd_opt(y, m, d).expect("date")).expect("a Sunday")
    }

    #[test]
    fn titles_are_short_and_subtitles_give_unit_and_colours() {
        let meta = meta("Foreign investors", "Japanese stocks", Unit::Oku);
        assert_eq!(weekly_title(&meta), "Japanese stocks, week by week");
        let scale = AxisScale::for_largest(Unit::Oku, Amount(40_000));
        assert_eq!(
            weekly_subtitle(&meta, scale, 52, week(2026, 9, 6)),
            "Foreign investors' net purchases, ¥ trillion, in the 52 weeks to 12 Sep 2026. Blue: net buying; orange: net selling"
        );
        let usd = self::meta("Foreign investors", "Korean bonds", Unit::MillionUsd);
        let subtitle = ytd_subtitle(
            &usd,
            AxisScale::for_largest(Unit::MillionUsd, Amount(5_000)),
            2026,
            Some(2025),
            week(2026, 9, 6),
        );
        assert!(subtitle.contains("$ billion") && !subtitle.contains('¥'), "{subtitle}");
        assert_eq!(ytd_title(&usd), "Korean bonds, year to date");
    }

    #[test]
    fn descriptions_name_a_single_year_once_and_dates_as_ranges() {
        let meta = meta("Japanese investors", "foreign stocks", Unit::Oku);
        let current = YearToDate {
            year: 2005,
            weeks: 2,
            total: Amount(300),
            closes_year: false,
        };
        let news = YtdNews {
            first_year: 2005,
            current,
            through: week(2005, 1, 9),
            same_point_last_year: None,
            last_year_end: None,
            extremes: None,
        };
        let text = ytd_description(&meta, &news, &[]);
        assert!(
            text.starts_with("Japanese investors' cumulative net purchases of foreign stocks in 2005,"),
            "{text}"
        );
        assert!(!text.contains("from 2005 to 2005"), "{text}");
        let shown = [(week(2025, 12, 28), Amount(-15_228))];
        let weekly = weekly_description(&meta, &shown, &WeeklyNews::default(), &[]);
        assert!(weekly.contains("in the week to 3 January 2026"), "{weekly}");
        assert!(weekly.contains("28 Dec 2025 \u{2013} 3 Jan 2026"), "{weekly}");
        assert!(!weekly.contains(".."), "{weekly}");
    }

    #[test]
    fn labels_say_what_the_mark_is() {
        assert_eq!(record_label(Unit::Oku, Amount(-44_517)), "Record sale, \u{2212}¥4.45tn");
        assert_eq!(
            last_larger_label(Unit::Oku, Amount(20_310)),
            "Last larger purchase, +¥2.03tn"
        );
        let streak = Streak {
            side: Side::Buying,
            weeks: 8,
        };
        assert_eq!(streak_label(streak), "8 weeks of buying");
        assert_eq!(
            grey_lines_key(2005, 2024),
            "Each grey line is one year, 2005\u{2013}2024"
        );
        assert_eq!(
            week_tooltip(Unit::Oku, week(2026, 9, 6), Amount(-15_228)),
            "6\u{2013}12 Sep 2026: net sold ¥1.52 trillion"
        );
    }
}
