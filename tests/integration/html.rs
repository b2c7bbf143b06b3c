//! Issue 9: the offline report page (`index.html`).
//!
//! The browser test drives Debian's chromium through the DevTools protocol
//! (a websocket, `tungstenite`). It needs chromium, so it is `#[ignore]`d:
//! `.ci/run` runs it (`cargo test -- --ignored`) when chromium is installed and
//! says "skipped" when it is not.

use crate::util::{Rng, TestDir};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A place name that would run script if it were ever written as markup.
const EVIL: &str =
    r#"Bad <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> 'q' "village""#;

/// id, date, place, lat, lon, low, best, high.
type Row<'a> = (&'a str, &'a str, &'a str, f64, f64, u32, u32, u32);

/// Incidents in three admin-1 regions over three months, one with a hostile
/// place name, plus the shipped sample.
fn report_dir() -> (TestDir, PathBuf) {
    let t = TestDir::new();
    let mut csv =
        String::from("id,date_start,place,lat,lon,deaths_low,deaths_best,deaths_high,evidence\n");
    let rows: [Row; 5] = [
        ("h1", "2024-01-10", "Djibo", 14.10, -1.63, 8, 10, 15),
        ("h2", "2024-02-03", "Djibo", 14.10, -1.63, 3, 4, 6),
        ("h3", "2024-02-20", "Mopti", 14.49, -4.20, 20, 25, 40),
        ("h4", "2024-03-05", "Tillaberi", 14.21, 1.45, 5, 7, 9),
        ("h5", "2024-03-06", EVIL, 14.30, 1.50, 2, 3, 4),
    ];
    for (id, d, place, lat, lon, l, b, h) in rows {
        csv.push_str(&format!(
            "{id},{d},\"{}\",{lat},{lon},{l},{b},{h},\"Gunmen killed {b} people near {}.\"\n",
            place.replace('"', "\"\""),
            place.replace('"', "\"\"")
        ));
    }
    t.write("html_input.csv", csv);
    let o = t.run(&[
        "report",
        "html_input.csv",
        crate::util::sample_incidents().to_str().unwrap_or_default(),
        "-o",
        "out",
        "--quiet",
    ]);
    assert!(o.code == 0 || o.code == 1, "report failed: {}", o.stderr);
    let page = t.join("out/index.html");
    assert!(page.is_file(), "no index.html: {}", o.stderr);
    (t, page)
}

#[test]
fn hostile_place_names_stay_text() {
    let (_t, page) = report_dir();
    let html = std::fs::read_to_string(&page).expect("read page");
    assert!(!html.contains("<script>window.__pwned"));
    assert!(!html.contains("<img src=x"));
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the page's own scripts"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network URL"
    );
    // the data blob still holds the name unchanged
    let start = html.find("id=\"atlas-data\">").expect("data") + "id=\"atlas-data\">".len();
    let end = start + html[start..].find("</script>").expect("end");
    let v: Value = serde_json::from_str(&html[start..end]).expect("json");
    let names: Vec<&str> = v["incidents"]
        .as_array()
        .expect("incidents")
        .iter()
        .filter_map(|i| i[2].as_str())
        .collect();
    assert!(names.contains(&EVIL), "{names:?}");
}

#[test]
fn no_html_flag_skips_the_page_and_bytes_are_stable() {
    let t = TestDir::new();
    let s = crate::util::sample_incidents();
    let s = s.to_str().unwrap_or_default();
    let o = t.run(&[
        "report",
        s,
        "-o",
        "a",
        "--quiet",
        "--no-html",
        "--no-charts",
    ]);
    assert!(o.code <= 1, "{}", o.stderr);
    assert!(!t.join("a/index.html").exists());
    t.run(&["report", s, "-o", "b", "--quiet"]);
    t.run(&["report", s, "-o", "c", "--quiet"]);
    let (b, c) = (t.read("b/index.html"), t.read("c/index.html"));
    assert!(b == c, "index.html differs between identical runs");
}

#[test]
fn ten_thousand_incidents_stay_under_5_mb() {
    let t = TestDir::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut csv =
        String::from("id,date_start,place,lat,lon,deaths_low,deaths_best,deaths_high,evidence\n");
    for i in 0..10_000 {
        let lat = rng.range(11.0, 17.0);
        let lon = rng.range(-8.0, 4.0);
        let best = 1 + rng.below(60);
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let year = 2019 + rng.below(6);
        csv.push_str(&format!(
            "e{i},{year}-{month:02}-{day:02},Village number {} of the district,{lat:.5},{lon:.5},{},{best},{},\"At least {best} civilians were killed when armed men attacked the weekly market of village number {} on the road to the district capital, local officials and a humanitarian source said on condition of anonymity.\"\n",
            i % 997,
            best.saturating_sub(2),
            best + 5,
            i % 997
        ));
    }
    t.write("big.csv", csv);
    let o = t.run(&[
        "report", "big.csv", "-o", "out", "--quiet", "--stream", "never",
    ]);
    assert!(o.code <= 1, "{}", o.stderr);
    let size = std::fs::metadata(t.join("out/index.html"))
        .expect("page")
        .len();
    eprintln!("index.html for 10,000 incidents: {size} bytes");
    assert!(size < 5_000_000, "index.html is {size} bytes");
}

// ---------------------------------------------------------------------------
// The browser test

/// Debian's chromium, or a `chromium` / `chromium-browser` on the PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

/// The browser process, killed (by its own id) on drop.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>;

/// A DevTools session on one page.
struct Cdp {
    ws: Socket,
    next_id: u64,
    events: Vec<Value>,
}

impl Cdp {
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws.send(tungstenite::Message::text(msg)).expect("send");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < deadline, "no answer to {method}");
            let m = self.ws.read().expect("read from devtools");
            let Ok(text) = m.to_text() else { continue };
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if v["id"].as_u64() == Some(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    fn wait_event(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == method) {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let m = self.ws.read().expect("read from devtools");
            let Ok(text) = m.to_text() else { continue };
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let hit = v["method"] == method;
            if v.get("method").is_some() {
                self.events.push(v);
            }
            if hit {
                return;
            }
        }
        panic!("no {method} event");
    }

    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expr}: {r}");
        r["result"]["value"].clone()
    }

    fn mouse(&mut self, kind: &str, x: f64, y: f64) {
        let mut p = json!({"type": kind, "x": x, "y": y});
        if kind != "mouseMoved" {
            p["button"] = json!("left");
            p["clickCount"] = json!(1);
        }
        self.call("Input.dispatchMouseEvent", p);
    }

    fn click(&mut self, x: f64, y: f64) {
        self.mouse("mouseMoved", x, y);
        self.mouse("mousePressed", x, y);
        self.mouse("mouseReleased", x, y);
    }

    /// Errors seen so far: console errors, uncaught exceptions, error log
    /// entries, and any request that would leave the file.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or_default() {
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    out.push(format!("console: {}", p["args"]))
                }
                "Runtime.exceptionThrown" => {
                    out.push(format!("exception: {}", p["exceptionDetails"]))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    out.push(format!("log: {}", p["entry"]["text"]))
                }
                "Network.requestWillBeSent" => {
                    let url = p["request"]["url"].as_str().unwrap_or_default();
                    if !(url.starts_with("file:")
                        || url.starts_with("data:")
                        || url.starts_with("about:"))
                    {
                        out.push(format!("network request: {url}"));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

fn http_get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect devtools http");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut body = String::new();
    s.read_to_string(&mut body).ok();
    body.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

fn launch(exe: &Path) -> (Browser, Cdp) {
    let profile = tempfile::tempdir().expect("profile dir");
    let child = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1280,1000",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let browser = Browser {
        child,
        _profile: profile,
    };
    let port_file = browser._profile.path().join("DevToolsActivePort");
    let deadline = Instant::now() + Duration::from_secs(60);
    let port: u16 = loop {
        if let Some(p) = std::fs::read_to_string(&port_file)
            .ok()
            .and_then(|s| s.lines().next().and_then(|l| l.trim().parse().ok()))
        {
            break p;
        }
        assert!(
            Instant::now() < deadline,
            "chromium did not open its DevTools port"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let ws_url = loop {
        let list: Value =
            serde_json::from_str(&http_get(port, "/json/list")).unwrap_or(Value::Null);
        if let Some(u) = list.as_array().and_then(|a| {
            a.iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
        }) {
            break u;
        }
        assert!(Instant::now() < deadline, "no page target");
        std::thread::sleep(Duration::from_millis(100));
    };
    let (ws, _) = tungstenite::connect(ws_url.as_str()).expect("devtools websocket");
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
        s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    }
    (
        browser,
        Cdp {
            ws,
            next_id: 0,
            events: Vec::new(),
        },
    )
}

fn b64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// `1234` → `1,234`, as the page prints numbers.
fn fmt(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[test]
#[ignore = "needs chromium (apt-get install chromium); .ci/run runs it when present"]
fn the_page_works_in_a_real_browser() {
    let exe = chromium().expect(
        "chromium is not installed (apt-get install -y chromium): this test cannot run without it",
    );
    let (t, page) = report_dir();
    let regions: Value =
        serde_json::from_str(&t.read("out/regions_admin1.geojson")).expect("regions layer");
    // the layer also holds the leftover rows (unallocated, unassigned), with no geometry
    let features: Vec<Value> = regions["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter(|f| !f["geometry"].is_null())
        .cloned()
        .collect();

    let (_browser, mut cdp) = launch(&exe);
    for m in [
        "Runtime.enable",
        "Log.enable",
        "Network.enable",
        "Page.enable",
    ] {
        cdp.call(m, json!({}));
    }
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
    );
    let url = format!("file://{}", page.display());
    cdp.call("Page.navigate", json!({ "url": url }));
    cdp.wait_event("Page.loadEventFired");

    // One path per region of the layer.
    let paths = cdp.eval("document.querySelectorAll('#regions path').length");
    assert_eq!(paths.as_u64(), Some(features.len() as u64));

    // Hovering the region with the most deaths shows its toll.
    let top = features
        .iter()
        .max_by_key(|f| f["properties"]["deaths_best"].as_u64().unwrap_or(0))
        .expect("a region");
    let p = &top["properties"];
    let name = p["name"].as_str().unwrap_or_default().to_string();
    let toll = format!(
        "deaths {}–{}–{}",
        fmt(p["deaths_low"].as_u64().unwrap_or(0)),
        fmt(p["deaths_best"].as_u64().unwrap_or(0)),
        fmt(p["deaths_high"].as_u64().unwrap_or(0))
    );
    // A point of the viewport where that region's path is the topmost element.
    let find = format!(
        r#"(() => {{
          const D = JSON.parse(document.getElementById('atlas-data').textContent);
          const i = D.regions.findIndex(r => r.name === {name});
          const path = document.querySelector('#regions path[data-r="' + i + '"]');
          path.scrollIntoView({{block: 'center'}});
          const b = path.getBoundingClientRect();
          for (let fy = 0.5; fy < 1; fy += 0.05) for (let s of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05) for (let t of [1, -1]) {{
            const x = b.left + b.width * (0.5 + t * (fx - 0.5)), y = b.top + b.height * (0.5 + s * (fy - 0.5));
            if (document.elementFromPoint(x, y) === path) return [x, y];
          }}
          return null;
        }})()"#,
        name = json!(name)
    );
    let xy = cdp.eval(&find);
    let (x, y) = (
        xy[0].as_f64().expect("a point in the region"),
        xy[1].as_f64().unwrap_or(0.0),
    );
    cdp.mouse("mouseMoved", x, y);
    let tip = cdp.eval(
        "document.getElementById('tip').hidden ? '' : document.getElementById('tip').textContent",
    );
    let tip = tip.as_str().unwrap_or_default().to_string();
    assert!(
        tip.contains(&name) && tip.contains(&toll),
        "tooltip {tip:?}, wanted {name} and {toll}"
    );

    // Clicking the region narrows the incidents table to it.
    cdp.click(x, y);
    let regions_listed = cdp.eval(
        "[...document.querySelectorAll('#incident-table tbody tr')].map(tr => tr.children[2].textContent)",
    );
    let regions_listed = regions_listed.as_array().cloned().unwrap_or_default();
    assert!(!regions_listed.is_empty(), "no incident listed for {name}");
    assert!(
        regions_listed
            .iter()
            .all(|r| r.as_str() == Some(name.as_str())),
        "{regions_listed:?}"
    );
    cdp.eval("document.getElementById('clear-region').click()");

    // Hovering the hostile incident shows its name as text.
    let find_dot = r#"(() => {
      const D = JSON.parse(document.getElementById('atlas-data').textContent);
      const i = D.incidents.findIndex(x => x[2].includes('<script>'));
      const c = document.querySelector('#incidents circle[data-i="' + i + '"]');
      c.parentNode.appendChild(c); // on top of its neighbours
      const b = c.getBoundingClientRect();
      return [b.left + b.width / 2, b.top + b.height / 2];
    })()"#;
    let xy = cdp.eval(find_dot);
    cdp.mouse(
        "mouseMoved",
        xy[0].as_f64().unwrap_or(0.0),
        xy[1].as_f64().unwrap_or(0.0),
    );
    let tip = cdp.eval("document.getElementById('tip').textContent");
    assert!(
        tip.as_str().unwrap_or_default().contains(EVIL),
        "tooltip {tip}"
    );
    assert_eq!(cdp.eval("typeof window.__pwned"), json!("undefined"));
    assert_eq!(cdp.eval("document.scripts.length"), json!(2));
    let in_table = cdp.eval(&format!(
        "[...document.querySelectorAll('#incident-table td')].some(td => td.textContent === {})",
        json!(EVIL)
    ));
    assert_eq!(in_table, json!(true));

    // Changing the period (the "next" button) changes the totals, and they
    // match the aggregates table for that period.
    let before = cdp.eval("document.getElementById('t-best').textContent");
    let xy = cdp.eval(
        "(() => { const b = document.getElementById('next'); b.scrollIntoView(); const r = b.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    cdp.click(xy[0].as_f64().unwrap_or(0.0), xy[1].as_f64().unwrap_or(0.0));
    let label = cdp.eval("document.getElementById('period-label').textContent");
    let after = cdp.eval("document.getElementById('t-best').textContent");
    assert_ne!(before, after, "totals did not change with the period");
    let label = label.as_str().unwrap_or_default().to_string();
    let (h, rows) = crate::util::read_csv(&t.join("out/aggregates_admin1_month.csv"));
    let (ps, best) = (
        crate::util::col(&h, "period_start"),
        crate::util::col(&h, "deaths_best"),
    );
    let want: u64 = rows
        .iter()
        .filter(|r| r[ps].starts_with(&label))
        .map(|r| r[best].parse::<u64>().unwrap_or(0))
        .sum();
    assert_eq!(after.as_str(), Some(fmt(want).as_str()), "period {label}");
    // back to all periods for the screenshot
    cdp.eval("(() => { const s = document.getElementById('period-select'); s.value = '0'; s.dispatchEvent(new Event('change')); })()");
    cdp.eval("window.scrollTo(0, 0)");
    let xy = cdp.eval(&find);
    cdp.mouse(
        "mouseMoved",
        xy[0].as_f64().unwrap_or(0.0),
        xy[1].as_f64().unwrap_or(0.0),
    );

    let shot = cdp.call("Page.captureScreenshot", json!({"format": "png"}));
    let png = b64_decode(shot["data"].as_str().unwrap_or_default());
    assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out = dir.join("index_html_screenshot.png");
    std::fs::write(&out, &png).expect("save screenshot");
    eprintln!("screenshot: {}", out.display());

    let problems = cdp.problems();
    assert!(problems.is_empty(), "{problems:#?}");
}
