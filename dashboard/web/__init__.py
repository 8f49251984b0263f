"""The web server around the Dash app: security headers, static files compressed once, Dash's script list,
and the routes that are not the page (geometry, fact sheets, ``/healthz``, error pages)."""
