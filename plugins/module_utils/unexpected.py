# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What to tell the user when something this collection did not plan for escapes: never a bare
Python error, but the request whose answer was being processed and the field when known.

Modules (module_base), the inventory and the lookup all use ``unexpected_message``; the
traceback goes only where Ansible shows it with -vvv.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import traceback

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTION_MARKER = "/ansible_collections/outsystems/lifetime/plugins/"  # inside AnsiballZ's payload too


def is_deliberate(exc):
    """True for a ValueError this collection raised on purpose (a bad value, with a message for the user).

    A ValueError raised by Python or a library while reading an answer (``int("x")``, a date that
    does not parse, unpacking) is unexpected: its innermost frame is not a ``raise`` in this collection.
    """
    if not isinstance(exc, ValueError):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return True
    last = frames[-1]
    filename = os.path.abspath(last.filename)
    inside = filename.startswith(COLLECTION_ROOT + os.sep) or COLLECTION_MARKER in filename.replace(os.sep, "/")
    return inside and (last.line or "").lstrip().startswith("raise")


def describe_exception(exc):
    """A short account of the error, naming the field when the error names one."""
    if isinstance(exc, KeyError) and exc.args:
        return "the answer has no field %r (KeyError)" % (exc.args[0],)
    if isinstance(exc, IndexError):
        return "an expected list item is missing (IndexError: %s)" % exc
    if isinstance(exc, (TypeError, AttributeError)):
        return "a field has an unexpected type or is missing (%s: %s)" % (type(exc).__name__, exc)
    if isinstance(exc, ValueError):
        return "a value could not be read (ValueError: %s)" % exc
    return "%s: %s" % (type(exc).__name__, exc)


def unexpected_message(exc, last_request=None, who="outsystems.lifetime"):
    """The one-line failure for an unexpected exception, naming the request (method, path) being processed."""
    what = describe_exception(exc)
    if last_request:
        method, path = last_request
        return ("%s: unexpected answer from LifeTime to %s %s: %s. The server answered in a form this collection does not "
                "know; run with -vvv for the traceback and report it with the conformance report (playbooks/conformance.yml)."
                % (who, method, path, what))
    return "%s: unexpected error before any LifeTime request: %s. Run with -vvv for the traceback." % (who, what)


def current_traceback():
    return traceback.format_exc()
