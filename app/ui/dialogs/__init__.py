"""Dialogs. Each saves through a callback and, when the service refuses, shows the reason in
itself and stays open (nothing was written)."""
