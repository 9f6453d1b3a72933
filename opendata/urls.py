"""Exports, feeds and the catalogue record, in every language (English under /en/)."""



app_name = "opendata"
urlpatterns = []
