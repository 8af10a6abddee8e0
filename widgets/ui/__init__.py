"""Shared user-interface pieces: theme colours, labelled controls and charts with text alternatives."""
