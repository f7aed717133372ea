"""One filesystem layer for dumps and warehouses: local paths and ``s3://bucket/prefix`` URLs.

Object storage is reached through fsspec (``s3fs``).  Credentials, region and endpoint come
from the standard AWS environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_DEFAULT_REGION``, ``AWS_ENDPOINT_URL``), so MinIO, Ceph or R2 work as well as AWS.
Listings are never cached: the commit protocol must see another run's new manifest version.
"""

from __future__ import annotations

import os
from typing import Any

REMOTE_SCHEMES = ("s3://", "s3a://")


def is_remote(location: str | os.PathLike[str]) -> bool:
    """True for an object-storage URL (``s3://bucket/prefix``), False for a local path."""
    return isinstance(location, str) and location.lower().startswith(REMOTE_SCHEMES)


def split(location: str) -> tuple[Any, str]:
    """The filesystem for ``location`` and the path inside it (``bucket/prefix`` for S3)."""
    if not is_remote(location):
        import fsspec

        return fsspec.filesystem("file"), os.path.abspath(location)
    _scheme, _, rest = location.partition("://")
    return s3_filesystem(), rest.strip("/")


def s3_filesystem() -> Any:
    """An ``s3fs`` filesystem configured from the AWS environment; one per process and
    configuration (fsspec caches instances), without listing caches.  botocore itself reads
    the keys and ``AWS_DEFAULT_REGION``; the endpoint is passed on explicitly."""
    import s3fs

    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    client_kwargs: dict[str, Any] = {}
    if endpoint:
        client_kwargs["endpoint_url"] = endpoint
    return s3fs.S3FileSystem(client_kwargs=client_kwargs, use_listings_cache=False)


def url(fs: Any, path: str) -> str:
    """The full location of ``path`` on ``fs`` (``s3://bucket/key`` or the local path)."""
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return path if protocol in ("file", "local") else f"s3://{path}"


__all__ = ["is_remote", "s3_filesystem", "split", "url"]
