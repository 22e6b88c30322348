"""The channels of networking a plan mixes, and which channel an interaction went through.

Channels: events (conferences, meetups), coffee (one-to-one in person), calls, online (messages,
social), writing (articles, posts), speaking (talks, panels). An interaction's channel comes
from its kind (shared.contracts.contacts: met, call, coffee, message, meeting, intro_made,
help_given, help_received); a `met` at a gathering is an event. Pure.
"""
from __future__ import annotations

from shared.strategy.network import Interaction

CHANNELS = ("events", "coffee", "calls", "online", "writing", "speaking")
_BY_KIND = {"coffee": "coffee", "meeting": "coffee", "call": "calls", "message": "online",
            "intro_made": "online", "help_given": "online", "help_received": "online"}


def channel_of(interaction: Interaction) -> str:
    """The channel an interaction went through (an unknown kind counts as online)."""
    if interaction.kind == "met":
        return "events" if interaction.gathering_id else "coffee"
    return _BY_KIND.get(interaction.kind, "online")
