"""Projects through their services: drafting, publishing, editing, inviting, cancelling, the lifecycle and expiry."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from marketplace.errors import NotFound, PermissionDenied, ProjectError
from marketplace.geography import Region
from marketplace.models import AuditEntry, Notification, Project, ProjectChange, ProjectInvitation, Skill
from marketplace.models.organisations import Role
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.project_types import ProjectType
from marketplace.services.projects import (
    project_cancel,
    project_close,
    project_create,
    project_invite,
    project_mark_delivered,
    project_publish,
    project_start,
    project_update,
    projects_expire_overdue,
)
from marketplace.services.proposals import proposal_shortlist, proposal_withdraw
from marketplace.signals import project_closed, project_published, project_state_changed, project_updated

from ..profile_factories import AssociationProfileFactory
from ..project_factories import (
    AssociationFactory,
    ProjectFactory,
    ProposalFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
    awarded_project,
    in_days,
    member_of,
    project_data,
    quoting_provider,
    submit_proposal,
)
from ..signals import recording

pytestmark = pytest.mark.django_db

DATE_FIELDS = ("desired_start", "deadline", "answer_deadline")

# On PostgreSQL the lifecycle and reviews lock the project with select_related("awarded_proposal"), a nullable
# foreign key (LEFT OUTER JOIN), which PostgreSQL refuses to lock; SQLite ignores FOR UPDATE and hides it.
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture
def asso(db):
    return VerifiedAssociationFactory(name="Les Amis du Quartier")


@pytest.fixture
def manager(asso):
    return member_of(asso, Role.OWNER, user__email="presidente@amis.test")


@pytest.fixture
def volunteer(asso):
    return member_of(asso, Role.MEMBER, user__email="benevole@amis.test")


@pytest.fixture
def signals_received():
    """Every announcement of the project signals, as (signal name, kwargs), in the order sent."""
    signals = {
        "project_published": project_published,
        "project_updated": project_updated,
        "project_closed": project_closed,
        "project_state_changed": project_state_changed,
    }
    with recording(signals) as received:
        yield received


def _data(**overrides):
    """project_data with date overrides given as a number of days from today."""
    for field in DATE_FIELDS:
        if isinstance(overrides.get(field), int):
            overrides[field] = in_days(overrides[field]).isoformat()
    return project_data(**overrides)


def _draft(membership, **overrides):
    return project_create(membership=membership, data=_data(**overrides))


def _published(membership, **overrides):
    project = _draft(membership, **overrides)
    return project_publish(membership=membership, project_id=project.pk)


def _notifications(membership, kind=None):
    notifications = Notification.objects.filter(user=membership.user)
    return notifications.filter(kind=kind) if kind else notifications


# Drafting


def test_any_member_of_an_unverified_association_saves_a_draft():
    membership = member_of(AssociationFactory(), Role.MEMBER)

    project = _draft(membership)

    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    assert project.organisation == membership.organisation
    assert project.created_by == membership.user
    assert project.title == "Refonte du site du centre social"
    assert project.answers == {"pages": 12, "content_ready": "unsure", "languages": ["fr", "en"], "donations": True}
    assert (project.budget_min_cents, project.budget_max_cents) == (200_000, 600_000)
    assert project.published_at is None
    assert AuditEntry.objects.filter(action="project.created", target=f"marketplace.project:{project.pk}").exists()


def test_text_is_tidied_and_unknown_answers_are_dropped(volunteer):
    project = _draft(
        volunteer,
        title="  Refonte   du\tsite  ",
        description="\r\n  Première ligne du besoin.\r\nDeuxième ligne du besoin.  \r\n",
        answers={"pages": 3, "couleur": "bleu", "languages": "fr"},
    )

    assert project.title == "Refonte du site"
    assert project.description == "Première ligne du besoin.\nDeuxième ligne du besoin."
    assert project.answers == {"pages": 3, "languages": ["fr"]}


def test_a_provider_cannot_create_a_project():
    provider_member = member_of(VerifiedProviderFactory())

    with pytest.raises(PermissionDenied) as refused:
        _draft(provider_member)

    assert refused.value.message == "Seules les associations publient des projets."
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param({"project_type": "blog"}, "project_type", "Choisissez un type de projet.", id="unknown-type"),
        pytest.param({"project_type": ""}, "project_type", "Choisissez un type de projet.", id="no-type"),
        pytest.param({"title": "Site"}, "title", "Au moins 5 caractères.", id="title-short"),
        pytest.param({"title": "  a   b  "}, "title", "Au moins 5 caractères.", id="title-only-spaces"),
        pytest.param({"title": "x" * 161}, "title", "Au plus 160 caractères.", id="title-long"),
        pytest.param({"description": "Trop court"}, "description", "Au moins 20 caractères.", id="description-short"),
        pytest.param({"description": "x" * 10_001}, "description", "Au plus 10000 caractères.", id="description-long"),
        pytest.param(
            {"project_type": ProjectType.CLOUD, "answers": {"users": 12}},
            "answers.target",
            "Répondez à cette question.",
            id="cloud-target-required",
        ),
        pytest.param(
            {"project_type": ProjectType.CLOUD, "answers": {"target": "nextcloud", "users": ""}},
            "answers.users",
            "Répondez à cette question.",
            id="cloud-users-required",
        ),
        pytest.param(
            {"project_type": ProjectType.CLOUD, "answers": {"target": "aws", "users": 12}},
            "answers.target",
            "Choisissez une réponse dans la liste.",
            id="choice-not-in-list",
        ),
        pytest.param(
            {"project_type": ProjectType.CLOUD, "answers": {"target": "nextcloud", "users": "une douzaine"}},
            "answers.users",
            "Un nombre entier est attendu.",
            id="number-not-a-number",
        ),
        pytest.param(
            {"project_type": ProjectType.CLOUD, "answers": {"target": "nextcloud", "users": 100_001}},
            "answers.users",
            "Nombre hors des limites.",
            id="number-too-big",
        ),
        pytest.param({"answers": {"pages": -1}}, "answers.pages", "Nombre hors des limites.", id="number-negative"),
        pytest.param(
            {"answers": {"languages": ["fr", "klingon"]}},
            "answers.languages",
            "Choisissez des réponses dans la liste.",
            id="multiple-not-in-list",
        ),
        pytest.param(
            {"answers": {"donations": "peut-être"}},
            "answers.donations",
            "Répondez par oui ou non.",
            id="yes-no",
        ),
        pytest.param(
            {"project_type": ProjectType.TRAINING, "answers": {"people": 8}},
            "answers.topic",
            "Répondez à cette question.",
            id="training-topic-required",
        ),
        pytest.param(
            {"project_type": ProjectType.DONATIONS, "answers": {"what": []}},
            "answers.what",
            "Répondez à cette question.",
            id="donations-empty-multiple",
        ),
        pytest.param(
            {"budget_min": "", "budget_max": ""},
            "budget_min",
            "Indiquez une fourchette de budget, ou cochez « Je ne sais pas ».",
            id="budget-missing",
        ),
        pytest.param(
            {"budget_min": "1500,50"},
            "budget_min",
            "Indiquez un montant en euros, sans centimes.",
            id="budget-cents",
        ),
        pytest.param(
            {"budget_min": "8000", "budget_max": "2000"},
            "budget_max",
            "Le budget maximum doit être supérieur au minimum.",
            id="budget-min-above-max",
        ),
        pytest.param(
            {"deadline": 10, "desired_start": 30},
            "deadline",
            "L'échéance doit suivre la date de début souhaitée.",
            id="deadline-before-start",
        ),
        pytest.param(
            {"answer_deadline": 130, "deadline": 120},
            "answer_deadline",
            "La date limite des devis doit précéder l'échéance du projet.",
            id="answer-deadline-after-deadline",
        ),
        pytest.param({"desired_start": "01/09/2030"}, "desired_start", "Date invalide (AAAA-MM-JJ).", id="date-format"),
        pytest.param(
            {"postcode": "6900"},
            "postcode",
            "Saisissez un code postal français valide (5 chiffres).",
            id="postcode-short",
        ),
        pytest.param(
            {"postcode": "98000"},
            "postcode",
            "Saisissez un code postal français valide (5 chiffres).",
            id="postcode-monaco",
        ),
        pytest.param(
            {"postcode": "", "use_organisation_address": False},
            "postcode",
            "Saisissez un code postal français valide (5 chiffres).",
            id="postcode-missing",
        ),
        pytest.param(
            {"skills": ["wordpress", "tricot-avance"]},
            "skills",
            "Compétence inconnue : tricot-avance.",
            id="unknown-skill",
        ),
        pytest.param(
            {"visibility": "public"}, "visibility", "Choisissez une visibilité dans la liste.", id="visibility"
        ),
    ],
)
def test_invalid_drafts_are_refused_with_the_field_at_fault(volunteer, overrides, field, message):
    with pytest.raises(ProjectError) as refused:
        _draft(volunteer, **overrides)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"budget_min": "0"}, "budget_min"),
        ({"budget_max": "10000001"}, "budget_max"),
        ({"budget_min": "-5"}, "budget_min"),
    ],
)
def test_budget_amounts_must_be_between_one_euro_and_ten_million(volunteer, overrides, field):
    with pytest.raises(ProjectError) as refused:
        _draft(volunteer, **overrides)

    assert refused.value.field == field
    assert refused.value.message.startswith("Le montant doit être compris entre 1 € et ")


def test_ten_million_euros_is_the_largest_budget_accepted(volunteer):
    project = _draft(volunteer, budget_min="1", budget_max="10000000")

    assert (project.budget_min_cents, project.budget_max_cents) == (100, 1_000_000_000)


def test_the_budget_bound_is_written_the_french_way(volunteer):
    with pytest.raises(ProjectError) as refused:
        _draft(volunteer, budget_max="20000000")

    # Grouped the French way (spaces, here no-break ones), never « 10,000,000 » where a comma marks decimals.
    assert " ".join(refused.value.message.split()) == "Le montant doit être compris entre 1 € et 10 000 000 €."
    assert "," not in refused.value.message


def test_an_unknown_budget_is_stored_as_no_range(volunteer):
    project = _draft(volunteer, budget_unknown=True, budget_min="2000", budget_max="")

    assert (project.budget_min_cents, project.budget_max_cents) == (None, None)
    assert project.budget_known is False


def test_a_budget_may_give_only_a_maximum(volunteer):
    project = _draft(volunteer, budget_min="", budget_max="3000")

    assert (project.budget_min_cents, project.budget_max_cents) == (None, 300_000)
    assert project.budget_known is True


def test_the_type_s_suggested_skills_apply_when_none_are_chosen(volunteer):
    project = _draft(volunteer)

    assert set(project.skills.values_list("slug", flat=True)) == {
        "site-vitrine",
        "wordpress",
        "hebergement-web",
        "accessibilite-rgaa",
    }


def test_chosen_skills_replace_the_suggestions(volunteer):
    project = _draft(volunteer, skills=["wordpress", "wordpress", "audit-securite"])

    assert set(project.skills.values_list("slug", flat=True)) == {"wordpress", "audit-securite"}


def test_a_retired_skill_counts_as_unknown(volunteer):
    Skill.objects.filter(slug="wordpress").update(is_active=False)

    with pytest.raises(ProjectError) as refused:
        _draft(volunteer, skills=["wordpress"])

    assert refused.value.message == "Compétence inconnue : wordpress."


@pytest.mark.parametrize(
    ("postcode", "region"),
    [
        ("69001", Region.AUVERGNE_RHONE_ALPES),
        ("35000", Region.BRETAGNE),
        ("20000", Region.CORSE),
        ("97400", Region.LA_REUNION),
    ],
)
def test_the_region_comes_from_the_postcode(volunteer, postcode, region):
    project = _draft(volunteer, postcode=postcode, commune="  Quelque   part ")

    assert (project.postcode, project.region, project.commune) == (postcode, region, "Quelque part")
    assert project.latitude is not None and project.longitude is not None


def test_the_association_s_address_is_used_by_default(asso, volunteer):
    AssociationProfileFactory(organisation=asso, postcode="35000", commune="Rennes", region=Region.BRETAGNE)

    project = _draft(volunteer, postcode="", commune="")

    assert (project.postcode, project.commune, project.region) == ("35000", "Rennes", Region.BRETAGNE)


def test_a_postcode_given_wins_over_the_association_s_address(asso, volunteer):
    AssociationProfileFactory(organisation=asso, postcode="35000", commune="Rennes", region=Region.BRETAGNE)

    project = _draft(volunteer, postcode="13001", commune="Marseille")

    assert (project.postcode, project.commune, project.region) == (
        "13001",
        "Marseille",
        Region.PROVENCE_ALPES_COTE_D_AZUR,
    )


def test_without_a_profile_a_postcode_is_required(volunteer):
    with pytest.raises(ProjectError) as refused:
        _draft(volunteer, postcode="", commune="")

    assert (refused.value.field, refused.value.message) == (
        "postcode",
        "Indiquez où se déroule le projet : votre association n'a pas encore d'adresse dans son profil.",
    )
    assert not Project.objects.exists()


def test_a_draft_may_keep_dates_in_the_past(volunteer):
    project = _draft(volunteer, desired_start=-10, answer_deadline=-5, deadline=30)

    assert project.desired_start == in_days(-10)


# Publishing


def test_any_member_of_a_verified_association_publishes(
    volunteer, signals_received, django_capture_on_commit_callbacks
):
    project = _draft(volunteer)

    with django_capture_on_commit_callbacks(execute=True):
        project_publish(membership=volunteer, project_id=project.pk)
        assert signals_received == []  # not before the commit

    project.refresh_from_db()
    assert project.state == ProjectState.PUBLISHED
    assert project.published_at is not None
    assert AuditEntry.objects.filter(action="project.published", actor=volunteer.user).exists()
    assert signals_received == [("project_published", {"project_id": project.pk})]


def test_an_unverified_association_cannot_publish():
    membership = member_of(AssociationFactory(), Role.OWNER)
    project = _draft(membership)

    with pytest.raises(PermissionDenied) as refused:
        project_publish(membership=membership, project_id=project.pk)

    assert refused.value.message == (
        "Votre association doit être vérifiée avant de publier un projet. "
        "Vous pouvez préparer votre projet en brouillon en attendant."
    )
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_a_provider_cannot_publish():
    provider_member = member_of(VerifiedProviderFactory())
    project = ProjectFactory()

    with pytest.raises(PermissionDenied) as refused:
        project_publish(membership=provider_member, project_id=project.pk)

    assert refused.value.message == "Seules les associations publient des projets."


def test_another_association_s_project_is_not_found(volunteer):
    project = ProjectFactory()

    with pytest.raises(NotFound) as refused:
        project_publish(membership=volunteer, project_id=project.pk)

    assert refused.value.message == "Projet introuvable."
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


@pytest.mark.parametrize("state", [ProjectState.PUBLISHED, ProjectState.CANCELLED, ProjectState.EXPIRED])
def test_only_a_draft_is_published(asso, volunteer, state):
    project = ProjectFactory(organisation=asso, state=state)

    with pytest.raises(ProjectError) as refused:
        project_publish(membership=volunteer, project_id=project.pk)

    assert refused.value.message == "Seul un brouillon peut être publié."


@pytest.mark.parametrize("field", DATE_FIELDS)
def test_a_past_date_blocks_publication(asso, volunteer, field):
    project = ProjectFactory(organisation=asso, **{field: in_days(-1)})

    with pytest.raises(ProjectError) as refused:
        project_publish(membership=volunteer, project_id=project.pk)

    assert (refused.value.field, refused.value.message) == (field, "Cette date est passée : choisissez-en une à venir.")
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_a_rolled_back_publication_announces_nothing(volunteer, signals_received, django_capture_on_commit_callbacks):
    project = _draft(volunteer)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            project_publish(membership=volunteer, project_id=project.pk)
            raise RuntimeError("la suite de la requête échoue")

    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    assert signals_received == []


# Editing


def test_a_draft_is_edited_without_a_change_log(volunteer):
    project = _draft(volunteer)

    project_update(membership=volunteer, project_id=project.pk, data=_data(title="Nouveau titre du projet"))

    project.refresh_from_db()
    assert project.title == "Nouveau titre du projet"
    assert not ProjectChange.objects.exists()


def test_the_visibility_of_a_draft_may_change(volunteer):
    project = _draft(volunteer)

    project = project_update(
        membership=volunteer, project_id=project.pk, data=_data(visibility=Visibility.INVITED_ONLY)
    )

    assert project.visibility == Visibility.INVITED_ONLY


def test_editing_a_published_project_logs_the_change_and_tells_the_providers_who_quoted(
    volunteer, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    project = _published(volunteer)
    quoting = quoting_provider(email="devis@octet.test")
    withdrawn = quoting_provider(email="parti@ailleurs.test")
    submit_proposal(quoting, project)
    proposal_withdraw(membership=withdrawn, proposal_id=submit_proposal(withdrawn, project).pk)
    silent = quoting_provider(email="silencieux@ailleurs.test")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_update(
            membership=volunteer,
            project_id=project.pk,
            data=_data(title="Refonte complète du site", budget_max="8000", deadline=150),
        )

    change = ProjectChange.objects.get(project=project)
    assert change.changed_by == volunteer.user
    assert change.fields == {
        "title": ["Refonte du site du centre social", "Refonte complète du site"],
        "budget_max_cents": [600_000, 800_000],
        "deadline": [in_days(120).isoformat(), in_days(150).isoformat()],
    }
    notification = _notifications(quoting, "project.project_updated").get()
    assert notification.title == "Le projet « Refonte complète du site » a été modifié"
    assert "Relisez les changements" in notification.body
    assert not _notifications(withdrawn).filter(kind="project.project_updated").exists()
    assert not _notifications(silent).exists()
    assert [m.to for m in mailoutbox] == [["devis@octet.test"]]
    assert mailoutbox[0].subject == "Le projet « Refonte complète du site » a été modifié"
    assert (
        "project_updated",
        {"project_id": project.pk, "fields": ["budget_max_cents", "deadline", "title"]},
    ) in signals_received


def test_saving_a_published_project_unchanged_logs_nothing(volunteer):
    project = _published(volunteer)
    quoting = quoting_provider()
    submit_proposal(quoting, project)

    project_update(membership=volunteer, project_id=project.pk, data=_data())

    assert not ProjectChange.objects.exists()
    assert not _notifications(quoting, "project.project_updated").exists()


def test_the_visibility_of_a_published_project_cannot_change(volunteer):
    project = _published(volunteer)

    with pytest.raises(ProjectError) as refused:
        project_update(membership=volunteer, project_id=project.pk, data=_data(visibility=Visibility.INVITED_ONLY))

    assert (refused.value.field, refused.value.message) == (
        "visibility",
        "La visibilité d'un projet publié ne change plus.",
    )
    project.refresh_from_db()
    assert project.visibility == Visibility.VERIFIED_PROVIDERS


def test_a_published_project_cannot_be_moved_to_a_past_date(volunteer):
    project = _published(volunteer)

    with pytest.raises(ProjectError) as refused:
        project_update(membership=volunteer, project_id=project.pk, data=_data(answer_deadline=-1))

    assert refused.value.field == "answer_deadline"
    project.refresh_from_db()
    assert project.answer_deadline == in_days(20)


@pytest.mark.parametrize("state", [ProjectState.AWARDED, ProjectState.CANCELLED, ProjectState.EXPIRED])
def test_a_project_past_publication_cannot_be_edited(asso, volunteer, state):
    project = ProjectFactory(organisation=asso, state=state)

    with pytest.raises(ProjectError) as refused:
        project_update(membership=volunteer, project_id=project.pk, data=_data())

    assert refused.value.message == "Ce projet ne peut plus être modifié dans son état actuel."


def test_colleagues_still_edit_a_project_whose_author_left(manager, volunteer):
    project = _published(volunteer)
    volunteer.user.delete()

    project = project_update(membership=manager, project_id=project.pk, data=_data(title="Titre repris en main"))

    assert project.title == "Titre repris en main"


def test_another_association_cannot_edit_the_project(volunteer):
    project = ProjectFactory(published=True)

    with pytest.raises(NotFound):
        project_update(membership=volunteer, project_id=project.pk, data=_data())


# Invitations


def test_providers_invited_to_a_draft_are_told_on_publication(
    asso, volunteer, django_capture_on_commit_callbacks, mailoutbox
):
    project = _draft(volunteer, visibility=Visibility.INVITED_ONLY)
    invited = quoting_provider(name="Octet Solidaire", email="contact@octet.test")

    invitation = project_invite(membership=volunteer, project_id=project.pk, provider_id=invited.organisation_id)

    assert (invitation.project, invitation.provider, invitation.invited_by) == (
        project,
        invited.organisation,
        volunteer.user,
    )
    assert not _notifications(invited).exists()

    with django_capture_on_commit_callbacks(execute=True):
        project_publish(membership=volunteer, project_id=project.pk)

    notification = _notifications(invited, "project.project_invitation").get()
    assert notification.title == "Les Amis du Quartier vous invite à proposer un devis"
    # The time to answer starts with the publication, when the provider is told.
    invitation.refresh_from_db()
    respond_by = timezone.localtime(invitation.respond_by)
    assert notification.body == (
        "Projet : « Refonte du site du centre social ». Consultez le besoin et envoyez votre devis. "
        f"Merci de répondre avant le {date_format(respond_by, 'j F Y')} à {respond_by:%H:%M} : envoyez un devis, "
        "posez une question à l'association ou déclinez l'invitation."
    )
    assert notification.url == reverse("projects:detail", kwargs={"project_id": project.pk})
    assert [m.to for m in mailoutbox] == [["contact@octet.test"]]


def test_a_provider_invited_to_a_published_project_is_told_at_once(volunteer, django_capture_on_commit_callbacks):
    project = _published(volunteer)
    invited = quoting_provider()

    with django_capture_on_commit_callbacks(execute=True):
        project_invite(membership=volunteer, project_id=project.pk, provider_id=invited.organisation_id)

    assert _notifications(invited, "project.project_invitation").count() == 1


@pytest.mark.parametrize(
    "make_organisation", [ProviderFactory, VerifiedAssociationFactory], ids=["unverified-provider", "association"]
)
def test_only_verified_providers_are_invited(volunteer, make_organisation):
    project = _draft(volunteer)
    organisation = make_organisation()

    with pytest.raises(NotFound) as refused:
        project_invite(membership=volunteer, project_id=project.pk, provider_id=organisation.pk)

    assert refused.value.message == "Prestataire introuvable ou pas encore vérifié."
    assert not ProjectInvitation.objects.exists()


def test_a_provider_is_invited_once(volunteer):
    project = _draft(volunteer)
    invited = quoting_provider()
    project_invite(membership=volunteer, project_id=project.pk, provider_id=invited.organisation_id)

    with pytest.raises(ProjectError) as refused:
        project_invite(membership=volunteer, project_id=project.pk, provider_id=invited.organisation_id)

    assert refused.value.message == "Ce prestataire est déjà invité."
    assert ProjectInvitation.objects.count() == 1


def test_no_invitation_once_the_project_is_over(asso, volunteer):
    project = ProjectFactory(organisation=asso, state=ProjectState.CANCELLED)

    with pytest.raises(ProjectError) as refused:
        project_invite(membership=volunteer, project_id=project.pk, provider_id=quoting_provider().organisation_id)

    assert refused.value.message == "On ne peut plus inviter de prestataire sur ce projet."


# Cancelling


def test_a_member_who_does_not_manage_cannot_cancel(volunteer):
    project = _published(volunteer)

    with pytest.raises(PermissionDenied) as refused:
        project_cancel(membership=volunteer, project_id=project.pk)

    assert refused.value.message == "Seuls les propriétaires et administrateurs peuvent faire cela."
    project.refresh_from_db()
    assert project.state == ProjectState.PUBLISHED


def test_cancelling_declines_the_open_proposals_and_tells_their_providers(
    manager, volunteer, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    project = _published(volunteer)
    submitted = quoting_provider(email="a@octet.test")
    shortlisted = quoting_provider(email="b@pixel.test")
    withdrawn = quoting_provider(email="c@ailleurs.test")
    first = submit_proposal(submitted, project)
    second = submit_proposal(shortlisted, project)
    third = submit_proposal(withdrawn, project)
    proposal_shortlist(membership=volunteer, proposal_id=second.pk)
    proposal_withdraw(membership=withdrawn, proposal_id=third.pk)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_cancel(membership=manager, project_id=project.pk, reason="  Le financement   est retiré. ")

    project.refresh_from_db()
    assert project.state == ProjectState.CANCELLED
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert (proposal.state, proposal.decline_reason) == (ProposalState.DECLINED, "Projet annulé par l'association.")
    third.refresh_from_db()
    assert third.state == ProposalState.WITHDRAWN
    for told in (submitted, shortlisted):
        notification = _notifications(told, "project.project_cancelled").get()
        assert notification.title == "Le projet « Refonte du site du centre social » est annulé"
        assert notification.body.endswith("Le financement est retiré.")
    assert not _notifications(withdrawn, "project.project_cancelled").exists()
    assert sorted(m.to[0] for m in mailoutbox) == ["a@octet.test", "b@pixel.test"]
    entry = AuditEntry.objects.get(action="project.cancelled")
    assert (entry.actor, entry.data) == (manager.user, {"reason": "Le financement est retiré."})
    assert ("project_closed", {"project_id": project.pk, "state": ProjectState.CANCELLED}) in signals_received


def test_cancelling_a_draft_tells_nobody(manager, signals_received, django_capture_on_commit_callbacks):
    project = _draft(manager)

    with django_capture_on_commit_callbacks(execute=True):
        project_cancel(membership=manager, project_id=project.pk)

    project.refresh_from_db()
    assert project.state == ProjectState.CANCELLED
    assert not Notification.objects.exists()
    assert signals_received == []


def test_cancelling_an_awarded_project_releases_the_chosen_provider(manager):
    project, proposal, _association, provider = awarded_project(association_membership=manager)

    project_cancel(membership=manager, project_id=project.pk)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.decline_reason) == (ProposalState.DECLINED, "Projet annulé par l'association.")
    assert _notifications(provider, "project.project_cancelled").count() == 1


@pytest.mark.parametrize(
    "state", [ProjectState.IN_PROGRESS, ProjectState.DELIVERED, ProjectState.CLOSED, ProjectState.EXPIRED]
)
def test_a_project_under_way_or_over_cannot_be_cancelled(asso, manager, state):
    project = ProjectFactory(organisation=asso, state=state)

    with pytest.raises(ProjectError) as refused:
        project_cancel(membership=manager, project_id=project.pk)

    assert refused.value.message == "Ce projet ne peut plus être annulé."


# Lifecycle: awarded -> in progress -> delivered -> closed


@pytest.mark.parametrize("starter", ["association", "provider"])
def test_the_lifecycle_runs_to_closure_and_tells_the_other_side(
    starter, signals_received, django_capture_on_commit_callbacks
):
    project, _proposal, association, provider = awarded_project()
    start_by, told_of_start = (association, provider) if starter == "association" else (provider, association)

    with django_capture_on_commit_callbacks(execute=True):
        project = project_start(membership=start_by, project_id=project.pk)
    assert project.state == ProjectState.IN_PROGRESS
    started = _notifications(told_of_start, "project.started").get()
    assert started.body == f"{start_by.organisation.name} a indiqué que le projet est en cours."

    with django_capture_on_commit_callbacks(execute=True):
        project = project_mark_delivered(membership=provider, project_id=project.pk)
    assert project.state == ProjectState.DELIVERED
    delivered = _notifications(association, "project.delivered").get()
    assert delivered.title == f"Le projet « {project.title} » est livré"

    with django_capture_on_commit_callbacks(execute=True):
        project = project_close(membership=association, project_id=project.pk)
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSED
    closed = _notifications(provider, "project.closed").get()
    assert closed.body == "L'association a clôturé le projet. Vous pouvez laisser un avis."

    assert [s for s in signals_received if s[0] != "project_published"] == [
        ("project_state_changed", {"project_id": project.pk, "state": ProjectState.IN_PROGRESS}),
        ("project_state_changed", {"project_id": project.pk, "state": ProjectState.DELIVERED}),
        ("project_state_changed", {"project_id": project.pk, "state": ProjectState.CLOSED}),
        ("project_closed", {"project_id": project.pk, "state": ProjectState.CLOSED}),
    ]
    assert list(
        AuditEntry.objects.filter(
            target=f"marketplace.project:{project.pk}",
            action__in=["project.started", "project.delivered", "project.closed"],
        )
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["project.started", "project.delivered", "project.closed"]


def test_only_the_provider_marks_the_project_delivered():
    project, _proposal, association, _provider = awarded_project()
    project_start(membership=association, project_id=project.pk)

    with pytest.raises(PermissionDenied) as refused:
        project_mark_delivered(membership=association, project_id=project.pk)

    assert refused.value.message == "Cette étape revient à l'autre partie du projet."
    project.refresh_from_db()
    assert project.state == ProjectState.IN_PROGRESS


def test_only_the_association_closes_the_project():
    project, _proposal, association, provider = awarded_project()
    project_start(membership=provider, project_id=project.pk)
    project_mark_delivered(membership=provider, project_id=project.pk)

    with pytest.raises(PermissionDenied) as refused:
        project_close(membership=provider, project_id=project.pk)

    assert refused.value.message == "Cette étape revient à l'autre partie du projet."
    project.refresh_from_db()
    assert project.state == ProjectState.DELIVERED


@pytest.mark.parametrize(
    ("already_done", "step", "side", "state_label"),
    [
        pytest.param([project_start], project_start, "provider", "En cours", id="start-twice"),
        pytest.param([], project_mark_delivered, "provider", "Attribué", id="deliver-before-start"),
        pytest.param([], project_close, "association", "Attribué", id="close-before-delivery"),
    ],
)
def test_steps_out_of_order_are_refused(already_done, step, side, state_label):
    project, _proposal, association, provider = awarded_project()
    for done in already_done:
        done(membership=association, project_id=project.pk)

    with pytest.raises(ProjectError) as refused:
        step(membership={"association": association, "provider": provider}[side], project_id=project.pk)

    assert refused.value.message == f"Cette étape n'est pas possible : le projet est « {state_label} »."


def test_a_published_project_without_award_cannot_start(volunteer):
    project = _published(volunteer)

    with pytest.raises(ProjectError) as refused:
        project_start(membership=volunteer, project_id=project.pk)

    assert refused.value.message == "Cette étape n'est pas possible : le projet est « Publié »."


def test_outsiders_do_not_find_the_project_to_move_it():
    project, _proposal, association, _provider = awarded_project()
    other_association = member_of(VerifiedAssociationFactory())
    losing_provider = member_of(VerifiedProviderFactory())
    ProposalFactory(project=project, provider=losing_provider.organisation, state=ProposalState.DECLINED)

    for outsider in (other_association, losing_provider):
        for step in (project_start, project_mark_delivered, project_close):
            with pytest.raises(NotFound) as refused:
                step(membership=outsider, project_id=project.pk)
            assert refused.value.message == "Projet introuvable."
    with pytest.raises(NotFound):
        project_start(membership=association, project_id=project.pk + 1000)


# Expiry


def test_only_published_projects_past_their_answer_deadline_expire(
    asso, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    association_member = member_of(asso, Role.MEMBER, user__email="benevole@amis.test")
    due = ProjectFactory(organisation=asso, published=True, title="Projet échu", answer_deadline=in_days(9))
    on_the_day = ProjectFactory(organisation=asso, published=True, answer_deadline=in_days(10))
    without_deadline = ProjectFactory(organisation=asso, published=True, answer_deadline=None)
    draft = ProjectFactory(organisation=asso, answer_deadline=in_days(1))
    awarded, *_rest = awarded_project(association_membership=member_of(asso))
    Project.objects.filter(pk=awarded.pk).update(answer_deadline=in_days(1))
    open_one, open_two, withdrawn = quoting_provider(), quoting_provider(), quoting_provider()
    first, second = submit_proposal(open_one, due), submit_proposal(open_two, due)
    third = submit_proposal(withdrawn, due)
    proposal_withdraw(membership=withdrawn, proposal_id=third.pk)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        expired = projects_expire_overdue(today=in_days(10))

    assert expired == 1
    states = dict(Project.objects.values_list("pk", "state"))
    assert states == {
        due.pk: ProjectState.EXPIRED,
        on_the_day.pk: ProjectState.PUBLISHED,
        without_deadline.pk: ProjectState.PUBLISHED,
        draft.pk: ProjectState.DRAFT,
        awarded.pk: ProjectState.AWARDED,
    }
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert (proposal.state, proposal.decline_reason) == (
            ProposalState.DECLINED,
            "Le projet a expiré sans être attribué.",
        )
    third.refresh_from_db()
    assert third.state == ProposalState.WITHDRAWN
    told = _notifications(association_member, "project.expired").get()
    assert told.title == "Le projet « Projet échu » a expiré"
    for provider in (open_one, open_two):
        notification = _notifications(provider, "project.project_expired_provider").get()
        assert notification.body == "La date limite des devis est passée sans attribution : votre devis est clos."
    assert not _notifications(withdrawn, "project.project_expired_provider").exists()
    assert "benevole@amis.test" in {m.to[0] for m in mailoutbox}
    assert ("project_closed", {"project_id": due.pk, "state": ProjectState.EXPIRED}) in signals_received

    assert projects_expire_overdue(today=in_days(10)) == 0


def test_the_expire_projects_command_prints_how_many_expired():
    ProjectFactory(published=True, answer_deadline=in_days(-1))
    ProjectFactory(published=True, answer_deadline=in_days(-3))
    ProjectFactory(published=True, answer_deadline=in_days(0))
    out = io.StringIO()

    call_command("expire_projects", stdout=out)

    assert out.getvalue() == "2 projet(s) expiré(s).\n"
    assert Project.objects.filter(state=ProjectState.EXPIRED).count() == 2
