// Builds assets/vendor/plotly/plotly-geo.min.js from plotly.js's own sources (run by scripts/build_plotly.sh, which
// unpacks the npm package plotly.js into the working directory and installs esbuild there).
//
// What the map uses of plotly.js: the choropleth and scattergeo traces, the mercator projection, hover, the mode
// bar's geo zoom buttons, the colour bar and annotations of the exported image. Plotly's own geo bundle also carries
// what it never uses: all of it is downloaded and compiled, and some of it runs, on every page load. Left out here:
//   - the components the figure never sets (DROPPED_COMPONENTS; Plotly treats an unregistered component as absent),
//   - world calendars (the geo bundle registers them; dates are not drawn),
//   - MapLibre's stylesheet (83 KB of CSS, used only by MapLibre traces, none of which is included),
//   - d3-geo-projection (every projection but d3-geo's own: the map is mercator),
//   - the country-name lookup (built on load for locationmode "country names"; the map uses "geojson-id").
// And a few edits of plotly.js's code (PATCHES), each of work the map does not need on every draw: the first three
// took ~24% off the first draw and ~28% off a recolouring redraw, the colour strings made once another ~7-14% off
// the redraw (measured side by side in the page).
'use strict';
const fs = require('fs');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');

const DROPPED_COMPONENTS = ['annotations3d', 'images', 'updatemenus', 'sliders', 'rangeslider', 'rangeselector', 'grid',
                            'errorbars'];
const STUBS = {  // module -> what stands in for it
    'maplibre-gl/dist/maplibre-gl.css': '',
    'd3-geo-projection': 'module.exports = {};',
    'country-iso-search': 'module.exports = {COUNTRIES: [], createLookup: function () {' +
                          ' return {lookupAlpha3: function () { return undefined; }}; }};',
};

const PATCHES = [  // [file, what is replaced, by what, why]
    ['src/traces/choropleth/plot.js',
     '            if (!bboxGeojson) {\n',
     '            if (!bboxGeojson && geoLayout.fitbounds) {\n',
     "each district's bounding box on the sphere, on every draw, is used only by geo.fitbounds, which the map does " +
     'not set (its ranges are given)'],
    ['src/plots/geo/constants.js',
     'exports.precision = 0.1;',
     'exports.precision = 0;',
     "no adaptive resampling: the boundaries' edges are straight in longitude and latitude (GIS data), so in " +
     'mercator they are drawn as straight lines between the projected points, not subdivided into great-circle arcs'],
    ['src/components/color/index.js',
     "const toColor = (cstr) => {\n    if (typeof cstr !== 'string') return undefined;\n",
     `const remembered = (make) => {  // make(key) once for each key, at most 1,000 kept (all dropped when full)
    const made = new Map();
    return (key) => {
        if (!made.has(key)) {
            if (made.size >= 1000) made.clear();
            made.set(key, make(key));
        }
        return made.get(key);
    };
};
const parsedColor = remembered((cstr) => parseColor(cstr));
const toColor = (cstr) => {
    if (typeof cstr !== 'string') return undefined;
    const parsed = parsedColor(cstr);
    return parsed && { ...parsed };
};
const parseColor = (cstr) => {
`,
     'each colour string parsed once (a copy handed out each time): styling every district parsed the same few ' +
     'colours again for each path'],
    ['src/components/color/index.js',
     'const rgb = (cstr) => formatRgb({ ...parse(cstr), alpha: 1 });\n',
     `const rgbOf = (cstr) => formatRgb({ ...parse(cstr), alpha: 1 });
const rgbString = remembered(rgbOf);
const rgb = (cstr) => (typeof cstr === 'string' ? rgbString(cstr) : rgbOf(cstr));
`,
     "each colour's rgb() string made once: every district's outline, one colour, was formatted again for each path"],
    ['src/components/color/index.js',
     'module.exports = {\n',
     'module.exports = {\n    remembered,\n',
     'for the colour scales below'],
    ['src/components/colorscale/helpers.js',
     '    var sclFunc;\n',
     `    var colorString = Color.remembered(function(v) { return Color.rgbaArrayToString(_sclFunc(v)); });
    var sclFunc;
`,
     "a colour scale's colour for each value made once (this and the next two): the map's districts share a few " +
     'classes'],
    ['src/components/colorscale/helpers.js',
     '            return Color.rgbaArrayToString(_sclFunc(v));\n',
     '            return colorString(v);\n',
     'the same'],
    ['src/components/colorscale/helpers.js',
     '            if(isNumeric(v)) return Color.rgbaArrayToString(_sclFunc(v));\n',
     '            if(isNumeric(v)) return colorString(v);\n',
     'the same'],
];

function applyPatches() {
    for (const [file, from, to] of PATCHES) {
        const code = fs.readFileSync(file, 'utf8');
        if (code.split(from).length !== 2) {
            throw new Error(`${file} no longer holds what PATCHES replaces exactly once: check the patch`);
        }
        fs.writeFileSync(file, code.replace(from, to));
    }
}

function writeEntry() {  // plotly's src/core.js without the dropped components, and the two geo traces
    let core = fs.readFileSync('src/core.js', 'utf8');
    for (const name of DROPPED_COMPONENTS) {
        const line = `    require('./components/${name}'),\n`;
        if (!core.includes(line)) {
            throw new Error(`src/core.js no longer registers ${name} as expected: check DROPPED_COMPONENTS`);
        }
        core = core.replace(line, '');
    }
    fs.writeFileSync('src/core-odop.js', core);
    fs.writeFileSync('entry-odop.js', "var Plotly = require('./src/core-odop');\n" +
        "Plotly.register([require('./lib/scattergeo'), require('./lib/choropleth')]);\nmodule.exports = Plotly;\n");
}

const stubs = {
    name: 'odop-stubs',
    setup(build) {
        const names = Object.keys(STUBS).map(name => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
        build.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, args => ({path: args.path, namespace: 'stub'}));
        build.onLoad({filter: /.*/, namespace: 'stub'}, args => ({contents: STUBS[args.path], loader: 'js'}));
    },
};

applyPatches();
writeEntry();
esbuild.build({  // plotly.js's own settings (its esbuild-config.js), minified
    entryPoints: ['entry-odop.js'], outfile: process.argv[2], format: 'iife', globalName: 'Plotly', bundle: true,
    minify: true, target: 'es2016', logLevel: 'warning',
    plugins: [stubs, InlineCSSPlugin(), environmentPlugin({NODE_DEBUG: false})],
    alias: {regl: '@plotly/regl', stream: 'stream-browserify'},
    define: {global: 'window', 'define.amd': 'false'},
}).catch(() => process.exit(1));
