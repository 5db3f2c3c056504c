"""Issue 19, attachments: the words of opening, saving and attaching files (app/downloads.py,
screens/journal_attachments.py, screens/folder_prompt.py, the streamed operation's refusals)."""

from __future__ import annotations

DA: dict[str, str] = {
    "not a file": "ikke en fil",
    "Attachments: open or save": "Vedhæftede filer: åbn eller gem",
    "Attachments of {code}": "Vedhæftede filer på {code}",
    "{code} has no attachments.": "{code} har ingen vedhæftede filer.",
    "{code} has no attachment {name}": "{code} har ingen vedhæftet fil {name}",
    "Open it": "Åbn den",
    "Save it to a folder": "Gem den i en mappe",
    "Save {name} in which folder?": "Gem {name} i hvilken mappe?",
    "enter saves in this folder (→ completes) · esc back": "enter gemmer i denne mappe (→ fuldfører) · esc tilbage",
    "{folder} is not a folder": "{folder} er ikke en mappe",
    "Saved {name} as {path}": "Gemte {name} som {path}",
    "Opened {name} (a private copy: {path})": "Åbnede {name} (en privat kopi: {path})",
    "No program to open files was found ({opener}): the file is saved at {path}":
        "Der blev ikke fundet noget program til at åbne filer ({opener}): filen er gemt i {path}",
    "{opener} could not be started ({reason}): the file is saved at {path}":
        "{opener} kunne ikke startes ({reason}): filen er gemt i {path}",
    "{opener} could not open it (exit {code}): the file is saved at {path}":
        "{opener} kunne ikke åbne den (kode {code}): filen er gemt i {path}",
    "{name} could not be saved in {folder}: {reason}": "{name} kunne ikke gemmes i {folder}: {reason}",
    "every numbered name of {name} is taken in {folder}": "alle nummererede navne for {name} er optaget i {folder}",
    "The file is {mb} MB; at most {limit} MB are fetched.": "Filen er {mb} MB; der hentes højst {limit} MB.",
    "The file is larger than {limit} MB: it was not fetched.": "Filen er større end {limit} MB: den blev ikke hentet.",
    "{name} ({size}): f opens or saves it": "{name} ({size}): f åbner eller gemmer den",
    "{name} is listed but not stored": "{name} er opført, men ikke gemt",
    "could not read {name}: {reason}": "kunne ikke læse {name}: {reason}",
    "the ticket lists an attachment named {name}, which is no file name of the store":
        "sagen opfører en vedhæftet fil med navnet {name}, som ikke er et filnavn i lageret",
}

SV: dict[str, str] = {
    "not a file": "inte en fil",
    "Attachments: open or save": "Bilagor: öppna eller spara",
    "Attachments of {code}": "Bilagor till {code}",
    "{code} has no attachments.": "{code} har inga bilagor.",
    "{code} has no attachment {name}": "{code} har ingen bilaga {name}",
    "Open it": "Öppna den",
    "Save it to a folder": "Spara den i en mapp",
    "Save {name} in which folder?": "Spara {name} i vilken mapp?",
    "enter saves in this folder (→ completes) · esc back": "enter sparar i den här mappen (→ fyller i) · esc tillbaka",
    "{folder} is not a folder": "{folder} är ingen mapp",
    "Saved {name} as {path}": "Sparade {name} som {path}",
    "Opened {name} (a private copy: {path})": "Öppnade {name} (en privat kopia: {path})",
    "No program to open files was found ({opener}): the file is saved at {path}":
        "Inget program för att öppna filer hittades ({opener}): filen är sparad i {path}",
    "{opener} could not be started ({reason}): the file is saved at {path}":
        "{opener} kunde inte startas ({reason}): filen är sparad i {path}",
    "{opener} could not open it (exit {code}): the file is saved at {path}":
        "{opener} kunde inte öppna den (kod {code}): filen är sparad i {path}",
    "{name} could not be saved in {folder}: {reason}": "{name} kunde inte sparas i {folder}: {reason}",
    "every numbered name of {name} is taken in {folder}": "alla numrerade namn för {name} är upptagna i {folder}",
    "The file is {mb} MB; at most {limit} MB are fetched.": "Filen är {mb} MB; högst {limit} MB hämtas.",
    "The file is larger than {limit} MB: it was not fetched.": "Filen är större än {limit} MB: den hämtades inte.",
    "{name} ({size}): f opens or saves it": "{name} ({size}): f öppnar eller sparar den",
    "{name} is listed but not stored": "{name} finns i listan men är inte sparad",
    "could not read {name}: {reason}": "kunde inte läsa {name}: {reason}",
    "the ticket lists an attachment named {name}, which is no file name of the store":
        "ärendet listar en bilaga med namnet {name}, som inte är något filnamn i lagret",
}

NL: dict[str, str] = {
    "not a file": "geen bestand",
    "Attachments: open or save": "Bijlagen: openen of opslaan",
    "Attachments of {code}": "Bijlagen bij {code}",
    "{code} has no attachments.": "{code} heeft geen bijlagen.",
    "{code} has no attachment {name}": "{code} heeft geen bijlage {name}",
    "Open it": "Openen",
    "Save it to a folder": "Opslaan in een map",
    "Save {name} in which folder?": "{name} opslaan in welke map?",
    "enter saves in this folder (→ completes) · esc back": "enter slaat op in deze map (→ vult aan) · esc terug",
    "{folder} is not a folder": "{folder} is geen map",
    "Saved {name} as {path}": "{name} opgeslagen als {path}",
    "Opened {name} (a private copy: {path})": "{name} geopend (een eigen kopie: {path})",
    "No program to open files was found ({opener}): the file is saved at {path}":
        "Er is geen programma gevonden om bestanden te openen ({opener}): het bestand staat in {path}",
    "{opener} could not be started ({reason}): the file is saved at {path}":
        "{opener} kon niet worden gestart ({reason}): het bestand staat in {path}",
    "{opener} could not open it (exit {code}): the file is saved at {path}":
        "{opener} kon het niet openen (code {code}): het bestand staat in {path}",
    "{name} could not be saved in {folder}: {reason}": "{name} kon niet worden opgeslagen in {folder}: {reason}",
    "every numbered name of {name} is taken in {folder}": "elke genummerde naam van {name} is al bezet in {folder}",
    "The file is {mb} MB; at most {limit} MB are fetched.": "Het bestand is {mb} MB; er wordt hoogstens {limit} MB "
        "opgehaald.",
    "The file is larger than {limit} MB: it was not fetched.": "Het bestand is groter dan {limit} MB: het is niet "
        "opgehaald.",
    "{name} ({size}): f opens or saves it": "{name} ({size}): f opent het of slaat het op",
    "{name} is listed but not stored": "{name} staat in de lijst maar is niet opgeslagen",
    "could not read {name}: {reason}": "kon {name} niet lezen: {reason}",
    "the ticket lists an attachment named {name}, which is no file name of the store":
        "het ticket noemt een bijlage {name}, wat geen bestandsnaam van de opslag is",
}
