"""app.i18n: every enum member has a label, the catalogues hold the rulebook's own words."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from enum import StrEnum

import pytest

import app.domain.enums as enums_module
from app.domain.enums import ColleaguesAffected, PendingReason, Priority, Status, UserUrgency
from app.i18n import DUTIES, ENUM_LABELS, FORM_LABELS, LANGUAGES, da, get_language, label, nl, set_language, sv, t

ENUMS: list[type[StrEnum]] = [
    cls for _, cls in inspect.getmembers(enums_module, inspect.isclass)
    if issubclass(cls, StrEnum) and cls is not StrEnum and cls.__module__ == enums_module.__name__
]

# R-STATUS-3, English / Danish, verbatim from the rulebook (docs/rules.md).
PENDING_DA: dict[PendingReason, str] = {
    PendingReason.HR_ACCESS_DATE: "Afventer HR-adgangsdato",
    PendingReason.INTERNAL_SUPPLIER: "Afventer intern leverandør",
    PendingReason.APPROVAL: "Afventer godkendelse",
    PendingReason.FUTURE_DATE: "Afventer - fremtidig dato",
    PendingReason.USER_REPLY: "Afventer svar bruger",
    PendingReason.AGREED_APPOINTMENT: "Afventer - Aftalt",
    PendingReason.EXTERNAL_SUPPLIER: "Afventer ekstern leverandør",
    PendingReason.ITEM_ORDERED: "Afventer - vare bestilt",
    PendingReason.READY_FOR_INSTALLATION: "Klar til installation",
    PendingReason.READY_FOR_PICKUP: "Klar til afhentning",
    PendingReason.READY_FOR_TRANSPORT: "Klar til transport",
    PendingReason.DELIVERED_INVOICEABLE: "Udleveret - kan faktureres",
    PendingReason.CSI_APPROVAL: "Afventer - CSI godkendelse",
    PendingReason.CSI_IMPLEMENTATION: "Afventer - CSI implementering",
    PendingReason.CSI_TEST: "Afventer - CSI test",
    PendingReason.CSI_RELEASE: "Afventer - CSI release",
    PendingReason.CSI_PRIORITIZATION: "Afventer - CSI prioritering",
}

PENDING_EN: dict[PendingReason, str] = {
    PendingReason.HR_ACCESS_DATE: "Pending HR access date",
    PendingReason.INTERNAL_SUPPLIER: "Pending internal supplier",
    PendingReason.APPROVAL: "Pending approval",
    PendingReason.FUTURE_DATE: "Need is for a future date/time",
    PendingReason.USER_REPLY: "Pending user reply",
    PendingReason.AGREED_APPOINTMENT: "Pending - agreed appointment",
    PendingReason.EXTERNAL_SUPPLIER: "Pending external supplier",
    PendingReason.ITEM_ORDERED: "Awaiting - item ordered",
    PendingReason.READY_FOR_INSTALLATION: "Ready for installation",
    PendingReason.READY_FOR_PICKUP: "Ready for pick-up",
    PendingReason.READY_FOR_TRANSPORT: "Ready for transport",
    PendingReason.DELIVERED_INVOICEABLE: "Delivered - can be invoiced",
    PendingReason.CSI_APPROVAL: "Pending - CSI approval",
    PendingReason.CSI_IMPLEMENTATION: "Pending - CSI implementation",
    PendingReason.CSI_TEST: "Pending - CSI test",
    PendingReason.CSI_RELEASE: "Pending - CSI release",
    PendingReason.CSI_PRIORITIZATION: "Pending - CSI prioritization",
}

# Escalation form labels of the Swedish routine, source 000 a-h (docs/rules.md).
FORM_SV: dict[str, str] = {
    "b": "Ämne",
    "c": "Beskrivning",
    "d": "Felsökning som har gjorts",
    "e": "Berörd enhets serienummer",
    "f": "Upplever användarens kollegor samma problem?",
    "g": "Hur brådskande är det för användaren?",  # the seed's "Prio" names no question (issue 19)
    "h": "Bilagor",  # the seed's "Bifoga en fil" is an action, not the attachments (issue 19)
}


@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    yield
    set_language("en")


def test_the_enum_module_is_fully_seen() -> None:
    names = {cls.__name__ for cls in ENUMS}
    assert {"Kind", "Status", "PendingReason", "Impact", "Urgency", "Priority", "LineLevel", "Role",
            "EntryKind", "EscalationKind", "EscalationStatus", "ColleaguesAffected", "UserUrgency",
            "LinkKind"} <= names


@pytest.mark.parametrize("enum", ENUMS, ids=lambda cls: cls.__name__)
def test_every_enum_member_has_an_english_label_distinct_within_its_enum(enum: type[StrEnum]) -> None:
    for member in enum:
        assert (enum.__name__, member.value) in ENUM_LABELS, f"{enum.__name__}.{member.name} has no label"
    labels = [label(member) for member in enum]
    assert all(text.strip() for text in labels)
    assert len(set(labels)) == len(labels), labels


def test_enum_labels_table_holds_no_stale_entries() -> None:
    known = {(cls.__name__, member.value) for cls in ENUMS for member in cls}
    assert set(ENUM_LABELS) <= known


@pytest.mark.parametrize("language", ["da", "sv", "nl"])
@pytest.mark.parametrize("enum", ENUMS, ids=lambda cls: cls.__name__)
def test_every_enum_label_is_translated_and_distinct(language: str, enum: type[StrEnum]) -> None:
    catalog = {"da": da.CATALOG, "sv": sv.CATALOG, "nl": nl.CATALOG}[language]
    if enum is not Priority:  # P1..SR3 are codes, the same in every language
        missing = [ENUM_LABELS[(enum.__name__, m.value)] for m in enum
                   if ENUM_LABELS[(enum.__name__, m.value)] not in catalog]
        assert not missing, f"{language} lacks {missing}"
    set_language(language)
    labels = [label(member) for member in enum]
    assert len(set(labels)) == len(labels), labels


def test_english_labels_of_the_rulebook() -> None:
    assert [label(s) for s in Status] == ["New", "Assigned", "In Progress", "Pending", "Resolved", "Closed"]
    assert [label(p) for p in Priority] == ["P1", "P2", "P3", "P4", "P5", "SR1", "SR2", "SR3"]


def test_r_status_3_english_pending_reasons_verbatim() -> None:
    assert {reason: label(reason) for reason in PendingReason} == PENDING_EN


def test_r_status_3_danish_pending_reasons_verbatim() -> None:
    set_language("da")
    assert label(PendingReason.USER_REPLY) == "Afventer svar bruger"
    assert {reason: label(reason) for reason in PendingReason} == PENDING_DA


def test_r_status_3_swedish_pending_reasons_are_translated() -> None:
    set_language("sv")
    assert label(PendingReason.HR_ACCESS_DATE) == "Väntar på HR-behörighetsdatum"
    assert all(label(reason) != PENDING_EN[reason] for reason in PendingReason)


def test_swedish_form_labels_come_from_seed_000() -> None:
    set_language("sv")
    for letter, swedish in FORM_SV.items():
        assert t(FORM_LABELS[letter]) == swedish
    requester = t(FORM_LABELS["a"])
    # Proper Swedish for requester and requested-for, not the seed's "Förfrågare och Förfrågat åt".
    assert requester == "Beställare och den som ärendet gäller"
    assert t("Requester") == "Beställare" and t("Requested for") == "Ärendet gäller"


def test_form_labels_cover_a_to_h() -> None:
    assert list(FORM_LABELS) == list("abcdefgh")


@pytest.mark.parametrize("language", ["da", "sv", "nl"])
def test_form_labels_and_r_prio_4_duties_are_translated(language: str) -> None:
    catalog = {"da": da.CATALOG, "sv": sv.CATALOG, "nl": nl.CATALOG}[language]
    for english in [*FORM_LABELS.values(), *DUTIES.values()]:
        assert catalog.get(english, english) != english, f"{language} lacks {english!r}"


def test_r_prio_4_duties_by_work_rank() -> None:
    assert sorted(DUTIES) == [1, 2, 3, 4, 5]
    assert DUTIES[4] == "Best effort." and DUTIES[5] == "Can wait."
    set_language("da")
    assert t(DUTIES[5]) == "Kan vente."


def test_r_prio_4_symbolic_duty_keys_of_the_domain_resolve() -> None:
    from app.domain.priority import duty_key

    assert t(duty_key(Priority.P1)) == DUTIES[1]
    set_language("da")
    assert t(duty_key(Priority.P4)) == da.CATALOG[DUTIES[4]]


def test_form_answers_translate() -> None:
    set_language("da")
    assert label(ColleaguesAffected.ONLY_USER) == "Kun denne bruger"
    assert label(UserUrgency.STOPS_WORK) == "Stopper arbejdet"


def test_set_and_get_language() -> None:
    assert LANGUAGES == ("en", "da", "sv", "nl")
    for code in LANGUAGES:
        set_language(code)
        assert get_language() == code


def test_unknown_language_raises_naming_the_supported_ones() -> None:
    with pytest.raises(ValueError, match="en, da, sv"):
        set_language("de")
    assert get_language() == "en"


def test_t_formats_keyword_arguments() -> None:
    assert t("{shown} of {total} tickets", shown=3, total=10) == "3 of 10 tickets"


def test_t_formats_a_translation(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.i18n

    monkeypatch.setitem(app.i18n._CATALOGS["da"], "{n} tickets", "{n} sager")
    set_language("da")
    assert t("{n} tickets", n=4) == "4 sager"


def test_a_broken_translation_placeholder_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.i18n

    # The merged catalogue is the one t() reads (sv.CATALOG is only copied into it at import).
    monkeypatch.setitem(app.i18n._CATALOGS["sv"], "{n} tickets", "{antal} ärenden")
    set_language("sv")
    assert t("{n} tickets", n=4) == "4 tickets"


def test_missing_key_falls_back_to_english() -> None:
    set_language("da")
    assert t("A sentence nobody translated") == "A sentence nobody translated"
    assert t("Hello {name}", name="Anna") == "Hello Anna"


def test_without_kwargs_braces_are_left_alone() -> None:
    assert t("Use {code} in the subject") == "Use {code} in the subject"


def test_catalogues_hold_no_empty_translations() -> None:
    for catalog in (da.CATALOG, sv.CATALOG, nl.CATALOG):
        assert all(value.strip() for value in catalog.values())
