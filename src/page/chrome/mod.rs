//! The words of the page chrome, per language: navigation, headings, table
//! headers, captions, footer sentences and the fixed copy of the index,
//! methodology and 404 pages.
//!
//! Views never spell these themselves: they take them from a [`Chrome`],
//! so that an edition in another language is the same views over another
//! `Chrome` (and another phrasebook for the briefs' sentences, in `prose`).
//! Dates and amounts are written by the formatter functions named here too,
//! for the same reason. [`ENGLISH`] is the English edition, [`JAPANESE`]
//! the Japanese one. No I/O here.

mod ja;

pub use ja::JAPANESE;

use super::methodology::{MethodologyFacts, MethodologySection};
use super::routes::Section;
use crate::model::{Cadence, SeriesMeta, SourceInfo, Unit, Week};
use crate::money;
use crate::prose::Phrasebook;
use chrono::NaiveDate;
use maud::{Markup, html};

/// The words of a chart's folded data table.
pub struct FigureTableWords {
    /// The summary line of the fold.
    pub summary: &'static str,
    /// The weekly table's caption.
    pub weekly_caption: &'static str,
    /// Header of a column of net amounts.
    pub net_header: fn(Unit) -> String,
    /// Header of the column of events marked on the chart.
    pub notes_header: &'static str,
    /// The year-to-date table's caption.
    pub ytd_caption: fn(Week) -> String,
    /// Header of the year column.
    pub year_header: &'static str,
    /// Header of the totals at the same week of each year.
    pub same_week_header: fn(Unit, u32) -> String,
    /// Header of each year's last total shown.
    pub year_total_header: fn(Unit) -> String,
    /// Header of the column of weeks counted.
    pub weeks_header: &'static str,
}

/// How a page writes a date (`12 September 2026`, 「2026年9月12日」).
pub type DateFormat = fn(NaiveDate) -> String;

/// Every fixed word a page shows, and how dates and amounts are written.
// Words are functions of the figures they take, date formatter included.
#[allow(clippy::type_complexity)]
pub struct Chrome {
    /// The words of every chart's data table.
    pub figure_table: FigureTableWords,
    /// The `lang` of every page.
    pub lang: &'static str,
    /// What separates two sentences: a space in English, nothing in Japanese.
    pub sentence_gap: &'static str,
    /// What ends a sentence after a link: `.` or 「。」.
    pub full_stop: &'static str,

    // Formatters.
    /// `12 September 2026`.
    pub long_date: fn(NaiveDate) -> String,
    /// `12 Sep 2026`.
    pub short_date: fn(NaiveDate) -> String,
    /// A week as a reader writes it: `6–12 Sep 2026`.
    pub week_range: fn(Week) -> String,
    /// A month: `August 2026`.
    pub month_name: fn(NaiveDate) -> String,
    /// A signed amount in words: `−¥1.52 trillion`.
    pub signed_amount: fn(Unit, crate::model::Amount) -> String,
    /// A signed amount in its table column's unit: `−1,522.8`.
    pub table_amount: fn(Unit, crate::model::Amount) -> String,

    // The frame.
    /// The link that skips the navigation.
    pub skip_link: &'static str,
    /// The navigation's accessible name.
    pub nav_label: &'static str,
    /// The navigation's name of each section.
    pub section_name: fn(Section) -> &'static str,
    /// A page's `<title>`: the page's title and the site's.
    pub full_title: fn(&str, &str) -> String,
    /// The title of the feed autodiscovery link.
    pub feed_title: fn(&str) -> String,
    /// The footer's attribution of a dataset.
    pub source_note: fn(&SourceInfo, DateFormat) -> Markup,
    /// The footer's sign convention.
    pub sign_note: &'static str,
    /// The footer's sentence on how the amounts of a unit are written.
    pub unit_note: fn(Unit) -> &'static str,
    /// The footer's link to the methodology page.
    pub methodology_link: &'static str,
    /// The footer's credit.
    pub built_with: &'static str,
    /// The breadcrumbs' accessible name.
    pub breadcrumbs_label: &'static str,

    // Common table words.
    /// Header of a column of series.
    pub series_header: &'static str,
    /// Header of a column of weeks.
    pub week_header: &'static str,
    /// Header of a column of months.
    pub month_header: &'static str,
    /// `Net, ¥bn`.
    pub net_header: fn(Unit) -> String,
    /// `Year to date, ¥bn`.
    pub ytd_header: fn(Unit) -> String,
    /// `Change on week, ¥bn`.
    pub change_header: fn(Unit) -> String,
    /// `Bought, ¥bn`.
    pub bought_header: fn(Unit) -> String,
    /// `Sold, ¥bn`.
    pub sold_header: fn(Unit) -> String,
    /// What a table cell without a figure means.
    pub not_available: &'static str,
    /// Before the links to a series' downloads: "Download the data: ".
    pub download_label: &'static str,

    // Home.
    /// "Updated 17 Sep 2026 · next release expected 24 Sep 2026".
    pub updated_line: fn(NaiveDate, Option<NaiveDate>) -> String,
    /// The link to the latest brief.
    pub read_brief: &'static str,
    /// The link to the archive of briefs.
    pub all_briefs: &'static str,
    /// The link from a lead series to its page.
    pub series_link: fn(&str) -> String,
    /// Heading of the table of every series' latest week.
    pub latest_table_heading: &'static str,
    /// Its caption, when every series has the same latest week.
    pub latest_table_caption: fn(Week) -> String,
    /// Heading of the list of commentary.
    pub commentary_heading: &'static str,
    /// What an empty list of commentary says.
    pub no_commentary: &'static str,
    /// The link to all commentary.
    pub all_commentary: fn(usize) -> String,
    /// Heading of the home page's note on the site.
    pub about_site_heading: &'static str,

    // Series pages.
    /// Title of the list of series.
    pub series_index_title: &'static str,
    /// What the list of series holds.
    pub series_index_intro: &'static str,
    /// Its one-line description.
    pub series_index_description: &'static str,
    /// Heading over the weekly series.
    pub weekly_series_heading: &'static str,
    /// Heading over the monthly series.
    pub monthly_series_heading: &'static str,
    /// A series page's standfirst after its latest figure: " in the week to …".
    pub in_week_to: fn(NaiveDate) -> String,
    /// A series page's description.
    pub series_description: fn(&str) -> String,
    /// Heading of the table of recent weeks.
    pub recent_weeks_heading: &'static str,
    /// Its caption.
    pub recent_weeks_caption: fn(usize) -> String,
    /// The line before the downloads of a whole series.
    pub every_week_since: fn(NaiveDate) -> String,
    /// Heading of a series' note on its source.
    pub about_series_heading: &'static str,
    /// Where a series comes from.
    pub published_as: fn(&SeriesMeta, &SourceInfo, DateFormat) -> Markup,
    /// The rule of weeks and years, before the link to the methodology.
    pub week_rule: &'static str,
    /// The link to the methodology from a page's note.
    pub more_on_method: &'static str,

    // Monthly pages.
    /// Heading of the table of recent months.
    pub recent_months_heading: &'static str,
    /// Its caption.
    pub recent_months_caption: fn(usize) -> String,
    /// Header of the column of weeks summed.
    pub weeks_summed_header: &'static str,
    /// A published monthly series' origin.
    pub published_monthly: fn(&SourceInfo, DateFormat) -> String,
    /// A derived monthly series' origin, around the link to its weekly series.
    pub summed_from: fn(Markup, &SourceInfo, DateFormat) -> Markup,
    /// The month a derived series leaves out until complete.
    pub month_left_out: fn(&str, u32, u32) -> String,
    /// A monthly page's standfirst.
    pub month_standfirst: fn(&SeriesMeta, &str, crate::model::Amount) -> String,
    /// A monthly page's description.
    pub monthly_description: fn(&str) -> String,

    // Briefs.
    /// Title of the archive of briefs.
    pub briefs_title: &'static str,
    /// The archive's description.
    pub briefs_description: &'static str,
    /// What the archive holds, for the brief's lead series.
    pub archive_intro: fn(&SeriesMeta) -> String,
    /// Heading of the newest briefs.
    pub latest_briefs_heading: &'static str,
    /// Heading of the list of years.
    pub by_year_heading: &'static str,
    /// A year of the archive with its number of briefs.
    pub year_count: fn(usize) -> String,
    /// Title of a year's archive.
    pub year_title: fn(i32) -> String,
    /// What a year's archive holds.
    pub year_intro: &'static str,
    /// A year's description.
    pub year_description: fn(i32) -> String,
    /// "Published 17 September 2026".
    pub published_on: fn(NaiveDate) -> String,
    /// "updated 24 September 2026", after the publication date.
    pub updated_on: fn(NaiveDate) -> String,
    /// Heading of a brief's table of the week's figures.
    pub week_figures_heading: &'static str,
    /// Its caption.
    pub week_figures_caption: fn(Week) -> String,
    /// The pager's accessible name.
    pub other_weeks_label: &'static str,

    // Commentary.
    /// Title of the commentary index.
    pub commentary_title: &'static str,
    /// Its description.
    pub commentary_description: &'static str,

    // Revisions.
    /// Title of the revisions page.
    pub revisions_title: &'static str,
    /// What it holds.
    pub revisions_intro: &'static str,
    /// Its description.
    pub revisions_description: &'static str,
    /// Heading of the list of releases.
    pub releases_heading: &'static str,
    /// A release in that list.
    pub release_item: fn(&SourceInfo, DateFormat) -> String,
    /// What the page says when nothing was revised.
    pub no_revisions: &'static str,
    /// Heading of one release's revisions.
    pub release_heading: fn(NaiveDate, NaiveDate, usize, DateFormat) -> String,
    /// `Was, ¥bn`.
    pub was_header: fn(Unit) -> String,
    /// `Now, ¥bn`.
    pub now_header: fn(Unit) -> String,
    /// `Revision, ¥bn`.
    pub revision_header: fn(Unit) -> String,
    /// The link to the revisions download.
    pub revisions_download: &'static str,

    // Methodology.
    /// Title of the methodology page.
    pub methodology_title: &'static str,
    /// Its description.
    pub methodology_description: &'static str,
    /// Its sections, from the facts of the site's data.
    pub methodology_sections: fn(&MethodologyFacts, &dyn Phrasebook) -> Vec<MethodologySection>,

    // 404.
    /// Title of the 404 page.
    pub not_found_title: &'static str,
    /// What it says.
    pub not_found_text: &'static str,
    /// Its link to the home page.
    pub not_found_link: &'static str,
}

/// The English edition's chrome.
pub static ENGLISH: Chrome = Chrome {
    lang: "en",
    sentence_gap: " ",
    full_stop: ".",
    figure_table: FigureTableWords {
        summary: "The chart's figures as a table",
        weekly_caption: "Net purchases by week, newest first; + net buying, \u{2212} net selling.",
        net_header: |unit| format!("Net purchases, {}", money::table_unit(unit)),
        notes_header: "Marked on the chart",
        ytd_caption: |through| {
            format!(
                "Cumulative net purchases by year, as of {}; + net buying, \u{2212} net selling.",
                money::long_date(through.end())
            )
        },
        year_header: "Year",
        same_week_header: |unit, week| format!("To week {week}, {}", money::table_unit(unit)),
        year_total_header: |unit| format!("Latest total, {}", money::table_unit(unit)),
        weeks_header: "Weeks",
    },

    long_date: money::long_date,
    short_date: money::short_date,
    week_range: money::week_range,
    month_name: |date| format!("{} {}", money::month_name(date), chrono::Datelike::year(&date)),
    signed_amount: money::signed_amount,
    table_amount: money::table_amount,

    skip_link: "Skip to content",
    nav_label: "Site",
    section_name: |section| match section {
        Section::Latest => "Latest",
        Section::Briefs => "Briefs",
        Section::Series => "Series",
        Section::Commentary => "Commentary",
        Section::Revisions => "Revisions",
        Section::Methodology => "Methodology",
        Section::Other => "",
    },
    full_title: |page, site| format!("{page} | {site}"),
    feed_title: |site| format!("{site}: weekly briefs and commentary"),
    source_note: |source, date| {
        html! {
            "Source: " (source.publisher) ", " em { (source.title) } ", release of " (date(source.version)) "."
        }
    },
    sign_note: "Figures as published; + is net buying, \u{2212} net selling.",
    unit_note: |unit| match unit {
        Unit::Oku => {
            "Yen figures are published in 100 million yen and quoted in trillions with two decimals from ¥1 trillion, otherwise in billions with one decimal; tables give billions of yen."
        }
        Unit::MillionUsd => {
            "Dollar figures are published in millions of US dollars and quoted in billions or trillions with two decimals from $1 billion, otherwise in whole millions; tables give millions of dollars."
        }
    },
    methodology_link: "How the figures are made",
    built_with: "Built with flowsite.",
    breadcrumbs_label: "Breadcrumbs",

    series_header: "Series",
    week_header: "Week",
    month_header: "Month",
    net_header: |unit| format!("Net, {}", money::table_unit(unit)),
    ytd_header: |unit| format!("Year to date, {}", money::table_unit(unit)),
    change_header: |unit| format!("Change on week, {}", money::table_unit(unit)),
    bought_header: |unit| format!("Bought, {}", money::table_unit(unit)),
    sold_header: |unit| format!("Sold, {}", money::table_unit(unit)),
    not_available: "n/a",
    download_label: "Download the data: ",

    // A date is never broken across lines: on a phone the line wraps
    // before a date, not inside it.
    updated_line: |updated, next| {
        let date = |day| money::short_date(day).replace(' ', "\u{a0}");
        match next {
            Some(next) => format!("Updated {} \u{b7} next release expected {}", date(updated), date(next)),
            None => format!("Updated {}", date(updated)),
        }
    },
    read_brief: "Read the full brief",
    all_briefs: "All weekly briefs",
    series_link: |title| format!("All figures: {title}"),
    latest_table_heading: "All series, latest week",
    latest_table_caption: |week| {
        format!(
            "Net purchases in the week {}, and so far this year; + net buying, \u{2212} net selling.",
            money::week_range(week)
        )
    },
    commentary_heading: "Commentary",
    no_commentary: "No commentary yet.",
    all_commentary: |count| format!("All commentary ({count})"),
    about_site_heading: "About this site",

    series_index_title: "All series",
    series_index_intro: "Net purchases of securities as published, week by week. Each series has its charts, its recent weeks and its data.",
    series_index_description: "Every flow series on this site, with its latest figure.",
    weekly_series_heading: "Weekly series",
    monthly_series_heading: "Monthly series",
    in_week_to: |end| format!(" in the week to {}.", money::long_date(end)),
    series_description: |title| format!("{title}: weekly figures, year-to-date totals and charts."),
    recent_weeks_heading: "Recent weeks",
    recent_weeks_caption: |weeks| {
        format!(
            "The last {weeks} weeks, newest first. Net is purchases minus sales; + net buying, \u{2212} net selling."
        )
    },
    every_week_since: |start| format!("Every week since {}:", money::long_date(start)),
    about_series_heading: "About this series",
    published_as: |meta, source, date| {
        html! {
            "Published as \u{201c}" (meta.published_label) "\u{201d} by " (source.publisher) " in "
            em { (source.title) } ", release of " (date(source.version)) "."
        }
    },
    week_rule: "Weeks run Sunday to Saturday; a week counts in the year of its Monday, as year-to-date totals in news reports do.",
    more_on_method: "How the figures are made",

    recent_months_heading: "Recent months",
    recent_months_caption: |months| {
        format!("The last {months} months, newest first; + net buying, \u{2212} net selling.")
    },
    weeks_summed_header: "Weeks summed",
    published_monthly: |source, date| {
        format!(
            "Published monthly by {} in {}, release of {}.",
            source.publisher,
            source.title,
            date(source.version)
        )
    },
    summed_from: |link, source, date| {
        html! {
            "Summed from the weekly series " (link) " (" (source.publisher) ", release of " (date(source.version)) "): "
            "each month holds the weeks whose Monday falls in it, the rule year-to-date totals follow, "
            "and only months whose every week is published are shown."
        }
    },
    month_left_out: |month, weeks, present| {
        format!(" {month} is left out until all its {weeks} weeks are published ({present} so far).")
    },
    month_standfirst: |meta, month, net| {
        format!(
            "In {month}, {} {} of {}.",
            crate::prose::en::actor_in_text(meta),
            money::net_phrase(meta.unit, net),
            meta.asset
        )
    },
    monthly_description: |title| format!("{title}: monthly figures and chart."),

    briefs_title: "Weekly briefs",
    briefs_description: "Every weekly brief: the newest, then by year.",
    archive_intro: |meta| {
        format!(
            "One brief for every week of data: what {} did in {}, and the rest of the week's flows.",
            crate::prose::en::actor_in_text(meta),
            meta.asset
        )
    },
    latest_briefs_heading: "Latest briefs",
    by_year_heading: "By year",
    year_count: |count| {
        if count == 1 {
            "1 week".to_string()
        } else {
            format!("{count} weeks")
        }
    },
    year_title: |year| format!("Weekly briefs, {year}"),
    year_intro: "Weeks count in the year of their Monday, as year-to-date totals do. Newest first.",
    year_description: |year| format!("The weekly briefs of {year}."),
    published_on: |date| format!("Published {}", money::long_date(date)),
    updated_on: |date| format!("updated {}", money::long_date(date)),
    week_figures_heading: "The week's figures",
    week_figures_caption: |week| {
        format!(
            "Net purchases in the week {}, and so far this year; + net buying, \u{2212} net selling.",
            money::week_range(week)
        )
    },
    other_weeks_label: "Other weeks",

    commentary_title: "Commentary",
    commentary_description: "The newsroom's commentary on the weekly flows, newest first.",

    revisions_title: "Revisions",
    revisions_intro: "Each release of the statistics replaces the whole file and may revise earlier weeks without flagging them. Every release in the project is compared with the one before it, and every net figure that changed is listed here.",
    revisions_description: "Every published figure a later release revised.",
    releases_heading: "Releases compared",
    release_item: |source, date| {
        format!(
            "{}, {}: release of {}",
            source.publisher,
            source.title,
            date(source.version)
        )
    },
    no_revisions: "No figure has been revised: the project holds one release of each dataset, or later releases changed nothing.",
    release_heading: |to, from, count, date| {
        let figures = if count == 1 {
            "1 figure revised".to_string()
        } else {
            format!("{count} figures revised")
        };
        format!("Release of {} against {}: {figures}", date(to), date(from))
    },
    was_header: |unit| format!("Was, {}", money::table_unit(unit)),
    now_header: |unit| format!("Now, {}", money::table_unit(unit)),
    revision_header: |unit| format!("Revision, {}", money::table_unit(unit)),
    revisions_download: "Every revised figure with its source cell, as CSV",

    methodology_title: "How the figures are made",
    methodology_description: "Weeks, year-to-date totals, units, revisions and the source of every figure on this site.",
    methodology_sections: english_methodology,

    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. It may have moved, or the address may be mistyped.",
    not_found_link: "Go to the latest figures",
};

/// The English methodology page, from the facts of the site's data.
fn english_methodology(facts: &MethodologyFacts, book: &dyn Phrasebook) -> Vec<MethodologySection> {
    let section = |heading: &str, paragraphs: Vec<String>| MethodologySection {
        heading: heading.to_string(),
        paragraphs,
    };
    let mut sources: Vec<String> = facts
        .sources
        .iter()
        .map(|source| {
            format!(
                "{}: {}, release of {}.",
                source.publisher,
                source.title,
                money::long_date(source.version)
            )
        })
        .collect();
    sources.push("Every figure is shown as its publisher released it, never edited or estimated.".to_string());
    for source in &facts.sources {
        sources.push(match source.cadence {
            Some(Cadence::Weekly(day)) => format!(
                "{} releases new figures every {}, for the weeks to the Saturday before. A weekly brief is dated by the release that first published its week, and the home page expects the next release a week after the last.",
                source.publisher,
                weekday_name(day)
            ),
            None => format!(
                "The release schedule of {} is not known to this site, so no date is given for its next release.",
                source.publisher
            ),
        });
    }
    let mut sections = vec![
        section("The figures", sources),
        section(
            "Weeks",
            vec![
                "A week runs from Sunday to Saturday and is written by its dates, as in \u{201c}6\u{2013}12 Sep 2026\u{201d}; the downloads give its first and last days.".to_string(),
            ],
        ),
        section(
            "Year to date",
            vec![
                "Year-to-date totals add up a year's weeks. A week that spans two years counts in the year of its Monday, the rule news agencies use: a week from Sunday 28 December to Saturday 3 January closes the old year. A total is given only for a year whose first week is in the data.".to_string(),
            ],
        ),
    ];
    let mut units = vec![if facts.has_gross {
        "Net purchases are gross purchases minus gross sales: + is net buying, \u{2212} net selling.".to_string()
    } else {
        "Net purchases are as published: + is net buying, \u{2212} net selling.".to_string()
    }];
    units.extend(facts.units.iter().map(|unit| (ENGLISH.unit_note)(*unit).to_string()));
    if let Some(publisher) = facts.dollar_rates {
        units.push(format!(
            "Yen figures are also given in US dollars at the {publisher}'s reference rates (US dollars and yen per euro) on the day each week was released, or on the last business day before it within {} days; a week without a rate is given in yen only.",
            crate::series::LOOK_BACK_DAYS
        ));
    }
    sections.push(section("Units", units));
    sections.push(section(
        "Revisions",
        vec!["Each release replaces the whole file and may revise earlier weeks without marking them. The site shows the figures of the latest release; the revisions page lists every figure a later release in the project changed, and a brief says when a figure it quotes has been revised.".to_string()],
    ));
    if !facts.breaks.is_empty() {
        let notes = facts
            .breaks
            .iter()
            .map(|(found, titles)| format!("{} It affects: {}.", book.break_note(*found), titles.join("; ")))
            .collect();
        sections.push(section("Breaks in the series", notes));
    }
    let columns: Vec<String> = facts
        .units
        .iter()
        .map(|unit| format!("net_{}", unit.column_suffix()))
        .collect();
    let mut downloads = vec![format!(
        "Each series page links every week of the series as CSV and JSON. Each row gives the figures as published, in the unit its column names ({}), and the cell they come from in the publisher's file: source_file, source_line and source_column.",
        columns.join(", ")
    )];
    if let Some(cell) = &facts.example_cell {
        downloads.push(format!(
            "For example, the latest week of the series the briefs lead with is in {}, line {}, column {}.",
            cell.path, cell.line, cell.column
        ));
    }
    downloads.push("The revisions page gives every revised figure with its source cell as CSV too.".to_string());
    sections.push(section("Downloads and source cells", downloads));
    sections
}

/// `Thursday`.
fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_page_claims_a_next_release_only_with_a_cadence() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).expect("date");
        assert_eq!(
            (ENGLISH.updated_line)(day(17), Some(day(24))),
            "Updated 17\u{a0}Sep\u{a0}2026 \u{b7} next release expected 24\u{a0}Sep\u{a0}2026"
        );
        assert_eq!((ENGLISH.updated_line)(day(17), None), "Updated 17\u{a0}Sep\u{a0}2026");
    }

    #[test]
    fn table_headers_state_one_unit_per_column() {
        assert_eq!((ENGLISH.net_header)(Unit::Oku), "Net, ¥bn");
        assert_eq!((ENGLISH.ytd_header)(Unit::MillionUsd), "Year to date, $m");
        assert_eq!(
            (ENGLISH.month_name)(NaiveDate::from_ymd_opt(2026, 8, 1).expect("date")),
            "August 2026"
        );
    }
}
