//! Draws the benchmark scaling curve (`bench/scaling.csv`, written by `bench/run.py`) with the
//! report's own chart code and palette: wall time of `gazette terms`, wall time of
//! `gazette actors`, and the peak memory of both, against corpus size, one line per command
//! and thread count. The three charts are stacked in one SVG.
//!
//! ```sh
//! cargo build --release --workspace --examples
//! target/release/examples/scaling_chart bench/scaling.csv bench/scaling.svg
//! ```
//!
//! The CSV needs the columns `command`, `threads`, `scale`, `mb`, `wall_s` and `max_rss_mb`.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;

use gazette_report::{Chart, ChartKind, Series, chart_size, render_svg, source_styles};

/// One row of the CSV.
struct Point {
    command: String,
    threads: u32,
    scale: u32,
    mb: f64,
    wall_s: f64,
    max_rss_mb: f64,
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: scaling_chart SCALING.csv OUT.svg".into());
    };
    let points = read_points(Path::new(input))?;
    let svg = stack(&charts(&points)?)?;
    std::fs::write(output, svg)?;
    Ok(())
}

/// Reads the CSV (plain comma-separated values without quoting, as `bench/run.py` writes it).
fn read_points(path: &Path) -> Result<Vec<Point>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty CSV")?.split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("no column `{name}` in {}", path.display()))
    };
    let (c, t, s, m, w, r) = (
        col("command")?,
        col("threads")?,
        col("scale")?,
        col("mb")?,
        col("wall_s")?,
        col("max_rss_mb")?,
    );
    let mut points = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let get = |i: usize| f.get(i).copied().ok_or("short CSV row");
        points.push(Point {
            command: get(c)?.to_string(),
            threads: get(t)?.parse()?,
            scale: get(s)?.parse()?,
            mb: get(m)?.parse()?,
            wall_s: get(w)?.parse()?,
            max_rss_mb: get(r)?.parse()?,
        });
    }
    Ok(points)
}

/// Builds the three charts: terms time, actors time, peak memory of both.
fn charts(points: &[Point]) -> Result<Vec<Chart>, Box<dyn Error>> {
    // Corpus sizes, left to right, labelled with their size in MB.
    let mut sizes: BTreeMap<u32, f64> = BTreeMap::new();
    for p in points {
        sizes.insert(p.scale, p.mb);
    }
    let x: Vec<String> = sizes
        .iter()
        .map(|(k, mb)| format!("{k}× ({mb:.0} MB)"))
        .collect();
    // One line per (command, threads), in a fixed order so colours stay put between reruns.
    let mut lines: Vec<(String, u32)> = points
        .iter()
        .map(|p| (p.command.clone(), p.threads))
        .collect();
    lines.sort_by(|a, b| (a.0 != "terms", &a.0, a.1).cmp(&(b.0 != "terms", &b.0, b.1)));
    lines.dedup();
    if lines.is_empty() {
        return Err("no data rows".into());
    }
    let names: Vec<String> = lines
        .iter()
        .map(|(c, t)| format!("{c}, {t} thread{}", if *t == 1 { "" } else { "s" }))
        .collect();
    let styles = source_styles(&names);
    let series = |value: &dyn Fn(&Point) -> f64, only: Option<&str>| -> Vec<Series> {
        lines
            .iter()
            .zip(&styles)
            .filter(|((c, _), _)| only.is_none_or(|o| o == c))
            .map(|((c, t), style)| Series {
                name: style.name.clone(),
                color: style.color.clone(),
                values: sizes
                    .keys()
                    .map(|k| {
                        points
                            .iter()
                            .find(|p| &p.command == c && p.threads == *t && p.scale == *k)
                            .map_or(f64::NAN, value)
                    })
                    .collect(),
            })
            .collect()
    };
    let x_label = "corpus size (copies of BBC News)".to_string();
    let time_chart = |command: &str| Chart {
        id: format!("scaling-{command}"),
        title: format!("gazette {command}: wall time"),
        caption: String::new(),
        x_label: x_label.clone(),
        y_label: "seconds (median)".into(),
        kind: ChartKind::Lines {
            x: x.clone(),
            series: series(&|p| p.wall_s, Some(command)),
        },
    };
    let mut out = Vec::new();
    for command in ["terms", "actors"] {
        if lines.iter().any(|(c, _)| c == command) {
            out.push(time_chart(command));
        }
    }
    out.push(Chart {
        id: "scaling-memory".into(),
        title: "Peak memory".into(),
        caption: String::new(),
        x_label,
        y_label: "peak RSS, MB (median)".into(),
        kind: ChartKind::Lines {
            x,
            series: series(&|p| p.max_rss_mb, None),
        },
    });
    Ok(out)
}

/// Stacks the charts' SVG documents vertically in one SVG document.
fn stack(charts: &[Chart]) -> Result<String, Box<dyn Error>> {
    let width = charts.iter().map(|c| chart_size(c).0).max().unwrap_or(0);
    let height: u32 = charts.iter().map(|c| chart_size(c).1).sum();
    let mut svg = format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    let mut y = 0;
    for chart in charts {
        let one = render_svg(chart)?;
        let start = one.find("<svg").ok_or("plotters wrote no <svg> element")?;
        svg.push_str(&one[start..].replacen("<svg", &format!("<svg y=\"{y}\""), 1));
        svg.push('\n');
        y += chart_size(chart).1;
    }
    svg.push_str("</svg>\n");
    Ok(svg)
}
