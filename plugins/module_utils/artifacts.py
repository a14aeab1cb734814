# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Files the modules write: those fetched from LifeTime download links (where they go, replaced only when their content
changed), and reports written whole or not at all."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import shutil
import tempfile

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import file_sha256
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field

EXPIRED_LINK_STATUSES = (403, 404, 410)
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def write_file(path, content):
    """Write the bytes ``content`` to ``path`` (mode 0644) whole or not at all: a temporary file in the same directory
    (which must exist), renamed over the old one."""
    handle, partial = tempfile.mkstemp(prefix=".lifetime-", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(content)
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise


def safe_file_name(text):
    """A file name made from a LifeTime name: path separators and characters Windows refuses become '_'."""
    return _UNSAFE.sub("_", str(text)).strip() or "download"


def resolve_dest(dest, file_name):
    """``dest`` itself, or ``dest/file_name`` when ``dest`` is an existing directory. Its directory must exist."""
    path = os.path.abspath(os.path.expanduser(dest))
    if os.path.isdir(path):
        path = os.path.join(path, safe_file_name(file_name))
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        raise LifetimeError("dest '%s': the directory '%s' does not exist; create it first." % (dest, directory))
    return path


def link_url(body):
    """The URL of a DownloadLink record (``url``, or ``Url`` for solutions), a list of one, or a plain text body."""
    if isinstance(body, list):
        body = body[0] if body else None
    if isinstance(body, dict):
        return field(body, "url", "Url", "URL")
    if isinstance(body, str) and body.startswith(("http://", "https://")):
        return body
    return None


def fetch(client, get_link, dest, what, check_mode=False, force=False):
    """Download what ``get_link()`` points at and put it at ``dest`` only if the content differs.

    ``get_link`` is called for a link (a URL); when the download answers 403, 404 or 410 (LifeTime links
    expire after 60 minutes) a fresh link is asked for once. The download goes to a temporary file first;
    in check mode it is compared and removed, so nothing is written to ``dest``. Returns a dict with
    ``changed``, ``path``, ``size``, ``sha256`` and ``previous_sha256``.
    """
    previous = file_sha256(dest)
    if check_mode:
        workdir = tempfile.mkdtemp(prefix="lifetime-check-")
        partial = os.path.join(workdir, "download")
    else:
        workdir = None
        handle, partial = tempfile.mkstemp(prefix=".lifetime-", dir=os.path.dirname(dest))
        os.close(handle)
    try:
        size, digest = _download(client, get_link, partial, what)
        changed = force or previous != digest
        if changed and not check_mode:
            os.replace(partial, dest)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        elif os.path.exists(partial):
            os.unlink(partial)
    return {"changed": changed, "path": dest, "size": size, "sha256": digest, "previous_sha256": previous}


def _download(client, get_link, target, what):
    """Download through a fresh link; a link refused as expired is asked for again once."""
    refused = []
    while True:
        url = _url_of(get_link(), what)
        try:
            return client.download(url, target)
        except LifetimeApiError as exc:
            if exc.status not in EXPIRED_LINK_STATUSES:
                raise
            if refused:
                raise LifetimeError(
                    "The download link of %s was refused (HTTP %s), and so was a fresh link asked for right after (HTTP %s): "
                    "the link expired or the service account may not download it. Nothing was written." % (what, refused[0], exc.status),
                    status=exc.status, method="GET", path=exc.path)
            refused.append(exc.status)


def _url_of(body, what):
    url = link_url(body)
    if not url:
        raise LifetimeError("LifeTime gave no download link for %s (it answered %r)." % (what, body))
    return url


def remote_sha256(client, get_link, what):
    """sha256 of what ``get_link()`` points at, downloaded to a temporary directory that is removed after."""
    workdir = tempfile.mkdtemp(prefix="lifetime-compare-")
    try:
        return _download(client, get_link, os.path.join(workdir, "download"), what)[1]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def existing_file(path):
    """``path``, ``size`` and ``sha256`` of a file already on disk."""
    return {"path": path, "size": os.path.getsize(path), "sha256": file_sha256(path)}
