"""The rulebook of domain.md as pure models and functions: no file, network or Textual here."""
