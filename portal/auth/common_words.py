"""Words Moroccan users put in passwords and zxcvbn's English lists miss: French words and first
names, Arabic words and names as typed in Latin letters, places, clubs, and the AZERTY keyboard's
runs. Most likely first (zxcvbn ranks them in this order). A password made of one of them with
digits and symbols around it is refused; a few unrelated words still make a good one."""
WORDS = (
    # French
    "motdepasse", "mot2passe", "azerty", "azertyuiop", "qsdfghjklm", "wxcvbn", "azer", "bonjour", "soleil",
    "jetaime", "doudou", "loulou", "chouchou", "coucou", "bisous", "amour", "bebe", "princesse", "cherie",
    "marseille", "paris", "france", "liberte", "chocolat", "vacances", "famille", "maison", "papa", "maman",
    "secret", "nicolas", "camille", "julien", "thomas", "sophie", "marie", "pierre", "bienvenue", "salut",
    "administrateur", "utilisateur", "connexion", "motpasse", "changemoi", "accueil", "ministere", "commune",
    "prefecture", "royaume", "bureau", "travail", "service", "dossier",
    # Arabic and Darija in Latin letters
    "bismillah", "allah", "allahuakbar", "inchallah", "inshallah", "mashallah", "alhamdulillah", "subhanallah",
    "salam", "salamualaikum", "habibi", "habiba", "hayati", "hobi", "zin", "zwin", "zwina", "mzyan", "sahbi",
    "mohamed", "mohammed", "mohamed6", "mehdi", "hamza", "amine", "youssef", "yassine", "ayoub", "omar",
    "othmane", "anas", "ilyas", "adam", "ahmed", "hassan", "hicham", "karim", "khalid", "rachid", "said",
    "fatima", "fatimazahra", "khadija", "aicha", "meryem", "maryam", "salma", "sara", "nour", "imane", "hajar",
    "zineb", "houda", "amal", "hanane", "samira", "nadia", "yasmine",
    "maroc", "morocco", "marrakech", "casablanca", "casa", "rabat", "tanger", "fes", "fez", "agadir", "meknes",
    "oujda", "tetouan", "laayoune", "atlas", "sahara", "wydad", "raja", "wac", "rca", "dima", "dimamaghrib",
    "maghrib", "lmaghrib", "elmaghrib", "amazigh", "tamazight", "watani", "hukuma", "wizara", "baladiya",
)
