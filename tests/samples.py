"""A small, fixed catalogue for tests, built fresh on each call so a test may spoil it."""
from procedures.catalogue.transfer import import_documents


def text(fr, ar):
    return {"fr": fr, "ar": ar}


def version(number=1, effective_from="2022-01-01", **changes):
    data = {
        "number": number,
        "effective_from": effective_from,
        "change_note": text("Première publication", "النشر الأول"),
        "title": text("Extrait d'acte de naissance", "نسخة موجزة من رسم الولادة"),
        "summary": text("Obtenir un extrait de l'acte de naissance.", "الحصول على نسخة موجزة من رسم الولادة."),
        "eligibility": text("La personne concernée ou un proche.", "المعني بالأمر أو أحد أقاربه."),
        "documents": [
            {"name": text("Carte nationale d'identité électronique", "البطاقة الوطنية للتعريف الإلكترونية"),
             "form": "original", "quantity": 1, "note": text("À présenter au guichet", "تقدم بالشباك")},
            {"name": text("Livret de famille", "الدفتر العائلي"), "form": "copy", "quantity": 1, "note": None},
        ],
        "steps": [
            {"actor": text("Le demandeur", "الطالب"), "action": text("Se présente au bureau", "يتقدم إلى المكتب")},
            {"actor": text("L'officier d'état civil", "ضابط الحالة المدنية"),
             "action": text("Délivre l'extrait", "يسلم النسخة")},
        ],
        "filing": {"places": text("Bureau d'état civil de la commune", "مكتب الحالة المدنية بالجماعة"),
                   "online_url": "https://www.watiqa.ma"},
        "processing_days": 0,
        "fees": [],
        "legal_basis": [{"title": text("Loi 37-99 relative à l'état civil", "القانون 37.99 المتعلق بالحالة المدنية"),
                         "url": None}],
        "silence": "none",
        "maturity": 4,
        "investment": False,
    }
    if "online_url" in changes:
        data["filing"]["online_url"] = changes.pop("online_url")
    data.update(changes)
    return data


def catalogue():
    return {
        "format": "masatir-catalogue/1",
        "audiences": [{"slug": "citizens", "name": text("Particuliers", "المواطنون")},
                      {"slug": "businesses", "name": text("Entreprises", "المقاولات")}],
        "themes": [{"slug": "civil-status", "scope": "local", "name": text("État civil", "الحالة المدنية")},
                   {"slug": "town-planning", "scope": "local", "name": text("Urbanisme", "التعمير")}],
        "administrations": [{"code": "communes", "kind": "local-government", "name": text("Communes", "الجماعات")}],
        "procedures": [
            {"code": "CT-001", "slug": "extrait-acte-naissance", "administration": "communes",
             "theme": "civil-status", "audiences": ["citizens"], "versions": [version()]},
            {"code": "CT-002", "slug": "permis-de-construire", "administration": "communes",
             "theme": "town-planning", "audiences": ["citizens", "businesses"], "versions": [
                 version(1, "2021-06-01", title=text("Permis de construire", "رخصة البناء"),
                         summary=text("Autorisation de construire un bâtiment.", "الإذن ببناء بناية."),
                         processing_days=45, silence="approval", maturity=3, online_url=None,
                         fees=[{"label": text("Droits d'instruction", "رسوم الدراسة"), "amount_mad": "300.00"}]),
                 version(2, "2024-03-01", title=text("Permis de construire", "رخصة البناء"),
                         summary=text("Autorisation de construire un bâtiment.", "الإذن ببناء بناية."),
                         change_note=text("Délai réduit à 30 jours", "تقليص الأجل إلى 30 يوما"),
                         processing_days=30, silence="approval", maturity=3,
                         fees=[{"label": text("Droits d'instruction", "رسوم الدراسة"), "amount_mad": "300.00"}]),
                 version(3, "2027-01-01", title=text("Permis de construire", "رخصة البناء"),
                         summary=text("Autorisation de construire un bâtiment.", "الإذن ببناء بناية."),
                         change_note=text("Dépôt entièrement en ligne", "إيداع كلي عبر الإنترنت"),
                         processing_days=20, silence="approval", maturity=4,
                         fees=[{"label": text("Droits d'instruction", "رسوم الدراسة"), "amount_mad": "300.00"}]),
             ]},
        ],
    }


def load(data=None):
    """Import the sample (or ``data``) into the database; needs an app context."""
    return import_documents([("sample.json", data or catalogue())])
