"""The licence the portal's content is shared under, named the same way everywhere."""

NAME = "CC BY 4.0"
URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "Gode eksempler"
