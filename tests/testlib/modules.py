"""Run a module of this collection in-process, as Ansible would, and return its result."""

import contextlib
import importlib
import io
import json

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19 has no testing helper: set the arguments the way AnsibleModule reads them
    from unittest import mock

    @contextlib.contextmanager
    def patch_module_args(args):
        payload = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()
        with mock.patch.object(basic, "_ANSIBLE_ARGS", payload):
            yield


def forget_warnings():
    """A module process starts with no warnings; in-process runs share these globals, so empty them."""
    for name in ("_global_warnings", "_global_deprecations"):
        registry = getattr(module_warnings, name, None)
        if hasattr(registry, "clear"):
            registry.clear()


def run_module(name, args, check_mode=False, diff=False):
    """The result dict of outsystems.lifetime.NAME run with ``args`` (``failed`` is set on failure)."""
    module = importlib.import_module("ansible_collections.outsystems.lifetime.plugins.modules.%s" % name)
    args = dict(args)
    args["_ansible_check_mode"] = check_mode
    args["_ansible_diff"] = diff
    output = io.StringIO()
    forget_warnings()
    with patch_module_args(args), contextlib.redirect_stdout(output):
        try:
            module.main()
        except SystemExit:
            pass
    text = output.getvalue().strip()
    if not text:
        raise AssertionError("module %s printed no result" % name)
    return json.loads(text.splitlines()[-1])
