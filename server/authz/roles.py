"""The roles of the default policy (policies/policy.csv), for the token command and the policy matrix."""

ROLES = ("admin", "hr", "manager", "qa_reviewer", "agent", "analyst", "ingest")
