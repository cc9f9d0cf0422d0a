from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "groeipad.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        # Approved and completed coaching draws on the same department development
        # budget as learning: the budget reads add it through this hook, for a list of
        # departments in one grouped query (budget_draws).
        from groeipad.budgets.registry import register_budget_draw
        from groeipad.coaching.selectors import budget_draw, budget_draws

        register_budget_draw(budget_draw, grouped=budget_draws)
