"""The sizes Helpline accepts from outside, in one place: the README's "Limits" lists these, and every layer
refuses more before doing any work (the server before reading a body, the store before writing a file).

Chosen so that a real desk never meets them (a pasted log, a screenshot, a long mail thread) while one hostile
caller cannot fill the memory or the disk of everyone else.
"""

from __future__ import annotations

# A journal entry: a pasted log of about 1 MB fits twice over.
MAX_ENTRY_CHARS = 2_000_000
# A ticket file on disk, journal included: what one write may cost and one open may send.
MAX_TICKET_BYTES = 16 * 1024 * 1024
# A full ticket still takes small changes (a status, a link to the ticket that goes on, a short note), up to this
# much beyond the limit, so it can be resolved and closed; a note that would cross the limit is refused.
SMALL_CHANGE_BYTES = 64 * 1024
TICKET_HEADROOM_BYTES = 1024 * 1024
# Files of one escalation form (field h): what the form promises, counted on the decoded bytes.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_ATTACHMENTS = 10
MAX_ATTACHMENTS_TOTAL_BYTES = 50 * 1024 * 1024
# A file sent back (issue 19: an attachment opened or saved): more than any stored file (a mail's own parts on RT
# may be larger than the form's 25 MB), sent in chunks of CHUNK bytes; a larger one is refused before a byte moves.
MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024
DOWNLOAD_CHUNK_BYTES = 64 * 1024
# A stored file's name, in UTF-8 bytes (filesystems count bytes: 255 on ext4, less the numbered prefix).
MAX_FILE_NAME_BYTES = 200
# One request body: the largest form (all files base64-encoded, a third larger) and its JSON.
MAX_BODY_BYTES = MAX_ATTACHMENTS_TOTAL_BYTES * 4 // 3 + 1024 * 1024
# Requests a served adapter works on at once; more are answered 503 at once instead of queueing for seconds.
MAX_CONCURRENT_REQUESTS = 64
