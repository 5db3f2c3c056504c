"""One translation function; Danish and Swedish for the domain vocabulary (R-STATUS-3, seed 000)."""

from __future__ import annotations

import pytest

from app.domain import enums
from app.domain.enums import PendingReason, Status
from app.i18n import FORM_LABELS, label, set_language, t

ENUMS = [enums.Kind, enums.Status, enums.PendingReason, enums.Impact, enums.Urgency, enums.Priority,
         enums.LineLevel, enums.Role, enums.EntryKind, enums.EscalationKind, enums.EscalationStatus,
         enums.ColleaguesAffected, enums.UserUrgency, enums.LinkKind]

DANISH_PENDING = {
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


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_distinct_english_label(enum: type) -> None:
    labels = [label(member) for member in enum]
    assert all(labels) and len(set(labels)) == len(labels)


def test_danish_pending_reasons_as_in_the_source_R_STATUS_3() -> None:
    set_language("da")
    assert {reason: label(reason) for reason in PendingReason} == DANISH_PENDING
    assert label(Status.IN_PROGRESS) == "I gang"


@pytest.mark.parametrize("language", ["da", "sv"])
def test_domain_vocabulary_is_translated(language: str) -> None:
    set_language(language)
    for enum in (enums.Status, enums.PendingReason, enums.Impact, enums.Urgency, enums.Kind, enums.EntryKind):
        for member in enum:
            set_language("en")
            english = label(member)
            set_language(language)
            assert label(member) != english or english in {"Standard", "Incident"}, member
    assert all(t(text) != text for text in FORM_LABELS.values())


def test_swedish_form_labels_follow_seed_000() -> None:
    set_language("sv")
    assert t(FORM_LABELS["d"]) == "Felsökning som har gjorts"
    assert t(FORM_LABELS["e"]) == "Berörd enhets serienummer"


def test_formatting_fallback_and_unknown_language() -> None:
    set_language("da")
    assert t("{n} tickets nobody translated", n=3) == "3 tickets nobody translated"
    with pytest.raises(ValueError, match="en, da, sv"):
        set_language("fi")
