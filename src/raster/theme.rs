//! The light and dark editions of an image, made from one SVG.
//!
//! Charts carry their colours as presentation attributes, so the page's
//! stylesheet turns them dark with attribute selectors
//! (`.chart [fill="#0072B2"] { fill: #56b4e9 }`). usvg applies a stylesheet
//! the same way before drawing, so the dark PNG is the light SVG with the
//! same colour map as `static/style.css`'s dark rules (a test keeps the two
//! in step). No I/O here.

/// Which colour scheme an image is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Theme {
    /// Dark text on white, as the SVG is written.
    Light,
    /// The stylesheet's dark colours.
    Dark,
}

/// The page background of each theme (`--bg` in `static/style.css`).
const LIGHT_BACKGROUND: &str = "#ffffff";
const DARK_BACKGROUND: &str = "#121417";

/// The dark theme's colour map: (attribute, colour as the chart writes it,
/// colour in dark mode, whether only text is remapped), as in the dark
/// `.chart` rules of `static/style.css`.
pub const DARK_COLOURS: [(&str, &str, &str, bool); 16] = [
    ("fill", "#333333", "#e8e8e8", true),
    ("fill", "#5C5C5C", "#b8b8b8", true),
    ("stroke", "#DDDDDD", "#3a3d42", false),
    ("stroke", "#1A1A1A", "#8c8c8c", false),
    ("stroke", "#757575", "#9a9a9a", false),
    ("fill", "#757575", "#9a9a9a", false),
    ("stroke", "#333333", "#e8e8e8", false),
    ("fill", "#0072B2", "#56b4e9", false),
    ("stroke", "#0072B2", "#56b4e9", false),
    ("fill", "#D55E00", "#f08a4b", false),
    ("fill", "#003F63", "#b5e2fb", false),
    ("fill", "#8A3A00", "#ffc49c", false),
    ("stroke", "#808080", "#a8a8a8", false),
    ("stroke", "#C8C8C8", "#4a4d52", false),
    ("fill", "#C8C8C8", "#4a4d52", false),
    // Not a chart colour: the text of cards and image headers.
    ("fill", "#1A1A1A", "#e8e8e8", true),
];

impl Theme {
    /// Both themes, light first.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// The name used in file names and cache keys.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The background the image is drawn on, as `#rrggbb`.
    pub fn background(self) -> &'static str {
        match self {
            Theme::Light => LIGHT_BACKGROUND,
            Theme::Dark => DARK_BACKGROUND,
        }
    }

    /// The stylesheet usvg applies before drawing: the halo that keeps
    /// labels legible over lines (as `.chart text` has on the page), and in
    /// the dark theme the colour map.
    pub fn style_sheet(self) -> String {
        let mut css = format!(
            ".chart text {{ paint-order: stroke; stroke: {}; stroke-width: 3px; stroke-linejoin: round; }}\n",
            self.background()
        );
        if self == Theme::Dark {
            for (attribute, light, dark, text_only) in DARK_COLOURS {
                let element = if text_only { "text" } else { "" };
                css.push_str(&format!(
                    "{element}[{attribute}=\"{light}\"] {{ {attribute}: {dark}; }}\n"
                ));
            }
        }
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark rules of the default stylesheet, as (attribute, light, dark).
    fn stylesheet_rules() -> Vec<(String, String, String)> {
        let css = crate::page::DEFAULT_STYLESHEET;
        let mut rules = Vec::new();
        for line in css.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix(".chart ") else {
                continue;
            };
            let Some(open) = rest.find("[") else { continue };
            let Some((selector, body)) = rest[open + 1..].split_once("] {") else {
                continue;
            };
            let Some((attribute, light)) = selector.split_once("=\"") else {
                continue;
            };
            let light = light.trim_end_matches('"');
            let Some(dark) = body
                .trim()
                .trim_end_matches('}')
                .trim()
                .trim_end_matches(';')
                .split(": ")
                .nth(1)
            else {
                continue;
            };
            rules.push((attribute.to_string(), light.to_string(), dark.to_string()));
        }
        rules
    }

    #[test]
    fn the_dark_images_use_the_stylesheets_dark_chart_colours() {
        let from_css = stylesheet_rules();
        assert!(from_css.len() >= 10, "{from_css:?}");
        for (attribute, light, dark) in &from_css {
            assert!(
                DARK_COLOURS
                    .iter()
                    .any(|(a, l, d, _)| a == attribute && l == light && d == dark),
                "style.css maps {attribute}={light} to {dark}, the images do not"
            );
        }
        let chart_rules = DARK_COLOURS.len() - 1;
        assert_eq!(from_css.len(), chart_rules, "every image rule is in style.css");
    }

    #[test]
    fn only_the_dark_sheet_remaps_colours() {
        assert!(!Theme::Light.style_sheet().contains("#56b4e9"));
        assert!(
            Theme::Dark
                .style_sheet()
                .contains("[fill=\"#0072B2\"] { fill: #56b4e9; }")
        );
        assert!(Theme::Dark.style_sheet().contains(DARK_BACKGROUND));
    }
}
