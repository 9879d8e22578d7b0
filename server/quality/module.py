"""Quality inspection (质检): auto-QA after commit, scorecards, manual review with disputes, sampling, calibration, hotspots."""

from server.kernel.feature import DeclaredHook, Feature, IntentKind, Listener, Ref, ScopedRecord
from server.quality.commands import register

FEATURE = Feature(
    name="quality",
    query=Ref("server.quality.queries:QualityQuery"),
    mutation=Ref("server.quality.mutations:QualityMutation"),
    nodes=Ref("server.quality.nodes:NODES"),
    tables=(
        Ref("server.quality.models:QaRuleSet"),
        Ref("server.quality.models:QaScorecard"),
        Ref("server.quality.models:QaReview"),
        Ref("server.quality.models:QaFinding"),
        Ref("server.quality.models:QaConversationFact"),
        Ref("server.quality.models:QaDispute"),
        Ref("server.quality.models:QaSamplingPlan"),
        Ref("server.quality.models:QaSamplingRun"),
        Ref("server.quality.models:QaCalibrationSession"),
        Ref("server.quality.models:QaRescoreJob"),
    ),
    hooks=(DeclaredHook("queue_auto_qa", Ref("server.quality.hooks:queue_auto_qa")),),
    workflows=(Ref("workflows.quality.workflows:RescoreWorkflow"), Ref("workflows.quality.workflows:AutoQaWorkflow")),
    cli=(register,),
    activity_classes=(Ref("workflows.quality.activities:QualityActivities"),),
    scoped_records=(
        ScopedRecord("QaReview", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("QaReview", "write", frozenset({"all", "assigned"})),
        ScopedRecord("QaDispute", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("QaDispute", "write", frozenset({"all", "team", "own"})),
        ScopedRecord("QaRules", "read", frozenset({"all"})),
        ScopedRecord("QaRules", "write", frozenset({"all"})),
        ScopedRecord("QaScorecard", "read", frozenset({"all"})),
        ScopedRecord("QaScorecard", "write", frozenset({"all"})),
        ScopedRecord("QaSampling", "read", frozenset({"all", "team"})),
        ScopedRecord("QaSampling", "write", frozenset({"all", "team"})),
        ScopedRecord("QaCalibration", "read", frozenset({"all"})),
        ScopedRecord("QaCalibration", "write", frozenset({"all"})),
        ScopedRecord("QaMetric", "read", frozenset({"all", "team", "own", "aggregate", "team_aggregate"})),
    ),
    listeners=(Listener("demo.loaded", Ref("server.quality.demo:seed_demo")),),
    intent_kinds=(
        IntentKind("quality.score", Ref("server.quality.handlers:complete_scoring")),
        IntentKind("quality.rescore", Ref("server.quality.handlers:complete_rescore")),
    ),
)
