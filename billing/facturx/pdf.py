"""Embed a document's CII XML in its printed PDF: the result is a Factur-X PDF/A-3 (profile EN 16931).

The printed PDF must already be PDF/A-3 (fonts embedded, colour profile): `invoice_pdf.py` draws it so with
fpdf2. The factur-x library attaches the XML as `factur-x.xml` (relationship "Data") and writes the XMP
metadata that declare PDF/A-3 and the Factur-X profile.
"""

from facturx import generate_from_binary

from .cii import cii_xml
from .document import DocumentType, TradeDocument

FACTURX_FILENAME = "factur-x.xml"
TITLES = {DocumentType.INVOICE: ("Facture", "émise"), DocumentType.CREDIT_NOTE: ("Avoir", "émis")}


def facturx_pdf(*, pdf: bytes, document: TradeDocument) -> bytes:
    kind, issued = TITLES[document.type]
    title = f"{kind} {document.number}"
    return generate_from_binary(
        pdf,
        cii_xml(document),  # checked against the XSD here, once
        flavor="factur-x",
        level="en16931",
        check_xsd=False,
        pdf_metadata={
            "author": document.seller.name,
            "title": f"{document.seller.name} : {title}",
            "subject": f"{title} du {document.issued_on:%d/%m/%Y} {issued} par {document.seller.name}",
            "keywords": f"Factur-X, {kind}",
        },
        lang="fr-FR",
    )
