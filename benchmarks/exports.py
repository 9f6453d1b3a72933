"""The exports under the benchmark: does a whole-portal download stream in flat memory?

Each export is downloaded from gunicorn while the workers' resident memory is
sampled every 20 ms; a download that held its rows would grow the worker that
serves it by the size of the data (hundreds of MB at 100 000 examples).
"""

import threading
import time
import urllib.request
from pathlib import Path

EXPORTS = [
    # (name, path): a few hundred rows, then every example, in each format.
    ("CSV, one search (≤ 1 000 rows)", "/eksempler/eksport.csv?q=bibliotek"),
    ("CSV, every example", "/eksempler/eksport.csv"),
    ("CSV for Danish Excel, every example", "/eksempler/eksport-excel.csv"),
    ("JSON, every example", "/eksempler/eksport.json"),
]
SAMPLE_SECONDS = 0.02


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers(server_pid):
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    return [int(pid) for pid in children]


class Sampler(threading.Thread):
    """The highest resident memory of each process, while running."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.peak = {pid: rss_mb(pid) for pid in pids}
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for pid in self.peak:
                self.peak[pid] = max(self.peak[pid], rss_mb(pid))
            time.sleep(SAMPLE_SECONDS)


def download(url, headers):
    """(bytes, lines, seconds) of one streamed download, read 64 KiB at a time."""
    started = time.perf_counter()
    size = lines = 0
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=900) as response:  # nosec B310: 127.0.0.1
        while chunk := response.read(65536):
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, lines, time.perf_counter() - started


def measure_exports(base, server_pid, headers, log):
    results = []
    for name, path in EXPORTS:
        pids = workers(server_pid)
        before = {pid: rss_mb(pid) for pid in pids}
        sampler = Sampler(pids)
        sampler.start()
        try:
            size, lines, seconds = download(base + path, headers)
        finally:
            sampler.done.set()
            sampler.join()
        grown = max(pids, key=lambda pid: sampler.peak[pid] - before[pid])
        result = {
            "export": name,
            "path": path,
            "mb": size / 1e6,
            "lines": lines,
            "seconds": seconds,
            "rss_before_mb": before[grown],
            "rss_peak_mb": sampler.peak[grown],
        }
        log(f"   {name}: {lines} lines, {result['mb']:.1f} MB in {seconds:.1f} s, worker "
            f"{result['rss_before_mb']:.0f} → {result['rss_peak_mb']:.0f} MB")  # fmt: skip
        results.append(result)
    return results


def table(results):
    lines = [
        "| export | lines | MB | seconds | rows/s | worker RSS before MB | peak MB | grew MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['export']} | {r['lines']} | {r['mb']:.1f} | {r['seconds']:.1f} "
            f"| {r['lines'] / r['seconds']:.0f} | {r['rss_before_mb']:.0f} "
            f"| {r['rss_peak_mb']:.0f} | {r['rss_peak_mb'] - r['rss_before_mb']:.0f} |"
        )
    return "\n".join(lines)
