from django.urls import path

from adoptions import kit, views, where

app_name = "adoptions"
# Each part of the reuse loop adds its addresses here.
urlpatterns = [
    path("eksempler/<slug:slug>/vi-har-ogsaa-gjort-det/", views.adoption_add, name="add"),
    path("genbrug/<int:pk>/rediger/", views.adoption_edit, name="edit"),
    path("genbrug/skriv/tjek/", views.writing_check, name="writing_check"),
    path("genbrug/<int:pk>/fil/", views.adoption_attachment, name="attachment"),
    path("konto/genbrug/", views.my_adoptions, name="mine"),
    path("udbredelse/", where.spread_page, name="spread"),
    path("eksempler/<slug:slug>/genbrugspakke.zip", kit.kit_download, name="kit"),
]
