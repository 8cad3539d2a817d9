//! Japanese weekly briefs.
//!
//! Golden briefs of the sample site's Japanese edition (`ja/weeks/…`), one
//! per situation Japanese wire copy words differently, in
//! `tests/golden/briefs/ja/`: the article's text as a reader sees it,
//! charts and the figures table left out. `FLOWSITE_BLESS=1 cargo test
//! --test briefs_ja` rewrites them, to be read before committing. Each test
//! also asserts the sentence that makes its situation, so that a blessed
//! golden cannot hide a wrong one.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, article_text, repo_root, sample_site};

/// The sample site, built once for every test here.
fn sample() -> &'static Site {
    sample_site()
}

/// The Japanese brief's article as lines of text.
fn article_lines(week_end: &str) -> Vec<String> {
    let path = format!("ja/weeks/{week_end}/index.html");
    let html = String::from_utf8_lossy(&sample()[&path]).into_owned();
    let text = article_text(&html);
    text.replace("&amp;", "&")
        .lines()
        .map(|line| line.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Compares a Japanese brief with its golden text (or rewrites it when
/// blessing) and returns its text on one line.
fn golden(week_end: &str) -> String {
    let lines = article_lines(week_end);
    let text = lines.join("\n") + "\n";
    let path = repo_root().join(format!("tests/golden/briefs/ja/{week_end}.txt"));
    if std::env::var_os("FLOWSITE_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write golden brief");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no golden brief {}", path.display()));
    assert_eq!(
        text,
        expected,
        "the brief of {week_end} differs from {}",
        path.display()
    );
    lines.join(" ")
}

fn assert_says(text: &str, sentence: &str) {
    assert!(text.contains(sentence), "expected «{sentence}» in:\n{text}");
}

#[test]
fn the_week_to_23_may_2026_reads_as_the_wire_story() {
    let text = golden("2026-05-23");
    assert_says(&text, "海外投資家、日本株を8週連続買い越し　1兆794億円");
    assert_says(
        &text,
        "財務省が28日発表した対外及び対内証券売買契約等の状況（週次・指定報告機関ベース）によると、5月17～23日の海外投資家による日本株への投資は8週連続の買い越しだった。",
    );
    assert_says(
        &text,
        "買越額は1兆794億円（約67.7億ドル）で、前週（9484億円）から増えた。",
    );
    assert_says(&text, "中長期債は");
    assert_says(&text, "短期債は");
    assert_says(&text, "国内投資家による海外の株式・中長期債への投資は");
    assert_says(&text, "年初からの累計は");
    assert_says(&text, "前年同期（7161億円の買い越し）");
    assert_says(&text, "欧州中央銀行");
    assert!(!text.contains("兆円."), "{text}");
    assert_eq!(
        text.matches("（約").count(),
        1,
        "only the first amount is converted: {text}"
    );
}

#[test]
fn a_streak_extended_gives_its_length_and_the_week_before() {
    let text = golden("2026-05-16");
    assert_says(&text, "7週連続の買い越しだった");
    assert_says(&text, "前週（1兆3935億円）から減った");
}

#[test]
fn a_flip_counts_the_weeks_since_the_last_week_on_its_side() {
    let text = golden("2026-07-11");
    // Two weeks of selling before it: the last purchase was three weeks back.
    assert_says(&text, "3週ぶりの買い越しだった");
    assert_says(&text, "海外投資家、日本株を3週ぶり買い越し");
}

#[test]
fn a_record_says_kako_saidai_and_its_streak() {
    let text = golden("2026-03-28");
    assert_says(&text, "海外投資家、日本株を過去最大の売り越し　4兆4481億円、3週連続");
    assert_says(&text, "統計を遡れる2005年以降で過去最大となった");
    assert_says(&text, "売越額は前週（2兆5110億円）から増えた。");
}

#[test]
fn a_largest_since_says_irai_no_ookisa_and_the_snapped_run() {
    let text = golden("2026-05-30");
    assert_says(&text, "3月下旬以来の大きさ");
    assert_says(&text, "前週まで8週続いていた買い越しは途切れた。");
}

#[test]
fn the_year_crossing_week_gives_both_years_and_closes_the_old_year() {
    let text = golden("2026-01-03");
    assert_says(&text, "2025年12月28日～26年1月3日");
    assert_says(
        &text,
        "2025年通年では7兆8499億円の買い越しで、2024年通年（1兆2259億円の買い越し）を大きく上回った。",
    );
    assert!(
        !text.contains("年初からの累計"),
        "a closed year is a whole year: {text}"
    );
}
