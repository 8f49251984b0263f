// Client-side helpers for ODOP Atlas (served locally from assets/).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    odop: {
        // Download the current map as a print-resolution PNG with title, legend and source line.
        downloadMap: function (nClicks) {
            var graph = document.querySelector("#map .js-plotly-plot");
            if (!nClicks || !graph || !window.Plotly) {
                return window.dash_clientside.no_update;
            }
            window.Plotly.downloadImage(graph, {
                format: "png", width: 1600, height: 1200, scale: 2, filename: "odop-atlas-map"
            });
            return "Map downloaded";
        }
    }
});
