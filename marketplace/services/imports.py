"""Import of associations, providers and projects from a partner's JSON Lines file (`manage.py import_marketplace`).

One JSON object a line, `kind` being association, provider or project, each keyed by the partner's `ref`
(`Organisation.external_ref`, `Project.external_ref`): importing a file again updates what it created, never
duplicates it. The file is all or nothing: one bad line and nothing is saved, unless the caller asks for a
partial import, which saves the good lines and reports the others.

Files hold tens of thousands of lines, so rows are checked line by line in Python (the same rules as the model
fields: lengths, choices, ranges) and written with bulk queries in one transaction, rather than through
`full_clean()` and `save()`, whose uniqueness checks alone would cost several queries a row.
"""

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import signals
from ..errors import DomainError
from ..geography import Region, approximate_coordinates, is_valid_postcode, region_for_postcode
from ..models import (
    AssociationProfile,
    AuditEntry,
    Organisation,
    Project,
    ProviderCertification,
    ProviderProfile,
    ServedRegion,
    Skill,
    SkillDomain,
)
from ..models.organisations import VerificationStatus
from ..models.profiles import BudgetBracket, Certification, FieldOfAction, LegalForm
from ..models.projects import ProjectState
from ..project_types import ProjectType, clean_answers
from .profiles import MAX_PROJECT_CENTS, MAX_RATE_CENTS

ASSOCIATION, PROVIDER, PROJECT = "association", "provider", "project"
KINDS = (ASSOCIATION, PROVIDER, PROJECT)
BATCH_SIZE = 500
# Skills the taxonomy did not know wait in this domain until staff review them.
OTHER_DOMAIN = {"slug": "autres", "label_fr": "Autres compétences", "label_en": "Other skills", "position": 999}
MAX_REF_LENGTH = 64
# As the provider profile form allows (`services.profiles`).
MAX_TOOLS = 40
MAX_BUDGET_CENTS = MAX_PROJECT_CENTS


class ImportLineError(DomainError):
    """One line of the file is refused; the message says why, in words the partner can act on."""


class MarketplaceImportError(DomainError):
    """The file had bad lines and nothing was saved (the import is all or nothing unless partial)."""

    def __init__(self, message, *, errors: list["LineError"]):
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self):
        return _("ligne %(line)s : %(reason)s") % {"line": self.line, "reason": self.message}


@dataclass
class ImportResult:
    """What an import did: counts per kind, refused lines (partial imports only), skills it had to create."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    errors: list[LineError] = field(default_factory=list)
    new_skills: list[str] = field(default_factory=list)


# --- Labels -------------------------------------------------------------------------------------------------------


def label_key(text: str) -> str:
    """A label as compared by the import: case, accents, punctuation and spacing ignored ("Site-Web" = "site web")."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", stripped).split())


_ENUM_LOOKUPS: dict[type, dict[str, str]] = {}


def _enum_lookup(choices: type[TextChoices]) -> dict[str, str]:
    """Values and labels (French and English) of a choices class, by label key; built once per class."""
    lookup = _ENUM_LOOKUPS.get(choices)
    if lookup is None:
        lookup = {}
        for language in ("fr", "en"):
            with translation.override(language):
                for value, label in choices.choices:
                    lookup.setdefault(label_key(str(label)), value)
        lookup.update({label_key(value): value for value in choices.values})
        _ENUM_LOOKUPS[choices] = lookup
    return lookup


class SkillMatcher:
    """Finds a taxonomy skill from what people write: label (French or English), slug or synonym.

    Built once per import: one query, then a dictionary lookup per label. When two skills share a synonym
    ("crowdfunding"), labels and slugs win over synonyms, then the taxonomy's order decides.
    """

    def __init__(self, skills: Iterable[tuple[int, str, str, str, list]]):
        skills = list(skills)
        self._ids: dict[str, int] = {}
        for pick in (lambda s: [s[2]], lambda s: [s[3]], lambda s: [s[1]], lambda s: list(s[4] or [])):
            for skill in skills:
                for text in pick(skill):
                    key = label_key(text)
                    if key:
                        self._ids.setdefault(key, skill[0])

    @classmethod
    def from_database(cls) -> "SkillMatcher":
        rows = Skill.objects.order_by("domain__position", "id").values_list(
            "id", "slug", "label_fr", "label_en", "synonyms"
        )
        return cls(rows)

    def match(self, label: str) -> int | None:
        return self._ids.get(label_key(label))

    def add(self, key: str, skill_id: int) -> None:
        self._ids[key] = skill_id


# --- Reading one line ---------------------------------------------------------------------------------------------


@dataclass
class _Row:
    """A valid line, turned into model field values, waiting for the save phase."""

    line: int
    kind: str
    ref: str
    organisation: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    verified: bool = False
    skill_ids: list[int] = field(default_factory=list)
    unknown_skills: dict[str, str] = field(default_factory=dict)  # label key -> label as written
    regions: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    association_ref: str = ""


class _Fields:
    """Typed access to one JSON object, raising `ImportLineError` with the field's name on bad input."""

    def __init__(self, data: dict):
        self.data = data

    def _refuse(self, name: str, message: str):
        raise ImportLineError(_("champ « %(field)s » : %(reason)s") % {"field": name, "reason": message}, field=name)

    def present(self, name: str) -> bool:
        return self.data.get(name) not in (None, "")

    def text(self, name: str, *, required: bool = False, max_length: int = 200, default: str = "") -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise ImportLineError(_("champ « %(field)s » obligatoire") % {"field": name}, field=name)
            return default
        if not isinstance(value, str | int) or isinstance(value, bool):
            self._refuse(name, _("texte attendu"))
        value = " ".join(str(value).split())
        if required and not value:
            raise ImportLineError(_("champ « %(field)s » obligatoire") % {"field": name}, field=name)
        if len(value) > max_length:
            self._refuse(name, _("au plus %(n)s caractères") % {"n": max_length})
        return value

    def long_text(self, name: str, *, max_length: int = 10_000, default: str = "") -> str:
        value = self.data.get(name)
        if value is None:
            return default
        if not isinstance(value, str):
            self._refuse(name, _("texte attendu"))
        value = value.strip().replace("\r\n", "\n")
        if len(value) > max_length:
            self._refuse(name, _("au plus %(n)s caractères") % {"n": max_length})
        return value or default

    def decimal(self, name: str, *, minimum, maximum) -> Decimal | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._refuse(name, _("nombre attendu"))
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self._refuse(name, _("nombre attendu"))
        if not minimum <= number <= maximum:
            self._refuse(name, _("doit être compris entre %(min)s et %(max)s") % {"min": minimum, "max": maximum})
        return number

    def integer(self, name: str, *, minimum: int = 0, maximum: int, default: int | None = None) -> int | None:
        number = self.decimal(name, minimum=minimum, maximum=maximum)
        if number is None:
            return default
        if number != number.to_integral_value():
            self._refuse(name, _("nombre entier attendu"))
        return int(number)

    def cents(self, name: str, *, maximum_cents: int) -> int | None:
        euros = self.decimal(name, minimum=0, maximum=maximum_cents // 100)
        return None if euros is None else int((euros * 100).to_integral_value())

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._refuse(name, _("true ou false attendu"))
        return value

    def choice(self, name: str, choices: type[TextChoices], *, default: str | None = None) -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if default is None:
                raise ImportLineError(_("champ « %(field)s » obligatoire") % {"field": name}, field=name)
            return default
        found = _enum_lookup(choices).get(label_key(value)) if isinstance(value, str) else None
        if found is None:
            self._refuse(name, _("valeur « %(value)s » inconnue") % {"value": value})
        return found

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self._refuse(name, _("liste de textes attendue"))
        return [" ".join(item.split()) for item in value if item.strip()]

    def choices(self, name: str, choices: type[TextChoices]) -> list[str]:
        lookup = _enum_lookup(choices)
        values = []
        for item in self.strings(name):
            found = lookup.get(label_key(item))
            if found is None:
                self._refuse(name, _("valeur « %(value)s » inconnue") % {"value": item})
            values.append(found)
        return list(dict.fromkeys(values))

    def tools(self, name: str) -> list[str]:
        """Tools and technologies as a provider's profile keeps them: at most MAX_TOOLS, each cut at 60 characters."""
        tools = list(dict.fromkeys(item[:60] for item in self.strings(name)))
        if len(tools) > MAX_TOOLS:
            self._refuse(name, _("au plus %(n)s outils") % {"n": MAX_TOOLS})
        return tools

    def answers(self, name: str, project_type: str) -> dict:
        """The guided form's structured answers for the project's type, checked by the form's own rules.

        A file without answers stays valid: partners' files rarely have them, so required questions are only
        required once answers are given.
        """
        value = self.data.get(name)
        if value is None or value == {}:
            return {}
        if not isinstance(value, dict):
            self._refuse(name, _("un objet JSON est attendu"))
        try:
            return clean_answers(project_type, value)
        except ValueError as exc:
            key, message = exc.args
            self._refuse(f"{name}.{key}", message)

    def day(self, name: str) -> date | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self._refuse(name, _("date attendue au format AAAA-MM-JJ"))

    def place(self, *, required: bool) -> dict:
        """Postcode, commune, region and coordinates; region and coordinates derived from the postcode if absent."""
        postcode = self.text("postcode", max_length=5)
        if postcode and not is_valid_postcode(postcode):
            self._refuse("postcode", _("code postal « %(postcode)s » invalide") % {"postcode": postcode})
        if self.present("region"):
            region = self.choice("region", Region)
        else:
            region = region_for_postcode(postcode) if postcode else ""
        if required and not region:
            raise ImportLineError(_("indiquez un code postal (« postcode ») ou une région (« region »)"))
        latitude = self.decimal("lat", minimum=-90, maximum=90)
        longitude = self.decimal("lon", minimum=-180, maximum=180)
        if (latitude is None) != (longitude is None):
            raise ImportLineError(_("« lat » et « lon » vont ensemble : donnez les deux ou aucune"))
        if latitude is None and postcode:
            latitude, longitude = approximate_coordinates(postcode)
        return {
            "postcode": postcode,
            "commune": self.text("city", max_length=120),
            "region": str(region or ""),
            "latitude": None if latitude is None else float(latitude),
            "longitude": None if longitude is None else float(longitude),
        }


class _LineReader:
    """Turns each kind of line into a `_Row`: one method per kind, picked from a table, not an `if` ladder."""

    def __init__(self, *, skills: SkillMatcher, strict: bool):
        self.skills = skills
        self.strict = strict
        self.readers = {ASSOCIATION: self.association, PROVIDER: self.provider, PROJECT: self.project}

    def read(self, number: int, text: str) -> _Row:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportLineError(_("JSON invalide (%(error)s)") % {"error": exc.msg}) from None
        if not isinstance(data, dict):
            raise ImportLineError(_("un objet JSON est attendu"))
        kind = data.get("kind")
        reader = self.readers.get(kind) if isinstance(kind, str) else None
        if reader is None:
            raise ImportLineError(
                _("type « %(kind)s » inconnu (association, provider ou project attendu)") % {"kind": kind}
            )
        fields = _Fields(data)
        row = _Row(line=number, kind=kind, ref=fields.text("ref", required=True, max_length=MAX_REF_LENGTH))
        reader(fields, row)
        return row

    def _organisation(self, fields: _Fields, row: _Row, place: dict) -> None:
        row.organisation = {
            "name": fields.text("name", required=True, max_length=200),
            "postcode": place["postcode"],
            "city": place["commune"],
        }
        row.verified = fields.boolean("verified", default=False)

    def association(self, fields: _Fields, row: _Row) -> None:
        place = fields.place(required=True)
        self._organisation(fields, row, place)
        name = row.organisation["name"]
        row.fields = {
            **place,
            "legal_name": name,
            "legal_form": fields.choice("legal_form", LegalForm, default=LegalForm.LOI_1901),
            "address": " ".join(filter(None, (place["postcode"], place["commune"]))) or name,
            "field_of_action": fields.choice("field", FieldOfAction, default=FieldOfAction.OTHER),
            "budget_bracket": fields.choice("budget_bracket", BudgetBracket, default=BudgetBracket.LT_10K),
        }

    def provider(self, fields: _Fields, row: _Row) -> None:
        place = fields.place(required=True)
        self._organisation(fields, row, place)
        name = row.organisation["name"]
        low = fields.cents("day_rate_min", maximum_cents=MAX_RATE_CENTS)
        high = fields.cents("day_rate_max", maximum_cents=MAX_RATE_CENTS)
        if low is not None and high is not None and low > high:
            raise ImportLineError(_("tarif journalier minimum supérieur au maximum"), field="day_rate_min")
        rating = fields.decimal("rating", minimum=0, maximum=5)
        description = fields.long_text("description")
        row.fields = {
            **place,
            "legal_name": name,
            "presentation": description or name,
            "services": fields.long_text("services"),
            "remote_ok": fields.boolean("remote", default=True),
            "day_rate_min_cents": low,
            "day_rate_max_cents": high,
            "min_project_cents": fields.cents("min_project_eur", maximum_cents=MAX_PROJECT_CENTS) or 0,
            "solidarity_discount_percent": fields.integer("solidarity_discount_pct", maximum=100, default=0),
            "rating_average": None if rating is None else rating.quantize(Decimal("0.01")),
            "rating_count": fields.integer("reviews", maximum=10_000_000, default=0),
            "tools": fields.tools("tools"),
            "pro_bono": fields.boolean("pro_bono", default=False),
            "pro_bono_details": fields.text("pro_bono_details", max_length=200),
            "team_size": fields.integer("team_size", minimum=1, maximum=100_000, default=1),
        }
        self._skills(fields, row)
        row.regions = fields.choices("regions", Region) or [place["region"]]
        row.certifications = fields.choices("certifications", Certification)

    def project(self, fields: _Fields, row: _Row) -> None:
        row.association_ref = fields.text("association", required=True, max_length=MAX_REF_LENGTH)
        title = fields.text("title", required=True, max_length=160)
        low = fields.cents("budget_min_eur", maximum_cents=MAX_BUDGET_CENTS)
        high = fields.cents("budget_max_eur", maximum_cents=MAX_BUDGET_CENTS)
        if low is not None and high is not None and low > high:
            raise ImportLineError(_("budget minimum supérieur au budget maximum"), field="budget_min_eur")
        project_type = fields.choice("type", ProjectType, default=ProjectType.OTHER)
        row.fields = {
            **fields.place(required=False),
            "project_type": project_type,
            "answers": fields.answers("answers", project_type),
            "title": title,
            "description": fields.long_text("description") or title,
            "budget_min_cents": low,
            "budget_max_cents": high,
            "remote_ok": fields.boolean("remote_ok", default=True),
            "deadline": fields.day("deadline"),
            "state": fields.choice("state", ProjectState, default=ProjectState.DRAFT),
        }
        self._skills(fields, row)

    def _skills(self, fields: _Fields, row: _Row) -> None:
        for label in fields.strings("skills"):
            if len(label) > 120:
                fields._refuse("skills", _("au plus %(n)s caractères") % {"n": 120})
            skill_id = self.skills.match(label)
            if skill_id is not None:
                row.skill_ids.append(skill_id)
            elif self.strict:
                raise ImportLineError(_("compétence inconnue : « %(label)s »") % {"label": label}, field="skills")
            elif label_key(label):
                row.unknown_skills.setdefault(label_key(label), label)
        row.skill_ids = list(dict.fromkeys(row.skill_ids))


# --- The import ---------------------------------------------------------------------------------------------------


def _chunks(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_organisations(refs: list[str]) -> dict[str, dict]:
    found = {}
    for chunk in _chunks(refs):
        for row in Organisation.objects.filter(external_ref__in=chunk).values(
            "id", "external_ref", "kind", "verification_status", "verified_at"
        ):
            found[row["external_ref"]] = row
    return found


def _existing_projects(refs: list[str]) -> dict[str, dict]:
    found = {}
    for chunk in _chunks(refs):
        for row in Project.objects.filter(external_ref__in=chunk).values("id", "external_ref", "published_at"):
            found[row["external_ref"]] = row
    return found


def _update_rows(model, objects: list, field_names: list[str]) -> None:
    """Write these fields of existing rows: one `UPDATE ... WHERE pk = %s` per row, sent with executemany.

    `bulk_update()` builds one CASE WHEN per field over the whole batch, which took minutes for 50,000 providers
    on SQLite; executemany of a prepared statement takes seconds on every database.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Identifiers come from the model's meta, values go as parameters.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 2000):
            cursor.executemany(sql, chunk)


class _Import:
    """One import run: reads every line, checks the cross-line rules, then saves in bulk."""

    def __init__(self, *, strict: bool, partial: bool):
        self.partial = partial
        self.reader = _LineReader(skills=SkillMatcher.from_database(), strict=strict)
        self.result = ImportResult()
        self.rows: dict[str, list[_Row]] = {kind: [] for kind in KINDS}
        self.now = timezone.now()

    def refuse(self, line: int, error: DomainError) -> None:
        self.result.errors.append(LineError(line, str(error.message)))

    # Reading and checking.

    def read(self, lines: Iterable[str]) -> None:
        seen: dict[tuple[str, str], int] = {}
        for number, text in enumerate(lines, start=1):
            text = text.strip().lstrip("\ufeff")
            if not text:
                continue
            try:
                row = self.reader.read(number, text)
                # Associations and providers share one namespace of references, projects have their own.
                namespace = PROJECT if row.kind == PROJECT else "organisation"
                first = seen.setdefault((namespace, row.ref), number)
                if first != number:
                    raise ImportLineError(
                        _("référence « %(ref)s » déjà utilisée ligne %(line)s") % {"ref": row.ref, "line": first}
                    )
            except ImportLineError as error:
                self.refuse(number, error)
                continue
            self.rows[row.kind].append(row)

    def check_references(self) -> None:
        """Rules across lines and against the database, once every line is read (projects may come first)."""
        organisation_rows = self.rows[ASSOCIATION] + self.rows[PROVIDER]
        wanted = {row.ref for row in organisation_rows} | {row.association_ref for row in self.rows[PROJECT]}
        self.existing = _existing_organisations(sorted(wanted))
        kept = {ASSOCIATION: [], PROVIDER: []}
        for row in organisation_rows:
            known = self.existing.get(row.ref)
            if known and known["kind"] != row.kind:
                self.refuse(row.line, ImportLineError(self._other_kind_message(row.ref)))
            else:
                kept[row.kind].append(row)
        self.rows.update(kept)
        in_file = {row.ref for row in kept[ASSOCIATION]}
        in_file_providers = {row.ref for row in kept[PROVIDER]}
        projects = []
        for row in self.rows[PROJECT]:
            known = self.existing.get(row.association_ref)
            if row.association_ref in in_file_providers or (
                row.association_ref not in in_file and known and known["kind"] != ASSOCIATION
            ):
                self.refuse(
                    row.line,
                    ImportLineError(
                        _("« %(ref)s » est un prestataire, pas une association") % {"ref": row.association_ref}
                    ),
                )
            elif row.association_ref not in in_file and not known:
                self.refuse(
                    row.line,
                    ImportLineError(
                        _("association « %(ref)s » introuvable, ni dans le fichier ni dans la base")
                        % {"ref": row.association_ref}
                    ),
                )
            else:
                projects.append(row)
        self.rows[PROJECT] = projects
        self.result.errors.sort(key=lambda error: error.line)

    @staticmethod
    def _other_kind_message(ref: str) -> str:
        return _("la référence « %(ref)s » désigne déjà une organisation d'un autre type") % {"ref": ref}

    # Saving.

    def save(self) -> None:
        self.resolve_unknown_skills()
        slugs = set(Organisation.objects.values_list("slug", flat=True))
        provider_ids = self.save_organisations(PROVIDER, ProviderProfile, slugs)
        association_ids = self.save_organisations(ASSOCIATION, AssociationProfile, slugs)
        self.save_provider_relations(provider_ids)
        project_ids = self.save_projects(association_ids)
        AuditEntry.objects.create(
            action="marketplace.imported",
            data={"created": self.result.created, "updated": self.result.updated, "errors": len(self.result.errors)},
        )
        self.announce(
            provider_ids=list(provider_ids.values()), project_ids=project_ids, new_skills=bool(self.result.new_skills)
        )

    def resolve_unknown_skills(self) -> None:
        unknown: dict[str, str] = {}
        for row in self.rows[PROVIDER] + self.rows[PROJECT]:
            for key, label in row.unknown_skills.items():
                unknown.setdefault(key, label)
        if not unknown:
            return
        domain = SkillDomain.objects.filter(slug__in=("autres", "other")).order_by("slug").first()
        if domain is None:
            domain = SkillDomain.objects.create(**OTHER_DOMAIN)
        taken = set(Skill.objects.values_list("slug", flat=True))
        created = []
        for key, label in unknown.items():
            base = slugify(label)[:70] or "competence"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            created.append(
                Skill(slug=slug, domain=domain, label_fr=label, label_en=label, synonyms=[key], is_reviewed=False)
            )
        Skill.objects.bulk_create(created, batch_size=BATCH_SIZE)
        for skill, key in zip(created, unknown, strict=True):
            self.reader.skills.add(key, skill.pk)
            self.result.new_skills.append(skill.label_fr)
        for row in self.rows[PROVIDER] + self.rows[PROJECT]:
            row.skill_ids = list(
                dict.fromkeys(row.skill_ids + [self.reader.skills.match(key) for key in row.unknown_skills])
            )

    def save_organisations(self, kind: str, profile_model, slugs: set[str]) -> dict[str, int]:
        """Create or update the organisations and their profiles; returns their ids by reference."""
        new, changed, verified_now = [], [], []
        for row in self.rows[kind]:
            known = self.existing.get(row.ref)
            organisation = Organisation(kind=kind, external_ref=row.ref, **row.organisation)
            if known:
                organisation.pk = known["id"]
                organisation.verification_status = known["verification_status"]
                organisation.verified_at = known["verified_at"]
            # The import may grant a verification the partner vouches for, never withdraw one (staff do that).
            if row.verified and organisation.verification_status != VerificationStatus.VERIFIED:
                organisation.verification_status = VerificationStatus.VERIFIED
                organisation.verified_at = self.now
                verified_now.append(organisation)
            if known:
                changed.append(organisation)
            else:
                organisation.slug = self._slug(organisation.name, slugs)
                new.append(organisation)
        Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
        _update_rows(Organisation, changed, ["name", "postcode", "city", "verification_status", "verified_at"])
        ids = {organisation.external_ref: organisation.pk for organisation in new + changed}
        self.result.created[kind] += len(new)
        self.result.updated[kind] += len(changed)
        self._save_profiles(kind, profile_model, ids)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    organisation_id=organisation.pk,
                    action="verification.imported",
                    target=f"marketplace.organisation:{organisation.pk}",
                )
                for organisation in verified_now
            ],
            batch_size=BATCH_SIZE,
        )
        return ids

    @staticmethod
    def _slug(name: str, slugs: set[str]) -> str:
        base = slugify(name)[:200] or "organisation"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        return slug

    def _save_profiles(self, kind: str, profile_model, ids: dict[str, int]) -> None:
        have = set()
        for chunk in _chunks([ids[row.ref] for row in self.rows[kind] if row.ref in self.existing]):
            have.update(profile_model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        new, changed = [], []
        for row in self.rows[kind]:
            profile = profile_model(organisation_id=ids[row.ref], updated_at=self.now, **row.fields)
            (changed if profile.pk in have else new).append(profile)
        profile_model.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if changed:
            _update_rows(profile_model, changed, [*self.rows[kind][0].fields, "updated_at"])

    def save_provider_relations(self, ids: dict[str, int]) -> None:
        """Skills, served regions and certifications: replaced as a whole by what the file says."""
        rows = self.rows[PROVIDER]
        updated = [ids[row.ref] for row in rows if row.ref in self.existing]
        through = ProviderProfile.skills.through
        for chunk in _chunks(updated):
            through.objects.filter(providerprofile_id__in=chunk).delete()
            ServedRegion.objects.filter(profile_id__in=chunk).delete()
            ProviderCertification.objects.filter(profile_id__in=chunk).delete()
        through.objects.bulk_create(
            (through(providerprofile_id=ids[row.ref], skill_id=skill) for row in rows for skill in row.skill_ids),
            batch_size=BATCH_SIZE,
        )
        ServedRegion.objects.bulk_create(
            (ServedRegion(profile_id=ids[row.ref], region=region) for row in rows for region in row.regions),
            batch_size=BATCH_SIZE,
        )
        ProviderCertification.objects.bulk_create(
            (
                ProviderCertification(profile_id=ids[row.ref], certification=certification)
                for row in rows
                for certification in row.certifications
            ),
            batch_size=BATCH_SIZE,
        )

    def save_projects(self, association_ids: dict[str, int]) -> list[int]:
        rows = self.rows[PROJECT]
        existing = _existing_projects([row.ref for row in rows])
        new, changed = [], []
        for row in rows:
            organisation_id = association_ids.get(row.association_ref) or self.existing[row.association_ref]["id"]
            project = Project(organisation_id=organisation_id, external_ref=row.ref, updated_at=self.now, **row.fields)
            known = existing.get(row.ref)
            published_at = known["published_at"] if known else None
            if project.state != ProjectState.DRAFT and published_at is None:
                published_at = self.now
            project.published_at = published_at
            if known:
                project.pk = known["id"]
                changed.append(project)
            else:
                new.append(project)
        Project.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if changed:
            _update_rows(Project, changed, ["organisation", *rows[0].fields, "published_at", "updated_at"])
        self.result.created[PROJECT] += len(new)
        self.result.updated[PROJECT] += len(changed)
        through = Project.skills.through
        for chunk in _chunks([project.pk for project in changed]):
            through.objects.filter(project_id__in=chunk).delete()
        by_ref = {project.external_ref: project.pk for project in new + changed}
        through.objects.bulk_create(
            (through(project_id=by_ref[row.ref], skill_id=skill) for row in rows for skill in row.skill_ids),
            batch_size=BATCH_SIZE,
        )
        return list(by_ref.values())

    @staticmethod
    def announce(*, provider_ids: list[int], project_ids: list[int], new_skills: bool) -> None:
        """Tell other packages what changed, inside the transaction: search queues the documents with the rows.

        `new_skills`: skills were bulk-created (no signals), so whoever caches the taxonomy must read it again.
        """
        signals.marketplace_imported.send(
            sender=None, provider_ids=provider_ids, project_ids=project_ids, new_skills=new_skills
        )


def marketplace_import(*, lines: Iterable[str], strict: bool = False, partial: bool = False) -> ImportResult:
    """Import a JSON Lines file of associations, providers and projects, all or nothing unless `partial`.

    `strict` refuses skills the taxonomy does not know instead of creating them unreviewed. Raises
    `MarketplaceImportError` (nothing saved) when a line is bad and the import is not partial.
    """
    run = _Import(strict=strict, partial=partial)
    run.read(lines)
    run.check_references()
    if run.result.errors and not partial:
        raise MarketplaceImportError(
            _("%(count)s ligne(s) refusée(s) : rien n'a été enregistré.") % {"count": len(run.result.errors)},
            errors=run.result.errors,
        )
    with transaction.atomic():
        run.save()
    return run.result
