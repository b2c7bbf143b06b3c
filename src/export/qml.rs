//! QGIS style sidecar: `regions_<level>.qml` next to `regions_<level>.geojson`,
//! so QGIS opens the choropleth layer already coloured as the PNG map.
//!
//! The renderer is QGIS's graduated renderer on `deaths_best`, with the very
//! classes and colours of the PNG map: bounds from
//! [`class_breaks`](super::style::class_breaks) over the same values (every
//! region's, cell's and named region's total; zeros are their own "no
//! deaths" class), fills from [`class_palette`](super::style::class_palette)
//! and [`NO_DEATHS_COLOR`](super::style::NO_DEATHS_COLOR), legend labels from
//! [`class_labels`](super::style::class_labels). QGIS loads a `.qml` with the
//! layer's own name as the layer's default style.
//!
//! Ranges are written as QGIS writes them: each range's lower value is the
//! previous range's upper value, and the first range holding a value wins,
//! so for whole numbers class `i` holds `b[i-1] + 1 ..= b[i]`, as on the map.

use super::style::{class_breaks, class_labels, class_palette, NO_DEATHS_COLOR};
use super::write_atomic;
use crate::aggregate::Aggregate;
use crate::error::Result;
use crate::region::Slot;
use std::fmt::Write as _;
use std::path::Path;

/// Outline of region fills (the PNG map's edge grey).
const EDGE: [u8; 3] = [120, 120, 120];

/// Escapes text for an XML attribute value or text node.
///
/// # Examples
/// ```
/// use casualty_atlas::export::qml::xml_escape;
/// assert_eq!(xml_escape(r#"Ségou <"A" & 'B'>"#), "Ségou &lt;&quot;A&quot; &amp; &apos;B&apos;&gt;");
/// ```
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot hold at all
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The values the choropleth is classed on: the best-estimate total of every
/// region, grid cell and named region without polygon (the rows the PNG map
/// counts as regions); leftover rows are not classed.
pub fn choropleth_values(agg: &Aggregate) -> Vec<u64> {
    agg.totals
        .iter()
        .filter(|(s, _)| matches!(s, Slot::Region(_) | Slot::Cell(..) | Slot::Named(_)))
        .map(|(_, t)| t.deaths_best)
        .collect()
}

/// One class of the style: `lower..=upper`, its fill and legend label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleClass {
    /// Lower value (the previous class's upper; 0 for the first).
    pub lower: u64,
    /// Upper value, inclusive.
    pub upper: u64,
    /// Fill, RGB.
    pub color: [u8; 3],
    /// Legend label.
    pub label: String,
}

/// The classes of the style for these values: "no deaths" (0, labelled `0`
/// as on the map legend), then one per bound of [`class_breaks`].
///
/// # Examples
/// ```
/// use casualty_atlas::export::qml::style_classes;
/// let c = style_classes(&[0, 3, 30, 300]);
/// assert_eq!(c[0].upper, 0);
/// assert_eq!(c.len(), 4);
/// assert_eq!((c[1].lower, c[1].upper, c[1].color), (0, 3, [255, 237, 160]));
/// assert_eq!(c[3].upper, 300);
/// ```
pub fn style_classes(values: &[u64]) -> Vec<StyleClass> {
    let breaks = class_breaks(values);
    let colors = class_palette(breaks.len());
    let labels = class_labels(&breaks);
    let mut out = vec![StyleClass {
        lower: 0,
        upper: 0,
        color: NO_DEATHS_COLOR,
        label: "0".into(),
    }];
    let mut lower = 0;
    for ((&b, color), label) in breaks.iter().zip(colors).zip(labels) {
        out.push(StyleClass {
            lower,
            upper: b,
            color,
            label,
        });
        lower = b;
    }
    out
}

fn rgba(c: [u8; 3]) -> String {
    format!("{},{},{},255", c[0], c[1], c[2])
}

/// The `.qml` text: a graduated renderer on `field` with `classes`.
/// `title` (the layer's name) is kept in a `<customproperties>` entry.
pub fn graduated_qml(field: &str, classes: &[StyleClass], title: &str) -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    s.push_str("<qgis version=\"3.28.0-Firenze\" styleCategories=\"Symbology\">\n");
    let _ = writeln!(
        s,
        " <renderer-v2 type=\"graduatedSymbol\" attr=\"{}\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" referencescale=\"-1\">",
        xml_escape(field)
    );
    s.push_str("  <ranges>\n");
    for (i, c) in classes.iter().enumerate() {
        let _ = writeln!(
            s,
            "   <range lower=\"{}.000000\" upper=\"{}.000000\" symbol=\"{i}\" label=\"{}\" render=\"true\"/>",
            c.lower,
            c.upper,
            xml_escape(&c.label)
        );
    }
    s.push_str("  </ranges>\n  <symbols>\n");
    for (i, c) in classes.iter().enumerate() {
        let _ = writeln!(
            s,
            "   <symbol type=\"fill\" name=\"{i}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
        );
        s.push_str("    <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n");
        let props = [
            ("color", rgba(c.color)),
            ("joinstyle", "bevel".to_string()),
            ("outline_color", rgba(EDGE)),
            ("outline_style", "solid".to_string()),
            ("outline_width", "0.26".to_string()),
            ("outline_width_unit", "MM".to_string()),
            ("style", "solid".to_string()),
        ];
        s.push_str("     <Option type=\"Map\">\n");
        for (k, v) in &props {
            let _ = writeln!(
                s,
                "      <Option name=\"{k}\" type=\"QString\" value=\"{}\"/>",
                xml_escape(v)
            );
        }
        s.push_str("     </Option>\n");
        // the older spelling, for QGIS releases that read only `prop`
        for (k, v) in &props {
            let _ = writeln!(s, "     <prop k=\"{k}\" v=\"{}\"/>", xml_escape(v));
        }
        s.push_str("    </layer>\n   </symbol>\n");
    }
    s.push_str("  </symbols>\n");
    s.push_str("  <classificationMethod id=\"Quantile\">\n   <symmetricMode enabled=\"0\" symmetrypoint=\"0\" astride=\"0\"/>\n   <labelFormat format=\"%1 - %2\" labelprecision=\"0\" trimtrailingzeroes=\"1\"/>\n  </classificationMethod>\n");
    s.push_str("  <rotation/>\n  <sizescale/>\n </renderer-v2>\n");
    s.push_str(" <customproperties>\n  <Option type=\"Map\">\n");
    let _ = writeln!(
        s,
        "   <Option name=\"casualty-atlas/layer\" type=\"QString\" value=\"{}\"/>",
        xml_escape(title)
    );
    s.push_str(
        "   <Option name=\"casualty-atlas/classes\" type=\"QString\" value=\"same as the PNG map (class_breaks, YlOrRd)\"/>\n",
    );
    s.push_str("  </Option>\n </customproperties>\n");
    s.push_str(" <layerGeometryType>2</layerGeometryType>\n</qgis>\n");
    s
}

/// Writes `path` (`regions_<level>.qml`): the style of the region totals
/// layer of `agg`, classed as the PNG map.
pub fn write_region_style(path: &Path, agg: &Aggregate, title: &str) -> Result<()> {
    let classes = style_classes(&choropleth_values(agg));
    write_atomic(
        path,
        graduated_qml("deaths_best", &classes, title).as_bytes(),
    )
}
