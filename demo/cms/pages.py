"""The demo's other pages: events, the FAQ and the legal pages, in the same compact body notation as articles."""

EVENTS = [
    {
        "slug": "webinaire-microsoft-365",
        "title": "Webinaire : bien démarrer avec Microsoft 365",
        "days_ahead": 12,
        "hour": 18,
        "minutes": 60,
        "is_online": True,
        "place": "Visioconférence Teams, lien envoyé après inscription",
        "intro": "Une heure pour activer l'offre associative, créer les comptes et organiser les fichiers partagés.",
        "body": (
            ("h", "Programme"),
            (
                "p",
                "<ul><li>L'offre Microsoft pour les associations</li><li>Comptes et "
                "licences</li><li>Teams et OneDrive au quotidien</li><li>Questions et réponses</li></ul>",
            ),
        ),
    },
    {
        "slug": "atelier-rgpd-lyon",
        "title": "Atelier : rédiger son registre RGPD (Lyon)",
        "days_ahead": 26,
        "hour": 14,
        "minutes": 180,
        "is_online": False,
        "place": "Maison des associations, 28 rue Denfert-Rochereau, 69004 Lyon",
        "intro": "Venez avec vos fichiers : vous repartirez avec un registre des traitements commencé.",
        "body": (
            ("h", "Pour qui ?"),
            ("p", "<p>Membres du bureau et salariés, débutants bienvenus. Apportez un ordinateur portable.</p>"),
        ),
    },
    {
        "slug": "cafe-numerique-cybersecurite",
        "title": "Café numérique : sécuriser les comptes de l'association",
        "days_ahead": 41,
        "hour": 12,
        "minutes": 45,
        "is_online": True,
        "place": "En ligne",
        "intro": "Quarante-cinq minutes à l'heure du déjeuner pour passer au gestionnaire de mots de passe.",
        "body": (("p", "<p>Démonstration de Bitwarden et de la double authentification, puis vos questions.</p>"),),
    },
]

FAQ = {
    "slug": "faq",
    "title": "Questions fréquentes",
    "intro": "Tout ce qu'il faut savoir pour utiliser Passerelle, côté associations comme côté prestataires.",
    "body": (
        (
            "faq",
            [
                (
                    "Qui peut s'inscrire sur Passerelle ?",
                    "<p>Les associations loi 1901 et de droit local "
                    "Alsace-Moselle, les fondations reconnues d'utilité publique et les bibliothèques publiques, ainsi "
                    "que les prestataires numériques qui les accompagnent.</p>",
                ),
                (
                    "Pourquoi vérifier mon association ?",
                    "<p>La vérification garantit aux prestataires qu'ils "
                    "répondent à de vrais projets, et vous donne accès aux prix solidaires.</p>",
                ),
                (
                    "Combien coûte la publication d'un projet ?",
                    "<p>Rien : publier un projet et recevoir des devis est gratuit pour les associations.</p>",
                ),
                (
                    "Comment les prestataires sont-ils vérifiés ?",
                    "<p>Nous contrôlons leur existence légale, leurs "
                    "références et leurs assurances avant qu'ils puissent envoyer des devis.</p>",
                ),
                (
                    "Mes données sont-elles protégées ?",
                    "<p>Oui : elles sont hébergées en France et ne sont jamais "
                    "revendues. Voir notre politique de confidentialité.</p>",
                ),
            ],
        ),
    ),
}

LEGAL = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "body": (
            ("h", "Éditeur du site"),
            (
                "p",
                "<p>Passerelle, association loi 1901 (démonstration). Directrice de la publication : "
                "la présidente de l'association.</p>",
            ),
            ("h", "Hébergement"),
            ("p", "<p>Le site est hébergé en France par un prestataire d'hébergement mutualisé.</p>"),
            ("h", "Propriété intellectuelle"),
            (
                "p",
                "<p>Les contenus du centre de ressources peuvent être réutilisés par les associations en citant "
                "la source.</p>",
            ),
        ),
    },
    {
        "slug": "confidentialite",
        "title": "Politique de confidentialité",
        "body": (
            ("h", "Les données que nous traitons"),
            (
                "p",
                "<p>Comptes utilisateurs, informations sur les organisations, projets, devis et messages, "
                "pour faire fonctionner la mise en relation.</p>",
            ),
            ("h", "Vos droits"),
            (
                "p",
                "<p>Vous pouvez accéder à vos données, les rectifier ou les supprimer depuis votre compte, "
                "ou en écrivant à notre délégué à la protection des données.</p>",
            ),
            ("h", "Durées de conservation"),
            ("p", "<p>Les comptes inactifs sont supprimés après trois ans ; les factures sont conservées dix ans.</p>"),
        ),
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "body": (
            ("p", "<p>Passerelle s'engage à rendre son site accessible conformément au RGAA 4.1.</p>"),
            ("h", "État de conformité"),
            ("p", "<p>Le site est partiellement conforme : un audit interne est en cours.</p>"),
            ("h", "Retour d'information et contact"),
            (
                "p",
                "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être "
                "orienté vers une alternative accessible.</p>",
            ),
            ("h", "Voies de recours"),
            ("p", "<p>Vous pouvez saisir le Défenseur des droits si vous n'obtenez pas de réponse satisfaisante.</p>"),
        ),
    },
]
