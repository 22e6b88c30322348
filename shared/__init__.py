"""The platform every Rapport service imports: settings, HTTP app helpers, auth,
schemas, events, the outbox relay and the idempotent consumer runner."""
