"""Projects: the association's needs, their pages, the providers' quotes, the lifecycle and reviews."""

from django.urls import path

from .. import converters  # noqa: F401  (the `id` path converter)
from ..views import projects

app_name = "projects"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("nouveau/", projects.new, name="new"),
    path("<id:project_id>/", projects.detail, name="detail"),
    path("<id:project_id>/modifier/", projects.edit, name="edit"),
    path("<id:project_id>/publier/", projects.publish, name="publish"),
    path("<id:project_id>/annuler/", projects.cancel, name="cancel"),
    path("<id:project_id>/invitation/decliner/", projects.invitation_decline_view, name="invitation_decline"),
    path("<id:project_id>/demarrer/", projects.start, name="start"),
    path("<id:project_id>/livrer/", projects.deliver, name="deliver"),
    path("<id:project_id>/terminer/", projects.close, name="close"),
    path("<id:project_id>/avis/", projects.review, name="review"),
    path("avis/<id:review_id>/reponse/", projects.review_respond_view, name="review_respond"),
    path("<id:project_id>/devis/", projects.proposal_new, name="proposal_new"),
    path("devis/<id:proposal_id>/", projects.proposal_detail, name="proposal"),
    path("devis/<id:proposal_id>/modifier/", projects.proposal_edit, name="proposal_edit"),
    path("devis/<id:proposal_id>/retirer/", projects.proposal_withdraw_view, name="proposal_withdraw"),
    path("devis/<id:proposal_id>/preselection/", projects.proposal_shortlist_view, name="proposal_shortlist"),
    path("devis/<id:proposal_id>/decliner/", projects.proposal_decline_view, name="proposal_decline"),
    path("devis/<id:proposal_id>/accepter/", projects.proposal_accept_view, name="proposal_accept"),
    path("pieces-jointes/<id:attachment_id>/", projects.attachment, name="attachment"),
    path("devis/pieces-jointes/<id:attachment_id>/", projects.proposal_attachment, name="proposal_attachment"),
]
