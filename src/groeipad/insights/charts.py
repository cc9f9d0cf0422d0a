"""The insights charts as inline SVG, drawn on the server with pygal.

No JavaScript: pygal is told to link no script (``js=[]``, else it points at its CDN)
and its inline configuration script is dropped, as nothing would read it. Every chart
has a table with the same numbers beside it in the template, for screen readers and
for anyone who wants the figures.
"""

from __future__ import annotations

import math
import re

import pygal
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from groeipad.insights.kpis import MIX_KEYS
from groeipad.insights.labels import MIX_LABELS, MIX_TARGET, SPEND_BAND
from groeipad.insights.selectors import KpiReport
from groeipad.insights.templatetags.insights_format import count, percent, score

# The house palette (groeipad.css): brand green, accent orange, a slate blue; grid
# lines in the border colour, solid and thin, so the figures carry the weight.
BRAND, ACCENT, SLATE, TINT, MUTED = "#1f6f5c", "#d9822b", "#5b7f95", "#d9ede5", "#b9c3c7"
_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


def _style(*colors: str) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#56656c",
        foreground_strong="#1d2a30",
        foreground_subtle="#e3e8ea",
        font_family=_FONT,
        label_font_family=_FONT,
        major_label_font_family=_FONT,
        value_font_family=_FONT,
        legend_font_family=_FONT,
        tooltip_font_family=_FONT,
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=12,
        value_font_size=14,
        tooltip_font_size=13,
        no_data_font_size=18,
        guide_stroke_color="#e3e8ea",
        major_guide_stroke_color="#c5cfd3",
        guide_stroke_dasharray="0",
        major_guide_stroke_dasharray="0",
        stroke_width="2.5",
        stroke_width_hover="3",
        opacity="0.95",
        opacity_hover="1",
        stroke_opacity="1",
        colors=colors or (BRAND, ACCENT, SLATE),
    )


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _config(**extra) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": _style(),
        # Drawn for a half-width card; the SVG scales, so a phone shrinks it less.
        "width": 520,
        "height": 310,
        "legend_at_bottom": True,
        "legend_box_size": 12,
        "print_values": False,
        "x_label_rotation": 0,
        # Room for the last x label and the legend; pygal's own estimate clips them.
        "margin": 20,
        "spacing": 10,
        "show_x_guides": False,
        "show_y_guides": True,
        "truncate_legend": -1,
        "truncate_label": -1,
        "dots_size": 3.5,
        **extra,
    }


def _svg(chart) -> str:
    # Safe: pygal escapes every label and value it writes into the SVG.
    return mark_safe(_SCRIPT.sub("", chart.render(is_unicode=True)))


def _none_as_gap(values):
    return [None if v is None else float(v) for v in values]


def _short_percent(value) -> str:
    """8,4% but 70% and 2%: whole ticks and targets without a trailing ",0"."""
    return percent(value, 0 if float(value).is_integer() else 1)


def _ticks(highest: float, *, at_least: float) -> list[float]:
    """Round axis ticks from 0 to just above ``highest``: about five of them.

    Explicit ticks also pin the axis's ends, which a secondary axis needs: pygal maps
    it onto the span from the first to the last tick, not onto the plot's range.
    """
    highest = max(float(highest or 0), at_least)
    rough = highest / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    count = math.ceil(highest / step - 1e-9) or 1
    return [round(i * step, 6) for i in range(count + 1)]


def _x_labels(chart, labels: list[str]) -> None:
    """Every label when they fit; else every n-th, so month labels never collide."""
    chart.x_labels = labels
    if len(labels) > 8:
        chart.x_labels_major_every = math.ceil(len(labels) / 6)
        chart.show_minor_x_labels = False


def headcount_chart(report: KpiReport) -> str:
    # Hires and leavers are a few a month against a headcount in the hundreds: on one
    # axis their bars vanish, so they get their own axis on the right, with ticks at
    # the same heights (whole people on both sides).
    months = report.months
    ticks = _ticks(max((r["headcount_end"] for r in months), default=0), at_least=5)
    flow = max((max(r["hires"], r["leavers"]) for r in months), default=0)
    flow_step = max(1, math.ceil(flow / (len(ticks) - 1)))
    chart = pygal.Bar(
        **_config(
            style=_style("#a9d2c3", BRAND, ACCENT),
            value_formatter=count,
            y_labels=ticks,
            range=(0, ticks[-1]),
            secondary_range=(0, flow_step * (len(ticks) - 1)),
            # Two a row: three long Dutch names do not fit side by side.
            legend_at_bottom_columns=2,
        )
    )
    _x_labels(chart, [row["label"] for row in months])
    chart.add(_("Headcount"), [row["headcount_end"] for row in months])
    chart.add(_("Hires (right axis)"), [row["hires"] for row in months], secondary=True)
    chart.add(_("Leavers (right axis)"), [row["leavers"] for row in months], secondary=True)
    return _svg(chart)


def mobility_chart(report: KpiReport) -> str:
    turnover = _none_as_gap(r["turnover_rate"] for r in report.quarters)
    mobility = _none_as_gap(r["internal_mobility_rate"] for r in report.quarters)
    ticks = _ticks(max([v for v in turnover + mobility if v is not None], default=0), at_least=2)
    chart = pygal.Line(
        **_config(
            value_formatter=_short_percent,
            y_labels=ticks,
            range=(0, ticks[-1]),
            style=_style(ACCENT, BRAND),
            legend_at_bottom_columns=2,
        )
    )
    _x_labels(chart, [row["label"] for row in report.quarters])
    chart.add(_("Turnover (%)"), turnover)
    chart.add(_("Internal mobility (%)"), mobility)
    return _svg(chart)


def enps_chart(report: KpiReport) -> str:
    """One bar per survey; a survey whose cell the anonymity rule hides has no bar, and
    its label says why (as does the table under the chart)."""
    hidden = [row["suppressed_reason"] for row in report.surveys if row["suppressed"]]
    if report.surveys and len(hidden) == len(report.surveys):
        no_data = hidden[0]
    else:
        no_data = _("No survey closed in this period.")
    chart = pygal.Bar(
        **_config(
            range=(-100, 100),
            value_formatter=score,
            print_values=True,
            print_values_position="top",
            show_legend=False,
            no_data_text=no_data,
        )
    )
    chart.x_labels = [
        f"{row['survey']} ({row['suppressed_reason']})" if row["suppressed"] else row["survey"]
        for row in report.surveys
    ]
    # A negative score in the accent colour: below zero reads as a warning at a glance.
    chart.add(
        _("eNPS"),
        [
            None
            if row["enps"] is None
            else {"value": float(row["enps"]), "color": ACCENT if row["enps"] < 0 else BRAND}
            for row in report.surveys
        ],
    )
    return _svg(chart)


def mix_chart(report: KpiReport) -> str:
    chart = pygal.Bar(
        **_config(
            range=(0, 100),
            value_formatter=_short_percent,
            print_values=True,
            print_values_position="top",
            style=_style(BRAND, MUTED),
            legend_at_bottom_columns=2,
        )
    )
    chart.x_labels = [str(MIX_LABELS[key]) for key in MIX_KEYS]
    mix = report.kpis["learning_mix"]
    chart.add(_("Actual"), _none_as_gap(mix[key] for key in MIX_KEYS))
    chart.add(_("Target"), [MIX_TARGET[key] for key in MIX_KEYS])
    return _svg(chart)


def spend_chart(report: KpiReport) -> str:
    """Spend per quarter as a line over AWVN's 1-3% band, drawn as a shaded area.

    pygal has no band, so it is stacked: an invisible series up to the low edge and a
    filled one of the band's height on top. The spend line sits on the secondary axis
    with the same range, which pygal does not stack with the primary series.
    """
    spend = _none_as_gap(r["development_spend_pct_payroll"] for r in report.quarters)
    low, high = SPEND_BAND
    ticks = _ticks(max([v for v in spend if v is not None] + [high + 0.5]), at_least=2)
    chart = pygal.StackedLine(
        **_config(
            value_formatter=_short_percent,
            y_labels=ticks,
            range=(0, ticks[-1]),
            secondary_range=(0, ticks[-1]),
            style=_style("transparent", TINT, BRAND),
            # pygal reserves legend room per axis; one row of two keeps it compact.
            legend_at_bottom_columns=2,
        )
    )
    _x_labels(chart, [row["label"] for row in report.quarters])
    quarters = len(report.quarters)
    # Both band series fill: pygal fills a stacked series down to the previous
    # series' filled line, and draws a fill only along with a stroke.
    chart.add(None, [low] * quarters, show_dots=False, fill=True)
    chart.add(
        _("AWVN band %(low)s-%(high)s%%") % {"low": low, "high": high},
        [high - low] * quarters,
        show_dots=False,
        fill=True,
    )
    # The card's title says "as % of payroll"; a short legend fits beside the band's.
    chart.add(_("Development spend"), spend, secondary=True)
    return _svg(chart)


def all_charts(report: KpiReport) -> dict[str, str]:
    return {
        "headcount": headcount_chart(report),
        "mobility": mobility_chart(report),
        "enps": enps_chart(report),
        "mix": mix_chart(report),
        "spend": spend_chart(report),
    }
