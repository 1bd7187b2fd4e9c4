"""The box-and-dot chart of one comparable indicator, as SVG (matplotlib without pyplot,
in the manner of sillon/reports/charts.py): the peers' box (q1 to q3, the median, the
whiskers to min and max), the organisation's dot, and the baseline dashed when there is
one. Black and white; every mark carries its number."""

import io

import matplotlib

matplotlib.use("svg")

from matplotlib.figure import Figure

INK, GREY, LIGHT = "#222222", "#777777", "#dddddd"


def box_and_dot(item: dict, written, own_label: str, baseline_label: str) -> str:
    """`item` is one indicator of compare(); `written(value)` writes a value for people.
    Empty when the peers give no statistic."""
    if item["median"] is None:
        return ""
    figure = Figure(figsize=(6.2, 1.1))
    axes = figure.add_axes((0.03, 0.42, 0.94, 0.5))
    low, q1, median, q3, high = (item[k] for k in ("min", "q1", "median", "q3", "max"))
    axes.plot([low, q1], [0, 0], color=INK, linewidth=1)
    axes.plot([q3, high], [0, 0], color=INK, linewidth=1)
    axes.plot([low, low], [-0.15, 0.15], color=INK, linewidth=1)
    axes.plot([high, high], [-0.15, 0.15], color=INK, linewidth=1)
    axes.fill_between([q1, q3], -0.3, 0.3, facecolor=LIGHT, edgecolor=INK, linewidth=1)
    axes.plot([median, median], [-0.3, 0.3], color=INK, linewidth=2)
    points = [low, high]
    for value, text in ((low, written(low)), (median, written(median)), (high, written(high))):
        axes.text(value, -0.55, text, ha="center", va="top", color=GREY, fontsize=7)
    if item["value"] is not None:
        value = float(item["value"])
        points.append(value)
        axes.plot([value], [0], marker="o", markersize=8, color=INK, linestyle="none")
        axes.text(
            value, 0.45, f"{own_label}: {written(value)}", ha="center", va="bottom", fontsize=7
        )
    if item.get("baseline"):
        value = float(item["baseline"]["value"])
        points.append(value)
        axes.plot([value, value], [-0.45, 0.45], color=GREY, linestyle="--", linewidth=1)
        axes.text(
            value, -0.55, f"{baseline_label}: {written(value)}", ha="left", va="top", fontsize=7
        )
    span = (max(points) - min(points)) or abs(max(points)) or 1
    axes.set_xlim(min(points) - span * 0.08, max(points) + span * 0.08)
    axes.set_ylim(-1.1, 1)
    axes.axis("off")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
