from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.home, name="home"),
    path("commencer/", views.start, name="start"),
    path("<id:assessment_id>/etape/<int:number>/", views.step, name="step"),
    path("<id:assessment_id>/resultats/", views.result, name="result"),
    path("<id:assessment_id>/projet/<slug:axis_key>/", views.brief, name="brief"),
]
