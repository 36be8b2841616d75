"""A timeline chart for reports (PNG, SVG or PDF by the file's suffix), drawn with matplotlib.

One row per dated entry, in date order: a dot for a known day, a solid bar for a stretch the
event lasted, a hatched bar for a range of days it happened on one of (uncertainty, not
duration), a faded hatched bar to the edge for an open-ended date. Colours are the PLOVER quad
classes of `plover.yaml`, as on the web page. matplotlib is imported here only, and through
`Figure` (no pyplot), so no global backend is set.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kronika.errors import UsageError
from kronika.export import TimelineData
from kronika.plover import colour_of, quads
from kronika.timeline.shape import date_shape

SUFFIXES = (".png", ".svg", ".pdf")
ROW_INCHES = 0.32
LABEL_CHARS = 60


def plot_timeline(data: TimelineData, out: str | Path, *, title: str | None = None) -> int:
    """Draw the dated entries of `data` into `out`; returns how many were drawn."""
    path = Path(out)
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"cannot tell the image format of {path.name}: end the name in "
                         f"{', '.join(SUFFIXES)}")
    try:
        from matplotlib import dates as mdates
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError as e:  # pragma: no cover - matplotlib is in the locked dependencies
        raise UsageError("plots need matplotlib: pip install 'kronika[plot]'") from e

    rows = [e for _, e in data.entries if e.date.earliest or e.date.latest]
    if not rows:
        raise UsageError("no dated entries to plot; check the filters or ingest articles first")
    days = [d for e in rows for d in (e.date.earliest, e.date.latest) if d]
    lo, hi = min(days), max(days)
    pad = timedelta(days=max(2, (hi - lo).days // 25))
    lo, hi = lo - pad, hi + pad + timedelta(days=1)

    fig = Figure(figsize=(11, 1.6 + ROW_INCHES * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    for y, e in enumerate(rows):
        colour = colour_of(e.type)
        shape = date_shape(e.date)
        start = e.date.earliest or lo
        end = (e.date.latest + timedelta(days=1)) if e.date.latest else hi
        if shape == "point":
            ax.plot([mdates.date2num(start) + 0.5], [y], "o", color=colour, markersize=7)
        else:
            solid = shape == "interval"
            ax.barh(y, mdates.date2num(end) - mdates.date2num(start), left=mdates.date2num(start),
                    height=0.5, color=colour if solid else "white", edgecolor=colour,
                    hatch=None if solid else "////", alpha=0.5 if shape == "open" else 1.0,
                    linewidth=1.2)
    ax.set_yticks(range(len(rows)), [_label(e.summary) for e in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", color="#e5e5e5")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=q["colour"], label=q["label"]) for q in quads()]
    handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////",
                         label="some day in the range"))
    fig.legend(handles=handles, loc="outside lower center", ncol=5, fontsize=8,
               frameon=False)
    ax.set_title(title or f"kronika timeline ({len(rows)} dated entries)", fontsize=11)
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else None
    fig.savefig(path, dpi=150, metadata=metadata)
    return len(rows)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


