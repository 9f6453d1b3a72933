"""`make bench`: the portal's pages under load, at 1 000, 10 000 or 100 000 examples.

    python -m benchmarks.run [--count 1000] [--duration 5] [--connections 8]

Against PostgreSQL, in a database of its own per size (gode_eksempler_bench_<count>
unless --database-url names one): created, migrated, given the demo content and
`generate_examples --count N --seed S`, and kept for the next run while its
comment says it holds that count and seed. The portal runs under gunicorn on
127.0.0.1 in production mode (DEBUG off, collected static files); wrk, with
benchmarks/bench.lua, measures each page warm (one URL again and again) and cold
(each request the next of a fixed list of up to 3 000 URLs drawn from the data).
Each page is first requested once in this process, through Django's test
client, to count its SQL queries and time one request. Prints a table and
writes benchmarks/results.json. See docs/performance.md.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LUA = ROOT / "benchmarks" / "bench.lua"
RESULTS = ROOT / "benchmarks" / "results.json"
SECRET_KEY = "benchmark-only-secret-key-" + "b" * 40  # nosec B105: a throwaway database
CURATOR_EMAIL = "benchmark-curator@gode-eksempler.example"
HTTPS = {"X-Forwarded-Proto": "https"}  # the proxy says https, so no SSL redirect


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="examples (1000, 10000, 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", help="default: the local gode_eksempler_bench_<count>")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/15",
        help="REDIS_URL for the portal, emptied first ('' for the database cache)",
    )
    parser.add_argument("--modes", default="warm,cold", help="warm, cold or both")
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--no-exports",
        dest="exports",
        action="store_false",
        help="skip downloading the exports (whole-portal CSV and JSON)",
    )
    args = parser.parse_args(argv)
    args.database_url = args.database_url or (
        f"postgres://postgres@127.0.0.1:5432/gode_eksempler_bench_{args.count}"
    )
    args.modes = [mode for mode in args.modes.split(",") if mode]
    return args


def log(message):
    print(message, file=sys.stderr, flush=True)


# The database


def portal_env(args, static_root):
    """The environment of the portal as production runs it, against the bench database."""
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        # Django's default admin changelist, to compare the curators' with.
        "PORTAL_BENCHMARK_DEFAULT_ADMIN": "1",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def manage(env, *arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


# Moved on whenever portal.synthetic makes other data (2: adoptions; 3: compound parts
# in the search columns, and the demo's synonym groups), so that a kept database from
# before is made afresh.
DATA_VERSION = 3


def prepare_database(args, env):
    """Create, migrate and fill the bench database unless it already holds this count and seed."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(args.database_url)
    name = config["NAME"]
    wanted = f"gode-eksempler bench count={args.count} seed={args.seed} data={DATA_VERSION}"
    server = psycopg.connect(
        dbname="postgres",
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        autocommit=True,
    )
    with server:
        row = server.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        fresh = row is None or row[0] != wanted
        if fresh:
            log(f"== creating {name} with {args.count} examples (seed {args.seed})")
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    empty_redis(args.redis_url)
    if fresh:
        manage(env, "loaddemo")
        manage(env, "generate_examples", "--count", str(args.count), "--seed", str(args.seed))
        with psycopg.connect(args.database_url, autocommit=True) as database:
            database.execute(f"COMMENT ON DATABASE \"{name}\" IS '{wanted}'")


def empty_redis(url):
    """Start from an empty cache: pages kept by an earlier run may show other data."""
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


# In this process: the curator's session, the URLs, the query counts


def setup_django(env):
    os.environ.update(env)
    if "REDIS_URL" not in env:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def curator_session():
    """Sign in a curator with an authenticator app, as the admin requires; return the client."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client

    from accounts.management.commands.create_curator import make_curator

    user, _changes = make_curator(email=CURATOR_EMAIL)
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def count_queries(pages, curator):
    """Request each page's warm URL twice; return {name: (status, queries, milliseconds)}.

    Each request does a page's work, as a cold one does: the page cache does
    not answer, and the facet index and the search's synonyms, read once per
    change, are there already.
    """
    from django.test import Client
    from django.test.utils import override_settings

    from initiatives import facetindex, synonyms

    anonymous = Client(HTTP_HOST="127.0.0.1")
    facetindex.current()
    synonyms.current()
    with override_settings(PAGE_CACHE_SECONDS=0):
        return {
            page.name: _count_and_time(page, curator if page.admin else anonymous) for page in pages
        }


def _count_and_time(page, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.warm, secure=True)
    # Counted now: the next request clears the connection's query log.
    queries = len(captured)
    # Timed the second time, when templates are compiled and the process is warm.
    started = time.perf_counter()
    client.get(page.warm, secure=True)
    elapsed = (time.perf_counter() - started) * 1000
    log(f"   {page.name}: {response.status_code}, {queries} queries, {elapsed:.0f} ms")
    return response.status_code, queries, elapsed


# The server and the load


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, env, logfile):
    port = free_port()
    server_env = {
        **env,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        # The slow pages at 100 000 examples take longer than production's 30 s.
        "GUNICORN_TIMEOUT": "300",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # --max-requests 0: recycling workers every 2 000 requests would measure restarts.
    server = subprocess.Popen(
        [gunicorn, "--config", "gunicorn.conf.py", "--max-requests", "0"],
        cwd=ROOT,
        env=server_env,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            get(base + "/healthz")
            return server, base
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped; see its log") from None
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def get(url, cookie=None):
    headers = {**HTTPS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:  # nosec B310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("== installing wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True)


def run_wrk(args, url, cookie=None, urls_file=None):
    """One wrk run; return its JSON summary with requests per second added."""
    command = ["wrk", f"-t{min(args.threads, args.connections)}", f"-c{args.connections}"]
    command += [f"-d{args.duration}s", "--timeout", "120s", "-s", str(LUA)]
    command += ["-H", "X-Forwarded-Proto: https"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    if urls_file:
        # Anonymous cold requests each get a parameter of their own (bench.lua), so
        # the page cache cannot answer them; the admin rejects unknown parameters.
        unique = "same" if cookie else "unique"
        command += ["--", str(urls_file), str(min(args.threads, args.connections)), unique]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    summary = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    seconds = summary["duration_us"] / 1e6
    summary["rps"] = summary["requests"] / seconds if seconds else 0.0
    summary["non_2xx_3xx"] = summary["errors"]["status"]
    return summary


def measure(args, pages, base, cookie, workdir):
    """Run wrk over every page and mode; return one result dict per page."""
    results = []
    for page in pages:
        result = {"page": page.name, "url": page.warm, "cold_urls": len(page.cold)}
        page_cookie = cookie if page.admin else None
        result["status"] = get(base + page.warm, page_cookie)  # also warms the page up
        if "warm" in args.modes:
            result["warm"] = run_wrk(args, base + page.warm, page_cookie)
        if "cold" in args.modes and page.cold:
            urls_file = workdir / f"cold-{len(results)}.txt"
            urls_file.write_text("\n".join(page.cold) + "\n", encoding="utf-8")
            result["cold"] = run_wrk(args, base + page.warm, page_cookie, urls_file)
        log(f"   {page.name}: " + ", ".join(
            f"{mode} {result[mode]['rps']:.1f}/s" for mode in ("warm", "cold") if mode in result
        ))  # fmt: skip
        results.append(result)
    return results


# The report


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024**2, 1)}


def versions():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return {
        "postgresql": postgres,
        "python": platform.python_version(),
        "commit": commit,
        "wrk": (wrk.stdout or wrk.stderr).split("[")[0].strip(),
    }


def add_ratios(results, counts):
    healthz = next((r for r in results if r["page"] == "/healthz" and "warm" in r), None)
    ceiling = healthz["warm"]["rps"] if healthz else None
    for result in results:
        status, queries, milliseconds = counts[result["page"]]
        result |= {"queries": queries, "one_request_ms": round(milliseconds, 1)}
        result["in_process_status"] = status
        for mode in ("warm", "cold"):
            if mode in result and ceiling:
                result[mode]["ratio"] = result[mode]["rps"] / ceiling


def compare_with_default_admin(results):
    """The curators' changelist's requests per second over Django's default one's, per mode.

    Kept in each mode of the curators' row as "vs_default_admin" and returned
    as {mode: ratio}, empty when either page was not measured.
    """
    rows = {result["page"]: result for result in results}
    curators, default = rows.get("admin changelist"), rows.get("default admin changelist")
    ratios = {}
    for mode in ("warm", "cold"):
        if curators and default and mode in curators and default.get(mode, {}).get("rps"):
            ratios[mode] = curators[mode]["rps"] / default[mode]["rps"]
            curators[mode]["vs_default_admin"] = ratios[mode]
    return ratios


def table(results):
    """The results as a Markdown table, one row per page and mode."""
    lines = [
        "| page | mode | req/s | × /healthz | p50 ms | p95 ms | p99 ms | errors | queries "
        "| one request ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for mode in ("warm", "cold"):
            run = result.get(mode)
            if not run:
                continue
            latency = {k: v / 1000 for k, v in run["latency_us"].items()}
            errors = sum(run["errors"].values())
            lines.append(
                f"| {result['page']} | {mode} | {run['rps']:.1f} | {run.get('ratio', 0):.3f} "
                f"| {latency['p50']:.1f} | {latency['p95']:.1f} | {latency['p99']:.1f} "
                f"| {errors} | {result['queries']} | {result['one_request_ms']:.0f} |"
            )
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    ensure_wrk()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="gode-bench-") as tmp:
        workdir = Path(tmp)
        static_root = workdir / "static"
        env = portal_env(args, static_root)
        prepare_database(args, env)
        manage(env, "collectstatic", "--noinput", "-v0")
        setup_django(env)
        from benchmarks.exports import measure_exports
        from benchmarks.exports import table as exports_table
        from benchmarks.pages import build_pages

        pages = [p for p in build_pages(args.seed) if args.only in p.name or p.name == "/healthz"]
        curator = curator_session()
        from django.conf import settings

        session = curator.cookies[settings.SESSION_COOKIE_NAME].value
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        log("== query counts (one request each, in this process)")
        counts = count_queries(pages, curator)
        with open(workdir / "gunicorn.log", "w") as logfile:
            server, base = start_server(args, env, logfile)
            try:
                log(f"== wrk: {args.connections} connections, {args.duration} s per run")
                results = measure(args, pages, base, cookie, workdir)
                downloads = []
                if args.exports:
                    log("== exports: streamed, the serving worker's memory sampled")
                    downloads = measure_exports(base, server.pid, HTTPS, log)
            finally:
                server.terminate()
                server.wait(timeout=30)
    add_ratios(results, counts)
    versus_default = compare_with_default_admin(results)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "count": args.count,
        "seed": args.seed,
        "options": {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "gunicorn_workers": args.workers,
            "redis": bool(args.redis_url),
        },
        "machine": machine() | versions(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "pages": results,
        "admin_vs_default_admin": versus_default,
        "exports": downloads,
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    load_after = os.getloadavg()[0]
    print(f"\n{args.count} examples, {args.connections} connections, {args.duration} s per run, "
          f"load average before {load_before[0]:.2f}, after {load_after:.2f}\n")  # fmt: skip
    print(table(results))
    if versus_default:
        print("\nadmin changelist / Django's default admin changelist (req/s): " + ", ".join(
            f"{mode} {ratio:.1f}×" for mode, ratio in versus_default.items()
        ))  # fmt: skip
    if downloads:
        print("\n" + exports_table(downloads))
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
