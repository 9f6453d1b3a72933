from django.urls import path

from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("partnerskaber/", views.partnership_list, name="list"),
    path("partnerskaber/<slug:slug>/", views.partnership_detail, name="detail"),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
