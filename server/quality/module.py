"""Quality inspection (质检): auto-QA after commit, scorecards, manual review with disputes, sampling, calibration, hotspots."""

from server.kernel.feature import DeclaredHook, Feature, IntentKind, Ref

FEATURE = Feature(
    name="quality",
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
    workflows=(Ref("workflows.quality.workflows:RescoreWorkflow"),),
    activity_classes=(Ref("workflows.quality.activities:QualityActivities"),),
    intent_kinds=(
        IntentKind("quality.score", Ref("server.quality.handlers:complete_scoring")),
        IntentKind("quality.rescore", Ref("server.quality.handlers:complete_rescore")),
    ),
)
