"""`make bench`: run every benchmark on SQLite, then on PostgreSQL when it answers.

Each benchmark is a module of this package with a `main()` that prints its figures;
it runs in its own process so that it gets the database of that leg.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARKS = [
    "bench.pages",
    "bench.demo",
    "bench.indicators",
    "bench.reports",
    "bench.workbook",
    "bench.kbo",
    "bench.comparison",
    "bench.api",
]
ROOT = Path(__file__).resolve().parent.parent


def postgres_url() -> str | None:
    env = {
        **os.environ,
        "DATABASE_URL_POSTGRES": os.environ.get(
            "BENCH_DATABASE_URL_POSTGRES", "postgres://postgres@127.0.0.1:5432/sillon_bench"
        ),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "postgres_url.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sillon-bench-") as data_dir:
        legs = [("SQLite", f"sqlite:///{data_dir}/bench.sqlite3")]
        url = postgres_url()
        if url:
            legs.append(("PostgreSQL", url))
        else:
            print("PostgreSQL is unreachable: its leg is skipped.")
        failed = 0
        for name, database_url in legs:
            for module in BENCHMARKS:
                print(f"== {module} on {name} ==", flush=True)
                env = {**os.environ, "DATABASE_URL": database_url, "SILLON_DATA_DIR": data_dir}
                failed |= subprocess.run([sys.executable, "-m", module], env=env).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
