"""The adapter contract: checks any Helpline adapter must pass, run against its URL."""
