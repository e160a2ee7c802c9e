<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccessLog</name>
    <message>
        <location filename="../../desktop/app/access_log.py" line="40"/>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="41"/>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="42"/>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="43"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="44"/>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="45"/>
        <source>Access log exported</source>
        <translation>Journal d&apos;accès exporté</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="46"/>
        <source>Exported (FHIR)</source>
        <translation>Exporté (FHIR)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="47"/>
        <source>Exported (SQLite)</source>
        <translation>Exporté (SQLite)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="48"/>
        <source>Exported (PDF)</source>
        <translation>Exporté (PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="54"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="55"/>
        <location filename="../../desktop/app/access_log.py" line="56"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="57"/>
        <location filename="../../desktop/app/access_log.py" line="58"/>
        <source>Prescription</source>
        <translation>Ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="59"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="60"/>
        <source>Problem</source>
        <translation>Antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="61"/>
        <source>Allergy</source>
        <translation>Allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="62"/>
        <source>Treatment</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="63"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="77"/>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="78"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="79"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="80"/>
        <source>Record</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="81"/>
        <location filename="../../desktop/app/access_log.py" line="95"/>
        <source>Computer</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="92"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="93"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="94"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="98"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="111"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <location filename="../../desktop/app/access_log.py" line="225"/>
        <source>Access log</source>
        <translation>Journal d&apos;accès</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="227"/>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="230"/>
        <source>All patients</source>
        <translation>Tous les patients</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="242"/>
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="243"/>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="244"/>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="255"/>
        <source>P&amp;atient:</source>
        <translation>P&amp;atient :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="258"/>
        <source>Access log entries</source>
        <translation>Entrées du journal d&apos;accès</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="279"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="304"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="321"/>
        <source>{0} entries</source>
        <translation>{0} entrées</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../desktop/app/users.py" line="59"/>
        <source>Add a user</source>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="71"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="72"/>
        <source>Name shown</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="73"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="74"/>
        <source>Locum&apos;s last day</source>
        <translation>Dernier jour du remplacement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="75"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="76"/>
        <source>Passphrase again</source>
        <translation>Phrase secrète (confirmation)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="85"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
</context>
<context>
    <name>AgendaWindow</name>
    <message>
        <location filename="../../desktop/app/agenda.py" line="183"/>
        <location filename="../../desktop/app/agenda.py" line="514"/>
        <location filename="../../desktop/app/agenda.py" line="541"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="195"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="196"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="199"/>
        <source>◀ Previous</source>
        <translation>◀ Précédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="200"/>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="201"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="202"/>
        <source>Next ▶</source>
        <translation>Suivant ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="203"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="209"/>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="210"/>
        <source>All practitioners</source>
        <translation>Tous les praticiens</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="222"/>
        <source>Appointments</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="231"/>
        <source>New appointment…</source>
        <translation>Nouveau rendez-vous…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="232"/>
        <source>Move…</source>
        <translation>Déplacer…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="233"/>
        <source>Cancel the appointment</source>
        <translation>Annuler le rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="235"/>
        <source>Open the chart</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="236"/>
        <source>The chart of the selected appointment&apos;s patient</source>
        <translation>Le dossier du patient du rendez-vous choisi</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="238"/>
        <source>Undo</source>
        <translation>Rétablir le rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="239"/>
        <source>Undo the cancellation (Ctrl+Z)</source>
        <translation>Rétablir le rendez-vous (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="390"/>
        <source>[cancelled]</source>
        <translation>[annulé]</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="515"/>
        <source>Move anyway</source>
        <translation>Déplacer quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="515"/>
        <source>Leave it where it was</source>
        <translation>Le laisser où il était</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="534"/>
        <source>This appointment is already cancelled.</source>
        <translation>Ce rendez-vous est déjà annulé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="543"/>
        <source>Cancel the appointment of {0} at {1}?</source>
        <translation>Annuler le rendez-vous de {0} à {1} ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="555"/>
        <source>Appointment of {0} at {1} cancelled.</source>
        <translation>Rendez-vous de {0} à {1} annulé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="575"/>
        <source>Cancellation undone.</source>
        <translation>Annulation défaite : le rendez-vous est rétabli.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/agenda.py" line="426"/>
        <source>Select an appointment first.</source>
        <translation>Sélectionnez d&apos;abord un rendez-vous.</translation>
    </message>
</context>
<context>
    <name>AllergyArea</name>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="181"/>
        <source>No known allergy</source>
        <translation>Aucune allergie connue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="183"/>
        <source>Withdraw “no known allergy” from this chart? It will say again that allergies are not documented. The statement stays in the chart&apos;s history.</source>
        <translation>Retirer « aucune allergie connue » de ce dossier ? Il indiquera de nouveau que les allergies ne sont pas renseignées. La mention reste dans l&apos;historique du dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="186"/>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="187"/>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="196"/>
        <source>An allergy is recorded for this patient: “no known allergy” was not.</source>
        <translation>Une allergie est notée pour ce patient : « aucune allergie connue » n’a pas été enregistré.</translation>
    </message>
</context>
<context>
    <name>AllergyDialog</name>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="50"/>
        <source>mild</source>
        <translation>légère</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="51"/>
        <source>moderate</source>
        <translation>modérée</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="52"/>
        <source>severe</source>
        <translation>sévère</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="53"/>
        <source>life-threatening (anaphylaxis)</source>
        <translation>engageant le pronostic vital (anaphylaxie)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="70"/>
        <source>Edit an allergy</source>
        <translation>Modifier une allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="70"/>
        <source>Add an allergy</source>
        <translation>Ajouter une allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="73"/>
        <source>Substance or drug class</source>
        <translation>Substance ou classe médicamenteuse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="74"/>
        <source>Reaction</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="81"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="84"/>
        <source>Allergy</source>
        <translation>Allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="85"/>
        <source>Intolerance</source>
        <translation>Intolérance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="89"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="104"/>
        <source>The chart says “no known allergy”: saving this allergy ends that.</source>
        <translation>Le dossier indique « aucune allergie connue » : enregistrer cette allergie y met fin.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/allergy_dialog.py" line="111"/>
        <source>Name the substance.</source>
        <translation>Indiquez la substance.</translation>
    </message>
</context>
<context>
    <name>AllergyWarning</name>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="31"/>
        <source>Allergy warning</source>
        <translation>Alerte allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="37"/>
        <source>{0}: recorded allergy &lt;b&gt;{1}&lt;/b&gt; ({2})</source>
        <translation>{0} : allergie connue &lt;b&gt;{1}&lt;/b&gt; ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="42"/>
        <source>This prescription matches a recorded allergy.</source>
        <translation>Cette ordonnance correspond à une allergie connue.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="49"/>
        <source>Reason to prescribe anyway</source>
        <translation>Motif pour prescrire quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="50"/>
        <source>Reason to prescribe anyway (kept in the prescription):</source>
        <translation>Motif pour prescrire quand même (conservé dans l&apos;ordonnance) :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="53"/>
        <source>Change the prescription</source>
        <translation>Modifier l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_dialogs.py" line="54"/>
        <source>Prescribe anyway</source>
        <translation>Prescrire quand même</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <location filename="../../desktop/app/appointment.py" line="47"/>
        <source>Move the appointment</source>
        <translation>Déplacer le rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="47"/>
        <source>New appointment</source>
        <translation>Nouveau rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="63"/>
        <source>A date and a time, such as 02/12/2026 09:30, or a time alone</source>
        <translation>Une date et une heure, par exemple 02/12/2026 09:30, ou une heure seule</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="73"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="75"/>
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="78"/>
        <source>Pr&amp;actitioner</source>
        <translation>Pr&amp;aticien</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="79"/>
        <source>&amp;Starts at</source>
        <translation>&amp;Début</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="80"/>
        <source>&amp;Duration (min)</source>
        <translation>&amp;Durée (min)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="81"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="114"/>
        <source>Starts at: type a date and a time, for example 02/12/2026 09:30.</source>
        <translation>Début : tapez une date et une heure, par exemple 02/12/2026 09:30.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="118"/>
        <source>Choose the patient: type a name, then pick it.</source>
        <translation>Choisissez le patient : tapez un nom, puis sélectionnez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="126"/>
        <source>{0} is in the past. Book the appointment anyway?</source>
        <translation>Le {0} est passé. Prendre le rendez-vous quand même ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="129"/>
        <location filename="../../desktop/app/appointment.py" line="188"/>
        <source>Book anyway</source>
        <translation>Prendre quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="130"/>
        <location filename="../../desktop/app/appointment.py" line="189"/>
        <source>Change the time</source>
        <translation>Changer l&apos;heure</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="200"/>
        <source>{0} at {1} ({2} min)</source>
        <translation>{0} à {1} ({2} min)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="207"/>
        <source>{0} already has {1} at that time. Move it there anyway?</source>
        <translation>{0} a déjà {1} à cette heure-là. Le déplacer là quand même ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="210"/>
        <source>{0} already has {1} at that time. Book the appointment anyway?</source>
        <translation>{0} a déjà {1} à cette heure-là. Prendre le rendez-vous quand même ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/appointment.py" line="205"/>
        <source>The practitioner</source>
        <translation>Le praticien</translation>
    </message>
</context>
<context>
    <name>AttachDocumentDialog</name>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="22"/>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="23"/>
        <source>Lab or test result</source>
        <translation>Résultat d&apos;analyse ou d&apos;examen</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="24"/>
        <source>Imaging or scan</source>
        <translation>Imagerie ou document numérisé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="25"/>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="26"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="28"/>
        <source>PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>PDF et images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="75"/>
        <source>Attach a document</source>
        <translation>Joindre un document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="89"/>
        <source>22/06/2026</source>
        <translation>22/06/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="91"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="92"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="93"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="94"/>
        <source>Date of the document</source>
        <translation>Date du document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="99"/>
        <source>Give the document a title.</source>
        <translation>Donnez un titre au document.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="104"/>
        <source>Date of the document: {0}</source>
        <translation>Date du document : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_attach.py" line="107"/>
        <source>Type the date of the document.</source>
        <translation>Tapez la date du document.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="36"/>
        <source>Attach documents</source>
        <translation>Joindre des documents</translation>
    </message>
</context>
<context>
    <name>ChartAccessDialog</name>
    <message>
        <location filename="../../desktop/app/access_log.py" line="135"/>
        <source>Chart access: {0}</source>
        <translation>Accès au dossier : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="136"/>
        <source>Chart access</source>
        <translation>Accès au dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="137"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="158"/>
        <source>{0} entries, from every computer of the practice</source>
        <translation>{0} entrées, de tous les ordinateurs du cabinet</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../desktop/app/chart.py" line="113"/>
        <source>+ Allergy</source>
        <translation>+ Allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="111"/>
        <source>+ Problem</source>
        <translation>+ Antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="110"/>
        <source>Identity…</source>
        <translation>Identité…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="100"/>
        <source>New consultation</source>
        <translation>Nouvelle consultation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="101"/>
        <source>New prescription</source>
        <translation>Nouvelle ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="112"/>
        <source>Add a problem</source>
        <translation>Ajouter un antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="114"/>
        <source>Add an allergy</source>
        <translation>Ajouter une allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="116"/>
        <source>No known allergy</source>
        <translation>Aucune allergie connue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="117"/>
        <source>Record no known allergy</source>
        <translation>Noter : aucune allergie connue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="120"/>
        <source>The patient was asked and knows of no allergy: recorded with today&apos;s date and your name. Adding an allergy ends it; clicking it in the summary withdraws it.</source>
        <translation>Le patient a été interrogé et ne se connaît aucune allergie : noté à la date du jour, à votre nom. Ajouter une allergie y met fin ; un clic sur la mention dans la synthèse la retire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="130"/>
        <source>+ Treatment</source>
        <translation>+ Traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="131"/>
        <source>Add a treatment</source>
        <translation>Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="132"/>
        <source>+ Vaccination</source>
        <translation>+ Vaccin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="133"/>
        <source>Add a vaccination</source>
        <translation>Ajouter une vaccination</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="139"/>
        <source>+ Lab result</source>
        <translation>+ Résultat biologique</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="140"/>
        <source>Add a lab result</source>
        <translation>Ajouter un résultat biologique</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="142"/>
        <source>+ Document</source>
        <translation>+ Document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="143"/>
        <source>Attach a document</source>
        <translation>Joindre un document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="145"/>
        <source>Attach a PDF or an image; files can also be dropped on the chart.</source>
        <translation>Joindre un PDF ou une image ; on peut aussi déposer des fichiers sur le dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="148"/>
        <source>Documents…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="149"/>
        <source>The chart&apos;s documents</source>
        <translation>Documents du dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="151"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="153"/>
        <source>Chart access…</source>
        <translation>Accès au dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="154"/>
        <source>Chart access</source>
        <translation>Accès au dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="178"/>
        <source>Resume the draft</source>
        <translation>Reprendre le brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="189"/>
        <source>The medical content of this chart is not shown: your role does not open it. Appointments are in the agenda (Ctrl+G).</source>
        <translation>Le contenu médical de ce dossier n&apos;est pas affiché : votre rôle n&apos;y donne pas accès. Les rendez-vous sont dans l&apos;agenda (Ctrl+G).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="203"/>
        <source>Chart summary</source>
        <translation>Synthèse du dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="206"/>
        <source>Click an entry to edit, stop or delete it.</source>
        <translation>Cliquez sur une entrée pour la modifier, l&apos;arrêter ou la supprimer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="209"/>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="210"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="210"/>
        <source>Entry</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="210"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="217"/>
        <source>Amend…</source>
        <translation>Amender…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="219"/>
        <source>Write a new version of this consultation; the signed one stays readable.</source>
        <translation>Écrire une nouvelle version de cette consultation ; la version signée reste lisible.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="229"/>
        <source>Entry detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="353"/>
        <source>(content still arriving)</source>
        <translation>(contenu en cours d&apos;arrivée)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="427"/>
        <source>A consultation draft is kept for this patient: “{0}”.</source>
        <translation>Un brouillon de consultation est gardé pour ce patient : « {0} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart.py" line="430"/>
        <source>A consultation draft is kept for this patient.</source>
        <translation>Un brouillon de consultation est gardé pour ce patient.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="36"/>
        <location filename="../../desktop/app/conflicts.py" line="47"/>
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="40"/>
        <source>The same field was changed on two computers before they synced. The chart shows one value; choose the one to keep on every computer.</source>
        <translation>Le même champ a été modifié sur deux ordinateurs avant leur synchronisation. Le dossier affiche une des valeurs ; choisissez celle à garder sur tous les ordinateurs.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="50"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="51"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="52"/>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="53"/>
        <source>Other computer</source>
        <translation>Autre ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="66"/>
        <source>Keep the other computer&apos;s value</source>
        <translation>Garder la valeur de l&apos;autre ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="93"/>
        <source>another computer ({0})</source>
        <translation>un autre ordinateur ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="96"/>
        <source>this computer ({0})</source>
        <translation>cet ordinateur ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="98"/>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="101"/>
        <source>written {0} on {1}</source>
        <translation>écrite le {0} sur {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="103"/>
        <source>written on {0}</source>
        <translation>écrite sur {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="111"/>
        <source>(not a patient&apos;s record)</source>
        <translation>(hors dossier patient)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="64"/>
        <source>Keep this computer&apos;s value</source>
        <translation>Garder la valeur de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/conflicts.py" line="70"/>
        <source>No conflicts.</source>
        <translation>Aucun conflit.</translation>
    </message>
</context>
<context>
    <name>ConsultationEditor</name>
    <message>
        <location filename="../../desktop/app/consultation.py" line="47"/>
        <source>S (subjective)</source>
        <translation>S (subjectif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="48"/>
        <source>O (objective)</source>
        <translation>O (objectif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="49"/>
        <source>A (assessment)</source>
        <translation>A (analyse)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="50"/>
        <source>P (plan)</source>
        <translation>P (plan)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="117"/>
        <source>New consultation: {0}</source>
        <translation>Nouvelle consultation : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="121"/>
        <source>Amend the consultation of {0}: {1}</source>
        <translation>Amender la consultation du {0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="130"/>
        <location filename="../../desktop/app/consultation.py" line="143"/>
        <source>Free text</source>
        <translation>Texte libre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="144"/>
        <source>SOAP</source>
        <translation>SOAP</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="153"/>
        <source>Diagnoses, separated by &apos;;&apos;: type words or a CIM-10 code to be offered one</source>
        <translation>Diagnostics séparés par « ; » : tapez des mots ou un code pour les proposer en CIM-10</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="163"/>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="172"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="175"/>
        <source>&amp;Diagnoses</source>
        <translation>&amp;Diagnostics</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="201"/>
        <source>Draft restored.</source>
        <translation>Brouillon restauré.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="268"/>
        <source>Cancel the consultation</source>
        <translation>Annuler la consultation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="269"/>
        <source>This consultation is not saved. Keep it as a draft?</source>
        <translation>Cette consultation n&apos;est pas enregistrée. La garder en brouillon ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="271"/>
        <source>A kept draft comes back when you amend this consultation again.</source>
        <translation>Un brouillon gardé revient quand vous amendez de nouveau cette consultation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="274"/>
        <source>A kept draft comes back when you open a new consultation for this patient.</source>
        <translation>Un brouillon gardé revient à la prochaine nouvelle consultation de ce patient.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="278"/>
        <source>Keep the draft</source>
        <translation>Garder le brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="281"/>
        <source>Discard the draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="284"/>
        <source>Continue writing</source>
        <translation>Continuer la saisie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="345"/>
        <source>Not saved: correct the vitals first.</source>
        <translation>Non enregistré : corrigez d&apos;abord les constantes.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="350"/>
        <source>Write a reason or a note first.</source>
        <translation>Écrivez d&apos;abord un motif ou une note.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="356"/>
        <source>Nothing was changed: no new version to save.</source>
        <translation>Rien n&apos;a été modifié : aucune nouvelle version à enregistrer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/consultation.py" line="382"/>
        <source>Not saved; your draft is kept.</source>
        <translation>Non enregistré ; votre brouillon est conservé.</translation>
    </message>
</context>
<context>
    <name>CsvImportWizard</name>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="53"/>
        <source>Import patients from a CSV file</source>
        <translation>Importer des patients depuis un fichier CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="56"/>
        <source>1. The file</source>
        <translation>1. Le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="58"/>
        <location filename="../../desktop/app/csv_import_wizard.py" line="68"/>
        <source>CSV file</source>
        <translation>Fichier CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="66"/>
        <source>Read the file</source>
        <translation>Lire le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="69"/>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="70"/>
        <source>Separator</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="73"/>
        <source>2. Columns: which Carnet field each one fills</source>
        <translation>2. Colonnes : le champ de Carnet que chacune remplit</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="78"/>
        <source>First rows of the file</source>
        <translation>Premières lignes du fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="82"/>
        <source>3. Dry run, then import</source>
        <translation>3. Essai à blanc, puis import</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="84"/>
        <source>Dry run</source>
        <translation>Essai à blanc</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="91"/>
        <source>Dry run report</source>
        <translation>Rapport de l&apos;essai à blanc</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="92"/>
        <source>Import the other rows, leaving the refused ones</source>
        <translation>Importer les autres lignes, sans les lignes refusées</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="94"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="121"/>
        <source>Choose the CSV file to import.</source>
        <translation>Choisissez le fichier CSV à importer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="125"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="137"/>
        <source>{0} rows; encoding {1}; separator {2}</source>
        <translation>{0} lignes ; encodage {1} ; séparateur {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="150"/>
        <source>Field for the column {0}</source>
        <translation>Champ pour la colonne {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="151"/>
        <source>(not imported)</source>
        <translation>(non importée)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="192"/>
        <source>Read a CSV file first.</source>
        <translation>Lisez d&apos;abord un fichier CSV.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="195"/>
        <source>Choose the column that holds the family name.</source>
        <translation>Choisissez la colonne qui contient le nom de famille.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="197"/>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="207"/>
        <source>{0} rows read: {1} to create, {2} duplicates (not created), {3} refused.</source>
        <translation>{0} lignes lues : {1} à créer, {2} doublons (non créés), {3} refusées.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="213"/>
        <source>Line {0}: same patient as line {1}</source>
        <translation>Ligne {0} : même patient que la ligne {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="217"/>
        <source>Line {0}: this patient is already in the practice</source>
        <translation>Ligne {0} : ce patient est déjà dans le cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="220"/>
        <source>Line {0}: refused: {1}</source>
        <translation>Ligne {0} : refusée : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="240"/>
        <source>Importing in one transaction…</source>
        <translation>Import en une seule transaction…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/csv_import_wizard.py" line="249"/>
        <source>{0} patients imported.</source>
        <translation>{0} patients importés.</translation>
    </message>
</context>
<context>
    <name>DeletedChartsDialog</name>
    <message>
        <location filename="../../desktop/app/deleted_charts.py" line="30"/>
        <location filename="../../desktop/app/deleted_charts.py" line="32"/>
        <source>Deleted charts</source>
        <translation>Dossiers supprimés</translation>
    </message>
    <message>
        <location filename="../../desktop/app/deleted_charts.py" line="33"/>
        <source>Restore the chart</source>
        <translation>Restaurer le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/deleted_charts.py" line="54"/>
        <source>No deleted chart.</source>
        <translation>Aucun dossier supprimé.</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../desktop/app/devices.py" line="90"/>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="91"/>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="92"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="93"/>
        <source>No key published</source>
        <translation>Aucune clé publiée</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="99"/>
        <source>Revoking gives the practice a new key, for every computer but this one. From then on it cannot read what the practice writes, and what it writes is refused.

It does not erase anything: the revoked computer keeps what it already holds, and can still read it. Computers that never published a key must be enrolled again. Afterwards, check Practice &gt; Devices… on the other computers: a computer revoked there that you did not revoke means someone else rotated the key.</source>
        <translation>La révocation donne au cabinet une nouvelle clé, pour tous les ordinateurs sauf celui-ci. Dès lors, il ne peut plus lire ce que le cabinet écrit, et ce qu&apos;il écrit est refusé.

Elle n&apos;efface rien : l&apos;ordinateur révoqué garde ce qu&apos;il détient déjà et peut encore le lire. Les ordinateurs qui n&apos;ont jamais publié de clé devront être enrôlés à nouveau. Ensuite, vérifiez Cabinet &gt; Appareils… sur les autres ordinateurs : un ordinateur révoqué là que vous n&apos;avez pas révoqué signifie que quelqu&apos;un d&apos;autre a changé la clé.</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../desktop/app/devices.py" line="120"/>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="124"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="124"/>
        <source>Last active</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="124"/>
        <source>Newest segment</source>
        <translation>Dernier segment</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="124"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="126"/>
        <source>Devices of the practice</source>
        <translation>Appareils du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="134"/>
        <source>Working</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="143"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="144"/>
        <source>Enroll a device</source>
        <translation>Inscrire un appareil</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="148"/>
        <source>Enrollment code</source>
        <translation>Code d&apos;enrôlement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="151"/>
        <source>QR code of the enrollment code</source>
        <translation>QR code du code d&apos;enrôlement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="155"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="164"/>
        <location filename="../../desktop/app/devices.py" line="293"/>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="165"/>
        <source>Revoke the selected device</source>
        <translation>Révoquer l&apos;appareil choisi</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="168"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="172"/>
        <source>&amp;Valid for:</source>
        <translation>&amp;Valable :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="174"/>
        <source>Valid for (minutes)</source>
        <translation>Validité (minutes)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="179"/>
        <source>Practice &amp;passphrase (to revoke):</source>
        <translation>&amp;Phrase secrète du cabinet (pour révoquer) :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="211"/>
        <source>The storage could not be reached.</source>
        <translation>Le stockage est injoignable.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="227"/>
        <source>Reading the devices…</source>
        <translation>Lecture des appareils…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="241"/>
        <source>{0} devices</source>
        <translation>{0} appareils</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="259"/>
        <source>Making an enrollment code…</source>
        <translation>Création d&apos;un code d&apos;enrôlement…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="268"/>
        <source>Valid once, until {0}. Type it (or scan it) on the new computer.</source>
        <translation>Valable une fois, jusqu&apos;au {0}. Saisissez-le (ou scannez-le) sur le nouvel ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="276"/>
        <source>Enrollment code ready.</source>
        <translation>Code d&apos;enrôlement prêt.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="286"/>
        <source>Type the practice passphrase to revoke a device.</source>
        <translation>Saisissez la phrase secrète du cabinet pour révoquer un appareil.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="291"/>
        <source>Revoke {0}?</source>
        <translation>Révoquer {0} ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="294"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="303"/>
        <source>{0} is revoked.</source>
        <translation>{0} est révoqué.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="305"/>
        <source>{0} other devices must be enrolled again.</source>
        <translation>{0} autres appareils devront être enrôlés à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/devices.py" line="313"/>
        <source>Revoking {0}…</source>
        <translation>Révocation de {0}…</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="82"/>
        <source>Document: {0}</source>
        <translation>Document : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="84"/>
        <source>Opening the document…</source>
        <translation>Ouverture du document…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="91"/>
        <source>Document pages</source>
        <translation>Pages du document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="96"/>
        <source>Document image</source>
        <translation>Image du document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="105"/>
        <source>Export a copy…</source>
        <translation>Exporter une copie…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="107"/>
        <source>Write a readable copy of this document in a folder you choose.</source>
        <translation>Écrire une copie lisible de ce document dans le dossier de votre choix.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="132"/>
        <source>Fetching the document from the practice&apos;s storage…</source>
        <translation>Récupération du document depuis le stockage du cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="146"/>
        <source>Carnet cannot show this kind of file; export a copy to open it.</source>
        <translation>Carnet ne sait pas afficher ce type de fichier ; exportez-en une copie pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="156"/>
        <source>This PDF cannot be read (damaged or protected); export a copy to open it.</source>
        <translation>Ce PDF est illisible (endommagé ou protégé) ; exportez-en une copie pour l&apos;ouvrir.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/app/document_viewer.py" line="161"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="169"/>
        <source>Image, {0} × {1} pixels</source>
        <translation>Image, {0} × {1} pixels</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="185"/>
        <source>Export a copy of the document</source>
        <translation>Exporter une copie du document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/document_viewer.py" line="197"/>
        <source>Copy written to {0}.</source>
        <translation>Copie écrite dans {0}.</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="60"/>
        <source>Documents: {0}</source>
        <translation>Documents : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="64"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="65"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="65"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="65"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="74"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="75"/>
        <source>Show the document here, without leaving Carnet.</source>
        <translation>Afficher le document ici, sans quitter Carnet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="77"/>
        <source>Attach…</source>
        <translation>Joindre…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/documents_view.py" line="78"/>
        <source>Attach documents</source>
        <translation>Joindre des documents</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/app/documents_view.py" line="103"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrugSearch</name>
    <message>
        <location filename="../../desktop/app/rx_drug_search.py" line="79"/>
        <source>{0} proposals: Down arrow to choose, Enter to add.</source>
        <translation>{0} propositions : flèche bas pour choisir, Entrée pour ajouter.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_drug_search.py" line="83"/>
        <source>No drug in the list starts with “{0}”: Enter adds it as typed.</source>
        <translation>Aucun médicament de la liste ne commence par « {0} » : Entrée l&apos;ajoute tel quel.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_drug_search.py" line="119"/>
        <source>{0}: recorded allergy {1} ({2})</source>
        <translation>{0} : allergie enregistrée {1} ({2})</translation>
    </message>
</context>
<context>
    <name>EditOrAdd</name>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="349"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="376"/>
        <source>Delete this entry from the chart?</source>
        <translation>Supprimer cette entrée du dossier ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="377"/>
        <source>It stays in the chart&apos;s history and can be restored.</source>
        <translation>Elle reste dans l&apos;historique du dossier et peut être restaurée.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/app/first_run.py" line="62"/>
        <source>Carnet: welcome</source>
        <translation>Carnet : bienvenue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="66"/>
        <source>&lt;h2&gt;Welcome to Carnet&lt;/h2&gt;&lt;p&gt;The practice&apos;s records stay encrypted on this computer; sync storage only ever receives ciphertext.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bienvenue dans Carnet&lt;/h2&gt;&lt;p&gt;Les dossiers du cabinet restent chiffrés sur cet ordinateur ; le stockage de synchronisation ne reçoit que des données chiffrées.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="72"/>
        <source>Try it</source>
        <translation>Essayer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="73"/>
        <location filename="../../desktop/app/first_run.py" line="159"/>
        <source>Create the demo practice</source>
        <translation>Créer le cabinet de démonstration</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="78"/>
        <source>2,000 synthetic patients. Passphrase: «{0}»</source>
        <translation>2 000 patients fictifs. Phrase secrète : « {0} »</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="84"/>
        <source>Create a new practice</source>
        <translation>Créer un nouveau cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="97"/>
        <source>Practice name</source>
        <translation>Nom du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="98"/>
        <source>Your login</source>
        <translation>Votre identifiant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="99"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="100"/>
        <source>Strength</source>
        <translation>Solidité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="101"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="102"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="109"/>
        <source>Restore a practice…</source>
        <translation>Restaurer un cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="111"/>
        <source>From its sync storage, with the practice passphrase or the recovery key</source>
        <translation>Depuis son stockage de synchronisation, avec la phrase secrète du cabinet ou la clé de récupération</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="114"/>
        <source>Join as a new device…</source>
        <translation>Rejoindre comme nouvel appareil…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="115"/>
        <source>With an enrollment code made on an enrolled computer</source>
        <translation>Avec un code d&apos;enrôlement créé sur un ordinateur déjà enrôlé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="161"/>
        <source>Create a demo practice of {0} synthetic patients in {1}? It takes about a minute; a real practice can later be created in another folder.</source>
        <translation>Créer un cabinet de démonstration de {0} patients fictifs dans {1} ? Cela prend environ une minute ; un vrai cabinet pourra être créé ensuite dans un autre dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="164"/>
        <source>Create the demo</source>
        <translation>Créer la démo</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="165"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="186"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="201"/>
        <source>The practice could not be created.</source>
        <translation>Le cabinet n&apos;a pas pu être créé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="33"/>
        <source>very weak</source>
        <translation>très faible</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="34"/>
        <source>weak</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="35"/>
        <source>fair</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="36"/>
        <source>good</source>
        <translation>bonne</translation>
    </message>
    <message>
        <location filename="../../desktop/app/first_run.py" line="37"/>
        <source>strong</source>
        <translation>forte</translation>
    </message>
</context>
<context>
    <name>GrowthView</name>
    <message>
        <location filename="../../desktop/app/growth.py" line="147"/>
        <source>Growth: {0}</source>
        <translation>Croissance : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="150"/>
        <source>Growth curves</source>
        <translation>Courbes de croissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="160"/>
        <source>Not measured yet.</source>
        <translation>Pas encore mesuré.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="196"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="190"/>
        <source>Birth name</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="198"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="184"/>
        <source>Edit identity</source>
        <translation>Modifier l&apos;identité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="195"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="189"/>
        <source>Family name</source>
        <translation>Nom d&apos;usage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="209"/>
        <source>Female</source>
        <translation>Féminin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="191"/>
        <source>Given names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="209"/>
        <source>Male</source>
        <translation>Masculin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="194"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="192"/>
        <source>Birth date (dd/mm/yyyy)</source>
        <translation>Date de naissance (jj/mm/aaaa)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="197"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="199"/>
        <source>Referring GP</source>
        <translation>Médecin traitant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="206"/>
        <source>22/06/1941</source>
        <translation>22/06/1941</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="214"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="193"/>
        <source>Social security number</source>
        <translation>N° de sécurité sociale (NIR)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="246"/>
        <source>This social security number is a man&apos;s, born in {0}: not the sex or birth date typed. Is it the patient&apos;s own number, not the insured person&apos;s? Save again to keep it.</source>
        <translation>Ce n° de sécurité sociale est celui d&apos;un homme né en {0}, pas le sexe ou la date de naissance saisis. Est-ce bien celui du patient, et non celui de l&apos;assuré ? Validez à nouveau pour le garder.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="252"/>
        <source>This social security number is a woman&apos;s, born in {0}: not the sex or birth date typed. Is it the patient&apos;s own number, not the insured person&apos;s? Save again to keep it.</source>
        <translation>Ce n° de sécurité sociale est celui d&apos;une femme née en {0}, pas le sexe ou la date de naissance saisis. Est-ce bien celui du patient, et non celui de l&apos;assuré ? Validez à nouveau pour le garder.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="258"/>
        <source>This social security number is of someone born in {0}: not the birth date typed. Is it the patient&apos;s own number, not the insured person&apos;s? Save again to keep it.</source>
        <translation>Ce n° de sécurité sociale est celui d&apos;une personne née en {0}, pas la date de naissance saisie. Est-ce bien celui du patient, et non celui de l&apos;assuré ? Validez à nouveau pour le garder.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="289"/>
        <source>Birth date: {0}</source>
        <translation>Date de naissance : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="302"/>
        <source>The family name cannot be empty.</source>
        <translation>Le nom ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="209"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>LabResultDialog</name>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="111"/>
        <source>Edit a lab result</source>
        <translation>Modifier un résultat biologique</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="111"/>
        <source>Add a lab result</source>
        <translation>Ajouter un résultat biologique</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="116"/>
        <source>Analyte</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="117"/>
        <source>Hémoglobine, TSH, HbA1c…</source>
        <translation>Hémoglobine, TSH, HbA1c…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="118"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="119"/>
        <source>13,2 or négatif</source>
        <translation>13,2 ou négatif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="120"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="121"/>
        <location filename="../../desktop/app/lab_results.py" line="163"/>
        <source>Reference range: low</source>
        <translation>Valeurs de référence : borne basse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="122"/>
        <location filename="../../desktop/app/lab_results.py" line="164"/>
        <source>Reference range: high</source>
        <translation>Valeurs de référence : borne haute</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="123"/>
        <source>Reference range as the lab wrote it</source>
        <translation>Valeurs de référence telles qu&apos;écrites par le laboratoire</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="124"/>
        <source>Sample taken on</source>
        <translation>Prélevé le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="125"/>
        <source>22/06/2026</source>
        <translation>22/06/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="131"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="136"/>
        <source>Report it came with</source>
        <translation>Compte rendu joint</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="144"/>
        <source>Name the analyte.</source>
        <translation>Nommez l&apos;analyse.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="149"/>
        <source>Sample taken on: {0}</source>
        <translation>Prélevé le : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="152"/>
        <source>Type the day the sample was taken.</source>
        <translation>Tapez le jour du prélèvement.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="156"/>
        <source>Type the result.</source>
        <translation>Tapez le résultat.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="169"/>
        <source>{0}: type a number such as 3,5.</source>
        <translation>{0} : tapez un nombre, par exemple 3,5.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="174"/>
        <source>The low end of the range is above the high end.</source>
        <translation>La borne basse des valeurs de référence dépasse la borne haute.</translation>
    </message>
</context>
<context>
    <name>LabResultsView</name>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="197"/>
        <source>Lab results: {0}</source>
        <translation>Résultats biologiques : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="206"/>
        <source>Analytes</source>
        <translation>Analyses</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="210"/>
        <source>History of the analyte</source>
        <translation>Historique de l&apos;analyse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="212"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="212"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="212"/>
        <source>Reference range</source>
        <translation>Valeurs de référence</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="212"/>
        <source>Flag</source>
        <translation>Hors normes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="197"/>
        <source>Add a lab result…</source>
        <translation>Ajouter un résultat biologique…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="220"/>
        <source>Open the report</source>
        <translation>Ouvrir le compte rendu</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="221"/>
        <source>Show the report this result came with.</source>
        <translation>Afficher le compte rendu dont vient ce résultat.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/lab_results.py" line="229"/>
        <source>Choose an analyte to see its history.</source>
        <translation>Choisissez une analyse pour voir son historique.</translation>
    </message>
</context>
<context>
    <name>LetterEditor</name>
    <message>
        <location filename="../../desktop/app/letters.py" line="127"/>
        <source>Letter or certificate: {0}</source>
        <translation>Courrier ou certificat : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="136"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="137"/>
        <source>&amp;Template:</source>
        <translation>&amp;Modèle :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="139"/>
        <source>Edit the template…</source>
        <translation>Modifier le modèle…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="143"/>
        <source>Letter text</source>
        <translation>Texte du courrier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="147"/>
        <source>Keep in the chart</source>
        <translation>Classer dans le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="148"/>
        <source>Keep and save as PDF…</source>
        <translation>Classer et enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="149"/>
        <source>Keep and print…</source>
        <translation>Classer et imprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="196"/>
        <source>The letter you were writing was kept: here it is.</source>
        <translation>Le courrier que vous écriviez a été gardé : le voici.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="239"/>
        <source>The text typed will be replaced by the template “{0}”.</source>
        <translation>Le texte saisi sera remplacé par le modèle « {0} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="242"/>
        <source>Replace the text</source>
        <translation>Remplacer le texte</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="280"/>
        <source>This letter is not kept in the chart. Discard it?</source>
        <translation>Ce courrier n&apos;est pas classé dans le dossier. L&apos;abandonner ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="281"/>
        <source>Discard the letter</source>
        <translation>Abandonner le courrier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="302"/>
        <source>Continue writing</source>
        <translation>Continuer la rédaction</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="351"/>
        <source>Kept in the chart, but: {0}</source>
        <translation>Classé dans le dossier, mais : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="370"/>
        <source>Save the letter as PDF</source>
        <translation>Enregistrer le courrier en PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="386"/>
        <source>Not printed.</source>
        <translation>Non imprimé.</translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="24"/>
        <source>Prescription lines</source>
        <translation>Lignes de l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="27"/>
        <source>Drug (DCI)</source>
        <translation>Médicament (DCI)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="28"/>
        <source>Dosage and frequency</source>
        <translation>Posologie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="29"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="30"/>
        <source>Boxes</source>
        <translation>Boîtes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="31"/>
        <source>Renewals</source>
        <translation>Renouvellements</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="32"/>
        <source>ALD</source>
        <translation>ALD</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="33"/>
        <source>Long-term</source>
        <translation>Traitement de fond</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="34"/>
        <source>Non-substitutable</source>
        <translation>Non substituable</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="63"/>
        <source>ALD, line {0}</source>
        <translation>ALD, ligne {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="64"/>
        <source>Long-term treatment, line {0}</source>
        <translation>Traitement de fond, ligne {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="72"/>
        <source>Non-substitutable, line {0}</source>
        <translation>Non substituable, ligne {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="73"/>
        <source>substitutable</source>
        <translation>substituable</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_lines.py" line="75"/>
        <source>non-substitutable ({0})</source>
        <translation>non substituable ({0})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/app/window.py" line="74"/>
        <source>Carnet: {0}</source>
        <translation>Carnet : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="160"/>
        <source>The notes are indexed for search.</source>
        <translation>Les notes sont indexées pour la recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="163"/>
        <source>Indexing the notes for search: {0} %</source>
        <translation>Indexation des notes pour la recherche : {0} %</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="185"/>
        <source>Delete this chart</source>
        <translation>Supprimer ce dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="187"/>
        <source>Delete the chart of {0}? It leaves the search and every computer&apos;s list; nothing is erased and it can be restored from Patient &gt; Deleted charts.</source>
        <translation>Supprimer le dossier de {0} ? Il disparaît de la recherche et des listes de tous les ordinateurs ; rien n&apos;est effacé et il peut être restauré depuis Patient &gt; Dossiers supprimés.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="190"/>
        <source>Delete the chart</source>
        <translation>Supprimer le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="191"/>
        <source>Keep it</source>
        <translation>Le garder</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="206"/>
        <source>Chart deleted.</source>
        <translation>Dossier supprimé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="256"/>
        <source>Prescription saved as PDF: {0}</source>
        <translation>Ordonnance enregistrée en PDF : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="261"/>
        <source>Prescription sent to the printer {0}</source>
        <translation>Ordonnance envoyée à l&apos;imprimante {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="307"/>
        <source>Restore complete: the practice&apos;s whole history is on this computer.</source>
        <translation>Restauration terminée : tout l&apos;historique du cabinet est sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="358"/>
        <source>1 sync conflict</source>
        <translation>1 conflit de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="360"/>
        <source>{0} sync conflicts</source>
        <translation>{0} conflits de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window.py" line="408"/>
        <location filename="../../desktop/app/window.py" line="421"/>
        <source>Open a chart first.</source>
        <translation>Ouvrez d&apos;abord un dossier.</translation>
    </message>
</context>
<context>
    <name>NewPatientDialog</name>
    <message>
        <location filename="../../desktop/app/new_patient.py" line="22"/>
        <location filename="../../desktop/app/new_patient.py" line="23"/>
        <source>New patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/new_patient.py" line="30"/>
        <location filename="../../desktop/app/new_patient.py" line="39"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/new_patient.py" line="45"/>
        <source>The family name cannot be empty.</source>
        <translation>Le nom de famille est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/new_patient.py" line="70"/>
        <source>A patient with the same birth name, first given name, birth date and sex already exists: {0}. Open their chart instead, or create this one anyway.</source>
        <translation>Un patient de même nom de naissance, premier prénom, date de naissance et sexe existe déjà : {0}. Ouvrez plutôt son dossier, ou créez quand même celui-ci.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/new_patient.py" line="75"/>
        <source>Create anyway</source>
        <translation>Créer quand même</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="49"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="50"/>
        <source>Choose: {0}</source>
        <translation>Choisir : {0}</translation>
    </message>
</context>
<context>
    <name>PatientExport</name>
    <message>
        <location filename="../../desktop/app/access_log.py" line="173"/>
        <source>Access log file (CSV)</source>
        <translation>Fichier du journal d&apos;accès (CSV)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="174"/>
        <source>Export for the patient</source>
        <translation>Exporter pour le patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="175"/>
        <source>Export the patient&apos;s access log</source>
        <translation>Exporter le journal d&apos;accès du patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="180"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="200"/>
        <source>Choose the file to write first.</source>
        <translation>Choisissez d&apos;abord le fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="204"/>
        <source>Writing…</source>
        <translation>Écriture…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/access_log.py" line="208"/>
        <source>{0} entries written to {1}</source>
        <translation>{0} entrées écrites dans {1}</translation>
    </message>
</context>
<context>
    <name>PatientExportDialog</name>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="141"/>
        <source>Export the record of {0}</source>
        <translation>Exporter le dossier de {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="144"/>
        <source>Copy for the patient: readable PDF, FHIR file and documents (.zip)</source>
        <translation>Copie pour le patient : PDF lisible, fichier FHIR et documents (.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="146"/>
        <source>FHIR R4 Bundle, for another software (.json)</source>
        <translation>Bundle FHIR R4, pour un autre logiciel (.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="148"/>
        <location filename="../../desktop/app/export_dialogs.py" line="151"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="154"/>
        <source>The file holds the record in clear. Give it to the patient or to the software it is for, and do not leave a copy on this computer.</source>
        <translation>Le fichier contient le dossier en clair. Remettez-le au patient ou au logiciel auquel il est destiné, et n&apos;en laissez pas de copie sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="165"/>
        <source>Choose the file to write.</source>
        <translation>Choisissez le fichier à écrire.</translation>
    </message>
</context>
<context>
    <name>PatientList</name>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="133"/>
        <source>Name, birth date (12/03/1961), phone or NIR</source>
        <translation>Nom, date de naissance (12/03/1961), téléphone ou NIR</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="135"/>
        <source>Find a patient</source>
        <translation>Rechercher un patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="136"/>
        <source>New patient</source>
        <translation>Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="137"/>
        <source>Create a patient (Ctrl+N)</source>
        <translation>Créer un patient (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="160"/>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="231"/>
        <source>{0}+ results, refine the search</source>
        <translation>{0}+ résultats, affinez la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="233"/>
        <source>No patient</source>
        <translation>Aucun patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="236"/>
        <source>1 result</source>
        <translation>1 résultat</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="236"/>
        <source>{0} results</source>
        <translation>{0} résultats</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="239"/>
        <source>Create «{0}»</source>
        <translation>Créer « {0} »</translation>
    </message>
</context>
<context>
    <name>PatientModel</name>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="59"/>
        <source>F</source>
        <comment>sex: female</comment>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="61"/>
        <source>M</source>
        <comment>sex: male</comment>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="63"/>
        <source>U</source>
        <comment>sex: unknown</comment>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="69"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="70"/>
        <source>Birth date</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="71"/>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="72"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="73"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_list.py" line="74"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
</context>
<context>
    <name>PatientPicker</name>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="44"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="45"/>
        <source>Type a name, a birth date or a phone number</source>
        <translation>Tapez un nom, une date de naissance ou un téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="48"/>
        <source>Matching patients</source>
        <translation>Patients trouvés</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="53"/>
        <source>New patient…</source>
        <translation>Nouveau patient…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="105"/>
        <source>No patient found.</source>
        <translation>Aucun patient trouvé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/patient_picker.py" line="110"/>
        <source>New patient “{0}”…</source>
        <translation>Créer « {0} »…</translation>
    </message>
</context>
<context>
    <name>PracticeAdmin</name>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="74"/>
        <source>This computer no longer remembers the practice&apos;s key.</source>
        <translation>Cet ordinateur ne mémorise plus la clé du cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="76"/>
        <source>No keyring on this computer: nothing was remembered.</source>
        <translation>Pas de trousseau sur cet ordinateur : rien n&apos;était mémorisé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="103"/>
        <source>New recovery kit</source>
        <translation>Nouveau kit de secours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="105"/>
        <source>Make a new recovery kit? The current kit stops opening the practice; keep the new one safe.</source>
        <translation>Faire un nouveau kit de secours ? Le kit actuel n&apos;ouvrira plus le cabinet ; gardez le nouveau en lieu sûr.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="108"/>
        <source>Make a new kit</source>
        <translation>Faire un nouveau kit</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_admin.py" line="109"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>PracticeDetailsDialog</name>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="70"/>
        <source>Practice details</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="72"/>
        <source>Practice name</source>
        <translation>Nom du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="73"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="73"/>
        <source>12 Linden Street</source>
        <translation>12 rue des Tilleuls</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="74"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="75"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="76"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="77"/>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="78"/>
        <source>FINESS number (optional)</source>
        <translation>N° FINESS (facultatif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="89"/>
        <source>The practice needs a name.</source>
        <translation>Le cabinet doit avoir un nom.</translation>
    </message>
</context>
<context>
    <name>PracticeExportDialog</name>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="183"/>
        <source>Export the practice</source>
        <translation>Exporter le cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="185"/>
        <source>FHIR R4, one NDJSON file per resource type (a folder)</source>
        <translation>FHIR R4, un fichier NDJSON par type de ressource (un dossier)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="186"/>
        <source>Plain SQLite database, readable by any tool (a file)</source>
        <translation>Base SQLite en clair, lisible par tout outil (un fichier)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="188"/>
        <location filename="../../desktop/app/export_dialogs.py" line="198"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="189"/>
        <location filename="../../desktop/app/export_dialogs.py" line="199"/>
        <source>SQLite file</source>
        <translation>Fichier SQLite</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="192"/>
        <source>I understand that this copy holds the whole practice in clear: anyone who gets the file can read every record.</source>
        <translation>Je comprends que cette copie contient tout le cabinet en clair : quiconque obtient le fichier peut lire tous les dossiers.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="201"/>
        <source>Cancel the export</source>
        <translation>Annuler l&apos;export</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="219"/>
        <source>Choose the folder to write into.</source>
        <translation>Choisissez le dossier où écrire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="230"/>
        <source>Choose the file to write.</source>
        <translation>Choisissez le fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="234"/>
        <source>Tick the box to confirm that the copy will be readable by anyone.</source>
        <translation>Cochez la case pour confirmer que la copie sera lisible par n&apos;importe qui.</translation>
    </message>
</context>
<context>
    <name>PractitionerDialog</name>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="107"/>
        <source>Practitioner profile</source>
        <translation>Profil du praticien</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="110"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="111"/>
        <source>Given names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="112"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="113"/>
        <source>Qualification</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="113"/>
        <source>Doctor of medicine</source>
        <translation>Docteur en médecine</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="114"/>
        <source>Specialty</source>
        <translation>Spécialité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="114"/>
        <source>General practice</source>
        <translation>Médecine générale</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="115"/>
        <source>RPPS number</source>
        <translation>N° RPPS</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="116"/>
        <source>Health insurance number (optional)</source>
        <translation>N° Assurance Maladie (facultatif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="117"/>
        <source>Address (if not the practice&apos;s)</source>
        <translation>Adresse (si autre que celle du cabinet)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="118"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="119"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="120"/>
        <source>Phone (if not the practice&apos;s)</source>
        <translation>Téléphone (si autre que celui du cabinet)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="121"/>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="122"/>
        <source>Locum (remplaçant)</source>
        <translation>Remplaçant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="127"/>
        <location filename="../../desktop/app/practice_details.py" line="128"/>
        <source>Replaces</source>
        <translation>Remplace</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="145"/>
        <source>(nobody)</source>
        <translation>(personne)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/app/preferences.py" line="37"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../desktop/app/preferences.py" line="39"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/app/preferences.py" line="43"/>
        <source>Without a key press or a click for this long, Carnet locks: the practice closes and its passphrase is asked again. Drafts are kept.</source>
        <translation>Sans frappe au clavier ni clic pendant cette durée, Carnet se verrouille : le cabinet se ferme et sa phrase secrète est redemandée. Les brouillons sont conservés.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/preferences.py" line="49"/>
        <source>Lock after</source>
        <translation>Verrouiller après</translation>
    </message>
</context>
<context>
    <name>PrescriptionEditor</name>
    <message>
        <location filename="../../desktop/app/prescription.py" line="97"/>
        <source>Prescription: {0}</source>
        <translation>Ordonnance : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="109"/>
        <source>Loading the chart…</source>
        <translation>Chargement du dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="114"/>
        <source>amoxicilline, Doliprane…</source>
        <translation>amoxicilline, Doliprane…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="115"/>
        <source>Drug (DCI or brand)</source>
        <translation>Médicament (DCI ou marque)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="116"/>
        <source>&amp;Drug (DCI or brand):</source>
        <translation>&amp;Médicament (DCI ou marque) :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="129"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="133"/>
        <source>Weight (kg)</source>
        <translation>Poids (kg)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="134"/>
        <source>Height (cm)</source>
        <translation>Taille (cm)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="137"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="138"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="151"/>
        <source>Remove the line</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="155"/>
        <source>Renew…</source>
        <translation>Renouveler…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="156"/>
        <source>Renew an earlier prescription of this patient</source>
        <translation>Renouveler une ordonnance antérieure de ce patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="160"/>
        <source>Templates…</source>
        <translation>Modèles…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="162"/>
        <source>Add the lines of a template, or save these lines as one</source>
        <translation>Ajouter les lignes d&apos;un modèle, ou enregistrer ces lignes comme modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="169"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="171"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="227"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="231"/>
        <source>Allergies: {0}</source>
        <translation>Allergies : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="235"/>
        <source>No known allergy</source>
        <translation>Aucune allergie connue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="238"/>
        <source>Allergies not documented</source>
        <translation>Allergies non renseignées</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="253"/>
        <source>your name</source>
        <translation>votre nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="254"/>
        <source>your qualification</source>
        <translation>votre qualification</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="255"/>
        <source>your RPPS number</source>
        <translation>votre numéro RPPS</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="256"/>
        <source>the address</source>
        <translation>l&apos;adresse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="257"/>
        <source>the phone number</source>
        <translation>le numéro de téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="260"/>
        <source>This ordonnance will lack {0}, which the law requires: fill them in Practice &gt; My practitioner profile… or Practice &gt; Practice details…</source>
        <translation>Il manquera à cette ordonnance {0}, que la loi exige : complétez-les dans Cabinet &gt; Mon profil de praticien… ou Cabinet &gt; Cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="285"/>
        <source>Renewed: check the lines, then save or print.</source>
        <translation>Renouvelée : vérifiez les lignes, puis enregistrez ou imprimez.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="306"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="306"/>
        <source>Template name:</source>
        <translation>Nom du modèle :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="322"/>
        <source>Template “{0}” saved.</source>
        <translation>Modèle « {0} » enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="338"/>
        <source>Close the prescription</source>
        <translation>Fermer l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="339"/>
        <source>This prescription is not saved. Discard it?</source>
        <translation>Cette ordonnance n&apos;est pas enregistrée. La supprimer ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="341"/>
        <source>Discard the prescription</source>
        <translation>Supprimer l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="343"/>
        <source>Continue writing</source>
        <translation>Continuer la rédaction</translation>
    </message>
    <message>
        <location filename="../../desktop/app/prescription.py" line="167"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="314"/>
        <source>Medical</source>
        <translation>Médical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="315"/>
        <source>Surgical</source>
        <translation>Chirurgical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="316"/>
        <source>Family</source>
        <translation>Familial</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="317"/>
        <source>Obstetric</source>
        <translation>Obstétrical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="318"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="408"/>
        <source>Edit a problem</source>
        <translation>Modifier un antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="408"/>
        <source>Add a problem</source>
        <translation>Ajouter un antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="411"/>
        <source>Problem</source>
        <translation>Antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="412"/>
        <source>CIM-10 code</source>
        <translation>Code CIM-10</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="413"/>
        <source>a diagnosis, or a CIM-10 code: J02…</source>
        <translation>un diagnostic, ou un code CIM-10 : J02…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="419"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="420"/>
        <source>Since (dd/mm/yyyy, mm/yyyy or yyyy)</source>
        <translation>Depuis (jj/mm/aaaa, mm/aaaa ou aaaa)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="421"/>
        <location filename="../../desktop/app/record_dialogs.py" line="429"/>
        <source>Resolved on</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="423"/>
        <source>1975, 06/1975 or 22/06/1975</source>
        <translation>1975, 06/1975 ou 22/06/1975</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="429"/>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="433"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="443"/>
        <source>Describe the problem.</source>
        <translation>Décrivez l&apos;antécédent.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="446"/>
        <source>The problem cannot be resolved before it began.</source>
        <translation>Un antécédent ne peut pas être résolu avant d&apos;avoir commencé.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../desktop/app/i18n.py" line="58"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/i18n.py" line="59"/>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="48"/>
        <location filename="../../desktop/app/recovery_key.py" line="58"/>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="51"/>
        <source>Write down or save this recovery key now: it is shown only once, and without it a lost passphrase means a lost practice.</source>
        <translation>Notez ou enregistrez cette clé de récupération maintenant : elle n&apos;est montrée qu&apos;une fois, et sans elle une phrase secrète perdue est un cabinet perdu.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="61"/>
        <source>I have written this key down and keep it safe</source>
        <translation>J&apos;ai noté cette clé et je la garde en lieu sûr</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="65"/>
        <source>Save the recovery kit…</source>
        <translation>Enregistrer le kit de secours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="67"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="92"/>
        <source>Save the recovery kit</source>
        <translation>Enregistrer le kit de secours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="97"/>
        <source>Not saved: the key stays on screen until it is kept.</source>
        <translation>Non enregistré : la clé reste affichée tant qu&apos;elle n&apos;est pas conservée.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="105"/>
        <source>Saving the recovery kit…</source>
        <translation>Enregistrement du kit de secours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="112"/>
        <source>Recovery kit saved to {0}. Print it, keep it safe, then delete the file.</source>
        <translation>Kit de secours enregistré dans {0}. Imprimez-le, rangez-le en lieu sûr, puis supprimez le fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="119"/>
        <source>The kit could not be saved.</source>
        <translation>Le kit n&apos;a pas pu être enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/recovery_key.py" line="142"/>
        <source>Save the recovery kit, or tick that you wrote the key down, before closing.</source>
        <translation>Enregistrez le kit de secours, ou cochez que vous avez noté la clé, avant de fermer.</translation>
    </message>
</context>
<context>
    <name>RemoteSettingsDialog</name>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="50"/>
        <source>Sync settings</source>
        <translation>Réglages de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="57"/>
        <source>Empty storage: set it up for this practice</source>
        <translation>Stockage vide : le préparer pour ce cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="62"/>
        <source>Practice passphrase</source>
        <translation>Phrase secrète du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="64"/>
        <source>Sync every</source>
        <translation>Synchroniser toutes les</translation>
    </message>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="67"/>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <location filename="../../desktop/app/remote_settings.py" line="86"/>
        <source>Enter the practice passphrase.</source>
        <translation>Saisissez la phrase secrète du cabinet.</translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="35"/>
        <source>Current treatments: {0}</source>
        <translation>Traitements en cours : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="38"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="49"/>
        <source>Renew a prescription</source>
        <translation>Renouveler une ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="50"/>
        <source>&amp;Earlier prescriptions:</source>
        <translation>Ordonnances &amp;antérieures :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="51"/>
        <source>Earlier prescriptions</source>
        <translation>Ordonnances antérieures</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_renew.py" line="52"/>
        <source>Renew</source>
        <translation>Renouveler</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <location filename="../../desktop/app/repair.py" line="64"/>
        <location filename="../../desktop/app/repair.py" line="87"/>
        <source>Repair the storage</source>
        <translation>Réparer le stockage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="67"/>
        <source>Repair makes the practice&apos;s storage whole again from this computer. It publishes everything this computer holds as the new starting point and retires the damaged chains of changes; nothing is deleted. The other computers follow at their next sync and keep everything they hold, sent or not.

Before you repair: ask the storage provider (or check the NAS) whether the lost data can be put back; if it can, do that instead and simply sync again. Repair from the computer that holds the most recent data, never from one that was offline for long.</source>
        <translation>La réparation remet le stockage du cabinet en état à partir de cet ordinateur. Elle publie tout ce que cet ordinateur détient comme nouveau point de départ et met hors service les chaînes de modifications abîmées ; rien n’est supprimé. Les autres ordinateurs suivent à leur prochaine synchronisation et gardent tout ce qu’ils détiennent, envoyé ou non.

Avant de réparer : demandez au fournisseur du stockage (ou vérifiez le NAS) si les données perdues peuvent être remises en place ; si oui, faites-le plutôt et synchronisez simplement à nouveau. Réparez depuis l’ordinateur qui détient les données les plus récentes, jamais depuis un ordinateur resté longtemps hors ligne.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="79"/>
        <source>The storage cannot be put back, and this computer holds the most recent data</source>
        <translation>Le stockage ne peut pas être remis en place, et cet ordinateur détient les données les plus récentes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="81"/>
        <source>Confirm the repair</source>
        <translation>Confirmer la réparation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="84"/>
        <source>Repair outcome</source>
        <translation>Résultat de la réparation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="102"/>
        <source>Repairing…</source>
        <translation>Réparation en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="109"/>
        <source>The storage is complete: there is nothing to repair.</source>
        <translation>Le stockage est complet : il n’y a rien à réparer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="113"/>
        <source>The storage is repaired: the other computers follow at their next sync.</source>
        <translation>Le stockage est réparé : les autres ordinateurs suivront à leur prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/repair.py" line="121"/>
        <source>The repair failed: please report this.</source>
        <translation>La réparation a échoué : merci de le signaler.</translation>
    </message>
</context>
<context>
    <name>RestoreBanner</name>
    <message>
        <location filename="../../desktop/app/restore_banner.py" line="44"/>
        <source>{0} of {1} parts of the full copy are on this computer.</source>
        <translation>{0} parties sur {1} de la copie complète sont sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_banner.py" line="48"/>
        <source>It goes on at the next sync.</source>
        <translation>Elle reprend à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_banner.py" line="52"/>
        <source>Restore in progress: the practice&apos;s history is still arriving. {0} Every patient, their problems, allergies, treatments and appointments are here; a chart may still miss older consultations or prescriptions.</source>
        <translation>Restauration en cours : l&apos;historique du cabinet arrive encore. {0} Tous les patients, leurs antécédents, allergies, traitements et rendez-vous sont là ; un dossier peut encore manquer de consultations ou d&apos;ordonnances anciennes.</translation>
    </message>
</context>
<context>
    <name>RestoreWizard</name>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="88"/>
        <source>Carnet: join a practice</source>
        <translation>Carnet : rejoindre un cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="88"/>
        <source>Carnet: restore a practice</source>
        <translation>Carnet : restaurer un cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="95"/>
        <source>&lt;h3&gt;The restore did not finish&lt;/h3&gt;&lt;p&gt;What was already downloaded is kept on this computer. Continue the restore to download the rest; if the storage asks for a password or keys, type them below.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;La restauration n&apos;est pas terminée&lt;/h3&gt;&lt;p&gt;Ce qui a déjà été téléchargé est conservé sur cet ordinateur. Poursuivez la restauration pour télécharger le reste ; si le stockage demande un mot de passe ou des clés, saisissez-les ci-dessous.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="103"/>
        <source>&lt;h3&gt;Bring the practice to this computer&lt;/h3&gt;&lt;p&gt;Carnet downloads the practice from its sync storage and decrypts it here. It can take a while; if it is interrupted, it continues where it stopped.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Installer le cabinet sur cet ordinateur&lt;/h3&gt;&lt;p&gt;Carnet télécharge le cabinet depuis son stockage de synchronisation et le déchiffre ici. Cela peut prendre un moment ; en cas d&apos;interruption, il reprend là où il s&apos;était arrêté.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="109"/>
        <source>Sync storage</source>
        <translation>Stockage de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="118"/>
        <location filename="../../desktop/app/restore_wizard.py" line="120"/>
        <source>Practice on this storage</source>
        <translation>Cabinet sur ce stockage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="128"/>
        <source>What opens the practice</source>
        <translation>Ce qui ouvre le cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="130"/>
        <source>Practice passphrase</source>
        <translation>Phrase secrète du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="131"/>
        <source>Recovery key (recovery kit)</source>
        <translation>Clé de récupération (kit de secours)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="132"/>
        <source>Enrollment code</source>
        <translation>Code d&apos;enrôlement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="147"/>
        <source>On this computer</source>
        <translation>Sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="149"/>
        <source>optional: your login in the practice</source>
        <translation>facultatif : votre identifiant dans le cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="155"/>
        <source>Your login</source>
        <translation>Votre identifiant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="156"/>
        <source>Passphrase for this computer</source>
        <translation>Phrase secrète de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="157"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="163"/>
        <location filename="../../desktop/app/restore_wizard.py" line="374"/>
        <location filename="../../desktop/app/restore_wizard.py" line="379"/>
        <source>Continue the restore</source>
        <translation>Poursuivre la restauration</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="165"/>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="167"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="171"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="211"/>
        <source>the passphrase that opens the practice on its storage</source>
        <translation>la phrase secrète qui ouvre le cabinet sur son stockage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="212"/>
        <source>the recovery key printed on the recovery kit</source>
        <translation>la clé de récupération imprimée sur le kit de secours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="213"/>
        <source>XXXX-XXXX-XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="218"/>
        <source>To restore the whole practice on a new computer.</source>
        <translation>Pour restaurer tout le cabinet sur un nouvel ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="219"/>
        <source>When the practice passphrase is lost.</source>
        <translation>Quand la phrase secrète du cabinet est perdue.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="221"/>
        <source>Made on an enrolled computer with &apos;carnet device enroll&apos;: single use, valid for a short time. This computer never learns the passphrase.</source>
        <translation>Créé sur un ordinateur enrôlé avec « carnet device enroll » : à usage unique, valable peu de temps. Cet ordinateur ne connaîtra jamais la phrase secrète.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="232"/>
        <source>Enter the address of the sync storage.</source>
        <translation>Saisissez l&apos;adresse du stockage de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="237"/>
        <source>Enter the passphrase chosen for this computer.</source>
        <translation>Saisissez la phrase secrète choisie pour cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="241"/>
        <source>Enter the practice passphrase.</source>
        <translation>Saisissez la phrase secrète du cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="242"/>
        <source>Enter the recovery key.</source>
        <translation>Saisissez la clé de récupération.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="243"/>
        <source>Enter the enrollment code.</source>
        <translation>Saisissez le code d&apos;enrôlement.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="247"/>
        <source>The passphrase for this computer needs at least {0} characters.</source>
        <translation>La phrase secrète de cet ordinateur doit compter au moins {0} caractères.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="250"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="267"/>
        <source>Connecting to the storage…</source>
        <translation>Connexion au stockage…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="313"/>
        <source>Downloading the practice: {0} of {1} parts</source>
        <translation>Téléchargement du cabinet : {0} parties sur {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="316"/>
        <source>Registering this computer…</source>
        <translation>Enregistrement de cet ordinateur…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="321"/>
        <source>Downloading what the practice needs to open: {0} of {1} parts</source>
        <translation>Téléchargement de ce qu&apos;il faut pour ouvrir le cabinet : {0} parties sur {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="326"/>
        <source>Downloading the latest full copy of the practice…</source>
        <translation>Téléchargement de la dernière copie complète du cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="329"/>
        <source>Building the search indexes…</source>
        <translation>Construction des index de recherche…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="337"/>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="354"/>
        <source>The practice is on this computer.</source>
        <translation>Le cabinet est sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="367"/>
        <source>This storage holds several practices. Choose the one to bring to this computer, then click “{0}” again.</source>
        <translation>Ce stockage contient plusieurs cabinets. Choisissez celui à installer sur cet ordinateur, puis cliquez de nouveau sur « {0} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/app/restore_wizard.py" line="372"/>
        <source>Restore paused. What was downloaded is kept: click “{0}” to continue where it stopped, now or the next time Carnet starts.</source>
        <translation>Restauration interrompue. Ce qui a été téléchargé est conservé : cliquez sur « {0} » pour reprendre là où elle s&apos;est arrêtée, maintenant ou au prochain démarrage de Carnet.</translation>
    </message>
</context>
<context>
    <name>RxSaving</name>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="66"/>
        <source>Line {0}: renewals are a number (0 to 12).</source>
        <translation>Ligne {0} : le nombre de renouvellements est un nombre (0 à 12).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="77"/>
        <source>Add at least one drug.</source>
        <translation>Ajoutez au moins un médicament.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="91"/>
        <source>Enter the child&apos;s weight: it is printed on a child&apos;s prescription.</source>
        <translation>Indiquez le poids de l&apos;enfant : il figure sur l&apos;ordonnance d&apos;un enfant.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="100"/>
        <source>{0} The ordonnance must say them. Save it anyway?</source>
        <translation>{0} L&apos;ordonnance doit les indiquer. L&apos;enregistrer quand même ?</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="101"/>
        <source>Save anyway</source>
        <translation>Enregistrer quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="102"/>
        <source>Complete the lines</source>
        <translation>Compléter les lignes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="125"/>
        <source>Line {0} ({1}) has no posology.</source>
        <translation>La ligne {0} ({1}) n&apos;a pas de posologie.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="128"/>
        <source>Line {0} ({1}) has no duration nor number of boxes.</source>
        <translation>La ligne {0} ({1}) n&apos;a ni durée ni nombre de boîtes.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="158"/>
        <source>Not saved: change the prescription.</source>
        <translation>Non enregistrée : modifiez l&apos;ordonnance.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="198"/>
        <source>Saved, but: {0}</source>
        <translation>Enregistrée, mais : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="217"/>
        <source>Save the prescription as PDF</source>
        <translation>Enregistrer l&apos;ordonnance en PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="219"/>
        <source>No file chosen: nothing was saved.</source>
        <translation>Aucun fichier choisi : rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="234"/>
        <source>Print the prescription</source>
        <translation>Imprimer l&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_saving.py" line="240"/>
        <source>Not printed.</source>
        <translation>Non imprimée.</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="43"/>
        <source>&lt;i&gt;Search for a patient and press Enter.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Cherchez un patient puis appuyez sur Entrée.&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="47"/>
        <source>Today&apos;s appointments</source>
        <translation>Rendez-vous du jour</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="49"/>
        <source>&lt;b&gt;Recently opened &amp;charts&lt;/b&gt;</source>
        <translation>&lt;b&gt;&amp;Dossiers ouverts récemment&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="52"/>
        <source>Recently opened charts</source>
        <translation>Dossiers ouverts récemment</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="116"/>
        <source>&lt;b&gt;&amp;Your appointments today&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;&amp;Vos rendez-vous du jour&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="118"/>
        <source>&lt;b&gt;&amp;Today&apos;s appointments&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;Rendez-vous du &amp;jour&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="129"/>
        <source>(cancelled)</source>
        <translation>(annulé)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="132"/>
        <source>No appointment today.</source>
        <translation>Aucun rendez-vous aujourd&apos;hui.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/start_screen.py" line="140"/>
        <source>No chart opened yet.</source>
        <translation>Aucun dossier ouvert pour l&apos;instant.</translation>
    </message>
</context>
<context>
    <name>StorageForm</name>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="64"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="64"/>
        <source>WebDAV</source>
        <translation>WebDAV</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="64"/>
        <source>S3</source>
        <translation>S3</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="68"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="79"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="85"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="86"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="88"/>
        <source>Server password</source>
        <translation>Mot de passe du serveur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="89"/>
        <source>S3 endpoint</source>
        <translation>Point d&apos;accès S3</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="90"/>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="91"/>
        <source>Access key ID</source>
        <translation>Identifiant de clé d&apos;accès</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="92"/>
        <source>Secret access key</source>
        <translation>Clé d&apos;accès secrète</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="101"/>
        <source>folder path</source>
        <translation>chemin du dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="102"/>
        <source>user@server/path</source>
        <translation>utilisateur@serveur/chemin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="103"/>
        <source>bucket/prefix</source>
        <translation>bucket/préfixe</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="150"/>
        <source>Sync folder</source>
        <translation>Dossier de synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="158"/>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/storage_form.py" line="168"/>
        <source>Connection OK</source>
        <translation>Connexion réussie</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../desktop/app/summary.py" line="47"/>
        <source>Medical summary: {0}</source>
        <translation>Synthèse médicale : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/summary.py" line="53"/>
        <source>Summary preview</source>
        <translation>Aperçu de la synthèse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/summary.py" line="56"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/summary.py" line="57"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/summary.py" line="83"/>
        <source>Save the summary as PDF</source>
        <translation>Enregistrer la synthèse en PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/app/summary.py" line="100"/>
        <source>Not printed.</source>
        <translation>Non imprimée.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="209"/>
        <source>unexpected problem ({0})</source>
        <translation>problème inattendu ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="229"/>
        <source>the sync storage is not found (a disk or a network share not connected?). Your work is kept on this computer; Carnet syncs again on its own once it is back (F5 to try now).</source>
        <translation>le stockage est introuvable (disque ou partage réseau non branché ?). Votre travail reste sur cet ordinateur ; Carnet synchronise de lui-même dès son retour (F5 pour essayer maintenant).</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="49"/>
        <source>Sync status</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="55"/>
        <source>1 chart changed</source>
        <translation>1 dossier modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="56"/>
        <source>{0} charts changed</source>
        <translation>{0} dossiers modifiés</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="58"/>
        <source>{0} changes</source>
        <translation>{0} modifications</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="60"/>
        <source>practice settings changed</source>
        <translation>réglages du cabinet modifiés</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="61"/>
        <source>nothing waiting</source>
        <translation>rien en attente</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="66"/>
        <source>Sync not configured: {0}, on this computer only</source>
        <translation>Synchronisation non configurée : {0}, sur cet ordinateur seulement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="70"/>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="72"/>
        <source>Synced at {0}</source>
        <translation>Synchronisé à {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="76"/>
        <source>Offline since {0}: {1} waiting</source>
        <translation>Hors ligne depuis {0} : {1} en attente</translation>
    </message>
    <message>
        <location filename="../../desktop/app/sync_status.py" line="78"/>
        <source>Sync error: {0}</source>
        <translation>Erreur de synchronisation : {0}</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../desktop/app/letters.py" line="65"/>
        <source>Template: {0}</source>
        <translation>Modèle : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="69"/>
        <source>Template text</source>
        <translation>Texte du modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/letters.py" line="71"/>
        <source>Fields filled in: {0}</source>
        <translation>Champs remplis automatiquement : {0}</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="25"/>
        <source>Prescription templates</source>
        <translation>Modèles d&apos;ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="26"/>
        <source>&amp;Templates:</source>
        <translation>&amp;Modèles :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="27"/>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="28"/>
        <source>Use</source>
        <translation>Utiliser</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="34"/>
        <source>Save these lines as a template…</source>
        <translation>Enregistrer ces lignes comme modèle…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/rx_templates.py" line="40"/>
        <source>No template yet: write the lines, then save them as a template.</source>
        <translation>Aucun modèle pour l&apos;instant : écrivez les lignes, puis enregistrez-les comme modèle.</translation>
    </message>
</context>
<context>
    <name>TreatmentDialog</name>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="33"/>
        <source>Not said</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="34"/>
        <source>Long-term treatment</source>
        <translation>Traitement au long cours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="35"/>
        <source>Short course</source>
        <translation>Traitement court</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="80"/>
        <source>Edit a treatment</source>
        <translation>Modifier un traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="80"/>
        <source>Add a treatment</source>
        <translation>Ajouter un traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="84"/>
        <source>Drug (DCI)</source>
        <translation>Médicament (DCI)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="85"/>
        <source>Dosage</source>
        <translation>Posologie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="86"/>
        <location filename="../../desktop/app/treatment_dialogs.py" line="109"/>
        <source>Started on</source>
        <translation>Débuté le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="88"/>
        <source>Course</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="89"/>
        <location filename="../../desktop/app/treatment_dialogs.py" line="109"/>
        <source>Stopped on</source>
        <translation>Arrêté le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="90"/>
        <source>Reason for stopping</source>
        <translation>Motif d&apos;arrêt</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="91"/>
        <source>side effect, cured, replaced…</source>
        <translation>effet indésirable, guérison, remplacé…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="93"/>
        <source>22/06/2026</source>
        <translation>22/06/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="98"/>
        <source>Stop today</source>
        <translation>Arrêter aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="113"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="116"/>
        <source>Name the drug.</source>
        <translation>Indiquez le médicament.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="119"/>
        <source>A treatment cannot stop before it started.</source>
        <translation>Un traitement ne peut pas s&apos;arrêter avant d&apos;avoir commencé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="122"/>
        <source>A reason for stopping needs the date it stopped.</source>
        <translation>Un motif d&apos;arrêt demande la date d&apos;arrêt.</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../desktop/app/undo_bar.py" line="18"/>
        <location filename="../../desktop/app/undo_bar.py" line="19"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../desktop/app/unlock.py" line="42"/>
        <source>Carnet: unlock</source>
        <translation>Carnet : déverrouiller</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="45"/>
        <source>Your practice</source>
        <translation>Votre cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="50"/>
        <source>your login (empty: whoever the passphrase opens)</source>
        <translation>votre identifiant (vide : celui qu&apos;ouvre la phrase secrète)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="57"/>
        <source>Remember on this computer</source>
        <translation>Se souvenir sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="63"/>
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="64"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="69"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="96"/>
        <source>Remember on this computer (no keyring here)</source>
        <translation>Mémoriser sur cet ordinateur (pas de trousseau ici)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="125"/>
        <source>Unlocking… This version of Carnet brings the practice&apos;s database up to date, once: a few seconds, up to a few minutes for a very large practice that never synced. Do not close Carnet.</source>
        <translation>Déverrouillage… Cette version de Carnet met à jour la base de données du cabinet, une seule fois : quelques secondes, jusqu&apos;à quelques minutes pour un très gros cabinet jamais synchronisé. Ne fermez pas Carnet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="135"/>
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/unlock.py" line="172"/>
        <source>The practice could not be opened.</source>
        <translation>Le cabinet n&apos;a pas pu être ouvert.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop/app/users.py" line="111"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="114"/>
        <source>Users of the practice</source>
        <translation>Utilisateurs du cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="116"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="116"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="116"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="116"/>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="116"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="123"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="127"/>
        <source>Locum&apos;s last day</source>
        <translation>Dernier jour du remplacement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="128"/>
        <source>Set the last day</source>
        <translation>Fixer le dernier jour</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="130"/>
        <source>Deactivate…</source>
        <translation>Désactiver…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="157"/>
        <source>deactivated</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="159"/>
        <source>ended</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="161"/>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="196"/>
        <source>The locum&apos;s last day is now {0}.</source>
        <translation>Le dernier jour du remplacement est désormais le {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="208"/>
        <source>Deactivate a user</source>
        <translation>Désactiver un utilisateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="210"/>
        <source>{0} will no longer log in: on this computer now, on the others at their next sync. The database key of this computer is changed, so a copy of the old key file no longer opens it. A copy of the database they already took stays readable, and the devices they used can still sync until you revoke them (Practice &gt; Devices…).</source>
        <translation>{0} ne pourra plus se connecter : sur cet ordinateur dès maintenant, sur les autres à leur prochaine synchronisation. La clé de la base de cet ordinateur est changée : une copie de l&apos;ancien fichier de clés ne l&apos;ouvre plus. Une copie de la base déjà emportée reste lisible, et les appareils utilisés par cette personne peuvent encore se synchroniser tant que vous ne les avez pas révoqués (Cabinet &gt; Appareils…).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="216"/>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="217"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/app/users.py" line="226"/>
        <source>{0} is deactivated. Revoke the devices they used to stop their sync.</source>
        <translation>{0} est désactivé(e). Révoquez les appareils utilisés par cette personne pour arrêter leur synchronisation.</translation>
    </message>
</context>
<context>
    <name>VaccinationDialog</name>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="38"/>
        <source>Not said</source>
        <translation>Non précisée</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="39"/>
        <source>Intramuscular (IM)</source>
        <translation>Intramusculaire (IM)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="40"/>
        <source>Subcutaneous (SC)</source>
        <translation>Sous-cutanée (SC)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="41"/>
        <source>Intradermal (ID)</source>
        <translation>Intradermique (ID)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="42"/>
        <source>Oral</source>
        <translation>Orale</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="43"/>
        <source>Nasal</source>
        <translation>Nasale</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="143"/>
        <source>Edit a vaccination</source>
        <translation>Modifier une vaccination</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="143"/>
        <source>Add a vaccination</source>
        <translation>Ajouter une vaccination</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="147"/>
        <source>Vaccine (product)</source>
        <translation>Vaccin (produit)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="148"/>
        <source>Given on</source>
        <translation>Fait le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="149"/>
        <source>22/06/2026</source>
        <translation>22/06/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="153"/>
        <source>Lot number</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="154"/>
        <source>Dose number</source>
        <translation>Numéro de dose</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="155"/>
        <source>1, 2, 3…</source>
        <translation>1, 2, 3…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="157"/>
        <source>Route</source>
        <translation>Voie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="158"/>
        <source>Injection site</source>
        <translation>Site d&apos;injection</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="159"/>
        <source>left deltoid</source>
        <translation>deltoïde gauche</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="166"/>
        <source>Given on: {0}</source>
        <translation>Fait le : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="169"/>
        <source>Name the vaccine.</source>
        <translation>Indiquez le vaccin.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="172"/>
        <source>Type the date it was given.</source>
        <translation>Tapez la date de l&apos;injection.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="177"/>
        <source>The dose number is a whole number: 1, 2, 3…</source>
        <translation>Le numéro de dose est un nombre entier : 1, 2, 3…</translation>
    </message>
</context>
<context>
    <name>VaccinationsView</name>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="195"/>
        <source>Vaccinations: {0}</source>
        <translation>Vaccinations : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="201"/>
        <source>Vaccinations</source>
        <translation>Vaccinations</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="204"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="204"/>
        <source>Vaccine</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="204"/>
        <source>Lot number</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="204"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="205"/>
        <source>Route</source>
        <translation>Voie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="205"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="195"/>
        <source>Add a vaccination…</source>
        <translation>Ajouter une vaccination…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/treatment_dialogs.py" line="233"/>
        <source>{0} vaccinations</source>
        <translation>{0} vaccinations</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="62"/>
        <source>&amp;Practice</source>
        <translation>&amp;Cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="63"/>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="67"/>
        <source>Repair the storage…</source>
        <translation>Réparer le stockage…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="70"/>
        <source>Sync conflicts…</source>
        <translation>Conflits de synchronisation…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="72"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="78"/>
        <source>Forget this computer</source>
        <translation>Oublier cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="79"/>
        <source>Remove the key remembered in this computer&apos;s keyring</source>
        <translation>Retirer la clé mémorisée dans le trousseau de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="81"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="84"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="87"/>
        <source>Sync settings…</source>
        <translation>Réglages de synchronisation…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="89"/>
        <source>New recovery kit…</source>
        <translation>Nouveau kit de secours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="92"/>
        <source>Preferences…</source>
        <translation>Préférences…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="95"/>
        <source>Practice details…</source>
        <translation>Cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="97"/>
        <source>Devices…</source>
        <translation>Appareils…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="100"/>
        <source>Access log…</source>
        <translation>Journal d&apos;accès…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="102"/>
        <source>My practitioner profile…</source>
        <translation>Mon profil de praticien…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="104"/>
        <source>Users…</source>
        <translation>Utilisateurs…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="125"/>
        <source>Find a patient</source>
        <translation>Chercher un patient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="129"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="153"/>
        <source>P&amp;atient</source>
        <translation>P&amp;atient</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="154"/>
        <source>New patient…</source>
        <translation>Nouveau patient…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="157"/>
        <source>Delete this chart…</source>
        <translation>Supprimer ce dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="159"/>
        <source>Deleted charts…</source>
        <translation>Dossiers supprimés…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="161"/>
        <source>Letter or certificate…</source>
        <translation>Courrier ou certificat…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="165"/>
        <source>Medical summary…</source>
        <translation>Synthèse médicale…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/window_menus.py" line="169"/>
        <source>Close the chart</source>
        <translation>Fermer le dossier</translation>
    </message>
</context>
<context>
    <name>WriteDialog</name>
    <message>
        <location filename="../../desktop/app/record_dialogs.py" line="75"/>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>_ExportDialog</name>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="87"/>
        <source>Export progress</source>
        <translation>Progression de l&apos;export</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="90"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="93"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="112"/>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="119"/>
        <source>Exporting {0}: {1}</source>
        <translation>Export de {0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="123"/>
        <source>Exported to {0}</source>
        <translation>Exporté dans {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/export_dialogs.py" line="129"/>
        <source>Export cancelled; no file was kept.</source>
        <translation>Export annulé ; aucun fichier n&apos;a été gardé.</translation>
    </message>
</context>
<context>
    <name>_FieldsDialog</name>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="58"/>
        <source>The RPPS number has 11 digits.</source>
        <translation>Le n° RPPS a 11 chiffres.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="60"/>
        <source>The email address looks wrong (name@domain.fr).</source>
        <translation>L&apos;adresse de courriel semble fausse (nom@domaine.fr).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/practice_details.py" line="62"/>
        <source>The phone number may hold only digits, spaces and + . - ( ).</source>
        <translation>Le numéro de téléphone ne contient que des chiffres, des espaces et + . - ( ).</translation>
    </message>
</context>
<context>
    <name>chart</name>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="40"/>
        <source>Woman</source>
        <translation>Femme</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="41"/>
        <source>Man</source>
        <translation>Homme</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="44"/>
        <source>Medical</source>
        <translation>Médical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="45"/>
        <source>Surgical</source>
        <translation>Chirurgical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="46"/>
        <source>Family</source>
        <translation>Familial</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="47"/>
        <source>Obstetric</source>
        <translation>Obstétrical</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="48"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="51"/>
        <source>S (subjective)</source>
        <translation>S (subjectif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="52"/>
        <source>O (objective)</source>
        <translation>O (objectif)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="53"/>
        <source>A (assessment)</source>
        <translation>A (analyse)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="54"/>
        <source>P (plan)</source>
        <translation>P (plan)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="79"/>
        <source>No known allergy</source>
        <translation>Aucune allergie connue</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="81"/>
        <source>(recorded {0} by {1})</source>
        <translation>(noté le {0} par {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="101"/>
        <source>Allergies: {0}</source>
        <translation>Allergies : {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="107"/>
        <source>Allergies not documented</source>
        <translation>Allergies non renseignées</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="141"/>
        <location filename="../../desktop/app/chart_html.py" line="155"/>
        <source>since {0}</source>
        <translation>depuis {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="144"/>
        <source>resolved {0}</source>
        <translation>résolu {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="157"/>
        <source>long-term</source>
        <translation>au long cours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="159"/>
        <source>short course</source>
        <translation>traitement court</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="162"/>
        <source>stopped {0}</source>
        <translation>arrêté le {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="175"/>
        <source>, dose {0}</source>
        <translation>, dose {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="217"/>
        <location filename="../../desktop/app/chart_html.py" line="344"/>
        <source>BMI {0}</source>
        <translation>IMC {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="246"/>
        <source>No appointment booked.</source>
        <translation>Aucun rendez-vous pris.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="266"/>
        <source>Problems</source>
        <translation>Antécédents</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="267"/>
        <source>Past problems</source>
        <translation>Antécédents résolus</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="275"/>
        <source>Current treatments</source>
        <translation>Traitements en cours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="279"/>
        <source>Stopped treatments</source>
        <translation>Traitements arrêtés</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="283"/>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="293"/>
        <source>Last vitals</source>
        <translation>Dernières constantes</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="297"/>
        <source>Weight, height and head circumference…</source>
        <translation>Poids, taille et périmètre crânien…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="299"/>
        <source>Growth</source>
        <translation>Croissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="306"/>
        <source>Every result, by analyte ({0})…</source>
        <translation>Tous les résultats, par analyse ({0})…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="308"/>
        <source>Lab results</source>
        <translation>Résultats biologiques</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="312"/>
        <source>All the vaccinations ({0})…</source>
        <translation>Toutes les vaccinations ({0})…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="314"/>
        <source>Vaccinations</source>
        <translation>Vaccinations</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="244"/>
        <location filename="../../desktop/app/chart_html.py" line="315"/>
        <source>Appointments</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="317"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="322"/>
        <source>Empty chart.</source>
        <translation>Dossier vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="332"/>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="348"/>
        <source>Vitals:</source>
        <translation>Constantes :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="362"/>
        <source>Diagnoses:</source>
        <translation>Diagnostics :</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="385"/>
        <source>Consultation of {0}</source>
        <translation>Consultation du {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="396"/>
        <source>version {0} of {1}, written {2}</source>
        <translation>version {0} sur {1}, écrite le {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/chart_html.py" line="402"/>
        <source>Its content is not on this computer yet: it arrives with the next sync.</source>
        <translation>Son contenu n&apos;est pas encore sur cet ordinateur : il arrive avec la prochaine synchronisation.</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../desktop/app/main.py" line="143"/>
        <source>Carnet hit an unexpected error ({0}). Everything saved is safe and drafts are kept. Details for support: {1}</source>
        <translation>Carnet a rencontré une erreur inattendue ({0}). Tout ce qui est enregistré est en sécurité et les brouillons sont conservés. Détails pour l&apos;assistance : {1}</translation>
    </message>
</context>
<context>
    <name>dates</name>
    <message>
        <location filename="../../desktop/app/dates.py" line="72"/>
        <source>“{0}”: the day, month and year are needed (for example 22/06/1941).</source>
        <translation>« {0} » : il faut le jour, le mois et l&apos;année (par exemple 22/06/1941).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="80"/>
        <source>“{0}” is not a date of the calendar.</source>
        <translation>« {0} » n&apos;est pas une date du calendrier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="84"/>
        <source>“{0}” is in the future or too long ago.</source>
        <translation>« {0} » est dans le futur ou trop ancienne.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="95"/>
        <source>“{0}” is not a date: type 22/06/1941, 06/1941 or 1941.</source>
        <translation>« {0} » n&apos;est pas une date : tapez 22/06/1941, 06/1941 ou 1941.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="98"/>
        <source>“{0}” is not a date: type it as 22/06/1941.</source>
        <translation>« {0} » n&apos;est pas une date : tapez-la comme 22/06/1941.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="152"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="155"/>
        <source>{0} month</source>
        <translation>{0} mois</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="157"/>
        <source>{0} months</source>
        <translation>{0} mois</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="161"/>
        <source>{0} day</source>
        <translation>{0} jour</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="163"/>
        <source>{0} days</source>
        <translation>{0} jours</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="173"/>
        <source>born on {0}</source>
        <comment>female</comment>
        <translation>née le {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="175"/>
        <source>born on {0}</source>
        <comment>male</comment>
        <translation>né le {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="176"/>
        <source>born on {0}</source>
        <comment>unknown sex</comment>
        <translation>né(e) le {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="182"/>
        <source>born {0}</source>
        <comment>female</comment>
        <translation>née {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="184"/>
        <source>born {0}</source>
        <comment>male</comment>
        <translation>né {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/dates.py" line="185"/>
        <source>born {0}</source>
        <comment>unknown sex</comment>
        <translation>né(e) {0}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/app/errors.py" line="60"/>
        <source>Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Phrase secrète incorrecte. Vérifiez le verrouillage majuscules et la disposition du clavier, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="38"/>
        <source>The folder {0} already holds files: Carnet restores a practice only into an empty folder. Move those files away, or start Carnet with another data folder.</source>
        <translation>Le dossier {0} contient déjà des fichiers : Carnet ne restaure un cabinet que dans un dossier vide. Déplacez ces fichiers, ou lancez Carnet avec un autre dossier de données.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="44"/>
        <source>This computer has no secure keyring to keep the storage credentials, so the background sync could not use them. Open a desktop session with a keyring, or give them to Carnet in its environment (CARNET_REMOTE_PASSWORD, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau sécurisé pour conserver les identifiants du stockage : la synchronisation en arrière-plan ne pourrait pas s&apos;en servir. Ouvrez une session de bureau avec un trousseau, ou donnez-les à Carnet par son environnement (CARNET_REMOTE_PASSWORD, ou AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="67"/>
        <source>This enrollment code is wrong, expired or already used. On an enrolled computer, make a new one (&apos;carnet device enroll&apos;) and type it within its validity.</source>
        <translation>Ce code d&apos;enrôlement est erroné, expiré ou déjà utilisé. Sur un ordinateur enrôlé, créez-en un nouveau (« carnet device enroll ») et saisissez-le pendant sa validité.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="79"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="81"/>
        <source>The passphrase or recovery key does not open this practice.</source>
        <translation>La phrase secrète ou la clé de récupération n&apos;ouvre pas ce cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="85"/>
        <source>There is no Carnet practice at this address (or the place does not exist). Check the address.</source>
        <translation>Il n&apos;y a pas de cabinet Carnet à cette adresse (ou l&apos;emplacement n&apos;existe pas). Vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="91"/>
        <source>The sync storage refused the login and password (or the access keys). Your work is saved on this computer; check them in Practice &gt; Sync settings, then sync again.</source>
        <translation>Le stockage de synchronisation a refusé l&apos;identifiant et le mot de passe (ou les clés d&apos;accès). Votre travail est enregistré sur cet ordinateur ; vérifiez-les dans Cabinet &gt; Réglages de synchronisation, puis synchronisez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="98"/>
        <source>The sync storage cannot be reached. Your work is saved on this computer; check the network or the credentials, then sync again.</source>
        <translation>Le stockage de synchronisation est injoignable. Votre travail est enregistré sur cet ordinateur ; vérifiez le réseau ou les identifiants, puis synchronisez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/errors.py" line="104"/>
        <source>The sync storage holds damaged or forged data; nothing from it was applied. Run a remote check and contact your support.</source>
        <translation>Le stockage de synchronisation contient des données abîmées ou falsifiées ; rien n&apos;en a été appliqué. Lancez une vérification et contactez votre assistance.</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="16"/>
        <source>Family name</source>
        <translation>Nom d&apos;usage</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="17"/>
        <source>Birth name</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="18"/>
        <source>Given names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="19"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="20"/>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="21"/>
        <source>Birth place</source>
        <translation>Lieu de naissance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="22"/>
        <source>Social security number</source>
        <translation>Numéro de sécurité sociale</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="23"/>
        <source>INS status</source>
        <translation>Statut INS</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="24"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="25"/>
        <source>Second phone</source>
        <translation>Second téléphone</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="26"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="27"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="28"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="29"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="30"/>
        <source>Referring GP</source>
        <translation>Médecin traitant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="31"/>
        <source>Insurance</source>
        <translation>Assurance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="32"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="33"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="34"/>
        <source>CIM-10 code</source>
        <translation>Code CIM-10</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="35"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="36"/>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="37"/>
        <source>Resolved on</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="38"/>
        <source>Substance</source>
        <translation>Substance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="39"/>
        <source>Reaction</source>
        <translation>Réaction</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="40"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="41"/>
        <source>Drug</source>
        <translation>Médicament</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="42"/>
        <source>Dosage</source>
        <translation>Posologie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="43"/>
        <source>Started on</source>
        <translation>Débuté le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="44"/>
        <source>Stopped on</source>
        <translation>Arrêté le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="45"/>
        <source>Vaccine</source>
        <translation>Vaccin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="46"/>
        <source>Given on</source>
        <translation>Fait le</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="47"/>
        <source>Lot number</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="48"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="49"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="50"/>
        <source>Duration (min)</source>
        <translation>Durée (min)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="51"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="52"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="53"/>
        <location filename="../../desktop/app/field_labels.py" line="71"/>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="54"/>
        <location filename="../../desktop/app/field_labels.py" line="55"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="56"/>
        <source>RPPS number</source>
        <translation>Numéro RPPS</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="57"/>
        <source>Specialty</source>
        <translation>Spécialité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="58"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="61"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="62"/>
        <source>Problem</source>
        <translation>Antécédent</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="63"/>
        <source>Allergy</source>
        <translation>Allergie</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="64"/>
        <source>Treatment</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="65"/>
        <source>Vaccination</source>
        <translation>Vaccination</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="66"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="67"/>
        <source>Appointment</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="68"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="69"/>
        <source>Prescription</source>
        <translation>Ordonnance</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="70"/>
        <source>Practice</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="84"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="90"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="101"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../desktop/app/field_labels.py" line="103"/>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>growth</name>
    <message>
        <location filename="../../desktop/app/growth.py" line="25"/>
        <source>Weight (kg)</source>
        <translation>Poids (kg)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="26"/>
        <source>Height (cm)</source>
        <translation>Taille (cm)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="27"/>
        <source>Head circumference (cm)</source>
        <translation>Périmètre crânien (cm)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="113"/>
        <source>Age (months)</source>
        <translation>Âge (mois)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/growth.py" line="115"/>
        <source>Age (years)</source>
        <translation>Âge (ans)</translation>
    </message>
</context>
<context>
    <name>interop</name>
    <message>
        <location filename="../../desktop/app/interop_actions.py" line="17"/>
        <source>Export the practice…</source>
        <translation>Exporter le cabinet…</translation>
    </message>
    <message>
        <location filename="../../desktop/app/interop_actions.py" line="20"/>
        <source>Import patients from a CSV…</source>
        <translation>Importer des patients depuis un CSV…</translation>
    </message>
</context>
<context>
    <name>numbers</name>
    <message>
        <location filename="../../desktop/app/numbers.py" line="26"/>
        <source>“{0}” is not a number.</source>
        <translation>« {0} » n&apos;est pas un nombre.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/numbers.py" line="32"/>
        <source>“{0}”: a whole number is expected.</source>
        <translation>« {0} » : un nombre entier est attendu.</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <location filename="../../desktop/app/paper.py" line="26"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>repair</name>
    <message>
        <location filename="../../desktop/app/repair.py" line="36"/>
        <source>The storage lost data this practice had stored (rolled back or deleted); nothing was sent onto the gap. If it cannot be put back, use Practice &gt; Repair the storage… on the computer that holds the most recent data.</source>
        <translation>Le stockage a perdu des données que le cabinet y avait enregistrées (retour en arrière ou suppression) ; rien n’a été envoyé par-dessus le trou. S’il ne peut pas être remis en place, utilisez Cabinet &gt; Réparer le stockage… sur l’ordinateur qui détient les données les plus récentes.</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="75"/>
        <source>Type the family name.</source>
        <translation>Saisissez le nom de famille.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="86"/>
        <source>An enrollment code is valid for 24 hours at most.</source>
        <translation>Un code d’inscription est valable 24 heures au plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="90"/>
        <source>The practice&apos;s database in {0} is empty: it was truncated or replaced. Restore the practice from its sync storage into a new folder.</source>
        <translation>La base du cabinet dans {0} est vide : elle a été tronquée ou remplacée. Restaurez le cabinet depuis son stockage de synchronisation dans un nouveau dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="27"/>
        <source>a date such as 22/06/1941</source>
        <translation>une date comme 22/06/1941</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="28"/>
        <source>a date, a month or a year: 22/06/1941, 06/1941 or 1941</source>
        <translation>une date, un mois ou une année : 22/06/1941, 06/1941 ou 1941</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="29"/>
        <source>a date and a time</source>
        <translation>une date et une heure</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="30"/>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="31"/>
        <source>a number such as 38,5</source>
        <translation>un nombre comme 38,5</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="32"/>
        <source>yes or no</source>
        <translation>oui ou non</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="33"/>
        <source>a text</source>
        <translation>un texte</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="34"/>
        <source>a list</source>
        <translation>une liste</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="41"/>
        <source>{0}: this value is not valid; type {1}.</source>
        <translation>{0} : cette valeur n&apos;est pas valide ; tapez {1}.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="47"/>
        <source>This version of Carnet does not know the field “{0}”.</source>
        <translation>Cette version de Carnet ne connaît pas le champ « {0} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="53"/>
        <source>doctor</source>
        <translation>médecin</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="54"/>
        <source>locum</source>
        <translation>remplaçant</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="55"/>
        <source>secretary</source>
        <translation>secrétaire</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="64"/>
        <source>Your role ({0}) does not open clinical content. Log in as a doctor or a locum for that.</source>
        <translation>Votre rôle ({0}) n&apos;ouvre pas le contenu médical. Connectez-vous en tant que médecin ou remplaçant pour cela.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="74"/>
        <source>Choose the sex: female, male or unknown.</source>
        <translation>Choisissez le sexe : féminin, masculin ou inconnu.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="78"/>
        <source>Social security number: the key (last 2 digits) does not match the first 13 digits; check the number on the carte Vitale.</source>
        <translation>Numéro de sécurité sociale : la clé (2 derniers chiffres) ne correspond pas aux 13 premiers chiffres ; vérifiez le numéro sur la carte Vitale.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="82"/>
        <source>Social security number: type the 13 digits and the 2-digit key, as on the carte Vitale (for example 2 85 03 75 108 123 95).</source>
        <translation>Numéro de sécurité sociale : tapez les 13 chiffres et la clé à 2 chiffres, comme sur la carte Vitale (par exemple 2 85 03 75 108 123 95).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="94"/>
        <source>Type the practice&apos;s name and the doctor&apos;s login.</source>
        <translation>Tapez le nom du cabinet et l&apos;identifiant du médecin.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="98"/>
        <source>The passphrase must have at least 8 characters.</source>
        <translation>La phrase secrète doit avoir au moins 8 caractères.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="102"/>
        <source>A signed entry is never changed: amend it (a new version).</source>
        <translation>Une entrée signée n&apos;est jamais modifiée : amendez-la (nouvelle version).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="104"/>
        <source>Choose which value to keep.</source>
        <translation>Choisissez la valeur à garder.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="107"/>
        <source>An enrollment code must be valid for at least a minute.</source>
        <translation>Un code d&apos;enrôlement doit être valable au moins une minute.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="112"/>
        <source>The folder {0} already holds a practice.</source>
        <translation>Le dossier {0} contient déjà un cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="116"/>
        <source>The folder {0} already holds a practice; choose an empty one.</source>
        <translation>Le dossier {0} contient déjà un cabinet ; choisissez un dossier vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="120"/>
        <source>The folder {0} is not empty; restore into an empty folder.</source>
        <translation>Le dossier {0} n&apos;est pas vide ; restaurez dans un dossier vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="124"/>
        <source>The folder {0} cannot be created ({1}): check the disk and the permissions.</source>
        <translation>Le dossier {0} ne peut pas être créé ({1}) : vérifiez le disque et les droits.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="128"/>
        <source>The folder {0} holds no practice database.</source>
        <translation>Le dossier {0} ne contient pas de base de cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="133"/>
        <source>The folder {0} is not a Carnet practice: create a practice, or choose the right folder.</source>
        <translation>Le dossier {0} n&apos;est pas un cabinet Carnet : créez un cabinet ou choisissez le bon dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="137"/>
        <source>The practice database is missing from {0}: restore the practice from its sync storage.</source>
        <translation>La base du cabinet manque dans {0} : restaurez le cabinet depuis son stockage de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="141"/>
        <location filename="../../desktop/app/store_messages.py" line="145"/>
        <source>The key file {0} is damaged: restore the practice from its sync storage or with the recovery kit.</source>
        <translation>Le fichier de clés {0} est endommagé : restaurez le cabinet depuis son stockage de synchronisation ou avec le kit de secours.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="149"/>
        <source>The key file cannot be written in {0} ({1}): check the free space and the permissions.</source>
        <translation>Le fichier de clés ne peut pas être écrit dans {0} ({1}) : vérifiez l&apos;espace libre et les droits.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="153"/>
        <source>This installation of Carnet is incomplete (SQLCipher {0} or newer is needed): reinstall Carnet.</source>
        <translation>Cette installation de Carnet est incomplète (SQLCipher {0} ou plus récent est nécessaire) : réinstallez Carnet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="158"/>
        <source>The practice in {0} was written by a newer Carnet: install the newer version on this computer.</source>
        <translation>Le cabinet dans {0} a été écrit par un Carnet plus récent : installez la nouvelle version sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="163"/>
        <source>The restore into {0} did not finish: start it again, it continues where it stopped.</source>
        <translation>La restauration dans {0} n&apos;est pas terminée : relancez-la, elle reprend où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="167"/>
        <source>This computer is still receiving the practice&apos;s history from its restore (see the band above the charts): try again once it is complete.</source>
        <translation>Cet ordinateur reçoit encore l&apos;historique du cabinet de sa restauration (voir le bandeau au-dessus des dossiers) : réessayez une fois qu&apos;elle est terminée.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="173"/>
        <source>Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Phrase secrète incorrecte. Vérifiez la touche Verr. Maj et la disposition du clavier, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="177"/>
        <source>Type the passphrase to unlock the practice.</source>
        <translation>Tapez la phrase secrète pour déverrouiller le cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="182"/>
        <source>This record is not on this computer (it may have been deleted on another one); reopen the chart.</source>
        <translation>Cette fiche n&apos;est pas sur cet ordinateur (elle a peut-être été supprimée sur un autre) ; rouvrez le dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="184"/>
        <source>This patient is not on this computer (the chart may have been deleted); search again.</source>
        <translation>Ce patient n&apos;est pas sur cet ordinateur (le dossier a peut-être été supprimé) ; cherchez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="185"/>
        <source>This document is not on this computer; reopen the chart.</source>
        <translation>Ce document n&apos;est pas sur cet ordinateur ; rouvrez le dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="186"/>
        <source>This conflict was already settled.</source>
        <translation>Ce conflit est déjà réglé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="189"/>
        <source>This document&apos;s content is not on this computer yet: sync to fetch it.</source>
        <translation>Le contenu de ce document n&apos;est pas encore sur cet ordinateur : synchronisez pour le récupérer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="193"/>
        <source>This document is damaged on this computer: sync again, or restore the practice.</source>
        <translation>Ce document est endommagé sur cet ordinateur : synchronisez à nouveau ou restaurez le cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="197"/>
        <source>An attached file is not on this computer yet: sync to fetch it.</source>
        <translation>Un fichier joint n&apos;est pas encore sur cet ordinateur : synchronisez pour le récupérer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="202"/>
        <location filename="../../desktop/app/store_messages.py" line="206"/>
        <location filename="../../desktop/app/store_messages.py" line="211"/>
        <source>Another computer runs a newer Carnet: update Carnet on this computer, then sync again.</source>
        <translation>Un autre ordinateur utilise un Carnet plus récent : mettez à jour Carnet sur cet ordinateur, puis synchronisez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="215"/>
        <source>Sync is not set up: open Practice &gt; Sync settings.</source>
        <translation>La synchronisation n&apos;est pas configurée : ouvrez Cabinet &gt; Réglages de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="219"/>
        <source>A computer cannot revoke itself: revoke it from another one.</source>
        <translation>Un ordinateur ne peut pas se révoquer lui-même : révoquez-le depuis un autre.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="221"/>
        <source>This computer is already revoked.</source>
        <translation>Cet ordinateur est déjà révoqué.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="224"/>
        <source>This computer is not one of the practice&apos;s.</source>
        <translation>Cet ordinateur ne fait pas partie du cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="228"/>
        <source>This practice already uses other sync storage.</source>
        <translation>Ce cabinet utilise déjà un autre stockage de synchronisation.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="232"/>
        <source>This sync storage holds another practice: check the address.</source>
        <translation>Ce stockage de synchronisation contient un autre cabinet : vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="234"/>
        <source>The restore is paused; start it again to continue.</source>
        <translation>La restauration est en pause ; relancez-la pour continuer.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="236"/>
        <source>Each line names a drug.</source>
        <translation>Chaque ligne nomme un médicament.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="237"/>
        <source>Renewals go from 0 to {0}.</source>
        <translation>Le nombre de renouvellements va de 0 à {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="238"/>
        <source>Renewals are a whole number.</source>
        <translation>Le nombre de renouvellements est un nombre entier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="239"/>
        <source>Non-substitutable: choose the reason, MTE, EFG or CIF.</source>
        <translation>Non substituable : choisissez le motif, MTE, EFG ou CIF.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="240"/>
        <source>Give the reason to prescribe despite the allergy.</source>
        <translation>Indiquez le motif pour prescrire malgré l&apos;allergie.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="241"/>
        <source>Add at least one drug.</source>
        <translation>Ajoutez au moins un médicament.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="242"/>
        <source>Line {0} matches the recorded allergy “{1}” ({2}): give a reason to prescribe it anyway.</source>
        <translation>La ligne {0} correspond à l&apos;allergie connue « {1} » ({2}) : indiquez un motif pour la prescrire quand même.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="243"/>
        <source>Check the weight: it is out of range.</source>
        <translation>Vérifiez le poids : il est hors limites.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="244"/>
        <source>Check the height: it is out of range.</source>
        <translation>Vérifiez la taille : elle est hors limites.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="245"/>
        <source>This prescription&apos;s content is not on this computer yet; sync to fetch it.</source>
        <translation>Le contenu de cette ordonnance n&apos;est pas encore sur cet ordinateur ; synchronisez pour le recevoir.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="246"/>
        <source>A template needs a name and at least one line.</source>
        <translation>Un modèle a un nom et au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="247"/>
        <source>The RPPS number has 11 digits.</source>
        <translation>Le n° RPPS a 11 chiffres.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="248"/>
        <source>The phone number may hold only digits, spaces and + . - ( ).</source>
        <translation>Le numéro de téléphone ne contient que des chiffres, des espaces et + . - ( ).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="249"/>
        <source>The email address looks wrong (name@domain.fr).</source>
        <translation>L&apos;adresse de courriel semble fausse (nom@domaine.fr).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="250"/>
        <source>The postal code looks wrong (5 digits in France).</source>
        <translation>Le code postal semble faux (5 chiffres en France).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="251"/>
        <source>The FINESS number has 9 characters.</source>
        <translation>Le n° FINESS a 9 caractères.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="252"/>
        <source>The practice needs a name.</source>
        <translation>Le cabinet doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="253"/>
        <source>A locum cannot replace themselves: choose the doctor they replace.</source>
        <translation>Un remplaçant ne se remplace pas lui-même : choisissez le médecin remplacé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="254"/>
        <source>There is no user with the login “{0}” (users: {1}).</source>
        <translation>Aucun utilisateur n&apos;a l&apos;identifiant « {0} » (utilisateurs : {1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="255"/>
        <source>This version of Carnet does not know that field.</source>
        <translation>Cette version de Carnet ne connaît pas ce champ.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="256"/>
        <source>{0} is not a folder.</source>
        <translation>{0} n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="257"/>
        <source>{0} lacks {1}: download the drug database files (base-donnees-publique.medicaments.gouv.fr) into one folder.</source>
        <translation>Il manque {1} dans {0} : téléchargez les fichiers de la base de données publique des médicaments (base-donnees-publique.medicaments.gouv.fr) dans un même dossier.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="258"/>
        <source>{0}, line {1}: this is not a file of the drug database as published (base-donnees-publique.medicaments.gouv.fr).</source>
        <translation>{0}, ligne {1} : ce n&apos;est pas un fichier de la base de données publique des médicaments tel que publié (base-donnees-publique.medicaments.gouv.fr).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="259"/>
        <source>Cannot read {0} ({1}).</source>
        <translation>Impossible de lire {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="260"/>
        <source>{0}, line {1}: each line of the CIM-10 table is a code, a tab, then its label.</source>
        <translation>{0}, ligne {1} : chaque ligne de la table CIM-10 est un code, une tabulation, puis son libellé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="261"/>
        <source>No marketed drug was found in {0}; nothing was imported.</source>
        <translation>Aucun médicament commercialisé dans {0} ; rien n&apos;a été importé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="262"/>
        <source>Cannot write in {0} ({1}).</source>
        <translation>Impossible d&apos;écrire dans {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="263"/>
        <source>Cannot write the drug list in {0}.</source>
        <translation>Impossible d&apos;écrire la liste des médicaments dans {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="264"/>
        <source>Cannot write {0} ({1}).</source>
        <translation>Impossible d&apos;écrire {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="265"/>
        <source>There is no template named “{0}”.</source>
        <translation>Aucun modèle ne s&apos;appelle « {0} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="266"/>
        <source>A template needs a name and a text.</source>
        <translation>Un modèle a un nom et un texte.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="267"/>
        <source>A template is a letter or a certificate.</source>
        <translation>Un modèle est un courrier ou un certificat.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="268"/>
        <source>The letter is empty.</source>
        <translation>Le courrier est vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="271"/>
        <location filename="../../desktop/app/store_messages.py" line="272"/>
        <source>The login “{0}” was deactivated: this person left the practice. Ask a doctor of the practice if this is a mistake.</source>
        <translation>L&apos;identifiant « {0} » a été désactivé : cette personne a quitté le cabinet. Demandez à un médecin du cabinet s&apos;il s&apos;agit d&apos;une erreur.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="273"/>
        <source>The locum account “{0}” ended on {1}. A doctor of the practice can extend it (Practice &gt; Users…).</source>
        <translation>Le compte de remplaçant « {0} » a pris fin le {1}. Un médecin du cabinet peut le prolonger (Cabinet &gt; Utilisateurs…).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="274"/>
        <source>Only a doctor manages the practice&apos;s users.</source>
        <translation>Seul un médecin gère les utilisateurs du cabinet.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="275"/>
        <source>Only a doctor or a locum reads the access log.</source>
        <translation>Seul un médecin ou un remplaçant consulte le journal d&apos;accès.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="276"/>
        <source>Type the login and the name shown.</source>
        <translation>Saisissez l&apos;identifiant et le nom affiché.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="277"/>
        <source>Choose a role: doctor, locum or secretary.</source>
        <translation>Choisissez un rôle : médecin, remplaçant ou secrétaire.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="278"/>
        <source>Only a locum&apos;s account has an end date.</source>
        <translation>Seul le compte d&apos;un remplaçant a une date de fin.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="279"/>
        <source>Give the locum&apos;s last day.</source>
        <translation>Indiquez le dernier jour du remplacement.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="280"/>
        <source>The login “{0}” exists already: one identity per person.</source>
        <translation>L&apos;identifiant « {0} » existe déjà : une seule identité par personne.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="281"/>
        <source>The login “{0}” was deactivated.</source>
        <translation>L&apos;identifiant « {0} » a été désactivé.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="282"/>
        <source>“{0}” is not a locum: their account has no end date.</source>
        <translation>« {0} » n&apos;est pas remplaçant : son compte n&apos;a pas de date de fin.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="283"/>
        <source>You cannot deactivate your own login.</source>
        <translation>Vous ne pouvez pas désactiver votre propre identifiant.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="284"/>
        <source>“{0}” is not a date.</source>
        <translation>« {0} » n&apos;est pas une date.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/store_messages.py" line="285"/>
        <source>There is no login “{0}” on this computer.</source>
        <translation>Il n&apos;y a pas d&apos;identifiant « {0} » sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>vitals</name>
    <message>
        <location filename="../../desktop/app/vitals.py" line="36"/>
        <source>Weight (kg)</source>
        <translation>Poids (kg)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="37"/>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="38"/>
        <source>Height (cm)</source>
        <translation>Taille (cm)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="39"/>
        <source>Height</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="40"/>
        <source>BP systolic (mmHg)</source>
        <translation>TA systolique (mmHg)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="41"/>
        <location filename="../../desktop/app/vitals.py" line="43"/>
        <source>BP</source>
        <translation>TA</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="42"/>
        <source>BP diastolic (mmHg)</source>
        <translation>TA diastolique (mmHg)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="44"/>
        <source>Pulse (/min)</source>
        <translation>Pouls (/min)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="45"/>
        <source>Pulse</source>
        <translation>Pouls</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="46"/>
        <source>Temperature (°C)</source>
        <translation>Température (°C)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="47"/>
        <source>Temperature</source>
        <translation>T°</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="48"/>
        <source>SpO2 (%)</source>
        <translation>SpO2 (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="49"/>
        <source>SpO2</source>
        <translation>SpO2</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="51"/>
        <source>Head circumference (cm)</source>
        <translation>Périmètre crânien (cm)</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="52"/>
        <source>HC</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="103"/>
        <source>{0}: {1} is unusual, check it.</source>
        <translation>{0} : {1} est inhabituel, vérifiez.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="110"/>
        <source>BP: the diastolic is not below the systolic, check it.</source>
        <translation>TA : la diastolique n&apos;est pas inférieure à la systolique, vérifiez.</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="123"/>
        <source>BP {0}/{1} mmHg</source>
        <translation>TA {0}/{1} mmHg</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="238"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="245"/>
        <source>{0}: {1} is outside what can be measured ({2} to {3}).</source>
        <translation>{0} : {1} est hors des valeurs possibles ({2} à {3}).</translation>
    </message>
    <message>
        <location filename="../../desktop/app/vitals.py" line="271"/>
        <source>BMI: {0}</source>
        <translation>IMC : {0}</translation>
    </message>
</context>
</TS>
