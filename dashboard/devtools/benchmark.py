"""Measure ODOP Atlas against its performance targets and print every figure.

Usage: python scripts/benchmark.py [--quick] [--data-dir DIR]

Measured as users meet it: ``python -m dashboard`` (gunicorn, 2 sync workers) and headless
Chromium, p95 over 20 repeats with min and median beside it: map first painted (the preview) and
interactive map settled after navigation, map draws on load, click -> outline painted, filter -> map
repainted, bytes over the wire on a first visit and a revisit, the workers' memory; plus the cold
start, the server time of an All-India map update, and the scaling on synthetic layers of 4x and 9x
the polygons. Targets are printed as met/MISSED, never asserted by the tests. A full run (not
--quick) saves its figures to docs/performance/benchmark.json, from which scripts/update_readme.py
writes the README's table. --quick skips the browser and the scaling parts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import numpy as np
import psutil
import shapely

from dashboard import ids
from dashboard.app import create_app
from dashboard.data.atlas import load_atlas
from dashboard.data.vocabulary import SECTORS
from dashboard.devtools.performance import save_run
from dashboard.maps.figures import build_map_base, map_figure
from dashboard.maps.topology import OBJECTS, decoded
from dashboard.maps.update import map_update
from dashboard.queries import filter_products
from dashboard.settings import DEFAULT_DATA_DIR, REPO_DIR
from dashboard.view import View

RESULTS: list[dict] = []


def report(name: str, value: float, unit: str, target: float | None = None, spread: str = "") -> None:
    """Print one figure now and keep it for the summary table (``spread``: "min / median" beside a p95)."""
    verdict = "" if target is None else ("met" if value <= target else "MISSED")
    goal = "" if target is None else f"<= {target:g} {unit}"
    line = f"{name}: {value:.3f} {unit}" + (f"  (target {goal}: {verdict})" if goal else "")
    print(line, flush=True)
    RESULTS.append({"figure": name, "value": round(value, 3), "unit": unit, "spread": spread, "target": goal,
                    "verdict": verdict})


def save_results() -> None:
    """Save the figures of a full run for the README's generated performance table."""
    save_run("benchmark", {"machine": f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB "
                                      f"RAM, Python {sys.version.split()[0]}", "figures": RESULTS})


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def cold_start(runs: int = 3) -> None:
    """Seconds from a new Python process starting to ``create_app()`` returning (its exit, which frees the heap,
    is not counted: the app is ready before it)."""
    code = "from dashboard.app import create_app; create_app(); print('ready', flush=True)"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with subprocess.Popen([sys.executable, "-c", code], cwd=REPO_DIR, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True) as process:
            if process.stdout.readline().strip() != "ready":
                raise SystemExit("create_app() failed in a new process")
            times.append(time.perf_counter() - start)
    report("cold start, process start to app ready (median of 3)", statistics.median(times), "s", 3)


def server_start(data_dir: Path, runs: int = 3) -> None:
    """Seconds from ``python -m dashboard`` starting to its first answered page request (the static files'
    compressed copies made at install, as after ``scripts/install.sh``)."""
    times = []
    for run in range(runs):
        port = 8900 + os.getpid() % 50 + run
        start = time.perf_counter()
        process = _serve(data_dir, port, path="/")
        times.append(time.perf_counter() - start)
        process.terminate()
        process.wait(timeout=30)
    report(f"python -m dashboard: start -> first page answered (median of {runs}, max {max(times):.2f} s)",
           statistics.median(times), "s", 3)


def in_process_breakdown(data_dir: Path):
    start = time.perf_counter()
    atlas = load_atlas(data_dir)
    loaded = time.perf_counter()
    build_map_base(atlas)
    based = time.perf_counter()
    app = create_app(atlas)
    done = time.perf_counter()
    report("  load_atlas (read, validate, join)", loaded - start, "s")
    report("  build_map_base", based - loaded, "s")
    report("  create_app (incl. its own map base and initial figure)", done - based, "s")
    return atlas, app


def spread(name: str, values: list[float], unit: str, target: float | None = None) -> None:
    """Report the p95 of repeated measurements (checked against the target), with min and median beside it."""
    beside = f"{min(values):.0f} / {statistics.median(values):.0f}"
    report(f"{name}, p95 of {len(values)} (min {min(values):.0f}, median {statistics.median(values):.0f})",
           percentile(values, 95), unit, target, beside)


# Installed before the page's scripts run: counts Plotly draws (react/newPlot calls), records the time of the
# last finished draw, the time of the last pointer press, the animation frame in which the outline a click
# paints at once (assets/odop.js) first shows, and when the first frame that shows a map (the preview or Plotly's)
# has been painted (as the reference page records its own), all on the page's performance.now() clock.
INSTRUMENT = """
window.__odop = {draws: 0, lastDraw: 0, pressed: 0, outlined: 0, mapPainted: 0};
(function firstMap() {
  requestAnimationFrame(() => {
    if (document.querySelector('#map-preview canvas, #map path.choroplethlocation')) {
      setTimeout(() => { window.__odop.mapPainted = performance.now(); }, 0);
    } else { firstMap(); }
  });
})();
document.addEventListener('pointerdown', e => { window.__odop.pressed = performance.now(); }, true);
new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
  if (n.classList && n.classList.contains('odop-picked')) {
    requestAnimationFrame(() => { window.__odop.outlined = performance.now(); });
  }
}))).observe(document, {childList: true, subtree: true});
window.__odop.watchPanel = name => {  // the first frame in which the panel names the district, from now on
  window.__odop.panelShown = 0;
  const look = () => {
    const heading = document.getElementById('panel-district-name');
    if (heading && heading.textContent === name) { window.__odop.panelShown = performance.now(); }
    else { requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
};
let plotly;
Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: value => {
  for (const name of ['react', 'newPlot']) {
    const original = value[name];
    value[name] = function (gd, ...rest) {
      window.__odop.draws += 1;
      return Promise.resolve(original.call(this, gd, ...rest)).then(out => {
        window.__odop.lastDraw = performance.now(); return out; });
    };
  }
  plotly = value;
}});
"""
SELECTED = "(() => { const t = document.querySelector('#map .js-plotly-plot').data.find(t => t.name === " \
           "'selected district'); return t.lon.filter(x => x !== null).length; })()"


# The reference page of the map target: the same geometry as GeoJSON (the districts and the state outlines, as the map
# draws them for All India at the benchmark's size: the topology's overview), fetched on a cold cache, drawn as SVG paths
# with no library (equirectangular, fitted to the box); it records when they are painted.
REFERENCE_PAGE = """<!DOCTYPE html><html lang="en"><head><title>reference</title></head><body style="margin:0">
<svg id="ref" width="1280" height="720"></svg><script>
const urls = %s;
Promise.all(urls.map(u => fetch(u).then(r => r.json()))).then(layers => {
  const x = lon => (lon - 68) * 28, y = lat => (37.5 - lat) * 28, parts = [];
  const ring = r => 'M' + r.map(p => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join('L') + 'Z';
  layers.forEach((layer, i) => layer.features.forEach(f => {
    const g = f.geometry, polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    parts.push('<path fill="' + (i ? 'none' : '#9ecae1') + '" stroke="#333" stroke-width="' + (i ? 1.5 : 0.3) +
               '" d="' + polygons.map(p => p.map(ring).join('')).join('') + '"/>');
  }));
  document.getElementById('ref').innerHTML = parts.join('');
  requestAnimationFrame(() => setTimeout(() => { window.__drawn = performance.now(); }, 0));
});
</script></body></html>"""


def reference_page(geometry_urls: list[str]) -> str:
    """The bare SVG page that draws ``geometry_urls`` (same origin), as :data:`REFERENCE_PAGE`."""
    return REFERENCE_PAGE % json.dumps(geometry_urls)


# Milliseconds from the last pointer press to the first frame in which the panel names the district (watched from
# before the press: the panel may be painted before the map's redraw ends, which the benchmark waits for first).
PANEL_SHOWN = "() => window.__odop.panelShown > 0 && window.__odop.panelShown - window.__odop.pressed"


def _serve(data_dir: Path, port: int, path: str = "/healthz") -> subprocess.Popen:
    env = {**os.environ, "ODOP_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "-m", "dashboard", "--port", str(port)], cwd=REPO_DIR, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1)
            return process
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def _load(browser, url: str, cdp_bytes: bool = True):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    sizes: dict = {}
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url)
    page.wait_for_selector("#map path.choroplethlocation", state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle")
    return context, page, sizes


@contextmanager
def reference_site(url: str) -> Iterator[str]:
    """The reference page and the GeoJSON of the geometry the map draws for All India at the benchmark's size (the
    overview of the topology the page preloads: :func:`dashboard.maps.topology.decoded`), written to a temporary
    folder and served on another local port (a thread; plain files, as a bare page would be): the page's address."""
    page = urllib.request.urlopen(url).read().decode("utf-8")
    link = re.search(rf'<link id="{ids.GEOMETRY_LINK}" rel="preload" href="([^"]+)"', page).group(1)
    built = json.loads(urllib.request.urlopen(url.rstrip("/") + link).read())
    with tempfile.TemporaryDirectory() as folder:
        for name in OBJECTS:
            features = [{"type": "Feature", "id": key, "properties": {}, "geometry": shapely.geometry.mapping(shape)}
                        for key, shape in decoded(built, name, overview=True).items()]
            Path(folder, f"{name}.json").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        Path(folder, "index.html").write_text(reference_page([f"{name}.json" for name in OBJECTS]))
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
        finally:
            server.shutdown()
            server.server_close()


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _reference_draw(browser, url: str) -> float:
    """Milliseconds from navigation to the reference page's SVG painted, on a cold cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.__drawn > 0", timeout=60_000)
    drawn = page.evaluate("window.__drawn")
    context.close()
    return drawn


def _interaction(page, action, done: str) -> float:
    """Milliseconds from the pointer press of ``action`` to the end of the draw after which ``done`` holds."""
    before = page.evaluate("window.__odop.lastDraw")
    action()
    page.wait_for_function(f"() => window.__odop.lastDraw > {before} && ({done})", timeout=30_000)
    return page.evaluate("window.__odop.lastDraw - window.__odop.pressed")


def browser_figures(data_dir: Path, repeats: int = 20) -> None:
    """Measured as a user meets it: gunicorn (2 workers), headless Chromium, cold cache per page load."""
    from playwright.sync_api import sync_playwright

    from dashboard.devtools.browser import CHROMIUM, CHROMIUM_ARGS, CLICK_POINT_JS

    port = 8700 + os.getpid() % 200
    url = f"http://127.0.0.1:{port}/"
    server = _serve(data_dir, port)
    settled, painted_first, draws, first, revisit, reference = [], [], [], [], [], []
    painted, confirmed, panels, cleared, filters = [], [], [], [], []
    try:
        with sync_playwright() as playwright, reference_site(url) as reference_url:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(repeats):
                reference.append(_reference_draw(browser, reference_url))
                context, page, sizes = _load(browser, url)
                settled.append(page.evaluate("window.__odop.lastDraw"))
                painted_first.append(page.evaluate("window.__odop.mapPainted"))
                draws.append(page.evaluate("window.__odop.draws"))
                first.append(sum(sizes.values()) / 1e6)
                sizes.clear()
                page.goto(url)
                page.wait_for_selector("#map path.choroplethlocation", state="attached", timeout=60_000)
                page.wait_for_load_state("networkidle")
                revisit.append(sum(sizes.values()) / 1e3)
                context.close()
            context, page, _ = _load(browser, url + "?points=0")
            gi = page.get_by_label("GI-tagged products only")
            for _ in range(repeats):
                point = page.evaluate(CLICK_POINT_JS, "197")  # Varanasi, All India (the map moves as text wraps)
                before = page.evaluate("window.__odop.outlined = 0, window.__odop.watchPanel('Varanasi'), "
                                       "window.__odop.lastDraw")
                page.mouse.click(*point)
                page.wait_for_function(f"() => window.__odop.lastDraw > {before} && {SELECTED} > 0", timeout=30_000)
                painted.append(page.evaluate("(window.__odop.outlined || window.__odop.lastDraw) - window.__odop.pressed"))
                confirmed.append(page.evaluate("window.__odop.lastDraw - window.__odop.pressed"))
                panels.append(page.wait_for_function(PANEL_SHOWN).json_value())
                page.wait_for_load_state("networkidle")
                cleared.append(_interaction(page, lambda: page.mouse.click(*point), f"{SELECTED} === 0"))
                filters.append(_interaction(page, gi.click, "true"))
                page.wait_for_load_state("networkidle")
            context.close()
            browser.close()
        workers = psutil.Process(server.pid).children()
        rss = sum(p.memory_info().rss for p in workers) / 1e6
        pss = sum(p.memory_full_info().pss for p in [psutil.Process(server.pid), *workers]) / 1e6
    finally:
        server.terminate()
        server.wait(timeout=30)
    spread("navigation start -> map first painted (the preview, or Plotly's map), All India", painted_first, "ms", 1500)
    spread("navigation start -> interactive map settled (Plotly's last draw), All India", settled, "ms", 1500)
    spread("reference page: the same geometry drawn as bare SVG (no target)", reference, "ms")
    report("map first painted / reference page, p95 over p95", percentile(painted_first, 95) / percentile(reference, 95),
           "x", 4)
    report("interactive map settled / reference page, p95 over p95", percentile(settled, 95) / percentile(reference, 95),
           "x", 4)
    report(f"map draws on load (max of {repeats}; target exactly 1)", max(draws), "draws", 1.5)
    spread("click a district -> selected outline painted", painted, "ms", 150)
    spread("click a district -> map redrawn with the server's outline (no target)", confirmed, "ms")
    spread("click a district -> its panel shown", panels, "ms", 450)
    report("click a district -> its panel shown, median", statistics.median(panels), "ms", 300)
    spread("click it again -> outline cleared (server round trip and redraw; no target)", cleared, "ms")
    spread("filter (GI-only switch) -> map repainted", filters, "ms", 250)
    spread("first visit over the wire (cold cache)", [v * 1000 for v in first], "KB", 1000)
    spread("revisit over the wire (warm cache)", revisit, "KB", 150)
    report("RSS of the gunicorn workers after the run (sum)", rss, "MB", 400)
    report("PSS of the server after the run (master and workers; shared pages counted once)", pss, "MB")


def all_india_update_times(atlas, count: int = 60) -> None:
    """Server time of the map update for All-India views (patch built and serialised), uncached."""
    base = build_map_base(atlas)
    times = []
    for i in range(count):
        view = View(sectors=(SECTORS[i % len(SECTORS)],), mode=("sector", "count", "gi")[i % 3])
        start = time.perf_counter()
        patch = map_update(atlas, base, view, View(), filter_products(atlas, view)).patch
        json.dumps(patch.to_plotly_json())
        times.append((time.perf_counter() - start) * 1000)
    spread("server time of an All-India map update (patch built and serialised)", times, "ms", 60)


def split_districts(districts: gpd.GeoDataFrame, grid: int = 3) -> gpd.GeoDataFrame:
    """A synthetic sub-district layer: each polygon cut by a grid x grid raster of its bounding box."""
    pieces, ids = [], []
    for did, geometry in zip(districts["district_id"], districts.geometry):
        minx, miny, maxx, maxy = geometry.bounds
        xs, ys = np.linspace(minx, maxx, grid + 1), np.linspace(miny, maxy, grid + 1)
        cells = [shapely.box(xs[i], ys[j], xs[i + 1], ys[j + 1]) for i in range(grid) for j in range(grid)]
        for index, part in enumerate(shapely.intersection(geometry, cells)):
            if not part.is_empty and part.geom_type in ("Polygon", "MultiPolygon"):
                pieces.append(part)
                ids.append(f"{did}-{index}")
    frame = gpd.GeoDataFrame({"district_id": ids}, geometry=pieces, crs="EPSG:4326")
    attrs = districts.set_index("district_id")
    parents = [i.rsplit("-", 1)[0] for i in ids]
    for column in ["district", "state", "state_lgd", "remarks"]:
        frame[column] = attrs.loc[parents, column].to_numpy()
    frame["dist_lgd"] = ""
    return frame


def scaling(data_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, grid in [("real districts", 0), ("synthetic x4 (2x2 split)", 2), ("synthetic x9 (3x3 split)", 3)]:
            target = data_dir if grid == 0 else Path(tmp) / label.split()[1]
            if grid:
                shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("districts.geojson"))
                districts = gpd.read_file(data_dir / "geo" / "districts.geojson")
                split_districts(districts, grid).to_file(target / "geo" / "districts.geojson", driver="GeoJSON")
            start = time.perf_counter()
            atlas = load_atlas(target)
            base = build_map_base(atlas)
            json.dumps(map_figure(base, atlas.products, "sector"))
            elapsed = time.perf_counter() - start
            count = len(atlas.districts)
            report(f"scaling: {label}, {count} polygons, load + map base + figure", elapsed, "s")
            report(f"scaling: {label}, per polygon", elapsed / count * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the browser and scaling parts")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
          f"Python {sys.version.split()[0]}")
    cold_start()
    server_start(args.data_dir)
    atlas, _app = in_process_breakdown(args.data_dir)
    all_india_update_times(atlas)
    if not args.quick:
        browser_figures(args.data_dir)
        scaling(args.data_dir)
        save_results()


if __name__ == "__main__":
    main()
