"""The nudges use cases: the API's actions and lists (nudging), mobile sync (sync), calendar feeds
(feeds), and what a worker does with events and due members (coach)."""
