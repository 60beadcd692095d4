"""The events the platform writes into a conversation, with their sentence in each language.

The sentence is rendered when the message is shown, in the reader's language;
the French version is also stored in the body so that search finds it.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import conf

SYSTEM_SENTENCES = {
    "provider_invited": _("L'association a invité %(provider)s à proposer un devis pour « %(project)s »."),
    "proposal_submitted": _("%(provider)s a envoyé un devis."),
    "proposal_revised": _("%(provider)s a envoyé la version %(version)s de son devis."),
    "proposal_withdrawn": _("%(provider)s a retiré son devis."),
    "proposal_accepted": _("L'association a accepté le devis de %(provider)s."),
    "proposal_declined": _("L'association a décliné le devis de %(provider)s."),
    "project_state_changed": _("Le projet « %(project)s » est maintenant : %(state)s."),
}


def system_sentence(event: str, data: dict) -> str:
    from marketplace.models.projects import ProjectState

    values = dict(data)
    if "state" in values:
        try:
            values["state"] = ProjectState(values["state"]).label
        except ValueError:
            pass
    template = SYSTEM_SENTENCES.get(event)
    if template is None:
        return ""
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


def system_sentence_stored(event: str, data: dict) -> str:
    with translation.override(conf.language_code()):
        return system_sentence(event, data)
