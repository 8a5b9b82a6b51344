"""Realistic papers: the receipt of a birth declaration, in French and in Arabic."""
from procedures.documents import Line, Paper

TRACKING = "MSR-7K2Q-9XPD-4"
VERIFY_URL = "https://masatir.gov.ma/verifier/MSR-7K2Q-9XPD-4?c=H7QK22ZD"

FRENCH = Paper(
    lang="fr",
    direction="ltr",
    title="Récépissé de dépôt",
    subtitle="Déclaration de naissance auprès du bureau d'état civil",
    lines=[
        Line("Numéro de suivi", TRACKING),
        Line("Déposée le", "vendredi 14 mars 2025 à 10 h 42"),
        Line("Administration", "Bureau d'état civil — Commune de Rabat-Hassan"),
        Line("Version de la procédure en vigueur", "version 3, en vigueur depuis le 2024-11-01"),
        Line("Délai légal de traitement", "3 jours"),
        Line("Échéance", "lundi 17 mars 2025"),
        Line("Silence de l'administration", "vaut accord à l'échéance"),
    ],
    items_heading="Documents reçus",
    items=[
        "Certificat d'accouchement délivré par l'établissement de santé",
        "Copie de la carte nationale d'identité électronique (CNIE) du déclarant",
        "Livret de famille (دفتر الحالة المدنية)",
        "Copie de l'acte de mariage des parents",
        "Attestation de résidence n° 2025/0412 du 2025-03-10",
    ],
    notes=[
        "Si l'administration ne répond pas avant le 17 mars 2025, votre demande est réputée acceptée : "
        "vous pourrez imprimer sur le portail une attestation d'accord tacite, signée et vérifiable.",
        "En cas de refus, vous pouvez former un recours auprès du supérieur hiérarchique de "
        "l'administration concernée, puis devant le tribunal administratif. Détails : https://masatir.gov.ma/recours/",
        "Ce récépissé est délivré en application de la loi n° 55-19 relative à la simplification des "
        "procédures et formalités administratives ; il est opposable à l'administration.",
    ],
    verify_url=VERIFY_URL,
    verify_label="Vérifier ce récépissé",
    footer="Portail national des procédures administratives — Masatir",
)

ARABIC = Paper(
    lang="ar",
    direction="rtl",
    title="وصل الإيداع",
    subtitle="التصريح بالولادة لدى مكتب الحالة المدنية",
    lines=[
        Line("رقم التتبع", TRACKING),
        Line("تاريخ ووقت الإيداع", "2025-03-14 على الساعة 10:42"),
        Line("الإدارة", "مكتب الحالة المدنية — جماعة الرباط حسان"),
        Line("صيغة المسطرة السارية", "الصيغة 3، سارية منذ 2024-11-01"),
        Line("الأجل القانوني للمعالجة", "3 أيام"),
        Line("تاريخ انتهاء الأجل", "2025-03-17"),
        Line("سكوت الإدارة", "يعتبر موافقة عند انتهاء الأجل"),
    ],
    items_heading="الوثائق المتوصل بها",
    items=[
        "شهادة الولادة مسلمة من المؤسسة الصحية",
        "نسخة من البطاقة الوطنية للتعريف الإلكترونية (CNIE) للمصرح",
        "دفتر الحالة المدنية (Livret de famille)",
        "نسخة من عقد زواج الأبوين",
        "شهادة السكنى رقم 2025/0412 بتاريخ 2025-03-10",
    ],
    notes=[
        "إذا لم تجب الإدارة قبل 2025-03-17، يعتبر طلبكم مقبولا، ويمكنكم طباعة شهادة الموافقة الضمنية "
        "الموقعة والقابلة للتحقق من البوابة.",
        "في حالة الرفض، يمكنكم تقديم تظلم إلى الرئيس التسلسلي للإدارة المعنية، ثم الطعن أمام المحكمة "
        "الإدارية. التفاصيل: https://masatir.gov.ma/recours/",
        "يسلم هذا الوصل تطبيقا للقانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية، وهو حجة على الإدارة.",
    ],
    verify_url=VERIFY_URL,
    verify_label="تحقق من هذا الوصل",
    footer="البوابة الوطنية للمساطر والإجراءات الإدارية — مساطر",
)

CERTIFICATE_AR = Paper(
    lang="ar",
    direction="rtl",
    title="شهادة الموافقة الضمنية",
    subtitle="التصريح بالولادة لدى مكتب الحالة المدنية",
    lines=[
        Line("رقم التتبع", TRACKING),
        Line("تاريخ الإيداع", "2025-03-14"),
        Line("تاريخ انتهاء الأجل", "2025-03-17"),
        Line("السلطة المسلمة للشهادة", "والي جهة الرباط سلا القنيطرة، عامل عمالة الرباط"),
    ],
    items_heading="",
    items=[],
    notes=[
        "لم تجب الإدارة داخل الأجل القانوني المحدد في 3 أيام، ويعتبر سكوتها موافقة على الطلب رقم "
        "MSR-7K2Q-9XPD-4 المودع بتاريخ 2025-03-14.",
    ],
    verify_url=VERIFY_URL,
    verify_label="تحقق من هذه الشهادة",
    footer="البوابة الوطنية للمساطر والإجراءات الإدارية — مساطر",
)
