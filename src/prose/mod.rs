//! Stage 3b, prose: facts -> sentences.
//!
//! Two halves. This module decides from the facts alone what a weekly brief
//! says: what leads each series' story (a record, a streak, a flip, a
//! snapped run, a week with no trades), which earlier weeks and years the
//! brief compares with, and so which notes it needs (a break in a series, a
//! figure revised since its first release), and which of several equally
//! good wordings a week gets. A [`Phrasebook`] then words that plan in one
//! language; [`en::ENGLISH`] is the English one, [`ja::JAPANESE`] the
//! Japanese one. Another language is
//! another implementation of the same trait over the same plan, never a
//! branch inside this one.
//!
//! Sentence choice is deterministic: the variant is the week's position in
//! the data, so consecutive weeks with the same facts read differently and
//! every build is byte-identical. No I/O here.

pub mod en;
pub mod ja;

use crate::model::{Amount, SeriesBreak, SeriesId, SeriesMeta, Week};
use crate::series::{
    Activity, Analysis, DollarRates, Extreme, ReleaseRate, Revision, Side, Streak, WeekFacts, YtdStanding,
};
use chrono::{Datelike, Days, NaiveDate};

/// One series in one week, with where its data begin.
#[derive(Debug, Clone, Copy)]
pub struct SeriesWeek<'a> {
    /// What the series is.
    pub meta: &'a SeriesMeta,
    /// The week's facts.
    pub facts: &'a WeekFacts,
    /// The series' first week in the data.
    pub first_week: Week,
}

/// The run that goes with a record or "largest since" week: both are said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunAngle {
    /// The week began nothing worth saying (a first week, after a flat one).
    None,
    /// The week extended a run to this many weeks (two or more).
    Streak(usize),
    /// The week ended this run on the other side.
    Flip(Streak),
}

/// What leads a series' story: chosen by the facts so that no angle that
/// matters is hidden behind another (a record also gives its streak, a
/// flip what it flipped from, and a snapped run of three weeks or more is
/// always said).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// Purchases and sales were both zero; `ended` is the run this ended.
    NoTransactions {
        /// The buying or selling run the empty week ended.
        ended: Option<Streak>,
    },
    /// A net tiny against gross trading: no side is claimed.
    Balanced {
        /// The buying or selling run the week ended, by the sign count.
        ended: Option<Streak>,
    },
    /// A net of exactly zero in a series without gross figures.
    Even {
        /// The buying or selling run the week ended.
        ended: Option<Streak>,
    },
    /// The largest net purchase or sale in the data.
    Record {
        /// The run beside it.
        run: RunAngle,
    },
    /// The largest net purchase or sale since `week`.
    LargestSince {
        /// The last earlier week at least as large.
        week: Week,
        /// The run beside it.
        run: RunAngle,
    },
    /// A run of two weeks or more went on.
    Streak {
        /// Its length including this week.
        weeks: usize,
    },
    /// Buying after selling or selling after buying: `from` is the run that
    /// ended.
    Flip {
        /// The run on the other side.
        from: Streak,
    },
    /// Nothing stands out: the first week of the data, or one after a week
    /// with no net figure.
    Plain,
}

impl Lead {
    /// The lead of a week's facts.
    pub fn of(facts: &WeekFacts) -> Lead {
        match facts.activity {
            Activity::NoTransactions => return Lead::NoTransactions { ended: facts.ended },
            Activity::RoughlyBalanced => return Lead::Balanced { ended: facts.ended },
            Activity::Net if facts.net.0 == 0 => return Lead::Even { ended: facts.ended },
            Activity::Net => {}
        }
        // A "flip" from a single roughly balanced week is not a change of
        // mind: that week claimed no side.
        let flip = facts
            .ended
            .filter(|from| !(from.weeks == 1 && facts.prior_activity == Some(Activity::RoughlyBalanced)));
        let run = match (facts.streak.weeks, flip) {
            (weeks, _) if weeks >= 2 => RunAngle::Streak(weeks),
            (_, Some(from)) => RunAngle::Flip(from),
            _ => RunAngle::None,
        };
        match facts.extreme {
            Extreme::Record => Lead::Record { run },
            Extreme::LargestSince { week, .. } => Lead::LargestSince { week, run },
            Extreme::None => match run {
                RunAngle::Streak(weeks) => Lead::Streak { weeks },
                RunAngle::Flip(from) => Lead::Flip { from },
                RunAngle::None => Lead::Plain,
            },
        }
    }
}

/// One series' story in one week: its facts, what leads, and its dollar
/// equivalent where the brief gives one.
#[derive(Debug, Clone, Copy)]
pub struct Story<'a> {
    /// The series and week.
    pub series: SeriesWeek<'a>,
    /// What leads.
    pub lead: Lead,
    /// The week's net in whole US dollars, for the first amount of a brief.
    pub dollars: Option<i64>,
}

impl<'a> Story<'a> {
    fn new(series: SeriesWeek<'a>, dollars: Option<i64>) -> Story<'a> {
        Story {
            series,
            lead: Lead::of(series.facts),
            dollars,
        }
    }

    /// What the series is.
    pub fn meta(&self) -> &'a SeriesMeta {
        self.series.meta
    }

    /// The week's facts.
    pub fn facts(&self) -> &'a WeekFacts {
        self.series.facts
    }

    /// The side of the week's net.
    pub fn side(&self) -> Side {
        Side::of(self.series.facts.net.0)
    }

    /// The earliest week the story compares this week with: the week
    /// before, the week a "largest since" reaches back to, the start of the
    /// data for a record, and the years its year-to-date total is set against.
    fn earliest_compared(&self, with_standing: bool) -> Week {
        let facts = self.series.facts;
        let mut earliest = facts.week;
        if facts.prior.is_some() {
            earliest = earliest.min(facts.week.previous());
        }
        match self.lead {
            Lead::Record { .. } => earliest = earliest.min(self.series.first_week),
            Lead::LargestSince { week, .. } => earliest = earliest.min(week),
            _ => {}
        }
        let mut years = Vec::new();
        if let Some(ytd) = facts.ytd {
            years.push(ytd.year);
            years.extend(facts.ytd_compared.map(|compared| compared.against.year));
            if with_standing {
                match facts.ytd_standing {
                    YtdStanding::Record { first_year } => years.push(first_year),
                    YtdStanding::MostSince { year, .. } => years.push(year),
                    YtdStanding::None => {}
                }
            }
        }
        for year in years {
            earliest = earliest.min(first_week_of(year).unwrap_or(earliest));
        }
        earliest.max(self.series.first_week)
    }
}

/// The first week counted in `year`: the one whose Monday is its first.
fn first_week_of(year: i32) -> Option<Week> {
    let january = NaiveDate::from_ymd_opt(year, 1, 1)?;
    // Days from 1 January to the year's first Monday.
    let to_monday = (7 - january.weekday().num_days_from_monday()) % 7;
    Week::starting(january + Days::new(u64::from(to_monday)) - Days::new(1))
}

/// A note a brief needs because of what it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A comparison reaches across a change in what a series counts.
    Reclassified(SeriesBreak),
    /// A figure quoted was revised after its first release; the figures are
    /// as in this release.
    Revised(NaiveDate),
}

/// The rate a brief's dollar figures are converted at, and its publisher.
#[derive(Debug, Clone, Copy)]
pub struct RateNote<'a> {
    /// The rate.
    pub rate: &'a ReleaseRate,
    /// Who publishes it ("European Central Bank").
    pub publisher: &'a str,
}

/// Everything a weekly brief says, decided and typed, for a phrasebook to
/// word.
#[derive(Debug, Clone)]
pub struct Brief<'a> {
    /// The lead series' story, with the dollar figure if there is one.
    pub lead: Story<'a>,
    /// The site's other lead series (foreign investors' bonds).
    pub others: Vec<Story<'a>>,
    /// Japanese investors' stocks and bonds abroad.
    pub abroad: Vec<Story<'a>>,
    /// The lead actor's short-term debt, where the data have it: Japanese
    /// wire reports give it a line; a phrasebook may leave it out.
    pub bills: Vec<Story<'a>>,
    /// The day the week's figures were first released, if the source's
    /// cadence says (the "28日発表" of a Japanese lede).
    pub released: Option<NaiveDate>,
    /// Who publishes the figures, as the source names itself.
    pub publisher: &'a str,
    /// The rate of the dollar figure, if the brief gives one.
    pub rate: Option<RateNote<'a>>,
    /// The revision a release made to the lead series' week before, for
    /// the brief of the release's newest week.
    pub prior_revision: Option<&'a Revision>,
    /// Notes the comparisons need, in order: breaks, then revisions.
    pub notes: Vec<Note>,
    /// Which of equivalent wordings to use: the week's position in the data.
    pub variant: usize,
}

/// The pieces of a brief.
#[derive(Debug, Clone, Copy)]
pub struct BriefParts<'a> {
    /// The series the brief leads with.
    pub lead: SeriesWeek<'a>,
    /// Who publishes its figures.
    pub publisher: &'a str,
    /// Revisions of every series, if the brief should note them.
    pub analysis: Option<&'a Analysis>,
    /// Release-day exchange rates, if the brief gives dollar figures.
    pub dollars: Option<&'a DollarRates>,
    /// The revision a release made to the lead series' week before.
    pub prior_revision: Option<&'a Revision>,
    /// The day the week's figures were first released, if known.
    pub released: Option<NaiveDate>,
}

impl<'a> Brief<'a> {
    /// The brief of `parts.lead`'s week, with `others` (other lead series)
    /// and `abroad` (flows abroad) in the same week.
    pub fn new(parts: BriefParts<'a>, others: Vec<SeriesWeek<'a>>, abroad: Vec<SeriesWeek<'a>>) -> Brief<'a> {
        let lead_facts = parts.lead.facts;
        let rate = parts
            .dollars
            .and_then(|dollars| dollars.of(lead_facts.week))
            .filter(|_| parts.lead.meta.unit == crate::model::Unit::Oku);
        // Only a figure that is printed gets a dollar equivalent.
        let printed = lead_facts.activity != Activity::NoTransactions && lead_facts.net.0 != 0;
        let rate = rate.filter(|_| printed);
        let lead = Story::new(parts.lead, rate.map(|r| r.dollars(lead_facts.net)));
        let others: Vec<Story<'a>> = others.into_iter().map(|s| Story::new(s, None)).collect();
        let abroad: Vec<Story<'a>> = abroad.into_iter().map(|s| Story::new(s, None)).collect();
        let mut notes = Vec::new();
        let stories = std::iter::once((&lead, true)).chain(others.iter().chain(&abroad).map(|s| (s, false)));
        let mut revised: Option<NaiveDate> = None;
        for (story, is_lead) in stories {
            let week = story.facts().week;
            let earliest = story.earliest_compared(is_lead);
            for found in &story.meta().breaks {
                if found.separates(earliest, week) && !notes.contains(&Note::Reclassified(*found)) {
                    notes.push(Note::Reclassified(*found));
                }
            }
            let found = parts
                .analysis
                .and_then(|analysis| revised_between(analysis, &story.meta().id, quoted_start(story), week));
            if let Some(release) = found {
                revised = revised.max(Some(release));
            }
        }
        notes.extend(revised.map(Note::Revised));
        Brief {
            lead,
            others,
            abroad,
            publisher: parts.publisher,
            rate: rate.zip(parts.dollars).map(|(rate, dollars)| RateNote {
                rate,
                publisher: dollars.publisher,
            }),
            prior_revision: parts.prior_revision,
            bills: Vec::new(),
            released: parts.released,
            notes,
            variant: lead_facts.index,
        }
    }

    /// The brief with the lead actor's short-term debt in the same week.
    pub fn with_bills(mut self, bills: Vec<SeriesWeek<'a>>) -> Brief<'a> {
        self.bills = bills.into_iter().map(|s| Story::new(s, None)).collect();
        self
    }

    /// A brief about one series alone, as the home page gives each lead
    /// series.
    pub fn single(series: SeriesWeek<'a>, publisher: &'a str, analysis: Option<&'a Analysis>) -> Brief<'a> {
        Brief::new(
            BriefParts {
                lead: series,
                publisher,
                analysis,
                dollars: None,
                prior_revision: None,
                released: None,
            },
            Vec::new(),
            Vec::new(),
        )
    }
}

/// The first week whose figure the story's year-to-date sentences sum: the
/// start of its year, and of the year it is compared with.
fn quoted_start(story: &Story<'_>) -> Week {
    let facts = story.facts();
    let mut start = facts.week.previous();
    if let Some(ytd) = facts.ytd {
        let years = std::iter::once(ytd.year).chain(facts.ytd_compared.map(|c| c.against.year));
        for year in years {
            start = start.min(first_week_of(year).unwrap_or(start));
        }
    }
    start
}

/// The last release that revised any figure of series `id` from week
/// `from` to week `to`.
fn revised_between(analysis: &Analysis, id: &SeriesId, from: Week, to: Week) -> Option<NaiveDate> {
    analysis
        .revised_in
        .range((id.clone(), from)..=(id.clone(), to))
        .map(|(_, release)| *release)
        .max()
}

/// A brief in words, ready for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefText {
    /// Present tense, with the week's figure.
    pub headline: String,
    /// The lede: one sentence carrying every angle that leads.
    pub standfirst: String,
    /// The week's dates.
    pub dateline: String,
    /// Paragraphs on the lead series after the lede.
    pub body: Vec<String>,
    /// The heading over the other series' paragraphs.
    pub others_heading: String,
    /// One paragraph per other series, then flows abroad.
    pub others: Vec<String>,
    /// Notes on breaks and revisions.
    pub notes: Vec<String>,
    /// The closing line naming the exchange rate, if a dollar figure is given.
    pub rate_line: Option<String>,
}

/// A language: the sentence functions that word a [`Brief`]. Each takes
/// the same typed facts; none decides what is said, only how.
pub trait Phrasebook: Sync {
    /// The headline: present tense, unambiguous, with the week's figure.
    fn headline(&self, brief: &Brief<'_>) -> String;
    /// The standfirst: the lede sentence, with its attribution.
    fn standfirst(&self, brief: &Brief<'_>) -> String;
    /// The dates of a week, both years given when it crosses one.
    fn dateline(&self, week: Week) -> String;
    /// The lead series' paragraphs after the lede: the week before, the
    /// year to date, gross trading.
    fn body(&self, brief: &Brief<'_>) -> Vec<String>;
    /// The heading over the other series.
    fn others_heading(&self, brief: &Brief<'_>) -> String;
    /// One paragraph per other series, each with its week before and turn.
    fn others(&self, brief: &Brief<'_>) -> Vec<String>;
    /// The notes' sentences.
    fn notes(&self, brief: &Brief<'_>) -> Vec<String>;
    /// The note on a break in a series' definition, for a brief that
    /// compares across it and for the series' own page.
    fn break_note(&self, found: SeriesBreak) -> String;
    /// The line naming the exchange rate of the brief's dollar figure.
    fn rate_line(&self, brief: &Brief<'_>) -> Option<String>;
    /// A clause for a series' latest figure, e.g. on its page.
    fn net_clause(&self, meta: &SeriesMeta, net: Amount) -> String;
    /// A run of weeks as a noun phrase ("third straight week of net buying").
    fn streak_description(&self, streak: Streak) -> String;
    /// A series' week in a few sentences (its lede, the week before, the
    /// year to date), for its page; `data_start` is the first day of its data.
    fn week_summary(&self, meta: &SeriesMeta, facts: &WeekFacts, data_start: NaiveDate) -> Vec<String>;
    /// A share card's headline: the brief's headline.
    fn card_title(&self, brief: &Brief<'_>) -> String {
        self.headline(brief)
    }
    /// A share card's figure line: the week's signed amount and its run
    /// ("+¥1.08tn · 8th straight week of net buying").
    fn card_figure(&self, brief: &Brief<'_>) -> String;
    /// The fact a share card leads with, short enough to read in a
    /// thumbnail: "+¥1.08tn · eighth straight week of net buying".
    fn card_fact(&self, meta: &SeriesMeta, facts: &WeekFacts) -> String;
    /// The fact a monthly series' share card leads with: "+¥2.47tn in
    /// September 2026".
    fn card_month_fact(&self, meta: &SeriesMeta, net: Amount, month: NaiveDate) -> String;
}

/// Words a brief with `book`.
pub fn write_brief(book: &dyn Phrasebook, brief: &Brief<'_>) -> BriefText {
    BriefText {
        headline: book.headline(brief),
        standfirst: book.standfirst(brief),
        dateline: book.dateline(brief.lead.facts().week),
        body: book.body(brief),
        others_heading: book.others_heading(brief),
        others: book.others(brief),
        notes: book.notes(brief),
        rate_line: book.rate_line(brief),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::compute_week_facts;
    use crate::series::testing::points;

    #[test]
    fn first_weeks_follow_the_monday_rule() {
        let first = |year: i32| first_week_of(year).map(|week| week.to_string());
        assert_eq!(first(2026).as_deref(), Some("2026-01-04..01-10"));
        assert_eq!(first(2025).as_deref(), Some("2025-01-05..01-11"));
        assert_eq!(first(2018).as_deref(), Some("2017-12-31..2018-01-06"));
        assert_eq!(first(2014).as_deref(), Some("2014-01-05..01-11"));
    }

    #[test]
    fn a_record_keeps_its_streak_and_a_flip_its_origin() {
        let buying = |weeks| Streak {
            side: Side::Buying,
            weeks,
        };
        let selling = |weeks| Streak {
            side: Side::Selling,
            weeks,
        };
        let facts = compute_week_facts(&points(2024, 1, 7, &[-10, 5, 5, 5, -1]));
        assert_eq!(Lead::of(&facts[0]), Lead::Plain);
        assert_eq!(Lead::of(&facts[1]), Lead::Flip { from: selling(1) });
        assert_eq!(Lead::of(&facts[2]), Lead::Streak { weeks: 2 });
        assert_eq!(Lead::of(&facts[4]), Lead::Flip { from: buying(3) });

        let mut nets = vec![5; 60];
        nets.extend([-1, -2, 50, 60]);
        let facts = compute_week_facts(&points(2024, 1, 7, &nets));
        // The first sale after a year of buying is a record, and says what
        // it ended; so does the record purchase that follows two sales.
        let record = |run| Lead::Record { run };
        assert_eq!(Lead::of(&facts[60]), record(RunAngle::Flip(buying(60))));
        assert_eq!(Lead::of(&facts[61]), record(RunAngle::Streak(2)));
        assert_eq!(Lead::of(&facts[62]), record(RunAngle::Flip(selling(2))));
        assert_eq!(Lead::of(&facts[63]), record(RunAngle::Streak(2)));
    }

    #[test]
    fn a_flip_from_one_roughly_balanced_week_is_no_flip() {
        let mut series = points(2024, 1, 7, &[5, -1, 6]);
        // ¥1 trillion traded in the middle week, ¥10 billion in the others.
        for (point, gross) in series.iter_mut().zip([100, 10_000, 100]) {
            point.acquisition = Some(Amount(gross));
            point.disposition = Some(Amount(gross - point.net.0));
        }
        let facts = compute_week_facts(&series);
        assert_eq!(
            Lead::of(&facts[1]),
            Lead::Balanced {
                ended: Some(Streak {
                    side: Side::Buying,
                    weeks: 1
                })
            }
        );
        assert_eq!(Lead::of(&facts[2]), Lead::Plain);
    }
}
