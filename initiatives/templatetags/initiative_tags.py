from django import template
from django.utils.safestring import mark_safe

from initiatives import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def example_cards(context, initiatives):
    """The cards of these examples as HTML, kept between requests (initiatives.cards)."""
    # Rendered by the card template, which escapes what people wrote.
    return [mark_safe(card) for card in cards.render(context, initiatives)]  # nosec B308 B703
