"""Run every benchmark in this folder, one after the other, and print their medians.

    .venv/bin/python benchmarks/run_all.py [--quick]

Each script prints its own medians; --quick passes small sizes so the whole set runs
in a minute or two (a smoke test of the scripts, not a measurement).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = {
    "bench_import.py": ["--rows", "2000", "--repeat", "1"],
    "bench_demo_data.py": ["--employees", "2000", "--runs", "1"],
    "bench_kpi.py": ["--employees", "2000", "--runs", "3"],
    "bench_heatmap.py": ["--employees", "2000", "--runs", "3"],
    "bench_esco.py": ["--rows", "1000", "--repeat", "1"],
    "bench_matching.py": ["--mentees", "500", "--mentors", "200", "--runs", "1"],
    "bench_scope.py": ["--employees", "2000", "--runs", "3"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        extra = QUICK.get(script.name, []) if args.quick else []
        if subprocess.run([sys.executable, str(script), *extra]).returncode:
            failed.append(script.name)
    if failed:
        print("failed:", ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
