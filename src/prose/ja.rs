//! The Japanese phrasebook: a brief worded the way Japanese wire desks
//! (NQN, Reuters and Bloomberg's Japanese services) write MOF's weekly
//! story every Thursday.
//!
//! Style: the lede gives the source and the release day, then the week
//! and its angle (「財務省が28日発表した対外及び対内証券売買契約等の状況
//! （週次・指定報告機関ベース）によると、5月17～23日の海外投資家による日本
//! 株への投資は8週連続の買い越しだった。」), and a second sentence the
//! amount and the week before (「買越額は1兆794億円で、前週（9484億円）から
//! 増えた。」). Amounts are exact 兆/億 (`money::ja`), never rounded. A run
//! is 「N週連続」; a flip is 「N週ぶり」, N counted from the last week on the
//! same side (`WeekFacts::since_same_side`), not from the run it ended.
//! Headlines are 「主体、対象をN週連続買い越し　金額」 with a full-width
//! space before the figure. Sentences end in the plain past (だった、
//! 増えた) as wire copy does. Who and what a series is come from its typed
//! direction and asset class, never from its English names.

use super::{Brief, Lead, Note, Phrasebook, RunAngle, Story};
use crate::model::{Amount, AssetClass, BreakCause, Direction, SeriesBreak, SeriesMeta, Unit, Week};
use crate::money::ja as yen;
use crate::series::{Activity, Change, Extreme, Ratio, Side, Streak, YtdStanding};
use chrono::{Datelike, NaiveDate};

/// The Japanese phrasebook.
pub static JAPANESE: Japanese = Japanese;

/// Wire-report Japanese.
#[derive(Debug, Clone, Copy, Default)]
pub struct Japanese;

/// Who trades a series: 「海外投資家」, 「国内投資家」.
pub fn actor(meta: &SeriesMeta) -> &'static str {
    match meta.direction {
        Direction::Inward => "海外投資家",
        Direction::Outward => "国内投資家",
    }
}

/// What a series counts, in full: 「日本株」, 「日本の中長期債」, 「海外株式」.
pub fn asset(meta: &SeriesMeta) -> &'static str {
    match (meta.direction, meta.asset_class) {
        (Direction::Inward, AssetClass::Equity) => "日本株",
        (Direction::Inward, AssetClass::LongTermDebt) => "日本の中長期債",
        (Direction::Inward, AssetClass::ShortTermDebt) => "日本の短期債",
        (Direction::Inward, AssetClass::Subtotal) => "日本の株式・中長期債",
        (Direction::Inward, _) => "日本の証券",
        (Direction::Outward, AssetClass::Equity) => "海外株式",
        (Direction::Outward, AssetClass::LongTermDebt) => "海外の中長期債",
        (Direction::Outward, AssetClass::ShortTermDebt) => "海外の短期債",
        (Direction::Outward, AssetClass::Subtotal) => "海外の株式・中長期債",
        (Direction::Outward, _) => "海外の証券",
    }
}

/// The asset class alone, inside a paragraph about one actor: 「株式」, 「中長期債」.
fn class_name(meta: &SeriesMeta) -> &'static str {
    match meta.asset_class {
        AssetClass::Equity => "株式",
        AssetClass::LongTermDebt => "中長期債",
        AssetClass::ShortTermDebt => "短期債",
        AssetClass::Subtotal => "株式・中長期債",
        AssetClass::Total | AssetClass::Other => "証券",
    }
}

/// The publisher's label of a series' class, as MOF's Japanese tables
/// print it: 「株式・投資ファンド持分」.
pub fn published_label(meta: &SeriesMeta) -> &'static str {
    match meta.asset_class {
        AssetClass::Equity => "株式・投資ファンド持分",
        AssetClass::LongTermDebt => "中長期債",
        AssetClass::ShortTermDebt => "短期債",
        AssetClass::Subtotal => "株式・投資ファンド持分・中長期債計",
        AssetClass::Total | AssetClass::Other => "合計",
    }
}

/// A series' title: 「海外投資家の日本株売買」.
pub fn series_title(meta: &SeriesMeta) -> String {
    format!("{}の{}売買", actor(meta), asset(meta))
}

/// The side of a net: 「買い越し」 / 「売り越し」.
fn side_noun(net: Amount) -> &'static str {
    if net.0 < 0 { "売り越し" } else { "買い越し" }
}

fn streak_noun(side: Side) -> &'static str {
    if side == Side::Selling {
        "売り越し"
    } else {
        "買い越し"
    }
}

/// The label of the week's amount: 「買越額」 / 「売越額」.
fn amount_label(net: Amount) -> &'static str {
    if net.0 < 0 { "売越額" } else { "買越額" }
}

/// 「買い越した」 / 「売り越した」.
fn side_verb(net: Amount) -> &'static str {
    if net.0 < 0 {
        "売り越した"
    } else {
        "買い越した"
    }
}

/// The publisher as Japanese readers know it.
fn publisher_name(publisher: &str) -> &str {
    if publisher.starts_with("Ministry of Finance") {
        "財務省"
    } else if publisher.starts_with("European Central Bank") {
        "欧州中央銀行"
    } else {
        publisher.split(',').next().unwrap_or(publisher).trim()
    }
}

/// The opening attribution: 「財務省が28日発表した対外及び対内証券売買契約等
/// の状況（週次・指定報告機関ベース）によると、」.
fn attribution(brief: &Brief<'_>) -> String {
    if brief.publisher.is_empty() {
        return String::new();
    }
    let name = publisher_name(brief.publisher);
    let statistic = if name == "財務省" {
        "対外及び対内証券売買契約等の状況（週次・指定報告機関ベース）"
    } else {
        "統計"
    };
    match brief.released {
        Some(day) => format!("{name}が{}日発表した{statistic}によると、", day.day()),
        None => format!("{name}の{statistic}によると、"),
    }
}

/// 「3月下旬」, or 「2025年10月上旬」 in another year than `now`'s.
fn part_of_month_since(then: NaiveDate, now: NaiveDate) -> String {
    let part = match then.day() {
        1..=10 => "上旬",
        11..=20 => "中旬",
        _ => "下旬",
    };
    if then.year() == now.year() {
        format!("{}月{part}", then.month())
    } else {
        format!("{}年{}月{part}", then.year(), then.month())
    }
}

/// The week's run as the noun before 「の買い越し」: 「8週連続」, 「4週ぶり」, or nothing.
fn run_prefix(run: RunAngle, since: Option<usize>) -> String {
    match run {
        RunAngle::Streak(n) => format!("{n}週連続"),
        RunAngle::Flip(_) => since.map(|n| format!("{n}週ぶり")).unwrap_or_default(),
        RunAngle::None => String::new(),
    }
}

/// 「8週連続の買い越し」, 「4週ぶりの売り越し」, 「買い越し」.
fn run_phrase(run: RunAngle, since: Option<usize>, net: Amount) -> String {
    let prefix = run_prefix(run, since);
    if prefix.is_empty() {
        side_noun(net).to_string()
    } else {
        format!("{prefix}の{}", side_noun(net))
    }
}

/// The run angle a lead carries, whatever else leads.
fn run_of(lead: Lead) -> RunAngle {
    match lead {
        Lead::Record { run } | Lead::LargestSince { run, .. } => run,
        Lead::Streak { weeks } => RunAngle::Streak(weeks),
        Lead::Flip { from } => RunAngle::Flip(from),
        _ => RunAngle::None,
    }
}

/// 「前週まで8週続いていた買い越しは止まった。」 for a long run a week ended.
fn snapped_sentence(ended: Option<Streak>) -> String {
    match ended {
        Some(run) if run.is_long() => format!("前週まで{}週続いていた{}は途切れた。", run.weeks, streak_noun(run.side)),
        _ => String::new(),
    }
}

/// 「1兆794億円の買い越し」, 「差し引きゼロ」.
fn net_with_side(unit: Unit, net: Amount) -> String {
    if net.0 == 0 {
        "差し引きゼロ".to_string()
    } else {
        format!("{}の{}", yen::amount(unit, net), side_noun(net))
    }
}

/// How the net moved from the week before, as the end of a sentence:
/// 「前週（9484億円）から増えた」, 「前週は9484億円の売り越しだった」.
fn week_before_clause(story: &Story<'_>) -> Option<String> {
    let facts = story.facts();
    let unit = story.meta().unit;
    let prior = facts.prior?;
    if facts.prior_activity == Some(Activity::NoTransactions) {
        return Some("前週は取引の報告がなかった".to_string());
    }
    if prior.0 == 0 {
        return Some("前週は差し引きゼロだった".to_string());
    }
    let p = yen::amount(unit, prior);
    Some(match facts.movement? {
        Change::Quickened => format!("前週（{p}）から増えた"),
        Change::Slowed => format!("前週（{p}）から減った"),
        Change::Unchanged => format!("前週（{p}）と同額だった"),
        Change::Reversed | Change::ToZero | Change::FromZero => {
            format!("前週は{p}の{}だった", side_noun(prior))
        }
    })
}

/// The lead's amount with its dollar equivalent: 「1兆794億円（約67.7億ドル）」.
fn lead_amount(story: &Story<'_>) -> String {
    let amount = yen::amount(story.meta().unit, story.facts().net);
    match story.dollars {
        Some(dollars) => format!("{amount}（{}）", yen::approximate_dollars(dollars)),
        None => amount,
    }
}

/// The lede's sentences, and whether they said how the net moved from the
/// week before.
fn lede(brief: &Brief<'_>) -> (String, bool) {
    let story = &brief.lead;
    let facts = story.facts();
    let meta = story.meta();
    let subject = format!(
        "{}{}の{}による{}への投資は",
        attribution(brief),
        yen::week_in_text(facts.week),
        actor(meta),
        asset(meta)
    );
    let net = facts.net;
    let label = amount_label(net);
    let amount = lead_amount(story);
    let first_year = story.series.first_week.start().year();
    let since = facts.since_same_side;
    let with_week_before = |opening: String| -> (String, bool) {
        match week_before_clause(story) {
            Some(clause) => (format!("{opening}{label}は{amount}で、{clause}。"), true),
            None => (format!("{opening}{label}は{amount}だった。"), false),
        }
    };
    match story.lead {
        Lead::NoTransactions { ended } => (
            format!(
                "{subject}取引の報告がなく、取得・処分とも{}だった。{}",
                yen::amount(meta.unit, Amount(0)),
                snapped_sentence(ended)
            ),
            false,
        ),
        Lead::Balanced { ended } => {
            let gross = facts.gross.map(|g| g.bought + g.sold).unwrap_or_default();
            let leaving = if net.0 == 0 {
                "差し引きゼロだった".to_string()
            } else {
                format!("差し引き{amount}の{}だった", side_noun(net))
            };
            (
                format!(
                    "{subject}取得と処分がほぼ均衡し、{leaving}。売買の合計は{}。{}",
                    yen::amount(meta.unit, gross),
                    snapped_sentence(ended)
                ),
                false,
            )
        }
        Lead::Even { ended } => (
            format!(
                "{subject}取得と処分が同額で、差し引きゼロだった。{}",
                snapped_sentence(ended)
            ),
            false,
        ),
        Lead::Record { run } => (
            format!(
                "{subject}{}だった。{label}は{amount}と、統計を遡れる{first_year}年以降で過去最大となった。{}",
                run_phrase(run, since, net),
                snapped_of(run)
            ),
            false,
        ),
        Lead::LargestSince { week, run } => (
            format!(
                "{subject}{}だった。{label}は{amount}と、{}以来の大きさとなった。{}",
                run_phrase(run, since, net),
                part_of_month_since(week.end(), facts.week.end()),
                snapped_of(run)
            ),
            false,
        ),
        Lead::Streak { weeks } => {
            // Japanese wire copy words a run the same way every week.
            with_week_before(format!("{subject}{weeks}週連続の{}だった。", side_noun(net)))
        }
        Lead::Flip { from } => {
            let opening = match since {
                Some(n) => format!("{subject}{n}週ぶりの{}だった。", side_noun(net)),
                None => format!("{subject}{}に転じた。", side_noun(net)),
            };
            let (text, stated) = with_week_before(opening);
            (format!("{text}{}", snapped_sentence(Some(from))), stated)
        }
        Lead::Plain => with_week_before(format!("{subject}{}だった。", side_noun(net))),
    }
}

/// The snapped-run sentence of a record or "largest since" that ended a run.
fn snapped_of(run: RunAngle) -> String {
    match run {
        RunAngle::Flip(from) => snapped_sentence(Some(from)),
        _ => String::new(),
    }
}

/// How a year-to-date total compares with the same weeks of the year
/// before: 「前年同期（7161億円の買い越し）を大きく上回る」.
fn ytd_comparison(unit: Unit, total: Amount, compared: &crate::series::YtdComparison) -> Option<String> {
    let against = compared.against;
    let period = if against.closes_year {
        format!("{}年通年", against.year)
    } else {
        "前年同期".to_string()
    };
    let before = format!("{period}（{}）", net_with_side(unit, against.total));
    if against.total == total {
        return Some(format!("{before}と同額"));
    }
    let words = match compared.ratio {
        Ratio::NoBasis if against.total.0 == 0 => return Some(format!("{period}は差し引きゼロだった")),
        Ratio::NoBasis => return None,
        Ratio::Opposite => return Some(format!("{before}から{}に転じている", side_noun(total))),
        Ratio::FarAbove => "を大きく上回る",
        Ratio::MoreThanDouble => "の2倍を超える",
        Ratio::Above => "を上回る",
        Ratio::Similar => "とほぼ同じ水準",
        Ratio::Below => "を下回る",
        Ratio::LessThanHalf => "の半分に満たない",
        Ratio::FarBelow => "を大きく下回る",
    };
    Some(format!("{before}{words}"))
}

/// A comparison of a year that has closed, in the past: 「上回った」.
fn closed(comparison: &str) -> String {
    comparison
        .replace("上回る", "上回った")
        .replace("下回る", "下回った")
        .replace("超える", "超えた")
        .replace("満たない", "満たなかった")
        .replace("転じている", "転じた")
}

/// The year-to-date sentences of the lead series.
fn ytd_sentences(story: &Story<'_>) -> Option<String> {
    let facts = story.facts();
    let ytd = facts.ytd?;
    let unit = story.meta().unit;
    let total = ytd.total;
    let comparison = facts
        .ytd_compared
        .filter(|_| total.0 != 0)
        .and_then(|c| ytd_comparison(unit, total, &c));
    let standing = match facts.ytd_standing {
        YtdStanding::None => String::new(),
        YtdStanding::Record { first_year } if ytd.closes_year => {
            format!("年間の{}としては{first_year}年以降で最大。", side_noun(total))
        }
        YtdStanding::Record { first_year } => {
            format!("同時期の{}としては{first_year}年以降で最大となる。", side_noun(total))
        }
        YtdStanding::MostSince { year, .. } if ytd.closes_year => {
            format!("年間の{}としては{year}年以来の大きさ。", side_noun(total))
        }
        YtdStanding::MostSince { year, .. } => {
            format!("同時期の{}としては{year}年以来の大きさとなる。", side_noun(total))
        }
    };
    if ytd.closes_year {
        let tail = comparison.map(|c| format!("で、{}", closed(&c))).unwrap_or_default();
        return Some(format!(
            "{}年通年では{}{}。{standing}",
            ytd.year,
            net_with_side(unit, total),
            if tail.is_empty() { "だった".to_string() } else { tail }
        ));
    }
    if ytd.weeks == 1 {
        return Some(match facts.ytd_compared {
            Some(c) if c.against.total.0 != 0 => format!(
                "{}年の集計では最初の週にあたる。前年の最初の週は{}だった。",
                ytd.year,
                net_with_side(unit, c.against.total)
            ),
            _ => format!("{}年の集計では最初の週にあたる。", ytd.year),
        });
    }
    if total.0 == 0 {
        return Some("年初からの累計では買いと売りが相殺し、差し引きゼロとなっている。".to_string());
    }
    Some(match comparison {
        Some(c) => format!("年初からの累計は{}で、{c}。{standing}", net_with_side(unit, total)),
        None => format!("年初からの累計は{}。{standing}", net_with_side(unit, total)),
    })
}

/// 「取得（買い）は42兆5900億円、処分（売り）は41兆5100億円だった。」
fn gross_sentence(story: &Story<'_>) -> Option<String> {
    let facts = story.facts();
    let gross = facts.gross.filter(|_| facts.activity == Activity::Net)?;
    let unit = story.meta().unit;
    Some(format!(
        "取得（買い）は{}、処分（売り）は{}だった。",
        yen::amount(unit, gross.bought),
        yen::amount(unit, gross.sold)
    ))
}

/// 「前週分は5月28日公表の改定で…」.
fn revision_sentence(unit: Unit, revision: &crate::series::Revision) -> String {
    format!(
        "前週分は{}公表分で{}に改定された（改定前は{}）。",
        yen::date(revision.to_version),
        net_with_side(unit, revision.new),
        net_with_side(unit, revision.old)
    )
}

/// A paragraph on another series of the lead's actor (bonds, bills), or of
/// another actor: its week, its run or size, the week before and its year
/// to date.
fn other_paragraph(story: &Story<'_>, same_actor: bool) -> String {
    let facts = story.facts();
    let meta = story.meta();
    let unit = meta.unit;
    let net = facts.net;
    let topic = if same_actor {
        format!("{}は", class_name(meta))
    } else {
        format!("{}は{}を", actor(meta), asset(meta))
    };
    let mut sentences = Vec::new();
    match facts.activity {
        Activity::NoTransactions => sentences.push(format!("{}は取引の報告がなかった。", class_name(meta))),
        Activity::RoughlyBalanced => sentences.push(format!(
            "{}は取得と処分がほぼ均衡し、差し引き{}だった。",
            class_name(meta),
            net_with_side(unit, net)
        )),
        Activity::Net if net.0 == 0 => sentences.push(format!("{}は差し引きゼロだった。", class_name(meta))),
        Activity::Net => {
            sentences.push(if same_actor {
                format!("{topic}{}の{}だった。", yen::amount(unit, net), side_noun(net))
            } else {
                format!("{topic}{}{}。", yen::amount(unit, net), side_verb(net))
            });
            let run = match (facts.streak.weeks, facts.ended) {
                (n, _) if n >= 2 => format!("{}は{n}週連続。", side_noun(net)),
                (_, Some(_)) => facts
                    .since_same_side
                    .map(|n| format!("{}は{n}週ぶり。", side_noun(net)))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            sentences.push(run);
            sentences.push(match facts.extreme {
                Extreme::Record => format!(
                    "統計を遡れる{}年以降で過去最大となった。",
                    story.series.first_week.start().year()
                ),
                Extreme::LargestSince { week, .. } => format!(
                    "{}以来の大きさとなった。",
                    part_of_month_since(week.end(), facts.week.end())
                ),
                Extreme::None => String::new(),
            });
            if let Some(clause) = week_before_clause(story) {
                sentences.push(format!("{clause}。"));
            }
            sentences.push(snapped_sentence(facts.ended));
        }
    }
    if let Some(ytd) = facts.ytd.filter(|y| y.total.0 != 0 && (y.weeks > 1 || y.closes_year)) {
        let comparison = facts
            .ytd_compared
            .and_then(|c| ytd_comparison(unit, ytd.total, &c))
            .map(|c| format!("で、{c}"))
            .unwrap_or_default();
        sentences.push(if ytd.closes_year {
            format!(
                "{}年通年では{}{}。",
                ytd.year,
                net_with_side(unit, ytd.total),
                closed(&comparison)
            )
        } else {
            format!("年初からの累計は{}{comparison}。", net_with_side(unit, ytd.total))
        });
    }
    sentences.concat()
}

/// The paragraph on residents' stocks and bonds abroad: 「国内投資家による
/// 海外の株式・中長期債への投資は、株式が…、中長期債が…だった。」
fn abroad_paragraph(stories: &[Story<'_>]) -> Option<String> {
    let first = stories.first()?;
    let classes: Vec<&str> = stories.iter().map(|s| class_name(s.meta())).collect();
    let each: Vec<String> = stories
        .iter()
        .map(|story| {
            let facts = story.facts();
            let name = class_name(story.meta());
            let unit = story.meta().unit;
            match facts.activity {
                Activity::NoTransactions => format!("{name}は取引の報告がなく"),
                _ if facts.net.0 == 0 => format!("{name}が差し引きゼロ"),
                Activity::RoughlyBalanced => {
                    format!("{name}が売買ほぼ均衡（差し引き{}）", net_with_side(unit, facts.net))
                }
                Activity::Net => format!("{name}が{}", net_with_side(unit, facts.net)),
            }
        })
        .collect();
    let mut text = format!(
        "{}による海外の{}への投資は、{}だった。",
        actor(first.meta()),
        classes.join("・"),
        each.join("、")
    );
    let runs: Vec<String> = stories
        .iter()
        .filter(|story| story.facts().activity == Activity::Net && story.facts().net.0 != 0)
        .filter_map(|story| {
            let facts = story.facts();
            let name = class_name(story.meta());
            let noun = side_noun(facts.net);
            match (facts.streak.weeks, facts.ended) {
                (n, _) if n >= 2 => Some(format!("{name}は{n}週連続の{noun}")),
                (_, Some(_)) => facts.since_same_side.map(|n| format!("{name}は{n}週ぶりの{noun}")),
                _ => None,
            }
        })
        .collect();
    if !runs.is_empty() {
        text.push_str(&format!("{}となった。", runs.join("、")));
    }
    let totals: Vec<String> = stories
        .iter()
        .filter_map(|story| {
            let ytd = story.facts().ytd.filter(|y| y.weeks > 1 || y.closes_year)?;
            Some(format!(
                "{}が{}",
                class_name(story.meta()),
                net_with_side(story.meta().unit, ytd.total)
            ))
        })
        .collect();
    let closing = stories
        .iter()
        .find_map(|story| story.facts().ytd.filter(|y| y.closes_year).map(|y| y.year));
    if !totals.is_empty() {
        match closing {
            Some(year) => text.push_str(&format!("{year}年通年では{}。", totals.join("、"))),
            None => text.push_str(&format!("年初からの累計は{}。", totals.join("、"))),
        }
    }
    Some(text)
}

impl Phrasebook for Japanese {
    fn headline(&self, brief: &Brief<'_>) -> String {
        let story = &brief.lead;
        let facts = story.facts();
        let meta = story.meta();
        let (who, what) = (actor(meta), asset(meta));
        let net = facts.net;
        let x = yen::amount(meta.unit, net);
        let side = side_noun(net);
        let since = facts.since_same_side;
        match story.lead {
            Lead::NoTransactions { .. } => {
                format!("{who}の{what}取引、{}は報告なし", yen::week_in_text(facts.week))
            }
            Lead::Balanced { .. } | Lead::Even { .. } if net.0 == 0 => {
                format!("{who}の{what}売買、差し引きゼロ")
            }
            Lead::Balanced { .. } => format!("{who}の{what}売買ほぼ均衡　差し引き{x}の{side}"),
            Lead::Even { .. } => format!("{who}の{what}売買、差し引きゼロ"),
            Lead::Record { run } => {
                let prefix = run_prefix(run, since);
                if prefix.is_empty() {
                    format!("{who}、{what}を過去最大の{side}　{x}")
                } else {
                    format!("{who}、{what}を過去最大の{side}　{x}、{prefix}")
                }
            }
            Lead::LargestSince { week, run } => format!(
                "{who}、{what}を{}{side}　{x}、{}以来の大きさ",
                run_prefix(run, since),
                part_of_month_since(week.end(), facts.week.end())
            ),
            Lead::Streak { weeks } => format!("{who}、{what}を{weeks}週連続{side}　{x}"),
            Lead::Flip { .. } => match since {
                Some(n) => format!("{who}、{what}を{n}週ぶり{side}　{x}"),
                None => format!("{who}、{what}を{side}に転換　{x}"),
            },
            Lead::Plain => format!("{who}、{what}を{side}　{x}"),
        }
    }

    fn standfirst(&self, brief: &Brief<'_>) -> String {
        lede(brief).0
    }

    fn dateline(&self, week: Week) -> String {
        yen::week_range(week)
    }

    fn body(&self, brief: &Brief<'_>) -> Vec<String> {
        let story = &brief.lead;
        let (_, stated) = lede(brief);
        let mut first = String::new();
        if !stated
            && story.facts().activity == Activity::Net
            && story.facts().net.0 != 0
            && let Some(clause) = week_before_clause(story)
        {
            // 「売越額は前週（…）から増えた」, but 「前週は…の買い越しだった」 alone.
            if clause.starts_with("前週は") {
                first.push_str(&format!("{clause}。"));
            } else {
                first.push_str(&format!("{}は{clause}。", amount_label(story.facts().net)));
            }
        }
        if story.facts().prior.is_none() {
            first.push_str("データはこの週から始まるため、前週との比較はできない。");
        }
        first.push_str(&ytd_sentences(story).unwrap_or_default());
        let mut second = gross_sentence(story).unwrap_or_default();
        if let Some(revision) = brief.prior_revision {
            second.push_str(&revision_sentence(story.meta().unit, revision));
        }
        [first, second].into_iter().filter(|p| !p.is_empty()).collect()
    }

    fn others_heading(&self, brief: &Brief<'_>) -> String {
        let home: Vec<&Story<'_>> = brief.others.iter().chain(&brief.bills).collect();
        let debt = !home.is_empty()
            && home.iter().all(|s| {
                matches!(
                    s.meta().asset_class,
                    AssetClass::LongTermDebt | AssetClass::ShortTermDebt
                )
            });
        let others = match (home.is_empty(), debt) {
            (true, _) => None,
            (false, true) => Some("債券"),
            (false, false) => Some("その他の対内証券投資"),
        };
        match (others, brief.abroad.is_empty()) {
            (Some(others), false) => format!("{others}と対外証券投資"),
            (Some(others), true) => others.to_string(),
            (None, false) => "対外証券投資".to_string(),
            (None, true) => String::new(),
        }
    }

    fn others(&self, brief: &Brief<'_>) -> Vec<String> {
        let lead_direction = brief.lead.meta().direction;
        let mut paragraphs: Vec<String> = brief
            .others
            .iter()
            .chain(&brief.bills)
            .map(|story| other_paragraph(story, story.meta().direction == lead_direction))
            .collect();
        paragraphs.extend(abroad_paragraph(&brief.abroad));
        paragraphs
    }

    fn notes(&self, brief: &Brief<'_>) -> Vec<String> {
        brief
            .notes
            .iter()
            .map(|note| match note {
                Note::Reclassified(found) => self.break_note(*found),
                Note::Revised(release) => format!("計数は{}公表分による改定値。", yen::date(*release)),
            })
            .collect()
    }

    fn break_note(&self, found: SeriesBreak) -> String {
        match found.cause {
            BreakCause::InvestmentTrustsToEquity => format!(
                "{}年{}月以降の株式と中長期債の計数は、それ以前と直接比較できない。同月から契約型投資信託を中長期債ではなく株式・投資ファンド持分に計上している。",
                found.from.year(),
                found.from.month()
            ),
        }
    }

    fn rate_line(&self, brief: &Brief<'_>) -> Option<String> {
        let note = brief.rate?;
        let hundredths = note.rate.yen_per_dollar_hundredths();
        Some(format!(
            "（ドル換算は1ドル＝{}.{:02}円、{}の{}の参照レートによる）",
            hundredths / 100,
            hundredths % 100,
            publisher_name(note.publisher),
            yen::date(note.rate.rate_day)
        ))
    }

    fn net_clause(&self, meta: &SeriesMeta, net: Amount) -> String {
        match net.0.signum() {
            0 => format!("{}の{}売買は差し引きゼロだった", actor(meta), asset(meta)),
            _ => format!(
                "{}は{}を{}{}",
                actor(meta),
                asset(meta),
                yen::amount(meta.unit, net),
                side_verb(net)
            ),
        }
    }

    fn streak_description(&self, streak: Streak) -> String {
        match (streak.side, streak.weeks) {
            (Side::Flat, _) => "差し引きゼロの週".to_string(),
            (side, 1) => streak_noun(side).to_string(),
            (side, n) => format!("{n}週連続の{}", streak_noun(side)),
        }
    }

    fn week_summary(&self, meta: &SeriesMeta, facts: &crate::series::WeekFacts, data_start: NaiveDate) -> Vec<String> {
        week_summary(meta, facts, data_start)
    }

    fn card_fact(&self, meta: &SeriesMeta, facts: &crate::series::WeekFacts) -> String {
        let amount = yen::signed_amount(meta.unit, facts.net);
        match facts.streak.side {
            Side::Flat => format!("{amount}・売買ほぼ均衡"),
            _ => format!("{amount}・{}", self.streak_description(facts.streak)),
        }
    }

    fn card_month_fact(&self, meta: &SeriesMeta, net: Amount, month: NaiveDate) -> String {
        format!("{}（{}）", yen::signed_amount(meta.unit, net), yen::month(month))
    }

    fn card_figure(&self, brief: &Brief<'_>) -> String {
        let facts = brief.lead.facts();
        let amount = yen::signed_amount(brief.lead.meta().unit, facts.net);
        let run = run_phrase(run_of(brief.lead.lead), facts.since_same_side, facts.net);
        match brief.lead.lead {
            Lead::NoTransactions { .. } => "取引の報告なし".to_string(),
            Lead::Balanced { .. } | Lead::Even { .. } => format!("{amount}・売買ほぼ均衡"),
            Lead::Record { .. } => format!("{amount}・過去最大の{}", side_noun(facts.net)),
            _ => format!("{amount}・{run}"),
        }
    }
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
    let (lede, _) = lede(&brief);
    let mut sentences = vec![lede];
    sentences.extend(JAPANESE.body(&brief).into_iter().take(1));
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_gives_the_part_of_the_month_and_the_year_only_when_another() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(part_of_month_since(day(2026, 3, 28), day(2026, 5, 30)), "3月下旬");
        assert_eq!(
            part_of_month_since(day(2025, 10, 4), day(2026, 5, 23)),
            "2025年10月上旬"
        );
        assert_eq!(part_of_month_since(day(2026, 6, 13), day(2026, 9, 12)), "6月中旬");
    }

    #[test]
    fn runs_are_renzoku_and_flips_are_buri() {
        let buying = |weeks| Streak {
            side: Side::Buying,
            weeks,
        };
        assert_eq!(run_phrase(RunAngle::Streak(8), Some(1), Amount(5)), "8週連続の買い越し");
        assert_eq!(
            run_phrase(RunAngle::Flip(buying(3)), Some(4), Amount(-5)),
            "4週ぶりの売り越し"
        );
        assert_eq!(run_phrase(RunAngle::None, None, Amount(-5)), "売り越し");
        assert_eq!(
            snapped_sentence(Some(buying(8))),
            "前週まで8週続いていた買い越しは途切れた。"
        );
        assert_eq!(snapped_sentence(Some(buying(2))), "");
        assert_eq!(publisher_name("Ministry of Finance, Japan"), "財務省");
        assert_eq!(JAPANESE.streak_description(buying(3)), "3週連続の買い越し");
    }
}
