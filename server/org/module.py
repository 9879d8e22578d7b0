"""The organisation: teams, agents and their history, customers."""

from server.kernel.feature import Feature, ScopedRecord
from server.kernel.relay import NodeType
from server.org.models import Agent, AgentMembership, AgentStatusChange, Customer, CustomerPersonal, Team
from server.org.nodes import load_agent_node, load_customer_node, load_team_node
from server.org.queries import OrgQuery

FEATURE = Feature(
    name="org",
    query=OrgQuery,
    tables=(Team, Agent, AgentMembership, AgentStatusChange, Customer, CustomerPersonal),
    scoped_records=(
        ScopedRecord("Team", "read", frozenset({"all", "team", "own"})),
        ScopedRecord("Agent", "read", frozenset({"all", "team", "own", "assigned"})),
        ScopedRecord("Customer", "read", frozenset({"all", "team", "own", "assigned"})),
    ),
    nodes=(
        NodeType("Team", load_team_node),
        NodeType("Agent", load_agent_node),
        NodeType("Customer", load_customer_node),
    ),
)
