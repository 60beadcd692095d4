"""What an invoice or a credit note says, whoever issues it: the input of the Factur-X builder.

Amounts are integer cents as stored on our rows; the builder never recomputes them, it only checks that they
add up, so the XML says to the cent what the database and the printed PDF say. Nothing here knows the shop's
models: a provider's invoice issued by the platform on its behalf (its own seller, its own numbering) fills in
the same description.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DocumentMismatch(ValueError):
    """The description does not add up (lines against totals, VAT per rate, an exempt line without its reason)."""


class DocumentType(StrEnum):
    """UNTDID 1001 codes: what the document is (BT-3)."""

    INVOICE = "380"
    CREDIT_NOTE = "381"


class VatCategory(StrEnum):
    """UNTDID 5305 codes for French VAT: a taxed line, or one exempt (training, franchise en base...)."""

    STANDARD = "S"
    EXEMPT = "E"


class PaymentMeansCode(StrEnum):
    """UNTDID 4461 codes (BT-81)."""

    CREDIT_TRANSFER = "30"
    BANK_CARD = "48"
    SEPA_CREDIT_TRANSFER = "58"


class NoteSubject(StrEnum):
    """UNTDID 4451 subjects of a document note (BT-21)."""

    GENERAL = "AAI"
    REGULATORY = "REG"


@dataclass(frozen=True)
class PostalAddress:
    line_one: str
    postcode: str
    city: str
    country_code: str = "FR"


POSTCODE_CITY = re.compile(r"^(?P<postcode>\d{5})\s+(?P<city>\S.*)$")


def postal_address(text: str, *, country_code: str = "FR") -> PostalAddress:
    """A French address written on one line ("12 rue X, 69002 Lyon, France") split into its parts.

    The part that starts with a five-digit postcode gives postcode and city; what comes before is the street.
    An address without a postcode stays whole in the first line.
    """
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    if parts and parts[-1].casefold() == "france":
        parts.pop()
    for index in range(len(parts) - 1, -1, -1):
        match = POSTCODE_CITY.match(parts[index])
        if match:
            street = ", ".join(parts[:index] + parts[index + 1 :])
            return PostalAddress(street, match["postcode"], match["city"], country_code)
    return PostalAddress(", ".join(parts), "", "", country_code)


@dataclass(frozen=True)
class Party:
    """A seller or a buyer as the document names it.

    `siret` (the establishment) gives the SIREN (the legal entity) when `siren` is empty; an association with
    neither is identified by its RNA number. `legal_info` is the seller's legal form, capital and registry
    (BT-33). `tax_registration_id` is a seller's tax number other than a VAT number (BT-32), for a seller
    exempt from VAT that has none.
    """

    name: str
    address: PostalAddress
    siret: str = ""
    siren: str = ""
    rna: str = ""
    vat_number: str = ""
    tax_registration_id: str = ""
    email: str = ""
    legal_info: str = ""

    @property
    def legal_id(self) -> str:
        return self.siren or self.siret[:9]


@dataclass(frozen=True)
class VatExemption:
    """Why a line bears no VAT: the mention printed on the invoice (BT-120) and its VATEX code (BT-121)."""

    reason: str
    code: str


@dataclass(frozen=True)
class Line:
    position: int
    description: str
    quantity: int
    unit_price_ht_cents: int
    vat_rate_bp: int
    total_ht_cents: int
    vat_cents: int

    @property
    def vat_category(self) -> VatCategory:
        return VatCategory.EXEMPT if self.vat_rate_bp == 0 else VatCategory.STANDARD


@dataclass(frozen=True)
class VatSubtotal:
    """The VAT of one rate, as the document states it (the sum of its lines' VAT, as we computed it per line)."""

    rate_bp: int
    base_ht_cents: int
    vat_cents: int

    @property
    def vat_category(self) -> VatCategory:
        return VatCategory.EXEMPT if self.rate_bp == 0 else VatCategory.STANDARD


@dataclass(frozen=True)
class PaymentMeans:
    code: PaymentMeansCode
    label: str = ""
    iban: str = ""


@dataclass(frozen=True)
class DocumentReference:
    """Another document by its number and issue date: the invoice a credit note corrects (BG-3)."""

    number: str
    issued_on: date


@dataclass(frozen=True)
class Note:
    text: str
    subject: NoteSubject = NoteSubject.GENERAL


@dataclass(frozen=True)
class TradeDocument:
    """An invoice or a credit note, complete: parties, lines, VAT per rate, totals and how it was paid.

    `paid_cents` is what was already settled when it was issued (an invoice of a paid order, a credit note of a
    refund already made): the amount still due is the rest. Credit-note amounts are positive, as on our rows.
    """

    type: DocumentType
    number: str
    issued_on: date
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    vat_breakdown: tuple[VatSubtotal, ...]
    total_ht_cents: int
    total_vat_cents: int
    total_ttc_cents: int
    paid_cents: int = 0
    currency: str = "EUR"
    vat_exemption: VatExemption | None = None
    payment_means: PaymentMeans | None = None
    payment_terms: str = ""
    order_reference: str = ""
    delivered_on: date | None = None
    preceding_invoice: DocumentReference | None = None
    notes: tuple[Note, ...] = field(default=())

    def __post_init__(self):
        self._check()

    @property
    def due_cents(self) -> int:
        return self.total_ttc_cents - self.paid_cents

    @property
    def is_exempt_anywhere(self) -> bool:
        return any(subtotal.vat_category == VatCategory.EXEMPT for subtotal in self.vat_breakdown)

    def _check(self) -> None:
        if not self.lines:
            raise DocumentMismatch(f"{self.number}: a document has at least one line")
        if sum(line.total_ht_cents for line in self.lines) != self.total_ht_cents:
            raise DocumentMismatch(f"{self.number}: the lines do not add up to the total excluding VAT")
        if self.total_ht_cents + self.total_vat_cents != self.total_ttc_cents:
            raise DocumentMismatch(f"{self.number}: total excluding VAT plus VAT is not the total including VAT")
        if sum(subtotal.vat_cents for subtotal in self.vat_breakdown) != self.total_vat_cents:
            raise DocumentMismatch(f"{self.number}: the VAT per rate does not add up to the total VAT")
        rates = {subtotal.rate_bp: subtotal for subtotal in self.vat_breakdown}
        if len(rates) != len(self.vat_breakdown) or set(rates) != {line.vat_rate_bp for line in self.lines}:
            raise DocumentMismatch(f"{self.number}: one VAT subtotal per rate used by the lines is needed")
        for rate, subtotal in rates.items():
            lines = [line for line in self.lines if line.vat_rate_bp == rate]
            if sum(line.total_ht_cents for line in lines) != subtotal.base_ht_cents:
                raise DocumentMismatch(f"{self.number}: the base of the VAT at {rate} bp is not its lines' total")
            if sum(line.vat_cents for line in lines) != subtotal.vat_cents:
                raise DocumentMismatch(f"{self.number}: the VAT at {rate} bp is not its lines' VAT")
            if subtotal.vat_category == VatCategory.EXEMPT and subtotal.vat_cents:
                raise DocumentMismatch(f"{self.number}: an exempt line bears no VAT")
        if self.is_exempt_anywhere and self.vat_exemption is None:
            raise DocumentMismatch(f"{self.number}: a line without VAT needs the reason of its exemption")
        if self.type == DocumentType.CREDIT_NOTE and self.preceding_invoice is None:
            raise DocumentMismatch(f"{self.number}: a credit note names the invoice it corrects")
        if not 0 <= self.paid_cents <= self.total_ttc_cents:
            raise DocumentMismatch(f"{self.number}: what was paid is between nothing and the total")
