"""What each KPI is called and how it is explained, for the page, the CLI and exports.

English msgids; the Dutch names (as in docs/kpis.md) come from locale/nl.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "headcount_start": _("Headcount at start"),
    "headcount_end": _("Headcount at end"),
    "average_headcount": _("Average headcount"),
    "hires": _("Hires"),
    "leavers": _("Leavers"),
    "voluntary_leavers": _("Voluntary leavers"),
    "turnover_rate": _("Turnover (%)"),
    "voluntary_turnover_rate": _("Voluntary turnover (%)"),
    "retention_rate": _("Retention (%)"),
    "internal_moves": _("Internal moves"),
    "internal_mobility_rate": _("Internal mobility (%)"),
    "internal_fill_rate": _("Internal fill rate (%)"),
    "enps": _("eNPS"),
    "enps_responses": _("eNPS responses"),
    "enps_suppressed": _("eNPS hidden for anonymity"),
    "enps_suppressed_reason": _("Why the eNPS is hidden"),
    "payroll": _("Payroll (EUR)"),
    "development_spend": _("Development spend (EUR)"),
    # xgettext:no-python-format
    "development_spend_pct_payroll": _("Development spend (percent of payroll)"),
    "learning_hours_per_employee": _("Learning hours per employee"),
    "learning_mix": _("Learning mix 70-20-10 (%)"),
    "replacement_cost_low": _("Replacement cost, low (EUR)"),
    "replacement_cost_high": _("Replacement cost, high (EUR)"),
}

EXPLANATIONS = {
    "headcount_start": _("Employees in service on the first day of the period."),
    "headcount_end": _("Employees in service on the last day of the period."),
    "average_headcount": _("The average of the headcount at start and at end."),
    "hires": _("Employees whose hire date falls within the period."),
    "leavers": _("Employees whose last working day falls within the period."),
    "voluntary_leavers": _("Leavers who left of their own accord."),
    "turnover_rate": _("Leavers as a percentage of the average headcount."),
    "voluntary_turnover_rate": _("Voluntary leavers as a percentage of the average headcount."),
    "retention_rate": _(
        "Of the employees in service at the start, the share still in service after the end."
    ),
    "internal_moves": _("Transfers and promotions within the period."),
    "internal_mobility_rate": _("Internal moves as a percentage of the average headcount."),
    "internal_fill_rate": _("Internal moves as a share of all internal moves and hires."),
    "enps": _(
        "Of the last survey closing in the period: promoters (9-10) minus detractors (0-6), "
        "as a percentage of all answers."
    ),
    "enps_responses": _("Answers counted for the eNPS."),
    "payroll": _("Annual salaries, pro rata for the days each employee was in service."),
    "development_spend": _("Cost of learning activities completed within the period."),
    "development_spend_pct_payroll": _(
        "Development spend as a percentage of payroll; Dutch organisations spend 1-3% (AWVN)."
    ),
    "learning_hours_per_employee": _("Learning hours in the period per average employee."),
    "learning_mix": _(
        "Share of learning hours on the job, through others and formal; the target is 70-20-10."
    ),
    "replacement_cost_low": _(
        "Low estimate of what replacing this period's leavers costs (share of annual salary)."
    ),
    "replacement_cost_high": _(
        "High estimate of what replacing this period's leavers costs (share of annual salary)."
    ),
}

MIX_LABELS = {
    "experience": _("on the job (70)"),
    "social": _("through others (20)"),
    "formal": _("formal (10)"),
}

# The 70-20-10 model's target and AWVN's band for development spend (% of payroll).
MIX_TARGET = {"experience": 70, "social": 20, "formal": 10}
SPEND_BAND = (1, 3)

# The page's cards say the unit with the figure ("8,4%", "€ 3.207.112"), so their
# names drop the "(%)" and "(EUR)" that the CLI and export headings need.
CARD_LABELS = {
    **LABELS,
    "turnover_rate": _("Turnover"),
    "voluntary_turnover_rate": _("Voluntary turnover"),
    "retention_rate": _("Retention"),
    "internal_mobility_rate": _("Internal mobility rate"),
    "internal_fill_rate": _("Internal fill rate"),
    "payroll": _("Payroll"),
    "development_spend": _("Development spend"),
    "development_spend_pct_payroll": _("Development spend as share of payroll"),
    "learning_mix": _("Learning mix 70-20-10"),
    "replacement_cost": _("Replacement cost of leavers"),
}

# Why a card shows "—": the figure has no denominator in this period and scope.
NO_HEADCOUNT = _("no headcount")
MISSING_HINTS = {
    "turnover_rate": NO_HEADCOUNT,
    "voluntary_turnover_rate": NO_HEADCOUNT,
    "retention_rate": _("no headcount at the start"),
    "internal_mobility_rate": NO_HEADCOUNT,
    "internal_fill_rate": _("no hires or internal moves"),
    "enps": _("no survey in this period"),
    "development_spend_pct_payroll": _("no payroll in this period"),
    "learning_hours_per_employee": NO_HEADCOUNT,
    "learning_mix": _("no learning hours in this period"),
}

# The page's sections: a heading and the keys of its cards, in reading order.
GROUPS = (
    (
        "staffing",
        _("Staffing"),
        (
            "headcount_start",
            "headcount_end",
            "average_headcount",
            "hires",
            "leavers",
            "voluntary_leavers",
        ),
    ),
    (
        "retention",
        _("Retention and turnover"),
        ("turnover_rate", "voluntary_turnover_rate", "retention_rate", "replacement_cost"),
    ),
    (
        "mobility",
        _("Internal mobility"),
        ("internal_moves", "internal_mobility_rate", "internal_fill_rate"),
    ),
    ("satisfaction", _("Satisfaction"), ("enps",)),
    (
        "development",
        _("Development"),
        (
            "payroll",
            "development_spend",
            "development_spend_pct_payroll",
            "learning_hours_per_employee",
            "learning_mix",
        ),
    ),
)
