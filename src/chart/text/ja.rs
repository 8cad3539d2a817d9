//! Every word a chart says in the Japanese edition: 兆円 ticks
//! (「2兆円」「−2兆円」), 「2025年6月」 month ticks, Japanese titles and
//! subtitles, and the source line 「出所：財務省「対外及び対内証券売買契約等
//! の状況」」. Labels on a chart may round (「+1.08兆円」), as a chart's
//! scale does; descriptions and tooltips, which a reader may quote, are
//! exact (「1兆794億円の買い越し」). Widths of these labels are measured as
//! full-width glyphs (`measure`), so the placer keeps them apart.

use super::{ChartWords, WeeklyNews, YtdNews};
use crate::model::{Amount, Month, SeriesMeta, Unit, Week};
use crate::money::ja as yen;
use crate::money::{AxisScale, MINUS};
use crate::series::{Side, Streak, YearToDate};
use crate::validate::Annotation;
use chrono::{Datelike, NaiveDate};

/// The Japanese chart words.
pub static JAPANESE: Japanese = Japanese;

/// Charts in Japanese.
#[derive(Debug, Clone, Copy, Default)]
pub struct Japanese;

/// 「買い越し」 / 「売り越し」.
fn side(net: Amount) -> &'static str {
    if net.0 < 0 { "売り越し" } else { "買い越し" }
}

/// 「1兆794億円の買い越し」, exact; 「差し引きゼロ」 for zero.
fn exact(unit: Unit, net: Amount) -> String {
    if net.0 == 0 {
        "差し引きゼロ".to_string()
    } else {
        format!("{}の{}", yen::amount(unit, net), side(net))
    }
}

/// A short signed amount for a label: 「+1.08兆円」, 「−4915億円」; exact
/// below 1兆円, two decimals of 兆 above.
pub fn compact(unit: Unit, net: Amount) -> String {
    let sign = match net.0.signum() {
        1 => "+",
        -1 => MINUS,
        _ => "",
    };
    let abs = net.0.unsigned_abs();
    let body = match unit {
        Unit::Oku if abs >= 10_000 => {
            let hundredths = (abs * 100 + 5_000) / 10_000;
            format!("{}.{:02}兆円", hundredths / 100, hundredths % 100)
        }
        Unit::Oku => format!("{abs}億円"),
        Unit::MillionUsd if abs >= 100 => {
            let tenths = (abs * 10 + 50) / 100;
            format!("{}.{}億ドル", tenths / 10, tenths % 10)
        }
        Unit::MillionUsd => format!("{}万ドル", abs * 100),
    };
    format!("{sign}{body}")
}

/// 「出所：財務省「対外及び対内証券売買契約等の状況」」, or the publisher's name.
pub fn source_line(publisher: &str) -> String {
    if publisher == "財務省" || publisher.starts_with("Ministry of Finance") {
        "出所：財務省「対外及び対内証券売買契約等の状況」".to_string()
    } else {
        format!("出所：{publisher}")
    }
}

fn month_name(month: Month) -> String {
    yen::month(month.first_day())
}

impl ChartWords for Japanese {
    fn language(&self) -> &'static str {
        "ja"
    }

    fn weekly_title(&self, meta: &SeriesMeta) -> String {
        format!("{}の週次売買", meta.asset)
    }

    fn weekly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, through: Week) -> String {
        format!(
            "{}の差し引き（単位：{}）、{}までの{shown}週。青は買い越し、オレンジは売り越し",
            meta.actor,
            yen::axis_unit(scale),
            yen::date(through.end())
        )
    }

    fn ytd_title(&self, meta: &SeriesMeta) -> String {
        format!("{}の年初からの累計", meta.asset)
    }

    fn ytd_subtitle(
        &self,
        meta: &SeriesMeta,
        scale: AxisScale,
        current: i32,
        previous: Option<i32>,
        through: Week,
    ) -> String {
        let reference = previous.map(|year| format!("、{year}年は比較用")).unwrap_or_default();
        format!(
            "{}の各年初からの差し引き累計（単位：{}）、{}まで。青は{current}年{reference}",
            meta.actor,
            yen::axis_unit(scale),
            yen::date(through.end())
        )
    }

    fn monthly_title(&self, meta: &SeriesMeta) -> String {
        format!("{}の月次売買", meta.asset)
    }

    fn monthly_subtitle(&self, meta: &SeriesMeta, scale: AxisScale, shown: usize, latest: Month) -> String {
        format!(
            "{}の差し引き（単位：{}）、{}までの{shown}カ月。青は買い越し、オレンジは売り越し",
            meta.actor,
            yen::axis_unit(scale),
            month_name(latest)
        )
    }

    fn source_line(&self, publisher: &str) -> String {
        source_line(publisher)
    }

    fn y_tick(&self, scale: AxisScale, value: Amount, _with_unit: bool) -> String {
        // Every tick carries its unit, as Japanese charts label them.
        yen::tick_label(scale, value)
    }

    fn month_tick(&self, month: NaiveDate, with_year: bool) -> String {
        if with_year {
            format!("{}年{}月", month.year(), month.month())
        } else {
            format!("{}月", month.month())
        }
    }

    fn week_tooltip(&self, unit: Unit, week: Week, net: Amount) -> String {
        format!("{}：{}", yen::week_range(week), exact(unit, net))
    }

    fn month_tooltip(&self, unit: Unit, month: Month, net: Amount, summed_weeks: Option<u32>) -> String {
        let summed = summed_weeks.map(|w| format!("（{w}週）")).unwrap_or_default();
        format!("{}：{}{summed}", month_name(month), exact(unit, net))
    }

    fn year_line_tooltip(&self, unit: Unit, last: YearToDate, through: Option<Week>) -> String {
        match through {
            Some(week) => format!(
                "{}年：{}（{}までの{}週）",
                last.year,
                exact(unit, last.total),
                yen::date(week.end()),
                last.weeks
            ),
            None => format!("{}年：年間で{}", last.year, exact(unit, last.total)),
        }
    }

    fn record_label(&self, unit: Unit, net: Amount) -> String {
        format!("過去最大の{}、{}", side(net), compact(unit, net))
    }

    fn last_larger_label(&self, unit: Unit, net: Amount) -> String {
        format!("前回これを上回った{}、{}", side(net), compact(unit, net))
    }

    fn latest_label(&self, unit: Unit, net: Amount) -> String {
        compact(unit, net)
    }

    fn streak_label(&self, streak: Streak) -> String {
        let noun = if streak.side == Side::Selling {
            "売り越し"
        } else {
            "買い越し"
        };
        format!("{}週連続の{noun}", streak.weeks)
    }

    fn year_end_label(&self, unit: Unit, total: YearToDate) -> [String; 2] {
        [format!("{}年", total.year), compact(unit, total.total)]
    }

    fn grey_lines_key(&self, first: i32, last: i32) -> String {
        if first == last {
            format!("灰色の線は{first}年")
        } else {
            format!("灰色の線は各年（{first}～{last}年）")
        }
    }

    fn annotation_label(&self, annotation: &Annotation) -> String {
        annotation.label.clone()
    }

    fn annotation_key(&self, annotation: &Annotation) -> String {
        format!("{}（{}）", annotation.label, yen::date(annotation.date))
    }

    fn weekly_description(
        &self,
        meta: &SeriesMeta,
        shown: &[(Week, Amount)],
        news: &WeeklyNews,
        _annotations: &[Annotation],
    ) -> String {
        let Some(&(latest_week, latest_net)) = shown.last() else {
            return String::new();
        };
        let unit = meta.unit;
        let buying = shown.iter().filter(|(_, net)| net.0 > 0).count();
        let selling = shown.iter().filter(|(_, net)| net.0 < 0).count();
        let mut text = format!(
            "{}による{}の週ごとの差し引きを、{}までの{}週について棒グラフで示す。ゼロの線より上は買い越し、下は売り越し。買い越しは{buying}週、売り越しは{selling}週。最新の{}は{}。",
            meta.actor,
            meta.asset,
            yen::date(latest_week.end()),
            shown.len(),
            yen::week_range(latest_week),
            exact(unit, latest_net)
        );
        for &(week, net) in &news.records {
            text.push_str(&format!(
                "{}の{}はデータ内で最大。",
                yen::week_range(week),
                exact(unit, net)
            ));
        }
        if let Some((week, net)) = news.last_larger {
            text.push_str(&format!(
                "最新週の{}は、{}（{}）以来の大きさ。",
                side(latest_net),
                yen::week_range(week),
                yen::amount(unit, net)
            ));
        }
        if let Some(streak) = news.streak {
            text.push_str(&format!("最新週で{}となった。", self.streak_label(streak)));
        }
        text
    }

    fn ytd_description(&self, meta: &SeriesMeta, news: &YtdNews, _annotations: &[Annotation]) -> String {
        let unit = meta.unit;
        let current = news.current;
        let years = if news.first_year == current.year {
            format!("{}年", current.year)
        } else {
            format!("{}～{}年の各年", news.first_year, current.year)
        };
        let mut text = format!(
            "{}による{}の年初からの差し引き累計を、{years}について週ごとに線で示し、{}年を強調している。{}年は第{}週（{}）までで{}。",
            meta.actor,
            meta.asset,
            current.year,
            current.year,
            current.weeks,
            yen::date(news.through.end()),
            exact(unit, current.total)
        );
        if let Some(same) = news.same_point_last_year {
            text.push_str(&format!("{}年の同じ時点では{}。", same.year, exact(unit, same.total)));
        }
        if let Some(end) = news.last_year_end {
            text.push_str(&format!("{}年は通年で{}。", end.year, exact(unit, end.total)));
        }
        if let Some((top, bottom)) = news.extremes {
            text.push_str(&format!(
                "それ以前の年では{}年が最も多く{}、{}年が最も少なく{}。",
                top.year,
                exact(unit, top.total),
                bottom.year,
                exact(unit, bottom.total)
            ));
        }
        text
    }

    fn ytd_nothing_to_show(&self, meta: &SeriesMeta, week: Week, net: Amount, total: Option<YearToDate>) -> String {
        let week_text = format!(
            "{}の{}による{}への投資は{}。",
            yen::week_range(week),
            meta.actor,
            meta.asset,
            exact(meta.unit, net)
        );
        match total {
            Some(total) => format!(
                "年初からの累計の線はまだない：データでは{}年がまだ{}週しかない。{week_text}",
                total.year, total.weeks
            ),
            None => format!(
                "年初からの累計の線はまだない：データは{}年の途中から始まり、累計はその年の最初の週から揃う年についてだけ示す。{week_text}",
                week.ytd_year()
            ),
        }
    }

    fn monthly_description(&self, meta: &SeriesMeta, shown: &[(Month, Amount)]) -> String {
        let Some(&(latest, latest_net)) = shown.last() else {
            return String::new();
        };
        let buying = shown.iter().filter(|(_, net)| net.0 > 0).count();
        let selling = shown.iter().filter(|(_, net)| net.0 < 0).count();
        format!(
            "{}による{}の月ごとの差し引きを、{}までの{}カ月について棒グラフで示す。買い越しは{buying}カ月、売り越しは{selling}カ月。{}は{}。",
            meta.actor,
            meta.asset,
            month_name(latest),
            shown.len(),
            month_name(latest),
            exact(meta.unit, latest_net)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compact_and_ticks_carry_cho_en() {
        assert_eq!(compact(Unit::Oku, Amount(-44_481)), "\u{2212}4.45兆円");
        assert_eq!(compact(Unit::Oku, Amount(-4_915)), "\u{2212}4915億円");
        assert_eq!(compact(Unit::Oku, Amount(10_794)), "+1.08兆円");
        let scale = AxisScale::for_largest(Unit::Oku, Amount(40_000));
        assert_eq!(JAPANESE.y_tick(scale, Amount(-20_000), false), "\u{2212}2兆円");
        assert_eq!(JAPANESE.y_tick(scale, Amount(20_000), true), "2兆円");
        assert_eq!(
            source_line("財務省"),
            "出所：財務省「対外及び対内証券売買契約等の状況」"
        );
        let june = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        assert_eq!(JAPANESE.month_tick(june, true), "2025年6月");
        assert_eq!(JAPANESE.month_tick(june, false), "6月");
    }
}
