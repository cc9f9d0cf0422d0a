"""Argon2 password checks: time per check and memory, for the parameters in use.

    .venv/bin/python benchmarks/bench_argon2.py [--runs 15] [--memory KiB --time N]

Prints the median time of one check (Django's ``check_password`` with Groeipad's
hasher), the peak memory one check adds, and the peak memory and wall time of eight
checks at once in threads (argon2-cffi releases the GIL, so they run in parallel on
as many cores as there are). Linux only for the memory figures (/proc/self/status).
docs/security.md records the numbers measured on the reference machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
os.environ.setdefault("GROEIPAD_HOME", "/tmp/groeipad-bench-argon2")
os.environ.setdefault("GROEIPAD_SECRET_KEY", "bench-only-" + "x" * 50)

import django

django.setup()

from groeipad.lib.hashers import GroeipadArgon2PasswordHasher  # noqa: E402

MB = 1024 * 1024


def _kb(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) * 1024 if match else 0


def _reset_peak() -> int:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _kb("VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--memory", type=int, help="memory_cost in KiB (default: in use)")
    parser.add_argument("--time", type=int, help="time_cost (default: in use)")
    parser.add_argument("--parallel", type=int, default=8)
    args = parser.parse_args()

    hasher = GroeipadArgon2PasswordHasher()
    if args.memory:
        hasher.memory_cost = args.memory
    if args.time:
        hasher.time_cost = args.time
    print(
        f"Argon2id m={hasher.memory_cost} KiB ({hasher.memory_cost / 1024:.0f} MiB), "
        f"t={hasher.time_cost}, p={hasher.parallelism}; {os.cpu_count()} CPUs"
    )
    # The first check, in a fresh process: afterwards the allocator keeps the memory
    # it got back, and a second check adds nothing to the peak.
    baseline = _reset_peak()
    encoded = hasher.encode("correct horse battery staple", hasher.salt())
    print(f"one check: peak memory +{(_kb('VmHWM') - baseline) / MB:.1f} MB")

    times, cpu = [], []
    for _ in range(args.runs):
        began, began_cpu = time.perf_counter(), time.thread_time()
        assert hasher.verify("correct horse battery staple", encoded)
        times.append(time.perf_counter() - began)
        cpu.append(time.thread_time() - began_cpu)
    # CPU time too: on a busy machine the wall time also counts waiting for a core.
    print(
        f"one check: median {statistics.median(times) * 1000:.0f} ms "
        f"(CPU {statistics.median(cpu) * 1000:.0f} ms) over {args.runs} runs"
    )

    start = threading.Barrier(args.parallel)

    def check():
        start.wait()
        hasher.verify("correct horse battery staple", encoded)

    threads = [threading.Thread(target=check) for _ in range(args.parallel)]
    baseline = _reset_peak()
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    print(
        f"{args.parallel} checks at once: peak memory +{(_kb('VmHWM') - baseline) / MB:.1f} MB, "
        f"all done in {took * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
