"""Transport: the /graphql view (GraphQL over HTTP), CORS, HTTP limits and error responses, GraphiQL, query hardening, error codes and masking.

``authz/`` keeps identity, policy, enforcement and guards; what shapes requests and
responses on the wire lives here.
"""
