/* AG Grid, loaded when a grid first comes into view (issue 21): the page ships without AG Grid's bundle
   (dashboard/web/bundles.py, defer_grid_bundle); until it has loaded, each AgGrid renders as a placeholder of
   the same size, and its bundle is fetched once the placeholder nears the viewport (or a tab shows it). The
   namespace Dash resolves stays this one, so a grid never remounts when the bundle arrives. Once it has, the
   grid-loaded store is set, and the products table's rows follow (the page comes without them). */
(function () {
  const meta = document.querySelector('meta[name="odop-grid-script"]');
  if (!meta || window.dash_ag_grid) { return; }
  const lazy = {};
  let real = null;
  let loading = null;
  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = meta.content;
      script.onload = () => {
        real = window.dash_ag_grid;
        Object.keys(real).forEach(key => { if (key !== 'AgGrid') { lazy[key] = real[key]; } });
        window.dash_ag_grid = lazy;
        window.dash_clientside.set_props(window.odopIds.GRID_LOADED, {data: true});  // the table's rows follow
        resolve(real);
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }
  function AgGrid(props) {
    const [ready, setReady] = React.useState(real !== null);
    const box = React.useRef(null);
    React.useEffect(() => {
      if (ready) { return undefined; }
      const seen = new IntersectionObserver(entries => {
        if (entries.some(entry => entry.isIntersecting)) {
          seen.disconnect();
          load().then(() => setReady(true));
        }
      }, {rootMargin: '0px 0px 150px 0px'});  // nearly in view
      seen.observe(box.current);
      return () => seen.disconnect();
    }, [ready]);
    if (ready) { return React.createElement(real.AgGrid, props); }
    return React.createElement('div', {ref: box, id: props.id, className: `${props.className || ''} odop-grid-waiting`,
                                       style: props.style, 'aria-busy': 'true'});
  }
  lazy.AgGrid = AgGrid;
  window.dash_ag_grid = lazy;
}());
