"""French identifiers and uploaded files: what is accepted, what is refused, and with which message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.validators import (
    IdentifierError,
    UploadError,
    check_image,
    check_upload,
    clean_rna,
    clean_siren,
    clean_siret,
    luhn_valid,
)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
LINUX_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def image(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), (10, 120, 200)).save(buffer, image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- RNA -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("W751234567", "W751234567"),
        ("w751234567", "W751234567"),
        ("W 751 234 567", "W751234567"),
        ("W75.123.4567", "W751234567"),
        ("W751-234-567", "W751234567"),
        ("  W751234567\u00a0", "W751234567"),
        ("W2A1234567", "W2A1234567"),
        ("W2B1234567", "W2B1234567"),
        ("w2a1234567", "W2A1234567"),
    ],
)
def test_valid_rna_numbers_are_normalised(raw, expected):
    assert clean_rna(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "751234567",  # no W
        "W75123456",  # 8 digits
        "W7512345678",  # 10 digits
        "W2C1234567",  # Corsica is 2A or 2B
        "W2A123456",  # 2A then only 6 digits
        "X751234567",
        "W75123456A",
        "W٧٥١٢٣٤٥٦٧",  # Arabic-Indic digits
        "W７５１２３４５６７",  # full-width digits
    ],
)
def test_invalid_rna_numbers_are_refused(raw):
    with pytest.raises(IdentifierError) as error:
        clean_rna(raw, field="rna")

    assert error.value.field == "rna"
    assert error.value.message == "Un numéro RNA commence par W suivi de 9 chiffres (par exemple W751234567)."


# --- SIREN / SIRET ---------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["732829320", "356000000", "0", "18", "4111111111111111"])
def test_luhn(digits):
    assert luhn_valid(digits)


@pytest.mark.parametrize("digits", ["732829321", "356000001", "1", "4111111111111112"])
def test_luhn_refuses_wrong_keys(digits):
    assert not luhn_valid(digits)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("732829320", "732829320"),
        ("732 829 320", "732829320"),
        ("732.829.320", "732829320"),
        ("732\u202f829\u202f320", "732829320"),  # narrow no-break spaces, as French typography writes them
        ("356000000", "356000000"),
    ],
)
def test_valid_siren(raw, expected):
    assert clean_siren(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("732829321", "Ce numéro SIREN n'est pas valide : vérifiez les chiffres."),
        ("73282932", "Un numéro SIREN compte 9 chiffres."),
        ("7328293200", "Un numéro SIREN compte 9 chiffres."),
        ("", "Un numéro SIREN compte 9 chiffres."),
        ("73282932O", "Un numéro SIREN compte 9 chiffres."),  # letter O, not zero
        ("٧٣٢٨٢٩٣٢٠", "Un numéro SIREN compte 9 chiffres."),  # Arabic-Indic digits of 732829320
        ("７３２８２９３２０", "Un numéro SIREN compte 9 chiffres."),  # full-width digits
    ],
)
def test_invalid_siren(raw, message):
    with pytest.raises(IdentifierError) as error:
        clean_siren(raw)

    assert error.value.field == "siren"
    assert error.value.message == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("73282932000074", "73282932000074"),
        ("732 829 320 00074", "73282932000074"),
        ("732.829.320.00074", "73282932000074"),
        # La Poste's establishments: the sum of the digits is a multiple of 5, not a Luhn key.
        ("35600000049837", "35600000049837"),
        ("356 000 000 00001", "35600000000001"),
    ],
)
def test_valid_siret(raw, expected):
    assert clean_siret(raw) == expected


def test_la_poste_head_office_siret_is_valid():
    assert clean_siret("35600000000048") == "35600000000048"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("73282932000079", "Ce numéro SIRET n'est pas valide : vérifiez les chiffres."),
        ("35600000000002", "Ce numéro SIRET n'est pas valide : vérifiez les chiffres."),  # La Poste, digit sum 16
        ("7328293200007", "Un numéro SIRET compte 14 chiffres."),
        ("", "Un numéro SIRET compte 14 chiffres."),
        ("7328293200007a", "Un numéro SIRET compte 14 chiffres."),
        ("٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "Un numéro SIRET compte 14 chiffres."),
    ],
)
def test_invalid_siret(raw, message):
    with pytest.raises(IdentifierError) as error:
        clean_siret(raw, field="company_siret")

    assert error.value.field == "company_siret"
    assert error.value.message == message


def test_a_siret_needs_a_valid_siren_as_well_as_a_valid_key():
    # Luhn-valid as 14 digits, while its SIREN 100000000 is not.
    assert luhn_valid("10000000000008")
    with pytest.raises(IdentifierError):
        clean_siret("10000000000008")


# --- uploads ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("statuts.pdf", PDF, "application/pdf"),
        ("STATUTS.PDF", PDF, "application/pdf"),
        ("scan.png", image("PNG"), "image/png"),
        ("photo.jpg", image("JPEG"), "image/jpeg"),
        ("photo.jpeg", image("JPEG"), "image/jpeg"),
    ],
)
def test_valid_files_are_accepted_with_their_real_type(name, content, expected):
    file = upload(name, content)

    assert check_upload(file, field="documents") == expected
    # The check leaves the file where storage expects it: at the start.
    assert file.read() == content


@pytest.mark.parametrize("file", [None, upload("vide.pdf", b"")], ids=["missing", "empty"])
def test_empty_files_are_refused(file):
    with pytest.raises(UploadError) as error:
        check_upload(file, field="documents")

    assert error.value.message == "Le fichier est vide."
    assert error.value.field == "documents"


def test_files_over_the_limit_are_refused(settings):
    settings.MAX_DOCUMENT_BYTES = 1024 * 1024
    big = upload("gros.pdf", PDF + b"\0" * (1024 * 1024))

    with pytest.raises(UploadError) as error:
        check_upload(big, field="documents")

    assert error.value.message == "Le fichier dépasse 1 Mo."
    assert check_upload(upload("petit.pdf", PDF), field="documents") == "application/pdf"


def test_the_limit_can_be_set_per_call():
    with pytest.raises(UploadError, match="dépasse"):
        check_upload(upload("statuts.pdf", PDF), field="documents", max_bytes=10)


@pytest.mark.parametrize("name", ["statuts.docx", "statuts", "statuts.pdf.exe", "statuts.gif", ".pdf.html"])
def test_other_extensions_are_refused(name):
    with pytest.raises(UploadError) as error:
        check_upload(upload(name, PDF), field="documents")

    assert error.value.message == "Formats acceptés : JPEG, JPG, PDF, PNG."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statuts.pdf", image("PNG")),
        ("statuts.pdf", WINDOWS_EXECUTABLE),
        ("statuts.pdf", LINUX_EXECUTABLE),
        ("statuts.pdf", b"<html><script>alert(1)</script></html>"),
        ("scan.png", PDF),
        ("photo.jpg", image("PNG")),
    ],
)
def test_content_must_match_the_extension(name, content):
    with pytest.raises(UploadError) as error:
        check_upload(upload(name, content), field="documents")

    extension = name.rsplit(".", 1)[1].upper()
    assert error.value.message == f"Le contenu de « {name} » ne correspond pas à un fichier {extension}."


def test_images_only_where_images_are_expected():
    with pytest.raises(UploadError) as error:
        check_image(upload("logo.pdf", PDF), field="logo")

    assert error.value.message == "Formats acceptés : JPEG, JPG, PNG."
    assert check_image(upload("logo.png", image("PNG")), field="logo") == "image/png"


def test_an_image_that_does_not_decode_is_refused():
    truncated = image("PNG")[:20]

    with pytest.raises(UploadError) as error:
        check_image(upload("logo.png", truncated), field="logo")

    assert error.value.message == "Cette image est illisible ou abîmée."
