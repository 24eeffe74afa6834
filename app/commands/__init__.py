"""Headless commands of ``main.py``: each module adds its sub-commands with ``register``.

Nothing here imports Qt; heavy libraries are imported inside the command that needs them.
"""
