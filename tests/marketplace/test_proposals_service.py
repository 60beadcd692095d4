"""Quotes through their services: who may quote, server-computed totals, revisions, and the association's choice."""

import pytest
from django.db import IntegrityError, transaction

from marketplace.errors import NotFound, PermissionDenied, ProposalError
from marketplace.models import AuditEntry, Notification, NotificationPreference, Project, Proposal, ProposalVersion
from marketplace.models.organisations import Role
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.services.projects import project_invite
from marketplace.services.proposals import (
    proposal_accept,
    proposal_decline,
    proposal_revise,
    proposal_shortlist,
    proposal_withdraw,
)
from marketplace.signals import (
    proposal_accepted,
    proposal_declined,
    proposal_revised,
    proposal_submitted,
    proposal_withdrawn,
)

from ..project_factories import (
    ProjectFactory,
    ProjectInvitationFactory,
    ProposalFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
    in_days,
    member_of,
    proposal_data,
    quoting_provider,
    submit_proposal,
)
from ..signals import recording

pytestmark = pytest.mark.django_db

PRICE_MESSAGE = "Prix unitaire HT en euros, positif, au centime près (1 000 000 € au plus)."
QUANTITY_MESSAGE = "Quantité entre 0,01 et 10 000."
NUMBERS_MESSAGE = "Quantité et prix doivent être des nombres."


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
def project(asso):
    return ProjectFactory(organisation=asso, published=True, title="Nouveau site du club")


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire", email="contact@octet.test")


@pytest.fixture
def signals_received():
    """Every announcement of the proposal signals, as (signal name, kwargs), in the order sent."""
    signals = {
        "proposal_submitted": proposal_submitted,
        "proposal_revised": proposal_revised,
        "proposal_withdrawn": proposal_withdrawn,
        "proposal_accepted": proposal_accepted,
        "proposal_declined": proposal_declined,
    }
    with recording(signals) as received:
        yield received


def _notifications(membership, kind):
    return Notification.objects.filter(user=membership.user, kind=kind)


def _lines(*pairs):
    return [
        {"label": f"Ligne {index}", "quantity": quantity, "unit_price": price}
        for index, (quantity, price) in enumerate(pairs, start=1)
    ]


def _totals(version: ProposalVersion) -> dict:
    return {
        "subtotal": version.subtotal_cents,
        "discount_percent": version.discount_percent,
        "discount": version.discount_cents,
        "total_ht": version.total_ht_cents,
        "vat": version.vat_cents,
        "total_ttc": version.total_ttc_cents,
    }


# Submitting


def test_a_verified_provider_quotes_and_the_association_is_told(
    project, manager, volunteer, provider, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(provider, project)
        assert signals_received == []

    assert (proposal.project, proposal.provider, proposal.state) == (
        project,
        provider.organisation,
        ProposalState.SUBMITTED,
    )
    version = proposal.current_version
    assert version.number == 1
    assert version.created_by == provider.user
    assert version.message == "Bonjour, voici notre proposition."
    assert [
        (line.label, line.quantity_hundredths, line.unit_price_cents, line.total_cents) for line in version.lines.all()
    ] == [
        ("Conception et développement", 300, 45_000, 135_000),
        ("Hébergement (1 an)", 100, 12_000, 12_000),
    ]
    assert _totals(version) == {
        "subtotal": 147_000,
        "discount_percent": 0,
        "discount": 0,
        "total_ht": 147_000,
        "vat": 29_400,
        "total_ttc": 176_400,
    }
    for member in (manager, volunteer):
        notification = _notifications(member, "proposal.submitted").get()
        assert notification.title == "Nouveau devis de Octet Solidaire"
        assert notification.body == (
            "Un devis est arrivé pour « Nouveau site du club ». Comparez les devis depuis la page du projet."
        )
    assert sorted(m.to[0] for m in mailoutbox) == ["benevole@amis.test", "presidente@amis.test"]
    assert {m.subject for m in mailoutbox} == {"Nouveau devis de Octet Solidaire"}
    assert AuditEntry.objects.filter(action="proposal.submitted", actor=provider.user).exists()
    assert signals_received == [("proposal_submitted", {"proposal_id": proposal.pk})]


def test_a_muted_email_still_leaves_the_notification_in_the_app(
    project, manager, volunteer, provider, django_capture_on_commit_callbacks, mailoutbox
):
    NotificationPreference.objects.create(user=manager.user, kind="proposal.submitted", email=False)
    NotificationPreference.objects.create(user=volunteer.user, kind="proposal.revised", email=False)

    with django_capture_on_commit_callbacks(execute=True):
        submit_proposal(provider, project)

    assert _notifications(manager, "proposal.submitted").count() == 1
    assert _notifications(volunteer, "proposal.submitted").count() == 1
    assert [m.to for m in mailoutbox] == [["benevole@amis.test"]]


def test_an_unverified_provider_cannot_quote(project):
    unverified = member_of(ProviderFactory())

    with pytest.raises(PermissionDenied) as refused:
        submit_proposal(unverified, project)

    assert refused.value.message == "Votre structure doit être vérifiée par l'équipe avant de pouvoir faire cela."
    assert not Proposal.objects.exists()


def test_an_association_cannot_quote(project, volunteer):
    with pytest.raises(PermissionDenied) as refused:
        submit_proposal(volunteer, project)

    assert refused.value.message == "Seuls les prestataires peuvent faire cela."


def test_a_draft_is_not_found_by_providers(asso, provider):
    draft = ProjectFactory(organisation=asso)

    with pytest.raises(NotFound) as refused:
        submit_proposal(provider, draft)

    assert refused.value.message == "Projet introuvable."


@pytest.mark.parametrize("state", [ProjectState.AWARDED, ProjectState.CANCELLED, ProjectState.EXPIRED])
def test_a_project_no_longer_published_takes_no_quote(asso, provider, state):
    project = ProjectFactory(organisation=asso, state=state)
    ProjectInvitationFactory(project=project, provider=provider.organisation)  # so that it sees the project

    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project)

    assert refused.value.message == "Ce projet ne reçoit plus de devis."
    assert not Proposal.objects.exists()


def test_an_invited_only_project_takes_quotes_from_invited_providers_only(asso, volunteer, provider):
    project = ProjectFactory(organisation=asso, published=True, visibility=Visibility.INVITED_ONLY)
    uninvited = quoting_provider()
    project_invite(membership=volunteer, project_id=project.pk, provider_id=provider.organisation_id)

    with pytest.raises(NotFound) as refused:
        submit_proposal(uninvited, project)

    assert refused.value.message == "Projet introuvable."
    assert submit_proposal(provider, project).state == ProposalState.SUBMITTED


def test_a_provider_quotes_once_per_project(project, provider):
    first = submit_proposal(provider, project)

    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project, message="Une seconde proposition")

    assert refused.value.message == "Vous avez déjà envoyé un devis pour ce projet : modifiez-le plutôt."
    assert list(Proposal.objects.all()) == [first]
    assert ProposalVersion.objects.count() == 1


# Totals: computed by the server from the lines and the provider's own discount


@pytest.mark.parametrize(
    ("lines", "vat_rate_bp", "discount_percent", "expected"),
    [
        pytest.param(
            _lines(("2.5", "33.33")),
            550,
            10,
            {"subtotal": 8333, "discount": 833, "total_ht": 7500, "vat": 413, "total_ttc": 7913},
            id="half-cents-round-up-everywhere",
        ),
        pytest.param(
            _lines(("0.5", "0.01")),
            2000,
            0,
            {"subtotal": 1, "discount": 0, "total_ht": 1, "vat": 0, "total_ttc": 1},
            id="half-a-cent-is-a-cent",
        ),
        pytest.param(
            _lines(("1,25", "19,99")),
            1000,
            0,
            {"subtotal": 2499, "discount": 0, "total_ht": 2499, "vat": 250, "total_ttc": 2749},
            id="french-decimal-commas",
        ),
        pytest.param(
            _lines(("3", "450"), ("1", "120")),
            0,
            15,
            {"subtotal": 147_000, "discount": 22_050, "total_ht": 124_950, "vat": 0, "total_ttc": 124_950},
            id="vat-exempt-with-discount",
        ),
        pytest.param(
            _lines(("0.01", "1000000"), ("10000", "0.01")),
            2000,
            0,
            {"subtotal": 1_010_000, "discount": 0, "total_ht": 1_010_000, "vat": 202_000, "total_ttc": 1_212_000},
            id="extreme-quantities-and-prices",
        ),
    ],
)
def test_totals_are_computed_from_the_lines_rounding_half_up(project, lines, vat_rate_bp, discount_percent, expected):
    provider = quoting_provider(discount_percent=discount_percent)

    proposal = submit_proposal(provider, project, lines=lines, vat_rate_bp=vat_rate_bp)

    version = proposal.current_version
    assert version.vat_rate_bp == vat_rate_bp
    assert _totals(version) == {**expected, "discount_percent": discount_percent}


def test_a_discount_or_total_sent_by_the_client_is_ignored(project):
    provider = quoting_provider(discount_percent=5)

    proposal = submit_proposal(
        provider,
        project,
        discount_percent=50,
        discount_cents=100_000,
        subtotal_cents=1,
        total_ht_cents=1,
        vat_cents=0,
        total_ttc_cents=1,
        lines=[{"label": "Site", "quantity": "1", "unit_price": "1000", "total": "1"}],
    )

    version = proposal.current_version
    assert _totals(version) == {
        "subtotal": 100_000,
        "discount_percent": 5,
        "discount": 5_000,
        "total_ht": 95_000,
        "vat": 19_000,
        "total_ttc": 114_000,
    }
    assert version.lines.get().total_cents == 100_000


def test_a_provider_without_profile_gets_no_discount(project):
    bare = member_of(VerifiedProviderFactory())

    proposal = submit_proposal(bare, project)

    assert proposal.current_version.discount_percent == 0
    assert proposal.current_version.total_ht_cents == 147_000


@pytest.mark.parametrize("rate", [0, 550, 1000, 2000, "550"])
def test_the_four_french_vat_rates_are_accepted(project, provider, rate):
    proposal = submit_proposal(provider, project, vat_rate_bp=rate)

    assert proposal.current_version.vat_rate_bp == int(rate)


@pytest.mark.parametrize("rate", [500, 1960, -1, 2100, "vingt", None, ""])
def test_other_vat_rates_are_refused(project, provider, rate):
    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project, vat_rate_bp=rate)

    assert (refused.value.field, refused.value.message) == (
        "vat_rate_bp",
        "Taux de TVA possibles : 0 %, 5,5 %, 10 % ou 20 %.",
    )
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        pytest.param([], "lines", "Ajoutez au moins une ligne au devis.", id="no-lines"),
        pytest.param(_lines(*[("1", "10")] * 51), "lines", "Au plus 50 lignes.", id="51-lines"),
        pytest.param(_lines(("1", "-10")), "lines.0.unit_price", PRICE_MESSAGE, id="negative-price"),
        pytest.param(_lines(("1", "0")), "lines.0.unit_price", PRICE_MESSAGE, id="zero-price"),
        pytest.param(_lines(("1", "12.345")), "lines.0.unit_price", PRICE_MESSAGE, id="fraction-of-cent"),
        pytest.param(_lines(("1", "1000000.01")), "lines.0.unit_price", PRICE_MESSAGE, id="price-above-a-million"),
        pytest.param(_lines(("0", "10")), "lines.0.quantity", QUANTITY_MESSAGE, id="zero-quantity"),
        pytest.param(_lines(("-1", "10")), "lines.0.quantity", QUANTITY_MESSAGE, id="negative-quantity"),
        pytest.param(_lines(("1.005", "10")), "lines.0.quantity", QUANTITY_MESSAGE, id="three-decimal-quantity"),
        pytest.param(_lines(("10000.01", "10")), "lines.0.quantity", QUANTITY_MESSAGE, id="quantity-too-big"),
        pytest.param(
            _lines(("deux", "10")), "lines.0", "Quantité et prix doivent être des nombres.", id="quantity-in-words"
        ),
        pytest.param(_lines(("NaN", "10")), "lines.0", NUMBERS_MESSAGE, id="quantity-nan"),
        pytest.param(_lines(("1", "NaN")), "lines.0", NUMBERS_MESSAGE, id="price-nan"),
        pytest.param(_lines(("sNaN", "10")), "lines.0", NUMBERS_MESSAGE, id="signaling-nan"),
        pytest.param(_lines(("1", "Infinity")), "lines.0", NUMBERS_MESSAGE, id="infinite-price"),
        pytest.param(_lines(("1", "1e999999")), "lines.0", NUMBERS_MESSAGE, id="huge-exponent"),
        pytest.param(
            [{"label": "Site", "quantity": "1"}], "lines.0", "Quantité et prix doivent être des nombres.", id="no-price"
        ),
        pytest.param(_lines(("1", "10"), ("1", "-5")), "lines.1.unit_price", PRICE_MESSAGE, id="second-line-at-fault"),
        pytest.param(
            [{"label": "   ", "quantity": "1", "unit_price": "10"}],
            "lines.0.label",
            "Chaque ligne a un libellé (200 caractères au plus).",
            id="blank-label",
        ),
        pytest.param(
            [{"label": "x" * 201, "quantity": "1", "unit_price": "10"}],
            "lines.0.label",
            "Chaque ligne a un libellé (200 caractères au plus).",
            id="long-label",
        ),
        pytest.param(
            _lines(("11", "1000000")),
            "lines",
            "Le montant total dépasse la limite de 10 000 000 €.",
            id="total-above-ten-million",
        ),
        pytest.param(
            _lines(("9", "1000000")),
            "lines",
            "Le montant total dépasse la limite de 10 000 000 €.",
            id="vat-pushes-the-total-above-ten-million",
        ),
    ],
)
def test_out_of_bounds_quotes_are_refused_with_the_field_at_fault(project, provider, lines, field, message):
    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project, lines=lines)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert not Proposal.objects.exists()


def test_fifty_lines_and_ten_million_euros_all_taxes_included_are_accepted(project, provider):
    lines = _lines(*[("1", "100000")] * 50)  # 5 M€ HT, 6 M€ TTC
    assert submit_proposal(provider, project, lines=lines).current_version.total_ttc_cents == 600_000_000

    other = quoting_provider()
    at_the_limit = submit_proposal(other, project, lines=_lines(("10", "1000000")), vat_rate_bp=0)
    assert at_the_limit.current_version.total_ttc_cents == 1_000_000_000


def test_a_start_date_in_the_past_is_refused(project, provider):
    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project, start_date=in_days(-1).isoformat())

    assert (refused.value.field, refused.value.message) == ("start_date", "La date de début est passée.")


def test_milestones_are_kept_in_date_order(project, provider):
    proposal = submit_proposal(
        provider,
        project,
        start_date=in_days(10).isoformat(),
        milestones=[
            {"label": "Mise en ligne", "date": in_days(60).isoformat()},
            {"label": "  Maquettes  ", "date": in_days(25).isoformat()},
        ],
    )

    version = proposal.current_version
    assert version.start_date == in_days(10)
    assert version.milestones == [
        {"label": "Maquettes", "date": in_days(25).isoformat()},
        {"label": "Mise en ligne", "date": in_days(60).isoformat()},
    ]


@pytest.mark.parametrize(
    ("milestones", "field", "message"),
    [
        ([{"label": "Maquettes", "date": "bientôt"}], "milestones.0.date", "Date invalide (AAAA-MM-JJ)."),
        ([{"label": "", "date": "2031-01-01"}], "milestones.0.label", "Chaque étape a un libellé."),
        ([{"label": f"Étape {n}", "date": "2031-01-01"} for n in range(21)], "milestones", "Au plus 20 étapes."),
    ],
)
def test_bad_milestones_are_refused(project, provider, milestones, field, message):
    with pytest.raises(ProposalError) as refused:
        submit_proposal(provider, project, milestones=milestones)

    assert (refused.value.field, refused.value.message) == (field, message)


# Revising and withdrawing


def test_a_revision_is_version_2_and_version_1_stays_readable(
    project, manager, provider, signals_received, django_capture_on_commit_callbacks
):
    proposal = submit_proposal(provider, project)
    provider.organisation.provider_profile.solidarity_discount_percent = 10
    provider.organisation.provider_profile.save()

    with django_capture_on_commit_callbacks(execute=True):
        version = proposal_revise(
            membership=provider,
            proposal_id=proposal.pk,
            data=proposal_data(lines=_lines(("2", "450")), message="Version allégée"),
        )

    proposal.refresh_from_db()
    assert version.number == 2
    assert proposal.current_version == version
    assert _totals(version) == {
        "subtotal": 90_000,
        "discount_percent": 10,
        "discount": 9_000,
        "total_ht": 81_000,
        "vat": 16_200,
        "total_ttc": 97_200,
    }
    first = proposal.versions.get(number=1)
    assert first.total_ttc_cents == 176_400
    assert first.lines.count() == 2
    assert list(proposal.versions.values_list("number", flat=True)) == [1, 2]
    notification = _notifications(manager, "proposal.revised").get()
    assert notification.title == "Octet Solidaire a révisé son devis"
    assert notification.body == "Version 2 du devis pour « Nouveau site du club »."
    assert ("proposal_revised", {"proposal_id": proposal.pk, "version": 2}) in signals_received


def test_an_invalid_revision_keeps_the_current_version(project, provider):
    proposal = submit_proposal(provider, project)

    with pytest.raises(ProposalError):
        proposal_revise(membership=provider, proposal_id=proposal.pk, data=proposal_data(lines=[]))

    proposal.refresh_from_db()
    assert proposal.current_version.number == 1
    assert proposal.versions.count() == 1


def test_only_its_author_revises_a_quote(project, provider):
    proposal = submit_proposal(provider, project)
    rival = quoting_provider()

    with pytest.raises(NotFound) as refused:
        proposal_revise(membership=rival, proposal_id=proposal.pk, data=proposal_data())

    assert refused.value.message == "Devis introuvable."


def test_a_provider_withdraws_its_quote(project, provider, signals_received, django_capture_on_commit_callbacks):
    proposal = submit_proposal(provider, project)

    with django_capture_on_commit_callbacks(execute=True):
        proposal_withdraw(membership=provider, proposal_id=proposal.pk)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    assert AuditEntry.objects.filter(action="proposal.withdrawn").exists()
    assert ("proposal_withdrawn", {"proposal_id": proposal.pk}) in signals_received

    for change in (
        lambda: proposal_withdraw(membership=provider, proposal_id=proposal.pk),
        lambda: proposal_revise(membership=provider, proposal_id=proposal.pk, data=proposal_data()),
    ):
        with pytest.raises(ProposalError) as refused:
            change()
        assert refused.value.message == "Ce devis ne peut plus être modifié."


def test_a_quote_cannot_change_once_the_project_is_awarded(project, manager, provider):
    proposal = submit_proposal(provider, project)
    proposal_accept(membership=manager, proposal_id=proposal.pk)

    with pytest.raises(ProposalError) as refused:
        proposal_revise(membership=provider, proposal_id=proposal.pk, data=proposal_data())

    assert refused.value.message == "Ce devis ne peut plus être modifié."
    assert proposal.versions.count() == 1


# Shortlisting and declining


def test_any_member_of_the_association_shortlists_and_unshortlists(project, volunteer, provider):
    proposal = submit_proposal(provider, project)

    assert proposal_shortlist(membership=volunteer, proposal_id=proposal.pk).state == ProposalState.SHORTLISTED
    assert (
        proposal_shortlist(membership=volunteer, proposal_id=proposal.pk, shortlisted=False).state
        == ProposalState.SUBMITTED
    )
    assert list(
        AuditEntry.objects.filter(action__startswith="proposal.").order_by("id").values_list("action", flat=True)
    ) == ["proposal.submitted", "proposal.shortlisted", "proposal.unshortlisted"]


def test_a_provider_cannot_shortlist_or_decline_quotes(project, provider):
    rival = quoting_provider()
    rival_proposal = submit_proposal(rival, project)
    own = submit_proposal(provider, project)

    for proposal in (rival_proposal, own):
        with pytest.raises(NotFound):
            proposal_shortlist(membership=provider, proposal_id=proposal.pk)
        with pytest.raises(NotFound):
            proposal_decline(membership=provider, proposal_id=proposal.pk, reason="Trop cher")
    rival_proposal.refresh_from_db()
    assert rival_proposal.state == ProposalState.SUBMITTED


def test_another_association_cannot_touch_the_quotes(project, provider):
    proposal = submit_proposal(provider, project)
    stranger = member_of(VerifiedAssociationFactory(), Role.OWNER)

    for change in (proposal_shortlist, proposal_decline, proposal_accept):
        with pytest.raises(NotFound) as refused:
            change(membership=stranger, proposal_id=proposal.pk)
        assert refused.value.message == "Devis introuvable."


def test_a_declined_quote_keeps_its_reason_and_its_provider_is_told(
    project, volunteer, provider, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    proposal = submit_proposal(provider, project)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(membership=volunteer, proposal_id=proposal.pk, reason="  Budget   trop élevé pour nous. ")

    proposal.refresh_from_db()
    assert (proposal.state, proposal.decline_reason) == (ProposalState.DECLINED, "Budget trop élevé pour nous.")
    notification = _notifications(provider, "proposal.declined").get()
    assert notification.title == "Votre devis pour « Nouveau site du club » n'a pas été retenu"
    assert notification.body == "Merci pour votre proposition. Budget trop élevé pour nous."
    assert [m.to for m in mailoutbox] == [["contact@octet.test"]]
    assert ("proposal_declined", {"proposal_id": proposal.pk, "project_id": project.pk}) in signals_received

    with pytest.raises(ProposalError) as refused:
        proposal_shortlist(membership=volunteer, proposal_id=proposal.pk)
    assert refused.value.message == "Ce devis n'est plus en lice."
    with pytest.raises(ProposalError):
        proposal_decline(membership=volunteer, proposal_id=proposal.pk)


def test_apostrophes_reach_the_provider_as_written(
    asso, volunteer, provider, django_capture_on_commit_callbacks, mailoutbox
):
    project = ProjectFactory(organisation=asso, published=True, title="Site de l'épicerie solidaire")
    proposal = submit_proposal(provider, project)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(membership=volunteer, proposal_id=proposal.pk, reason="Hors de l'enveloppe prévue.")

    notification = _notifications(provider, "proposal.declined").get()
    assert notification.title == "Votre devis pour « Site de l'épicerie solidaire » n'a pas été retenu"
    assert notification.body == "Merci pour votre proposition. Hors de l'enveloppe prévue."
    assert mailoutbox[0].subject == notification.title


# Accepting


def test_accepting_awards_the_project_and_declines_every_other_open_quote(
    project, manager, provider, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    chosen = submit_proposal(provider, project)
    submitted_by, shortlisted_by, withdrawn_by = quoting_provider(), quoting_provider(), quoting_provider()
    submitted = submit_proposal(submitted_by, project)
    shortlisted = submit_proposal(shortlisted_by, project)
    proposal_shortlist(membership=manager, proposal_id=shortlisted.pk)
    withdrawn = submit_proposal(withdrawn_by, project)
    proposal_withdraw(membership=withdrawn_by, proposal_id=withdrawn.pk)
    mailoutbox.clear()
    signals_received.clear()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = proposal_accept(membership=manager, proposal_id=chosen.pk)
        assert signals_received == []

    assert accepted.state == ProposalState.ACCEPTED
    project.refresh_from_db()
    assert (project.state, project.awarded_proposal) == (ProjectState.AWARDED, chosen)
    for other in (submitted, shortlisted):
        other.refresh_from_db()
        assert (other.state, other.decline_reason) == (ProposalState.DECLINED, "Un autre devis a été retenu.")
    withdrawn.refresh_from_db()
    assert (withdrawn.state, withdrawn.decline_reason) == (ProposalState.WITHDRAWN, "")

    told = _notifications(provider, "proposal.accepted").get()
    assert told.title == "Votre devis pour « Nouveau site du club » est accepté !"
    assert told.body == "Les Amis du Quartier vous confie le projet. Prenez contact pour démarrer."
    for loser in (submitted_by, shortlisted_by):
        declined = _notifications(loser, "proposal.declined").get()
        assert declined.body == "Merci pour votre proposition. Un autre devis a été retenu."
    assert not _notifications(withdrawn_by, "proposal.declined").exists()
    assert len(mailoutbox) == 3
    assert sorted(signals_received, key=lambda s: (s[0], s[1]["proposal_id"])) == [
        ("proposal_accepted", {"proposal_id": chosen.pk, "project_id": project.pk}),
        ("proposal_declined", {"proposal_id": submitted.pk, "project_id": project.pk}),
        ("proposal_declined", {"proposal_id": shortlisted.pk, "project_id": project.pk}),
    ]
    assert AuditEntry.objects.filter(action="proposal.accepted", actor=manager.user).exists()


def test_a_rolled_back_acceptance_announces_nothing(
    project, manager, provider, signals_received, django_capture_on_commit_callbacks, mailoutbox
):
    chosen = submit_proposal(provider, project)
    other = submit_proposal(quoting_provider(), project)
    signals_received.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            proposal_accept(membership=manager, proposal_id=chosen.pk)
            raise RuntimeError("la suite de la requête échoue")

    assert signals_received == []
    assert mailoutbox == []
    project.refresh_from_db()
    other.refresh_from_db()
    assert (project.state, other.state) == (ProjectState.PUBLISHED, ProposalState.SUBMITTED)


def test_a_member_who_does_not_manage_cannot_accept(project, volunteer, provider):
    proposal = submit_proposal(provider, project)

    with pytest.raises(PermissionDenied) as refused:
        proposal_accept(membership=volunteer, proposal_id=proposal.pk)

    assert refused.value.message == "Seuls les propriétaires et administrateurs peuvent faire cela."
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_the_provider_cannot_accept_its_own_quote(project, provider):
    proposal = submit_proposal(provider, project)

    with pytest.raises(NotFound):
        proposal_accept(membership=provider, proposal_id=proposal.pk)


def test_once_awarded_no_other_quote_is_accepted(project, manager, provider):
    first = submit_proposal(provider, project)
    second = submit_proposal(quoting_provider(), project)
    proposal_accept(membership=manager, proposal_id=first.pk)

    with pytest.raises(ProposalError) as refused:
        proposal_accept(membership=manager, proposal_id=second.pk)

    assert refused.value.message == "Ce projet a déjà été attribué ou n'est plus ouvert."
    assert Proposal.objects.filter(state=ProposalState.ACCEPTED).get() == first


@pytest.mark.parametrize("state", [ProjectState.DRAFT, ProjectState.CANCELLED, ProjectState.EXPIRED])
def test_a_quote_on_a_project_no_longer_published_cannot_be_accepted(project, manager, state):
    proposal = ProposalFactory(project=project)
    Project.objects.filter(pk=project.pk).update(state=state)

    with pytest.raises(ProposalError) as refused:
        proposal_accept(membership=manager, proposal_id=proposal.pk)

    assert refused.value.message == "Ce projet a déjà été attribué ou n'est plus ouvert."
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


@pytest.mark.parametrize("state", [ProposalState.DECLINED, ProposalState.WITHDRAWN])
def test_a_quote_out_of_the_running_cannot_be_accepted(project, manager, state):
    proposal = ProposalFactory(project=project, state=state)

    with pytest.raises(ProposalError) as refused:
        proposal_accept(membership=manager, proposal_id=proposal.pk)

    assert refused.value.message == "Ce devis n'est plus en lice."
    project.refresh_from_db()
    assert project.state == ProjectState.PUBLISHED


# What the database itself guarantees


def test_the_database_refuses_a_second_accepted_quote_on_a_project(project):
    ProposalFactory(project=project, state=ProposalState.ACCEPTED)
    ProposalFactory(project=ProjectFactory(published=True), state=ProposalState.ACCEPTED)
    second = ProposalFactory(project=project)

    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=second.pk).update(state=ProposalState.ACCEPTED)

    assert Proposal.objects.filter(project=project, state=ProposalState.ACCEPTED).count() == 1


def test_the_database_refuses_a_second_quote_from_the_same_provider(project, provider):
    ProposalFactory(project=project, provider=provider.organisation)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(project=project, provider=provider.organisation)
