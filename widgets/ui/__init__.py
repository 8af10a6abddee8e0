"""Shared UI pieces: theme colours, labelled controls and charts with text alternatives."""
