"""Coaching: rules-driven remediation, training paths, script templates, coaching plans and tasks."""

from server.kernel.feature import Feature, IntentKind, Listener, Ref, ScopedRecord

FEATURE = Feature(
    name="coaching",
    query=Ref("server.coaching.queries:CoachingQuery"),
    mutation=Ref("server.coaching.mutations:CoachingMutation"),
    nodes=Ref("server.coaching.loaders:NODES"),
    tables=(
        Ref("server.coaching.models:CoachingRuleVersion"),
        Ref("server.coaching.models:RemediationAction"),
        Ref("server.coaching.models:CoachingPlan"),
        Ref("server.coaching.models:CoachingTask"),
        Ref("server.coaching.models:CoachingQaScore"),
    ),
    workflows=(
        Ref("workflows.coaching.workflows:CoachingPlanWorkflow"),
        Ref("workflows.coaching.workflows:CoachingRulesSweepWorkflow"),
    ),
    activity_classes=(Ref("workflows.coaching.activities:CoachingActivities"),),
    scoped_records=(
        ScopedRecord("CoachingPlan", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("CoachingPlan", "write", frozenset({"all", "team"})),
        ScopedRecord("CoachingTask", "write", frozenset({"all", "team", "own"})),
        ScopedRecord("CoachingRules", "write", frozenset({"all"})),
    ),
    intent_kinds=(IntentKind("coaching.plan_workflow", Ref("server.coaching.handlers:complete_plan_workflow")),),
    listeners=(
        Listener("goals.checked", Ref("server.coaching.remediation:on_goal_checked")),
        Listener("quality.scored", Ref("server.coaching.qa:on_conversation_scored")),
        Listener("coaching.review_compiling", Ref("server.coaching.review:on_review_compiling")),
        Listener("demo.loaded", Ref("server.coaching.demo:on_demo_loaded")),
    ),
)
