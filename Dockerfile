# ODOP Atlas in a container: the same command as on a machine, as a non-root user, with a health check.
# Not built in this project's CI (no container runtime there); see docs/deploy.md.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN python -m pip install --no-cache-dir -r requirements.txt
COPY dashboard/ dashboard/
COPY assets/ assets/
COPY data/ data/
# The map's TopoJSON, the compressed static files and the loaded atlas, made once (build/ is read-only at run time)
RUN python -m dashboard --compress-static
RUN useradd --system --uid 10001 atlas
USER atlas
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4).status != 200)"
CMD ["python", "-m", "dashboard", "--host", "0.0.0.0", "--port", "8050", "--workers", "2"]
