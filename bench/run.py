#!/usr/bin/env python3
"""The portal's benchmark: PostgreSQL with synthetic students, gunicorn, wrk. See README.md.

    .venv/bin/python bench/run.py                    # 100 000 students, every page
    .venv/bin/python bench/run.py --students 10000 --duration 10

Everything runs on this machine and talks only to 127.0.0.1. Every loop is bounded in time,
and gunicorn is stopped however the run ends.
"""

import argparse
import datetime as dt
import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
MB = 1024 * 1024


# --- Small helpers -----------------------------------------------------------------------


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command: list, env: dict, *, timeout: float, capture: bool = False) -> str:
    """Run a command to completion (bounded in time); stop the benchmark if it fails."""
    completed = subprocess.run(  # noqa: S603 - our own fixed commands
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    if completed.returncode != 0:
        raise SystemExit(f"Failed ({completed.returncode}): {' '.join(map(str, command))}")
    return completed.stdout or ""


def manage(env: dict, *args, timeout: float = 600, capture: bool = False) -> str:
    return run([PYTHON, "manage.py", *args], env, timeout=timeout, capture=capture)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- Environment and database ------------------------------------------------------------


def bench_keys() -> tuple[dict, bool]:
    """Keys of the benchmark database, made once and kept in bench/.data (git-ignored):
    the synthetic numbers are encrypted with them, so they must not change between runs.
    Returns the keys and whether they are new (then the data must be generated again)."""
    path = DATA / "keys.json"
    if path.exists():
        return json.loads(path.read_text()), False
    from cryptography.fernet import Fernet

    keys = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "NUMBER_SEARCH_KEY": secrets.token_urlsafe(50),
    }
    DATA.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(keys))
    path.chmod(0o600)
    return keys, True


def bench_env(database_url: str, keys: dict, cache_url: str = "") -> dict:
    """Production settings (DEBUG off), plain HTTP on the loopback, the benchmark's keys."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.update(keys)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": HOST,
            # No TLS on the loopback: no redirect to https.
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(DATA / "static"),
            "PRIVATE_STORAGE_ROOT": str(DATA / "private-media"),
            "FILE_UPLOAD_TEMP_DIR": str(DATA / "upload-tmp"),
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "BENCH_FLOOR": "true",
            # The upload phase uploads more often than a student may in an hour.
            "DOCUMENT_UPLOADS_PER_HOUR": "1000",
        }
    )
    if cache_url:
        if urlsplit(cache_url).hostname not in LOOPBACK_NAMES:
            raise SystemExit("The benchmark's Redis must be on this machine (127.0.0.1).")
        # The production shape: cache, sessions (read from Redis, written through to the
        # database) and the page cache on Redis.
        env["CACHE_URL"] = cache_url
    else:
        env.pop("CACHE_URL", None)  # the embedded default: the database cache
    for folder in ("private-media", "upload-tmp", "static"):
        (DATA / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def check_database_url(url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in LOOPBACK_NAMES:
        raise SystemExit("The benchmark database must be on this machine (127.0.0.1).")
    if "bench" not in name:
        raise SystemExit(f"Refusing database {name!r}: its name must contain 'bench'.")
    return name


def ensure_database(url: str) -> None:
    import psycopg

    name = check_database_url(url)
    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            say(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing wrk (Debian package)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, env=env, timeout=600)  # noqa: S603, S607
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed: sudo apt-get install wrk")
    return found


# --- gunicorn ------------------------------------------------------------------------------


class Server:
    """gunicorn with production settings, in its own process group, always stopped."""

    def __init__(self, env: dict, *, workers: int, port: int, log: Path):
        self.port = port
        self.log = log.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(GUNICORN),
                "portal.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start; see {log}")
            try:
                if get(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit("gunicorn did not answer within 60 s")
        # Workers are forked lazily after the master answers: wait until all are up.
        deadline = time.monotonic() + 30
        while len(self.workers()) < workers and time.monotonic() < deadline:
            time.sleep(0.1)

    def workers(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes


def get(port: int, path: str, *, session: str | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        sent = dict(headers or {})
        if session:
            sent["Cookie"] = f"sessionid={session}"
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


# --- Load with wrk ---------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    path: str
    who: str | None  # "student", "staff" or None (anonymous)
    rounds: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # the median round, and its ratio
    alone: dict = field(default_factory=dict)
    size: int = 0


def wrk(
    wrk_path: str, port: int, endpoint: Endpoint, sessions: Path | None, *, seconds, connections
):
    command = [
        wrk_path,
        "--threads",
        str(min(2, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(BENCH / "report.lua"),
        f"http://{HOST}:{port}{endpoint.path}",
        "--",
        str(sessions) if sessions else "-",
    ]
    completed = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed on {endpoint.name}: {completed.stderr or completed.stdout}")
    figures = json.loads(lines[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = figures["not_200"] + figures["socket_errors"] + figures["timeouts"]
    return figures


# --- Page weight and upload memory --------------------------------------------------------


def page_weight(port: int, path: str, session: str) -> dict:
    """The dashboard's HTML and the CSS and JS it loads, as transferred compressed."""
    page = get(port, path, session=session)
    html = page.body
    assets = re.findall(rb'<link[^>]+href="(/static/[^"]+\.css)"', html)
    assets += re.findall(rb'<script[^>]+src="(/static/[^"]+\.js)"', html)
    rows = []
    for asset in assets:
        url = asset.decode()
        raw = get(port, url)
        compressed = {}
        for encoding in ("gzip", "br"):
            answer = get(port, url, headers={"Accept-Encoding": encoding})
            compressed[encoding] = len(answer.body)
        rows.append(
            {
                "url": url,
                "raw": len(raw.body),
                "gzip": compressed["gzip"],
                "br": compressed["br"],
                "cache_control": raw.headers.get("Cache-Control", ""),
            }
        )
    return {
        "html_raw": len(html),
        # Django does not compress HTML (BREACH); a TLS proxy in front may: both are shown.
        "html_gzip": len(gzip.compress(html, 6)),
        "assets": rows,
    }


def proc_status(pid: int) -> dict:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024
    return values


def ten_megabyte_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    target = 10 * MB - 4096
    padding = target
    for _attempt in range(4):
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        stream = StreamObject()
        stream.set_data(b"0" * padding)
        writer.root_object[NameObject("/Padding")] = writer._add_object(stream)
        out = BytesIO()
        writer.write(out)
        data = out.getvalue()
        padding += target - len(data)
        if abs(len(data) - target) < 1024:
            return data
    return data


def ten_megabyte_photo() -> bytes:
    """A 12-megapixel phone-like photo of 9 to 10 MB (noise keeps JPEG from shrinking it)."""
    from io import BytesIO

    from PIL import Image

    size = (4000, 3000)
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    best = b""
    for amplitude in (40, 60, 80, 100, 128):
        noise = Image.effect_noise(size, amplitude).convert("RGB")
        out = BytesIO()
        Image.blend(base, noise, 0.5).save(out, "JPEG", quality=96)
        if out.tell() > 10 * MB - 65536:
            break
        best = out.getvalue()
    return best


def multipart(csrf: str, name: str, data: bytes, content_type: str) -> tuple[bytes, str]:
    boundary = "bench" + secrets.token_hex(12)
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + data + tail, f"multipart/form-data; boundary={boundary}"


def upload(port: int, session: str, kind: str, name: str, data: bytes, content_type: str) -> int:
    # Double-submit CSRF, as a browser does: the same random secret in cookie and form.
    csrf = secrets.token_hex(16)
    body, body_type = multipart(csrf, name, data, content_type)
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(
            "POST",
            f"/en/documents/upload/{kind}/",
            body=body,
            headers={
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "Content-Type": body_type,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def upload_memory(env: dict, session: str, log: Path, rounds: int, port: int = 0) -> dict:
    """Peak memory of a single worker while it takes 10 MB files, against the same worker idle."""
    server = Server(env, workers=1, port=port or free_port(), log=log)
    try:
        (worker,) = server.workers()
        files = {
            "pdf": ("rib", "scan.pdf", ten_megabyte_pdf(), "application/pdf"),
            "jpeg": ("passport-id", "photo.jpg", ten_megabyte_photo(), "image/jpeg"),
        }
        # Warm the worker: every module the pages and the checks load, then one small upload.
        for path in ("/en/dashboard/", "/en/documents/", "/en/documents/upload/rib/"):
            get(server.port, path, session=session)
        status = upload(server.port, session, "rib", "warm.pdf", _small_pdf(), "application/pdf")
        if status != 302:
            raise SystemExit(f"Warm-up upload answered {status}; see {log}")
        result = {}
        for label, (kind, name, data, content_type) in files.items():
            time.sleep(0.5)
            idle = proc_status(worker)["VmRSS"]
            # Reset the worker's high-water mark, so VmHWM is this series' peak only.
            Path(f"/proc/{worker}/clear_refs").write_text("5")
            peak = {"rss": idle}
            stop = threading.Event()

            def sample(peak=peak, stop=stop):
                while not stop.is_set():
                    try:
                        peak["rss"] = max(peak["rss"], proc_status(worker)["VmRSS"])
                    except OSError:
                        return
                    time.sleep(0.002)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            statuses = [
                upload(server.port, session, kind, name, data, content_type)
                for _round in range(rounds)
            ]
            stop.set()
            sampler.join(timeout=5)
            hwm = proc_status(worker)["VmHWM"]
            result[label] = {
                "file_bytes": len(data),
                "uploads": rounds,
                "ok": sum(1 for status in statuses if status == 302),
                "statuses": sorted(set(statuses)),
                "idle_rss": idle,
                "peak_rss": max(hwm, peak["rss"]),
                "above_idle": max(hwm, peak["rss"]) - idle,
            }
        return result
    finally:
        server.stop()


def _small_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Reporting --------------------------------------------------------------------------------


def machine() -> dict:
    memory = next(
        line for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = run(
        [
            PYTHON,
            "-c",
            "import django, gunicorn, sys; "
            "print(sys.version.split()[0], django.get_version(), gunicorn.__version__)",
        ],
        os.environ.copy(),
        timeout=30,
        capture=True,
    ).split()
    wrk_version = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "--version"], capture_output=True, text=True, check=False
    )
    return {
        "host": socket.gethostname(),
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(int(memory.split()[1]) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": versions[0],
        "django": versions[1],
        "gunicorn": versions[2],
        "wrk": (wrk_version.stdout or wrk_version.stderr).split("[")[0].strip(),
    }


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.1f}"


def summarise(endpoints: list[Endpoint]) -> None:
    """Each page's median round (by its ratio to the floor of the same round), errors summed."""
    floors = [figures["rps"] for figures in endpoints[0].rounds]
    for endpoint in endpoints:
        for figures, floor in zip(endpoint.rounds, floors, strict=True):
            figures["ratio"] = figures["rps"] / floor
        ordered = sorted(endpoint.rounds, key=lambda figures: figures["ratio"])
        endpoint.figures = dict(ordered[(len(ordered) - 1) // 2])
        endpoint.figures["errors"] = sum(figures["errors"] for figures in endpoint.rounds)
        endpoint.figures["requests"] = sum(figures["requests"] for figures in endpoint.rounds)


def table(endpoints: list[Endpoint], connections: int) -> str:
    lines = [
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | errors | KB | p95 ms, 1 user |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for endpoint in endpoints:
        f = endpoint.figures
        alone = ms(endpoint.alone["p95_us"]) if endpoint.alone else "—"
        lines.append(
            f"| {endpoint.name} | {f['rps']:.0f} | {f['ratio']:.2f} | {ms(f['p50_us'])} | "
            f"{ms(f['p95_us'])} | {ms(f['p99_us'])} | {f['errors']} | "
            f"{endpoint.size / 1024:.1f} | {alone} |"
        )
    return "\n".join(lines)


def write_results(
    *, args, info, data, endpoints, weight, memory, load, started, command, elapsed
) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    shape = "-redis" if args.cache_url else ""
    path = RESULTS / f"{started:%Y-%m-%d}-{info['host']}{shape}.md"
    weight_total = {
        "gzip": weight["html_gzip"] + sum(row["gzip"] for row in weight["assets"]),
        "raw_html": weight["html_raw"] + sum(row["gzip"] for row in weight["assets"]),
        "br": weight["html_gzip"] + sum(row["br"] for row in weight["assets"]),
    }
    out = [
        f"# Benchmark, {started:%Y-%m-%d %H:%M} UTC, {info['host']}",
        "",
        f"Command: `{command}` ({elapsed / 60:.0f} min)",
        "",
        "## Machine",
        "",
        f"- {info['cpus']} CPUs ({info['cpu_model']}), {info['memory_gb']} GB memory, "
        f"Linux {info['kernel']}",
        f"- {data['database_version'].split(' on ')[0]}, database "
        f"{(data['database_size'] or 0) / MB / 1024:.1f} GB",
        f"- Python {info['python']}, Django {info['django']}, gunicorn {info['gunicorn']} "
        f"({args.workers} sync workers), {info['wrk']}; wrk and PostgreSQL share the machine",
        "- Cache and sessions: "
        + (
            f"Redis (`{args.cache_url}`), sessions read from it and written through to the "
            "database (the production shape)"
            if args.cache_url
            else "the database cache, sessions in the database (the embedded default)"
        ),
        f"- Load average (1 min) when the pages started: {load[0][0]:.1f}, when they ended: "
        f"{load[1][0]:.1f}. Above the number of CPUs, other programs were competing for them.",
        "",
        "## Data",
        "",
        f"{data['students']} synthetic students, {data['events']} timeline events, "
        f"{data['documents']} documents, {data['versions']} versions, "
        f"{data['waiting_for_review']} waiting for review.",
        "",
        "## Pages",
        "",
        f"Each page: {args.warmup} s of warm-up, then {args.rounds} rounds over every page of "
        f"{args.duration} s at {args.connections} connections; the table shows each page's "
        "median round by its ratio to the floor's req/s in the same round. Last column: "
        + (f"one connection for {args.alone} s. " if args.alone else "not measured. ")
        + "Errors (all rounds): answers other than 200, socket errors and time-outs. "
        "KB: the answer's body.",
        "",
        table(endpoints, args.connections),
        "",
        "Addresses:",
        "",
        *[f"- {e.name}: `{e.path}` ({e.who or 'anonymous'})" for e in endpoints],
        "",
        "## Dashboard page weight",
        "",
        "| what | raw KB | gzip KB | brotli KB | Cache-Control |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| HTML | {weight['html_raw'] / 1024:.1f} | {weight['html_gzip'] / 1024:.1f} | — | — |",
        *[
            f"| {row['url'].rsplit('/', 1)[-1]} | {row['raw'] / 1024:.1f} | "
            f"{row['gzip'] / 1024:.1f} | {row['br'] / 1024:.1f} | {row['cache_control']} |"
            for row in weight["assets"]
        ],
        f"| **total** | | **{weight_total['gzip'] / 1024:.1f}** | "
        f"{weight_total['br'] / 1024:.1f} | |",
        "",
        f"Total with uncompressed HTML and gzip assets: {weight_total['raw_html'] / 1024:.1f} KB.",
        "",
        "## Upload memory",
        "",
        "One worker, warmed up (pages and one small upload), then 10 MB files uploaded and "
        "checked one after the other; peak = the worker's VmHWM (reset before each series) "
        "and VmRSS sampled every 2 ms.",
        "",
        "| file | size MB | uploads accepted | idle RSS MB | peak RSS MB | above idle MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {label} | {row['file_bytes'] / MB:.1f} | {row['ok']}/{row['uploads']} | "
            f"{row['idle_rss'] / MB:.1f} | {row['peak_rss'] / MB:.1f} | "
            f"{row['above_idle'] / MB:.1f} |"
            for label, row in memory.items()
        ],
        "",
    ]
    path.write_text("\n".join(out))
    return path


# --- Main -------------------------------------------------------------------------------------


def endpoints_for(prepared: dict) -> list[Endpoint]:
    # The office's students list, filtered on a step and searched by a surname.
    students = f"/admin/office/student/?step=provisional-number&q={prepared['search']}"
    return [
        Endpoint("floor (bare view)", "/bench/floor/", None),
        Endpoint("signed-in floor", "/bench/floor/signed-in/", "student"),
        Endpoint("guidance page", "/en/guide/register-outside-eu/", None),
        Endpoint("student dashboard", "/en/dashboard/", "student"),
        Endpoint("document list", "/en/documents/", "student"),
        Endpoint("document download", prepared["download"], "student"),
        Endpoint("admin students, filter + search", students, "staff"),
        Endpoint("admin review queue", "/admin/office/pendingdocument/", "staff"),
        # The office's pictures: served from the shared cache after the first request.
        Endpoint("admin office pictures", "/admin/office/student/charts/", "staff"),
        # The documents app's review queue (/<lang>/documents/review/) now redirects to the
        # admin's (issue 15, item 3): one review screen, measured above.
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=6)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds per page, not counted")
    parser.add_argument("--alone", type=int, default=5, help="seconds at one connection")
    parser.add_argument("--upload-rounds", type=int, default=3)
    parser.add_argument(
        "--only",
        help="comma-separated page names or their beginnings (the two floors always run)",
    )
    parser.add_argument(
        "--cache-url",
        default="",
        help="the production shape: redis://127.0.0.1:6379/N (default: the database cache)",
    )
    parser.add_argument("--regenerate", action="store_true", help="new synthetic data")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="gunicorn's port (the upload phase uses the next one); default: any free port",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="migrate and generate the data, then stop (no measure)",
    )
    args = parser.parse_args()
    command = " ".join([".venv/bin/python bench/run.py", *sys.argv[1:]])
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()

    check_database_url(args.database_url)
    wrk_path = ensure_wrk()
    keys, new_keys = bench_keys()
    env = bench_env(args.database_url, keys, args.cache_url)
    ensure_database(args.database_url)
    say("Migrating, creating the cache table, collecting static files")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    summary = [PYTHON, BENCH / "prepare.py", "summary"]
    data = json.loads(run(summary, env, timeout=600, capture=True))
    if args.regenerate or new_keys or data["students"] != args.students:
        say(f"Generating {args.students} synthetic students (once; kept for later runs)")
        generation = time.monotonic()
        manage(
            env,
            "generate_synthetic_data",
            "--students",
            str(args.students),
            "--seed",
            str(args.seed),
            "--reset",
            "--i-know-this-is-not-production",
            timeout=3 * 3600,
        )
        say(f"Generated in {time.monotonic() - generation:.0f} s")
        data = json.loads(run(summary, env, timeout=600, capture=True))
    if args.prepare_only:
        say(f"Prepared: {data}")
        return

    pool = max(args.connections * 2, 8)
    prepared = json.loads(
        run([PYTHON, BENCH / "prepare.py", "sessions", str(pool)], env, timeout=120, capture=True)
    )
    session_files = {}
    for who, keys in prepared["sessions"].items():
        path = DATA / f"sessions-{who}.txt"
        path.write_text("\n".join(keys) + "\n")
        path.chmod(0o600)
        session_files[who] = path

    endpoints = endpoints_for(prepared)
    if args.only:
        # Page names may hold a comma ("admin students, filter + search"): a page is chosen
        # when a part names it whole or names its beginning ("admin students").
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        wanted.append("signed-in floor")
        endpoints = [
            e
            for e in endpoints
            if e is endpoints[0] or any(e.name.startswith(name) for name in wanted)
        ]
    log = DATA / "gunicorn.log"
    say(f"Starting gunicorn ({args.workers} workers); log in {log}")
    server = Server(env, workers=args.workers, port=args.port or free_port(), log=log)
    stop_now = False

    def on_signal(signum, frame):
        nonlocal stop_now
        stop_now = True
        server.stop()
        raise SystemExit(f"Stopped by signal {signum}")

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def load(endpoint: Endpoint, *, seconds: int, connections: int) -> dict:
        sessions = session_files[endpoint.who] if endpoint.who else None
        figures = wrk(
            wrk_path, server.port, endpoint, sessions, seconds=seconds, connections=connections
        )
        # Requests wrk left in flight still run on the server: let them end before the next
        # page is measured (they last at most about the slowest one seen).
        time.sleep(min(figures["max_us"] / 1e6, 15) + 0.1)
        return figures

    load_before = os.getloadavg()
    try:
        for endpoint in endpoints:
            session = prepared["sessions"][endpoint.who][0] if endpoint.who else None
            answer = get(server.port, endpoint.path, session=session)
            if answer.status != 200:
                raise SystemExit(f"{endpoint.name} answered {answer.status}; see {log}")
            endpoint.size = len(answer.body)
            say(f"{endpoint.name}: warm-up {args.warmup} s")
            load(endpoint, seconds=args.warmup, connections=args.connections)
        # Rounds over every page, so that a burst of other work on the machine weighs on
        # one round of each page rather than on one page; each ratio is to the floor of the
        # same round, and the table shows the median round.
        for number in range(1, args.rounds + 1):
            for endpoint in endpoints:
                figures = load(endpoint, seconds=args.duration, connections=args.connections)
                endpoint.rounds.append(figures)
                say(
                    f"round {number}, {endpoint.name}: {figures['rps']:.0f} req/s, "
                    f"p50 {ms(figures['p50_us'])} ms, p95 {ms(figures['p95_us'])} ms, "
                    f"{figures['errors']} errors"
                )
        for endpoint in endpoints:
            if args.alone:
                endpoint.alone = load(endpoint, seconds=args.alone, connections=1)
        summarise(endpoints)
        weight = page_weight(server.port, "/en/dashboard/", prepared["sessions"]["student"][0])
    finally:
        server.stop()

    load_after = os.getloadavg()
    say("Upload memory: one worker, 10 MB files")
    memory = upload_memory(
        env,
        prepared["sessions"]["uploader"][0],
        log,
        rounds=args.upload_rounds,
        port=args.port + 1 if args.port else 0,
    )
    info = machine()
    results = write_results(
        args=args,
        info=info,
        data=data,
        endpoints=endpoints,
        weight=weight,
        memory=memory,
        load=(load_before, load_after),
        started=started,
        command=command,
        elapsed=time.monotonic() - clock,
    )
    print()
    print(results.read_text())
    say(f"Written to {results.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
