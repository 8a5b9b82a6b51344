"""Uploads in an S3-compatible store (several web nodes share it); moto plays the store."""
import boto3
import pytest
import sqlalchemy as sa
from moto import mock_aws

from portal.extensions import db
from procedures.requests.models import Request
from tests.filing import PDF, file_request


@pytest.fixture
def bucket(app, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="masatir-uploads")
        monkeypatch.setitem(app.config, "UPLOAD_S3_BUCKET", "masatir-uploads")
        yield s3


def test_a_filed_request_keeps_its_files_in_the_bucket(app, office, bucket):
    number = file_request(app, app.test_client())
    keys = sorted(item["Key"] for item in bucket.list_objects_v2(Bucket="masatir-uploads")["Contents"])
    with app.app_context():
        request = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert keys == sorted(upload.key for upload in request.uploads)  # nothing left in staging
        first = next(upload for upload in request.uploads if upload.filename.endswith(".pdf"))
    assert bucket.get_object(Bucket="masatir-uploads", Key=first.key)["Body"].read() == PDF
