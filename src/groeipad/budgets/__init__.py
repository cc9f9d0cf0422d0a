"""Development budgets: the department budgets and the personal learning budgets that
learning requests and coaching trajectories book against.

Budgets know nothing of what draws on them: learning and coaching register their draws
(``budgets.registry``), so budgets never imports the apps above it.
"""
