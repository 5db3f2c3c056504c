"""The readable text of a user's mail, whatever its shape (R-MAIL-2): the plain part of multipart/alternative,
the first text of multipart/mixed (nested messages included), HTML-only mail as text, any charset, quoted-
printable or base64. Never raises for a message's content: what cannot be decoded is decoded leniently.

HTML is read by Beautiful Soup (beautifulsoup4, with the standard library's parser): mail clients send HTML
broken in every way, which it has tolerated for twenty years; our own parser would have to learn each
breakage anew. Core code: no Textual.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message

from bs4 import BeautifulSoup

# Elements after which a reader expects a new line.
_BLOCKS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr")
_BLANKS = re.compile(r"\n{3,}")


def decoded(part: Message) -> str:
    """A text part's words: its declared charset, else UTF-8, else Latin-1 (which decodes any byte)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload() or "")
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def html_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "title"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_after("\n")
    for link in soup.find_all("a", href=True):
        target = str(link["href"])
        if target.startswith(("http://", "https://")) and target not in link.get_text():
            link.append(f" <{target}>")
    return tidy(soup.get_text())


def tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def body_text(message: Message) -> str:
    """The text a person wrote: plain preferred, HTML turned into text, the first of nested messages' too."""
    if isinstance(message, EmailMessage):
        try:
            body = message.get_body(preferencelist=("plain", "html"))
        except (KeyError, ValueError, IndexError):
            body = None
        if body is not None:
            return _text_of(body)
    for part in message.walk():
        if part.get_content_maintype() == "text" and not part.get_filename():
            return _text_of(part)
    return ""


def _text_of(part: Message) -> str:
    text = decoded(part)
    return html_text(text) if part.get_content_subtype() == "html" else tidy(text)
