"""Danish catalogue: English text -> Danish. Pending reasons verbatim from source 001 (R-STATUS-3, docs/rules.md)."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # Kinds (R-TICKET-1)
    "Incident": "Hændelse",
    "Service request": "Serviceforespørgsel",
    # Statuses (R-STATUS-1)
    "New": "Ny",
    "Assigned": "Tildelt",
    "In Progress": "I gang",
    "Pending": "Afventer",
    "Resolved": "Løst",
    "Closed": "Lukket",
    # Pending reasons (R-STATUS-3), as the end user sees them
    "Pending HR access date": "Afventer HR-adgangsdato",
    "Pending internal supplier": "Afventer intern leverandør",
    "Pending approval": "Afventer godkendelse",
    "Need is for a future date/time": "Afventer - fremtidig dato",
    "Pending user reply": "Afventer svar bruger",
    "Pending - agreed appointment": "Afventer - Aftalt",
    "Pending external supplier": "Afventer ekstern leverandør",
    "Awaiting - item ordered": "Afventer - vare bestilt",
    "Ready for installation": "Klar til installation",
    "Ready for pick-up": "Klar til afhentning",
    "Ready for transport": "Klar til transport",
    "Delivered - can be invoiced": "Udleveret - kan faktureres",
    "Pending - CSI approval": "Afventer - CSI godkendelse",
    "Pending - CSI implementation": "Afventer - CSI implementering",
    "Pending - CSI test": "Afventer - CSI test",
    "Pending - CSI release": "Afventer - CSI release",
    "Pending - CSI prioritization": "Afventer - CSI prioritering",
    # Impacts (R-PRIO-1, R-PRIO-2)
    "Company": "Virksomhed",
    "Department": "Afdeling",
    "Individual": "Enkeltperson",
    "Must have": "Skal have",
    "Should have": "Bør have",
    "Whenever possible": "Når det er muligt",
    # Urgencies
    "High": "Høj",
    "Medium": "Middel",
    "Low": "Lav",
    "Expedite": "Hastende",
    "Standard": "Standard",
    # Line levels (R-TEAM-1)
    "First line": "1. linje",
    "Second line": "2. linje",
    "Third line": "3. linje",
    "Supplier": "Leverandør",
    # Roles (R-ROLE-1)
    "First-line agent": "1. linje-agent",
    "Second-line agent": "2. linje-agent",
    "Third-line agent": "3. linje-agent",
    "Dispatcher": "Dispatcher",
    "Team lead": "Teamleder",
    "Purchaser": "Indkøber",
    "Process manager": "Procesmanager",
    "Process owner": "Procesejer",
    # Journal entry kinds (R-JOURNAL-1)
    "Internal note": "Intern note",
    "Message to user": "Besked til bruger",
    "Message from user": "Besked fra bruger",
    "Supplier message": "Leverandørbesked",
    "System event": "Systemhændelse",
    # Who typed in words written on someone's behalf (R-JOURNAL-6)
    "recorded by {agent}": "registreret af {agent}",
    # Escalation kinds (R-ESC-3, R-ESC-4, R-ADVICE-1, R-LINK-1)
    "Functional": "Funktionel",
    "Hierarchical": "Hierarkisk",
    "Advisory": "Rådgivende",
    "Complaint": "Klage",
    "Service report": "Servicerapport",
    "Action": "Handling",
    # Escalation statuses (R-LINK-1)
    "Open": "Åben",
    "Answered": "Besvaret",
    "Withdrawn": "Trukket tilbage",
    "Bounced": "Returneret",
    "Done": "Færdig",
    # Letters (R-MAIL-1)
    "The requester": "Anmoderen",
    "The requested-for person": "Den, der er anmodet på vegne af",
    "Both": "Begge",
    "Queued": "I kø",
    "Deferred": "Udsat",
    "Sent": "Sendt",
    "Failed": "Mislykket",
    "Not sent": "Ikke sendt",
    # Form field f / g answers
    "Only this user": "Kun denne bruger",
    "Several users": "Flere brugere",
    "The whole site": "Hele lokationen",
    "Can wait": "Kan vente",
    "Hinders work": "Hindrer arbejdet",
    "Stops work": "Stopper arbejdet",
    "Notes missing or too thin": "Noter mangler eller er for tynde",
    "An existing routine answers it": "En eksisterende rutine besvarer det",
    "Second line is open: dispatch instead": "Anden linje har åbent: dispatch i stedet",
    # Ticket links (R-TICKET-4, R-STATUS-6)
    "Split from": "Udskilt fra",
    "Split into": "Opdelt i",
    "Follows up": "Opfølgning på",
    "Followed up by": "Fulgt op af",
    "Duplicate of": "Dublet af",
    "Depends on": "Afhænger af",
    "Depended on by": "Andre afhænger af den",
    "Refers to": "Henviser til",
    "Referred to by": "Henvist til af",
    "Member of": "Del af",
    "Has member": "Har som del",
    "Merged from": "Flettet fra",
    # Escalation form a-h
    "Requester": "Anmoder",
    "Requested for": "Anmodet på vegne af",
    "Requester and requested-for": "Anmoder og anmodet på vegne af",
    "Subject": "Emne",
    "Description": "Beskrivelse",
    "Troubleshooting already done": "Fejlsøgning, der allerede er udført",
    "Serial number of the affected device": "Serienummer på den berørte enhed",
    "Do colleagues have the same problem?": "Oplever kollegerne det samme problem?",
    "How urgent is it for the user?": "Hvor akut er det for brugeren?",
    "Attachments": "Vedhæftede filer",
    # Duties by priority (R-PRIO-4), after the priority overview of source 001 (docs/rules.md)
    "Nothing else until work has started. The dispatcher calls the receiving team's dispatcher "
    "(or its team lead); team leads join the prioritisation.":
        "Ingen andre opgaver, før arbejdet med sagen er igangsat. Dispatcheren kontakter det modtagende "
        "teams dispatcher (eller teamlederen); teamledere inddrages i prioriteringen.",
    "The owner works on this ticket only. Dispatch at once; not dispatched further without "
    "the receiving agent accepting.":
        "Agenten, der har sagen, arbejder kun på den. Sagen dispatches straks og må ikke dispatches "
        "videre, uden at modtageragenten har accepteret.",
    "Most of the day; start the same day.": "Størstedelen af arbejdstiden; startes samme dag.",
    "Best effort.": "Løses efter bedste evne.",
    "Can wait.": "Kan vente.",
}
