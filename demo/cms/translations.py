"""English versions of a few demo pages, made the way an editor would with simple_translation's "Traduire".

Copied for translation (a draft in the English locale, under the English
parent), then given their English title and introduction, and published.
"""

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import GroupPagePermission, Locale

ENGLISH = {
    # French page's slug: English title, intro (or hero text for the home page)
    "home": (
        "Passerelle: digital tools for associations",
        "Find verified providers, solidarity-priced tools and "
        "practical guides to make your association's digital life easier.",
    ),
    "ressources": (
        "Resource centre",
        "Guides, tutorials, webinar replays and studies for your association's digital projects.",
    ),
    "microsoft-365-associations": (
        "Microsoft 365 for associations: what is offered and how to get it",
        "Eligible associations can get Microsoft 365 licences for free or at a reduced price. Here are the offers, "
        "the conditions and the steps to activate them.",
    ),
    "registre-rgpd-association": (
        "Keeping your association's GDPR record of processing",
        "The record of processing activities is the backbone of GDPR compliance. How to write it in an afternoon, "
        "with our template.",
    ),
    "mots-de-passe-gestionnaire": (
        "Passwords: switching the association to a password manager",
        "Shared passwords in a spreadsheet are the first cause of account takeovers. How to move to a password "
        "manager, step by step.",
    ),
    "offres": (
        "Solidarity offers",
        "Software, refurbished equipment and support services at prices set by your association's budget.",
    ),
    "microsoft-365-business-premium": (
        "Microsoft 365 Business Premium for associations",
        "Email, Teams, OneDrive and Microsoft's advanced security, free for up to 10 users.",
    ),
    "formations": (
        "Training catalogue",
        "Short, practical trainings for volunteers and staff, at solidarity prices.",
    ),
    "microsoft-365-au-quotidien": (
        "Microsoft 365 day to day",
        "Teams, OneDrive and SharePoint to work together without losing a file.",
    ),
}

# The rest of an offer's or a training's English text, set on the translated page.
ENGLISH_FIELDS = {
    "microsoft-365-business-premium": {
        "offer_details": "<p>Ten Business Premium licences donated by Microsoft, then licences at a reduced price. "
        "Passerelle handles the activation and only charges a yearly handling fee.</p>"
        "<ul><li>Exchange, Teams, SharePoint and OneDrive (1 TB per person)</li>"
        "<li>Word, Excel and PowerPoint on up to 5 devices</li>"
        "<li>Intune and Defender to protect computers</li></ul>",
        "eligibility_conditions": "<p>Verified associations under the 1901 law, except religious and political "
        "ones. The board names an administrator account.</p>",
    },
    "microsoft-365-au-quotidien": {
        "objectives": "<ul><li>Organise shared files</li><li>Run a team in Teams</li></ul>",
        "prerequisites": "<p>Active Microsoft 365 licences.</p>",
        "duration": "2 half-days (7 hours)",
        "certification": "Qualiopi-certified training organisation",
    },
}


def _translate(page, locale, title: str, text: str) -> bool:
    """Copy `page` into `locale` unless already done, set the English text, publish. True if created."""
    if page.get_translation_or_none(locale) is not None:
        return False
    CopyPageForTranslationAction(page=page, locale=locale).execute(skip_permission_checks=True)
    translation = page.get_translation(locale).specific
    translation.title = title
    translation.seo_title = ""
    translation.search_description = text[:160]
    if hasattr(translation, "hero_title"):
        translation.hero_title, translation.hero_text = title, text
        translation.hero_cta_label = "Create an account"
    if hasattr(translation, "intro"):
        translation.intro = text
    if hasattr(translation, "summary"):
        translation.summary = text
    for field, value in ENGLISH_FIELDS.get(page.slug, {}).items():
        setattr(translation, field, value)
    translation.save_revision().publish()
    return True


def _share_permissions(home, translated_home) -> None:
    """The English home is a sibling of the French one: writers and editors get the same rights on its tree."""
    for grant in GroupPagePermission.objects.filter(page=home):
        GroupPagePermission.objects.get_or_create(group=grant.group, page=translated_home, permission=grant.permission)


def seed_translations(home, pages: list) -> int:
    """English versions of `home` then `pages` (parents before children), keyed by the French slug."""
    locale, _created = Locale.objects.get_or_create(language_code="en")
    created = 0
    for page in [home, *pages]:
        key = "home" if page.pk == home.pk else page.slug
        if key in ENGLISH:
            created += _translate(page.specific, locale, *ENGLISH[key])
    _share_permissions(home, home.get_translation(locale))
    return created
