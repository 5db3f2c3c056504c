"""System events in the reader's language (issue 19; app/domain/events.py)."""

from __future__ import annotations

DA: dict[str, str] = {
    "Registered by {actor} in {team}": "Registreret af {actor} i {team}",
    "Registered from a mail by {sender} in {team}": "Registreret fra en mail af {sender} i {team}",
    "Split from {parent} by {actor} in {team}": "Udskilt fra {parent} af {actor} i {team}",
    "Status: {old} → {new}, by {actor}": "Status: {old} → {new}, af {actor}",
    "Status: {old} → {new} ({reason}), by {actor}": "Status: {old} → {new} ({reason}), af {actor}",
    "Status: {old} → {new} ({reason}, until {moment}), by {actor}":
        "Status: {old} → {new} ({reason}, indtil {moment}), af {actor}",
    "Closed automatically 30 days after it was resolved, by the desk's housekeeping":
        "Lukket automatisk 30 dage efter løsningen, af desk'ens oprydning",
    "Taken by {actor}": "Taget af {actor}",
    "P2 accepted by {actor}": "P2 accepteret af {actor}",
    "Assigned to {agent} by {actor}": "Tildelt {agent} af {actor}",
    "Dispatched to {team} by {actor}": "Sendt videre til {team} af {actor}",
    "Returned to {team} by {actor}, solved (R-DISPATCH-4)": "Returneret til {team} af {actor}, løst (R-DISPATCH-4)",
    "Handed to {agent} in {team} by {actor}, as agreed beforehand with {agent}":
        "Overdraget til {agent} i {team} af {actor}, som aftalt på forhånd med {agent}",
    "answered the user": "svarede brugeren",
    "reopened": "genåbnet",
    "the user wrote": "brugeren skrev",
    "Update flag raised by {actor}": "Opdateringsflag sat af {actor}",
    "Update flag raised by {actor}: {reason}": "Opdateringsflag sat af {actor}: {reason}",
    "Update flag cleared by {actor} ({reason})": "Opdateringsflag fjernet af {actor} ({reason})",
    "Update flag cleared by {actor} without an answer to the user":
        "Opdateringsflag fjernet af {actor} uden svar til brugeren",
    "Update flag cleared by {actor}": "Opdateringsflag fjernet af {actor}",
    "Attention flag set by {actor}": "Opmærksomhedsflag sat af {actor}",
    "Attention flag cleared by {actor}": "Opmærksomhedsflag fjernet af {actor}",
    "Entry {id} pinned by {actor}": "Indlæg {id} fastgjort af {actor}",
    "Entry {id} unpinned by {actor}": "Indlæg {id} frigjort af {actor}",
    '{kind} escalation {number} raised by {actor}':
        '{kind} eskalering {number} oprettet af {actor}',
    '{kind} escalation {number} raised by {actor}, drawing in {handler}':
        '{kind} eskalering {number} oprettet af {actor}, med {handler} inddraget',
    'handler {handler}':
        'behandler {handler}',
    'Escalation {number}: {status}, by {actor}':
        'Eskalering {number}: {status}, af {actor}',
    'its ticket is resolved':
        'dens sag er løst',
    'its ticket returned to {team}':
        'dens sag er returneret til {team}',
    'One problem, stated by {actor} (R-TICKET-4)':
        'Ét problem, erklæret af {actor} (R-TICKET-4)',
    'Split by {actor}: this ticket keeps its first problem, {problem}':
        'Opdelt af {actor}: denne sag beholder sit første problem, {problem}',
    'Split: {child} made from this ticket by {actor}':
        'Opdelt: {child} oprettet fra denne sag af {actor}',
    'A mail from the user opened {code}, which follows this one up':
        'En mail fra brugeren åbnede {code}, som følger op på denne',
    'Status: {old} → {new} (in RT, by {who})':
        'Status: {old} → {new} (i RT, af {who})',
}

SV: dict[str, str] = {
    "Registered by {actor} in {team}": "Registrerat av {actor} i {team}",
    "Registered from a mail by {sender} in {team}": "Registrerat från ett mejl av {sender} i {team}",
    "Split from {parent} by {actor} in {team}": "Avdelat från {parent} av {actor} i {team}",
    "Status: {old} → {new}, by {actor}": "Status: {old} → {new}, av {actor}",
    "Status: {old} → {new} ({reason}), by {actor}": "Status: {old} → {new} ({reason}), av {actor}",
    "Status: {old} → {new} ({reason}, until {moment}), by {actor}":
        "Status: {old} → {new} ({reason}, till {moment}), av {actor}",
    "Closed automatically 30 days after it was resolved, by the desk's housekeeping":
        "Stängt automatiskt 30 dagar efter att det löstes, av deskens städning",
    "Taken by {actor}": "Tagen av {actor}",
    "P2 accepted by {actor}": "P2 accepterad av {actor}",
    "Assigned to {agent} by {actor}": "Tilldelad {agent} av {actor}",
    "Dispatched to {team} by {actor}": "Skickad till {team} av {actor}",
    "Returned to {team} by {actor}, solved (R-DISPATCH-4)": "Återlämnad till {team} av {actor}, löst (R-DISPATCH-4)",
    "Handed to {agent} in {team} by {actor}, as agreed beforehand with {agent}":
        "Överlämnad till {agent} i {team} av {actor}, enligt överenskommelse i förväg med {agent}",
    "answered the user": "svarade användaren",
    "reopened": "återöppnad",
    "the user wrote": "användaren skrev",
    "Update flag raised by {actor}": "Uppdateringsflagga satt av {actor}",
    "Update flag raised by {actor}: {reason}": "Uppdateringsflagga satt av {actor}: {reason}",
    "Update flag cleared by {actor} ({reason})": "Uppdateringsflagga borttagen av {actor} ({reason})",
    "Update flag cleared by {actor} without an answer to the user":
        "Uppdateringsflagga borttagen av {actor} utan svar till användaren",
    "Update flag cleared by {actor}": "Uppdateringsflagga borttagen av {actor}",
    "Attention flag set by {actor}": "Uppmärksamhetsflagga satt av {actor}",
    "Attention flag cleared by {actor}": "Uppmärksamhetsflagga borttagen av {actor}",
    "Entry {id} pinned by {actor}": "Post {id} fäst av {actor}",
    "Entry {id} unpinned by {actor}": "Post {id} lossad av {actor}",
    '{kind} escalation {number} raised by {actor}':
        '{kind} eskalering {number} skapad av {actor}',
    '{kind} escalation {number} raised by {actor}, drawing in {handler}':
        '{kind} eskalering {number} skapad av {actor}, med {handler} inblandad',
    'handler {handler}':
        'handläggare {handler}',
    'Escalation {number}: {status}, by {actor}':
        'Eskalering {number}: {status}, av {actor}',
    'its ticket is resolved':
        'dess ärende är löst',
    'its ticket returned to {team}':
        'dess ärende återlämnat till {team}',
    'One problem, stated by {actor} (R-TICKET-4)':
        'Ett problem, intygat av {actor} (R-TICKET-4)',
    'Split by {actor}: this ticket keeps its first problem, {problem}':
        'Delat av {actor}: detta ärende behåller sitt första problem, {problem}',
    'Split: {child} made from this ticket by {actor}':
        'Delat: {child} skapat från detta ärende av {actor}',
    'A mail from the user opened {code}, which follows this one up':
        'Ett mejl från användaren öppnade {code}, som följer upp detta',
    'Status: {old} → {new} (in RT, by {who})':
        'Status: {old} → {new} (i RT, av {who})',
}

NL: dict[str, str] = {
    "Registered by {actor} in {team}": "Geregistreerd door {actor} in {team}",
    "Registered from a mail by {sender} in {team}": "Geregistreerd uit een mail van {sender} in {team}",
    "Split from {parent} by {actor} in {team}": "Afgesplitst van {parent} door {actor} in {team}",
    "Status: {old} → {new}, by {actor}": "Status: {old} → {new}, door {actor}",
    "Status: {old} → {new} ({reason}), by {actor}": "Status: {old} → {new} ({reason}), door {actor}",
    "Status: {old} → {new} ({reason}, until {moment}), by {actor}":
        "Status: {old} → {new} ({reason}, tot {moment}), door {actor}",
    "Closed automatically 30 days after it was resolved, by the desk's housekeeping":
        "Automatisch gesloten 30 dagen na het oplossen, door het onderhoud van de servicedesk",
    "Taken by {actor}": "Opgepakt door {actor}",
    "P2 accepted by {actor}": "P2 geaccepteerd door {actor}",
    "Assigned to {agent} by {actor}": "Toegewezen aan {agent} door {actor}",
    "Dispatched to {team} by {actor}": "Doorgezet naar {team} door {actor}",
    "Returned to {team} by {actor}, solved (R-DISPATCH-4)":
        "Teruggestuurd naar {team} door {actor}, opgelost (R-DISPATCH-4)",
    "Handed to {agent} in {team} by {actor}, as agreed beforehand with {agent}":
        "Overgedragen aan {agent} in {team} door {actor}, zoals vooraf afgesproken met {agent}",
    "answered the user": "de gebruiker beantwoord",
    "reopened": "heropend",
    "the user wrote": "de gebruiker schreef",
    "Update flag raised by {actor}": "Updatevlag gezet door {actor}",
    "Update flag raised by {actor}: {reason}": "Updatevlag gezet door {actor}: {reason}",
    "Update flag cleared by {actor} ({reason})": "Updatevlag weggehaald door {actor} ({reason})",
    "Update flag cleared by {actor} without an answer to the user":
        "Updatevlag weggehaald door {actor} zonder antwoord aan de gebruiker",
    "Update flag cleared by {actor}": "Updatevlag weggehaald door {actor}",
    "Attention flag set by {actor}": "Aandachtsvlag gezet door {actor}",
    "Attention flag cleared by {actor}": "Aandachtsvlag weggehaald door {actor}",
    "Entry {id} pinned by {actor}": "Item {id} vastgezet door {actor}",
    "Entry {id} unpinned by {actor}": "Item {id} losgemaakt door {actor}",
    '{kind} escalation {number} raised by {actor}':
        '{kind} escalatie {number} aangemaakt door {actor}',
    '{kind} escalation {number} raised by {actor}, drawing in {handler}':
        '{kind} escalatie {number} aangemaakt door {actor}, met {handler} erbij betrokken',
    'handler {handler}':
        'behandelaar {handler}',
    'Escalation {number}: {status}, by {actor}':
        'Escalatie {number}: {status}, door {actor}',
    'its ticket is resolved':
        'het ticket is opgelost',
    'its ticket returned to {team}':
        'het ticket is teruggestuurd naar {team}',
    'One problem, stated by {actor} (R-TICKET-4)':
        'Eén probleem, verklaard door {actor} (R-TICKET-4)',
    'Split by {actor}: this ticket keeps its first problem, {problem}':
        'Gesplitst door {actor}: dit ticket houdt zijn eerste probleem, {problem}',
    'Split: {child} made from this ticket by {actor}':
        'Gesplitst: {child} gemaakt van dit ticket door {actor}',
    'A mail from the user opened {code}, which follows this one up':
        'Een mail van de gebruiker opende {code}, dat hierop volgt',
    'Status: {old} → {new} (in RT, by {who})':
        'Status: {old} → {new} (in RT, door {who})',
}
