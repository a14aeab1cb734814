"""Make this checkout importable and usable as the collection outsystems.lifetime.

The repository root is the collection root, so a tree ``ansible_collections/outsystems/lifetime``
that links to it is laid outside the repository (a link inside it would make tools walk it twice).
"""

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
CONTRACT = REPO / "tests" / "contract"
SWAGGER = CONTRACT / "lifetime-api-v2.swagger.json"
EXCHANGES = CONTRACT / "exchanges.jsonl"
BIN = Path(sys.executable).parent


def linked_collections_root():
    """A directory holding ansible_collections/outsystems/lifetime -> this checkout."""
    # One tree per checkout, so that two checkouts tested at once never import each other's code.
    checkout = hashlib.sha1(str(REPO).encode()).hexdigest()[:10]
    default = Path(tempfile.gettempdir()) / ("outsystems-lifetime-%d-%s" % (os.getuid(), checkout))
    root = Path(os.environ.get("LIFETIME_COLLECTIONS_ROOT") or default)
    link = root / "ansible_collections" / "outsystems" / "lifetime"
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and Path(os.readlink(link)) != REPO:
        link.unlink()
    if not link.exists():
        try:
            link.symlink_to(REPO, target_is_directory=True)
        except FileExistsError:  # made at the same moment by another test process of this checkout
            pass
    return root


def make_importable():
    """Put the linked collection and tests/ on sys.path (for in-process module and client tests)."""
    root = str(linked_collections_root())
    for entry in (root, str(TESTS)):
        if entry not in sys.path:
            sys.path.insert(0, entry)


def build_and_install(workdir, source=REPO):
    """Build the collection tarball as a user would and install it into ``workdir``/collections (``source``: another
    checkout of the collection, for example an older commit a benchmark compares with)."""
    workdir = Path(workdir)
    dist = workdir / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(dist), str(source)],
                   check=True, capture_output=True, text=True)
    tarball = next(dist.glob("outsystems-lifetime-*.tar.gz"))
    collections = workdir / "collections"
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(collections), str(tarball)],
                   check=True, capture_output=True, text=True)
    return collections, tarball
