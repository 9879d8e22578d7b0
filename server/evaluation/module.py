"""Evaluation: whether coaching worked, and each team's periodic review."""

from server.evaluation.commands import register
from server.kernel.feature import Feature, IntentKind, Listener, Ref, ScopedRecord

FEATURE = Feature(
    name="evaluation",
    query=Ref("server.evaluation.queries:EvaluationQuery"),
    mutation=Ref("server.evaluation.mutations:EvaluationMutation"),
    nodes=Ref("server.evaluation.loaders:NODES"),
    tables=(
        Ref("server.evaluation.models:PlanEvaluation"),
        Ref("server.evaluation.models:TeamReview"),
        Ref("server.evaluation.models:TeamReviewSchedule"),
    ),
    workflows=(
        Ref("workflows.evaluation.workflows:TeamReviewScheduleWorkflow"),
    ),
    activity_classes=(Ref("workflows.evaluation.activities:ReviewActivities"),),
    cli=(register,),
    scoped_records=(
        ScopedRecord("TeamReview", "read", frozenset({"all", "team"})),
        ScopedRecord("TeamReview", "write", frozenset({"all", "team"})),
        ScopedRecord("PlanEvaluation", "read", frozenset({"all", "team", "own", "aggregate"})),
    ),
    intent_kinds=(IntentKind("evaluation.review_schedule", Ref("server.evaluation.handlers:start_review_schedule")),),
    listeners=(
        Listener("coaching.plan_ended", Ref("server.evaluation.service:on_plan_ended")),
        Listener("demo.loaded", Ref("server.evaluation.demo:seed_demo_review")),
    ),
)
