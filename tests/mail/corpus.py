"""Real-world shapes of mail, written out byte for byte (R-MAIL-2): what MTAs hand `helpline mail-in`. Each is
what some client or server sends; the broken ones are broken the ways mail breaks."""

from __future__ import annotations

import base64


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


PLAIN_NEW = _crlf("""\
From: Karin Dahl <karin.dahl@example.org>
To: servicedesk@example.org
Subject: Printer on floor 3 prints blank pages
Message-ID: <plain-new-1@mail.example.org>
Date: Tue, 01 Dec 2026 09:12:00 +0100
Content-Type: text/plain; charset=utf-8

Hello,

the printer by the kitchen prints only blank pages since this morning.

Karin
""")

ALTERNATIVE_QP = _crlf("""\
From: =?utf-8?q?S=C3=B8ren_B=C3=A6k?= <soren.baek@example.org>
To: servicedesk@example.org
Subject: =?utf-8?b?VlBOIGZvcmJpbmRlciBpa2tlIGZyYSBoamVtbWVrb250b3JldCDigJMgZmVqbCA4MDk=?=
Message-ID: <alt-qp-2@mail.example.org>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

VPN'en forbinder ikke fra hjemmekontoret. Fejl 809 hver gang, ogs=C3=A5 eft=
er genstart.
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><body><p>VPN'en forbinder <b>ikke</b> fra hjemmekontoret.</p></body></html>
--b1--
""")

HTML_ONLY_1252 = (
    b"From: Femke de Boer <femke.deboer@example.org>\r\n"
    b"To: servicedesk@example.org\r\n"
    b"Subject: Outlook crasht bij openen\r\n"
    b"Message-ID: <html-only-3@mail.example.org>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/html; charset=windows-1252\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes(
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        "<p>Outlook crasht zodra ik het open.</p><div>Caf\u00e9 &amp; \u20ac: <a href='https://x.example/log'>log</a>"
        "</div><table><tr><td>Versie</td><td>2312</td></tr></table></body></html>".encode("windows-1252"))
)

MIXED_NESTED = _crlf("""\
From: "Holm, Per" <per.holm@example.org>
To: servicedesk@example.org
Subject: Fwd: your account will expire
Message-ID: <mixed-4@mail.example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset=us-ascii

Is this mail real? I got it this morning.
--outer
Content-Type: message/rfc822

From: IT Support <support@phish.example>
Subject: your account will expire
Content-Type: text/plain

Click here to keep your account.
--outer
Content-Type: application/pdf; name="scan.pdf"
Content-Disposition: attachment; filename="scan.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfs
--outer--
""")

EIGHT_BIT_UNDECLARED = (
    b"From: Bj\xf6rn Sandberg <bjorn.sandberg@example.org>\r\n"
    b"To: servicedesk@example.org\r\n"
    b"Subject: Sk\xe4rmen flimrar\r\n"
    b"Message-ID: <eight-bit-5@mail.example.org>\r\n\r\n"
    b"Sk\xe4rmen flimrar n\xe4r jag kopplar in dockan.\r\n"
)

UNKNOWN_CHARSET = _crlf("""\
From: Bram Smit <bram.smit@example.org>
To: servicedesk@example.org
Subject: Wachtwoord verlopen
Message-ID: <charset-6@mail.example.org>
Content-Type: text/plain; charset=x-no-such-charset

Mijn wachtwoord is verlopen en ik kan niet inloggen.
""")

BROKEN_BOUNDARY = _crlf("""\
From: Elin Åkesson <elin.akesson@example.org>
Subject: Teams ljud fungerar inte
Message-ID: <broken-7@mail.example.org>
Content-Type: multipart/mixed; boundary="never-used"

No part ever starts: the boundary is missing from the body.
""")

NO_HEADERS_AT_ALL = b"\x00\x01\xff\xfe garbage that is no mail \r\n\r\n\x80\x81"

WEAK_SUBJECT = _crlf("""\
From: Mette Kristensen <mette.kristensen@example.org>
Subject: help
Message-ID: <weak-8@mail.example.org>

My screen is black after the update.
""")

AUTO_REPLY = _crlf("""\
From: Karin Dahl <karin.dahl@example.org>
Subject: Out of office: [HL-12] Printer jams
Auto-Submitted: auto-replied
Message-ID: <ooo-9@mail.example.org>

I am away until Monday.
""")

BULK = _crlf("""\
From: Newsletter <news@vendor.example>
Subject: Our December offers
Precedence: bulk
Message-ID: <bulk-10@vendor.example>

Buy now.
""")

FROM_THE_DESK = _crlf("""\
From: Service Desk <servicedesk@example.org>
Subject: [HL-12] Printer jams
Message-ID: <desk-11@example.org>

A letter of ours came back to us.
""")

MAILER_DAEMON = _crlf("""\
From: MAILER-DAEMON@mx.example.org
Subject: Undelivered Mail Returned to Sender
Message-ID: <daemon-12@mx.example.org>

Something went wrong.
""")


def reply(code: str, message_id: str, text: str = "It prints again, thank you!") -> bytes:
    return _crlf(f"""\
From: Karin Dahl <karin.dahl@example.org>
To: servicedesk@example.org
Subject: Re: [{code}] about your case
Message-ID: <{message_id}@mail.example.org>
Content-Type: text/plain; charset=utf-8

{text}

On Tue, 1 Dec 2026, Service Desk wrote:
> Dear user, your case {code} has been resolved.
""")


def bounce(original_message_id: str) -> bytes:
    return _crlf(f"""\
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce-13@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

--r1
Content-Type: text/plain

Your message could not be delivered.
--r1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; karin.dahl@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <karin.dahl@example.org>: Recipient address rejected

--r1
Content-Type: text/rfc822-headers

From: Service Desk <servicedesk@example.org>
Message-ID: {original_message_id}
Subject: [HL-12] about your case

--r1--
""")


# Every shape that must be stored (a ticket opened or joined, or the mail kept for an agent), never a traceback.
STORED_SHAPES = {
    "plain": PLAIN_NEW, "alternative, quoted-printable, RFC 2047": ALTERNATIVE_QP,
    "HTML only, windows-1252, base64": HTML_ONLY_1252, "mixed with a nested message": MIXED_NESTED,
    "8-bit undeclared": EIGHT_BIT_UNDECLARED, "unknown charset": UNKNOWN_CHARSET,
    "broken boundary": BROKEN_BOUNDARY, "no headers at all": NO_HEADERS_AT_ALL, "weak subject": WEAK_SUBJECT,
}
