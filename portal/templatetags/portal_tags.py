from django import template

register = template.Library()


@register.simple_tag
def page_numbers(page):
    """Page numbers to show around `page`, with `Paginator.ELLIPSIS` for the gaps.

    One or two pages at each end and two on each side of the current page, so the
    bar stays short on a phone however long the list is.
    """
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
