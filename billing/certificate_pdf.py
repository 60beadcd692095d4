"""A training certificate as a PDF (fpdf2), drawn from the participant's session; only who attended gets one."""

from django.utils import timezone
from fpdf import FPDF

from . import conf
from .invoice_pdf import _latin1
from .models.trainings import Participant


def _hours(hours: float) -> str:
    return f"{hours:g}".replace(".", ",") + " h"


def certificate_pdf(participant: Participant) -> bytes:
    registration = participant.registration
    session = registration.session
    seller = conf.billing_seller()
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    dates = (
        f"le {starts:%d/%m/%Y}, de {starts:%H:%M} à {ends:%H:%M}"
        if starts.date() == ends.date()
        else f"du {starts:%d/%m/%Y %H:%M} au {ends:%d/%m/%Y %H:%M}"
    )
    where = "en ligne" if session.is_online else session.address

    pdf = FPDF(format="A4", orientation="landscape")
    pdf.set_auto_page_break(auto=False)
    pdf.set_title(participant.certificate_number)
    pdf.set_creator("Passerelle")
    pdf.add_page()
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    def line(text, size=12, style="", height=8):
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, height, _latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(28)
    line("Attestation de formation", size=26, style="B", height=14)
    pdf.ln(6)
    line(f"{seller.get('name')} atteste que")
    pdf.ln(2)
    line(participant.full_name, size=20, style="B", height=12)
    line(f"de l'organisation {registration.organisation.name}")
    pdf.ln(4)
    line("a suivi la formation")
    line(session.product.name, size=15, style="B", height=9)
    line(f"{dates} ({_hours(session.duration_hours)}), {where}")
    line(f"animée par {session.trainer}")
    pdf.ln(10)
    line(f"Attestation n° {participant.certificate_number}", size=10, height=6)
    line(f"Délivrée le {timezone.localtime():%d/%m/%Y}", size=10, height=6)
    pdf.set_y(-28)
    line(f"{seller.get('name')} - SIRET {seller.get('siret')} - {seller.get('address')}", size=8, height=5)
    return bytes(pdf.output())
