"""Danish (R-STATUS-3's Danish names are the source's own, seed 001)."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # Kinds, statuses
    "Incident": "Hændelse",
    "Service request": "Serviceforespørgsel",
    "New": "Ny",
    "Assigned": "Tildelt",
    "In Progress": "I gang",
    "Pending": "Afventer",
    "Resolved": "Løst",
    "Closed": "Lukket",
    # R-STATUS-3
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
    # Impact, urgency
    "Company": "Virksomhed",
    "Department": "Afdeling",
    "Individual": "Individ",
    "Must have": "Skal have",
    "Should have": "Bør have",
    "Whenever possible": "Når muligt",
    "High": "Høj",
    "Medium": "Mellem",
    "Low": "Lav",
    "Expedite": "Haster",
    "Standard": "Standard",
    # Journal
    "Internal note": "Intern note",
    "Message to user": "Besked til bruger",
    "Message from user": "Besked fra bruger",
    "Supplier message": "Leverandørbesked",
    "System event": "Systemhændelse",
    # Escalations
    "Functional": "Funktionel",
    "Hierarchical": "Hierarkisk",
    "Advisory": "Rådgivende",
    "Complaint": "Klage",
    "Service report": "Servicerapport",
    "Action": "Aktion",
    # Escalation form (000 a-h)
    "Requester and requested-for": "Anmoder og anmodet for",
    "Subject": "Emne",
    "Description": "Beskrivelse",
    "Troubleshooting already done": "Fejlsøgning der er udført",
    "Serial number of the affected device": "Serienummer på den berørte enhed",
    "Do colleagues have the same problem?": "Har kollegerne samme problem?",
    "How urgent is it for the user?": "Hvor akut er det for brugeren?",
    "Attachments": "Vedhæftede filer",
    "Only this user": "Kun denne bruger",
    "Several users": "Flere brugere",
    "The whole site or unit": "Hele stedet eller enheden",
    # R-PRIO-4 (seed 001)
    "Nothing else until work has started. The dispatcher calls the receiving team's dispatcher (or its team lead); "
    "team leads join the prioritisation.":
    "Ingen andre opgaver før løsning af denne sag er igangsat. Dispatcher kontakter den modtagende "
    "team-dispatcher (eller teamleder); teamledere inddrages i prioriteringen.",
    "The owner works on this ticket only. Dispatch at once; not dispatched further without the receiving agent "
    "accepting.":
    "Agenten, der har denne sag, arbejder kun på sagen. Sagen dispatches straks og må ikke dispatches videre "
    "uden at modtageragent har accepteret.",
    "Most of the day; start the same day.": "Størstedelen af arbejdstiden; opgaven startes samme dag.",
    "Best effort.": "Løses efter bedste evne.",
    "Can wait.": "Kan vente.",
}
