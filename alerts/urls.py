"""Following a search, "My searches", and the one-click unsubscribe link of the e-mails."""

from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("soegninger/foelg/", views.follow, name="follow"),
    path("soegninger/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("konto/soegninger/", views.my_searches, name="mine"),
    path("konto/soegninger/<int:pk>/hyppighed/", views.change_frequency, name="frequency"),
    path("konto/soegninger/<int:pk>/slet/", views.delete, name="delete"),
]
