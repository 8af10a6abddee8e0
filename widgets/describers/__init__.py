"""Describers: turn a model's state into plain sentences.

They are the text alternative of every chart and the narration a screen reader announces, and they
help everyone else too. Pure functions of model state, so they are easy to test.
"""
