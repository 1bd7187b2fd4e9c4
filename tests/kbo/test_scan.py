"""The fast reading of big tables: only tracked lines, whatever the chunk boundaries,
and the same result when the table is not sorted."""

import random

import pytest

from sillon.kbo import scan
from sillon.kbo.scan import matching_rows, quoted

HEADER = '"EntityNumber","ActivityGroup","NaceVersion","NaceCode","Classification"\n'


def number(index: int) -> str:
    return f"{index:010d}"


def table(numbers, rows_each=3) -> bytes:
    lines = [HEADER]
    for value in numbers:
        dotted = f"{value[:4]}.{value[4:7]}.{value[7:]}"
        for group in range(rows_each):
            lines.append(f'"{dotted}","00{group}","2008","{value[-5:]}","MAIN"\n')
    return "".join(lines).encode()


def read(data: bytes, tracked, chunk: int):
    def chunks():
        for start in range(0, len(data), chunk):
            yield data[start : start + chunk]

    def check_header(header):
        assert header == HEADER.strip().replace('"', "").split(",")

    return matching_rows(
        chunks, sorted(quoted(n) for n in tracked), check_header, lambda: ValueError("cut")
    )


@pytest.mark.parametrize("chunk", [7, 64, 1000, 1 << 20])
def test_only_tracked_lines_whatever_the_chunk_size(chunk):
    numbers = [number(i) for i in range(1, 400)]
    tracked = [numbers[0], numbers[57], numbers[58], numbers[398], "9999999999"]
    rows = read(table(numbers), tracked, chunk)
    found = sorted({row[0].replace(".", "") for row in rows})
    assert found == sorted(tracked[:4])
    assert len(rows) == 12


def test_an_unsorted_table_gives_the_same_rows(monkeypatch):
    numbers = [number(i) for i in range(1, 400)]
    shuffled = numbers[:]
    random.Random(4).shuffle(shuffled)
    tracked = numbers[::37]
    calls = []
    original = scan._any_order_matches

    def spy(*args):
        calls.append(True)
        return original(*args)

    monkeypatch.setattr(scan, "_any_order_matches", spy)
    rows = read(table(shuffled), tracked, 500)
    assert calls, "the unsorted table was read again without relying on order"
    assert sorted({row[0].replace(".", "") for row in rows}) == sorted(tracked)
    assert len(rows) == 3 * len(tracked)


def test_sorted_table_uses_the_fast_path(monkeypatch):
    monkeypatch.setattr(scan, "_any_order_matches", None)  # would fail if called
    numbers = [number(i) for i in range(1, 400)]
    rows = read(table(numbers), numbers[::50], 256)
    assert len(rows) == 3 * len(numbers[::50])


def test_a_number_is_never_matched_by_its_prefix():
    numbers = [number(i) for i in range(1, 50)]
    data = table(numbers).replace(b'"0000.000.012"', b'"0000.000.0123"')
    assert read(data, [number(12)], 64) == []


def test_crlf_lines_are_read():
    numbers = [number(i) for i in range(1, 50)]
    data = table(numbers).replace(b"\n", b"\r\n")
    rows = read(data, [number(7)], 100)
    assert rows[0][-1] == "MAIN" and len(rows) == 3


def test_a_table_without_its_last_newline_is_truncated():
    with pytest.raises(ValueError, match="cut"):
        read(table([number(1), number(2)])[:-3], [number(1)], 64)
