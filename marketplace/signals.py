"""The core's announcements to other packages (search, messaging).

Each is sent after the transaction commits, with ids only, from the service
that made the change. Receivers must not assume they run in the request.
One exception, `marketplace_imported`: it is sent inside the import's
transaction, so that what receivers record (search's index queue) is saved,
or rolled back, with the imported rows themselves.
"""

import contextvars

from django.db import transaction
from django.dispatch import Signal

project_published = Signal()  # project_id
project_updated = Signal()  # project_id, fields
project_closed = Signal()  # project_id, state (awarded projects stay open; closed, cancelled, expired do not)
project_state_changed = Signal()  # project_id, state
provider_invited = Signal()  # project_id, provider_id
proposal_submitted = Signal()  # proposal_id
proposal_revised = Signal()  # proposal_id, version
proposal_withdrawn = Signal()  # proposal_id
proposal_accepted = Signal()  # proposal_id, project_id
proposal_declined = Signal()  # proposal_id, project_id
reputation_changed = Signal()  # organisation_id (a review was published, hidden or restored)
provider_profile_changed = Signal()  # organisation_id
notification_created = Signal()  # user_id, notification_id, title, url
marketplace_imported = Signal()  # provider_ids, project_ids, new_skills (inside the import's transaction)


def send_after_commit(signal: Signal, **kwargs) -> None:
    """Announce once the data is in the database, never for a rolled-back change.

    Receivers run in the context of the change, not of the commit: a script that holds back notifications or
    indexing while it drives the services (the demo's seeder) holds them for its changes' announcements too,
    even when the transaction commits after its block ended (an outer transaction, a test's callbacks).
    """
    context = contextvars.copy_context()
    transaction.on_commit(lambda: context.run(signal.send, sender=None, **kwargs))
