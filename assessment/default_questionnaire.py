"""The default questionnaire, as plain data, and the loader that installs it once.

Six axes of five questions, written for the volunteer who fills it in: the
topics of the sector's barometers (age of the computers, backups, shared
passwords, double authentication, the GDPR register, consent, an up-to-date
website, online donations, the member file, skills, a person in charge, a plan
and a budget). Every answer scores 0 to 3, the good practice highest; "Je ne
sais pas" scores 0, since not knowing is itself something to fix. The advice
names the demo resource centre's pages by slug: pages that do not exist when
the questionnaire is installed are skipped, so the loader works on an empty
database as well as after `seed_demo`.

Once installed, the database is the source of truth: editors change the
questionnaire by copying the published version, and later edits to this file
are not applied to an existing installation.
"""

from dataclasses import dataclass

from django.db import transaction

from cms.models import ArticlePage, OfferPage, Theme, TrainingPage
from marketplace.models import Skill
from marketplace.project_types import ProjectType

from . import conf
from .models import Axis, Choice, Question, QuestionnaireVersion, Recommendation
from .selectors import current_version
from .services import questionnaire_version_publish

VERSION_NAME = "Diagnostic numérique des associations"
INTRO = (
    "En une dizaine de minutes, faites le point sur le numérique de votre association : matériel, outils "
    "partagés, communication, données, collecte de fonds et compétences. Répondez comme les choses se passent "
    "aujourd'hui, pas comme elles devraient se passer : il n'y a pas de mauvaise réponse, et « Je ne sais pas » "
    "est une réponse utile.\n\n"
    "Vous obtiendrez un score par axe, des conseils concrets avec des ressources pour avancer et, quand un "
    "prestataire peut vous aider, un projet prêt à publier. Vos réponses ne sont jamais montrées à d'autres "
    "associations : elles ne servent qu'à des moyennes anonymes, calculées sur des groupes assez grands pour "
    "que personne ne puisse y être reconnu."
)

DONT_KNOW = ("Je ne sais pas", 0)


@dataclass(frozen=True)
class AdviceSeed:
    """A recommendation, given when the chosen answer scores at most `max_score`."""

    max_score: int
    title: str
    advice: str
    needs_provider: bool = False
    articles: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    trainings: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionSeed:
    key: str
    text: str
    why: str
    answers: tuple[tuple[str, int], ...]
    advice: tuple[AdviceSeed, ...]
    weight: int = 2


@dataclass(frozen=True)
class AxisSeed:
    key: str
    title: str
    title_en: str
    description: str
    themes: tuple[str, ...]
    project_type: str
    skills: tuple[str, ...]
    questions: tuple[QuestionSeed, ...]
    weight: int = 1


EQUIPMENT = AxisSeed(
    key="equipment",
    title="Équipement et réseaux",
    title_en="Equipment and networks",
    description=(
        "Ordinateurs, connexion internet, mises à jour et inventaire : les bases matérielles du travail de l'équipe."
    ),
    themes=("equipement",),
    project_type=ProjectType.HARDWARE,
    skills=("parc-informatique", "materiel-reconditionne", "reseau-wifi", "installation-postes"),
    questions=(
        QuestionSeed(
            key="computer-age",
            text="Quel âge ont la plupart des ordinateurs utilisés pour l'association ?",
            why=(
                "Un ordinateur de plus de six ans ralentit le travail de tout le monde et ne reçoit souvent plus "
                "les mises à jour de sécurité."
            ),
            answers=(("Moins de 4 ans", 3), ("Entre 4 et 6 ans", 2), ("Plus de 6 ans", 1), DONT_KNOW),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Renouveler les postes les plus anciens avec du matériel reconditionné",
                    advice=(
                        "Remplacez d'abord les ordinateurs qui ne reçoivent plus de mises à jour. Un portable "
                        "professionnel reconditionné coûte deux à trois fois moins cher qu'un neuf et reste garanti. "
                        "Confiez les anciens postes à une filière de réemploi plutôt qu'à la déchetterie."
                    ),
                    articles=("materiel-reconditionne",),
                    offers=("ordinateurs-portables-reconditionnes",),
                ),
            ),
        ),
        QuestionSeed(
            key="personal-devices",
            text="L'équipe travaille-t-elle sur des ordinateurs de l'association ou sur ses ordinateurs personnels ?",
            why=(
                "Quand les fichiers de l'association restent sur des ordinateurs personnels, ils échappent à toute "
                "protection et partent avec la personne le jour où elle s'en va."
            ),
            answers=(
                ("Oui, l'association équipe les personnes qui en ont besoin", 3),
                ("Surtout des ordinateurs personnels, avec des règles (session à part, fichiers partagés)", 2),
                ("Surtout des ordinateurs personnels, sans règle particulière", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Fixer des règles simples pour les ordinateurs personnels",
                    advice=(
                        "Demandez que les fichiers de l'association restent dans l'espace partagé et jamais sur le "
                        "disque d'un ordinateur personnel. Une session à part, un écran qui se verrouille et un "
                        "antivirus à jour sont le minimum. Équipez en priorité les personnes qui manipulent des "
                        "données sensibles (bénéficiaires, dons)."
                    ),
                    articles=("partage-documents-cloud",),
                    offers=("ordinateurs-portables-reconditionnes",),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="updates",
            text="Les mises à jour des ordinateurs et des logiciels sont-elles faites régulièrement ?",
            why=(
                "La plupart des attaques passent par des failles déjà corrigées par les éditeurs : faire les mises "
                "à jour est le geste de sécurité le plus simple."
            ),
            answers=(
                ("Oui, elles s'installent automatiquement sur tous les postes", 3),
                ("Oui, quand quelqu'un y pense", 1),
                ("Non, on les repousse souvent", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Activer les mises à jour automatiques partout",
                    advice=(
                        "Activez les mises à jour automatiques du système, du navigateur et de la suite bureautique "
                        "sur chaque poste, et laissez les ordinateurs redémarrer une fois par semaine. Un antivirus "
                        "administré en ligne permet de vérifier d'un coup d'œil que tous les postes sont à jour."
                    ),
                    articles=("mises-a-jour-postes",),
                    offers=("antivirus-bitdefender",),
                ),
            ),
        ),
        QuestionSeed(
            key="internet-wifi",
            text="La connexion internet et le Wi-Fi du local suffisent-ils pour travailler (visioconférence, envoi "
            "de fichiers) ?",
            why=(
                "Une connexion lente ou un Wi-Fi qui coupe fait perdre du temps à chaque réunion en ligne et "
                "décourage l'équipe d'utiliser les outils partagés."
            ),
            answers=(
                ("Oui, sans problème", 3),
                ("La plupart du temps", 2),
                ("Nous n'avons pas de local : chacun travaille de chez soi", 2),
                ("Non, c'est souvent lent ou coupé", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Faire vérifier la connexion et le Wi-Fi du local",
                    advice=(
                        "Un prestataire peut mesurer le débit, placer correctement la borne Wi-Fi et créer un réseau "
                        "séparé pour le public accueilli. Comparez aussi votre abonnement : les offres fibre pour les "
                        "associations ont beaucoup baissé."
                    ),
                    needs_provider=True,
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="inventory",
            text="Savez-vous quel matériel possède l'association (ordinateurs, téléphones, imprimantes) et qui "
            "l'utilise ?",
            why=(
                "Sans inventaire, impossible de prévoir les renouvellements ni de récupérer le matériel quand un "
                "bénévole quitte l'association."
            ),
            answers=(
                ("Oui, un inventaire à jour existe", 3),
                ("En partie, la liste n'est plus à jour", 1),
                ("Non", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Faire l'inventaire du matériel et planifier son renouvellement",
                    advice=(
                        "Un simple tableau suffit : appareil, date d'achat, personne qui l'utilise, état. Un "
                        "prestataire peut vous aider à le dresser, remettre les postes à niveau et établir un plan "
                        "de renouvellement sur trois ans, à présenter au bureau avec le budget."
                    ),
                    needs_provider=True,
                    articles=("materiel-reconditionne",),
                ),
            ),
        ),
    ),
)

COLLABORATION = AxisSeed(
    key="collaboration",
    title="Outils collaboratifs et cloud",
    title_en="Collaboration tools and cloud",
    description=(
        "Messagerie, agenda, fichiers partagés et réunions à distance : travailler ensemble sans perdre "
        "d'information, même quand les bénévoles ne se croisent pas."
    ),
    themes=("collaboration-cloud",),
    project_type=ProjectType.CLOUD,
    skills=("migration-cloud", "microsoft-365", "google-workspace", "partage-documents"),
    questions=(
        QuestionSeed(
            key="email-addresses",
            text="Quelles adresses e-mail utilisez-vous pour les échanges de l'association ?",
            why=(
                "Avec des adresses au nom de l'association, les échanges restent à l'association quand les "
                "personnes changent, et vos messages inspirent davantage confiance."
            ),
            answers=(
                ("Des adresses au nom de l'association (prenom@notre-asso.fr, tresorerie@...)", 3),
                ("Une adresse gratuite partagée (notre-asso@gmail.com, par exemple)", 1),
                ("Chacun utilise son adresse personnelle", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Passer à une messagerie au nom de l'association",
                    advice=(
                        "Les programmes associatifs de Microsoft et de Google offrent des boîtes mail "
                        "professionnelles. Un prestataire peut configurer le nom de domaine, créer les comptes et "
                        "reprendre les anciens messages. Prévoyez des adresses de fonction (contact@, tresorerie@) "
                        "qui se transmettent d'un bénévole à l'autre."
                    ),
                    needs_provider=True,
                    articles=("microsoft-365-associations", "google-workspace-associations"),
                    offers=("microsoft-365-business-premium", "google-workspace-nonprofits"),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="shared-files",
            text="Où sont rangés les documents de l'association (comptes rendus, tableaux, modèles) ?",
            why=(
                "Des documents dispersés sur des clés USB et dans des boîtes mail se perdent, existent en plusieurs "
                "versions et disparaissent avec leur auteur."
            ),
            answers=(
                ("Dans un espace partagé en ligne, bien organisé", 3),
                ("Dans un espace partagé, mais chacun range à sa façon", 2),
                ("Sur les ordinateurs et les clés USB de chacun, et on s'envoie les fichiers par e-mail", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Créer un espace de fichiers partagé pour toute l'association",
                    advice=(
                        "Un espace partagé en ligne (OneDrive, Google Drive, Nextcloud) garde une seule version de "
                        "chaque document, accessible aux bonnes personnes et sauvegardée. Un prestataire peut "
                        "rapatrier les fichiers dispersés et régler les droits d'accès par équipe."
                    ),
                    needs_provider=True,
                    articles=("partage-documents-cloud", "migrer-vers-microsoft-365"),
                    trainings=("microsoft-365-au-quotidien",),
                ),
                AdviceSeed(
                    max_score=2,
                    title="Se mettre d'accord sur un plan de classement",
                    advice=(
                        "Décidez ensemble de quelques dossiers (un par activité, plus « Bureau » et « Modèles ») et "
                        "d'une règle de nommage avec la date. Écrivez-la sur une page, en tête de l'espace partagé, "
                        "et faites le tri une fois par an."
                    ),
                    articles=("partage-documents-cloud",),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="shared-calendar",
            text="Comment l'équipe partage-t-elle les plannings (permanences, réunions, événements) ?",
            why=(
                "Un agenda commun évite les doubles réservations et les oublis, surtout avec des bénévoles qui ne "
                "se croisent pas."
            ),
            answers=(
                ("Avec un agenda partagé en ligne", 3),
                ("Avec un tableau partagé ou un outil de sondage", 2),
                ("Par e-mail, par téléphone ou sur une messagerie instantanée", 1),
                ("Il n'y a pas de planning commun", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Mettre en place un agenda partagé",
                    advice=(
                        "Créez un agenda par usage (permanences, salle, événements) dans l'outil de messagerie de "
                        "l'association, et partagez-le en lecture avec tous les bénévoles. Les inscriptions aux "
                        "créneaux se font ensuite en quelques clics, sans chaîne d'e-mails."
                    ),
                    articles=("google-workspace-associations", "microsoft-365-associations"),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="remote-meetings",
            text="L'équipe sait-elle organiser une réunion à distance ?",
            why=(
                "Les réunions à distance permettent d'associer les bénévoles éloignés ou peu disponibles, à "
                "condition que l'outil soit simple et que chacun sache s'en servir."
            ),
            answers=(
                ("Oui, avec un outil de l'association que tout le monde maîtrise", 3),
                ("Oui, mais avec des outils différents selon les personnes", 2),
                ("Rarement, c'est souvent compliqué", 1),
                ("Jamais", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Choisir un seul outil de visioconférence et l'apprendre ensemble",
                    advice=(
                        "Retenez l'outil inclus dans votre messagerie (Teams, Meet) ou un outil libre, et "
                        "tenez-vous-y. Une courte séance de prise en main, un lien de réunion fixe pour les "
                        "rendez-vous réguliers et quelques règles (ordre du jour, micro coupé) suffisent à rendre "
                        "les réunions efficaces."
                    ),
                    articles=("visioconference-outils",),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="co-editing",
            text="Travaillez-vous à plusieurs sur le même document en ligne, sans vous l'envoyer par e-mail ?",
            why=(
                "Écrire à plusieurs sur un seul document évite les versions « final_v3_corrigé » et fait gagner du "
                "temps à chaque compte rendu ou budget."
            ),
            answers=(
                ("Oui, c'est devenu l'habitude", 3),
                ("Parfois, pour quelques documents", 1),
                ("Non, on s'envoie les fichiers par e-mail", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Apprendre à l'équipe à travailler à plusieurs sur un document",
                    advice=(
                        "Commencez par un document que tout le monde utilise, comme le compte rendu du bureau, et "
                        "partagez un lien plutôt qu'une pièce jointe. Une formation courte aux outils collaboratifs "
                        "lève vite les craintes de « casser » le travail des autres."
                    ),
                    articles=("etude-de-cas-banque-alimentaire",),
                    trainings=("microsoft-365-au-quotidien",),
                ),
            ),
        ),
    ),
)

COMMUNICATION = AxisSeed(
    key="communication",
    title="Communication et site internet",
    title_en="Communication and website",
    description=(
        "Site internet, réseaux sociaux, lettre d'information et accessibilité : se faire connaître et rester "
        "lisible par toutes et tous."
    ),
    themes=("communication", "accessibilite"),
    project_type=ProjectType.WEBSITE,
    skills=("site-vitrine", "refonte-site", "accessibilite-rgaa", "maintenance-site"),
    questions=(
        QuestionSeed(
            key="website",
            text="L'association a-t-elle un site internet à jour ?",
            why=(
                "Le site est souvent le premier contact d'un futur bénévole, d'un donateur ou d'un financeur : des "
                "informations périmées donnent l'image d'une association inactive."
            ),
            answers=(
                ("Oui, mis à jour au moins une fois par mois", 3),
                ("Oui, mais il date et n'est presque jamais mis à jour", 1),
                ("Non, seulement une page sur un réseau social", 1),
                ("Non, nous n'avons aucune présence en ligne", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Refaire un site simple que l'équipe peut mettre à jour",
                    advice=(
                        "Quelques pages suffisent souvent : qui sommes-nous, nos actions, agir avec nous, contact. "
                        "Choisissez un outil que des bénévoles peuvent modifier sans aide et demandez une courte "
                        "formation à la livraison. Un prestataire peut vous accompagner du choix de l'outil à la "
                        "mise en ligne."
                    ),
                    needs_provider=True,
                    articles=("site-internet-sans-code",),
                    offers=("pack-site-internet",),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="website-access",
            text="Qui peut modifier le site et détient ses accès (hébergement, nom de domaine) ?",
            why=(
                "Quand une seule personne détient les accès, le site devient impossible à modifier, voire se perd, "
                "le jour où elle quitte l'association."
            ),
            answers=(
                ("Au moins deux personnes de l'association, et les accès sont rangés en lieu sûr", 3),
                ("Une seule personne", 1),
                ("Personne dans l'association : un prestataire ou un ancien bénévole les a gardés", 0),
                ("Je ne sais pas, ou nous n'avons pas de site", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Récupérer et partager les accès du site et du nom de domaine",
                    advice=(
                        "Vérifiez que le nom de domaine est enregistré au nom de l'association, et non d'un "
                        "bénévole ou d'un prestataire. Rangez les accès (hébergeur, nom de domaine, administration "
                        "du site) dans un gestionnaire de mots de passe partagé avec au moins deux membres du bureau."
                    ),
                    articles=("mots-de-passe-gestionnaire",),
                    offers=("bitwarden-teams",),
                ),
            ),
        ),
        QuestionSeed(
            key="social-media",
            text="Comment l'association utilise-t-elle les réseaux sociaux ?",
            why=(
                "Les réseaux sociaux font connaître vos actions et attirent des bénévoles, à condition de choisir "
                "ceux où se trouve votre public et d'y publier régulièrement."
            ),
            answers=(
                ("Nous publions régulièrement sur un ou deux réseaux choisis pour notre public", 3),
                ("Nous publions de temps en temps, sans plan", 1),
                ("Nous avons des comptes, mais ne publions plus", 0),
                ("Nous n'y sommes pas", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Choisir ses réseaux et un rythme de publication tenable",
                    advice=(
                        "Mieux vaut un seul réseau bien tenu que quatre comptes abandonnés. Fixez un rythme réaliste "
                        "(une publication par semaine), préparez quelques modèles de visuels et partagez la tâche "
                        "entre deux ou trois bénévoles."
                    ),
                    articles=("reseaux-sociaux-strategie", "canva-visuels-association"),
                    offers=("canva-pro",),
                    trainings=("canva-communication-visuelle",),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="newsletter",
            text="Comment tenez-vous informés vos adhérents, donateurs et partenaires ?",
            why=(
                "Une lettre d'information régulière entretient le lien et fait revenir les donateurs, pour un coût "
                "très faible quand elle part d'un outil prévu pour cela."
            ),
            answers=(
                ("Par une lettre d'information régulière, envoyée avec un outil d'e-mailing", 3),
                ("Par des e-mails groupés envoyés de temps en temps depuis une messagerie", 1),
                ("Rien de régulier", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Lancer une lettre d'information avec un outil adapté",
                    advice=(
                        "Un outil d'e-mailing gère les inscriptions, les désinscriptions et évite que vos messages "
                        "finissent en indésirables. Commencez par une lettre courte tous les deux mois : une action "
                        "racontée, un chiffre, un appel à l'aide."
                    ),
                    articles=("newsletter-association",),
                ),
            ),
        ),
        QuestionSeed(
            key="accessibility",
            text="Vos documents et votre site sont-ils lisibles par les personnes handicapées (malvoyantes, "
            "dyslexiques...) ?",
            why=(
                "Une personne sur cinq vit avec un handicap : des contenus accessibles vous ouvrent à tous vos "
                "publics, et sont souvent plus clairs pour tout le monde."
            ),
            answers=(
                ("Oui, nous appliquons les règles d'accessibilité (contrastes, textes alternatifs, titres)", 3),
                ("Nous faisons attention à quelques points", 1),
                ("Non, nous n'y avons jamais pensé", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Appliquer les bases de l'accessibilité",
                    advice=(
                        "Quelques gestes couvrent l'essentiel : des titres structurés, des contrastes suffisants, un "
                        "texte alternatif pour chaque image et des liens qui disent où ils mènent. Pour le site, "
                        "demandez au prestataire un contrôle selon le RGAA."
                    ),
                    articles=("accessibilite-rgaa-site", "documents-accessibles"),
                    trainings=("documents-accessibles",),
                ),
            ),
            weight=1,
        ),
    ),
)

DATA_SECURITY = AxisSeed(
    key="data-security",
    title="Données, RGPD et sécurité",
    title_en="Data, GDPR and security",
    description=(
        "Mots de passe, sauvegardes, registre RGPD et consentement : protéger les données des adhérents, des "
        "bénéficiaires et des donateurs."
    ),
    themes=("donnees-rgpd", "cybersecurite"),
    project_type=ProjectType.SECURITY,
    skills=("rgpd-conformite", "audit-securite", "sauvegarde", "gestion-mots-de-passe"),
    questions=(
        QuestionSeed(
            key="passwords",
            text="Comment sont gardés les mots de passe des comptes communs (banque, réseaux sociaux, site) ?",
            why=(
                "Un mot de passe réutilisé partout ou noté sur un carnet qui circule suffit à perdre un compte, et "
                "avec lui des données ou de l'argent."
            ),
            answers=(
                ("Dans un gestionnaire de mots de passe partagé", 3),
                ("Dans un fichier ou un carnet, avec un mot de passe différent par compte", 1),
                ("Le même mot de passe pour plusieurs comptes, connu de plusieurs personnes", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Passer à un gestionnaire de mots de passe partagé",
                    advice=(
                        "Un gestionnaire de mots de passe crée des mots de passe solides et les partage avec les "
                        "bonnes personnes, sans jamais les écrire en clair. Commencez par les comptes qui touchent à "
                        "l'argent et aux données, et changez les mots de passe quand un bénévole s'en va."
                    ),
                    articles=("mots-de-passe-gestionnaire",),
                    offers=("bitwarden-teams",),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="two-factor",
            text="La double authentification (un code reçu sur le téléphone en plus du mot de passe) est-elle "
            "activée sur les comptes importants ?",
            why=(
                "Avec la double authentification, un mot de passe volé ne suffit plus pour entrer : c'est la "
                "protection la plus efficace contre le piratage des comptes."
            ),
            answers=(
                ("Oui, sur la messagerie, la banque et les réseaux sociaux", 3),
                ("Sur certains comptes seulement", 1),
                ("Non", 0),
                ("Je ne sais pas ce que c'est", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Activer la double authentification sur les comptes importants",
                    advice=(
                        "Activez-la d'abord sur la messagerie, qui permet de réinitialiser tous les autres comptes, "
                        "puis sur la banque, le site et les réseaux sociaux. Rattachez les codes à un téléphone de "
                        "l'association ou à deux personnes, pour ne pas rester bloqués en cas d'absence."
                    ),
                    articles=("mots-de-passe-gestionnaire", "reconnaitre-phishing"),
                    trainings=("securiser-outils-numeriques",),
                ),
            ),
        ),
        QuestionSeed(
            key="backups",
            text="Les fichiers de l'association sont-ils sauvegardés ailleurs que sur l'ordinateur où ils se "
            "trouvent ?",
            why=(
                "Une panne, un vol ou un rançongiciel peuvent effacer des années de travail : seule une sauvegarde "
                "séparée, et vérifiée, permet de tout retrouver."
            ),
            answers=(
                ("Oui, automatiquement, avec une copie hors du local, et nous avons déjà essayé de la restaurer", 3),
                ("Oui, de temps en temps, sur un disque externe ou une clé USB", 1),
                ("Non", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Mettre en place des sauvegardes automatiques (règle 3-2-1)",
                    advice=(
                        "Gardez trois copies de vos données, sur deux supports différents, dont une hors du local. "
                        "Automatisez la sauvegarde et essayez de restaurer un fichier deux fois par an. Un "
                        "prestataire peut installer la solution et montrer à l'équipe comment s'en servir."
                    ),
                    needs_provider=True,
                    articles=("sauvegardes-regle-3-2-1",),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="gdpr-register",
            text="L'association tient-elle la liste de ses fichiers de données personnelles (le registre RGPD) ?",
            why=(
                "Le registre RGPD dit quelles données vous collectez, pourquoi et pour combien de temps : c'est la "
                "base de la mise en conformité, et une bonne occasion de faire le tri."
            ),
            answers=(
                ("Oui, et il est à jour", 3),
                ("Il a été commencé, mais n'est pas à jour", 1),
                ("Non", 0),
                ("Je ne sais pas ce que c'est", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Tenir le registre RGPD en une après-midi",
                    advice=(
                        "Partez de vos fichiers réels (adhérents, bénéficiaires, donateurs, bénévoles) et remplissez "
                        "une ligne par usage avec notre modèle. Désignez la personne qui le tient à jour et "
                        "relisez-le chaque année en bureau."
                    ),
                    articles=("registre-rgpd-association", "webinaire-rgpd-replay"),
                    trainings=("rgpd-en-pratique",),
                ),
                AdviceSeed(
                    max_score=0,
                    title="Se faire accompagner pour la mise en conformité RGPD",
                    advice=(
                        "Un regard extérieur repère vite les données sensibles (santé, situation sociale) et les "
                        "durées de conservation à revoir. Demandez un état des lieux et un plan d'action priorisé, "
                        "réaliste pour une équipe de bénévoles."
                    ),
                    needs_provider=True,
                    offers=("audit-rgpd",),
                ),
            ),
        ),
        QuestionSeed(
            key="consent",
            text="Avant d'envoyer une lettre d'information ou un appel aux dons, recueillez-vous l'accord des "
            "personnes ?",
            why=(
                "Le RGPD impose de pouvoir prouver l'accord des personnes et de leur offrir un moyen simple de se "
                "désinscrire ; c'est aussi une question de confiance avec vos donateurs."
            ),
            answers=(
                ("Oui : une case à cocher à l'inscription et un lien de désinscription dans chaque envoi", 3),
                ("En partie : un lien de désinscription, mais pas de trace de l'accord", 1),
                ("Non, nous écrivons à tous les contacts que nous avons", 0),
                DONT_KNOW,
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Recueillir l'accord des personnes et en garder la trace",
                    advice=(
                        "Ajoutez une case à cocher, non cochée d'avance, sur vos bulletins et formulaires, et notez "
                        "la date de l'accord dans votre fichier. Chaque envoi doit proposer un lien de "
                        "désinscription, pris en compte sans délai."
                    ),
                    articles=("newsletter-association", "registre-rgpd-association"),
                    trainings=("rgpd-en-pratique",),
                ),
            ),
        ),
    ),
)

FUNDRAISING = AxisSeed(
    key="fundraising",
    title="Collecte de fonds et gestion des adhérents",
    title_en="Fundraising and membership management",
    description=(
        "Dons et adhésions en ligne, fichier des adhérents, reçus fiscaux et suivi des donateurs : des ressources "
        "plus régulières avec moins de saisie."
    ),
    themes=("collecte-de-fonds", "gestion-organisation"),
    # The member file is where most associations struggle; the brief of a CRM project also covers online
    # memberships and donations, and the project form asks nothing a drafted brief cannot answer.
    project_type=ProjectType.CRM,
    skills=("crm-associatif", "gestion-des-adherents", "adhesions-en-ligne", "dons-en-ligne"),
    questions=(
        QuestionSeed(
            key="online-donations",
            text="Peut-on faire un don à l'association en ligne ?",
            why=(
                "Beaucoup de donateurs donnent en ligne, souvent juste après avoir découvert une action : sans "
                "formulaire de don, ce don-là n'a pas lieu."
            ),
            answers=(
                ("Oui, avec un formulaire de don visible sur notre site et nos réseaux", 3),
                ("Oui, mais le formulaire est peu visible ou peu utilisé", 2),
                ("Non, seulement par chèque, virement ou en espèces", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Ouvrir un formulaire de don en ligne",
                    advice=(
                        "Des plateformes dédiées aux associations permettent de recevoir des dons en ligne sans "
                        "commission et d'envoyer les reçus automatiquement. Placez le bouton de don sur chaque page "
                        "du site et dans chaque lettre d'information."
                    ),
                    articles=("helloasso-collecte-en-ligne",),
                    offers=("helloasso-collecte",),
                ),
                AdviceSeed(
                    max_score=2,
                    title="Rendre le don en ligne plus visible",
                    advice=(
                        "Placez un bouton « Faire un don » en haut de chaque page du site et un lien dans la signature "
                        "des e-mails. Un appel précis (« 30 € = un mois de paniers ») convainc mieux qu'un appel "
                        "général."
                    ),
                    articles=("helloasso-collecte-en-ligne",),
                ),
            ),
        ),
        QuestionSeed(
            key="online-membership",
            text="Les adhérents peuvent-ils adhérer ou renouveler leur cotisation en ligne ?",
            why=(
                "L'adhésion en ligne évite la saisie des bulletins papier, accélère les renouvellements et remplit "
                "directement votre fichier."
            ),
            answers=(
                ("Oui, et les informations arrivent directement dans notre fichier", 3),
                ("Oui, mais nous ressaisissons les informations à la main", 2),
                ("Non, uniquement sur papier", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Proposer l'adhésion et la cotisation en ligne",
                    advice=(
                        "Un formulaire d'adhésion en ligne encaisse la cotisation, envoie le reçu et alimente votre "
                        "fichier sans ressaisie. Gardez le bulletin papier pour les personnes qui le préfèrent."
                    ),
                    articles=("etude-de-cas-club-sportif-billetterie", "helloasso-collecte-en-ligne"),
                    offers=("helloasso-collecte",),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="member-file",
            text="Où est tenu le fichier des adhérents et des contacts ?",
            why=(
                "Un fichier unique, à jour et protégé évite les doublons, les relances oubliées et les erreurs sur "
                "les reçus."
            ),
            answers=(
                ("Dans un logiciel de gestion associative (CRM)", 3),
                ("Dans un seul tableur partagé et bien tenu", 2),
                ("Dans plusieurs tableurs ou carnets, selon les personnes", 0),
                ("Il n'y a pas vraiment de fichier", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=0,
                    title="Choisir et mettre en place un outil de gestion des adhérents",
                    advice=(
                        "Listez d'abord ce que l'outil doit faire (adhésions, cotisations, dons, reçus, e-mails), "
                        "puis comparez deux ou trois logiciels associatifs. Un prestataire peut reprendre vos "
                        "anciens fichiers, paramétrer l'outil et former l'équipe."
                    ),
                    needs_provider=True,
                    articles=("choisir-crm-associatif",),
                ),
                AdviceSeed(
                    max_score=2,
                    title="Fiabiliser le fichier des adhérents",
                    advice=(
                        "Un seul fichier, une ligne par personne, des colonnes aux formats fixes (dates, e-mails) et "
                        "des listes déroulantes évitent la plupart des erreurs. Limitez l'accès aux personnes qui en "
                        "ont besoin."
                    ),
                    articles=("tableur-suivi-adherents",),
                    trainings=("tableur-suivi-adherents",),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="tax-receipts",
            text="Comment les reçus fiscaux des donateurs sont-ils établis ?",
            why=(
                "Le reçu fiscal permet au donateur de déduire une grande partie de son don de ses impôts : l'envoyer "
                "vite et sans erreur le fidélise, et les règles sont strictes."
            ),
            answers=(
                ("Automatiquement, par notre outil de dons ou de gestion", 3),
                ("L'association ne peut pas en émettre, et nous le savons", 3),
                ("À la main, un par un", 1),
                ("Nous ne savons pas si nous pouvons en émettre", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Vérifier votre droit aux reçus fiscaux et les automatiser",
                    advice=(
                        "Assurez-vous d'abord que l'association est d'intérêt général : un reçu émis à tort expose à "
                        "une amende. Ensuite, laissez l'outil de dons ou de gestion émettre les reçus, numérotés et "
                        "envoyés sans ressaisie."
                    ),
                    articles=("recus-fiscaux-dons",),
                    offers=("helloasso-collecte",),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="donor-follow-up",
            text="Que se passe-t-il après un don ou une adhésion ?",
            why=(
                "Un merci rapide puis des nouvelles de ce que le don a permis font revenir les donateurs ; sans "
                "suivi, la plupart ne donnent qu'une fois."
            ),
            answers=(
                ("Un remerciement rapide, puis des nouvelles régulières", 3),
                ("Un remerciement, mais pas de suivi ensuite", 1),
                ("Rien de particulier", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Remercier vite et donner des nouvelles",
                    advice=(
                        "Envoyez un remerciement dans la semaine, personnalisé pour les premiers dons, puis deux ou "
                        "trois nouvelles par an de ce que les dons ont permis. Un outil de gestion des contacts "
                        "garde la trace de chaque échange."
                    ),
                    articles=("newsletter-association", "choisir-crm-associatif"),
                ),
            ),
        ),
    ),
)

SKILLS_STRATEGY = AxisSeed(
    key="skills-strategy",
    title="Compétences et stratégie numérique",
    title_en="Digital skills and strategy",
    description=(
        "Qui porte le numérique dans l'association, avec quelles compétences, quelles priorités et quel budget."
    ),
    themes=("gestion-organisation",),
    project_type=ProjectType.TRAINING,
    skills=(
        "diagnostic-numerique",
        "formation-bureautique",
        "formation-outils-collaboratifs",
        "accompagnement-changement",
    ),
    questions=(
        QuestionSeed(
            key="digital-lead",
            text="Une personne est-elle chargée du numérique dans l'association (bénévole ou salariée) ?",
            why=(
                "Sans personne référente, les outils s'accumulent sans cohérence et personne ne pense aux accès, "
                "aux sauvegardes ni aux renouvellements."
            ),
            answers=(
                ("Oui, c'est une mission reconnue, avec du temps pour s'en occuper", 3),
                ("Oui, mais officieusement, en plus du reste", 1),
                ("Non, chacun se débrouille", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Nommer une personne référente pour le numérique",
                    advice=(
                        "Confiez la mission à une personne, bénévole ou salariée, avec quelques heures par mois et un "
                        "lien direct avec le bureau. Elle tient l'inventaire, les accès et le plan d'action, sans "
                        "forcément être experte : elle sait à qui demander."
                    ),
                    articles=("barometre-numerique-associations",),
                ),
            ),
        ),
        QuestionSeed(
            key="team-skills",
            text="Les bénévoles et salariés sont-ils à l'aise avec les outils numériques de l'association ?",
            why=(
                "Un outil mal maîtrisé est contourné ou abandonné : l'aisance de l'équipe compte autant que le choix "
                "de l'outil."
            ),
            answers=(
                ("Oui, presque tout le monde", 3),
                ("Une partie seulement : les autres demandent souvent de l'aide", 1),
                ("Non, c'est un vrai frein", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Former l'équipe aux outils du quotidien",
                    advice=(
                        "Repérez les besoins avec quelques questions simples, puis organisez des séances courtes et "
                        "pratiques sur vos propres outils. Un binôme entre bénévoles à l'aise et débutants prolonge "
                        "la formation. Un organisme de formation peut construire un parcours adapté à votre équipe."
                    ),
                    needs_provider=True,
                    trainings=("microsoft-365-au-quotidien", "securiser-outils-numeriques"),
                ),
            ),
            weight=3,
        ),
        QuestionSeed(
            key="trainings",
            text="Ces deux dernières années, des membres de l'équipe ont-ils suivi une formation au numérique ?",
            why=(
                "Quelques heures de formation font souvent gagner du temps chaque semaine, et de nombreuses "
                "formations pour les associations sont gratuites ou financées."
            ),
            answers=(("Oui, plusieurs personnes", 3), ("Une seule personne", 1), ("Non", 0), DONT_KNOW),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Inscrire l'équipe à une formation courte",
                    advice=(
                        "Choisissez une formation liée à votre axe le plus faible et inscrivez-y deux personnes, qui "
                        "partageront ensuite ce qu'elles ont appris. Renseignez-vous sur les financements : fonds de "
                        "formation des salariés, dispositifs pour les bénévoles."
                    ),
                    trainings=("securiser-outils-numeriques", "rgpd-en-pratique"),
                ),
            ),
            weight=1,
        ),
        QuestionSeed(
            key="digital-plan",
            text="L'association a-t-elle défini ses priorités numériques pour les années à venir ?",
            why=(
                "Un plan, même d'une page, évite d'acheter des outils au coup par coup et aide à convaincre les "
                "financeurs."
            ),
            answers=(
                ("Oui, un plan écrit, validé par le bureau ou le conseil d'administration", 3),
                ("Nous en avons parlé, sans rien écrire", 1),
                ("Non", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Écrire un plan d'action numérique d'une page",
                    advice=(
                        "Partez des résultats de ce diagnostic : retenez trois priorités pour l'année, avec pour "
                        "chacune une personne responsable, un budget et une échéance. Présentez-le au conseil "
                        "d'administration et faites le point à mi-parcours en refaisant le diagnostic."
                    ),
                    articles=("barometre-numerique-associations",),
                ),
            ),
        ),
        QuestionSeed(
            key="digital-budget",
            text="Un budget est-il prévu chaque année pour le numérique (matériel, logiciels, formation) ?",
            why=(
                "Le numérique a un coût régulier : le prévoir au budget évite les pannes qu'on ne peut pas réparer "
                "et permet de demander des subventions dédiées."
            ),
            answers=(
                ("Oui, une ligne dédiée dans le budget annuel", 3),
                ("Au cas par cas, quand un besoin urgent se présente", 1),
                ("Non, rien n'est prévu", 0),
            ),
            advice=(
                AdviceSeed(
                    max_score=1,
                    title="Prévoir une ligne « numérique » au budget",
                    advice=(
                        "Estimez les abonnements, le renouvellement d'un tiers du matériel et une formation par an. "
                        "Les offres solidaires (licences offertes, matériel reconditionné) réduisent fortement ce "
                        "montant, et plusieurs financeurs soutiennent les projets numériques des associations."
                    ),
                    offers=("microsoft-365-business-premium", "ordinateurs-portables-reconditionnes"),
                ),
            ),
        ),
    ),
)

AXES: tuple[AxisSeed, ...] = (EQUIPMENT, COLLABORATION, COMMUNICATION, DATA_SECURITY, FUNDRAISING, SKILLS_STRATEGY)


# --- The loader ---------------------------------------------------------------------------------------------------


def _pages_by_slug(model, attribute: str) -> dict[str, object]:
    """The pages of `model` the advice names, in the site's main language (translations share the slug)."""
    slugs = {
        slug
        for axis in AXES
        for question in axis.questions
        for advice in question.advice
        for slug in getattr(advice, attribute)
    }
    pages = {}
    language = conf.language_code()
    for page in model.objects.filter(slug__in=slugs, locale__language_code=language).order_by("path"):
        pages.setdefault(page.slug, page)
    return pages


def _create(model, **fields):
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance


def _install_advice(question: Question, position: int, seed: AdviceSeed, pages: dict[str, dict]) -> None:
    recommendation = _create(
        Recommendation,
        question=question,
        sort_order=position,
        max_score=seed.max_score,
        title=seed.title,
        advice=seed.advice,
        needs_provider=seed.needs_provider,
    )
    # Parental many-to-many fields are set in memory and written by the cluster's save().
    for attribute in ("articles", "offers", "trainings"):
        found = [pages[attribute][slug] for slug in getattr(seed, attribute) if slug in pages[attribute]]
        getattr(recommendation, attribute).set(found)
    recommendation.save()


def _install_axis(version: QuestionnaireVersion, position: int, seed: AxisSeed, pages: dict[str, dict]) -> None:
    axis = _create(
        Axis,
        version=version,
        sort_order=position,
        key=seed.key,
        title=seed.title,
        title_en=seed.title_en,
        description=seed.description,
        weight=seed.weight,
        project_type=seed.project_type,
    )
    axis.themes.set(Theme.objects.filter(slug__in=seed.themes))
    # An inactive skill would make the project service refuse the brief.
    axis.skills.set(Skill.objects.filter(slug__in=seed.skills, is_active=True))
    axis.save()
    for question_position, question_seed in enumerate(seed.questions):
        question = _create(
            Question,
            axis=axis,
            sort_order=question_position,
            key=question_seed.key,
            text=question_seed.text,
            why=question_seed.why,
            weight=question_seed.weight,
        )
        for choice_position, (label, score) in enumerate(question_seed.answers):
            _create(Choice, question=question, sort_order=choice_position, label=label, score=score)
        for advice_position, advice_seed in enumerate(question_seed.advice):
            _install_advice(question, advice_position, advice_seed, pages)


def install_default_questionnaire(*, publish: bool = True) -> QuestionnaireVersion:
    """Install the default questionnaire as version 1 when there is no questionnaire at all, else change nothing.

    Returns the version now in use: the published one, or the latest draft
    when none is published (editors may have installed it unpublished to
    review it first; publishing it stays their decision).
    """
    existing = current_version() or QuestionnaireVersion.objects.order_by("-number").first()
    if existing is not None:
        return existing
    with transaction.atomic():
        # Not `_create`: the version's number is only given by its own save().
        version = QuestionnaireVersion.objects.create(name=VERSION_NAME, intro=INTRO)
        pages = {
            "articles": _pages_by_slug(ArticlePage, "articles"),
            "offers": _pages_by_slug(OfferPage, "offers"),
            "trainings": _pages_by_slug(TrainingPage, "trainings"),
        }
        for position, axis_seed in enumerate(AXES):
            _install_axis(version, position, axis_seed, pages)
        if publish:
            version = questionnaire_version_publish(version=version, user=None)
    return version
