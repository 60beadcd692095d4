"""An invoice or a credit note as a Factur-X PDF, drawn with fpdf2 (pure Python) from the frozen rows only.

The page is PDF/A-3: its font is embedded (Liberation Sans, shipped in `billing/fonts/`, which has the metrics
of Helvetica, so the layout is the one the core font gave), and the same document as EN 16931 XML is attached
to it (`billing/facturx/`). Texts stay within Latin-1 as with the core font: amounts are written "1 234,50 EUR".
"""

from pathlib import Path

from django.utils import timezone, translation
from fpdf import FPDF

from marketplace.money import format_money

from .facturx.pdf import facturx_pdf
from .facturx.shop import credit_note_document, invoice_document, vat_exemption
from .models import CreditNote, Invoice, PaymentMethod

FONT = "LiberationSans"
FONT_FILES = {"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf"}
FONTS_DIR = Path(__file__).resolve().parent / "fonts"


def money(cents: int) -> str:
    """Invoices are French documents whoever downloads them, written in Latin-1: "1 234,50 EUR"."""
    return _latin1(format_money(cents, decimals=2, language="fr"))


def rate(bp: int) -> str:
    whole, rest = divmod(int(bp), 100)
    return f"{whole} %" if not rest else f"{whole},{rest:02d}".rstrip("0") + " %"


def _latin1(text) -> str:
    text = str(text or "").replace("\u202f", " ").replace("\u00a0", " ").replace("€", "EUR")
    text = text.replace("\u2019", "'").replace("\u2014", "-").replace("\u2013", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


class _InvoicePDF(FPDF):
    """Shared by invoices and credit notes: both carry number, seller, buyer, lines, VAT per rate and totals."""

    def __init__(self, invoice: Invoice | CreditNote):
        super().__init__(format="A4", enforce_compliance="PDFA_3B")
        for style, filename in FONT_FILES.items():
            self.add_font(FONT, style, str(FONTS_DIR / filename))
        self.invoice = invoice
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(invoice.number)
        self.set_creator("Passerelle")

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, size=7)
        seller = self.invoice.seller
        self.cell(
            0,
            4,
            _latin1(
                f"{seller.get('name')} - {seller.get('legal_form')} - SIRET {seller.get('siret')} - "
                f"{seller.get('rcs')} - TVA {seller.get('vat_number')} - page {self.page_no()}"
            ),
            align="C",
        )

    def text_line(self, text, size=9, style="", height=4.5):
        self.set_font(FONT, style=style, size=size)
        self.multi_cell(0, height, _latin1(text), new_x="LMARGIN", new_y="NEXT")


def _identities(pdf: _InvoicePDF, invoice: Invoice) -> None:
    seller, buyer = invoice.seller, invoice.buyer
    top = pdf.get_y()
    pdf.set_font(FONT, style="B", size=9)
    pdf.cell(90, 5, "Vendeur", new_x="LMARGIN", new_y="NEXT")
    for text in (
        seller.get("name"),
        seller.get("legal_form"),
        seller.get("address"),
        f"SIRET {seller.get('siret')} - {seller.get('rcs')}",
        f"N° TVA intracommunautaire : {seller.get('vat_number')}",
        seller.get("email"),
    ):
        pdf.set_font(FONT, size=9)
        pdf.cell(90, 4.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(110, top)
    pdf.set_font(FONT, style="B", size=9)
    pdf.cell(90, 5, "Client", new_x="LEFT", new_y="NEXT")
    details = [buyer.get("name"), buyer.get("legal_form"), buyer.get("address")]
    if buyer.get("siret"):
        details.append(f"SIRET {buyer['siret']}")
    elif buyer.get("siren"):
        details.append(f"SIREN {buyer['siren']}")
    if buyer.get("rna"):
        details.append(f"RNA {buyer['rna']}")
    for text in filter(None, details):
        pdf.set_font(FONT, size=9)
        pdf.set_x(110)
        pdf.multi_cell(90, 4.5, _latin1(text), new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.get_y()) + 6)


COLUMNS = (
    ("Désignation", 78, "L"),
    ("Qté", 12, "R"),
    ("PU HT", 28, "R"),
    ("TVA", 16, "R"),
    ("Total HT", 28, "R"),
    ("Total TTC", 28, "R"),
)


def _lines(pdf: _InvoicePDF, invoice: Invoice) -> None:
    pdf.set_font(FONT, style="B", size=8.5)
    for title, width, align in COLUMNS:
        pdf.cell(width, 6, _latin1(title), border="B", align=align)
    pdf.ln()
    pdf.set_font(FONT, size=8.5)
    for line in invoice.lines.all():
        # The designation wraps in its column (never cut: it is a legal mention); the amounts sit on its first row.
        top = pdf.get_y()
        width = COLUMNS[0][1]
        pdf.multi_cell(width, 5, _latin1(line.description), new_x="RIGHT", new_y="TOP")
        lines_used = len(pdf.multi_cell(width, 5, _latin1(line.description), dry_run=True, output="LINES"))
        bottom = top + 5 * lines_used
        pdf.set_xy(pdf.l_margin + width, top)
        values = (
            str(line.quantity),
            money(line.unit_price_ht_cents),
            rate(line.vat_rate_bp),
            money(line.total_ht_cents),
            money(line.total_ttc_cents),
        )
        for (_title, col_width, align), value in zip(COLUMNS[1:], values, strict=True):
            pdf.cell(col_width, 5, _latin1(value), align=align)
        pdf.set_xy(pdf.l_margin, max(bottom, top + 5) + 1)
    pdf.ln(3)
    for vat in invoice.vat_breakdown:
        pdf.cell(134, 5, _latin1(f"TVA {rate(vat['rate_bp'])} sur {money(vat['base_ht_cents'])}"), align="R")
        pdf.cell(56, 5, _latin1(money(vat["vat_cents"])), align="R", new_x="LMARGIN", new_y="NEXT")
    for label, cents, style in (
        ("Total HT", invoice.total_ht_cents, ""),
        ("Total TVA", invoice.total_vat_cents, ""),
        ("Total TTC", invoice.total_ttc_cents, "B"),
    ):
        pdf.set_font(FONT, style=style, size=9)
        pdf.cell(134, 5, _latin1(label), align="R")
        pdf.cell(56, 5, _latin1(money(cents)), align="R", new_x="LMARGIN", new_y="NEXT")


def _vat_exemption(pdf: _InvoicePDF, invoice: Invoice | CreditNote) -> None:
    """The legal mention of lines sold without VAT (CGI art. 242 nonies A), the one the XML carries too."""
    if any(vat["rate_bp"] == 0 for vat in invoice.vat_breakdown):
        pdf.ln(2)
        pdf.text_line(f"TVA à 0 % : {vat_exemption(invoice.seller).reason}", size=8)


def invoice_pdf(invoice: Invoice) -> bytes:
    """Written in French whoever downloads it, like the invoice itself: a French legal document."""
    with translation.override("fr"):
        return facturx_pdf(pdf=_invoice_page(invoice), document=invoice_document(invoice))


def credit_note_pdf(note: CreditNote) -> bytes:
    with translation.override("fr"):
        return facturx_pdf(pdf=_credit_note_page(note), document=credit_note_document(note))


def _invoice_page(invoice: Invoice) -> bytes:
    pdf = _InvoicePDF(invoice)
    pdf.add_page()
    pdf.text_line(f"Facture {invoice.number}", size=16, style="B", height=8)
    issued = timezone.localtime(invoice.issued_at)
    pdf.text_line(f"Date d'émission : {issued:%d/%m/%Y}    Date de la vente : {invoice.sale_date:%d/%m/%Y}")
    pdf.text_line(f"Commande : {invoice.order.number}    Catégorie de l'opération : {invoice.operation_category}")
    pdf.ln(4)
    _identities(pdf, invoice)
    _lines(pdf, invoice)
    _vat_exemption(pdf, invoice)
    pdf.ln(6)
    pdf.text_line(f"Moyen de paiement : {PaymentMethod(invoice.payment_method).label}", style="B")
    pdf.text_line(invoice.payment_terms, size=8)
    return bytes(pdf.output())


def _credit_note_page(note: CreditNote) -> bytes:
    """The avoir: same identities and mentions as the invoice, referencing it, amounts given back."""
    pdf = _InvoicePDF(note)
    pdf.add_page()
    pdf.text_line(f"Avoir {note.number}", size=16, style="B", height=8)
    issued = timezone.localtime(note.issued_at)
    invoice_issued = timezone.localtime(note.invoice.issued_at)
    pdf.text_line(f"Date d'émission : {issued:%d/%m/%Y}")
    pdf.text_line(
        f"Avoir sur la facture {note.invoice.number} du {invoice_issued:%d/%m/%Y} - Commande : {note.order.number}",
        style="B",
    )
    pdf.text_line(f"Motif : {note.reason}")
    pdf.ln(4)
    _identities(pdf, note)
    _lines(pdf, note)
    _vat_exemption(pdf, note)
    pdf.ln(6)
    pdf.text_line(f"Moyen de remboursement : {PaymentMethod(note.payment_method).label}", style="B")
    pdf.text_line(note.refund_terms, size=8)
    pdf.text_line("Montants à déduire de la facture d'origine.", size=8)
    return bytes(pdf.output())
