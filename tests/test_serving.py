"""Serving: headers, limits, health, fail-fast start-up, long links under gunicorn, and wrong-typed callback input."""

from __future__ import annotations

import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
import shapely
from fixture_data import VARANASI

from dashboard import ids
from dashboard.app import create_app
from dashboard.maps import topology as topologies

REPO = Path(__file__).resolve().parent.parent
WRONG_VALUES = [None, 1, -2.5, True, "x" * 5000, "", [1, 2], [[["deep"]]], {"a": 1}, ["x"] * 1000,
                {"district_id": {"$gt": ""}}, [None], {"points": "nope"}, {"points": [{"location": 5}]}]


@pytest.fixture(scope="module")
def client(small_atlas):
    return create_app(small_atlas).server.test_client()


def test_every_page_says_same_origin_only_and_no_framing_and_every_response_no_sniffing(client):
    for path in ("/_dash-layout", "/healthz", "/assets/style.css", "/assets/vendor/plotly/plotly-geo.min.js?m=1"):
        assert client.get(path).headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/", "/factsheet/lgd/187", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy and "*" not in policy  # no third-party origin
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"  # keeps the page's own address for its layout request
        assert headers["X-Frame-Options"] == "DENY"


def test_a_request_body_over_1_mb_gets_413(client):
    response = client.post("/_dash-update-component", data=b"{" + b" " * (1024 * 1024 + 10) + b"}",
                           content_type="application/json")
    assert response.status_code == 413


def test_healthz_says_what_loaded(client, small_atlas):
    facts = client.get("/healthz").get_json()
    assert facts["status"] == "ok" and facts["product_rows"] == len(small_atlas.products)
    assert facts["rows_set_aside"] == small_atlas.issues.rows_set_aside() == 1 and facts["data_version"]


def test_rows_set_aside_while_loading_show_as_a_banner_naming_the_file_and_the_report(client):
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "1 data row was set aside while loading (products.csv)" in layout
    assert "python -m dashboard.data check --all" in layout


def _outputs(spec: str) -> list[dict]:
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    return [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]


def _request(dependency: dict, value) -> dict:
    def items(kind):
        return [{"id": d["id"], "property": d["property"], "value": value} for d in dependency[kind]]
    outputs = _outputs(dependency["output"])
    inputs = items("inputs")
    return {"output": dependency["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": inputs, "state": items("state"),
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else []}


def test_wrong_typed_values_sent_to_every_callback_never_give_a_500(client):
    dependencies = [d for d in client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")]
    assert len(dependencies) >= 8
    failures = []
    for dependency, value in itertools.product(dependencies, WRONG_VALUES):
        response = client.post("/_dash-update-component", json=_request(dependency, value))
        if response.status_code not in (200, 204):
            failures.append((dependency["output"][:60], repr(value)[:40], response.status_code))
    assert failures == []


def _unfit_requests(good: dict) -> dict[str, bytes]:
    """Callback requests no page of the app sends, each made from a fitting one (``good``)."""
    def changed(**parts) -> bytes:
        return json.dumps({**good, **parts}).encode()
    return {"not JSON": b"hello", "empty": b"", "a list": b"[]", "null": b"null", "a number": b"3",
            "no output": changed(output=None), "an unknown callback": changed(output="bad.children"),
            "outputs of another callback": changed(outputs={"id": "bad", "property": "children"}),
            "no inputs": json.dumps({k: v for k, v in good.items() if k != "inputs"}).encode(),
            "inputs not a list": changed(inputs="x"), "inputs of junk": changed(inputs=[1, 2, 3]),
            "one input too few": changed(inputs=good["inputs"][:-1]),
            "state of another callback": changed(state=[{"id": "bad", "property": "data", "value": 1}]),
            "changed props of junk": changed(changedPropIds=[5])}


def test_a_callback_request_no_page_sends_gets_a_400_with_its_reason_never_a_500(client):
    dependencies = [d for d in client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")]
    view = next(d for d in dependencies if d["output"].startswith(f"..{ids.VIEW}.data"))
    good = _request(view, None)
    assert client.post("/_dash-update-component", json=good).status_code == 200
    answers = {name: client.post("/_dash-update-component", data=body, content_type="application/json")
               for name, body in _unfit_requests(good).items()}
    assert {name: a.status_code for name, a in answers.items() if a.status_code != 400} == {}
    assert all("nothing was done" in a.get_json()["error"] for a in answers.values())
    clientside = next(d for d in client.get("/_dash-dependencies").get_json() if d.get("clientside_function"))
    assert client.post("/_dash-update-component", json=_request(clientside, None)).status_code == 400


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


def test_python_m_dashboard_serves_with_gunicorn_and_a_100000_character_link_is_not_a_414(small_data_dir):
    port = _free_port()
    env = {**os.environ, "ODOP_DATA_DIR": str(small_data_dir)}
    log = small_data_dir.parent / "access.log"
    process = subprocess.Popen([sys.executable, "-m", "dashboard", "--port", str(port), "--workers", "1",
                                "--access-log", str(log)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=" + "x" * 100_000, timeout=10) as response:
            assert response.status == 200 and b"ODOP Atlas" in response.read()
        health = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5))
        assert health["status"] == "ok"
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    # The access log names the worker, the status and the time of every request (the load test counts by it).
    assert re.search(r'^<\d+> 200 \d+ms 127\.0\.0\.1 "GET /healthz HTTP/1\.1" \d+$', log.read_text(), re.M)


def test_the_page_does_not_carry_a_copy_of_the_layout_only_the_ids_dash_checks_callbacks_against(client):
    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page,
                                  re.S).group(1))
    checked = json.dumps(config["validation_layout"])
    for component_id in ("map", "view", "filters", "table", "panel", "district-picker", "gi-only"):
        assert f'"id": "{component_id}"' in checked
    assert '"figure"' not in checked and '"options"' not in checked
    assert len(page) < 20_000  # it was ~380 KB with the whole layout (figure, district options) in it


def test_data_that_cannot_load_stops_python_m_dashboard_with_its_reason(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dashboard", "--port", str(_free_port())], cwd=REPO,
                            env={**os.environ, "ODOP_DATA_DIR": str(tmp_path)}, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert "ODOP Atlas cannot start" in result.stderr and "districts.geojson" in result.stderr


def test_gunicorn_halts_instead_of_restarting_a_worker_whose_data_cannot_load(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = subprocess.run([str(gunicorn), "dashboard.app:server", "--bind", f"127.0.0.1:{_free_port()}"],
                            cwd=REPO, env={**os.environ, "ODOP_DATA_DIR": str(tmp_path)}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "ODOP Atlas cannot start" in result.stderr


def test_static_files_are_compressed_once_cached_for_a_year_when_fingerprinted_and_answer_304(client):
    url = "/assets/vendor/plotly/plotly-geo.min.js?m=1"
    first = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "br"
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    size = (REPO / "assets" / "vendor" / "plotly" / "plotly-geo.min.js").stat().st_size
    assert len(first.data) < 0.4 * size and len(client.get(url).data) == size  # identity when br is not accepted
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip" and gzipped.headers["ETag"] != first.headers["ETag"]
    for etag, encoding in ((first.headers["ETag"], "br"), (gzipped.headers["ETag"], "gzip"), (first.headers["ETag"], "")):
        again = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
        assert again.status_code == 304 and again.data == b""
    unversioned = client.get("/_dash-component-suites/dash/dcc/async-dropdown.js")
    assert unversioned.headers["Cache-Control"] == "no-cache" and unversioned.headers["ETag"]
    assert client.get("/assets/no-such-file.js").status_code == 404


def test_a_link_in_an_unknown_language_opens_the_page_in_english(client):
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=fr&state=Uttar+Pradesh"})
    assert layout.status_code == 200 and "Skip to the map" in layout.get_data(as_text=True)


def test_a_script_no_component_library_has_gets_the_404_page_not_a_500(client):
    for path in ("/_dash-component-suites/dash/no-such-file.js", "/_dash-component-suites/no_such_library/x.js"):
        answer = client.get(path)
        assert answer.status_code == 404 and "There is no page at this address." in answer.get_data(as_text=True)


def test_the_page_fetches_its_layout_callbacks_and_first_screen_chunks_with_its_scripts(client):
    page = client.get("/").get_data(as_text=True)
    for route in ("/_dash-layout", "/_dash-dependencies"):  # not after Dash's renderer has started and asks
        assert f'<link rel="preload" href="{route}" as="fetch" crossorigin="anonymous">' in page
    for name in ids.LAZY_COMPONENTS:  # not when React first renders one (assets/odop.js renders each once before)
        assert re.search(rf'<script src="/_dash-component-suites/dash/dcc/async-{name.lower()}\.v[^"]+\.js"', page)
    assert "layout_pre" in page and "odopHooks" in page


def test_a_shared_link_opens_with_its_counts_and_panel_in_the_page_itself(client):
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost/?district={VARANASI}&gi=1"}).get_json()
    text = json.dumps(layout)
    assert "panel-district-name" in text and "Banarasi" in text  # the panel, without a callback
    dependencies = client.get("/_dash-dependencies").get_json()
    fired_on_load = [d["output"] for d in dependencies
                     if not d.get("prevent_initial_call") and not d.get("clientside_function")]
    assert len(fired_on_load) == 1 and "view.data" in fired_on_load[0]  # only the reducer reads the address



def test_answers_made_per_request_are_brotli_even_where_the_browser_also_takes_zstd(client):
    answer = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})  # Chromium's
    assert answer.headers["Content-Encoding"] == "br"  # 63 KB against zstd's 72 KB for the real layout


def test_the_map_geometry_comes_as_one_topology_holding_the_same_districts_and_state_outlines(client):
    page = client.get("/").get_data(as_text=True)
    url = re.search(r'<link id="odop-geometry" rel="preload" href="([^"]+)"', page).group(1)
    topology = client.get(url).get_json()
    for name, trace_url in (("districts", "/_odop/districts.json"), ("states", "/_odop/states.json")):
        decoded = topologies.decoded(topology, name)
        features = client.get(trace_url).get_json()["features"]
        assert set(decoded) == {feature["id"] for feature in features}
        for feature in features:  # the same shape, to the 0.001 degree the geometry is rounded to
            shape = shapely.geometry.shape(feature["geometry"])
            assert decoded[feature["id"]].hausdorff_distance(shape) <= 0.001, (name, feature["id"])


def components(layout: object) -> Iterator[dict]:
    """Every component of a Dash layout (its JSON), depth first."""
    if isinstance(layout, dict):
        if "props" in layout:
            yield layout
        for value in layout.values():
            yield from components(value)
    elif isinstance(layout, list):
        for value in layout:
            yield from components(value)


def test_the_maps_preview_colours_each_district_of_the_topology_as_the_map_does(client):
    page = client.get("/").get_data(as_text=True)
    topology = client.get(re.search(r'<link id="odop-geometry" rel="preload" href="([^"]+)"', page).group(1)).get_json()
    layout = client.get("/_dash-layout", headers={
        "Referer": f"http://localhost/?state=Uttar+Pradesh&mode=gi&district={VARANASI}"}).get_json()
    by_id = {c["props"].get("id"): c["props"] for c in components(layout)}
    preview, figure = json.loads(by_id[ids.MAP_PREVIEW]["data-preview"]), by_id[ids.MAP]["figure"]
    districts = next(trace for trace in figure["data"] if trace["name"] == ids.DISTRICTS_TRACE)
    assert [g["id"] for g in topology["objects"]["districts"]["geometries"]] == districts["locations"]
    assert preview["z"] == districts["z"] and len(set(preview["z"])) > 2  # the page draws feature i in class z[i]
    zmin, zmax, scale = districts["zmin"], districts["zmax"], districts["colorscale"]
    for z in set(preview["z"]):  # the colour Plotly gives the class: the step its place on the scale falls in
        place = (z - zmin) / (zmax - zmin)
        assert preview["colors"][z] == next(color for (start, color), (end, _) in zip(scale[::2], scale[1::2])
                                            if start <= place <= end)
    assert [preview["lon"], preview["lat"]] == [figure["layout"]["geo"]["lonaxis"]["range"],
                                                figure["layout"]["geo"]["lataxis"]["range"]]
    assert [(line["object"], line["ids"], line["dash"]) for line in preview["outlines"]] == [
        ("states", ["Uttar Pradesh"], "solid"), ("districts", ["196", "198"], "dot"),  # the state, the cluster's
        ("districts", [VARANASI], "solid")]  # partners (Chandauli, Bhadohi in the small data) and the selection
    assert by_id[ids.MAP_PREVIEW]["aria-hidden"] == "true"  # a picture without words: the map region names the map


def test_the_all_india_overview_stays_within_its_tolerance_of_every_outline_with_about_half_the_points(client):
    page = client.get("/").get_data(as_text=True)
    topology = client.get(re.search(r'<link id="odop-geometry" rel="preload" href="([^"]+)"', page).group(1)).get_json()
    assert topology["overview"]["tolerance"] == topologies.OVERVIEW_TOLERANCE == 0.02
    for name in topologies.OBJECTS:
        full, overview = topologies.decoded(topology, name), topologies.decoded(topology, name, overview=True)
        assert set(overview) == set(full)
        for key, shape in full.items():  # Douglas-Peucker: no point strays further than the tolerance
            assert overview[key].hausdorff_distance(shape) <= topologies.OVERVIEW_TOLERANCE + 1e-9, (name, key)
        kept = sum(len(shapely.get_coordinates(shape)) for shape in overview.values())
        assert 0.4 < kept / sum(len(shapely.get_coordinates(shape)) for shape in full.values()) < 0.65


def test_the_default_pages_layout_is_answered_with_a_brotli_11_copy_made_once(small_atlas, tmp_path):
    server = create_app(small_atlas).server
    client = server.test_client()
    server.extensions["odop_layouts"].make(client, store=tmp_path)  # what warm_static does before the workers fork
    copies = {path.read_bytes() for path in tmp_path.glob("*.br")}
    assert len(copies) == 1
    for page, made_once in (("http://localhost/", True), ("http://localhost/?lang=hi", False),
                            ("http://localhost/?state=Rajasthan", False)):
        answer = client.get("/_dash-layout", headers={"Referer": page, "Accept-Encoding": "gzip, br, zstd"})
        assert answer.headers["Content-Encoding"] == "br" and (answer.data in copies) == made_once
        plain = client.get("/_dash-layout", headers={"Referer": page}).data
        assert json.loads(brotli.decompress(answer.data)) == json.loads(plain)  # the same layout
