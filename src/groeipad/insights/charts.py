"""The insights charts as inline SVG, drawn on the server with pygal.

No JavaScript: pygal is told to link no script (``js=[]``, else it points at its CDN)
and its inline configuration script is dropped, as nothing would read it. Every chart
has a table with the same numbers beside it in the template, for screen readers and
for anyone who wants the figures.
"""

from __future__ import annotations

import re

import pygal
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from groeipad.insights.kpis import MIX_KEYS
from groeipad.insights.labels import MIX_LABELS, MIX_TARGET, SPEND_BAND
from groeipad.insights.selectors import KpiReport

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="system-ui, sans-serif",
    colors=("#2f6f4e", "#d08a2c", "#4a6fa5", "#8c4a8c", "#999999"),
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _config(**extra) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": _STYLE,
        "width": 720,
        "height": 320,
        "legend_at_bottom": True,
        "print_values": False,
        "x_label_rotation": 0,
        **extra,
    }


def _svg(chart) -> str:
    # Safe: pygal escapes every label and value it writes into the SVG.
    return mark_safe(_SCRIPT.sub("", chart.render(is_unicode=True)))


def _none_as_gap(values):
    return [None if v is None else float(v) for v in values]


def headcount_chart(report: KpiReport) -> str:
    chart = pygal.Bar(**_config(title=_("Headcount, hires and leavers per month")))
    chart.x_labels = [row["label"] for row in report.months]
    chart.add(_("Headcount at month end"), [row["headcount_end"] for row in report.months])
    chart.add(_("Hires"), [row["hires"] for row in report.months])
    chart.add(_("Leavers"), [row["leavers"] for row in report.months])
    return _svg(chart)


def mobility_chart(report: KpiReport) -> str:
    chart = pygal.Line(**_config(title=_("Turnover and internal mobility per quarter (%)")))
    chart.x_labels = [row["label"] for row in report.quarters]
    chart.add(_("Turnover (%)"), _none_as_gap(r["turnover_rate"] for r in report.quarters))
    chart.add(
        _("Internal mobility (%)"),
        _none_as_gap(r["internal_mobility_rate"] for r in report.quarters),
    )
    return _svg(chart)


def enps_chart(report: KpiReport) -> str:
    chart = pygal.Bar(**_config(title=_("eNPS per survey"), range=(-100, 100)))
    chart.x_labels = [row["survey"] for row in report.surveys]
    chart.add(_("eNPS"), _none_as_gap(row["enps"] for row in report.surveys))
    return _svg(chart)


def mix_chart(report: KpiReport) -> str:
    chart = pygal.Bar(**_config(title=_("Learning mix against the 70-20-10 target (%)")))
    chart.x_labels = [str(MIX_LABELS[key]) for key in MIX_KEYS]
    mix = report.kpis["learning_mix"]
    chart.add(_("Actual"), _none_as_gap(mix[key] for key in MIX_KEYS))
    chart.add(_("Target"), [MIX_TARGET[key] for key in MIX_KEYS])
    return _svg(chart)


def spend_chart(report: KpiReport) -> str:
    chart = pygal.Line(**_config(title=_("Development spend as % of payroll per quarter")))
    chart.x_labels = [row["label"] for row in report.quarters]
    chart.add(
        _("Development spend (% of payroll)"),
        _none_as_gap(r["development_spend_pct_payroll"] for r in report.quarters),
    )
    low, high = SPEND_BAND
    chart.add(_("AWVN band, low (%)"), [low] * len(report.quarters), show_dots=False)
    chart.add(_("AWVN band, high (%)"), [high] * len(report.quarters), show_dots=False)
    return _svg(chart)


def all_charts(report: KpiReport) -> dict[str, str]:
    return {
        "headcount": headcount_chart(report),
        "mobility": mobility_chart(report),
        "enps": enps_chart(report),
        "mix": mix_chart(report),
        "spend": spend_chart(report),
    }
