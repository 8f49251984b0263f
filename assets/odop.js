// Client-side helpers for ODOP Atlas (served locally from assets/; nothing here talks to the network).
// Every id, trace name and metadata key comes from assets/ids.js (written from dashboard/ids.py).
(function () {
    var ids = window.odopIds;
    var A4 = {width: 1754, height: 1240, scale: 2};  // A4 landscape at 300 dpi: 3508 x 2480 pixels

    function mapGraph() {
        return document.querySelector("#" + ids.MAP + " .js-plotly-plot");
    }

    function today() {
        return new Date().toISOString().slice(0, 10);
    }

    // The figure an official files: the map as shown, with its legend as a colour bar, the title, the filter
    // summary, the selected district, the data version, the date and the source lines (all from the figure's
    // meta, which the server writes with the page's own words), sized for A4 landscape.
    function exportFigure(graph) {
        var meta = (graph.layout && graph.layout.meta) || {};
        var data = JSON.parse(JSON.stringify(graph.data));
        data.forEach(function (trace) {
            Object.assign(trace, withGeometryLevel(trace, "full"));  // the full detail, never the overview, on paper
            if (trace.name === ids.DISTRICTS_TRACE) {  // traces are found by name, never by position
                trace.showscale = true;
                trace.colorbar = Object.assign({}, trace.colorbar, {len: 0.8, thickness: 22, x: 1.0, xpad: 10,
                    tickfont: {size: 16}, title: {text: meta.mode || "", font: {size: 18}}});
            }
        });
        var lines = [meta.symbols || "", meta.coverage || "", (meta.footer || "").replace("{date}", today())]
            .concat(meta.sources || []).filter(Boolean);
        var title = (meta.title || "") + (meta.mode || "") + "<br><span style='font-size:18px'>" +
            (meta.summary || "") + "</span>" +
            (meta.district ? "<br><span style='font-size:18px'>" + (meta.selected || "") + meta.district +
                             "</span>" : "");
        var layout = JSON.parse(JSON.stringify(graph.layout));
        delete layout.meta;
        var margin = {l: 50, r: 60, t: meta.district ? 150 : 120, b: 40 + 20 * lines.join("<br>").split("<br>").length};
        var legendWidth = 340;  // the colour bar and its labels, right of the map
        var geo = graph._fullLayout.geo;
        var filled = filledRanges(geo.lonaxis.range, geo.lataxis.range,
                                  A4.width - margin.l - margin.r - legendWidth, A4.height - margin.t - margin.b);
        if (filled) {  // the map fills its frame: no empty bands beside it
            layout.geo = Object.assign({}, layout.geo, {lonaxis: Object.assign({}, layout.geo.lonaxis, {range: filled.lon}),
                                                        lataxis: Object.assign({}, layout.geo.lataxis, {range: filled.lat})});
        }
        Object.assign(layout, {
            width: A4.width, height: A4.height, autosize: false,
            margin: margin,
            title: {text: title, x: 0.03, xanchor: "left", y: 0.97, yanchor: "top", font: {size: 28}},
            annotations: [{text: lines.join("<br>"), x: 0, y: 0, xref: "paper", yref: "paper", xanchor: "left",
                           yanchor: "top", yshift: -14, align: "left", showarrow: false,
                           font: {size: 15, color: "#37474f"}}]
        });
        return {data: data, layout: layout};
    }

    // Dash's dropdown makes a hidden input (aria-hidden) its Tab stop and forwards focus to its button;
    // axe-core rightly reports a focusable aria-hidden element (aria-hidden-focus). Make the button the
    // Tab stop instead (it opens on Enter, ArrowDown or typing, as before) and keep the input untabbable.
    function tabToDropdownButtons() {
        document.querySelectorAll("input.dash-dropdown-focus-target").forEach(function (input) {
            input.tabIndex = -1;
            var button = input.nextElementSibling;
            if (button && button.matches("button.dash-dropdown") && !button.disabled) {
                button.tabIndex = 0;
            }
        });
    }
    // A dropdown that opens again puts the cursor in its search box, not on the option chosen before (Dash
    // focuses that option; on a first opening it focuses the search box itself, and this leaves it alone), and so
    // does a district picker opened before its list has come (Dash leaves the focus on its button: typing was lost).
    function focusDropdownSearch() {
        var content = document.querySelector(".dash-dropdown-content[data-state=open]");
        if (!content) {
            return;
        }
        content.dataset.odopOpened = content.dataset.odopOpened || String(Date.now());
        var active = document.activeElement;
        var justOpened = Date.now() - Number(content.dataset.odopOpened) < 600;  // later: arrow keys move on
        var onOption = active && content.contains(active) && active.matches("input[type=radio]");
        var onButton = active && active.matches("button.dash-dropdown");  // a picker opened before its list came
        if (justOpened && (onOption || onButton)) {
            var search = content.querySelector("input.dash-dropdown-search");
            if (search) {
                search.focus();
            }
        } else if (justOpened) {
            window.setTimeout(focusDropdownSearch, 50);
        }
    }
    var pending = false;
    new MutationObserver(function (records) {
        notePanelChange(records);
        drawPreview();  // at once: the frame that first shows the map's box shows the map
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(function () {
                pending = false;
                tabToDropdownButtons();
                bindMapClicks();
                focusDropdownSearch();
            });
        }
    }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

    // Delete or Backspace on a dropdown clears it, as its x does for the mouse (the x cannot take focus: it sits
    // inside the dropdown's button). A district chosen with the keyboard moves focus to the panel's heading.
    var keyboardChoice = 0;
    // The language switch opens this same view (the address holds it) in the other language.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("#" + ids.LANGUAGE_SWITCH + " a[lang]");
        if (!link) { return; }
        var params = new URLSearchParams(window.location.search);
        if (link.lang === "en") { params.delete("lang"); } else { params.set("lang", link.lang); }
        event.preventDefault();
        window.location.assign(window.location.pathname + (params.toString() ? "?" + params : ""));
    });
    document.addEventListener("keydown", function (event) {
        var dropdown = event.target.closest && event.target.closest("button.dash-dropdown");
        if (dropdown && (event.key === "Delete" || event.key === "Backspace")) {
            var clear = dropdown.querySelector(".dash-dropdown-clear");
            if (clear) {
                event.preventDefault();
                clear.click();
            }
        }
        var picker = document.getElementById(ids.DISTRICT_PICKER);
        var inPicker = picker && (picker.contains(event.target) ||
            (event.target.closest && event.target.closest(".dash-dropdown-content")));
        if (event.key === "Enter" && inPicker) {
            keyboardChoice = Date.now();
        }
    }, true);
    function focusPanelHeading(tries) {
        var heading = document.getElementById(ids.PANEL_DISTRICT_NAME);
        var picker = document.getElementById(ids.DISTRICT_PICKER);
        var chosen = picker && picker.textContent.split(",")[0].trim();
        if (heading && heading.textContent.trim() === chosen) {
            heading.tabIndex = -1;
            heading.focus();
        } else if (tries > 0) {
            window.setTimeout(function () { focusPanelHeading(tries - 1); }, 100);
        }
    }
    document.addEventListener("focusout", function (event) {  // the dropdown re-tabs its input on blur
        if (event.target.matches && event.target.matches("button.dash-dropdown")) {
            window.setTimeout(tabToDropdownButtons, 0);
        }
    });

    // The district pickers come with the options of their values only (Dash's dropdown indexes every option it is
    // given as it renders: 777 districts took ~0.4 s of a page load). The whole list, in the page's language, is
    // fetched once and given to a picker when the pointer or focus comes to it; the server's answers give a picker
    // its new value's options (notePickerOptions keeps count, so a picker is given the list again only then).
    // JSON at the URL one of the page's meta tags names, fetched once (again after a failure).
    var fetched = {};
    function fetchNamed(name) {
        var source = document.querySelector("meta[name=" + name + "]");
        if (!fetched[name]) {
            fetched[name] = source ? window.fetch(source.content).then(function (response) { return response.json(); })
                                   : Promise.reject(new Error("no meta tag " + name));
            fetched[name].catch(function () { delete fetched[name]; });
        }
        return fetched[name];
    }

    var pickerSizes = {};
    function givePickerEveryDistrict(event) {
        var picker = event.target.closest && event.target.closest(ids.PICKERS.map(function (id) {
            return "#" + id;
        }).join(","));
        if (!picker) {
            return;
        }
        fetchNamed(ids.DISTRICT_OPTIONS_META + "-" + document.documentElement.lang).then(function (options) {
            if (pickerSizes[picker.id] !== options.length) {
                pickerSizes[picker.id] = options.length;
                var search = document.querySelector(".dash-dropdown-content[data-state=open] input.dash-dropdown-search");
                // what was typed before the list came stays typed (new options would clear it)
                window.dash_clientside.set_props(picker.id, Object.assign({options: options},
                                                                          search ? {search_value: search.value} : {}));
            }
        }, function () {});
    }
    document.addEventListener("pointerover", givePickerEveryDistrict);
    document.addEventListener("focusin", givePickerEveryDistrict);

    // The search box's suggestions (the lists' product names): fetched when the box is first focused, and made plain
    // <option>s of its <datalist>, outside React.
    document.addEventListener("focusin", function (event) {
        var list = document.getElementById(ids.PRODUCT_NAMES);
        if (!list || list.dataset.filled || event.target.getAttribute("list") !== ids.PRODUCT_NAMES) {
            return;
        }
        fetchNamed(ids.PRODUCT_NAMES_META).then(function (names) {
            list.dataset.filled = "true";
            list.replaceChildren.apply(list, names.map(function (name) {
                var option = document.createElement("option");
                option.value = name;
                return option;
            }));
        }, function () {});
    });

    // Arrow keys move between tabs (the ARIA tabs pattern), as well as Tab.
    document.addEventListener("keydown", function (event) {
        var tab = event.target.closest && event.target.closest("[role=tab]");
        if (!tab || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) {
            return;
        }
        var tabs = Array.from(tab.parentElement.querySelectorAll("[role=tab]"));
        var next = tabs[(tabs.indexOf(tab) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        next.focus();
        next.click();
        event.preventDefault();
    });

    // A click outlines the district at once, drawn like the "selected district" trace (its colour and width are
    // read from that trace); the server's patch, which follows, draws the real outline and the next Plotly draw
    // removes this one. Clicking the selected district again (which clears it; the trace's meta names the
    // selection) waits for the server. Bound to Plotly's own click event: a Dash callback would run after the server's
    // answer has started the map's redraw, and the outline would only show once that is done.
    function outlineAtOnce(graph, event) {
        var point = event && event.points && event.points[0];
        var location = point && point.data && point.data.name === ids.DISTRICTS_TRACE ? point.location : null;
        var trace = graph.data.find(function (t) { return t.name === ids.SELECTED_TRACE; });
        if (!location || !trace || (trace.meta || []).indexOf(location) >= 0) {
            return;
        }
        var path = Array.from(graph.querySelectorAll("path.choroplethlocation")).find(function (p) {
            return p.__data__ && p.__data__.loc === location;
        });
        if (!path) {
            return;
        }
        graph.querySelectorAll("path.odop-picked").forEach(function (old) { old.remove(); });
        var outline = path.cloneNode(false);
        outline.__data__ = path.__data__;  // Plotly's hover code reads the data of every path in the layer
        outline.setAttribute("class", "odop-picked");
        outline.setAttribute("style", "fill: none; pointer-events: none; stroke: " + trace.line.color +
                             "; stroke-width: " + trace.line.width + "px");
        path.parentNode.appendChild(outline);
        graph.once("plotly_afterplot", function () { outline.remove(); });
    }

    // The server sends the longitude and latitude ranges of a view; the map box's shape depends on the screen
    // (wide on a desktop, tall on a phone). Widen the shorter range so the map fills its box instead of leaving
    // blank bands (Mercator: a degree of latitude is 1 / cos(latitude) degrees of longitude on the map).
    function filledRanges(lon, lat, width, height) {  // {lon, lat} filling a width x height box, or null
        var lonSpan = lon[1] - lon[0], latSpan = lat[1] - lat[0];
        var shrink = Math.cos((lat[0] + lat[1]) / 2 * Math.PI / 180);
        var wantLat = lonSpan * (height / width) * shrink;
        if (!(width > 0 && height > 0 && latSpan > 0) || Math.abs(wantLat - latSpan) / latSpan < 0.05) {
            return null;
        }
        if (wantLat > latSpan) {
            var midLat = (lat[0] + lat[1]) / 2;
            return {lon: lon, lat: [midLat - wantLat / 2, midLat + wantLat / 2]};
        }
        var wantLon = latSpan / shrink * (width / height), midLon = (lon[0] + lon[1]) / 2;
        return {lon: [midLon - wantLon / 2, midLon + wantLon / 2], lat: lat};
    }

    function fillMapBox(graph) {
        var full = graph._fullLayout;
        var geo = full && full.geo;
        if (!geo || !geo.lonaxis || !geo.lataxis || !full._size) {
            return;
        }
        var filled = filledRanges(geo.lonaxis.range, geo.lataxis.range,
                                  full._size.w * (geo.domain.x[1] - geo.domain.x[0]),
                                  full._size.h * (geo.domain.y[1] - geo.domain.y[0]));
        if (filled) {
            window.Plotly.relayout(graph, {"geo.lonaxis.range": filled.lon, "geo.lataxis.range": filled.lat});
        }
    }

    // The width and height the map's geo takes in gd for a layout.
    function plotBox(gd, layout) {
        var geo = layout.geo, margin = Object.assign({l: 80, r: 80, t: 100, b: 80}, layout.margin);
        var x = (geo.domain && geo.domain.x) || [0, 1], y = (geo.domain && geo.domain.y) || [0, 1];
        return {width: (gd.clientWidth - margin.l - margin.r) * (x[1] - x[0]),
                height: (gd.clientHeight - margin.t - margin.b) * (y[1] - y[0])};
    }

    function isMapWithRanges(gd, layout) {
        var geo = layout && layout.geo;
        return Boolean(gd.closest && gd.closest("#" + ids.MAP) && geo && geo.lonaxis && geo.lataxis &&
                       geo.lonaxis.range && geo.lataxis.range);
    }

    // The same, before Plotly draws: a figure (or patch) from the server gets the filled ranges for the box it is
    // drawn in, so the map is drawn once instead of drawn and then relaid out.
    function fittedLayout(gd, layout) {
        if (!isMapWithRanges(gd, layout)) {
            return layout;
        }
        var geo = layout.geo, box = plotBox(gd, layout);
        var filled = filledRanges(geo.lonaxis.range, geo.lataxis.range, box.width, box.height);
        if (!filled) {
            return layout;
        }
        return Object.assign({}, layout, {geo: Object.assign({}, geo, {
            lonaxis: Object.assign({}, geo.lonaxis, {range: filled.lon}),
            lataxis: Object.assign({}, geo.lataxis, {range: filled.lat})})});
    }

    // The map's geometry is one TopoJSON topology (dashboard/maps/topology.py) that the page preloads, decoded
    // (assets/vendor/topojson-client.min.js, run after this file) and handed to Plotly under the URL each geometry
    // trace names, so Plotly draws without fetching; should that fail, Plotly fetches the trace's own GeoJSON URL.
    // The topology marks the points an overview of the country needs: handed over under the URL + OVERVIEW and
    // drawn wherever its tolerance is at most half a pixel (about half the points at All India). Each level is
    // decoded when first drawn (the overview as soon as it can be); the full detail also when the page is first idle
    // after the map has been drawn.
    var OVERVIEW = "#overview";
    var GEOMETRY_OBJECTS = {};  // geometry trace name -> the topology's object
    GEOMETRY_OBJECTS[ids.DISTRICTS_TRACE] = "districts";
    GEOMETRY_OBJECTS[ids.STATES_TRACE] = "states";
    var geometryLink = document.getElementById(ids.GEOMETRY_LINK);
    var pageLoaded = new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve); });
    var loadedTopology = null;
    var decodedLevels = {};  // "full" / "overview" -> geometry trace name -> GeoJSON
    var topologyLoaded = (geometryLink ? window.fetch(geometryLink.href).then(function (response) {
        return response.json();
    }) : Promise.reject(new Error("no geometry link"))).then(function (topology) {
        loadedTopology = topology;
        if (document.readyState === "loading") {  // while Plotly, the last script, still downloads (vendor/plotly/)
            decodedLevel("overview");  // what All India draws
        }
    }).catch(function () { return null; });

    function decodedLevel(level) {  // {} if the topology has not come or does not decode
        if (!decodedLevels[level] && loadedTopology && window.topojson) {
            try {
                var keep = level === "overview" ? window.atob(loadedTopology.overview.keep) : null;
                var source = levelTopology(loadedTopology, keep), traces = {};
                Object.keys(GEOMETRY_OBJECTS).forEach(function (name) {
                    traces[name] = window.topojson.feature(source, source.objects[GEOMETRY_OBJECTS[name]]);
                });
                decodedLevels[level] = traces;
            } catch (error) {
                decodedLevels[level] = {};
            }
        }
        return decodedLevels[level] || {};
    }

    // The topology's arcs as topojson-client reads them: they come flat (x0, y0, dx1, dy1, ...: far fewer arrays to
    // parse, dashboard/maps/topology.py), nested here with only the points of a level: all of them, or the
    // overview's (``keep``: a bit for each point but an arc's ends, which are always kept). Arcs are delta-encoded, so
    // a kept point's delta is summed from the last kept one. Plain loops: this runs while the page loads.
    function levelTopology(topology, keep) {
        var arcs = new Array(topology.arcs.length), inner = 0;
        for (var a = 0; a < arcs.length; a++) {
            var flat = topology.arcs[a], last = flat.length / 2 - 1, x = flat[0], y = flat[1], keptX = x, keptY = y;
            var kept = [[x, y]];
            for (var i = 1; i < last; i++, inner++) {
                x += flat[2 * i];
                y += flat[2 * i + 1];
                if (!keep || keep.charCodeAt(inner >> 3) & (128 >> (inner & 7))) {
                    kept.push([x - keptX, y - keptY]);
                    keptX = x;
                    keptY = y;
                }
            }
            kept.push([x + flat[2 * last] - keptX, y + flat[2 * last + 1] - keptY]);
            arcs[a] = kept;
        }
        return Object.assign({}, topology, {arcs: arcs});
    }

    function overviewFits(lon, width, scale) {  // its tolerance at most half a pixel at this range and width
        var overview = loadedTopology && loadedTopology.overview;
        return Boolean(overview) && width > 0 && (lon[1] - lon[0]) / (width * scale) >= 2 * overview.tolerance;
    }

    function drawsOverview(gd, layout) {  // as the layout draws
        if (!isMapWithRanges(gd, layout)) {
            return false;
        }
        var drawn = gd.layout && gd.layout.geo && gd.layout.geo.projection;  // a zoom the user made is kept
        var scale = (layout.geo.projection && layout.geo.projection.scale) || (drawn && drawn.scale) || 1;
        return overviewFits(layout.geo.lonaxis.range, plotBox(gd, layout).width, scale);
    }

    // A trace with its geometry handed to Plotly at a level ("full" or "overview"), or the trace as it is.
    function withGeometryLevel(trace, level) {
        var geometry = GEOMETRY_OBJECTS[trace.name] && typeof trace.geojson === "string" && decodedLevel(level)[trace.name];
        if (!geometry) {
            return trace;
        }
        var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};
        var key = trace.geojson.split("#")[0] + (level === "overview" ? OVERVIEW : "");
        if (typeof assets[key] !== "object") {
            assets[key] = geometry;
        }
        return key === trace.geojson ? trace : Object.assign({}, trace, {geojson: key});
    }

    // The traces to draw in gd with a layout: each geometry trace names the geometry of its level.
    function drawnTraces(gd, traces, layout) {
        var level = drawsOverview(gd, layout) ? "overview" : "full";
        return Array.isArray(traces) ? traces.map(function (trace) { return withGeometryLevel(trace, level); }) : traces;
    }

    // A zoom or a resize across the overview's half-pixel line redraws the map at the other level.
    function keepGeometryLevel(graph) {
        var traces = drawnTraces(graph, graph.data, graph.layout);
        if (traces.some(function (trace, i) { return trace !== graph.data[i]; })) {
            window.Plotly.react(graph, traces, graph.layout);
        }
    }

    // Plotly's map is drawn some 0.1-0.3 s after the page's layout (the graph's own chunk, then Plotly's draw), and
    // until then nothing of the page is painted. Instead the page is painted as soon as its layout is there, with the
    // map's box showing the same view, drawn from the preloaded topology on a canvas: the districts in their colours
    // and the state borders (the data: dashboard/maps/figures.py, map_preview); Plotly's first draw waits for that
    // frame. The preview has no words and takes no clicks (aria-hidden); Plotly's map is painted over it, and it is
    // emptied then.
    var MERCATOR = function (lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); };
    var previewPainted = null;  // a promise, once the preview is drawn: resolved after the frame that shows it
    function drawPreview() {
        var box = document.getElementById(ids.MAP_PREVIEW);
        if (!box || box.dataset.drawn === "map") {
            return;
        }
        if (document.querySelector("#" + ids.MAP + " path.choroplethlocation")) {
            box.dataset.drawn = "map";
            box.replaceChildren();
            return;
        }
        if (box.dataset.drawn) {
            return;
        }
        var view = JSON.parse(box.dataset.preview), width = box.clientWidth, height = box.clientHeight;
        var ranges = filledRanges(view.lon, view.lat, width, height) || view;
        var layers = decodedLevel(overviewFits(ranges.lon, width, 1) ? "overview" : "full");
        if (!layers[ids.DISTRICTS_TRACE] || !(height > 0)) {
            return;  // tried again when the topology has come or the page changes
        }
        box.dataset.drawn = "preview";
        box.replaceChildren(previewCanvas(view, layers, projection(ranges, width, height), width, height));
        previewPainted = document.hidden ? null : afterNextPaint();  // a background tab paints no frames
    }

    // Plotly's geo fits the box of the ranges into the map's box (d3's fitExtent) and puts the middle longitude and
    // latitude of the ranges at its centre; Mercator here too.
    function projection(ranges, width, height) {
        var rad = Math.PI / 180, south = MERCATOR(ranges.lat[0]), north = MERCATOR(ranges.lat[1]);
        var scale = Math.min(width / ((ranges.lon[1] - ranges.lon[0]) * rad), height / (north - south));
        var midLon = (ranges.lon[0] + ranges.lon[1]) / 2, midY = MERCATOR((ranges.lat[0] + ranges.lat[1]) / 2);
        return function (point) {
            return [width / 2 + (point[0] - midLon) * rad * scale, height / 2 - (MERCATOR(point[1]) - midY) * scale];
        };
    }

    function previewCanvas(view, layers, project, width, height) {
        var canvas = document.createElement("canvas"), ratio = window.devicePixelRatio || 1;
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = width + "px";
        canvas.style.height = height + "px";
        var context = canvas.getContext("2d");
        context.scale(ratio, ratio);
        function trace(geometry) {
            var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
            polygons.forEach(function (rings) {
                rings.forEach(function (ring) {
                    ring.forEach(function (point, i) {
                        var xy = project(point);
                        context[i ? "lineTo" : "moveTo"](xy[0], xy[1]);
                    });
                    context.closePath();
                });
            });
        }
        context.strokeStyle = "#ffffff";
        context.lineWidth = 0.3;
        layers[ids.DISTRICTS_TRACE].features.forEach(function (feature, i) {
            context.beginPath();
            trace(feature.geometry);
            context.fillStyle = view.colors[view.z[i]];
            context.fill();
            context.stroke();
        });
        context.beginPath();
        layers[ids.STATES_TRACE].features.forEach(function (feature) { trace(feature.geometry); });
        context.strokeStyle = "#37474f";
        context.lineWidth = 0.9;
        context.stroke();
        var objects = {districts: layers[ids.DISTRICTS_TRACE].features, states: layers[ids.STATES_TRACE].features};
        view.outlines.forEach(function (line) {  // the chosen state, the selected district...: as Plotly dashes them
            var dashes = Math.max(line.width, 3) * ({dot: 1, dash: 3}[line.dash] || 0);
            context.beginPath();
            objects[line.object].forEach(function (feature) {
                if (line.ids.indexOf(feature.id) >= 0) {
                    trace(feature.geometry);
                }
            });
            context.setLineDash(dashes ? [dashes, dashes] : []);
            context.strokeStyle = line.color;
            context.lineWidth = line.width;
            context.stroke();
        });
        return canvas;
    }
    topologyLoaded.then(drawPreview);

    function decodeFullDetailWhenIdle() {
        var idle = window.requestIdleCallback || function (task) { window.setTimeout(task, 200); };
        idle(function () { decodedLevel("full"); });
    }

    // An answer that changes the district panel redraws the map after the panel has been painted: the redraw
    // (~150 ms) would otherwise hold back the frame that shows the panel (the click's instant outline is there).
    var panelChanged = false;
    function notePanelChange(records) {  // from the page's one MutationObserver, above
        var panel = document.getElementById(ids.PANEL);
        panelChanged = panelChanged || records.some(function (record) { return panel && panel.contains(record.target); });
    }
    function afterPanelPainted(name) {
        var wait = name === "react" && panelChanged;
        panelChanged = false;
        return wait && afterNextPaint();
    }
    function afterNextPaint() {
        return new Promise(function (resolve) {
            window.requestAnimationFrame(function () { window.setTimeout(resolve, 0); });  // after this frame
        });
    }

    function fitBeforeDrawing(plotly) {
        ["newPlot", "react"].forEach(function (name) {
            var draw = plotly[name];
            plotly[name] = function (gd, data, layout, config) {
                var self = this;
                var figure = data && !Array.isArray(data) && data.layout;  // Plotly.react(gd, {data, layout, ...})
                return topologyLoaded.then(function () {
                    return afterPanelPainted(name) || previewPainted;
                }).then(function () {
                    var fitted = fittedLayout(gd, figure ? data.layout : layout);
                    var traces = drawnTraces(gd, figure ? data.data : data, fitted);
                    if (figure) {
                        return draw.call(self, gd, Object.assign({}, data, {data: traces, layout: fitted}));
                    }
                    return draw.call(self, gd, traces, fitted, config);
                });
            };
        });
    }

    // Plotly's geo fetches the world topojson of its base layers even with every layer off (assets/topojson/ holds
    // the empty one it gets): handed the same here, it draws without that request.
    function giveEmptyWorld() {
        var topojson = window.PlotlyGeoAssets && window.PlotlyGeoAssets.topojson;
        if (topojson && !topojson.world_110m) {
            var objects = {};
            ["coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits"].forEach(function (name) {
                objects[name] = {type: "GeometryCollection", geometries: []};
            });
            topojson.world_110m = {type: "Topology", arcs: [], objects: objects};
        }
    }

    pageLoaded.then(function () {  // Plotly (assets/vendor/plotly) has loaded by then
        if (window.Plotly) {
            fitBeforeDrawing(window.Plotly);
            giveEmptyWorld();
        }
    });

    // dcc's Graph and Dropdown (ids.LAZY_COMPONENTS) are React.lazy components. Rendered first in the page's layout,
    // each would show its Suspense fallback, and React holds back revealing the loaded component (up to 0.5 s after
    // the fallback): the map waited 150-350 ms for it. Their chunks load with the page's scripts
    // (dashboard/web/bundles.py) and each is rendered once into a detached root just before Dash asks for the layout
    // (its layout_pre hook, dashboard/app.py; after that hook's own React work): React.lazy has them ready then.
    function renderLazyComponentsOnce() {
        var dcc = window.dash_core_components, React = window.React, ReactDOM = window.ReactDOM;
        if (!dcc || !React || !ReactDOM || !ReactDOM.createRoot || !ReactDOM.flushSync) {
            return;
        }
        var root = ReactDOM.createRoot(document.createElement("div"));
        ReactDOM.flushSync(function () {
            root.render(React.createElement("div", null, ids.LAZY_COMPONENTS.map(function (name) {
                return React.createElement(dcc[name], {key: name, options: []});
            })));
        });
        root.unmount();
    }
    window[ids.PAGE_HOOKS] = {layoutPre: function () { window.queueMicrotask(renderLazyComponentsOnce); }};

    function bindMapClicks() {
        var graph = mapGraph();
        if (graph && graph.on && !graph.odopBound) {
            graph.odopBound = true;
            graph.on("plotly_click", function (event) { outlineAtOnce(graph, event); });
            graph.on("plotly_afterplot", function () { fillMapBox(graph); });
            graph.on("plotly_relayout", function () { keepGeometryLevel(graph); });
            decodeFullDetailWhenIdle();  // bound as the first map is drawn
            fillMapBox(graph);
        }
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        odop: {
            downloadMap: function (nClicks) {
                var graph = mapGraph();
                if (!nClicks || !graph || !window.Plotly) {
                    return window.dash_clientside.no_update;
                }
                var figure = exportFigure(graph);
                window.odopLastExport = figure;  // what the export contains, for the browser tests
                window.Plotly.downloadImage(figure, {format: "png", width: A4.width, height: A4.height,
                                                     scale: A4.scale, filename: "odop-atlas-map-" + today()});
                return "Map downloaded";
            },
            toggleFilters: function (nClicks, isOpen) {
                var button = document.getElementById(ids.FILTERS_TOGGLE);
                if (button) {
                    button.textContent = isOpen ? button.dataset.show : button.dataset.hide;
                    button.setAttribute("aria-expanded", String(!isOpen));
                }
                return !isOpen;
            },
            // The tables' tabs: the clicked tab is shown, the others hidden; outputs follow the inputs' order.
            showTab: function () {
                var context = window.dash_clientside.callback_context;
                var tabIds = context.inputs_list.map(function (input) { return input.id; });
                var chosen = tabIds.indexOf(context.triggered_id) >= 0 ? context.triggered_id : tabIds[0];
                return [ids.TAB_KEYS[tabIds.indexOf(chosen)]]
                    .concat(tabIds.map(function (id) { return id === chosen ? "nav-link active" : "nav-link"; }))
                    .concat(tabIds.map(function (id) { return String(id === chosen); }))
                    .concat(tabIds.map(function (id) { return id !== chosen; }));
            },
            // What each tab's table is made from (the filters; the view for the comparison), passed on only while
            // the tab is open, and the products table's only once AG Grid has loaded: a filter or a click asks
            // the server nothing for closed tabs. Outputs follow ids.TAB_KEYS.
            gateTabs: function (filters, view, tab, gridLoaded) {
                var changed = (window.dash_clientside.callback_context.triggered || []).map(function (input) {
                    return input.prop_id.split(".")[0];
                });
                var opened = changed.indexOf(ids.ACTIVE_TAB) >= 0;
                return ids.TAB_KEYS.map(function (key) {
                    var source = key === "compare" ? view : filters;
                    var moved = opened || changed.indexOf(key === "compare" ? ids.VIEW : ids.FILTERS) >= 0 ||
                        (key === "products" && changed.indexOf(ids.GRID_LOADED) >= 0);
                    var shown = key === tab && (key !== "products" || gridLoaded);
                    return shown && moved ? source : window.dash_clientside.no_update;
                });
            },
            notePickerOptions: function () {  // the options of each picker, in ids.PICKERS' order
                Array.from(arguments).forEach(function (options, i) {
                    pickerSizes[ids.PICKERS[i]] = (options || []).length;
                });
            },
            // On a phone the panel sits under the map: after a selection, bring it into view.
            revealPanel: function (view) {
                var panel = document.getElementById(ids.PANEL_REGION);
                if (view && view.district_id && Date.now() - keyboardChoice < 3000) {
                    keyboardChoice = 0;
                    focusPanelHeading(40);
                }
                if (view && view.district_id && panel && window.innerWidth < 992) {
                    window.setTimeout(function () { panel.scrollIntoView({behavior: "smooth", block: "start"}); }, 150);
                }
                return window.dash_clientside.no_update;
            }
        }
    });
})();
