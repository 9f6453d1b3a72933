"""Following a search, and "Mine søgninger"."""

app_name = "alerts"
urlpatterns = []
