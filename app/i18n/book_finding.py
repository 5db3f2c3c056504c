"""Phrase book of issue 19's finding things: the requester's earlier tickets, the duplicates' dialog and its
choices, "add this call to it" (app/finding.py, screens/duplicate_choice.py, screens/requester_tickets.py,
widgets/earlier_tickets.py)."""

from __future__ import annotations

DA: dict[str, str] = {
    "Likely duplicates of this ticket (R-TICKET-6):": "Sandsynlige dubletter af denne sag (R-TICKET-6):",
    "same requester, open": "samme anmoder, åben",
    "same requester, resolved recently": "samme anmoder, løst for nylig",
    "another requester, open": "en anden anmoder, åben",
    "o / enter = open it   a = add this call to it   s = save anyway   esc = back":
        "o / enter = åbn den   a = føj denne henvendelse til den   s = gem alligevel   esc = tilbage",
    "Open that ticket": "Åbn den sag",
    "Add this call to it": "Føj denne henvendelse til den",
    "Save anyway": "Gem alligevel",
    "Back to the form": "Tilbage til formularen",
    "This call was added to {code}; no new ticket was made":
        "Henvendelsen blev føjet til {code}; der blev ikke oprettet en ny sag",
    "{who} called again: {subject}": "{who} henvendte sig igen: {subject}",
    "Earlier tickets of this requester: {n}, newest first": "Anmoderens tidligere sager: {n}, nyeste først",
    "Requester's other tickets": "Anmoderens andre sager",
    "{who} has no other tickets": "{who} har ingen andre sager",
    "Other tickets of {who}: {n}, newest first": "Andre sager fra {who}: {n}, nyeste først",
}

SV: dict[str, str] = {
    "Likely duplicates of this ticket (R-TICKET-6):": "Troliga dubletter av detta ärende (R-TICKET-6):",
    "same requester, open": "samma beställare, öppet",
    "same requester, resolved recently": "samma beställare, nyligen löst",
    "another requester, open": "en annan beställare, öppet",
    "o / enter = open it   a = add this call to it   s = save anyway   esc = back":
        "o / enter = öppna det   a = lägg till detta samtal i det   s = spara ändå   esc = tillbaka",
    "Open that ticket": "Öppna det ärendet",
    "Add this call to it": "Lägg till detta samtal i det",
    "Save anyway": "Spara ändå",
    "Back to the form": "Tillbaka till formuläret",
    "This call was added to {code}; no new ticket was made":
        "Samtalet lades till i {code}; inget nytt ärende skapades",
    "{who} called again: {subject}": "{who} hörde av sig igen: {subject}",
    "Earlier tickets of this requester: {n}, newest first": "Beställarens tidigare ärenden: {n}, nyaste först",
    "Requester's other tickets": "Beställarens andra ärenden",
    "{who} has no other tickets": "{who} har inga andra ärenden",
    "Other tickets of {who}: {n}, newest first": "Andra ärenden från {who}: {n}, nyaste först",
}

NL: dict[str, str] = {
    "Likely duplicates of this ticket (R-TICKET-6):": "Waarschijnlijk dubbel met deze melding (R-TICKET-6):",
    "same requester, open": "zelfde aanvrager, open",
    "same requester, resolved recently": "zelfde aanvrager, onlangs opgelost",
    "another requester, open": "een andere aanvrager, open",
    "o / enter = open it   a = add this call to it   s = save anyway   esc = back":
        "o / enter = openen   a = dit gesprek eraan toevoegen   s = toch opslaan   esc = terug",
    "Open that ticket": "Die melding openen",
    "Add this call to it": "Dit gesprek eraan toevoegen",
    "Save anyway": "Toch opslaan",
    "Back to the form": "Terug naar het formulier",
    "This call was added to {code}; no new ticket was made":
        "Het gesprek is aan {code} toegevoegd; er is geen nieuwe melding gemaakt",
    "{who} called again: {subject}": "{who} belde opnieuw: {subject}",
    "Earlier tickets of this requester: {n}, newest first": "Eerdere meldingen van deze aanvrager: {n}, nieuwste eerst",
    "Requester's other tickets": "Andere meldingen van de aanvrager",
    "{who} has no other tickets": "{who} heeft geen andere meldingen",
    "Other tickets of {who}: {n}, newest first": "Andere meldingen van {who}: {n}, nieuwste eerst",
}
