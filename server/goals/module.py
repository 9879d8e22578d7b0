"""Goals: targets on catalogue metrics, decomposed to teams and agents, checked at milestones by a workflow."""

from server.kernel.feature import Feature, IntentKind, Listener, Ref, ScopedRecord

FEATURE = Feature(
    name="goals",
    query=Ref("server.goals.queries:GoalsQuery"),
    mutation=Ref("server.goals.mutations:GoalsMutation"),
    nodes=Ref("server.goals.nodes:NODES"),
    tables=(
        Ref("server.goals.models:Goal"),
        Ref("server.goals.models:GoalPart"),
        Ref("server.goals.models:GoalCheck"),
    ),
    workflows=(Ref("workflows.goals.workflows:GoalWorkflow"),),
    activity_classes=(Ref("workflows.goals.activities:GoalActivities"),),
    scoped_records=(
        ScopedRecord("Goal", "read", frozenset({"all", "team", "own", "aggregate"})),
        ScopedRecord("Goal", "write", frozenset({"all", "team"})),
        ScopedRecord("GoalPart", "read", frozenset({"all", "team", "own", "aggregate"})),
    ),
    intent_kinds=(
        IntentKind("goals.start", Ref("server.goals.handlers:complete_start")),
        IntentKind("goals.signal", Ref("server.goals.handlers:complete_signal")),
    ),
    listeners=(
        Listener("coaching.review_compiling", Ref("server.goals.review:add_goal_statuses")),
        Listener("demo.loaded", Ref("server.goals.demo:seed_demo_goal")),
    ),
)
