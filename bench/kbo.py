"""Time and peak memory of `sillon kbo sync` on a real-size full extract with 10,000
tracked enterprises, against `unzip -p` decompressing the same zip to /dev/null.

Target (KBO issue): sync time at most twice the unzip time, memory under 500 MB.
The extract comes from bench/kbo_extract.py (cached in the system temp folder).
"""

import datetime
import os
import resource
import subprocess
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from bench.kbo_extract import ensure_extract  # noqa: E402
from sillon.accounts.models import Organisation  # noqa: E402
from sillon.kbo.models import Finding, RegisterEntry, SyncRun  # noqa: E402
from sillon.kbo.sync import sync_extract  # noqa: E402
from sillon.register.models import Enterprise, Project  # noqa: E402

TRACKED = int(os.environ.get("BENCH_KBO_TRACKED", "10000"))
# Tracked numbers the extract does not hold: enterprises that stopped.
ABSENT = 100
ROUNDS = 2
SLUG = "bench-kbo"


def absent_number(index: int) -> str:
    base = 10_000_000 + index  # above every number of the synthetic extract
    return f"{base:08d}{97 - base % 97:02d}"


def track(sample: list[dict]) -> Organisation:
    Finding.objects.all().delete()
    RegisterEntry.objects.all().delete()
    SyncRun.objects.all().delete()
    Organisation.objects.filter(slug=SLUG).delete()
    organisation = Organisation.objects.create(slug=SLUG, name="Benchmark KBO")
    step = max(len(sample) // (TRACKED - ABSENT), 1)
    chosen = sample[::step][: TRACKED - ABSENT]
    rows = [(item["number"], item["legal_form"], item["start"]) for item in chosen]
    rows += [(absent_number(index), "610", "2015-01-01") for index in range(ABSENT)]
    projects = Project.objects.bulk_create(
        [
            Project(
                organisation=organisation,
                ref=f"K-{index}",
                name=f"Projet {index}",
                project_type="creation",
                sector_type="market",
                intake_date=datetime.date(2020, 1, 1),
            )
            for index in range(len(rows))
        ],
        batch_size=1000,
    )
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                organisation=organisation,
                project=project,
                enterprise_number=number,
                name=f"Entreprise {index}",
                # One in fifty with another legal form, to raise findings.
                legal_form=("706" if index % 50 == 0 and form != "706" else form),
                creation_date=datetime.date.fromisoformat(start),
            )
            for index, (project, (number, form, start)) in enumerate(
                zip(projects, rows, strict=True)
            )
        ],
        batch_size=1000,
    )
    return organisation


def unzip_seconds(path) -> float:
    start = time.perf_counter()
    subprocess.run(["unzip", "-p", str(path)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    path, sample = ensure_extract()
    print(f"extract: {path.name}, {path.stat().st_size / 1e6:,.0f} MB compressed", flush=True)
    track(sample)
    unzip_seconds(path)  # warms the page cache for both
    unzips, syncs, runs = [], [], []
    for _ in range(ROUNDS):
        unzips.append(unzip_seconds(path))
        start = time.perf_counter()
        runs.append(sync_extract(path))
        syncs.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first = runs[0]
    print(
        f"tracked {first.tracked:,}, found {first.found:,}, lines matched {first.lines_read:,}, "
        f"findings {first.findings_created:,}"
    )
    print(f"unzip -p  best {min(unzips):6.2f} s  ({', '.join(f'{s:.2f}' for s in unzips)})")
    print(
        f"kbo sync  best {min(syncs):6.2f} s  ({', '.join(f'{s:.2f}' for s in syncs)}); "
        f"reading {min(r.read_seconds for r in runs):.2f} s, "
        f"writing {min(r.write_seconds for r in runs):.2f} s"
    )
    print(f"ratio {min(syncs) / min(unzips):.2f} (target ≤ 2), peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
