"""Where uploaded files are kept: a folder outside the web root (``UPLOAD_DIR``), or an
S3-compatible object store when ``UPLOAD_S3_BUCKET`` is set (several web nodes).

Both offer the same operations (put, get, exists, link, delete_tree). Writes are atomic (a temporary file renamed into
place; an S3 object appears whole or not at all), so a crash never leaves a
half-written file under a key that a request points to. Identical posts of one form run at once
share a staging folder: a file another one already cleared is ``Missing`` (reading, linking), and
clearing what is already gone is not an error.
"""
import contextlib
import os
import tempfile
from pathlib import Path


class Missing(FileNotFoundError):
    """The key is not (or no longer) in the store."""


class LocalStorage:
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key outside the storage folder: {key!r}")
        return path

    def put(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(out.name, path)
        except FileNotFoundError as error:  # the folder was cleared meanwhile (an identical post was filed)
            raise Missing(key) from error

    def get(self, key):
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as error:
            raise Missing(key) from error

    def exists(self, key):
        return self._path(key).exists()

    def link(self, source, target):
        """``target`` becomes a second name of ``source``, atomically; ``source`` stays until deleted."""
        path = self._path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self._path(source), path)
        except FileExistsError:  # another attempt of the same submission got there first
            pass
        except FileNotFoundError as error:
            raise Missing(source) from error

    def listing(self, prefix):
        """``(key, size in bytes, modified as a POSIX time)`` of every file under ``prefix``."""
        # os.walk, not Path.rglob: a folder cleared meanwhile (the winner of a double tap clears its
        # staging while the others count the staging use) is skipped by os.walk, rglob raises.
        found = []
        for folder, _subfolders, names in os.walk(self._path(prefix)):
            for name in names:
                path = Path(folder) / name
                with contextlib.suppress(FileNotFoundError):  # cleared meanwhile
                    stat = path.stat()
                    found.append((path.relative_to(self.root).as_posix(), stat.st_size, stat.st_mtime))
        return found

    def delete_tree(self, prefix):
        folder = self._path(prefix)
        with contextlib.suppress(FileNotFoundError):
            for item in folder.iterdir():
                item.unlink(missing_ok=True)
        # Not empty: an identical post is staging meanwhile; the staging sweep takes it later.
        with contextlib.suppress(FileNotFoundError, OSError):
            folder.rmdir()


class S3Storage:
    """An S3-compatible bucket (AWS, MinIO, Ceph…), through boto3; credentials from the usual
    AWS_* environment variables, ``UPLOAD_S3_ENDPOINT_URL`` for a store other than AWS."""

    def __init__(self, bucket, endpoint_url=None, prefix=""):
        import boto3

        self.bucket, self.prefix = bucket, prefix
        self.client = boto3.client("s3", endpoint_url=endpoint_url)

    def _key(self, key):
        if ".." in key.split("/"):
            raise ValueError(f"storage key outside the storage folder: {key!r}")
        return self.prefix + key

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey as error:
            raise Missing(key) from error

    def exists(self, key):
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError:
            return False
        return True

    def link(self, source, target):
        from botocore.exceptions import ClientError

        try:
            self.client.copy_object(Bucket=self.bucket, Key=self._key(target),
                                    CopySource={"Bucket": self.bucket, "Key": self._key(source)})
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise Missing(source) from error
            raise

    def listing(self, prefix):
        found = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                          Prefix=self._key(prefix) + "/"):
            found += [(item["Key"].removeprefix(self.prefix), item["Size"], item["LastModified"].timestamp())
                      for item in page.get("Contents", [])]
        return found

    def delete_tree(self, prefix):
        listed = self.client.list_objects_v2(Bucket=self.bucket, Prefix=self._key(prefix) + "/")
        keys = [{"Key": item["Key"]} for item in listed.get("Contents", [])]
        if keys:
            self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys})


def from_config(config):
    if config.get("UPLOAD_S3_BUCKET"):
        return S3Storage(config["UPLOAD_S3_BUCKET"], config.get("UPLOAD_S3_ENDPOINT_URL"),
                         config.get("UPLOAD_S3_PREFIX", ""))
    return LocalStorage(config["UPLOAD_DIR"])
