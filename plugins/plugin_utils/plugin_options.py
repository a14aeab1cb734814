# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options of inventory and lookup plugins, read from the same table as the modules'.

A plugin declares the options through the doc fragment ``outsystems.lifetime.connection``
(whose ``env:`` entries make Ansible fill them from LIFETIME_*); this adapter reads each
one with the plugin's ``get_option`` and hands them to ``connection.resolve_options`` and
``connection.client_from_options``, so modules and plugins build the same client.
Plugin-only code lives in plugins/plugin_utils: modules cannot import it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError

from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import (
    CONNECTION_OPTIONS,
    client_from_options,
    resolve_options,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.unexpected import is_deliberate, unexpected_message


def plugin_connection_options(plugin):
    """The resolved connection options of an Ansible plugin (get_option for each, then the shared defaults)."""
    given = {}
    for name in CONNECTION_OPTIONS:
        try:
            given[name] = plugin.get_option(name)
        except KeyError:
            given[name] = None
    return resolve_options(given)


def plugin_client(plugin):
    """A LifetimeClient built from a plugin's connection options."""
    return client_from_options(plugin_connection_options(plugin))


def with_plugin_client(plugin, work, error, prefix, source):
    """work(client) with the plugin's client; a failure becomes ``error`` (AnsibleParserError, AnsibleLookupError):
    a LifeTime or deliberate one as "<prefix>: <message>", anything else naming the last request and ``source``."""
    client = None
    try:
        client = plugin_client(plugin)
        return work(client)
    except AnsibleError:
        raise
    except LifetimeError as exc:
        raise error("%s: %s" % (prefix, exc))
    except Exception as exc:  # pylint: disable=broad-except
        if is_deliberate(exc):
            raise error("%s: %s" % (prefix, exc))
        raise error(unexpected_message(exc, getattr(client, "last_request", None), source), orig_exc=exc) from exc
