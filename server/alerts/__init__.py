"""Real-time alerts: rules on catalogue metrics and raw events, evaluated as events arrive, delivered live."""
