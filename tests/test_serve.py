"""`sillon serve` and `sillon worker` in the production profile, as docs/deployment.md
runs them: static files with hashed names, /health/ 503 then 200 once the worker beats,
no debug page."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sillon.core.management.commands.serve import gunicorn_arguments


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, status: int, seconds: float = 90) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer, body = get(url)
            if answer == status:
                return body
        except OSError:  # not listening yet, or too busy to answer in time
            pass
        assert time.monotonic() < deadline, f"{url} never answered {status}"
        time.sleep(0.5)


def test_gunicorn_gets_the_bind_workers_timeout_and_an_access_log_on_stdout():
    arguments = gunicorn_arguments("0.0.0.0:9000", 5, 60)
    assert arguments[1:4] == ["-m", "gunicorn", "sillon.wsgi:application"]
    options = dict(zip(arguments[4::2], arguments[5::2], strict=False))
    assert options["--bind"] == "0.0.0.0:9000" and options["--workers"] == "5"
    assert options["--timeout"] == "60" and options["--access-logfile"] == "-"


@pytest.mark.skipif(sys.platform != "linux", reason="a server process on Linux")
def test_production_serves_static_files_health_and_no_debug_page(tmp_path: Path):
    sillon = shutil.which("sillon", path=str(Path(sys.executable).parent))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "CACHE_URL", "EMAIL_URL"}
    }
    env.update(
        SILLON_DATA_DIR=str(tmp_path),
        SILLON_PROFILE="production",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    for step in (["migrate", "--verbosity", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        done = subprocess.run([sillon, *step], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sillon, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker = None
    try:
        body = wait_for(f"{base}/health/", 503)
        assert json.loads(body) == {"database": "ok", "worker": "stale"}

        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["sillon/sillon.css"]
        assert hashed != "sillon/sillon.css"
        status, css = get(f"{base}/static/{hashed}")
        assert status == 200 and css

        status, page = get(f"{base}/no-such-page/")
        assert status == 404
        assert b"URLconf" not in page and b"Traceback" not in page

        worker = subprocess.Popen([sillon, "worker", "--verbosity", "0"], env=env)
        assert json.loads(wait_for(f"{base}/health/", 200)) == {
            "database": "ok",
            "worker": "ok",
        }
    finally:
        for process in (worker, server):
            if process is not None:
                process.send_signal(signal.SIGTERM)
                process.wait(30)
    log = server.stdout.read()
    assert '"GET /health/ HTTP/1.1" 200' in log  # the access log, on standard output
