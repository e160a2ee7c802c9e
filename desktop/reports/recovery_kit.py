"""The recovery kit: one printable page that, with a new computer, brings the practice back.

It holds the recovery key, which opens the practice's data exactly as the passphrase
does: the page tells the reader so, in French and in English.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from desktop.reports.pdf import write_pdf


def kit_html(*, practice_name: str, remote_url: str, recovery_key: str, made_on: dt.date) -> str:
    groups = recovery_key.split("-")
    lines = [
        "&nbsp;&nbsp;".join(escape(g) for g in groups[i : i + 4]) for i in range(0, len(groups), 4)
    ]
    key_html = "<br/>".join(lines)
    url, name = escape(remote_url), escape(practice_name)
    restore = f"carnet restore --from {url} --recovery-key-file cle.txt"
    return f"""
<h1 style="font-size:20pt">Kit de récupération · Recovery kit</h1>
<p style="font-size:12pt"><b>{name}</b><br/>
Sauvegarde chiffrée · Encrypted backup: <tt>{url}</tt><br/>
Établi le · Made on: {made_on.isoformat()}</p>
<h2 style="font-size:14pt">Clé de récupération · Recovery key</h2>
<p style="font-family:'DejaVu Sans Mono',monospace; font-size:17pt; line-height:150%">
{key_html}</p>
<table width="100%" cellspacing="0" cellpadding="6"><tr>
<td width="50%" valign="top" style="font-size:10pt">
<b>En cas de perte, de vol ou de panne</b>
<ol>
<li>Installez Carnet sur un nouvel ordinateur.</li>
<li>Choisissez « Restaurer un cabinet » dans l'application, ou tapez&nbsp;:<br/>
<tt>{restore}</tt><br/>(cle.txt contient la clé ci-dessus).</li>
<li>Choisissez une nouvelle phrase secrète pour cet ordinateur.</li>
</ol>
Tout le cabinet est restauré et vérifié : dossiers, consultations, documents.<br/>
<b>Cette clé ouvre tous les dossiers médicaux du cabinet.</b> Rangez cette page sous
clé, hors du cabinet (coffre, notaire). Un nouveau kit annule celui-ci.
</td>
<td width="50%" valign="top" style="font-size:10pt">
<b>After loss, theft or a hardware failure</b>
<ol>
<li>Install Carnet on a new computer.</li>
<li>Choose "Restore a practice" in the app, or type:<br/>
<tt>{restore}</tt><br/>(cle.txt holds the key above).</li>
<li>Choose a new passphrase for that computer.</li>
</ol>
The whole practice comes back, verified: charts, consultations, documents.<br/>
<b>This key opens every medical record of the practice.</b> Keep this page locked
away, outside the practice (a safe, a notary). A new kit cancels this one.
</td></tr></table>
"""


def write_recovery_kit(
    path: Path,
    *,
    practice_name: str,
    remote_url: str,
    recovery_key: str,
    made_on: dt.date | None = None,
) -> None:
    html = kit_html(
        practice_name=practice_name,
        remote_url=remote_url,
        recovery_key=recovery_key,
        made_on=made_on or dt.date.today(),
    )
    write_pdf(html, path, title="Carnet recovery kit")
