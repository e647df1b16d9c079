//! Find my device's map, drawn by Portico itself: Natural Earth's 1:50m countries (public
//! domain, embedded in the binary) in Web Mercator around the last fix, with the pin, the
//! accuracy radius and the earlier fixes, as an SVG picture. No tiles, scripts or trackers
//! of anyone else's.

use std::fmt::Write;
use std::sync::OnceLock;

/// Natural Earth's countries as TopoJSON (`data/natural-earth/README.md`).
const COUNTRIES: &[u8] = include_bytes!("../../data/natural-earth/countries-50m.json");

/// The picture's size, in pixels.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 360.0;

const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// One country: its rings (outer and holes) in degrees, and its bounding box.
struct Country {
    rings: Vec<Vec<(f64, f64)>>,
    /// (west, south, east, north).
    bbox: (f64, f64, f64, f64),
}

/// A fix to draw: where, and how sure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: f64,
}

#[derive(serde::Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(serde::Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(serde::Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(serde::Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(serde::Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
    },
    #[serde(other)]
    Other,
}

/// The countries, decoded once (on the first map drawn: a portal nobody asks for a map
/// of never spends the memory).
fn countries() -> &'static [Country] {
    static DECODED: OnceLock<Vec<Country>> = OnceLock::new();
    DECODED.get_or_init(|| decode(COUNTRIES).unwrap_or_default())
}

/// TopoJSON's arcs: quantized, delta-encoded; a negative index `!i` is arc `i` reversed.
fn decode(json: &[u8]) -> Option<Vec<Country>> {
    let topology: Topology = serde_json::from_slice(json).ok()?;
    let [sx, sy] = topology.transform.scale;
    let [tx, ty] = topology.transform.translate;
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    #[expect(clippy::cast_precision_loss, reason = "quantized to 10^5 steps")]
                    (x as f64 * sx + tx, y as f64 * sy + ty)
                })
                .collect()
        })
        .collect();
    let ring = |indexes: &Vec<i64>| -> Vec<(f64, f64)> {
        let mut points = Vec::new();
        for &i in indexes {
            let (reversed, at) = if i < 0 { (true, !i) } else { (false, i) };
            let Some(arc) = usize::try_from(at).ok().and_then(|at| arcs.get(at)) else {
                continue;
            };
            // Consecutive arcs share their joining point.
            let skip = usize::from(!points.is_empty());
            if reversed {
                points.extend(arc.iter().rev().skip(skip));
            } else {
                points.extend(arc.iter().skip(skip));
            }
        }
        points
    };
    let countries = topology
        .objects
        .countries
        .geometries
        .iter()
        .filter_map(|g| {
            let rings: Vec<Vec<(f64, f64)>> = match g {
                Geometry::Polygon { arcs } => arcs.iter().map(ring).collect(),
                Geometry::MultiPolygon { arcs } => arcs.iter().flatten().map(ring).collect(),
                Geometry::Other => return None,
            };
            let points = rings.iter().flatten();
            let bbox = points.fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(w, s, e, n), &(x, y)| (w.min(x), s.min(y), e.max(x), n.max(y)),
            );
            Some(Country { rings, bbox })
        })
        .collect();
    Some(countries)
}

/// Web Mercator around a centre, `scale` pixels per radian of longitude.
struct View {
    lon0: f64,
    y0: f64,
    scale: f64,
}

fn mercator_y(latitude: f64) -> f64 {
    let lat = latitude.clamp(-85.0, 85.0).to_radians();
    (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln()
}

impl View {
    /// A view centred on `fix`, wide enough for its accuracy circle and some country
    /// around it (at least 10 degrees of longitude).
    fn around(fix: &Fix) -> Self {
        let circle_deg = (fix.accuracy_m * 6.0
            / (EARTH_RADIUS_M * fix.latitude.to_radians().cos().max(0.05)))
        .to_degrees();
        let width_deg = circle_deg.clamp(10.0, 360.0);
        Self {
            lon0: fix.longitude,
            y0: mercator_y(fix.latitude),
            scale: WIDTH / width_deg.to_radians(),
        }
    }

    fn point(&self, longitude: f64, latitude: f64) -> (f64, f64) {
        let mut dlon = longitude - self.lon0;
        if dlon > 180.0 {
            dlon -= 360.0;
        } else if dlon < -180.0 {
            dlon += 360.0;
        }
        (
            WIDTH / 2.0 + dlon.to_radians() * self.scale,
            HEIGHT / 2.0 - (mercator_y(latitude) - self.y0) * self.scale,
        )
    }

    /// The degrees of longitude and latitude the picture shows (with a margin).
    fn bounds(&self) -> (f64, f64, f64, f64) {
        let half_lon = (WIDTH / 2.0 / self.scale).to_degrees() * 1.2;
        let lat = |y: f64| (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
        let half_y = HEIGHT / 2.0 / self.scale * 1.2;
        (
            self.lon0 - half_lon,
            lat(self.y0 - half_y),
            self.lon0 + half_lon,
            lat(self.y0 + half_y),
        )
    }

    /// The accuracy radius in pixels at `fix`.
    fn radius(&self, fix: &Fix) -> f64 {
        fix.accuracy_m / (EARTH_RADIUS_M * fix.latitude.to_radians().cos().max(0.01)) * self.scale
    }
}

/// The map around `latest`, with `earlier` fixes as small dots.
pub fn render(latest: &Fix, earlier: &[Fix]) -> String {
    let view = View::around(latest);
    let (west, south, east, north) = view.bounds();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-labelledby=\"map-title\">\
         <title id=\"map-title\">Where the PC was last seen</title>\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#cfe3f3\"/>\
         <g fill=\"#f4f1e8\" stroke=\"#a39e8f\" stroke-width=\"0.8\" stroke-linejoin=\"round\">"
    );
    let wraps = east - west >= 360.0;
    for country in countries() {
        let (w, s, e, n) = country.bbox;
        let meets = wraps || (e >= west && w <= east) || west < -180.0 || east > 180.0;
        if !(meets && n >= south && s <= north) {
            continue;
        }
        let mut d = String::new();
        for ring in &country.rings {
            let mut last: Option<(f64, f64)> = None;
            for &(lon, lat) in ring {
                let (x, y) = view.point(lon, lat);
                // A jump across the map's edge (the antimeridian) starts a new stroke.
                let jump = last.is_some_and(|(lx, _)| (x - lx).abs() > WIDTH);
                match last {
                    Some((lx, ly)) if !jump && (x - lx).abs() < 0.6 && (y - ly).abs() < 0.6 => {
                        continue;
                    }
                    Some(_) if !jump => {
                        let _ = write!(d, "L{x:.1} {y:.1}");
                    }
                    _ => {
                        let _ = write!(d, "M{x:.1} {y:.1}");
                    }
                }
                last = Some((x, y));
            }
            d.push('Z');
        }
        let _ = write!(svg, "<path d=\"{d}\"/>");
    }
    svg.push_str("</g>");
    for fix in earlier {
        let (x, y) = view.point(fix.longitude, fix.latitude);
        let _ = write!(
            svg,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#6b7280\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        );
    }
    let (x, y) = view.point(latest.longitude, latest.latitude);
    let r = view.radius(latest).max(6.0);
    let _ = write!(
        svg,
        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"#0b5cad\" fill-opacity=\"0.18\" stroke=\"#0b5cad\" stroke-width=\"1.5\"/>\
         <path d=\"M{x:.1} {y:.1}c-2-7-9-11-9-18a9 9 0 0 1 18 0c0 7-7 11-9 18z\" fill=\"#c42b1c\" stroke=\"#fff\" stroke-width=\"1.5\"/>\
         <circle cx=\"{x:.1}\" cy=\"{cy:.1}\" r=\"3.2\" fill=\"#fff\"/></svg>",
        cy = y - 18.0
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_earth_decodes_into_countries_where_they_are() {
        let all = countries();
        assert!(all.len() > 200, "{} countries", all.len());
        // Some country's box holds Paris, none holds the middle of the Atlantic.
        let holds = |lon: f64, lat: f64| {
            all.iter()
                .any(|c| c.bbox.0 <= lon && lon <= c.bbox.2 && c.bbox.1 <= lat && lat <= c.bbox.3)
        };
        assert!(holds(2.35, 48.86));
        assert!(!holds(-120.0, -58.0), "the Southern Ocean");
    }

    #[test]
    fn the_pin_is_in_the_middle_and_the_circle_grows_with_the_accuracy() {
        let paris = Fix {
            latitude: 48.8584,
            longitude: 2.2945,
            accuracy_m: 50.0,
        };
        let svg = render(&paris, &[]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("cx=\"320.0\" cy=\"180.0\""),
            "the fix is the centre"
        );
        assert!(
            svg.matches("<path").count() > 5,
            "France and its neighbours are drawn"
        );
        let view = View::around(&paris);
        let wide = Fix {
            accuracy_m: 50_000.0,
            ..paris
        };
        assert!(view.radius(&wide) > 10.0 * view.radius(&paris).max(0.1));
        // Far from everything: only the sea, the pin and the circle.
        let sea = render(
            &Fix {
                latitude: -58.0,
                longitude: -120.0,
                accuracy_m: 10.0,
            },
            &[],
        );
        assert_eq!(sea.matches("<path").count(), 1, "the pin only");
        let with_earlier = render(
            &paris,
            &[Fix {
                latitude: 48.9,
                longitude: 2.4,
                accuracy_m: 20.0,
            }],
        );
        assert_eq!(with_earlier.matches("r=\"4\"").count(), 1);
    }
}
