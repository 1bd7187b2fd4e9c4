"""Charts drawn once as SVG with matplotlib, shown by the page and the PDF alike.

Black and white by construction: one dark fill, hatching, dashes and markers tell
series apart; every bar and point carries its number. No pyplot: figures are built
directly so that generation can run in a background thread.
"""

import io

import matplotlib

matplotlib.use("svg")

from matplotlib.figure import Figure

matplotlib.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "svg.fonttype": "none",  # text stays text: selectable in the PDF, smaller files
        "svg.hashsalt": "sillon",  # identical charts give identical files
        "axes.edgecolor": "#333333",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

INK, GREY, LIGHT = "#222222", "#777777", "#bbbbbb"
WIDTH = 6.2  # inches: the text width of an A4 page with its margins
LABEL_CHARACTERS = 34  # longer labels are shortened with "…"; the table beside says all
LINE_STYLES = [("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"), ((0, (5, 1, 1, 1)), "v")]


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # Margins fixed by each chart (no "tight" bounding box: it draws everything twice).
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def bars(rows: list[tuple[str, float | None, str]]) -> str:
    """Horizontal bars: (label, value or None when suppressed, the number as written)."""
    height = 0.5 + 0.28 * max(len(rows), 1)
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_subplot()
    labels = [_shorten(label) for label, _, _ in rows]
    values = [value or 0 for _, value, _ in rows]
    positions = range(len(rows))
    axes.barh(positions, values, color=GREY, edgecolor=INK, linewidth=0.6, height=0.6)
    peak = max(values, default=0) or 1
    for position, (_, _, text) in zip(positions, rows, strict=True):
        axes.text(values[position] + peak * 0.01, position, text, va="center", ha="left", color=INK)
    axes.set_yticks(list(positions), labels)
    _label_margin(figure, height)
    axes.invert_yaxis()
    axes.set_xlim(0, peak * 1.4)
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    return _svg(figure)


LINE_HEIGHT = 3.2  # inches
LINE_TOP, LINE_BOTTOM, LINE_TOP_VALUE = 0.95, 0.3, 1.08
# Points per unit of the y axis, and the least distance between two labels (8-point text).
POINTS_PER_UNIT = LINE_HEIGHT * (LINE_TOP - LINE_BOTTOM) * 72 / LINE_TOP_VALUE
LABEL_GAP = 10 / POINTS_PER_UNIT


def _spread(labels):
    """(x, y, text, colour, label's y): the labels of one x, from the lowest up, each at
    least LABEL_GAP above the one below, then shifted down together if the top one
    leaves the axis."""
    placed = []
    for x in sorted({label[0] for label in labels}):
        column = sorted((label for label in labels if label[0] == x), key=lambda label: label[1])
        positions: list[float] = []
        for _x, y, _text, _colour in column:
            positions.append(max(y, positions[-1] + LABEL_GAP) if positions else y)
        overflow = positions[-1] - LINE_TOP_VALUE if positions else 0
        if overflow > 0:
            positions = [p - overflow for p in positions]
            for i in range(len(positions) - 2, -1, -1):  # keep the gaps after the shift
                positions[i] = min(positions[i], positions[i + 1] - LABEL_GAP)
        placed += [(*label, p) for label, p in zip(column, positions, strict=True)]
    return placed


def lines(
    series: list[tuple[str, list[tuple[int, float | None]]]],
    x_label: str,
    texts,
    baseline: tuple[str, dict[int, float]] | None = None,
) -> str:
    """Rates over years since creation or start: one line per series, values written
    beside each point; the regional baseline dashed grey."""
    figure = Figure(figsize=(WIDTH, LINE_HEIGHT))
    axes = figure.add_subplot()
    years: set[int] = set()
    labels: list[tuple[int, float, str, str]] = []  # x, y, text, colour
    for index, (name, points) in enumerate(series):
        known = [(x, y) for x, y in points if y is not None]
        if not known:
            continue
        style, marker = LINE_STYLES[index % len(LINE_STYLES)]
        xs, ys = zip(*known, strict=True)
        years |= set(xs)
        axes.plot(xs, ys, linestyle=style, marker=marker, color=INK, label=name, linewidth=1.2)
        labels += [(x, y, texts(y), INK) for x, y in known]
    if baseline:
        name, rates = baseline
        xs = sorted(rates)
        years |= set(xs)
        axes.plot(xs, [rates[x] for x in xs], linestyle="--", marker="x", color=GREY, label=name)
        labels += [(x, rates[x], texts(rates[x]), GREY) for x in xs]
    for x, y, text, colour, placed in _spread(labels):
        # Beside its point, moved up or down just enough that no two labels of one year
        # overlap (a thin line joins a moved label to its point).
        axes.annotate(
            text,
            (x, y),
            xytext=(6, (placed - y) * POINTS_PER_UNIT),
            textcoords="offset points",
            va="center",
            color=colour,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            arrowprops={"arrowstyle": "-", "color": LIGHT, "linewidth": 0.5}
            if abs(placed - y) > LABEL_GAP / 2
            else None,
        )
    axes.set_ylim(0, 1.08)
    axes.yaxis.set_major_formatter(lambda value, _: texts(value))
    axes.set_xticks(sorted(years) or [1])
    axes.set_xlabel(x_label)
    axes.grid(axis="y", color=LIGHT, linewidth=0.5)
    handles = axes.get_legend_handles_labels()[0]
    if handles:  # under the plot, never over its lines
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=min(len(handles), 4 if len(handles) > 2 else 2),
            frameon=False,
        )
    figure.subplots_adjust(left=0.1, right=0.93, top=LINE_TOP, bottom=LINE_BOTTOM)
    return _svg(figure)


def gauges(rows: list[tuple[str, float, str]], target_label: str) -> str:
    """Target gauges: the share of each target reached, a line at 100 %."""
    height = 0.7 + 0.3 * max(len(rows), 1)
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_subplot()
    positions = range(len(rows))
    shares = [min(share, 1.5) for _, share, _ in rows]
    axes.barh(positions, [1.5] * len(rows), color="white", edgecolor=LIGHT, height=0.6)
    axes.barh(positions, shares, color=GREY, edgecolor=INK, linewidth=0.6, height=0.6)
    axes.axvline(1.0, color=INK, linewidth=1.2, linestyle="--")
    axes.text(1.0, -0.9, target_label, ha="center", va="bottom", color=INK)
    for position, (_, _, text) in zip(positions, rows, strict=True):
        axes.text(1.53, position, text, va="center", ha="left", color=INK)
    axes.set_yticks(list(positions), [_shorten(label) for label, _, _ in rows])
    _label_margin(figure, height, top=0.38)  # the target's label sits above the bars
    axes.invert_yaxis()
    axes.set_xlim(0, 1.75)
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    return _svg(figure)


def _label_margin(figure: Figure, height: float, top: float = 0.18) -> None:
    """Room on the left for labels of up to LABEL_CHARACTERS (about 0.075 inch each at
    8 points), a fixed band top and bottom."""
    left = (LABEL_CHARACTERS * 0.075 + 0.15) / WIDTH
    figure.subplots_adjust(left=left, right=0.97, top=1 - top / height, bottom=0.18 / height)


def _shorten(label: str, width: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
