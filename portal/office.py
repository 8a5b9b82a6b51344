"""The back office's home: what the signed-in account can do."""
from flask import Blueprint, render_template
from flask_login import login_required

blueprint = Blueprint("office", __name__, url_prefix="/<lang_code>/office")


@blueprint.get("/")
@login_required
def home():
    return render_template("office/home.html")
