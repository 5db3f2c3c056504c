"""The rulebook (docs/rules.md) as pure models and functions: no file, network or Textual here."""
