"""A synthetic KBO/BCE full extract of real size (docs/spec/reference.md, October 2025): about
1.94 million enterprises, 3.3 million names, 2.8 million addresses, 36 million
activity lines, in the register's format, sorted by entity number as the real one.

    python -m bench.kbo_extract            # prints the path of the zip (cached)

The zip is cached in the system temp folder, keyed by its parameters, so that
`make bench` writes it once (a few minutes). A sidecar `tracked.json` lists a sample of
its enterprises (number, legal form, start date) for the benchmark to track.
"""

import datetime
import json
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

ENTERPRISES = int(os.environ.get("BENCH_KBO_ENTERPRISES", "1938238"))
ACTIVITIES_PER_ENTERPRISE = 18.7  # 36.3 M / 1.94 M
SEED = 20251001
SNAPSHOT = datetime.date(2025, 10, 1)
EXTRACT_NUMBER = 140
SAMPLE = 12_000
# How many enterprises go in one write: big strings keep Python's share small.
BLOCK = 20_000

LEGAL_FORMS = ["610", "610", "610", "017", "014", "706", "015", "016", "008", "011", "612", "026"]
SITUATIONS = ["000"] * 40 + ["012", "050", "014"]
NACE_2008 = ["56101", "47190", "62010", "43221", "68201", "70220", "86210", "88999", "94991"]
NACE_2025 = ["56111", "47190", "62100", "43221", "68201", "70200", "86210", "88999", "94991"]
GROUPS = ["001", "003", "006", "007"]
STREETS = [
    ("Gentsesteenweg", "Chaussée de Gand"),
    ("Vlaamsesteenweg", "Rue de Flandre"),
    ("Haachtsesteenweg", "Chaussée de Haecht"),
    ("Louizalaan", "Avenue Louise"),
]
POSTCODES = ["1000", "1030", "1050", "1060", "1080", "1180", "2000", "4000", "9000"]
HEADERS = {
    "enterprise": "EnterpriseNumber,Status,JuridicalSituation,TypeOfEnterprise,JuridicalForm,"
    "JuridicalFormCAC,StartDate",
    "denomination": "EntityNumber,Language,TypeOfDenomination,Denomination",
    "address": "EntityNumber,TypeOfAddress,CountryNL,CountryFR,Zipcode,MunicipalityNL,"
    "MunicipalityFR,StreetNL,StreetFR,HouseNumber,Box,ExtraAddressInfo,DateStrikingOff",
    "activity": "EntityNumber,ActivityGroup,NaceVersion,NaceCode,Classification",
    "establishment": "EstablishmentNumber,StartDate,EnterpriseNumber",
    "contact": "EntityNumber,EntityContact,ContactType,Value",
    "branch": "Id,StartDate,EnterpriseNumber",
    "code": "Category,Code,Language,Description",
    "meta": "Variable,Value",
}


def header(table: str) -> str:
    return ",".join(f'"{name}"' for name in HEADERS[table].split(",")) + "\n"


def cache_dir() -> Path:
    key = f"sillon-kbo-extract-{ENTERPRISES}-{SEED}-v1"
    return Path(tempfile.gettempdir()) / key


def zip_path() -> Path:
    return cache_dir() / f"KboOpenData_{EXTRACT_NUMBER:04d}_2025_10_Full.zip"


def enterprise_numbers(rng: random.Random) -> list[str]:
    """Valid numbers (mod 97), increasing, spread over 0200.000.000–0999.999.999."""
    numbers, base = [], 2_000_000
    span = (10_000_000 - base) // ENTERPRISES
    for _ in range(ENTERPRISES):
        base += rng.randint(1, 2 * span - 1)
        numbers.append(f"{base:08d}{97 - base % 97:02d}")
    return numbers


def dotted(number: str) -> str:
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def kbo_date(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


class Writers:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.streams = {}

    def open(self, table: str):
        stream = self.archive.open(f"{table}.csv", "w", force_zip64=True)
        stream.write(header(table).encode())
        self.streams[table] = stream
        return stream

    def close(self):
        for stream in self.streams.values():
            stream.close()


def activity_tails(rng: random.Random) -> list[str]:
    tails = []
    for _ in range(4096):
        group = rng.choice(GROUPS)
        index = rng.randrange(len(NACE_2008))
        version, code = rng.choice(
            [
                ("2003", f"{rng.randrange(10000, 99999)}"),
                ("2008", NACE_2008[index]),
                ("2025", NACE_2025[index]),
            ]
        )
        classification = rng.choice(["MAIN", "SECO", "SECO", "ANCI"])
        tails.append(f',"{group}","{version}","{code}","{classification}"\n')
    return tails


def write_extract(path: Path) -> list[dict]:
    rng = random.Random(SEED)
    numbers = enterprise_numbers(rng)
    tails = activity_tails(rng)
    sample_every = max(ENTERPRISES // SAMPLE, 1)
    sample = []
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        meta = archive.open("meta.csv", "w")
        meta.write(
            (
                header("meta")
                + f'"SnapshotDate","{kbo_date(SNAPSHOT)}"\n'
                + f'"ExtractTimestamp","{kbo_date(SNAPSHOT)} 06:14:27"\n'
                + '"ExtractType","full"\n'
                + f'"ExtractNumber","{EXTRACT_NUMBER}"\n"Version","1.0.0"\n'
            ).encode()
        )
        meta.close()
        code = archive.open("code.csv", "w")
        code.write(header("code").encode())
        for index in range(21_500):
            code.write(f'"Nace2008","{index:05d}","FR","Activité {index}"\n'.encode())
        code.write(b'"JuridicalSituation","000","FR","Situation normale"\n')
        code.write(b'"JuridicalSituation","050","FR","Faillite"\n')
        code.close()
        # One table at a time: zipfile writes one member at a time.
        for table in ("enterprise", "denomination", "address", "activity"):
            stream = Writers(archive).open(table)
            table_rng = random.Random(f"{SEED}-{table}")
            for start in range(0, ENTERPRISES, BLOCK):
                parts = []
                for position in range(start, min(start + BLOCK, ENTERPRISES)):
                    number = numbers[position]
                    key = f'"{dotted(number)}"'
                    parts.append(
                        lines_of(
                            table, key, number, position, table_rng, tails, sample, sample_every
                        )
                    )
                stream.write("".join(parts).encode())
            stream.close()
        for table, rows in (("establishment", 1_670_000), ("contact", 690_000), ("branch", 7_000)):
            stream = archive.open(f"{table}.csv", "w", force_zip64=True)
            stream.write(header(table).encode())
            for start in range(0, rows, 100_000):
                stream.write(
                    "".join(
                        other_line(table, index, numbers[index * 7 % ENTERPRISES])
                        for index in range(start, min(start + 100_000, rows))
                    ).encode()
                )
            stream.close()
    tmp.rename(path)
    return sample


def other_line(table: str, index: int, number: str) -> str:
    if table == "contact":
        return f'"{dotted(number)}","ENT","EMAIL","info{index}@example.be"\n'
    establishment = f"2.{index // 1000000:03d}.{index // 1000 % 1000:03d}.{index % 1000:03d}"
    return f'"{establishment}","01-01-2020","{dotted(number)}"\n'


def lines_of(table, key, number, position, rng, tails, sample, sample_every) -> str:
    if table == "enterprise":
        form = LEGAL_FORMS[position % len(LEGAL_FORMS)]
        natural = position % 5 == 0
        situation = SITUATIONS[position % len(SITUATIONS)]
        start = datetime.date(1960, 1, 1) + datetime.timedelta(days=position * 7919 % 23_000)
        if position % sample_every == 0:
            sample.append(
                {
                    "number": number,
                    "legal_form": "" if natural else form,
                    "start": start.isoformat(),
                }
            )
        return (
            f'{key},"AC","{situation}","{1 if natural else 2}","{"" if natural else form}",'
            f'"","{kbo_date(start)}"\n'
        )
    if table == "denomination":
        text = f'{key},"1","001","Entreprise {position} SRL"\n'
        if position % 10 < 7:
            text += f'{key},"2","003","Onderneming {position}"\n'
        return text
    if table == "address":
        street_nl, street_fr = STREETS[position % len(STREETS)]
        postcode = POSTCODES[position % len(POSTCODES)]
        text = (
            f'{key},"REGO","België","Belgique","{postcode}","Brussel","Bruxelles",'
            f'"{street_nl}","{street_fr}","{position % 300 + 1}","","",""\n'
        )
        if position % 100 < 46:
            text += (
                f'{key},"BAET","België","Belgique","{postcode}","Brussel","Bruxelles",'
                f'"{street_nl}","{street_fr}","{position % 200 + 2}","","",""\n'
            )
        return text
    count = rng.randint(4, 33)  # 18.5 on average
    return "".join(key + tail for tail in rng.choices(tails, k=count))


def ensure_extract() -> tuple[Path, list[dict]]:
    """The cached zip and its sample of enterprises; written when missing."""
    path = zip_path()
    sidecar = path.parent / "tracked.json"
    if path.exists() and sidecar.exists():
        return path, json.loads(sidecar.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    sample = write_extract(path)
    sidecar.write_text(json.dumps(sample))
    return path, sample


def main() -> None:
    path, sample = ensure_extract()
    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB, {len(sample)} sampled enterprises)")


if __name__ == "__main__":
    sys.exit(main())
