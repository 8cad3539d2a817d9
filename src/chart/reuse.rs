//! Charts drawn by an earlier build, found again by what they were drawn
//! from.
//!
//! A chart is a pure function of its request (series, kind, last week,
//! annotations), the facts and points of its series up to that week, the
//! series' names and its publisher's (the chart stage is given nothing
//! else of the source), the words of its edition and flowsite's own code.
//! [`SeriesDigest::key`] digests exactly those: the facts and points
//! through each week are folded into one running digest per series, so a
//! chart's key costs one lookup, not a pass over its history. A new week
//! changes the keys of the charts that show it (the latest charts of every
//! series) and no other; a revised figure changes those of every chart
//! through the revised week and later; a renamed series, those of its
//! charts.
//!
//! The store gives back bytes (see [`crate::cache::Store`]); a chart is
//! kept as its [`ChartSvg`] in a plain length-prefixed encoding. Bytes that
//! do not decode are drawn again, never trusted. No I/O here.

use super::{ChartBody, ChartRequest, ChartSvg};
use crate::cache::{Digest, Generations, Key, Store};
use crate::error::Error;
use crate::model::FlowSeries;
use crate::series::WeekFacts;
use std::sync::Arc;

/// Where drawn charts are kept between builds, and what makes a chart's
/// key differ from one flowsite build to the next.
#[derive(Clone, Copy)]
pub struct ChartReuse<'a> {
    /// The store of drawn charts.
    pub store: &'a dyn Store,
    /// The flowsite build drawing them: a chart another build drew is not
    /// reused, since the drawing code may differ.
    pub build: &'a str,
    /// Charts kept as they are, not as bytes, by a process that renders
    /// again and again (the preview): taking one costs no decoding.
    pub memo: Option<&'a Generations<ChartSvg>>,
}

impl ChartReuse<'_> {
    /// Reuse nothing: every chart is drawn.
    pub fn none() -> ChartReuse<'static> {
        ChartReuse {
            store: &crate::cache::NoStore,
            build: "",
            memo: None,
        }
    }
}

/// How many charts a build drew, and how many it found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChartReport {
    /// Charts drawn.
    pub drawn: usize,
    /// Charts the store already held.
    pub reused: usize,
}

impl std::ops::Add for ChartReport {
    type Output = ChartReport;

    /// Both reports together.
    fn add(self, other: ChartReport) -> ChartReport {
        ChartReport {
            drawn: self.drawn + other.drawn,
            reused: self.reused + other.reused,
        }
    }
}

/// The digest of a series' history through each of its weeks.
pub struct SeriesDigest {
    /// The source's and series' names and the edition's words.
    names: u128,
    /// Index i: every point and fact up to and including week i.
    through: Vec<u128>,
}

impl SeriesDigest {
    /// The digest of `series` (with its `facts`) of `publisher`, drawn in
    /// `language`.
    pub fn of(publisher: &str, series: &FlowSeries, facts: &[WeekFacts], language: &str) -> SeriesDigest {
        let mut names = Digest::new("chart names");
        // Of the source, a chart is given its publisher only (the release's
        // date, which changes every week, is not drawn); of the series,
        // every field of its meta.
        names
            .add(language.as_bytes())
            .add(publisher.as_bytes())
            .add_debug(&series.meta);
        let mut running = Digest::new("chart history");
        let through = series
            .points
            .iter()
            .zip(facts)
            .map(|(point, fact)| {
                running.add_hashed(point).add_hashed(fact);
                running.finish()
            })
            .collect();
        SeriesDigest {
            names: names.finish(),
            through,
        }
    }

    /// The key of the chart `request`, drawn through the week at `index`,
    /// by the flowsite build `build`.
    pub fn key(&self, request: &ChartRequest, index: usize, build: &str) -> Option<Key> {
        let history = *self.through.get(index)?;
        let mut digest = Digest::new("chart");
        digest
            .add(build.as_bytes())
            .add_u128(self.names)
            .add_u128(history)
            .add_hashed(request);
        Some(digest.key())
    }
}

/// The chart kept under `key`, if the store has one that decodes.
pub fn find(reuse: &ChartReuse<'_>, key: Key) -> Result<Option<ChartSvg>, Error> {
    if let Some(chart) = reuse.memo.and_then(|memo| memo.take(key)) {
        return Ok(Some(chart));
    }
    let found = reuse.store.get(key)?.as_deref().and_then(|bytes| decode(bytes));
    if let (Some(memo), Some(chart)) = (reuse.memo, &found) {
        memo.keep(key, chart.clone());
    }
    Ok(found)
}

/// Keeps `chart` under `key`.
pub fn keep(reuse: &ChartReuse<'_>, key: Key, chart: &ChartSvg) -> Result<(), Error> {
    if let Some(memo) = reuse.memo {
        memo.keep(key, chart.clone());
    }
    reuse.store.put(key, Arc::new(encode(chart)))
}

/// Tags of the encoding's two bodies.
const DRAWN: u8 = 1;
const EMPTY: u8 = 2;

/// A chart as bytes: its four texts, then its body (a tag, then the SVG of
/// each layout or the message), each text as a little-endian u32 length
/// and its UTF-8.
fn encode(chart: &ChartSvg) -> Vec<u8> {
    let texts: Vec<&str> = match &chart.body {
        ChartBody::Drawn(variants) => variants.iter().map(String::as_str).collect(),
        ChartBody::Empty(message) => vec![message.as_str()],
    };
    let size = [&chart.title, &chart.subtitle, &chart.description, &chart.source]
        .iter()
        .map(|text| text.len() + 4)
        .chain(texts.iter().map(|text| text.len() + 4))
        .sum::<usize>()
        + 5;
    let mut bytes = Vec::with_capacity(size);
    let text = |bytes: &mut Vec<u8>, text: &str| {
        bytes.extend_from_slice(&(text.len() as u32).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    };
    for part in [&chart.title, &chart.subtitle, &chart.description, &chart.source] {
        text(&mut bytes, part);
    }
    match &chart.body {
        ChartBody::Drawn(_) => {
            bytes.push(DRAWN);
            bytes.extend_from_slice(&(texts.len() as u32).to_le_bytes());
        }
        ChartBody::Empty(_) => bytes.push(EMPTY),
    }
    for part in texts {
        text(&mut bytes, part);
    }
    bytes
}

/// The chart [`encode`] made `bytes` of; `None` for anything else.
fn decode(bytes: &[u8]) -> Option<ChartSvg> {
    let mut reader = Reader { bytes };
    let title = reader.text()?;
    let subtitle = reader.text()?;
    let description = reader.text()?;
    let source = reader.text()?;
    let body = match reader.byte()? {
        DRAWN => {
            let count = reader.number()?;
            // Never more layouts than bytes left: a damaged count cannot
            // make the reader reserve gigabytes.
            if count > reader.bytes.len() {
                return None;
            }
            let variants = (0..count).map(|_| reader.text()).collect::<Option<Vec<String>>>()?;
            ChartBody::Drawn(Arc::new(variants))
        }
        EMPTY => ChartBody::Empty(reader.text()?),
        _ => return None,
    };
    reader.bytes.is_empty().then_some(ChartSvg {
        title,
        subtitle,
        description,
        source,
        body,
    })
}

/// Reads the encoding front to back.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    fn number(&mut self) -> Option<usize> {
        let (head, rest) = self.bytes.split_first_chunk::<4>()?;
        self.bytes = rest;
        usize::try_from(u32::from_le_bytes(*head)).ok()
    }

    fn text(&mut self) -> Option<String> {
        let length = self.number()?;
        if length > self.bytes.len() {
            return None;
        }
        let (text, rest) = self.bytes.split_at(length);
        self.bytes = rest;
        String::from_utf8(text.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(body: ChartBody) -> ChartSvg {
        ChartSvg {
            title: "Japanese stocks, week by week".to_string(),
            subtitle: "¥ trillion".to_string(),
            description: "They net bought in 34 of these weeks.".to_string(),
            source: "Source: Ministry of Finance, Japan".to_string(),
            body,
        }
    }

    #[test]
    fn a_chart_decodes_to_what_was_encoded() {
        for original in [
            chart(ChartBody::Drawn(Arc::new(vec![
                "<svg>wide</svg>".to_string(),
                "<svg>日本</svg>".to_string(),
            ]))),
            chart(ChartBody::Empty("Nothing to draw yet.".to_string())),
        ] {
            assert_eq!(decode(&encode(&original)), Some(original));
        }
    }

    #[test]
    fn damaged_bytes_are_never_a_chart() {
        let bytes = encode(&chart(ChartBody::Drawn(Arc::new(vec!["<svg/>".to_string()]))));
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
        let mut wrong_tag = bytes;
        let tag_at = wrong_tag.len() - (4 + "<svg/>".len()) - 4 - 1;
        wrong_tag[tag_at] = 9;
        assert_eq!(decode(&wrong_tag), None, "unknown body");
    }
}
