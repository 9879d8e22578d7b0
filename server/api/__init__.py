"""Transport: HTTP limits and error responses, GraphQL query hardening, error codes and masking.

``authz/`` keeps identity, policy, enforcement and guards; what shapes requests and
responses on the wire lives here.
"""
