"""The ceiling for bench/load.py: Flask's "hello world", served by the same gunicorn settings.

    gunicorn -c gunicorn.conf.py bench.hello:app
"""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
