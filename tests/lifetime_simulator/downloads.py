"""Deterministic application packages and expiring download links."""
import io
import json
import uuid
import zipfile
from datetime import datetime, timezone

from . import clock

MANIFEST_NAME = "lifetime-simulator-manifest.json"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
DOWNLOADS_PATH = "/lifetimeapi/rest/v2/downloads/"


def build_package(state, app, version, kind="oap"):
    """Zip bytes that identify an application version; same version gives the same bytes.

    The manifest names the application, its kind and modules too, so that another LifeTime that never
    saw the application can create it from the package (a binary deployment of a new application).
    """
    manifest = {"ApplicationKey": app.key, "ApplicationName": app.name, "ApplicationKind": app.kind,
                "Modules": [state.modules[key].name for key in app.module_keys if key in state.modules],
                "Version": version.version, "VersionKey": version.key, "Kind": kind}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        add_file(archive, MANIFEST_NAME, json.dumps(manifest, sort_keys=True))
        for index, module_version_key in enumerate(version.module_version_keys):
            add_file(archive, "modules/{0}.oml".format(index), "module version {0}\n".format(module_version_key))
    return buffer.getvalue()


def build_source_package(name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        add_file(archive, "README.txt", "Source code package for {0}\n".format(name))
    return buffer.getvalue()


def add_file(archive, name, text):
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text)


def parse_package(payload):
    """The manifest of a package built by build_package, or None if the bytes are not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            return json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError):
        return None


def create_link(state, root_url, payload, filename):
    """Register bytes behind an expiring link; return the DownloadLink record.

    As documented: {url, expires}, the url absolute on the LifeTime host under /lifetimeapi/rest/v2/downloads/<key>
    (fetching it is an API call that needs the token), expires without fraction.
    """
    link_id = str(uuid.uuid4())
    expires = clock.now() + state.link_minutes * 60
    state.downloads[link_id] = {"payload": payload, "filename": filename, "expires": expires}
    return {"url": "{0}{1}{2}".format(root_url, DOWNLOADS_PATH, link_id),
            "expires": datetime.fromtimestamp(expires, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def find_download(state, link_id):
    """(payload, filename) or raise KeyError / TimeoutError when unknown / expired."""
    entry = state.downloads[link_id]
    expired_by_scenario = state.scenarios is not None and state.scenarios.active("link_expired") is not None
    if expired_by_scenario or clock.now() > entry["expires"]:
        raise TimeoutError("download link expired")
    return entry["payload"], entry["filename"]


def expire_all_links(state):
    for entry in state.downloads.values():
        entry["expires"] = 0
