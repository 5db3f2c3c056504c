"""Swedish catalogue: English text -> Swedish. Escalation form labels verbatim from source 000 (docs/rules.md)."""

from __future__ import annotations

CATALOG: dict[str, str] = {
    # Kinds (R-TICKET-1)
    "Incident": "Incident",
    "Service request": "Tjänstebegäran",
    # Statuses (R-STATUS-1)
    "New": "Ny",
    "Assigned": "Tilldelad",
    "In Progress": "Pågår",
    "Pending": "Väntar",
    "Resolved": "Löst",
    "Closed": "Stängd",
    # Pending reasons (R-STATUS-3), as the end user sees them
    "Pending HR access date": "Väntar på HR-behörighetsdatum",
    "Pending internal supplier": "Väntar på intern leverantör",
    "Pending approval": "Väntar på godkännande",
    "Need is for a future date/time": "Väntar - framtida datum",
    "Pending user reply": "Väntar på svar från användaren",
    "Pending - agreed appointment": "Väntar - avtalad tid",
    "Pending external supplier": "Väntar på extern leverantör",
    "Awaiting - item ordered": "Väntar - vara beställd",
    "Ready for installation": "Klar för installation",
    "Ready for pick-up": "Klar för upphämtning",
    "Ready for transport": "Klar för transport",
    "Delivered - can be invoiced": "Utlämnad - kan faktureras",
    "Pending - CSI approval": "Väntar - CSI-godkännande",
    "Pending - CSI implementation": "Väntar - CSI-implementering",
    "Pending - CSI test": "Väntar - CSI-test",
    "Pending - CSI release": "Väntar - CSI-release",
    "Pending - CSI prioritization": "Väntar - CSI-prioritering",
    # Impacts (R-PRIO-1, R-PRIO-2)
    "Company": "Verksamhet",
    "Department": "Avdelning",
    "Individual": "Enskild person",
    "Must have": "Måste ha",
    "Should have": "Bör ha",
    "Whenever possible": "När det är möjligt",
    # Urgencies
    "High": "Hög",
    "Medium": "Medel",
    "Low": "Låg",
    "Expedite": "Brådskande",
    "Standard": "Standard",
    # Line levels (R-TEAM-1)
    "First line": "Första linjen",
    "Second line": "Andra linjen",
    "Third line": "Tredje linjen",
    "Supplier": "Leverantör",
    # Roles (R-ROLE-1)
    "First-line agent": "Agent i första linjen",
    "Second-line agent": "Agent i andra linjen",
    "Third-line agent": "Agent i tredje linjen",
    "Dispatcher": "Dispatcher",
    "Team lead": "Teamledare",
    "Purchaser": "Inköpare",
    "Process manager": "Processledare",
    "Process owner": "Processägare",
    # Journal entry kinds (R-JOURNAL-1)
    "Internal note": "Intern anteckning",
    "Message to user": "Meddelande till användaren",
    "Message from user": "Meddelande från användaren",
    "Supplier message": "Leverantörsmeddelande",
    "System event": "Systemhändelse",
    # Who typed in words written on someone's behalf (R-JOURNAL-6)
    "recorded by {agent}": "registrerat av {agent}",
    # Escalation kinds (R-ESC-3, R-ESC-4, R-ADVICE-1, R-LINK-1)
    "Functional": "Funktionell",
    "Hierarchical": "Hierarkisk",
    "Advisory": "Rådgivande",
    "Complaint": "Klagomål",
    "Service report": "Servicerapport",
    "Action": "Åtgärd",
    # Escalation statuses (R-LINK-1); "Öppen" as in source 003 (docs/rules.md)
    "Open": "Öppen",
    "Answered": "Besvarad",
    "Withdrawn": "Återkallad",
    "Bounced": "Returnerad",
    "Done": "Klar",
    # Letters (R-MAIL-1)
    "The requester": "Beställaren",
    "The requested-for person": "Den som ärendet gäller",
    "Both": "Båda",
    "Queued": "Köad",
    "Deferred": "Uppskjuten",
    "Sent": "Skickad",
    "Failed": "Misslyckades",
    "Not sent": "Ej skickad",
    # Form field f / g answers
    "Only this user": "Bara den här användaren",
    "Several users": "Flera användare",
    "The whole site": "Hela arbetsplatsen",
    "Can wait": "Kan vänta",
    "Hinders work": "Hindrar arbetet",
    "Stops work": "Stoppar arbetet",
    "Notes missing or too thin": "Anteckningar saknas eller är för tunna",
    "An existing routine answers it": "En befintlig rutin besvarar det",
    "Second line is open: dispatch instead": "Andra linjen har öppet: skicka dit i stället",
    # Ticket links (R-TICKET-4, R-STATUS-6)
    "Split from": "Utbruten från",
    "Split into": "Uppdelad i",
    "Follows up": "Följer upp",
    "Followed up by": "Följs upp av",
    "Duplicate of": "Dubblett av",
    "Depends on": "Beror på",
    "Depended on by": "Andra beror på den",
    "Refers to": "Hänvisar till",
    "Referred to by": "Hänvisad till av",
    "Member of": "Del av",
    "Has member": "Har som del",
    "Merged from": "Sammanslagen från",
    # Escalation form a-h: the Swedish routine's labels (source 000), b-f verbatim; a, g and h in proper
    # Swedish (issue 19): the seed's "Förfrågare/Förfrågat åt", "Prio" and "Bifoga en fil" misname them
    "Requester": "Beställare",
    "Requested for": "Ärendet gäller",
    "Requester and requested-for": "Beställare och den som ärendet gäller",
    "Subject": "Ämne",
    "Description": "Beskrivning",
    "Troubleshooting already done": "Felsökning som har gjorts",
    "Serial number of the affected device": "Berörd enhets serienummer",
    "Do colleagues have the same problem?": "Upplever användarens kollegor samma problem?",
    "How urgent is it for the user?": "Hur brådskande är det för användaren?",
    "Attachments": "Bilagor",
    # Duties by priority (R-PRIO-4)
    "Nothing else until work has started. The dispatcher calls the receiving team's dispatcher "
    "(or its team lead); team leads join the prioritisation.":
        "Inget annat förrän arbetet har påbörjats. Dispatchern ringer det mottagande teamets "
        "dispatcher (eller dess teamledare); teamledarna deltar i prioriteringen.",
    "The owner works on this ticket only. Dispatch at once; not dispatched further without "
    "the receiving agent accepting.":
        "Ägaren arbetar bara med det här ärendet. Skickas vidare direkt; skickas inte vidare igen "
        "utan att den mottagande agenten har accepterat.",
    "Most of the day; start the same day.": "Större delen av dagen; påbörjas samma dag.",
    "Best effort.": "Efter bästa förmåga.",
    "Can wait.": "Kan vänta.",
}
