"""Real-time alerts: rules, window state kept by a batch hook, alerts raised after each commit, subscriptions."""

from server.kernel.feature import DeclaredHook, Feature, IntentKind, Listener, Ref, ScopedRecord

FEATURE = Feature(
    name="alerts",
    query=Ref("server.alerts.queries:AlertsQuery"),
    mutation=Ref("server.alerts.mutations:AlertsMutation"),
    subscription=Ref("server.alerts.subscriptions:AlertsSubscription"),
    nodes=Ref("server.alerts.nodes:NODES"),
    tables=(
        Ref("server.alerts.models:AlertRule"),
        Ref("server.alerts.models:Alert"),
        Ref("server.alerts.models:alert_window"),
        Ref("server.alerts.models:AlertContribution"),
        Ref("server.alerts.models:AlertWaiting"),
    ),
    hooks=(
        DeclaredHook("track_alert_windows", Ref("server.alerts.pipeline:track_windows"), Ref("server.alerts.upkeep:ALERT_WINDOWS_UPKEEP")),
    ),
    scoped_records=(
        ScopedRecord("Alert", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("Alert", "write", frozenset({"all", "team", "own"})),
        ScopedRecord("AlertRule", "read", frozenset({"all", "team"})),
        ScopedRecord("AlertRule", "write", frozenset({"all", "team"})),
    ),
    intent_kinds=(IntentKind("alerts.evaluate", Ref("server.alerts.pipeline:complete_evaluation")),),
    listeners=(
        Listener("quality.finding", Ref("server.alerts.pipeline:on_compliance_finding")),
        Listener("demo.loaded", Ref("server.alerts.demo:seed_demo_alert")),
    ),
)
