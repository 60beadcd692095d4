"""Factur-X: the invoice as a PDF/A-3 that people read, carrying the same invoice as CII XML that software reads.

`document.py` describes an invoice or credit note independently of who issues it (the shop today, a provider's
invoice issued on its behalf later), `cii.py` writes its EN 16931 XML with drafthorse, `pdf.py` embeds that XML
in the PDF with the factur-x library, and `shop.py` builds the description from the shop's frozen rows.
"""
