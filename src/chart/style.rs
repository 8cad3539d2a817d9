//! Palette, type sizes and the two layouts (desktop and phone).
//!
//! Colours are the Okabe-Ito colour-blind-safe pair (blue for buying,
//! vermillion for selling) with greys for context. Each role has its own
//! hex value so that the stylesheet can remap it for dark mode with an
//! attribute selector (`.chart [fill="#0072B2"]`); keep them in step with
//! `static/style.css`.

use plotters::style::{FontDesc, RGBColor, TextStyle};

/// Net buying.
pub const BUY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Net selling.
pub const SELL: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Labels and annotations.
pub const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// The source line and secondary labels.
pub const MUTED_TEXT: RGBColor = RGBColor(0x5C, 0x5C, 0x5C);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
/// The zero baseline.
pub const ZERO: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// The current year's line.
pub const CURRENT_YEAR: RGBColor = BUY;
/// The previous year's line.
pub const PREVIOUS_YEAR: RGBColor = RGBColor(0x80, 0x80, 0x80);
/// Earlier years' lines.
pub const EARLIER_YEARS: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);

/// A chart's geometry and type size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Name used in element ids and CSS classes (`wide`, `narrow`).
    pub name: &'static str,
    /// Width in SVG units (CSS pixels at 1:1).
    pub width: u32,
    /// Height in SVG units.
    pub height: u32,
    /// Label size in CSS pixels.
    pub font_px: u32,
    /// Room for y-axis labels on the left.
    pub y_label_width: u32,
    /// Room for end-of-line labels on the right.
    pub right_margin: u32,
    /// Room for x-axis labels.
    pub x_label_height: u32,
    /// Label every n-th month on the weekly chart's x axis.
    pub month_step: u32,
}

/// Desktop and tablet: shown above 600 px.
pub const WIDE: Layout = Layout {
    name: "wide",
    width: 720,
    height: 380,
    font_px: 13,
    y_label_width: 64,
    right_margin: 84,
    x_label_height: 30,
    month_step: 1,
};

/// Phones: drawn at the width it is shown at, so text stays at 12 px.
pub const NARROW: Layout = Layout {
    name: "narrow",
    width: 360,
    height: 300,
    font_px: 12,
    y_label_width: 54,
    right_margin: 70,
    x_label_height: 28,
    month_step: 3,
};

/// Both layouts, in the order they are written into a page.
pub const LAYOUTS: [Layout; 2] = [WIDE, NARROW];

/// Room under the plot for the source line.
pub const SOURCE_LINE_HEIGHT: u32 = 26;

/// A sans-serif text style of `px` CSS pixels (plotters writes font sizes
/// divided by 1.24, so the size is scaled up here to come out exact).
pub fn text_style(px: u32, color: RGBColor) -> TextStyle<'static> {
    let font: FontDesc<'static> = ("sans-serif", f64::from(px) * 1.24).into();
    font.color(&color)
}
