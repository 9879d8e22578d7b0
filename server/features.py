"""The one list of features: the API, the worker, the CLI, Alembic and the policy are built from it.

Order matters in two places and is kept on purpose:

- **Batch hooks** run in list order inside every ingestion batch. ``retention`` comes
  before ``metrics``: a hook that rewrites the batch's stored data (erasing what an
  import brought in for an erased customer) runs before a hook that derives data from
  it, so the incrementally kept facts are always those a rebuild from the committed
  data would give.
- **Schema and CLI order**: Query and Mutation fields, and ``coachloop --help``, list
  the features in this order.

Adding a feature: give its package a ``module.py`` declaring ``FEATURE`` and add one line here.
"""

from server.alerts.module import FEATURE as ALERTS
from server.audit.module import FEATURE as AUDIT
from server.authz.module import FEATURE as AUTHZ
from server.coaching.module import FEATURE as COACHING
from server.conversations.module import FEATURE as CONVERSATIONS
from server.demo.module import FEATURE as DEMO
from server.goals.module import FEATURE as GOALS
from server.evaluation.module import FEATURE as EVALUATION
from server.ingestion.module import FEATURE as INGESTION
from server.insights.module import FEATURE as INSIGHTS
from server.intents.module import FEATURE as INTENTS
from server.kernel.feature import Feature
from server.knowledge.module import FEATURE as KNOWLEDGE
from server.metrics.module import FEATURE as METRICS
from server.notifications.module import FEATURE as NOTIFICATIONS
from server.ops.module import FEATURE as OPS
from server.org.module import FEATURE as ORG
from server.people.module import FEATURE as PEOPLE
from server.persisted.module import FEATURE as PERSISTED
from server.quality.module import FEATURE as QUALITY
from server.retention.module import FEATURE as RETENTION
from server.reviews.module import FEATURE as REVIEWS

FEATURES: list[Feature] = [
    OPS,
    INTENTS,
    INGESTION,
    DEMO,
    AUTHZ,
    ORG,
    PEOPLE,
    CONVERSATIONS,
    KNOWLEDGE,
    REVIEWS,
    AUDIT,
    RETENTION,
    METRICS,
    INSIGHTS,
    NOTIFICATIONS,
    GOALS,
    COACHING,
    EVALUATION,
    QUALITY,
    ALERTS,
    PERSISTED,
]
