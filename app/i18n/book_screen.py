"""The screen's own words (issue 19: one-line header, Helpline's `?`, the new-ticket form's priority)."""

from __future__ import annotations

DA: dict[str, str] = {
    '↓ {n} more below': '↓ {n} mere nedenfor',
    'Impact: who is affected (Company / Department / Individual)':
        'Påvirkning: hvem er ramt (Virksomhed / Afdeling / Individ)',
    'Urgency: how soon (High / Medium / Low)':
        'Hastegrad: hvor hurtigt (Høj / Middel / Lav)',
    'Need: Must have / Should have / Whenever possible':
        'Behov: Skal have / Bør have / Når det er muligt',
    'Pace: Expedite / Standard':
        'Tempo: Hurtigt / Standard',
    'Move': 'Flyt',
    'Work on the ticket': 'Arbejd med sagen',
    'Write': 'Skriv',
    'Views': 'Visninger',
    'App': 'Program',
    'Next field': 'Næste felt',
    'Previous field': 'Forrige felt',
    'Keys of this screen (esc or ? closes)': 'Tasterne i dette skærmbillede (esc eller ? lukker)',
    'Marks in the queue': 'Mærker i køen',
    'marked with space: u, a, p, d and A act on every marked row':
        'markeret med mellemrum: u, a, p, d og A virker på hver markeret række',
    'Update flag: the user asked for news and waits for an answer (R-FLAG-1); red when overdue':
        'Opdateringsflag: brugeren har spurgt til nyt og venter på svar (R-FLAG-1); rødt når det er forfaldent',
    'Attention raised (a), or a Pending ticket whose moment has come':
        'Opmærksomhed rejst (a), eller en afventende sag hvis tidspunkt er kommet',
    "new in my team's queue since I last looked there (view 3), drawn bold":
        'ny i mit teams kø siden jeg sidst kiggede der (visning 3), vist med fed',
    'back from second line with its solution, to be sent to the user (R-DISPATCH-4)':
        'tilbage fra anden linje med sin løsning, som skal sendes til brugeren (R-DISPATCH-4)',
    'the priority (R-PRIO-1/2); P1 on red, P2 in red, P3 and SR1 in yellow':
        'prioriteten (R-PRIO-1/2); P1 på rødt, P2 i rødt, P3 og SR1 i gult',
    'cut to the column; a row still loading': 'afkortet til kolonnen; en række der stadig indlæses',
    "Unassigned": "Ufordelte",
    "Overdue: mine {mine}, team {team}": "Forfaldne: mine {mine}, team {team}",
}

SV: dict[str, str] = {
    '↓ {n} more below': '↓ {n} till nedanför',
    'Impact: who is affected (Company / Department / Individual)':
        'Påverkan: vem som berörs (Företag / Avdelning / Individ)',
    'Urgency: how soon (High / Medium / Low)':
        'Brådska: hur snart (Hög / Medel / Låg)',
    'Need: Must have / Should have / Whenever possible':
        'Behov: Måste ha / Bör ha / När det är möjligt',
    'Pace: Expedite / Standard':
        'Takt: Skyndsamt / Standard',
    'Move': 'Flytta',
    'Work on the ticket': 'Arbeta med ärendet',
    'Write': 'Skriv',
    'Views': 'Vyer',
    'App': 'Program',
    'Next field': 'Nästa fält',
    'Previous field': 'Föregående fält',
    'Keys of this screen (esc or ? closes)': 'Tangenterna i den här vyn (esc eller ? stänger)',
    'Marks in the queue': 'Markeringar i kön',
    'marked with space: u, a, p, d and A act on every marked row':
        'markerad med mellanslag: u, a, p, d och A gäller varje markerad rad',
    'Update flag: the user asked for news and waits for an answer (R-FLAG-1); red when overdue':
        'Uppdateringsflagga: användaren har frågat efter nytt och väntar på svar (R-FLAG-1); röd när den är förfallen',
    'Attention raised (a), or a Pending ticket whose moment has come':
        'Uppmärksamhet satt (a), eller ett vilande ärende vars tidpunkt har kommit',
    "new in my team's queue since I last looked there (view 3), drawn bold":
        'ny i mitt teams kö sedan jag senast tittade där (vy 3), i fetstil',
    'back from second line with its solution, to be sent to the user (R-DISPATCH-4)':
        'tillbaka från andra linjen med sin lösning, som ska skickas till användaren (R-DISPATCH-4)',
    'the priority (R-PRIO-1/2); P1 on red, P2 in red, P3 and SR1 in yellow':
        'prioriteten (R-PRIO-1/2); P1 på rött, P2 i rött, P3 och SR1 i gult',
    'cut to the column; a row still loading': 'avkortad till kolumnen; en rad som fortfarande läses in',
    "Unassigned": "Ofördelade",
    "Overdue: mine {mine}, team {team}": "Förfallna: mina {mine}, team {team}",
}

NL: dict[str, str] = {
    '↓ {n} more below': '↓ nog {n} hieronder',
    'Impact: who is affected (Company / Department / Individual)':
        'Impact: wie is getroffen (Organisatie / Afdeling / Individu)',
    'Urgency: how soon (High / Medium / Low)':
        'Urgentie: hoe snel (Hoog / Middel / Laag)',
    'Need: Must have / Should have / Whenever possible':
        'Behoefte: Moet / Zou moeten / Wanneer mogelijk',
    'Pace: Expedite / Standard':
        'Tempo: Met spoed / Standaard',
    'Move': 'Bewegen',
    'Work on the ticket': 'Aan de melding werken',
    'Write': 'Schrijven',
    'Views': 'Weergaven',
    'App': 'Programma',
    'Next field': 'Volgend veld',
    'Previous field': 'Vorig veld',
    'Keys of this screen (esc or ? closes)': 'Toetsen van dit scherm (esc of ? sluit)',
    'Marks in the queue': 'Markeringen in de wachtrij',
    'marked with space: u, a, p, d and A act on every marked row':
        'gemarkeerd met spatie: u, a, p, d en A werken op elke gemarkeerde rij',
    'Update flag: the user asked for news and waits for an answer (R-FLAG-1); red when overdue':
        'Update-vlag: de gebruiker vroeg om nieuws en wacht op antwoord (R-FLAG-1); rood als die te laat is',
    'Attention raised (a), or a Pending ticket whose moment has come':
        'Aandacht gezet (a), of een wachtende melding waarvan het moment gekomen is',
    "new in my team's queue since I last looked there (view 3), drawn bold":
        'nieuw in de wachtrij van mijn team sinds ik er het laatst keek (weergave 3), vet',
    'back from second line with its solution, to be sent to the user (R-DISPATCH-4)':
        'terug van de tweede lijn met de oplossing, naar de gebruiker te sturen (R-DISPATCH-4)',
    'the priority (R-PRIO-1/2); P1 on red, P2 in red, P3 and SR1 in yellow':
        'de prioriteit (R-PRIO-1/2); P1 op rood, P2 in rood, P3 en SR1 in geel',
    'cut to the column; a row still loading': 'afgekort tot de kolom; een rij die nog laadt',
    "Unassigned": "Niet toegewezen",
    "Overdue: mine {mine}, team {team}": "Te laat: van mij {mine}, team {team}",
}
