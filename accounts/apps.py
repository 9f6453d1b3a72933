from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from accounts import privacy

        # An example's old contact person must not outlive a change in its history.
        post_create_historical_record.connect(
            privacy.purge_contact_history,
            sender=self.apps.get_model("initiatives", "HistoricalInitiative"),
            dispatch_uid="purge_contact_history",
        )
