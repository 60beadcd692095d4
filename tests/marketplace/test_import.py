"""`manage.py import_marketplace`: JSON Lines of associations, providers and projects, keyed by the partner's refs."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from marketplace.models import (
    AssociationProfile,
    AuditEntry,
    Organisation,
    Project,
    ProviderProfile,
    Skill,
)
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.services.imports import MarketplaceImportError, label_key, marketplace_import
from search.models import IndexQueueItem

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(db):
    """What the import left in the search index queue, by kind: saved with the rows, in the same transaction."""

    def read():
        rows = IndexQueueItem.objects.order_by("kind", "object_id").values_list("kind", "object_id")
        by_kind = {}
        for kind, object_id in rows:
            by_kind.setdefault(kind, []).append(object_id)
        return [(kind, by_kind[kind]) for kind in ("provider", "project") if kind in by_kind]

    return read


ASSOCIATION = {
    "kind": "association",
    "ref": "A1",
    "name": "Les Jardins partagés de Nantes",
    "legal_form": "loi_1901",
    "postcode": "44000",
    "city": "Nantes",
    "budget_bracket": "10k_50k",
    "field": "environment",
    "verified": True,
}
PROVIDER = {
    "kind": "provider",
    "ref": "P1",
    "name": "Atelier Web Solidaire",
    "description": "Nous créons des sites internet pour les associations.",
    "skills": ["site web", "HELLOASSO", "Référencement naturel (SEO)", "rgpd"],
    "regions": ["pays-de-la-loire", "Bretagne"],
    "postcode": "35000",
    "city": "Rennes",
    "lat": 48.11,
    "lon": -1.68,
    "remote": False,
    "day_rate_min": 350,
    "day_rate_max": 550.5,
    "min_project_eur": 1500,
    "solidarity_discount_pct": 15,
    "certifications": ["esus", "Label Numérique Responsable"],
    "rating": 4.567,
    "reviews": 12,
    "verified": True,
}
PROJECT = {
    "kind": "project",
    "ref": "J1",
    "association": "A1",
    "type": "website",
    "title": "Un site pour nos jardins",
    "description": "on voudrait un site internet simple pour presenter nos activites",
    "skills": ["site vitrine"],
    "budget_min_eur": 1000,
    "budget_max_eur": 3000,
    "postcode": "44000",
    "city": "Nantes",
    "remote_ok": True,
    "deadline": "2026-09-30",
    "state": "published",
}


def lines(*objects) -> list[str]:
    return [obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False) for obj in objects]


def write(tmp_path, *objects):
    path = tmp_path / "marketplace.jsonl"
    path.write_text("\n".join(lines(*objects)) + "\n", encoding="utf-8")
    return str(path)


def test_label_key_ignores_case_accents_and_punctuation():
    assert label_key("  Référencement-Naturel ") == label_key("referencement naturel")
    assert label_key("E-mailing") == "e mailing"


def test_import_creates_every_kind(indexed):
    result = marketplace_import(lines=lines(PROJECT, PROVIDER, ASSOCIATION))

    assert result.created == {"association": 1, "provider": 1, "project": 1}
    association = Organisation.objects.get(external_ref="A1")
    assert association.kind == OrganisationKind.ASSOCIATION
    assert association.verification_status == VerificationStatus.VERIFIED and association.verified_at
    profile = AssociationProfile.objects.get(organisation=association)
    assert profile.legal_name == "Les Jardins partagés de Nantes"
    assert profile.region == "pays-de-la-loire"  # derived from the postcode
    assert profile.latitude is not None  # approximate coordinates of the department

    provider = ProviderProfile.objects.get(organisation__external_ref="P1")
    assert provider.presentation == PROVIDER["description"]
    assert provider.day_rate_min_cents == 35000 and provider.day_rate_max_cents == 55050
    assert provider.min_project_cents == 150000
    assert provider.solidarity_discount_percent == 15
    assert provider.rating_average == Decimal("4.57") and provider.rating_count == 12
    assert provider.remote_ok is False
    assert (provider.latitude, provider.longitude) == (48.11, -1.68)
    assert sorted(provider.served_regions.values_list("region", flat=True)) == ["bretagne", "pays-de-la-loire"]
    assert sorted(provider.certifications.values_list("certification", flat=True)) == [
        "esus",
        "numerique_responsable",
    ]

    project = Project.objects.get(external_ref="J1")
    assert project.organisation == association
    assert project.budget_min_cents == 100000 and project.budget_max_cents == 300000
    assert str(project.deadline) == "2026-09-30"
    assert project.state == "published" and project.published_at is not None
    assert list(project.skills.values_list("slug", flat=True)) == ["site-vitrine"]

    assert indexed() == [("provider", [provider.pk]), ("project", [project.pk])]
    assert AuditEntry.objects.filter(action="verification.imported").count() == 2


def test_reimport_updates_without_duplicates(indexed):
    marketplace_import(lines=lines(ASSOCIATION, PROVIDER, PROJECT))
    provider_id = Organisation.objects.get(external_ref="P1").pk

    changed = {**PROVIDER, "name": "Atelier Web Solidaire SCOP", "skills": ["wordpress"], "regions": ["bretagne"]}
    result = marketplace_import(lines=lines(ASSOCIATION, changed, {**PROJECT, "title": "Nouveau titre"}))

    assert result.created == {"association": 0, "provider": 0, "project": 0}
    assert result.updated == {"association": 1, "provider": 1, "project": 1}
    assert Organisation.objects.count() == 2 and Project.objects.count() == 1
    provider = ProviderProfile.objects.get(organisation_id=provider_id)
    assert provider.organisation.name == "Atelier Web Solidaire SCOP"
    assert list(provider.skills.values_list("slug", flat=True)) == ["wordpress"]
    assert list(provider.served_regions.values_list("region", flat=True)) == ["bretagne"]
    assert Project.objects.get().title == "Nouveau titre"
    assert indexed()[-2:] == [("provider", [provider_id]), ("project", [Project.objects.get().pk])]


def test_skills_match_labels_synonyms_and_slugs_ignoring_case_and_accents(indexed):
    provider = {
        **PROVIDER,
        "skills": [
            "SITE WEB",
            "Referencement naturel (seo)",
            "gestion-des-adherents",
            "Google Workspace",
            "cybersécurite",
        ],
    }
    result = marketplace_import(lines=lines(provider))

    slugs = set(ProviderProfile.objects.get().skills.values_list("slug", flat=True))
    # "cybersécurite" is no label nor synonym of any skill: created, waiting for review.
    assert {"site-vitrine", "referencement-seo", "gestion-des-adherents", "google-workspace"} <= slugs
    assert result.new_skills == ["cybersécurite"]


def test_unknown_skill_is_created_unreviewed_in_an_other_domain(indexed):
    marketplace_import(lines=lines({**PROVIDER, "skills": ["Permaculture numérique"]}))

    skill = Skill.objects.get(label_fr="Permaculture numérique")
    assert skill.is_reviewed is False
    assert skill.domain.slug == "autres"
    assert ProviderProfile.objects.get().skills.get() == skill

    # Imported again, written differently: the same skill, not a second one.
    marketplace_import(lines=lines({**PROVIDER, "skills": ["permaculture NUMERIQUE"]}))
    assert Skill.objects.filter(is_reviewed=False).count() == 1


def test_strict_refuses_unknown_skills(indexed):
    with pytest.raises(MarketplaceImportError) as caught:
        marketplace_import(lines=lines(ASSOCIATION, {**PROVIDER, "skills": ["site web", "Permaculture"]}), strict=True)

    assert [str(error) for error in caught.value.errors] == ["ligne 2 : compétence inconnue : « Permaculture »"]
    assert not Organisation.objects.exists()
    assert not Skill.objects.filter(label_fr="Permaculture").exists()


def test_profile_details_and_the_guided_form_answers_are_imported(indexed):
    provider = {
        **PROVIDER,
        "tools": ["WordPress", "Flutter", "WordPress", "  React   Native "],
        "pro_bono": True,
        "pro_bono_details": "Jusqu'à 5 jours par an pour une petite association",
        "team_size": 4,
    }
    project = {
        **PROJECT,
        "type": "cloud",
        "answers": {"target": "google-workspace", "users": "12", "mail_migration": "yes", "pages": 4},
    }
    marketplace_import(lines=lines(ASSOCIATION, provider, project))

    profile = ProviderProfile.objects.get()
    assert profile.tools == ["WordPress", "Flutter", "React Native"]
    assert profile.pro_bono and profile.pro_bono_details.startswith("Jusqu'à 5 jours")
    assert profile.team_size == 4
    # As the guided form keeps them: typed, and only the type's questions.
    assert Project.objects.get().answers == {"target": "google-workspace", "users": 12, "mail_migration": True}

    # A partner's file without answers stays valid, even for a type whose form requires some.
    marketplace_import(lines=lines(ASSOCIATION, {**PROVIDER, "team_size": 9}, {**PROJECT, "type": "cloud"}))
    profile.refresh_from_db()
    assert (profile.team_size, profile.tools, profile.pro_bono) == (9, [], False)
    assert Project.objects.get().answers == {}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "JSON invalide"),
        ({**PROVIDER, "tools": [f"outil {n}" for n in range(41)]}, "champ « tools » : au plus 40 outils"),
        ({**PROVIDER, "team_size": 0}, "champ « team_size » : doit être compris entre 1 et 100000"),
        ({**PROJECT, "answers": ["pages"]}, "champ « answers » : un objet JSON est attendu"),
        ({**PROJECT, "answers": {"pages": "dix"}}, "champ « answers.pages » : Un nombre entier est attendu."),
        (
            {**PROJECT, "type": "cloud", "answers": {"users": 3}},
            "champ « answers.target » : Répondez à cette question.",
        ),
        ('["a list"]', "un objet JSON est attendu"),
        ({"kind": "volunteer", "ref": "X"}, "type « volunteer » inconnu"),
        ({**ASSOCIATION, "ref": "A2", "name": ""}, "champ « name » obligatoire"),
        ({**PROVIDER, "ref": None}, "champ « ref » obligatoire"),
        ({**ASSOCIATION, "ref": "A2", "legal_form": "sarl"}, "champ « legal_form » : valeur « sarl » inconnue"),
        ({**PROVIDER, "day_rate_min": "beaucoup"}, "champ « day_rate_min » : nombre attendu"),
        ({**PROVIDER, "solidarity_discount_pct": 120}, "champ « solidarity_discount_pct » : doit être compris"),
        ({**PROVIDER, "day_rate_min": 900, "day_rate_max": 500}, "tarif journalier minimum supérieur au maximum"),
        ({**PROVIDER, "lon": None}, "« lat » et « lon » vont ensemble"),
        ({**PROVIDER, "postcode": "99999"}, "champ « postcode » : code postal « 99999 » invalide"),
        ({**PROJECT, "budget_min_eur": 5000}, "budget minimum supérieur au budget maximum"),
        ({**PROJECT, "ref": "J2", "association": "NOPE"}, "association « NOPE » introuvable"),
        ({**PROJECT, "ref": "J2", "association": "P1"}, "« P1 » est un prestataire, pas une association"),
        ({**PROJECT, "deadline": "30/09/2026"}, "champ « deadline » : date attendue au format AAAA-MM-JJ"),
        ({**PROJECT, "state": "ouvert"}, "champ « state » : valeur « ouvert » inconnue"),
        ({**PROVIDER, "remote": "oui"}, "champ « remote » : true ou false attendu"),
        ({**ASSOCIATION, "name": "Doublon"}, "référence « A1 » déjà utilisée ligne 1"),
    ],
)
def test_bad_line_is_reported_with_its_number_and_nothing_is_saved(indexed, line, reason):
    with pytest.raises(MarketplaceImportError) as caught:
        marketplace_import(lines=lines(ASSOCIATION, PROVIDER, line, PROJECT))

    (error,) = caught.value.errors
    assert error.line == 3
    assert str(error).startswith(f"ligne 3 : {reason}")
    assert not Organisation.objects.exists() and not Project.objects.exists()
    assert indexed() == []


def test_partial_saves_good_lines_and_reports_bad_ones(indexed):
    result = marketplace_import(
        lines=lines(ASSOCIATION, {**PROVIDER, "rating": 7}, "", PROJECT, {**PROJECT, "ref": "J2", "association": "?"}),
        partial=True,
    )

    assert [str(error).split(" : ")[0] for error in result.errors] == ["ligne 2", "ligne 5"]
    assert result.created == {"association": 1, "provider": 0, "project": 1}
    assert not Organisation.objects.filter(external_ref="P1").exists()
    assert Project.objects.get().external_ref == "J1"


def test_project_may_refer_to_an_association_already_in_the_database(indexed):
    marketplace_import(lines=lines(ASSOCIATION))
    result = marketplace_import(lines=lines(PROJECT))

    assert result.created["project"] == 1
    assert Project.objects.get().organisation.external_ref == "A1"


def test_a_reference_of_another_kind_in_the_database_is_refused(indexed):
    OrganisationFactory(kind=OrganisationKind.PROVIDER, external_ref="A1")

    with pytest.raises(MarketplaceImportError) as caught:
        marketplace_import(lines=lines(ASSOCIATION))

    assert "désigne déjà une organisation d'un autre type" in str(caught.value.errors[0])


def test_defaults_for_missing_optional_fields(indexed):
    marketplace_import(
        lines=lines(
            {"kind": "association", "ref": "A9", "name": "Club de Corte", "postcode": "20250"},
            {"kind": "provider", "ref": "P9", "name": "Solo", "region": "Île-de-France"},
            {"kind": "project", "ref": "J9", "association": "A9", "title": "Besoin d'aide"},
        )
    )

    association = AssociationProfile.objects.get()
    assert (association.region, association.legal_form, association.budget_bracket) == ("corse", "loi_1901", "lt10k")
    assert Organisation.objects.get(external_ref="A9").verification_status == VerificationStatus.UNVERIFIED
    provider = ProviderProfile.objects.get()
    assert provider.region == "ile-de-france" and provider.presentation == "Solo" and provider.remote_ok
    assert list(provider.served_regions.values_list("region", flat=True)) == ["ile-de-france"]
    project = Project.objects.get()
    assert (project.project_type, project.state, project.description) == ("other", "draft", "Besoin d'aide")
    assert project.published_at is None and not project.skills.exists()


def test_command_prints_a_summary(tmp_path, indexed, capsys):
    call_command("import_marketplace", write(tmp_path, PROJECT, ASSOCIATION, PROVIDER))

    out = capsys.readouterr().out
    assert "associations : 1 créé(e)s, 0 mis(es) à jour" in out
    assert "projets : 1 créé(e)s" in out


def test_command_fails_on_a_bad_line_and_saves_nothing(tmp_path, indexed, capsys):
    path = write(tmp_path, ASSOCIATION, {**PROVIDER, "reviews": -1})

    with pytest.raises(CommandError, match="1 ligne"):
        call_command("import_marketplace", path)

    assert "ligne 2 : champ « reviews »" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_command_partial_exits_cleanly_and_reports(tmp_path, indexed, capsys):
    call_command("import_marketplace", write(tmp_path, ASSOCIATION, "oops"), "--partial")

    captured = capsys.readouterr()
    assert "ligne 2 : JSON invalide" in captured.err
    assert Organisation.objects.get().external_ref == "A1"


def test_command_strict_refuses_unknown_skill(tmp_path, indexed):
    with pytest.raises(CommandError):
        call_command("import_marketplace", write(tmp_path, {**PROVIDER, "skills": ["Tricot"]}), "--strict")


def test_command_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Lecture impossible"):
        call_command("import_marketplace", str(tmp_path / "absent.jsonl"))
