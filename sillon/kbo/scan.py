"""Finding the lines of the tracked enterprises in a table of millions of lines without
parsing every line.

The big tables of a real extract are sorted by entity number. The fast path relies on
it: for each chunk, only the tracked numbers between the chunk's first and last keys
are looked up, each by a binary search over byte offsets, and only the matching lines
are parsed. The spec does not promise the order, so each chunk is checked (its first
key against the previous chunk's last, and keys at evenly spaced probes): when the
order breaks, the table is read again line by line with a set lookup, which needs no
order.
"""

import csv
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

PROBES = 32
# Below this many bytes the binary search gives way to walking line by line.
WALK_BYTES = 512


class OrderBroken(Exception):
    pass


def quoted(number: str) -> bytes:
    """How a line of the register starts for enterprise number `0123456749`."""
    return f'"{number[:4]}.{number[4:7]}.{number[7:]}"'.encode()


def complete_blocks(chunks: Iterable[bytes], on_truncated: Callable[[], Exception]):
    """Blocks of whole lines: a line cut by a chunk boundary goes to the next block."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk if rest else chunk
        end = data.rfind(b"\n") + 1
        if end == 0:
            rest = data
            continue
        rest = data[end:]
        yield data[:end]
    if rest.strip():
        raise on_truncated()


def key_at(block: bytes, start: int) -> bytes:
    """The first field of the line starting at `start`, quotes included."""
    end = block.find(b",", start, start + 64)
    return block[start:end] if end != -1 else block[start : block.find(b"\n", start)]


def _line_start_after(block: bytes, position: int) -> int:
    return block.find(b"\n", position) + 1


def _check_order(block: bytes, previous_last: bytes) -> tuple[bytes, bytes]:
    last_start = block.rfind(b"\n", 0, len(block) - 1) + 1
    first, last = key_at(block, 0), key_at(block, last_start)
    keys = [previous_last, first]
    step = max(len(block) // PROBES, 1)
    for position in range(step, len(block) - 1, step):
        start = _line_start_after(block, position)
        if 0 < start < len(block):
            keys.append(key_at(block, start))
    keys.append(last)
    if any(later < earlier for earlier, later in itertools.pairwise(keys)):
        raise OrderBroken
    return first, last


def _first_line_not_below(block: bytes, needle: bytes, low: int) -> int:
    """Offset of the first line at or after line start `low` whose text is >= needle."""
    high, size = len(block), len(needle)
    # Invariant: lines starting before `low` are below the needle; `high` is the end or
    # the start of a line that is not.
    while high - low > WALK_BYTES:
        start = _line_start_after(block, (low + high) // 2)
        if start >= high:
            break
        if block[start : start + size] < needle:
            low = start
        else:
            high = start
    while low < high and block[low : low + size] < needle:
        low = _line_start_after(block, low)
    return low


def _sorted_matches(blocks: Iterable[bytes], needles: list[bytes]) -> Iterator[bytes]:
    previous_last = b""
    for block in blocks:
        first, last = _check_order(block, previous_last)
        previous_last = last
        lo, hi = bisect_left(needles, first), bisect_right(needles, last)
        position = 0
        for needle in needles[lo:hi]:
            # The closing quote makes the needle a whole key, never a prefix of another.
            position = _first_line_not_below(block, needle, position)
            while block.startswith(needle, position):
                end = _line_start_after(block, position)
                yield block[position:end]
                position = end


def _any_order_matches(blocks: Iterable[bytes], needles: set[bytes]) -> Iterator[bytes]:
    for block in blocks:
        for line in block.split(b"\n"):
            if line.split(b",", 1)[0].rstrip(b"\r") in needles:
                yield line + b"\n"


def matching_rows(
    read_chunks: Callable[[], Iterable[bytes]],
    needles: list[bytes],
    check_header: Callable[[list[str]], None],
    on_truncated: Callable[[], Exception],
) -> list[list[str]]:
    """Parsed rows of a table whose first field is one of `needles` (sorted).

    `read_chunks()` gives the table's bytes from the start, as often as it is called.
    Only the tracked enterprises' rows are kept: a few per enterprise.
    """
    blocks = _without_header(complete_blocks(read_chunks(), on_truncated), check_header)
    try:
        return list(_parse(_sorted_matches(blocks, needles)))
    except OrderBroken:
        # Not sorted: read it again, every line looked up in a set.
        blocks = _without_header(complete_blocks(read_chunks(), on_truncated), check_header)
        return list(_parse(_any_order_matches(blocks, set(needles))))


def _without_header(blocks: Iterator[bytes], check_header) -> Iterator[bytes]:
    first = True
    for block in blocks:
        if first:
            first = False
            end = block.find(b"\n") + 1
            header = next(csv.reader([block[:end].decode("utf-8-sig")]), [])
            check_header(header)
            block = block[end:]
            if not block:
                continue
        yield block
    if first:
        check_header([])


def _parse(lines: Iterator[bytes]) -> Iterator[list[str]]:
    for line in lines:
        yield next(csv.reader([line.decode("utf-8").rstrip("\r\n")]))
