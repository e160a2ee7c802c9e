"""Word lists and clinical catalogues for the synthetic demo practice (see generator.py).

Everything here is invented or public reference data (INSEE codes, CIM-10 codes, common
French drug names and dosages); no real person is described.
"""

from __future__ import annotations

# Given names by birth generation: (born before 1950, 1950-1979, 1980-1999, 2000 and after).
FEMALE_NAMES: tuple[tuple[str, ...], ...] = (
    ("Jeanne", "Marie", "Germaine", "Simone", "Yvette", "Monique", "Paulette", "Odette",
     "Jacqueline", "Madeleine", "Suzanne", "Hélène", "Thérèse", "Renée", "Lucienne",
     "Geneviève", "Andrée", "Colette", "Marcelle", "Françoise"),
    ("Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Véronique", "Martine",
     "Brigitte", "Chantal", "Valérie", "Sandrine", "Françoise", "Marie-Claire", "Anne-Sophie",
     "Béatrice", "Agnès", "Dominique", "Pascale", "Fatima", "Nadège"),
    ("Aurélie", "Émilie", "Céline", "Julie", "Sophie", "Élodie", "Laëtitia", "Lætitia",
     "Stéphanie", "Mélanie", "Gaëlle", "Amélie", "Virginie", "Karine", "Noémie", "Myriam",
     "Anaïs", "Maëlle", "Ophélie", "Nawel"),
    ("Léa", "Chloé", "Zoé", "Emma", "Inès", "Jade", "Louise", "Manon", "Camille", "Lina",
     "Maëlys", "Clémence", "Océane", "Énora", "Héloïse", "Noémie", "Salomé", "Anaëlle",
     "Aïcha", "Yasmine"),
)
MALE_NAMES: tuple[tuple[str, ...], ...] = (
    ("Jean", "André", "Pierre", "René", "Marcel", "Roger", "Henri", "Louis", "Georges",
     "Raymond", "Robert", "Lucien", "Émile", "Gérard", "Maurice", "Joseph", "Fernand",
     "Noël", "Étienne", "Gaston"),
    ("Philippe", "Michel", "Alain", "Patrick", "Jean-Pierre", "Jean-Luc", "Thierry", "Éric",
     "Pascal", "Christophe", "Didier", "Jérôme", "François", "Benoît", "Hervé", "Frédéric",
     "Gilles", "Joël", "Mohamed", "José"),
    ("Nicolas", "Julien", "Sébastien", "Mathieu", "Guillaume", "Jérémy", "Anthony", "Cédric",
     "Maxime", "Romain", "Kévin", "Loïc", "Grégory", "Yannick", "Mickaël", "Benoît", "Karim",
     "Thibaut", "Aurélien", "Jean-Baptiste"),
    ("Lucas", "Hugo", "Léo", "Gabriel", "Raphaël", "Arthur", "Louis", "Jules", "Noé", "Théo",
     "Nathan", "Enzo", "Timothée", "Maël", "Adam", "Ethan", "Côme", "Élie", "Anaël", "Rayan"),
)
FAMILY_NAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Léger",
    "Le Bœuf", "Lebœuf", "Cœur", "Le Gall", "Le Goff", "Le Corre", "Kerbrat", "Le Hénaff",
    "N'Diaye", "D'Arcy", "D'Angelo", "Müller", "Schäfer", "Nguyen", "Tran", "Pham", "Da Silva",
    "Dos Santos", "Ferreira", "Pereira", "Ben Ali", "Benali", "Haddad", "Bouchard", "Mansour",
    "Çelik", "Yılmaz", "Diallo", "Traoré", "Koné", "Camara", "Kowalski", "Rossi", "Esposito",
    "Saint-Cyr", "Lagarde", "Bénard", "Chrétien", "Fèvre", "Hélias",
    "Œuvrard", "Delacroix", "De La Fontaine", "Dupuis", "Lévêque-Mollard", "Émery",
)

# Areas where the practice may be: (name, landline prefix, CPAM, [(postal code, city)],
# INSEE codes of the local maternity towns).
AREAS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...], tuple[str, ...]], ...] = (
    ("Lyon", "04", "CPAM 69",
     (("69003", "Lyon"), ("69008", "Lyon"), ("69100", "Villeurbanne"),
      ("69300", "Caluire-et-Cuire"), ("69120", "Vaulx-en-Velin"), ("69500", "Bron"),
      ("69200", "Vénissieux"), ("69130", "Écully"), ("69800", "Saint-Priest")),
     ("69383", "69388", "69381", "69266", "69259", "69029")),
    ("Paris Est", "01", "CPAM 93",
     (("75011", "Paris"), ("75020", "Paris"), ("93100", "Montreuil"), ("94300", "Vincennes"),
      ("93170", "Bagnolet"), ("94120", "Fontenay-sous-Bois"), ("94160", "Saint-Mandé")),
     ("75111", "75120", "75112", "93048", "94080", "75114")),
    ("Marseille", "04", "CPAM 13",
     (("13005", "Marseille"), ("13008", "Marseille"), ("13013", "Marseille"),
      ("13400", "Aubagne"), ("13100", "Aix-en-Provence"), ("13190", "Allauch")),
     ("13205", "13208", "13213", "13005", "13001")),
    ("Nantes", "02", "CPAM 44",
     (("44000", "Nantes"), ("44400", "Rezé"), ("44800", "Saint-Herblain"),
      ("44700", "Orvault"), ("44120", "Vertou"), ("44470", "Carquefou")),
     ("44109", "44143", "44162")),
    ("Livradois", "04", "CPAM 63",
     (("63300", "Thiers"), ("63600", "Ambert"), ("63120", "Courpière"), ("63500", "Issoire"),
      ("63160", "Billom"), ("63190", "Lezoux")),
     ("63113", "63430", "63178", "63003")),
    ("Lille", "03", "CPAM 59",
     (("59000", "Lille"), ("59100", "Roubaix"), ("59200", "Tourcoing"),
      ("59650", "Villeneuve-d'Ascq"), ("59130", "Lambersart")),
     ("59350", "59512", "59599", "59009")),
    ("Cornouaille", "02", "CPAM 29",
     (("29000", "Quimper"), ("29900", "Concarneau"), ("29100", "Douarnenez"),
      ("29120", "Pont-l'Abbé")),
     ("29232", "29039", "29046", "29019")),
)

# Elsewhere in France (INSEE commune codes; Corsica uses 2A/2B, overseas 97x).
FRANCE_BIRTH_CODES: tuple[str, ...] = (
    "75056", "75115", "75118", "69123", "13055", "31555", "06088", "44109", "67482", "34172",
    "33063", "59350", "35238", "51454", "76351", "42218", "83137", "38185", "21231", "49007",
    "30189", "63113", "72181", "29019", "37261", "80021", "87085", "57463", "25056", "66136",
    "45234", "76540", "14118", "54395", "2A004", "2B033", "97411", "97209", "97120", "97302",
)
# Born abroad: "99" + INSEE country code.
ABROAD_BIRTH_CODES: tuple[str, ...] = (
    "99350", "99350", "99352", "99352", "99351", "99139", "99139", "99134", "99127", "99109",
    "99208", "99243", "99341", "99335", "99326", "99216", "99122", "99132", "99110", "99100",
)

STREET_TYPES: tuple[str, ...] = (
    "rue", "rue", "rue", "avenue", "avenue", "boulevard", "chemin", "impasse", "allée",
    "place", "route", "quai", "cours",
)
STREET_NAMES: tuple[str, ...] = (
    "de la République", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "Pasteur",
    "des Lilas", "de l'Église", "du Moulin", "des Écoles", "de la Gare", "Émile Zola",
    "des Peupliers", "Gambetta", "de la Paix", "Jules Ferry", "des Acacias", "du Stade",
    "Saint-Exupéry", "de la Libération", "Marcel Pagnol", "des Châtaigniers", "de l'Europe",
    "Aristide Briand", "du 8 Mai 1945", "des Cèdres", "Anatole France", "Louis Pergaud",
    "de la Fontaine", "des Tilleuls", "du Château", "Paul Éluard", "Simone Veil", "des Œillets",
)
EMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com", "gmail.com", "gmail.com", "orange.fr", "orange.fr", "free.fr", "laposte.net",
    "sfr.fr", "hotmail.fr", "yahoo.fr", "outlook.fr", "wanadoo.fr", "icloud.com", "proton.me",
)
MUTUELLES: tuple[str, ...] = (
    "MGEN", "Harmonie Mutuelle", "MAAF Santé", "AG2R La Mondiale", "Malakoff Humanis",
    "Groupama", "Mutuelle Générale", "Apivia", "Swiss Life", "MACIF", "AXA", "Allianz",
    "Mutuelle des Étudiants", "C2S", "Klesia",
)
GP_NAMES: tuple[str, ...] = (
    "Dr Martine Lefèvre", "Dr Éric Chassagne", "Dr Hélène Benoît-Roux", "Dr Karim Haddad",
    "Dr Anne-Laure Kerbrat", "Dr François Nguyen", "Dr Gaëlle Le Corre", "Dr Jérôme Da Silva",
)

# Chronic problems: (key, label, CIM-10, prevalence by age band [0-17, 18-39, 40-59,
# 60-74, 75+], female multiplier, resolved fraction, treatments [(drug, dosage)]).
CHRONIC: tuple[tuple[str, str, str, tuple[float, ...], float, float,
                     tuple[tuple[str, str], ...]], ...] = (
    ("hta", "Hypertension artérielle essentielle", "I10", (0.0, 0.02, 0.18, 0.40, 0.58),
     0.9, 0.0,
     (("Amlodipine 5 mg", "1 cp le matin"), ("Ramipril 5 mg", "1 cp le matin"),
      ("Périndopril 4 mg", "1 cp le matin"), ("Indapamide LP 1,5 mg", "1 cp le matin"),
      ("Valsartan 80 mg", "1 cp le matin"))),
    ("dt2", "Diabète de type 2", "E11", (0.0, 0.01, 0.06, 0.14, 0.17), 0.8, 0.0,
     (("Metformine 1000 mg", "1 cp matin et soir au repas"),
      ("Metformine 850 mg", "1 cp matin, midi et soir"),
      ("Sitagliptine 100 mg", "1 cp le matin"), ("Gliclazide LP 30 mg", "1 cp le matin"),
      ("Dapagliflozine 10 mg", "1 cp le matin"))),
    ("dys", "Dyslipidémie", "E78", (0.0, 0.03, 0.14, 0.28, 0.28), 0.9, 0.0,
     (("Atorvastatine 20 mg", "1 cp le soir"), ("Rosuvastatine 10 mg", "1 cp le soir"),
      ("Simvastatine 20 mg", "1 cp le soir"))),
    ("asthme", "Asthme", "J45", (0.09, 0.07, 0.06, 0.05, 0.04), 1.0, 0.2,
     (("Salbutamol 100 µg/dose", "2 bouffées si gêne respiratoire"),
      ("Budésonide/formotérol 200/6 µg", "1 inhalation matin et soir"),
      ("Fluticasone 250 µg", "1 inhalation matin et soir"))),
    ("bpco", "Bronchopneumopathie chronique obstructive", "J44", (0.0, 0.0, 0.03, 0.07, 0.09),
     0.7, 0.0,
     (("Tiotropium 2,5 µg", "2 inhalations le matin"),
      ("Salbutamol 100 µg/dose", "2 bouffées si gêne respiratoire"))),
    ("hypothyr", "Hypothyroïdie", "E03", (0.002, 0.02, 0.05, 0.07, 0.08), 4.0, 0.0,
     (("Lévothyroxine 75 µg", "1 cp le matin à jeun"),
      ("Lévothyroxine 50 µg", "1 cp le matin à jeun"),
      ("Lévothyroxine 100 µg", "1 cp le matin à jeun"))),
    ("depr", "Épisode dépressif", "F32", (0.01, 0.07, 0.08, 0.06, 0.06), 1.8, 0.6,
     (("Sertraline 50 mg", "1 cp le matin"), ("Escitalopram 10 mg", "1 cp le matin"),
      ("Venlafaxine LP 75 mg", "1 gélule le matin"))),
    ("fa", "Fibrillation auriculaire", "I48", (0.0, 0.0, 0.005, 0.04, 0.11), 0.7, 0.0,
     (("Apixaban 5 mg", "1 cp matin et soir"), ("Bisoprolol 2,5 mg", "1 cp le matin"),
      ("Rivaroxaban 20 mg", "1 cp le soir"))),
    ("gonarthrose", "Gonarthrose", "M17", (0.0, 0.005, 0.08, 0.22, 0.34), 1.3, 0.0,
     (("Paracétamol 1 g", "1 cp jusqu'à 3 fois par jour si douleur"),)),
    ("lombalgie", "Lombalgie chronique", "M54.5", (0.005, 0.04, 0.08, 0.08, 0.07), 1.0, 0.3,
     (("Paracétamol 1 g", "1 cp jusqu'à 3 fois par jour si douleur"),)),
    ("rgo", "Reflux gastro-œsophagien", "K21", (0.0, 0.04, 0.07, 0.09, 0.1), 1.0, 0.3,
     (("Ésoméprazole 20 mg", "1 gélule le matin à jeun"),
      ("Oméprazole 20 mg", "1 gélule le matin"))),
    ("tabac", "Tabagisme", "F17.2", (0.02, 0.28, 0.25, 0.14, 0.05), 0.8, 0.3, ()),
)
OBESITY = ("Obésité", "E66")

SURGERIES: tuple[tuple[str, str, int, str], ...] = (  # label, CIM-10, min age, sex (or "")
    ("Appendicectomie", "K35.8", 5, ""), ("Amygdalectomie", "J35.0", 3, ""),
    ("Cholécystectomie", "K80.2", 30, ""), ("Césarienne", "O82", 20, "F"),
    ("Prothèse totale de hanche", "Z96.6", 55, ""), ("Cure de hernie inguinale", "K40.9", 20, "M"),
    ("Hystérectomie", "Z90.7", 40, "F"), ("Chirurgie de la cataracte", "H25.9", 60, ""),
    ("Méniscectomie du genou", "S83.2", 20, ""), ("Thyroïdectomie", "E04.9", 30, "F"),
)
FAMILY_HISTORY: tuple[tuple[str, str], ...] = (
    ("Antécédent familial de cancer du sein (mère)", "Z80.3"),
    ("Antécédent familial de cardiopathie ischémique (père)", "Z82.4"),
    ("Antécédent familial de diabète", "Z83.3"),
    ("Antécédent familial de cancer colorectal", "Z80.0"),
    ("Antécédent familial de maladie d'Alzheimer", "Z82.0"),
    ("Antécédent familial d'AVC", "Z82.3"),
)
# (substance, reactions, kind)
ALLERGIES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Pénicillines", ("urticaire", "éruption cutanée", "œdème de Quincke"), "allergy"),
    ("Pénicillines", ("urticaire", "éruption cutanée"), "allergy"),
    ("Pollens de graminées", ("rhinite", "conjonctivite"), "allergy"),
    ("Pollens de bouleau", ("rhinite", "conjonctivite"), "allergy"),
    ("Acariens", ("rhinite", "asthme"), "allergy"),
    ("AINS", ("bronchospasme", "urticaire"), "intolerance"),
    ("Latex", ("eczéma de contact", "urticaire"), "allergy"),
    ("Arachide", ("œdème de Quincke", "choc anaphylactique"), "allergy"),
    ("Sulfamides", ("éruption cutanée",), "allergy"),
    ("Codéine", ("nausées", "vomissements"), "intolerance"),
    ("Iode (produits de contraste)", ("urticaire",), "allergy"),
    ("Venin d'hyménoptères", ("choc anaphylactique", "œdème local"), "allergy"),
)
SEVERITIES = ("légère", "modérée", "sévère")

# Acute reasons: (reason, symptoms, exam, diagnosis label, CIM-10, plan,
# prescription lines [(drug, dosage, duration, quantity)], flags) with flags:
# c = children, a = adults, e = elderly, f = fever, r = respiratory, n = not an illness.
ACUTE: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str, str, str,
                   tuple[tuple[str, str, str, str], ...], str], ...] = (
    ("Rhinopharyngite", ("rhinorrhée et toux sèche", "nez bouché et mal de gorge"),
     ("tympans normaux, gorge inflammatoire", "auscultation pulmonaire libre"),
     "Rhinopharyngite aiguë", "J00", "Traitement symptomatique, lavages de nez.",
     (("Paracétamol 1 g", "1 cp toutes les 6 h si fièvre", "5 jours", "1 boîte"),
      ("Sérum physiologique unidoses", "lavage de nez 4 fois par jour", "7 jours",
       "1 boîte")), "caefr"),
    ("Angine", ("odynophagie fébrile", "mal de gorge et fièvre"),
     ("amygdales érythémato-pultacées, TDR positif", "adénopathies cervicales sensibles"),
     "Angine streptococcique", "J02.0", "Antibiothérapie, revoir si pas d'amélioration à 48 h.",
     (("Amoxicilline 1 g", "1 cp matin et soir", "6 jours", "1 boîte"),
      ("Paracétamol 1 g", "1 cp toutes les 6 h si douleur", "5 jours", "1 boîte")), "caf"),
    ("Otite", ("otalgie droite depuis la nuit", "fièvre et pleurs nocturnes"),
     ("tympan droit bombé et congestif", "otoscopie : otite moyenne aiguë"),
     "Otite moyenne aiguë", "H66.9", "Antibiothérapie adaptée au poids.",
     (("Amoxicilline 500 mg/5 ml", "80 mg/kg/j en 2 prises", "8 jours", "1 flacon"),
      ("Paracétamol 2,4 %", "1 dose-poids toutes les 6 h", "5 jours", "1 flacon")), "cf"),
    ("Gastro-entérite", ("diarrhée et vomissements", "douleurs abdominales et selles liquides"),
     ("abdomen souple, indolore", "pas de signe de déshydratation"),
     "Gastro-entérite aiguë", "A09", "Réhydratation, régime adapté.",
     (("Solution de réhydratation orale", "à volonté", "3 jours", "1 boîte"),
      ("Racécadotril 100 mg", "1 gélule 3 fois par jour", "3 jours", "1 boîte")), "cae"),
    ("Grippe", ("fièvre, courbatures et céphalées", "syndrome grippal depuis 2 jours"),
     ("auscultation pulmonaire libre", "pas de signe de gravité"),
     "Grippe saisonnière", "J11.1", "Repos, arrêt de travail de 3 jours.",
     (("Paracétamol 1 g", "1 cp toutes les 6 h si fièvre", "5 jours", "1 boîte"),), "aefr"),
    ("Bronchite", ("toux grasse depuis une semaine", "toux et expectorations"),
     ("quelques ronchi, pas de foyer", "auscultation : râles bronchiques diffus"),
     "Bronchite aiguë", "J20.9", "Traitement symptomatique, pas d'antibiotique.",
     (("Paracétamol 1 g", "1 cp toutes les 6 h si fièvre", "5 jours", "1 boîte"),), "aer"),
    ("Cystite", ("brûlures mictionnelles", "pollakiurie sans fièvre"),
     ("bandelette urinaire positive", "pas de douleur lombaire"),
     "Cystite aiguë simple", "N30.0", "Antibiothérapie minute.",
     (("Fosfomycine trométamol 3 g", "1 sachet en une prise", "1 jour", "1 sachet"),), "a"),
    ("Lombalgie aiguë", ("douleur lombaire après un effort", "blocage lombaire"),
     ("raideur lombaire, Lasègue négatif", "contracture paravertébrale"),
     "Lombalgie commune", "M54.5", "Maintien de l'activité, antalgiques.",
     (("Ibuprofène 400 mg", "1 cp 3 fois par jour au repas", "5 jours", "1 boîte"),
      ("Paracétamol 1 g", "1 cp 3 fois par jour", "7 jours", "2 boîtes")), "ae"),
    ("Entorse de cheville", ("chute avec torsion de la cheville", "douleur de cheville"),
     ("œdème latéral, critères d'Ottawa négatifs", "appui possible, pas de laxité"),
     "Entorse bénigne de la cheville", "S93.4", "Glace, repos, attelle.",
     (("Attelle de cheville", "à porter 3 semaines", "3 semaines", "1"),
      ("Paracétamol 1 g", "1 cp 3 fois par jour", "5 jours", "1 boîte")), "ca"),
    ("Conjonctivite", ("œil rouge et collé au réveil", "larmoiement"),
     ("conjonctive hyperhémiée, acuité conservée", "sécrétions purulentes"),
     "Conjonctivite aiguë", "H10.9", "Lavage oculaire.",
     (("Sérum physiologique unidoses", "lavage oculaire 4 fois par jour", "7 jours",
       "1 boîte"),), "cae"),
    ("Certificat de sport", ("demande de certificat", "reprise du sport en club"),
     ("examen cardio-vasculaire normal", "examen clinique sans particularité"),
     "Examen médical pour certificat", "Z02.5", "Certificat de non contre-indication remis.",
     (), "can"),
    ("Examen du nourrisson", ("suivi systématique", "examen obligatoire"),
     ("développement psychomoteur normal", "croissance harmonieuse sur la courbe"),
     "Examen de santé de l'enfant", "Z00.1", "Vaccinations à jour, prochain examen prévu.",
     (("Vitamine D3 (cholécalciférol)", "400 UI par jour", "3 mois", "1 flacon"),), "cn"),
    ("Anxiété", ("troubles du sommeil et stress professionnel", "ruminations anxieuses"),
     ("pas d'idées suicidaires", "bon contact, discours cohérent"),
     "Trouble anxieux", "F41.1", "Soutien, orientation vers psychologue.", (), "a"),
    ("Douleur thoracique", ("douleur thoracique atypique", "oppression intermittente"),
     ("ECG sans anomalie", "examen cardio-vasculaire normal"),
     "Douleur thoracique pariétale", "R07.4", "Antalgiques, reconsulter si récidive.",
     (("Paracétamol 1 g", "1 cp 3 fois par jour", "5 jours", "1 boîte"),), "ae"),
    ("Vertiges", ("vertiges rotatoires aux changements de position",),
     ("manœuvre de Dix-Hallpike positive", "pas de signe neurologique"),
     "Vertige positionnel paroxystique bénin", "H81.1", "Manœuvre libératoire réalisée.",
     (), "ae"),
    ("Eczéma", ("plaques prurigineuses", "sécheresse cutanée"),
     ("plaques érythémateuses des plis", "xérose cutanée diffuse"),
     "Dermatite atopique", "L20.9", "Émollients quotidiens.",
     (("Dexeryl crème", "application 2 fois par jour", "1 mois", "2 tubes"),), "ca"),
)
CHRONIC_REASONS = ("Renouvellement d'ordonnance", "Suivi des maladies chroniques",
                   "Consultation de suivi", "Bilan et renouvellement")
CHRONIC_EXAMS = ("Examen clinique sans particularité.", "Auscultation cardio-pulmonaire normale.",
                 "Pas d'œdème des membres inférieurs.", "Bonne tolérance du traitement.")
CHRONIC_PLANS = ("Renouvellement du traitement pour 3 mois.",
                 "Bilan biologique prescrit, à revoir avec les résultats.",
                 "Poursuite du traitement, règles hygiéno-diététiques rappelées.")

# Vaccines: (name, CIM label is not needed; brand names as written in the carnet).
VACCINES = {
    "hexa": ("Infanrix Hexa", "Hexyon", "Vaxelis"),
    "pneumo": ("Prevenar 13", "Prevenar 20"),
    "mening": ("Neisvac", "Nimenrix"),
    "ror": ("Priorix", "M-M-RVaxPro"),
    "dtcap": ("Tetravac", "Infanrixtetra"),
    "dtcap_ado": ("Repevax", "Boostrixtetra"),
    "hpv": ("Gardasil 9",),
    "dtp": ("Revaxis", "Repevax", "Boostrixtetra"),
    "grippe": ("Vaxigrip Tetra", "Influvac Tetra", "Efluelda"),
    "covid": ("Comirnaty", "Spikevax"),
}
APPOINTMENT_REASONS = ("Consultation", "Renouvellement", "Suivi", "Résultats de bilan",
                       "Vaccination", "Certificat", "Première consultation")
