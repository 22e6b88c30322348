"""Rapport's Python SDK: a typed client for the API, sign-in, and an offline sync engine.

    from rapport_sdk import Rapport
"""
from .client import Rapport

__all__ = ["Rapport"]
