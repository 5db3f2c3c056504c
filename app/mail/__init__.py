"""Mail for a backend that does not mail by itself (the local store): letters out, users' mail in (R-MAIL-1/2)."""
