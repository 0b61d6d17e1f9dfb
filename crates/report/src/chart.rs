//! Drawing [`Chart`]s with plotters, as SVG (for the PDF) and PNG (for Markdown).
//!
//! Text uses the vendored DejaVu Sans, registered with plotters once; no system font is read.
//! Everything is drawn element by element in model order (no hash maps), so the same chart
//! gives the same bytes every time.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};
use crate::model::{Chart, ChartKind, Series};
use crate::palette::rgb;

/// Font family name used in charts (and in SVG `font-family`).
pub const FONT_FAMILY: &str = "DejaVu Sans";
pub(crate) const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub(crate) const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
pub(crate) const FONT_OBLIQUE: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Oblique.ttf");

/// Width of every chart in SVG user units; PNGs are drawn at twice this.
const WIDTH: u32 = 760;
/// PNG pixels per SVG unit.
const PNG_SCALE: u32 = 2;

fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for name in [FONT_FAMILY, "sans-serif"] {
            // The fonts are compiled in and known to parse, so registering cannot fail.
            let _ = plotters::style::register_font(name, FontStyle::Normal, FONT_REGULAR);
            let _ = plotters::style::register_font(name, FontStyle::Bold, FONT_BOLD);
            let _ = plotters::style::register_font(name, FontStyle::Oblique, FONT_OBLIQUE);
        }
    });
}

/// Returns the chart's size in SVG units `(width, height)`.
pub fn chart_size(chart: &Chart) -> (u32, u32) {
    let rows = |n: usize| (n as u32).clamp(2, 40);
    let legend = legend_height(chart, 1);
    let h = match &chart.kind {
        ChartKind::Bars {
            categories,
            series,
            stacked,
        } => {
            let per = if *stacked || series.len() < 2 {
                22
            } else {
                (10 * series.len() as u32).max(22)
            };
            110 + per * rows(categories.len())
        }
        ChartKind::Diverging { rows: r } => 110 + 22 * rows(r.len()),
        ChartKind::Lines { .. } => 380,
        ChartKind::Heatmap {
            rows: r, columns, ..
        } => {
            let longest = columns.iter().map(|c| c.chars().count()).max().unwrap_or(4);
            120 + 24 * rows(r.len()) + (7 * longest.min(10) as u32)
        }
        ChartKind::Dispersion { rows: r } => 110 + 26 * rows(r.len()),
    };
    (WIDTH, h + legend)
}

/// Draws the chart as an SVG document.
///
/// # Errors
/// When plotters fails to draw (it should not with the embedded fonts).
pub fn render_svg(chart: &Chart) -> Result<String> {
    register_fonts();
    let (w, h) = chart_size(chart);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(chart, &root, 1)?;
        root.present().map_err(|e| chart_err(chart, e))?;
    }
    Ok(out)
}

/// Draws the chart as a PNG image (twice the SVG's size in pixels).
///
/// # Errors
/// When drawing or encoding fails.
pub fn render_png(chart: &Chart) -> Result<Vec<u8>> {
    register_fonts();
    let (w, h) = chart_size(chart);
    let (w, h) = (w * PNG_SCALE, h * PNG_SCALE);
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        draw(chart, &root, PNG_SCALE)?;
        root.present().map_err(|e| chart_err(chart, e))?;
    }
    encode_png(&buf, w, h)
}

/// Encodes an RGB8 buffer as PNG.
pub(crate) fn encode_png(rgb8: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| Error::Png(e.to_string()))?;
        writer
            .write_image_data(rgb8)
            .map_err(|e| Error::Png(e.to_string()))?;
        writer.finish().map_err(|e| Error::Png(e.to_string()))?;
    }
    Ok(out)
}

fn chart_err(chart: &Chart, e: impl std::fmt::Display) -> Error {
    Error::Chart {
        id: chart.id.clone(),
        message: e.to_string(),
    }
}

fn color(hex: &str) -> RGBColor {
    let (r, g, b) = rgb(hex);
    RGBColor(r, g, b)
}

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Legend entries (label, colour) a chart shows above its plot.
fn legend_entries(chart: &Chart) -> Vec<(String, String)> {
    match &chart.kind {
        ChartKind::Bars { series, .. } | ChartKind::Lines { series, .. } if series.len() > 1 => {
            series
                .iter()
                .map(|s| (s.name.clone(), s.color.clone()))
                .collect()
        }
        _ => Vec::new(),
    }
}

fn legend_height(chart: &Chart, s: u32) -> u32 {
    let entries = legend_entries(chart);
    if entries.is_empty() {
        return 0;
    }
    let lines = legend_layout(&entries, WIDTH - 40)
        .last()
        .map_or(0, |e| e.1 + 1);
    (lines * 20 + 6) * s
}

/// Places legend entries in rows: returns (x, line) per entry, in SVG units.
fn legend_layout(entries: &[(String, String)], width: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (mut x, mut line) = (0u32, 0u32);
    for (name, _) in entries {
        let w = 22 + 7 * shorten(name, 30).chars().count() as u32 + 18;
        if x > 0 && x + w > width {
            x = 0;
            line += 1;
        }
        out.push((x, line));
        x += w;
    }
    out
}

type Area<'a, DB> = DrawingArea<DB, Shift>;

fn draw<DB: DrawingBackend>(chart: &Chart, root: &Area<'_, DB>, s: u32) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let si = s as i32;
    root.fill(&WHITE).map_err(err)?;
    // Title.
    let title_h = 34 * s;
    let (header, rest) = root.split_vertically(title_h);
    header
        .draw(&Text::new(
            chart.title.clone(),
            (12 * si, 9 * si),
            (FONT_FAMILY, 17.0 * s as f64, FontStyle::Bold).into_font(),
        ))
        .map_err(err)?;
    // Legend.
    let entries = legend_entries(chart);
    let lh = legend_height(chart, s);
    let (legend, body) = rest.split_vertically(lh);
    for ((name, col), (x, line)) in entries.iter().zip(legend_layout(&entries, WIDTH - 40)) {
        let x = (x as i32 + 14) * si;
        let y = (line as i32 * 20 + 4) * si;
        legend
            .draw(&Rectangle::new(
                [(x, y + 2 * si), (x + 14 * si, y + 14 * si)],
                color(col).filled(),
            ))
            .map_err(err)?;
        legend
            .draw(&Text::new(
                shorten(name, 30),
                (x + 20 * si, y + si),
                (FONT_FAMILY, 12.0 * s as f64).into_font(),
            ))
            .map_err(err)?;
    }
    match &chart.kind {
        ChartKind::Bars {
            categories,
            series,
            stacked,
        } => bars(chart, &body, s, categories, series, *stacked),
        ChartKind::Diverging { rows } => diverging(chart, &body, s, rows),
        ChartKind::Lines { x, series } => lines(chart, &body, s, x, series),
        ChartKind::Heatmap {
            rows,
            columns,
            values,
        } => heatmap(chart, &body, s, rows, columns, values),
        ChartKind::Dispersion { rows } => dispersion(chart, &body, s, rows),
    }
}

fn label_area(labels: &[String], s: u32) -> u32 {
    let longest = labels
        .iter()
        .map(|l| shorten(l, 32).chars().count())
        .max()
        .unwrap_or(4) as u32;
    (8 * longest + 26).clamp(48, 290) * s
}

/// Formats an axis number compactly (`1.5k`, `12`, `0.25`).
fn axis_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 100.0 || (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Maps a y coordinate back to a category label (rows are drawn top to bottom).
fn category_label(labels: &[String], v: f64) -> String {
    let r = v.round();
    let n = labels.len() as f64;
    if (v - r).abs() > 1e-6 || r < 0.0 || r >= n {
        return String::new();
    }
    shorten(&labels[labels.len() - 1 - r as usize], 32)
}

fn bars<DB: DrawingBackend>(
    chart: &Chart,
    area: &Area<'_, DB>,
    s: u32,
    categories: &[String],
    series: &[Series],
    stacked: bool,
) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let n = categories.len();
    let max = (0..n)
        .map(|i| {
            let vals = series
                .iter()
                .map(|se| se.values.get(i).copied().unwrap_or(0.0));
            if stacked {
                vals.sum::<f64>()
            } else {
                vals.fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max);
    let max = if max > 0.0 { max * 1.05 } else { 1.0 };
    let mut cc = ChartBuilder::on(area)
        .margin_right(24 * s)
        .margin_left(8 * s)
        .margin_bottom(6 * s)
        .x_label_area_size(44 * s)
        .y_label_area_size(label_area(categories, s))
        .build_cartesian_2d(0.0..max, -0.5..(n.max(1) as f64 - 0.5))
        .map_err(err)?;
    let fmt_y = |v: &f64| category_label(categories, *v);
    let fmt_x = |v: &f64| axis_number(*v);
    cc.configure_mesh()
        .disable_y_mesh()
        .y_labels(n.max(1))
        .y_label_formatter(&fmt_y)
        .x_label_formatter(&fmt_x)
        .x_labels(8)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT_FAMILY, 12.0 * s as f64))
        .axis_desc_style((FONT_FAMILY, 13.0 * s as f64))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;
    let k = series.len().max(1) as f64;
    for (i, _) in categories.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let mut left = 0.0;
        for (j, se) in series.iter().enumerate() {
            let v = se.values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let (x0, x1, y0, y1) = if stacked {
                let r = (left, left + v, y - 0.38, y + 0.38);
                left += v;
                r
            } else {
                let h = 0.8 / k;
                let top = y + 0.4 - h * j as f64;
                (0.0, v, top - h * 0.92, top)
            };
            cc.draw_series(std::iter::once(Rectangle::new(
                [(x0, y0), (x1, y1)],
                color(&se.color).filled(),
            )))
            .map_err(err)?;
        }
    }
    Ok(())
}

fn diverging<DB: DrawingBackend>(
    chart: &Chart,
    area: &Area<'_, DB>,
    s: u32,
    rows: &[crate::model::IntervalRow],
) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let n = rows.len();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let lo = rows.iter().map(|r| r.low.min(r.value)).fold(0.0, f64::min);
    let hi = rows.iter().map(|r| r.high.max(r.value)).fold(0.0, f64::max);
    let pad = ((hi - lo) * 0.05).max(0.1);
    let mut cc = ChartBuilder::on(area)
        .margin_right(24 * s)
        .margin_left(8 * s)
        .margin_bottom(6 * s)
        .x_label_area_size(44 * s)
        .y_label_area_size(label_area(&labels, s))
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.5..(n.max(1) as f64 - 0.5))
        .map_err(err)?;
    let fmt_y = |v: &f64| category_label(&labels, *v);
    let fmt_x = |v: &f64| axis_number(*v);
    cc.configure_mesh()
        .disable_y_mesh()
        .y_labels(n.max(1))
        .y_label_formatter(&fmt_y)
        .x_label_formatter(&fmt_x)
        .x_labels(10)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT_FAMILY, 12.0 * s as f64))
        .axis_desc_style((FONT_FAMILY, 13.0 * s as f64))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;
    let ny = n.max(1) as f64;
    cc.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, -0.5), (0.0, ny - 0.5)],
        BLACK.stroke_width(s),
    )))
    .map_err(err)?;
    for (i, r) in rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let c = color(&r.color);
        cc.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y - 0.32), (r.value, y + 0.32)],
            c.mix(0.75).filled(),
        )))
        .map_err(err)?;
        let whisker = BLACK.stroke_width(s);
        cc.draw_series([
            PathElement::new(vec![(r.low, y), (r.high, y)], whisker),
            PathElement::new(vec![(r.low, y - 0.15), (r.low, y + 0.15)], whisker),
            PathElement::new(vec![(r.high, y - 0.15), (r.high, y + 0.15)], whisker),
        ])
        .map_err(err)?;
    }
    Ok(())
}

fn lines<DB: DrawingBackend>(
    chart: &Chart,
    area: &Area<'_, DB>,
    s: u32,
    x: &[String],
    series: &[Series],
) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let m = x.len().max(1);
    let max = series
        .iter()
        .flat_map(|se| se.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let max = if max > 0.0 { max * 1.08 } else { 1.0 };
    let mut cc = ChartBuilder::on(area)
        .margin_right(24 * s)
        .margin_left(8 * s)
        .margin_bottom(6 * s)
        .x_label_area_size(44 * s)
        .y_label_area_size(60 * s)
        .build_cartesian_2d(-0.5..(m as f64 - 0.5), 0.0..max)
        .map_err(err)?;
    let fmt_x = |v: &f64| {
        let r = v.round();
        if (v - r).abs() > 1e-6 || r < 0.0 || r as usize >= x.len() {
            String::new()
        } else {
            shorten(&x[r as usize], 12)
        }
    };
    let fmt_y = |v: &f64| axis_number(*v);
    cc.configure_mesh()
        .disable_x_mesh()
        .x_labels(m.min(12))
        .x_label_formatter(&fmt_x)
        .y_label_formatter(&fmt_y)
        .y_labels(8)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT_FAMILY, 12.0 * s as f64))
        .axis_desc_style((FONT_FAMILY, 13.0 * s as f64))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;
    for se in series {
        let c = color(&se.color);
        // Missing values (NaN) break the line: no article in that period is not zero.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (i, v) in se.values.iter().enumerate() {
            if v.is_finite() {
                runs.last_mut().expect("never empty").push((i as f64, *v));
            } else if !runs.last().expect("never empty").is_empty() {
                runs.push(Vec::new());
            }
        }
        for run in runs.iter().filter(|r| r.len() > 1) {
            cc.draw_series(std::iter::once(PathElement::new(
                run.clone(),
                c.stroke_width(2 * s),
            )))
            .map_err(err)?;
        }
        if m <= 40 || runs.iter().any(|r| r.len() == 1) {
            let dots: Vec<(f64, f64)> = runs
                .iter()
                .filter(|r| m <= 40 || r.len() == 1)
                .flatten()
                .copied()
                .collect();
            cc.draw_series(dots.into_iter().map(|p| Circle::new(p, 3 * s, c.filled())))
                .map_err(err)?;
        }
    }
    Ok(())
}

fn heatmap<DB: DrawingBackend>(
    chart: &Chart,
    area: &Area<'_, DB>,
    s: u32,
    rows: &[String],
    columns: &[String],
    values: &[Vec<f64>],
) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let (nr, nc) = (rows.len().max(1), columns.len().max(1));
    let longest = columns
        .iter()
        .map(|c| shorten(c, 24).chars().count())
        .max()
        .unwrap_or(4) as u32;
    let max = values
        .iter()
        .flat_map(|r| r.iter().copied())
        .fold(0.0, f64::max);
    let mut cc = ChartBuilder::on(area)
        .margin_right(24 * s)
        .margin_left(8 * s)
        .margin_bottom(6 * s)
        .x_label_area_size((7 * longest.min(10) + 24) * s)
        .y_label_area_size(label_area(rows, s))
        .build_cartesian_2d(-0.5..(nc as f64 - 0.5), -0.5..(nr as f64 - 0.5))
        .map_err(err)?;
    let fmt_y = |v: &f64| category_label(rows, *v);
    let fmt_x = |v: &f64| {
        let r = v.round();
        if (v - r).abs() > 1e-6 || r < 0.0 || r as usize >= columns.len() {
            String::new()
        } else {
            shorten(&columns[r as usize], 10)
        }
    };
    cc.configure_mesh()
        .disable_mesh()
        .y_labels(nr)
        .x_labels(nc)
        .y_label_formatter(&fmt_y)
        .x_label_formatter(&fmt_x)
        .label_style((FONT_FAMILY, 11.0 * s as f64))
        .axis_desc_style((FONT_FAMILY, 13.0 * s as f64))
        .draw()
        .map_err(err)?;
    let base = (0u8, 0x72u8, 0xb2u8);
    for (ri, row) in values.iter().enumerate() {
        let y = (nr - 1 - ri) as f64;
        for (ci, v) in row.iter().enumerate() {
            let t = if max > 0.0 { (v / max).sqrt() } else { 0.0 };
            let mixc = |b: u8| (255.0 - (255.0 - b as f64) * t).round() as u8;
            let fill = RGBColor(mixc(base.0), mixc(base.1), mixc(base.2));
            let x = ci as f64;
            cc.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                fill.filled(),
            )))
            .map_err(err)?;
            if *v > 0.0 && nc <= 20 {
                let text_color = if t > 0.6 { WHITE } else { BLACK };
                cc.draw_series(std::iter::once(Text::new(
                    axis_number(*v),
                    (x, y),
                    (FONT_FAMILY, 10.0 * s as f64)
                        .into_font()
                        .color(&text_color)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )))
                .map_err(err)?;
            }
        }
    }
    Ok(())
}

fn dispersion<DB: DrawingBackend>(
    chart: &Chart,
    area: &Area<'_, DB>,
    s: u32,
    rows: &[crate::model::DispersionRow],
) -> Result<()> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| chart_err(chart, e);
    let n = rows.len();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let mut cc = ChartBuilder::on(area)
        .margin_right(24 * s)
        .margin_left(8 * s)
        .margin_bottom(6 * s)
        .x_label_area_size(44 * s)
        .y_label_area_size(label_area(&labels, s))
        .build_cartesian_2d(0.0..1.0, -0.5..(n.max(1) as f64 - 0.5))
        .map_err(err)?;
    let fmt_y = |v: &f64| category_label(&labels, *v);
    let fmt_x = |v: &f64| format!("{:.0}%", v * 100.0);
    cc.configure_mesh()
        .disable_y_mesh()
        .y_labels(n.max(1))
        .y_label_formatter(&fmt_y)
        .x_label_formatter(&fmt_x)
        .x_labels(11)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT_FAMILY, 12.0 * s as f64))
        .axis_desc_style((FONT_FAMILY, 13.0 * s as f64))
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()
        .map_err(err)?;
    for (i, r) in rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let c = color(&r.color);
        cc.draw_series(r.positions.iter().map(|&p| {
            let p = p.clamp(0.0, 1.0);
            PathElement::new(vec![(p, y - 0.35), (p, y + 0.35)], c.stroke_width(s))
        }))
        .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IntervalRow, Series};

    fn bars_chart() -> Chart {
        Chart {
            id: "t".into(),
            title: "Top terms".into(),
            caption: String::new(),
            x_label: "occurrences".into(),
            y_label: String::new(),
            kind: ChartKind::Bars {
                categories: vec!["nato".into(), "russia".into(), "mission".into()],
                series: vec![
                    Series {
                        name: "A".into(),
                        color: "#0072B2".into(),
                        values: vec![5.0, 3.0, 1.0],
                    },
                    Series {
                        name: "B".into(),
                        color: "#D55E00".into(),
                        values: vec![2.0, 0.0, 4.0],
                    },
                ],
                stacked: true,
            },
        }
    }

    #[test]
    fn svg_is_deterministic_and_uses_embedded_font() {
        let c = bars_chart();
        let a = render_svg(&c).unwrap();
        let b = render_svg(&c).unwrap();
        assert_eq!(a, b);
        assert!(a.contains("font-family=\"DejaVu Sans\""), "{a}");
        assert!(a.contains("nato") && a.contains("Top terms"));
        // Five non-zero bars, each filled with its series colour.
        assert_eq!(
            a.matches("fill=\"#0072B2\"").count(),
            3 + 1,
            "3 bars + legend"
        );
    }

    #[test]
    fn png_has_expected_size() {
        let c = Chart {
            kind: ChartKind::Diverging {
                rows: vec![IntervalRow {
                    label: "nato".into(),
                    color: "#0072B2".into(),
                    value: 1.5,
                    low: 0.5,
                    high: 2.5,
                }],
            },
            ..bars_chart()
        };
        let png = render_png(&c).unwrap();
        let dec = png::Decoder::new(std::io::Cursor::new(png));
        let reader = dec.read_info().unwrap();
        let (w, h) = chart_size(&c);
        assert_eq!(reader.info().width, w * PNG_SCALE);
        assert_eq!(reader.info().height, h * PNG_SCALE);
    }
}
