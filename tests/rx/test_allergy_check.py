"""Prescribing against a recorded allergy warns, by substance and by class; an override
needs a reason, and the reason is kept in the prescription."""

from __future__ import annotations

import pytest

from desktop.practice import errors, prescriptions
from desktop.practice.allergies import default_table
from desktop.practice.prescriptions import RxLine, hits_for
from desktop.practice.store import Practice

AMOX = RxLine("amoxicilline 1 g, comprimé", dosage="1 cp x 2/j", duration="7 jours",
              dci="amoxicilline", substances=("amoxicilline",))
IBU = RxLine("ibuprofène 400 mg, comprimé", dosage="1 cp x 3/j", duration="3 jours",
             dci="ibuprofène", substances=("ibuprofène",))
PARA = RxLine("paracétamol 1 g, comprimé", dosage="1 cp x 3/j", duration="5 jours")


@pytest.mark.parametrize(
    ("allergy", "line", "why"),
    [
        ("Pénicilline", AMOX, "penicillins"),
        ("allergie aux pénicillines (urticaire)", AMOX, "penicillins"),
        ("bêta-lactamines", AMOX, "penicillins"),
        ("AINS", IBU, "nsaids"),
        ("Aspirine", IBU, "nsaids"),  # the same class: cross-intolerance
        ("kétoprofène", IBU, "nsaids"),
        ("Amoxicilline", AMOX, "amoxicilline"),  # the substance itself
        ("amoxicilline", RxLine("Clamoxyl 1 g"), None),  # a brand typed freely: unknown
        ("Amoxicilline", RxLine("amoxicilline 500 mg"), "amoxicilline 500 mg"),  # typed DCI
        ("Pénicilline", RxLine("X", substances=("mystère",), atc="J01CA04"), "penicillins"),
        ("Céphalosporines", RxLine("ceftriaxone 1 g", substances=("ceftriaxone",)),
         "cephalosporins"),
        ("sulfamides", RxLine("cotrimoxazole", substances=("sulfaméthoxazole", "triméthoprime")),
         "sulfonamides"),
        ("macrolides", RxLine("azithromycine", substances=("azithromycine",)), "macrolides"),
        ("Fluoroquinolones", RxLine("lévofloxacine", substances=("lévofloxacine",)),
         "quinolones"),
        ("iode", RxLine("iohexol", substances=("iohexol",)), "iodinated_contrast"),
        ("AINS", PARA, None),
        ("Pénicilline", IBU, None),
        ("Pollens", AMOX, None),
        ("", AMOX, None),
    ],
)
def test_matches(allergy: str, line: RxLine, why: str | None):
    hits = hits_for([allergy], [line])
    assert [h.why for h in hits] == ([why] if why else [])


def test_every_class_has_substances_names_and_both_labels():
    table = default_table()
    for key in ("penicillins", "cephalosporins", "nsaids", "sulfonamides", "macrolides",
                "quinolones", "iodinated_contrast"):
        c = table.classes[key]
        assert c.substances and c.names and c.label_fr and c.label_en and c.atc
    assert table.label("nsaids", "en").startswith("NSAIDs")
    assert table.label("pénicillines") == "pénicillines"


def test_saving_against_an_allergy_needs_a_reason_which_is_kept(
    rx_practice: Practice, adult: str
):
    p = rx_practice
    p.create_record("allergy", {"patient_id": adult, "substance": "Pénicilline",
                                "reaction": "urticaire"})
    with pytest.raises(errors.InvalidInputError, match="allergy 'Pénicilline'"):
        prescriptions.add(p, adult, [PARA, AMOX])
    assert p.chart(adult).prescriptions == ()
    forced = RxLine.from_dict({**AMOX.to_dict(), "allergy": "Pénicilline",
                               "override_reason": "test de provocation négatif en 2024"})
    rx = prescriptions.add(p, adult, [PARA, forced])
    [item] = p.chart(adult).prescriptions
    assert item.id == rx
    stored = item.current.lines[1]
    assert stored["allergy"] == "Pénicilline"
    assert stored["override_reason"] == "test de provocation négatif en 2024"
    with pytest.raises(errors.InvalidInputError, match="needs a reason"):
        RxLine.from_dict({**AMOX.to_dict(), "allergy": "Pénicilline", "override_reason": " "})


def test_a_deleted_allergy_no_longer_warns(rx_practice: Practice, adult: str):
    allergy = rx_practice.create_record("allergy", {"patient_id": adult, "substance": "AINS"})
    assert prescriptions.check_allergies(rx_practice, adult, [IBU])
    rx_practice.delete_record("allergy", allergy)
    assert prescriptions.check_allergies(rx_practice, adult, [IBU]) == []
