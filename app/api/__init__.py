"""The Helpline adapter API: versioned JSON over HTTP between the workstation and any backend."""

API_VERSION = "1"
USER_HEADER = "X-Helpline-User"
