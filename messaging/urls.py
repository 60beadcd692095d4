from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:conversation_id>/", views.conversation, name="conversation"),
    path("<id:conversation_id>/nouveaux/", views.poll, name="poll"),
    path("<id:conversation_id>/lu/", views.mark_read, name="mark_read"),
    path("message/<id:message_id>/modifier/", views.edit, name="edit"),
    path("message/<id:message_id>/supprimer/", views.delete, name="delete"),
    path("message/<id:message_id>/signaler/", views.report_message, name="report_message"),
    path("<id:conversation_id>/signaler/", views.report_conversation, name="report_conversation"),
    path("pieces-jointes/<id:attachment_id>/", views.attachment, name="attachment"),
    path("question/prestataire/<id:provider_id>/", views.ask_provider, name="ask_provider"),
    path("<id:conversation_id>/rattacher/", views.attach_project, name="attach_project"),
    path(
        "projet/<id:project_id>/prestataire/<id:provider_id>/", views.project_conversation, name="project_conversation"
    ),
]
