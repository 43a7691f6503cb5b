"""The assessment pages under /beoordeling/ (namespace ``assessment``).

Scoring (work list, assignment, the scoring page, scores side by side, the framework) and
outcomes (ranking, overrides, decisions, the outcome for the region) have their own views and
routes; both are listed here.
"""

from .urls_outcomes import urlpatterns as outcome_patterns
from .urls_scoring import urlpatterns as scoring_patterns

app_name = "assessment"

urlpatterns = scoring_patterns + outcome_patterns
