//! The Japanese edition's chrome: the same places as the English one,
//! worded as Japanese financial sites word them (「最新」「週報」「系列」),
//! with the Japanese formats of `money::ja` (exact 兆/億, ▲ in tables under
//! one unit, 「2026年5月17～23日」).

use super::{Chrome, FigureTableWords};
use crate::model::{Cadence, Unit};
use crate::money::ja as yen;
use crate::page::methodology::{MethodologyFacts, MethodologySection};
use crate::page::routes::Section;
use crate::prose::Phrasebook;
use maud::html;

/// 「（単位：億円）」 after a column's name: each column states its unit.
fn with_unit(name: &str, unit: Unit) -> String {
    format!("{name}（単位：{}）", yen::table_unit(unit))
}

/// The Japanese edition's chrome.
pub static JAPANESE: Chrome = Chrome {
    lang: "ja",
    sentence_gap: "",
    full_stop: "。",
    figure_table: FigureTableWords {
        summary: "グラフの計数（表）",
        weekly_caption: "週ごとの差し引き、新しい順。プラスは買い越し、▲は売り越し。",
        net_header: |unit| with_unit("差し引き", unit),
        notes_header: "グラフ上の注記",
        ytd_caption: |through| {
            format!(
                "年ごとの年初からの累計（{}時点）。プラスは買い越し、▲は売り越し。",
                yen::date(through.end())
            )
        },
        year_header: "年",
        same_week_header: |unit, week| with_unit(&format!("第{week}週まで"), unit),
        year_total_header: |unit| with_unit("最新の累計", unit),
        weeks_header: "週数",
    },

    long_date: yen::date,
    short_date: yen::date,
    week_range: yen::week_range,
    month_name: yen::month,
    signed_amount: yen::signed_amount,
    table_amount: yen::table_amount,

    skip_link: "本文へ移動",
    nav_label: "サイト",
    section_name: |section| match section {
        Section::Latest => "最新",
        Section::Briefs => "週報",
        Section::Series => "系列",
        Section::Commentary => "解説",
        Section::Revisions => "改定",
        Section::Methodology => "計数について",
        Section::Other => "",
    },
    full_title: |page, site| format!("{page}｜{site}"),
    feed_title: |site| format!("{site}：週報と解説"),
    source_note: |source, date| {
        html! {
            "出所：" (source.publisher) "「" (source.title) "」（" (date(source.version)) "公表分）。"
        }
    },
    sign_note: "計数は公表値。プラスは買い越し、マイナス（表では▲）は売り越し。",
    unit_note: |unit| match unit {
        Unit::Oku => "円建ての計数は億円単位で公表され、本文では兆・億で端数を丸めずに示し、表は億円単位で示す。",
        Unit::MillionUsd => {
            "ドル建ての計数は百万ドル単位で公表され、本文では億・万ドルで示し、表は百万ドル単位で示す。"
        }
    },
    methodology_link: "計数の作り方",
    built_with: "flowsiteで作成。",
    breadcrumbs_label: "パンくずリスト",

    series_header: "系列",
    week_header: "週",
    month_header: "月",
    net_header: |unit| with_unit("差し引き", unit),
    ytd_header: |unit| with_unit("年初からの累計", unit),
    change_header: |unit| with_unit("前週比", unit),
    bought_header: |unit| with_unit("取得", unit),
    sold_header: |unit| with_unit("処分", unit),
    not_available: "—",
    download_label: "データのダウンロード：",

    updated_line: |updated, next| match next {
        Some(next) => format!("{}更新・次回公表予定は{}", yen::date(updated), yen::date(next)),
        None => format!("{}更新", yen::date(updated)),
    },
    read_brief: "週報の全文を読む",
    all_briefs: "週報の一覧",
    series_link: |title| format!("すべての計数：{title}"),
    latest_table_heading: "全系列の最新週",
    latest_table_caption: |week| {
        format!(
            "{}の差し引き（ネット）と年初からの累計。プラスは買い越し、▲は売り越し。",
            yen::week_range(week)
        )
    },
    commentary_heading: "解説",
    no_commentary: "解説はまだありません。",
    all_commentary: |count| format!("解説の一覧（{count}本）"),
    about_site_heading: "このサイトについて",

    series_index_title: "全系列",
    series_index_intro: "証券の売買（差し引き）の公表値を週ごとに示す。各系列のページにグラフ、最近の週、データがある。",
    series_index_description: "このサイトの全系列と最新の計数。",
    weekly_series_heading: "週次の系列",
    monthly_series_heading: "月次の系列",
    in_week_to: |end| format!("（{}までの週）。", yen::date(end)),
    series_description: |title| format!("{title}：週次の計数、年初からの累計とグラフ。"),
    recent_weeks_heading: "最近の週",
    recent_weeks_caption: |weeks| {
        format!("直近{weeks}週、新しい順。差し引きは取得から処分を引いた額。プラスは買い越し、▲は売り越し。")
    },
    every_week_since: |start| format!("{}以降の全週：", yen::date(start)),
    about_series_heading: "この系列について",
    published_as: |meta, source, date| {
        html! {
            (source.publisher) "「" (source.title) "」の「" (meta.published_label) "」（" (date(source.version)) "公表分）。"
        }
    },
    week_rule: "週は日曜日から土曜日まで。年をまたぐ週は、報道の年初来累計と同じく月曜日の属する年に数える。",
    more_on_method: "計数の作り方",

    recent_months_heading: "最近の月",
    recent_months_caption: |months| format!("直近{months}カ月、新しい順。プラスは買い越し、▲は売り越し。"),
    weeks_summed_header: "合計した週の数",
    published_monthly: |source, date| {
        format!(
            "{}「{}」の月次公表値（{}公表分）。",
            source.publisher,
            source.title,
            date(source.version)
        )
    },
    summed_from: |link, source, date| {
        html! {
            "週次の系列" (link) "（" (source.publisher) "、" (date(source.version)) "公表分）を月ごとに合計した。"
            "月曜日がその月に属する週を合計し（年初来累計と同じ規則）、全週が公表された月だけを示す。"
        }
    },
    month_left_out: |month, weeks, present| {
        format!("{month}は{weeks}週すべてが公表されるまで示さない（現在{present}週）。")
    },
    month_standfirst: |meta, month, net| {
        if net.0 == 0 {
            format!(
                "{month}の{}による{}の売買は差し引きゼロだった。",
                meta.actor, meta.asset
            )
        } else {
            format!(
                "{month}の{}による{}への投資は{}の{}だった。",
                meta.actor,
                meta.asset,
                yen::amount(meta.unit, net),
                if net.0 < 0 { "売り越し" } else { "買い越し" }
            )
        }
    },
    monthly_description: |title| format!("{title}：月次の計数とグラフ。"),

    briefs_title: "週報",
    briefs_description: "すべての週報：最新のものと年ごとの一覧。",
    archive_intro: |meta| {
        format!(
            "データのある週ごとに1本の週報：{}による{}の売買と、その週のほかの資金の流れ。",
            meta.actor, meta.asset
        )
    },
    latest_briefs_heading: "最新の週報",
    by_year_heading: "年別",
    year_count: |count| format!("{count}週"),
    year_title: |year| format!("{year}年の週報"),
    year_intro: "週は月曜日の属する年に数える（年初来累計と同じ）。新しい順。",
    year_description: |year| format!("{year}年の週報。"),
    published_on: |date| format!("{}公表", yen::date(date)),
    updated_on: |date| format!("{}更新", yen::date(date)),
    week_figures_heading: "この週の計数",
    week_figures_caption: |week| {
        format!(
            "{}の差し引き（ネット）と年初からの累計。プラスは買い越し、▲は売り越し。",
            yen::week_range(week)
        )
    },
    other_weeks_label: "ほかの週",

    commentary_title: "解説",
    commentary_description: "週次の資金の流れについての編集部の解説、新しい順。",

    revisions_title: "改定",
    revisions_intro: "統計は公表のたびにファイル全体が差し替えられ、過去の週が予告なく改定されることがある。プロジェクト内の各公表分を一つ前と比べ、変わった差し引きの計数をすべてここに示す。",
    revisions_description: "後の公表で改定されたすべての計数。",
    releases_heading: "比較した公表分",
    release_item: |source, date| {
        format!(
            "{}「{}」：{}公表分",
            source.publisher,
            source.title,
            date(source.version)
        )
    },
    no_revisions: "改定された計数はない。プロジェクトには各データの公表分が一つしかないか、後の公表分で変わった計数がない。",
    release_heading: |to, from, count, date| format!("{}公表分と{}公表分の比較：{count}件の改定", date(to), date(from)),
    was_header: |unit| with_unit("改定前", unit),
    now_header: |unit| with_unit("改定後", unit),
    revision_header: |unit| with_unit("改定幅", unit),
    revisions_download: "改定されたすべての計数と元データのセル（CSV）",

    methodology_title: "計数の作り方",
    methodology_description: "週、年初からの累計、単位、改定と、このサイトのすべての計数の出所。",
    methodology_sections: japanese_methodology,

    not_found_title: "ページが見つかりません",
    not_found_text: "このアドレスのページはありません。移動したか、アドレスが間違っている可能性があります。",
    not_found_link: "最新の計数へ",
};

/// The Japanese methodology page, from the facts of the site's data.
fn japanese_methodology(facts: &MethodologyFacts, book: &dyn Phrasebook) -> Vec<MethodologySection> {
    let section = |heading: &str, paragraphs: Vec<String>| MethodologySection {
        heading: heading.to_string(),
        paragraphs,
    };
    let mut sources: Vec<String> = facts
        .sources
        .iter()
        .map(|source| {
            format!(
                "{}「{}」、{}公表分。",
                source.publisher,
                source.title,
                yen::date(source.version)
            )
        })
        .collect();
    sources.push("すべての計数は公表されたとおりに示し、編集や推計はしていない。".to_string());
    for source in &facts.sources {
        sources.push(match source.cadence {
            Some(Cadence::Weekly(day)) => format!(
                "{}は毎週{}に、その前の土曜日までの週の計数を公表する。週報の日付はその週を初めて公表した日で、トップページは前回の1週間後に次回の公表を見込む。",
                source.publisher,
                weekday_name(day)
            ),
            None => format!("{}の公表日程は不明のため、次回の公表日は示さない。", source.publisher),
        });
    }
    let mut sections = vec![
        section("計数", sources),
        section(
            "週",
            vec!["週は日曜日から土曜日までで、「2026年9月6～12日」のように日付で示す。ダウンロードには各週の初日と最終日がある。".to_string()],
        ),
        section(
            "年初からの累計",
            vec!["年初からの累計は、その年の週を足し合わせたもの。年をまたぐ週は、報道と同じく月曜日の属する年に数える（12月28日（日）～1月3日（土）の週は前の年の最終週）。データがその年の最初の週から揃う年についてだけ示す。".to_string()],
        ),
    ];
    let mut units = vec![if facts.has_gross {
        "差し引き（ネット）は取得から処分を引いた額。プラスは買い越し、マイナス（表では▲）は売り越し。".to_string()
    } else {
        "差し引き（ネット）は公表値のまま。プラスは買い越し、マイナス（表では▲）は売り越し。".to_string()
    }];
    units.extend(facts.units.iter().map(|unit| (JAPANESE.unit_note)(*unit).to_string()));
    if facts.dollar_rates.is_some() {
        units.push(format!(
            "円建ての計数は、各週の公表日（またはその前{}日以内の直近の営業日）の欧州中央銀行の参照レート（1ユーロあたりのドルと円）でドルにも換算して示す。レートのない週は円建てだけを示す。",
            crate::series::LOOK_BACK_DAYS
        ));
    }
    sections.push(section("単位", units));
    sections.push(section(
        "改定",
        vec!["公表のたびにファイル全体が差し替えられ、過去の週が予告なく改定されることがある。このサイトは最新の公表分の計数を示し、改定のページは後の公表分で変わったすべての計数を示す。週報は、引用する計数が改定されている場合にその旨を記す。".to_string()],
    ));
    if !facts.breaks.is_empty() {
        let notes = facts
            .breaks
            .iter()
            .map(|(found, titles)| format!("{}対象：{}。", book.break_note(*found), titles.join("、")))
            .collect();
        sections.push(section("系列の断層", notes));
    }
    let columns: Vec<String> = facts
        .units
        .iter()
        .map(|unit| format!("net_{}", unit.column_suffix()))
        .collect();
    let mut downloads = vec![format!(
        "各系列のページから全週のデータをCSVとJSONでダウンロードできる（英語版と同じファイル）。各行は公表値を列名の単位（{}）で示し、元ファイルのセル（source_file、source_line、source_column）を記す。",
        columns.join("、")
    )];
    if let Some(cell) = &facts.example_cell {
        downloads.push(format!(
            "たとえば週報が取り上げる系列の最新週は、{}の{}行{}列にある。",
            cell.path, cell.line, cell.column
        ));
    }
    downloads.push("改定のページも、改定されたすべての計数を元データのセルとともにCSVで示す。".to_string());
    sections.push(section("ダウンロードと元データのセル", downloads));
    sections
}

/// 「木曜日」.
fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "月曜日",
        chrono::Weekday::Tue => "火曜日",
        chrono::Weekday::Wed => "水曜日",
        chrono::Weekday::Thu => "木曜日",
        chrono::Weekday::Fri => "金曜日",
        chrono::Weekday::Sat => "土曜日",
        chrono::Weekday::Sun => "日曜日",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn tables_state_their_unit_and_dates_are_japanese() {
        assert_eq!((JAPANESE.net_header)(Unit::Oku), "差し引き（単位：億円）");
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).expect("date");
        assert_eq!(
            (JAPANESE.updated_line)(day(17), Some(day(24))),
            "2026年9月17日更新・次回公表予定は2026年9月24日"
        );
        assert_eq!(
            (JAPANESE.table_amount)(Unit::Oku, crate::model::Amount(-9_484)),
            "▲9,484"
        );
    }
}
