"""What every feature shares and imports no feature: the feature declaration, the request context's commit callbacks."""
