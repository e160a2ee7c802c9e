"""Renewal, templates, and the lines the GP marks long-term becoming current treatments."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.practice import errors, prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.store import Practice

METFORMIN = RxLine("metformine 1000 mg, comprimé", "1 cp matin et soir", "3 mois", renewals=2,
                   ald=True, long_term=True)
AMOX = RxLine("amoxicilline 1 g, comprimé", "1 cp x 2/j", "6 jours")


def test_long_term_lines_become_current_treatments_once(rx_practice: Practice, adult: str):
    p = rx_practice
    rx = prescriptions.add(p, adult, [METFORMIN, AMOX])
    [treatment] = p.chart(adult).treatments
    assert (treatment.drug, treatment.dosage) == ("metformine 1000 mg, comprimé",
                                                        "1 cp matin et soir")
    assert treatment.started is not None and treatment.stopped is None
    renewed = prescriptions.renew(p, rx)
    assert renewed != rx
    assert len(p.chart(adult).treatments) == 1  # renewing does not list it twice
    items = p.chart(adult).prescriptions
    assert len(items) == 2
    assert all(prescriptions.lines_of(i.current) == [METFORMIN, AMOX] for i in items)


def test_a_renewal_checks_allergies_recorded_since(rx_practice: Practice, adult: str):
    p = rx_practice
    rx = prescriptions.add(p, adult, [AMOX])
    p.create_record("allergy", {"patient_id": adult, "substance": "Pénicillines"})
    with pytest.raises(errors.InvalidInputError, match="allergy 'Pénicillines'"):
        prescriptions.renew(p, rx)


def test_templates_are_named_replaced_and_leave_no_override_behind(
    rx_practice: Practice, adult: str
):
    p = rx_practice
    forced = dataclasses.replace(AMOX, allergy="Pénicilline", override_reason="tolérée")
    first = prescriptions.save_template(p, "Angine", [forced], "Revoir si fièvre à J3")
    [kept] = prescriptions.templates(p)
    assert kept.lines == (AMOX,) and kept.notes == "Revoir si fièvre à J3"  # no override kept
    again = prescriptions.save_template(p, "Angine", [AMOX, METFORMIN])
    assert first == again  # the same name replaces
    [template] = prescriptions.templates(p)
    assert template.lines == (AMOX, METFORMIN)
    prescriptions.save_template(p, "Zona", [RxLine("valaciclovir 500 mg", "2 cp x 3/j", "7 j")])
    assert [t.name for t in prescriptions.templates(p)] == ["Angine", "Zona"]
    prescriptions.delete_template(p, first)
    assert [t.name for t in prescriptions.templates(p)] == ["Zona"]
    with pytest.raises(errors.InvalidInputError, match="a name and at least one line"):
        prescriptions.save_template(p, " ", [AMOX])
