# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options of inventory and lookup plugins, read from the same table as the modules'.

A plugin declares the options through the doc fragment ``outsystems.lifetime.connection``
(whose ``env:`` entries make Ansible fill them from LIFETIME_*); this adapter reads each
one with the plugin's ``get_option`` and hands them to ``connection.resolve_options`` and
``connection.client_from_options``, so modules and plugins build the same client.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import (
    CONNECTION_OPTIONS,
    client_from_options,
    resolve_options,
)


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
