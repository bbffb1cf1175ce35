#!/usr/bin/python3
"""Opens a briefing HTML file in headless Chromium (selenium + chromedriver, Debian packages) at
each given width and checks what a reader would notice: nothing wider than the window, every
figure drawn at a non-zero size and named for screen readers, every citation and contents link
landing on its target. Writes a full-page screenshot per width for a person to look at.

Usage: check_html.py FILE.html SHOTS_DIR [WIDTH ...]
Exit 0 when every check passes, 1 when one fails (each failure printed as `FAIL width: what`),
77 when Chromium cannot be started at all (the reason printed as `SKIP: ...`).
"""
import base64
import json
import os
import sys
import tempfile

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError as e:  # python3-selenium missing
    print(f"SKIP: selenium is not importable ({e}); apt-get install python3-selenium")
    sys.exit(77)

CHECKS = r"""
const W = document.documentElement.clientWidth;
const out = {width: W, innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
             overflowing: [], figures: [], links: []};
// Inside a box that scrolls or clips sideways (a wide table), content may be wider: the box is checked.
function clipped(el) {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
}
// Elements sticking out past the right edge, outermost first (their children are not listed).
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && (r.right > W + 0.5 || r.left < -0.5) && !clipped(el)) {
    if (!out.overflowing.some(o => o.el.contains(el))) out.overflowing.push({el, tag: el.tagName.toLowerCase(),
      text: (el.textContent || '').trim().slice(0, 60), left: r.left, right: r.right});
  }
}
out.overflowing = out.overflowing.map(o => ({tag: o.tag, text: o.text, left: o.left, right: o.right}));
for (const f of document.querySelectorAll('figure')) {
  const img = f.querySelector('svg, img');
  const r = (img || f).getBoundingClientRect();
  const s = getComputedStyle(img || f);
  let name = '';
  if (img) {
    const ids = (img.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    name = ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim()
      || img.getAttribute('aria-label') || img.getAttribute('alt') || '';
  }
  out.figures.push({id: f.id, hasImage: !!img, role: img ? img.getAttribute('role') : null, name,
                    width: r.width, height: r.height, left: r.left, right: r.right,
                    visible: s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0});
}
for (const a of document.querySelectorAll('a[href^="#"]')) out.links.push(a.getAttribute('href'));
return out;
"""

# After following a link: which element is :target and where it sits in the window.
LANDED = r"""
const t = document.querySelector(':target');
if (!t) return null;
const r = t.getBoundingClientRect();
return {id: t.id, top: r.top, bottom: r.bottom, height: window.innerHeight, text: (t.textContent || '').trim().slice(0, 40)};
"""


def start(width):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
              f"--window-size={width},900", "--force-device-scale-factor=1", "--lang=zh-CN",
              f"--user-data-dir={tempfile.mkdtemp(prefix='reportgen-chromium-')}"):
        opts.add_argument(a)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    d = webdriver.Chrome(service=service, options=opts)
    # The exact CSS width, as a phone (mobile: the page's viewport meta applies) or a desktop.
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    return d


def check(driver, url, width, shots, stem):
    fails = []
    driver.get(url)
    driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")
    r = driver.execute_script(CHECKS)
    if r["width"] != width:
        fails.append(f"the window is {r['width']} px wide, not {width}")
    if r["scrollWidth"] > r["width"]:
        fails.append(f"the page scrolls sideways: {r['scrollWidth']} px of content in {r['width']} px")
    for o in r["overflowing"]:
        fails.append(f"<{o['tag']}> sticks out ({o['left']:.0f}..{o['right']:.0f} px of {r['width']}): {o['text']!r}")
    if not r["figures"]:
        fails.append("no <figure> in the page")
    for f in r["figures"]:
        what = f"figure #{f['id']}"
        if not f["hasImage"]:
            fails.append(f"{what} has no svg or img")
        if not f["visible"] or f["width"] < 1 or f["height"] < 1:
            fails.append(f"{what} is not visible ({f['width']:.0f} x {f['height']:.0f} px)")
        if f["right"] > r["width"] + 0.5:
            fails.append(f"{what} is cut off on the right ({f['right']:.0f} px)")
        if f["role"] != "img" or len(f["name"]) < 10 or not any(c.isdigit() for c in f["name"]):
            fails.append(f"{what} has no text alternative with numbers (role {f['role']!r}, name {f['name'][:40]!r})")
    cites = [h for h in r["links"] if h.startswith("#src-")]
    if not cites:
        fails.append("no citation links (#src-N)")
    for href in dict.fromkeys(r["links"]):  # each target once, in page order
        driver.execute_script("window.scrollTo(0, 0); location.hash = ''; "
                              "document.querySelector(`a[href=\"${arguments[0]}\"]`).click();", href)
        landed = driver.execute_script(LANDED)
        if landed is None or "#" + landed["id"] != href:
            fails.append(f"link {href} lands on {landed and landed['id']!r}")
        elif landed["top"] < -1 or landed["top"] >= landed["height"]:
            fails.append(f"link {href}: its target is outside the window (top {landed['top']:.0f} px)")
    driver.execute_script("window.scrollTo(0, 0); history.replaceState(null, '', location.pathname);")
    # Full-page screenshot: the window made as tall as the page, then captured.
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": min(height, 16000), "deviceScaleFactor": 1, "mobile": width < 600})
    png = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
    path = os.path.join(shots, f"{stem}-{width}.png")
    with open(path, "wb") as fh:
        fh.write(base64.b64decode(png["data"]))
    # The same page in screen-sized parts, readable at full size in an image viewer.
    part_h = 1600
    for k in range(min(20, (min(height, 16000) + part_h - 1) // part_h)):
        clip = {"x": 0, "y": k * part_h, "width": width, "height": min(part_h, height - k * part_h), "scale": 1}
        part = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})
        with open(os.path.join(shots, f"{stem}-{width}-part{k + 1}.png"), "wb") as fh:
            fh.write(base64.b64decode(part["data"]))
    print(f"{width} px: {len(r['figures'])} figures, {len(cites)} citation links, {len(r['links'])} links in all, "
          f"page {r['scrollWidth']} x {height} px; screenshot {path}")
    return fails


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    html, shots = os.path.abspath(sys.argv[1]), sys.argv[2]
    widths = [int(w) for w in sys.argv[3:]] or [1280, 390]
    os.makedirs(shots, exist_ok=True)
    stem = os.path.splitext(os.path.basename(html))[0]
    failures = []
    for width in widths:
        try:
            driver = start(width)
        except Exception as e:  # no browser binary, no driver, cannot launch
            print(f"SKIP: Chromium cannot start: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}")
            return 77
        try:
            failures += [f"FAIL {width}: {f}" for f in check(driver, "file://" + html, width, shots, stem)]
        finally:
            driver.quit()
    for f in failures:
        print(f)
    print(json.dumps({"passed": not failures, "failures": len(failures)}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
