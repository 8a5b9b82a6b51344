"""The WSGI entry point: ``gunicorn wsgi:app``."""
import gc

from portal import create_app

app = create_app()
# What start-up made (the app, its compiled templates, translations, mappers) lives as long as the worker:
# out of the garbage collector's way, so that its collections, frequent on a busy worker, stop walking it.
gc.freeze()
