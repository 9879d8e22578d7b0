"""Loading the demo organisation into an empty database, batch by batch."""
