import logging

from allauth.account.adapter import DefaultAccountAdapter

from portal.lib.mailqueue import as_dict, deliver

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its e-mails (sign-up, password reset) sent by the task worker.

    Rendered here, in the request's language; sent in the background, so a
    mail server that is down never fails a sign-up.
    """

    def send_mail(self, template_prefix, email, context):
        message = as_dict(self.render_mail(template_prefix, email, context))
        try:
            deliver.enqueue(message)
        except Exception:  # a queue that cannot be reached must not fail the request either
            logger.exception("Could not queue the e-mail %r", message["subject"])
