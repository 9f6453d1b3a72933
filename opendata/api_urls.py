"""The read-only API, /api/v1/: one address for every language."""

app_name = "api"
urlpatterns = []
