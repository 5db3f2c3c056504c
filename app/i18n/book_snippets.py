"""Phrase book of canned answers and macros (issue 19): English -> Danish, Swedish, Dutch."""

from __future__ import annotations

DA: dict[str, str] = {
    "{title} on {n} ticket(s)": "{title} på {n} sag(er)",
    "y apply · esc back": "y anvend · esc tilbage",
    "Macro for {n} ticket(s)": "Makro for {n} sag(er)",
    "Apply a macro": "Anvend en makro",
    "Apply": "Anvend",
    "Canned answers: type to narrow, enter inserts, esc leaves the text as typed":
        "Standardsvar: skriv for at indsnævre, enter indsætter, esc lader teksten stå som skrevet",
    "No snippet matches": "Intet standardsvar passer",
    "Internal note:": "Intern note:",
    "Message to {user}:": "Besked til {user}:",
    "Status: {status}": "Status: {status}",
    "already so": "allerede sådan",
    "refused: {reason} ({rule})": "afvist: {reason} ({rule})",
    "{title}: applied to {n} ticket(s)": "{title}: anvendt på {n} sag(er)",
    "{path}, line {line}: {reason}; left out": "{path}, linje {line}: {reason}; udeladt",
    "{path}: not a {suffix} file with a name of letters, digits, - and _; left out":
        "{path}: ikke en {suffix}-fil med et navn af bogstaver, cifre, - og _; udeladt",
    "not TOML: {error}": "ikke TOML: {error}",
    "unknown key {key} (a macro has title and [[action]])": "ukendt nøgle {key} (en makro har title og [[action]])",
    "the title must be words": "titlen skal være ord",
    "a macro needs at least one [[action]]": "en makro skal have mindst én [[action]]",
    "unknown action {do} (they are: {actions})": "ukendt handling {do} (de er: {actions})",
    "unknown key {key} for {do} (it has: {keys})": "ukendt nøgle {key} for {do} (den har: {keys})",
    "{do} needs a text": "{do} skal have en tekst",
    "unknown status {status} (they are: {known})": "ukendt status {status} (de er: {known})",
    "pending needs a pending_reason of R-STATUS-3 (they are: {known})":
        "pending skal have en pending_reason fra R-STATUS-3 (de er: {known})",
    "a pending_reason goes with pending only": "en pending_reason hører kun til pending",
    "resolved needs a solution (R-STATUS-4)": "resolved skal have en solution (R-STATUS-4)",
}

SV: dict[str, str] = {
    "{title} on {n} ticket(s)": "{title} på {n} ärende(n)",
    "y apply · esc back": "y tillämpa · esc tillbaka",
    "Macro for {n} ticket(s)": "Makro för {n} ärende(n)",
    "Apply a macro": "Tillämpa ett makro",
    "Apply": "Tillämpa",
    "Canned answers: type to narrow, enter inserts, esc leaves the text as typed":
        "Standardsvar: skriv för att begränsa, enter infogar, esc lämnar texten som den skrevs",
    "No snippet matches": "Inget standardsvar passar",
    "Internal note:": "Intern anteckning:",
    "Message to {user}:": "Meddelande till {user}:",
    "Status: {status}": "Status: {status}",
    "already so": "redan så",
    "refused: {reason} ({rule})": "nekad: {reason} ({rule})",
    "{title}: applied to {n} ticket(s)": "{title}: tillämpat på {n} ärende(n)",
    "{path}, line {line}: {reason}; left out": "{path}, rad {line}: {reason}; utelämnad",
    "{path}: not a {suffix} file with a name of letters, digits, - and _; left out":
        "{path}: inte en {suffix}-fil med ett namn av bokstäver, siffror, - och _; utelämnad",
    "not TOML: {error}": "inte TOML: {error}",
    "unknown key {key} (a macro has title and [[action]])": "okänd nyckel {key} (ett makro har title och [[action]])",
    "the title must be words": "titeln måste vara ord",
    "a macro needs at least one [[action]]": "ett makro behöver minst en [[action]]",
    "unknown action {do} (they are: {actions})": "okänd åtgärd {do} (de är: {actions})",
    "unknown key {key} for {do} (it has: {keys})": "okänd nyckel {key} för {do} (den har: {keys})",
    "{do} needs a text": "{do} behöver en text",
    "unknown status {status} (they are: {known})": "okänd status {status} (de är: {known})",
    "pending needs a pending_reason of R-STATUS-3 (they are: {known})":
        "pending behöver en pending_reason från R-STATUS-3 (de är: {known})",
    "a pending_reason goes with pending only": "en pending_reason hör bara till pending",
    "resolved needs a solution (R-STATUS-4)": "resolved behöver en solution (R-STATUS-4)",
}

NL: dict[str, str] = {
    "{title} on {n} ticket(s)": "{title} op {n} melding(en)",
    "y apply · esc back": "y toepassen · esc terug",
    "Macro for {n} ticket(s)": "Macro voor {n} melding(en)",
    "Apply a macro": "Een macro toepassen",
    "Apply": "Toepassen",
    "Canned answers: type to narrow, enter inserts, esc leaves the text as typed":
        "Standaardantwoorden: typ om te beperken, enter voegt in, esc laat de tekst zoals getypt",
    "No snippet matches": "Geen standaardantwoord past",
    "Internal note:": "Interne notitie:",
    "Message to {user}:": "Bericht aan {user}:",
    "Status: {status}": "Status: {status}",
    "already so": "al zo",
    "refused: {reason} ({rule})": "geweigerd: {reason} ({rule})",
    "{title}: applied to {n} ticket(s)": "{title}: toegepast op {n} melding(en)",
    "{path}, line {line}: {reason}; left out": "{path}, regel {line}: {reason}; weggelaten",
    "{path}: not a {suffix} file with a name of letters, digits, - and _; left out":
        "{path}: geen {suffix}-bestand met een naam van letters, cijfers, - en _; weggelaten",
    "not TOML: {error}": "geen TOML: {error}",
    "unknown key {key} (a macro has title and [[action]])":
        "onbekende sleutel {key} (een macro heeft title en [[action]])",
    "the title must be words": "de titel moet uit woorden bestaan",
    "a macro needs at least one [[action]]": "een macro heeft minstens één [[action]] nodig",
    "unknown action {do} (they are: {actions})": "onbekende actie {do} (dat zijn: {actions})",
    "unknown key {key} for {do} (it has: {keys})": "onbekende sleutel {key} voor {do} (die heeft: {keys})",
    "{do} needs a text": "{do} heeft een tekst nodig",
    "unknown status {status} (they are: {known})": "onbekende status {status} (dat zijn: {known})",
    "pending needs a pending_reason of R-STATUS-3 (they are: {known})":
        "pending heeft een pending_reason uit R-STATUS-3 nodig (dat zijn: {known})",
    "a pending_reason goes with pending only": "een pending_reason hoort alleen bij pending",
    "resolved needs a solution (R-STATUS-4)": "resolved heeft een solution nodig (R-STATUS-4)",
}
