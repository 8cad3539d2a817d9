//! Palette, type sizes and the two layouts (desktop and phone).
//!
//! Colours are the Okabe-Ito colour-blind-safe pair (blue for buying,
//! vermillion for selling) with greys for context. Each role has its own
//! hex value so that the stylesheet can remap it for dark mode with an
//! attribute selector (`.chart [fill="#0072B2"]`); keep them in step with
//! `static/style.css`.

use plotters::style::{FontDesc, FontStyle, RGBColor, TextStyle};

/// Net buying.
pub const BUY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Net selling.
pub const SELL: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// The latest week's column when it is net buying: a darker blue (a
/// lighter one in dark mode), so the news stands out in both themes.
pub const LATEST_BUY: RGBColor = RGBColor(0x00, 0x3F, 0x63);
/// The latest week's column when it is net selling.
pub const LATEST_SELL: RGBColor = RGBColor(0x8A, 0x3A, 0x00);
/// Labels and annotations.
pub const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// The source line, axis labels and secondary labels.
pub const MUTED_TEXT: RGBColor = RGBColor(0x5C, 0x5C, 0x5C);
/// Leader lines and brackets.
pub const LEADER: RGBColor = RGBColor(0x75, 0x75, 0x75);
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
    /// Height of the plot itself; the SVG adds room for labels and keys.
    pub plot_height: u32,
    /// Label size in CSS pixels.
    pub font_px: u32,
    /// Room right of the plot for the latest value and line-end labels.
    pub right_margin: u32,
    /// The most gridlines the value axis may have.
    pub max_ticks: usize,
    /// Label every n-th month on a weekly time axis.
    pub month_step: u32,
}

/// Desktop and tablet: shown above 600 px.
pub const WIDE: Layout = Layout {
    name: "wide",
    width: 720,
    plot_height: 300,
    font_px: 13,
    right_margin: 72,
    max_ticks: 8,
    month_step: 1,
};

/// Phones: drawn at the width it is shown at, so text stays at 12 px.
pub const NARROW: Layout = Layout {
    name: "narrow",
    width: 360,
    plot_height: 230,
    font_px: 12,
    right_margin: 60,
    max_ticks: 7,
    month_step: 3,
};

/// Both layouts, in the order they are written into a page.
pub const LAYOUTS: [Layout; 2] = [WIDE, NARROW];

/// A sans-serif text style of `px` CSS pixels (plotters writes font sizes
/// divided by 1.24, so the size is scaled up here; the SVG post-pass
/// rounds away the float error that leaves).
pub fn text_style(px: u32, color: RGBColor, bold: bool) -> TextStyle<'static> {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    let font: FontDesc<'static> = FontDesc::new(plotters::style::FontFamily::SansSerif, f64::from(px) * 1.24, style);
    font.color(&color)
}

/// `#0072B2` for an RGB colour, as plotters writes it.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}
