"""Fixtures of the mail tests: the store tests' demo store, opened directly."""

from tests.store.conftest import store

__all__ = ["store"]
