//! The drawing surface every chart uses: plotters' SVG backend, addressed
//! in whole pixels, with the pieces all charts share (gridlines labelled
//! above the line, month ticks, keys, the source line).
//!
//! Charts place everything in pixels themselves, because labels must be
//! placed against each other and against the marks before anything is
//! drawn; plotters writes the elements. Text is always anchored at its top
//! (plotters writes `dy="0.76em"`), so that a label's box is known: from
//! its `y` down one font size.

use super::drawing_error;
use super::measure::{line_height, text_width};
use super::place::Rect;
use super::style::{GRID, MUTED_TEXT, TEXT, ZERO, text_style};
use crate::error::Error;
use crate::money::AxisScale;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Data value at `from_px`.
    pub from_value: f64,
    /// Data value at `to_px`.
    pub to_value: f64,
    /// Pixel of `from_value`.
    pub from_px: f64,
    /// Pixel of `to_value`.
    pub to_px: f64,
}

impl Scale {
    /// The pixel of `value`, unrounded.
    pub fn px(&self, value: f64) -> f64 {
        if self.to_value == self.from_value {
            return (self.from_px + self.to_px) / 2.0;
        }
        self.from_px + (value - self.from_value) / (self.to_value - self.from_value) * (self.to_px - self.from_px)
    }
}

/// How a block of text lines is aligned in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Centre,
    /// Flush right.
    Right,
}

/// The size of a block of lines of text at `px` (a first line over others
/// may be bold, which sets a tenth wider).
pub fn block_size(lines: &[String], px: u32) -> (f64, f64) {
    let width = lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let bold = if index == 0 && lines.len() > 1 { BOLD_WIDTH } else { 1.0 };
            text_width(line, px) * bold
        })
        .fold(0.0, f64::max);
    let height = line_height(px) * lines.len().saturating_sub(1) as f64 + f64::from(px);
    // An even width puts a centred label's anchor on a whole pixel, where
    // it is drawn: it stays inside the box it was placed in.
    ((width / 2.0).ceil() * 2.0, height.ceil())
}

/// Something to draw, decided before drawing: labels are placed first,
/// because the key they leave behind decides the chart's height.
#[derive(Debug, Clone)]
pub enum Ink {
    /// Lines of text filling a box.
    Text {
        /// The lines.
        lines: Vec<String>,
        /// Their box.
        rect: Rect,
        /// Colour.
        color: RGBColor,
        /// Alignment within the box.
        align: Align,
        /// Whether the first line is bold.
        bold_first: bool,
    },
    /// A line through points, one pixel wide.
    Line {
        /// The points.
        points: Vec<(f64, f64)>,
        /// Colour.
        color: RGBColor,
    },
    /// A small dot on the point an event is about.
    Dot {
        /// Its centre.
        centre: (f64, f64),
    },
    /// A ringed figure, a marker whose text is in the key.
    Number {
        /// The figure.
        number: usize,
        /// Its box.
        rect: Rect,
    },
}

/// How much wider bold text sets than regular.
const BOLD_WIDTH: f64 = 1.1;

/// A chart being drawn.
pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    /// Label size in CSS pixels.
    pub font_px: u32,
}

fn px(value: f64) -> i32 {
    value.round() as i32
}

impl<'a> Canvas<'a> {
    /// A `width` x `height` chart drawn into `out`.
    pub fn new(out: &'a mut String, width: u32, height: u32, font_px: u32) -> Canvas<'a> {
        Canvas {
            area: SVGBackend::with_string(out, (width, height)).into_drawing_area(),
            font_px,
        }
    }

    /// Writes the SVG out; plotters would otherwise drop errors silently.
    pub fn finish(self) -> Result<(), Error> {
        self.area.present().map_err(drawing_error)
    }

    /// One line of text whose top edge is at `y`.
    pub fn text(&self, content: &str, x: f64, y: f64, color: RGBColor, align: Align, bold: bool) -> Result<(), Error> {
        let horizontal = match align {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        };
        let style = text_style(self.font_px, color, bold).pos(Pos::new(horizontal, VPos::Top));
        self.area
            .draw(&Text::new(content.to_string(), (px(x), px(y)), style))
            .map_err(drawing_error)
    }

    /// Lines of text filling `rect`, aligned within it.
    pub fn lines(
        &self,
        lines: &[String],
        rect: Rect,
        color: RGBColor,
        align: Align,
        bold_first: bool,
    ) -> Result<(), Error> {
        let x = match align {
            Align::Left => rect.left,
            Align::Centre => (rect.left + rect.right) / 2.0,
            Align::Right => rect.right,
        };
        for (index, line) in lines.iter().enumerate() {
            let y = rect.top + line_height(self.font_px) * index as f64;
            // Only a heading line over others is bold (a year over its
            // total): a one-line label stays as wide as it was measured.
            self.text(line, x, y, color, align, bold_first && index == 0 && lines.len() > 1)?;
        }
        Ok(())
    }

    /// Draws what placing decided.
    pub fn ink(&self, ink: &Ink) -> Result<(), Error> {
        match ink {
            Ink::Text {
                lines,
                rect,
                color,
                align,
                bold_first,
            } => self.lines(lines, *rect, *color, *align, *bold_first),
            Ink::Line { points, color } => self.line(points, *color, 1),
            Ink::Dot { centre } => self.dot(*centre, 2, super::style::LEADER),
            Ink::Number { number, rect } => {
                let centre = ((rect.left + rect.right) / 2.0, (rect.top + rect.bottom) / 2.0);
                self.ring(centre, (rect.width() / 2.0).round() as u32, TEXT)?;
                let top = centre.1 - f64::from(self.font_px) / 2.0;
                self.text(&number.to_string(), centre.0, top, TEXT, Align::Centre, true)
            }
        }
    }

    /// A filled box.
    pub fn fill(&self, rect: Rect, color: RGBColor) -> Result<(), Error> {
        self.area
            .draw(&Rectangle::new(
                [(px(rect.left), px(rect.top)), (px(rect.right), px(rect.bottom))],
                color.filled(),
            ))
            .map_err(drawing_error)
    }

    /// A line through `points`, `width` pixels wide.
    pub fn line(&self, points: &[(f64, f64)], color: RGBColor, width: u32) -> Result<(), Error> {
        let points: Vec<(i32, i32)> = points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
        self.area
            .draw(&PathElement::new(points, color.stroke_width(width)))
            .map_err(drawing_error)
    }

    /// A filled dot.
    pub fn dot(&self, centre: (f64, f64), radius: u32, color: RGBColor) -> Result<(), Error> {
        self.area
            .draw(&Circle::new((px(centre.0), px(centre.1)), radius, color.filled()))
            .map_err(drawing_error)
    }

    /// A ring.
    pub fn ring(&self, centre: (f64, f64), radius: u32, color: RGBColor) -> Result<(), Error> {
        self.area
            .draw(&Circle::new(
                (px(centre.0), px(centre.1)),
                radius,
                color.stroke_width(1),
            ))
            .map_err(drawing_error)
    }

    /// Horizontal gridlines at `ticks` from the chart's left edge to
    /// `right`, each labelled at the left just above its line (the top one
    /// with the unit), and the zero line over them. Returns the labels'
    /// boxes.
    pub fn value_grid(
        &self,
        ticks: &[crate::model::Amount],
        scale: AxisScale,
        y: Scale,
        right: f64,
        words: &dyn super::text::ChartWords,
    ) -> Result<Vec<Rect>, Error> {
        let mut boxes = Vec::with_capacity(ticks.len());
        // The top non-zero tick names the unit, so that it is read first.
        let unit_tick = ticks.iter().rev().find(|t| t.0 != 0).copied();
        for tick in ticks {
            let line_y = y.px(tick.0 as f64).round();
            if tick.0 != 0 {
                self.line(&[(0.0, line_y), (right, line_y)], GRID, 1)?;
            }
            let label = words.y_tick(scale, *tick, Some(*tick) == unit_tick);
            let top = line_y - 3.0 - f64::from(self.font_px);
            self.text(&label, 0.0, top, MUTED_TEXT, Align::Left, false)?;
            boxes.push(Rect::at(
                0.0,
                top,
                text_width(&label, self.font_px),
                f64::from(self.font_px),
            ));
        }
        Ok(boxes)
    }

    /// The zero line, drawn over the marks' bases.
    pub fn zero_line(&self, left: f64, right: f64, y: f64) -> Result<(), Error> {
        self.line(&[(left, y.round()), (right, y.round())], ZERO, 1)
    }

    /// A time axis along the plot's foot from `left` to `right`: a tick at
    /// each month start (pixel positions), a labelled month's tick running
    /// down beside its label, which begins just right of it and names the
    /// month that starts there.
    pub fn month_axis(&self, ticks: &[(f64, Option<String>)], top: f64, left: f64, right: f64) -> Result<(), Error> {
        let px = f64::from(self.font_px);
        // The baseline and every tick are one line that runs along the
        // baseline and down and up each tick: one element, not thirteen.
        let mut points = Vec::with_capacity(ticks.len() * 3 + 2);
        points.push((left, top));
        for (x, label) in ticks {
            let x = x.round();
            let length = if label.is_some() { px + 5.0 } else { 4.0 };
            points.extend([(x, top), (x, top + length), (x, top)]);
        }
        points.push((right, top));
        self.line(&points, GRID, 1)?;
        for (x, label) in ticks {
            if let Some(label) = label {
                let rect = super::axis::month_label_box(*x, top, label, self.font_px);
                self.text(label, rect.left, rect.top, MUTED_TEXT, Align::Left, false)?;
            }
        }
        Ok(())
    }

    /// The source line, flush left at `top`.
    pub fn source(&self, line: &str, top: f64) -> Result<(), Error> {
        self.text(line, 0.0, top, MUTED_TEXT, Align::Left, false)
    }
}

/// Splits `text` into lines no wider than `width` at `px`, at spaces.
pub fn wrap(text: &str, width: f64, px: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, px) > width {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = wrap("1  BOJ ends negative rates, 19 Mar 2024", 120.0, 12);
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, 12) <= 120.0 || !line.contains(' '), "{line}");
        }
    }

    #[test]
    fn scales_map_linearly() {
        let scale = Scale {
            from_value: 0.0,
            to_value: 10.0,
            from_px: 100.0,
            to_px: 0.0,
        };
        assert_eq!(scale.px(5.0), 50.0);
        assert_eq!(scale.px(-2.0), 120.0);
    }
}
