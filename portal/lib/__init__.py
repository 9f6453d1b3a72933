"""Helpers that models and views use. Nothing here imports an app of the project,
so the dependencies run one way: portal.lib <- partnerships <- initiatives <- site."""
