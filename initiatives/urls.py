from django.urls import path

from initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("eksempler/", views.initiative_list, name="list"),
    path("eksempler/indsend/", views.initiative_submit, name="submit"),
    path("eksempler/skriv/tjek/", views.writing_check, name="writing_check"),
    path("eksempler/mine/", views.my_initiatives, name="mine"),
    path("eksempler/<slug:slug>/", views.initiative_detail, name="detail"),
    path("eksempler/<slug:slug>/rediger/", views.initiative_edit, name="edit"),
    path("eksempler/<slug:slug>/send/", views.initiative_send, name="send"),
    path("eksempler/<slug:slug>/filer/<int:pk>/", views.attachment_download, name="attachment"),
]
