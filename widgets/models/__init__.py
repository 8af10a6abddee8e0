"""Models: plain, standard-library Python that knows nothing of widgets or plots.

A model here must run anywhere, including a browser kernel (Pyodide), be deterministic for a given
seed, and say where each parameter comes from. Simulators of later lessons add one module each.
"""
