"""The strategy's shared reading of a member's network: what a contact, an interaction and a
relationship's strength are, and which contacts cover what a goal needs. The goals service
(coverage, objectives, reviews) and the nudge workers (goal gap, find a mentor) both decide with
these pure functions, so the strategy view and the coach never disagree."""
