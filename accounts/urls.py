from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/hent/", views.download_data, name="download_data"),
    path("slet/", views.delete_account, name="delete"),
]
