from django.urls import path

from initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("eksempler/", views.initiative_list, name="list"),
    path("eksempler/<slug:slug>/", views.initiative_detail, name="detail"),
]
