"""Checks of French identifiers and of uploaded files, with messages a volunteer understands.

Each check raises a DomainError naming the field, so services can use them as
they are and forms or the API show the message next to the right input.
"""

import re
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import conf
from .errors import DomainError

_RNA_RE = re.compile(r"W(?:[0-9]{9}|2[AB][0-9]{7})", re.ASCII)
_DIGITS_RE = re.compile(r"[0-9]+", re.ASCII)
# La Poste's establishments share this SIREN; their SIRETs follow a different key (sum of digits).
_LA_POSTE_SIREN = "356000000"


class IdentifierError(DomainError):
    pass


class UploadError(DomainError):
    pass


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def luhn_valid(digits: str) -> bool:
    """The Luhn key used by SIREN and SIRET: doubling every second digit from the right."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def clean_rna(value: str, *, field: str = "rna_number") -> str:
    rna = _compact(value).upper()
    if not _RNA_RE.fullmatch(rna):
        raise IdentifierError(
            _("Un numéro RNA commence par W suivi de 9 chiffres (par exemple W751234567)."), field=field
        )
    return rna


def clean_siren(value: str, *, field: str = "siren") -> str:
    siren = _compact(value)
    if not (_DIGITS_RE.fullmatch(siren) and len(siren) == 9):
        raise IdentifierError(_("Un numéro SIREN compte 9 chiffres."), field=field)
    if not luhn_valid(siren):
        raise IdentifierError(_("Ce numéro SIREN n'est pas valide : vérifiez les chiffres."), field=field)
    return siren


def clean_siret(value: str, *, field: str = "siret") -> str:
    siret = _compact(value)
    if not (_DIGITS_RE.fullmatch(siret) and len(siret) == 14):
        raise IdentifierError(_("Un numéro SIRET compte 14 chiffres."), field=field)
    valid = luhn_valid(siret) and luhn_valid(siret[:9])
    if not valid and siret.startswith(_LA_POSTE_SIREN):
        # La Poste's establishments (but not its head office, which is Luhn-valid) use a digit-sum key.
        valid = sum(int(c) for c in siret) % 5 == 0
    if not valid:
        raise IdentifierError(_("Ce numéro SIRET n'est pas valide : vérifiez les chiffres."), field=field)
    return siret


# What a file must start with to be what it says it is.
_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def _sniff(head: bytes) -> str | None:
    for content_type, signatures in _SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def readable_size(size: int) -> str:
    """10485760 -> "10 Mo", 1572864 -> "1,5 Mo", 512000 -> "500 Ko": the units people read on their files."""
    mebibyte = 1024 * 1024
    if size >= mebibyte:
        places = 0 if size % mebibyte == 0 else 1
        return _("%(n)s Mo") % {"n": number_format(size / mebibyte, places)}
    return _("%(n)s Ko") % {"n": number_format(max(size // 1024, 1), 0)}


def check_upload(upload, *, field: str, max_bytes: int | None = None, allowed: tuple[str, ...] = ()) -> str:
    """The real content type of an uploaded file, or an error if it is empty, too big or not what it claims.

    The name's extension and the first bytes must agree: a `.pdf` that is an
    executable, or a PNG renamed `.pdf`, is refused.
    """
    allowed = allowed or tuple(_SIGNATURES)
    max_bytes = max_bytes or conf.max_document_bytes()
    if upload is None or not upload.size:
        raise UploadError(_("Le fichier est vide."), field=field)
    if upload.size > max_bytes:
        raise UploadError(_("Le fichier dépasse %(max)s.") % {"max": readable_size(max_bytes)}, field=field)
    claimed = _EXTENSIONS.get(Path(upload.name or "").suffix.lower())
    upload.seek(0)
    actual = _sniff(upload.read(16))
    upload.seek(0)
    readable = ", ".join(sorted({ext.lstrip(".").upper() for ext, ct in _EXTENSIONS.items() if ct in allowed}))
    if claimed not in allowed:
        raise UploadError(_("Formats acceptés : %(formats)s.") % {"formats": readable}, field=field)
    if actual != claimed:
        raise UploadError(
            _("Le contenu de « %(name)s » ne correspond pas à un fichier %(ext)s.")
            % {"name": Path(upload.name).name, "ext": Path(upload.name).suffix.lstrip(".").upper()},
            field=field,
        )
    return actual


def check_image(upload, *, field: str) -> str:
    """A logo or portfolio image: PNG or JPEG, at most MAX_IMAGE_BYTES, and decodable."""
    content_type = check_upload(
        upload, field=field, max_bytes=conf.max_image_bytes(), allowed=("image/png", "image/jpeg")
    )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise UploadError(_("Cette image est illisible ou abîmée."), field=field) from exc
    finally:
        upload.seek(0)
    return content_type
