"""Practice details, practitioner profiles, templates and prescriptions sync: a second
computer of the practice prints the same ordonnance."""

from __future__ import annotations

from pathlib import Path

from desktop.practice import practitioners, prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from desktop.reports.prescription import ordonnance_html
from tests.helpers.practice import PASSPHRASE


def test_the_paper_details_reach_the_other_computer(tmp_path: Path):
    remote = tmp_path / "remote"
    remote.mkdir()
    with Practice.create(tmp_path / "office", practice_name="Cabinet", username="dr",
                         passphrase=PASSPHRASE) as office:
        set_remote(office, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        practitioners.set_practice_details(office, {"phone": "04 00 00 00 01", "city": "Lyon"})
        assert office.user_id is not None
        practitioners.set_profile(office, office.user_id, {
            "given_names": "Jeanne", "family_name": "Martin", "rpps": "10101234567"})
        prescriptions.save_template(office, "Angine", [RxLine("amoxicilline 1 g", "1 cp x 2/j",
                                                              "6 jours")])
        pid = office.create_record("patient", {"family_name": "Roy", "sex": "M",
                                               "birth_date": "1980-01-01"})
        rx = prescriptions.add(office, pid, [RxLine("paracétamol 1 g", "1 cp x 3/j", "5 j")])
        SyncService(office).sync()
        with join(tmp_path / "laptop", remote.as_uri(), passphrase=PASSPHRASE,
                  local_passphrase=PASSPHRASE) as laptop:
            assert practitioners.practice_details(laptop).phone == "04 00 00 00 01"
            [profile] = practitioners.practitioners(laptop)
            assert profile.full_name == "Dr Jeanne MARTIN" and profile.rpps == "10101234567"
            assert [t.name for t in prescriptions.templates(laptop)] == ["Angine"]
            html_there = ordonnance_html(prescriptions.ordonnance(laptop, rx))
            assert html_there == ordonnance_html(prescriptions.ordonnance(office, rx))
