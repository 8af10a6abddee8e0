"""Views: ipywidgets compositions that drive a model and show its state (charts as SVG).

Build views from `widgets.ui` (labelled controls, charts with text alternatives, the theme) so
that every simulator is accessible by default.
"""
