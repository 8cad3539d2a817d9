//! Weekly briefs.
//!
//! Golden briefs of the sample site (the real MOF file and ECB rates), one
//! per situation a wire desk words differently, in `tests/golden/briefs/`:
//! each is the article's text as a reader sees it, charts and the figures
//! table left out. A change to the wording shows up as a diff against them;
//! `FLOWSITE_BLESS=1 cargo test --test briefs` rewrites them, to be read
//! before committing. Then checks over every brief of the sample site
//! (grammar, agreement, variety), and briefs of a synthetic fixture whose
//! facts are known (`tests/fixtures/valid/synthetic-briefs`: foreign
//! investors' stock nets of +10, +20, +30, −15, +5 billion yen, then +1
//! billion a week through 2025, +2 billion in the first week of 2026 and a
//! record −500 billion in the second).

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, article_text, build, built_fixture, fixture, read_tree, repo_root, sample_site};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The sample site, built once for every test here.
fn sample() -> &'static Site {
    sample_site()
}

fn synthetic() -> Site {
    built_fixture("valid/synthetic-briefs")
}

fn decode_entities(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A brief's article as lines of text: headline, standfirst, dateline,
/// paragraphs and headings, without charts and the figures table.
fn article_lines(site: &Site, week_end: &str) -> Vec<String> {
    let html = String::from_utf8_lossy(&site[&format!("weeks/{week_end}/index.html")]).into_owned();
    let text = article_text(&html);
    decode_entities(&text)
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

fn brief_text(site: &Site, week_end: &str) -> String {
    article_lines(site, week_end).join(" ")
}

fn assert_says(text: &str, sentence: &str) {
    assert!(text.contains(sentence), "expected «{sentence}» in:\n{text}");
}

/// Compares a sample brief with its golden text (or rewrites it when
/// blessing) and returns its lines.
fn golden(week_end: &str) -> Vec<String> {
    let lines = article_lines(sample(), week_end);
    let text = lines.join("\n") + "\n";
    let path = repo_root().join(format!("tests/golden/briefs/{week_end}.txt"));
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
    lines
}

// ---- Golden briefs of the sample site, one per situation ----

#[test]
fn the_week_to_23_may_2026_reads_as_the_wire_story_with_its_dollar_figure() {
    let lines = golden("2026-05-23");
    let text = lines.join(" ");
    assert_says(
        &text,
        "Foreign investors buy ¥1.08 trillion of Japanese stocks, an eighth straight week",
    );
    // The first yen amount carries its dollar equivalent.
    assert_says(
        &text,
        "adding a net ¥1.08 trillion, or about $6.77 billion, Ministry of Finance data showed.",
    );
    assert_says(&text, "for an eighth straight week through 23 May");
    assert_says(&text, "The pace quickened from ¥948.4 billion the week before.");
    assert_says(
        &text,
        "¥11.70 trillion, far above the ¥716.1 billion bought in the same period of 2025",
    );
    assert_says(
        &text,
        "Foreign investors also bought a net ¥1.35 trillion of Japanese long-term bonds, after ¥1.03 trillion of net selling the week before.",
    );
    // The generated brief ends with the rate (no week note that week).
    assert_eq!(
        lines.last().map(String::as_str),
        Some("($1 = 159.46 yen; European Central Bank reference rate, 28 May 2026)")
    );
    assert_eq!(
        text.matches("or about $").count(),
        1,
        "only the first amount is converted"
    );
}

#[test]
fn a_streak_extended_gives_its_length_and_the_week_before() {
    let text = golden("2026-05-16").join(" ");
    assert_says(&text, "seventh");
    assert_says(&text, "The week before, they had bought a net ¥1.39 trillion.");
}

#[test]
fn a_record_gives_its_streak_too() {
    let text = golden("2026-03-28").join(" ");
    assert_says(
        &text,
        "Foreign investors sell record ¥4.45 trillion of Japanese stocks, a third straight week",
    );
    assert_says(
        &text,
        "the largest in data going back to 2005, and their third straight week of selling",
    );
    assert_says(&text, "Selling deepened from ¥2.51 trillion the week before.");
}

#[test]
fn a_snapped_streak_is_said_beside_a_largest_since() {
    let text = golden("2026-05-30").join(" ");
    assert_says(
        &text,
        "Foreign selling of Japanese stocks biggest since March at ¥491.5 billion, snapping an eight-week buying streak",
    );
    assert_says(
        &text,
        "the largest weekly sale since late March, snapping an eight-week buying streak",
    );
    assert_says(&text, "That came after net buying of ¥1.08 trillion the week before.");
}

#[test]
fn a_flip_says_what_it_flipped_from() {
    let text = golden("2026-07-11").join(" ");
    assert_says(
        &text,
        "Foreign investors turn net buyers of Japanese stocks with a ¥742.6 billion purchase",
    );
    assert_says(&text, "turned net buyers of Japanese stocks in the week to 11 July");
    assert_says(&text, "after two weeks of net selling");
}

#[test]
fn a_roughly_balanced_week_claims_no_side() {
    let text = golden("2026-07-04").join(" ");
    assert_says(&text, "roughly balance, leaving a ¥21.3 billion net sale");
    assert!(!text.contains("turn net sellers"), "{text}");
    assert!(!text.contains("The week's selling"), "{text}");
    assert!(!text.contains("also sold"), "no side to be 'also' on: {text}");
}

#[test]
fn a_week_with_no_transactions_says_so() {
    let text = golden("2019-05-04").join(" ");
    assert_says(
        &text,
        "No transactions by foreign investors in Japanese stocks reported for week to 4 May",
    );
    assert_says(&text, "purchases and sales were both zero");
    for wrong in [
        "any of",
        "¥0.0",
        "neither bought nor sold",
        "or about $",
        "reference rate",
    ] {
        assert!(!text.contains(wrong), "«{wrong}» in {text}");
    }
}

#[test]
fn the_year_crossing_week_closes_the_old_year_with_both_years_in_its_dateline() {
    let text = golden("2026-01-03").join(" ");
    assert_says(&text, "28 December 2025 \u{2013} 3 January 2026");
    assert_says(
        &text,
        "In 2025 as a whole, they bought a net ¥7.85 trillion, far above the ¥1.23 trillion bought in 2024, and the most of any year since 2013.",
    );
    assert!(!text.contains("So far in 2025"), "{text}");
}

#[test]
fn week_53_is_compared_with_the_whole_previous_year() {
    let text = golden("2025-01-04").join(" ");
    assert_says(&text, "29 December 2024 \u{2013} 4 January 2025");
    assert_says(
        &text,
        "In 2024 as a whole, they bought a net ¥1.23 trillion, less than half the ¥3.01 trillion bought in 2023.",
    );
}

#[test]
fn the_first_week_of_the_data_has_no_comparisons() {
    let text = golden("2005-01-08").join(" ");
    assert_says(
        &text,
        "The data begin with this week, so there is no earlier week to compare it with.",
    );
    for comparison in [
        "the week before",
        "same period",
        "since",
        "Stock and long-term bond figures",
    ] {
        assert!(!text.contains(comparison), "«{comparison}» in {text}");
    }
}

#[test]
fn a_comparison_across_january_2014_carries_the_reclassification_note() {
    let note = "Stock and long-term bond figures from January 2014 on are not directly comparable with earlier ones: from that month, contractual-type investment trusts are counted as equity rather than long-term debt.";
    let text = golden("2014-01-11").join(" ");
    // Its year to date is compared with the first week of 2013.
    assert_says(&text, "in the first week of 2013 they had bought a net ¥233.5 billion");
    assert_says(&text, note);
    // A brief comparing only weeks before the change needs no note.
    let before = brief_text(sample(), "2013-12-21");
    assert!(!before.contains(note), "{before}");
}

#[test]
fn json_downloads_carry_the_dollar_figure_the_rate_and_its_date() {
    let json = String::from_utf8_lossy(&sample()["series/inward-equity/inward-equity.json"]).into_owned();
    let document: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let week = document["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .find(|w| w["week_end"] == "2026-05-23")
        .expect("the week");
    assert_eq!(week["net"], 10_794);
    // ¥1,079.4 billion / (185.24 / 1.1617) yen per dollar.
    assert_eq!(week["net_usd"], 6_769_266_789_i64);
    assert_eq!(week["yen_per_usd"], 159.456);
    assert_eq!(week["rate_date"], "2026-05-28");
    assert_eq!(document["dollars"]["rates_file"], "data/eurofxref-hist.csv");
}

#[test]
fn a_figure_revised_since_its_first_release_is_noted() {
    // tests/fixtures/valid/vintages: the release of 29 January 2026 revised
    // six figures of the one of 22 January, among them foreign investors'
    // stocks in the week to 17 January and Japanese investors' long-term
    // bonds in the week to 8 November 2025.
    let site = built_fixture("valid/vintages");
    let note = "Figures as revised in the release of 29 January 2026.";
    for week in ["2026-01-24", "2026-01-17", "2025-11-08"] {
        assert_says(&brief_text(&site, week), note);
    }
    // The week to 11 October 2025 quotes no revised figure.
    let untouched = brief_text(&site, "2025-10-11");
    assert!(!untouched.contains("as revised"), "{untouched}");
}

// ---- Every brief of the sample site ----

/// Every brief of the sample site: week end -> article lines.
fn every_brief() -> &'static BTreeMap<String, Vec<String>> {
    static BRIEFS: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    BRIEFS.get_or_init(|| {
        let site = sample();
        site.keys()
            .filter_map(|path| {
                let week = path.strip_prefix("weeks/")?.strip_suffix("/index.html")?;
                (week.len() == 10).then(|| (week.to_string(), article_lines(site, week)))
            })
            .collect()
    })
}

/// Whether a word is spoken starting with a vowel sound, by this test's
/// own reading: a vowel letter (not "one", "uni…", "use…", "eu…"), or a
/// number said "eight…", "eleven…", "eighteen…".
fn vowel_sound(word: &str) -> bool {
    let word = word.trim_start_matches(['¥', '$']);
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = word
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        let leading = match digits.len() % 3 {
            0 => &digits[..3.min(digits.len())],
            n => &digits[..n],
        };
        return leading.starts_with('8') || leading == "11" || leading == "18";
    }
    let lower = word.to_lowercase();
    let silent = ["one", "uni", "use", "eu"].iter().any(|p| lower.starts_with(p));
    !silent && lower.starts_with(['a', 'e', 'i', 'o', 'u'])
}

#[test]
fn every_brief_gets_articles_plurals_and_zeros_right() {
    let count_words = ["two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let mut faults = Vec::new();
    for (week, lines) in every_brief() {
        let text = lines.join(" ");
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2) {
            let next = pair[1].trim_matches(|c: char| !c.is_alphanumeric() && c != '¥' && c != '$');
            match pair[0] {
                "a" if vowel_sound(next) => faults.push(format!("{week}: a {next}")),
                "an" if !vowel_sound(next) => faults.push(format!("{week}: an {next}")),
                "1" | "one" if pair[1].starts_with("weeks") => faults.push(format!("{week}: {} {}", pair[0], pair[1])),
                n if (count_words.contains(&n) || n.parse::<u32>().is_ok_and(|n| n > 1))
                    && matches!(pair[1].trim_end_matches([',', '.', ';']), "week") =>
                {
                    faults.push(format!("{week}: {n} {}", pair[1]))
                }
                _ => {}
            }
        }
        for wrong in [
            "¥0.0 ",
            "$0.0 ",
            "any of",
            "rose by",
            "fell by",
            "net figure",
            "a eighth",
            "a 11th",
            "a 18th",
            ",,",
            " ,",
        ] {
            if text.contains(wrong) {
                faults.push(format!("{week}: «{wrong}»"));
            }
        }
        // Ordinals are words to ninth and figures from 10th.
        for wordy in ["tenth", "eleventh", "twelfth", "twentieth"] {
            if text.contains(wordy) {
                faults.push(format!("{week}: «{wordy}»"));
            }
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

/// Which side a sentence states first: its main verb's.
fn first_side(sentence: &str) -> Option<&'static str> {
    const BUYING: [&str; 8] = [
        "buy",
        "bought",
        "buying",
        "buyers",
        "purchases",
        "purchase",
        "adding",
        "drew",
    ];
    const SELLING: [&str; 7] = ["sell", "sold", "selling", "sellers", "sales", "sale", "shedding"];
    let lower = sentence.to_lowercase();
    if lower.contains("roughly") || lower.contains("no transactions") {
        return Some("neither");
    }
    for word in sentence.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if BUYING.contains(&word) {
            return Some("buying");
        }
        if SELLING.contains(&word) {
            return Some("selling");
        }
    }
    None
}

/// The first amount in a sentence: "¥1.08 trillion".
fn first_amount(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let at = words.iter().position(|w| w.starts_with('¥'))?;
    Some(format!(
        "{} {}",
        words[at],
        words.get(at + 1)?.trim_end_matches([',', '.'])
    ))
}

#[test]
fn headlines_agree_with_their_standfirst_and_the_data() {
    let json = String::from_utf8_lossy(&sample()["series/inward-equity/inward-equity.json"]).into_owned();
    let document: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let nets: BTreeMap<String, i64> = document["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .map(|w| {
            (
                w["week_end"].as_str().expect("date").to_string(),
                w["net"].as_i64().expect("net"),
            )
        })
        .collect();
    let mut faults = Vec::new();
    for (week, lines) in every_brief() {
        let (headline, standfirst) = (&lines[0], &lines[1]);
        let (head_side, lede_side) = (first_side(headline), first_side(standfirst));
        if head_side != lede_side || head_side.is_none() {
            faults.push(format!(
                "{week}: sides {head_side:?} / {lede_side:?}: {headline} / {standfirst}"
            ));
        }
        let net = nets[week];
        let expected = match net {
            0 => "neither",
            n if n > 0 => "buying",
            _ => "selling",
        };
        if head_side != Some(expected) && head_side != Some("neither") {
            faults.push(format!(
                "{week}: net {net} but the headline is {head_side:?}: {headline}"
            ));
        }
        if first_amount(headline) != first_amount(standfirst) {
            faults.push(format!("{week}: amounts differ: {headline} / {standfirst}"));
        }
        // "since June", never "since June 2026" in a 2026 week.
        let year = &week[..4];
        let words: Vec<&str> = headline.split_whitespace().collect();
        for at in words
            .iter()
            .enumerate()
            .filter(|(_, w)| **w == "since")
            .map(|(at, _)| at)
        {
            if words.get(at + 2).map(|w| w.trim_end_matches(',')) == Some(year) {
                faults.push(format!("{week}: the week's own year after since: {headline}"));
            }
        }
        // Present tense.
        for past in [" bought ", " sold ", " turned ", " made "] {
            if headline.contains(past) {
                faults.push(format!("{week}: past tense in the headline: {headline}"));
            }
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

/// A standfirst with its figures, dates, counts and side words replaced by
/// placeholders: what is left is its frame.
fn frame(standfirst: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NUMBER_WORDS: [&str; 18] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "first", "second", "third", "fourth",
        "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    const SIDES: [&str; 16] = [
        "bought",
        "sold",
        "buying",
        "selling",
        "buyers",
        "sellers",
        "purchases",
        "sales",
        "purchase",
        "sale",
        "adding",
        "shedding",
        "drew",
        "saw",
        "quickened",
        "deepened",
    ];
    let mut out = Vec::new();
    for word in standfirst.split_whitespace() {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '¥' && c != '$' && c != '-');
        let token = if core.starts_with(['¥', '$']) {
            "X"
        } else if ["trillion", "billion", "million"].contains(&core) {
            continue;
        } else if core.starts_with(|c: char| c.is_ascii_digit())
            || NUMBER_WORDS.contains(&core.split('-').next().unwrap_or(core))
        {
            "N"
        } else if MONTHS.contains(&core) {
            "M"
        } else if SIDES.contains(&core) {
            "V"
        } else if ["a", "an"].contains(&core) {
            "A"
        } else {
            word
        };
        out.push(token);
    }
    out.join(" ")
}

#[test]
fn ledes_vary_with_the_facts_and_from_week_to_week() {
    let briefs = every_brief();
    let frames: Vec<String> = briefs.values().map(|lines| frame(&lines[1])).collect();
    let distinct: BTreeSet<&String> = frames.iter().collect();
    assert!(distinct.len() >= 12, "only {} lede frames", distinct.len());
    let alike = frames.windows(2).filter(|pair| pair[0] == pair[1]).count();
    assert!(
        alike * 20 <= frames.len(),
        "{alike} pairs of consecutive weeks share a lede frame"
    );
    let openings: BTreeSet<String> = briefs
        .values()
        .map(|lines| lines[1].split_whitespace().take(4).collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        openings.len() >= 6,
        "standfirsts open in only {} ways: {openings:?}",
        openings.len()
    );
    // Paragraph two (after headline, standfirst and dateline) never opens
    // with the gross purchases and sales.
    for (week, lines) in briefs {
        let second = &lines[3];
        assert!(
            !(second.starts_with("Gross") || second.starts_with("In all") || second.starts_with("They bought")),
            "{week}: {second}"
        );
    }
}

// ---- The synthetic fixture, whose facts are known ----

#[test]
fn a_streak_extended_leads_the_brief() {
    let text = brief_text(&synthetic(), "2025-01-25");
    assert_says(
        &text,
        "Foreign investors buy ¥30.0 billion more of Japanese stocks, extending buying streak to three weeks",
    );
    assert_says(
        &text,
        "Foreign investors kept buying Japanese stocks for a third straight week through 25 January, adding a net ¥30.0 billion",
    );
    assert_says(&text, "That was up from ¥20.0 billion the week before.");
    assert_says(
        &text,
        "So far in 2025, they have bought a net ¥60.0 billion over three weeks.",
    );
}

#[test]
fn a_snapped_streak_is_a_turn_to_selling() {
    let text = brief_text(&synthetic(), "2025-02-01");
    assert_says(
        &text,
        "Foreign investors sell ¥15.0 billion of Japanese stocks, snapping a three-week buying streak",
    );
    assert_says(
        &text,
        "turned net sellers of Japanese stocks in the week to 1 February, selling a net ¥15.0 billion after three weeks of net buying",
    );
    assert_says(
        &text,
        "The week's selling cut their net purchases so far this year to ¥45.0 billion.",
    );
}

#[test]
fn a_flip_after_one_week_is_worded_as_such() {
    let text = brief_text(&synthetic(), "2025-02-08");
    assert_says(
        &text,
        "Foreign investors turn net buyers of Japanese stocks with a ¥5.0 billion purchase",
    );
    assert_says(&text, "after a week of net selling");
    assert_says(&text, "That came after net selling of ¥15.0 billion the week before.");
}

#[test]
fn the_first_week_of_a_fixture_has_no_comparisons() {
    let text = brief_text(&synthetic(), "2025-01-11");
    assert_says(&text, "It was the first week counted in 2025.");
    assert!(!text.contains("the week before"), "{text}");
    assert!(!text.contains("same period of 2024"), "{text}");
}

#[test]
fn the_year_crossing_week_of_a_fixture_closes_the_old_year() {
    let site = synthetic();
    let crossing = brief_text(&site, "2026-01-03");
    assert_says(&crossing, "In 2025 as a whole, they bought a net ¥97.0 billion.");
    assert_says(&crossing, "28 December 2025 \u{2013} 3 January 2026");
    let first = brief_text(&site, "2026-01-10");
    assert_says(
        &first,
        "It was the first week counted in 2026; in the first week of 2025 they had bought a net ¥10.0 billion.",
    );
    assert_says(&first, "their largest since early February 2025");
}

#[test]
fn a_record_sale_leads_with_the_record_the_snapped_run_and_the_year_to_date_comparison() {
    let text = brief_text(&synthetic(), "2026-01-17");
    assert_says(
        &text,
        "Foreign investors sell record ¥500.0 billion of Japanese stocks, snapping a 49-week buying streak",
    );
    assert_says(
        &text,
        "the largest in data going back to 2025, snapping a 49-week buying streak",
    );
    assert_says(
        &text,
        "The week's selling left them net sellers for the year so far, at ¥498.0 billion, against net purchases of ¥30.0 billion in the same period of 2025.",
    );
    // The week note is merged and its expressions evaluated against the data.
    assert_says(
        &text,
        "The sale of ¥500.0 billion ended a 49th straight week of net buying.",
    );
    assert_says(&text, "Year to date: net sold ¥498.0 billion.");
}

#[test]
fn briefs_link_to_their_neighbours_and_the_archive() {
    let site = synthetic();
    let html = String::from_utf8_lossy(&site["weeks/2025-02-01/index.html"]).into_owned();
    assert!(
        html.contains("rel=\"prev\" href=\"../../weeks/2025-01-25/index.html\""),
        "prev link"
    );
    assert!(
        html.contains("rel=\"next\" href=\"../../weeks/2025-02-08/index.html\""),
        "next link"
    );
    let year = String::from_utf8_lossy(&site["weeks/2025/index.html"]).into_owned();
    // 52 weeks count in 2025, the last being 2025-12-28..2026-01-03.
    assert_eq!(year.matches("<time datetime=").count(), 52);
    assert!(year.contains("href=\"../../weeks/2026-01-03/index.html\""));
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(
        home.contains("href=\"weeks/2026-01-17/index.html\">Foreign investors sell record ¥500.0 billion"),
        "home leads with the latest brief"
    );
}

#[test]
fn feed_and_sitemap_are_well_formed_xml_with_absolute_links() {
    let site = synthetic();
    let feed_text = String::from_utf8(site["feed.xml"].clone()).expect("UTF-8 feed");
    let feed = roxmltree::Document::parse(&feed_text).expect("feed.xml parses as XML");
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<_> = root.children().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 20, "the 20 newest briefs");
    for entry in &entries {
        let link = entry
            .children()
            .find(|n| n.has_tag_name("link"))
            .and_then(|n| n.attribute("href"))
            .expect("link");
        assert!(link.starts_with("https://example.org/fixture/weeks/"), "{link}");
    }
    let newest = entries[0]
        .children()
        .find(|n| n.has_tag_name("updated"))
        .and_then(|n| n.text())
        .expect("updated");
    assert_eq!(newest, "2026-01-22T00:00:00Z", "dated by the release, not the clock");

    let sitemap_text = String::from_utf8(site["sitemap.xml"].clone()).expect("UTF-8 sitemap");
    let sitemap = roxmltree::Document::parse(&sitemap_text).expect("sitemap.xml parses as XML");
    let locations: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    // Embed pages are for iframes, not for search engines.
    let pages = site
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html" && !p.contains("/embed/"))
        .count();
    assert_eq!(
        locations.len(),
        pages,
        "every page but the 404 page and the embeds is in the sitemap"
    );
    assert!(
        !locations.iter().any(|l| l.contains("/embed/")),
        "no embed in the sitemap"
    );
    assert!(locations.iter().all(|l| l.starts_with("https://example.org/fixture/")));
    let robots = String::from_utf8_lossy(&site["robots.txt"]).into_owned();
    assert!(robots.contains("Sitemap: https://example.org/fixture/sitemap.xml"));
    assert!(site.contains_key("404.html"));
}

#[test]
fn no_year_to_date_is_stated_for_a_year_the_data_do_not_cover_from_its_start() {
    // The small fixture starts in October 2025: its 2025 briefs must not
    // state a 2025 year-to-date total.
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let site = read_tree(&out);
    let text = brief_text(&site, "2025-11-15");
    assert!(
        !text.contains("2025 as a whole") && !text.contains("So far in 2025"),
        "{text}"
    );
    assert!(!text.contains("so far this year"), "{text}");
    let text = brief_text(&site, "2026-01-10");
    assert_says(&text, "It was the first week counted in 2026.");
}
