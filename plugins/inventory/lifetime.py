# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: lifetime
short_description: The environments of an OutSystems LifeTime infrastructure as inventory hosts
version_added: 0.1.0
description:
  - Makes one inventory host per LifeTime environment (named after the environment, for example C(Production)),
    grouped by environment type (C(development), C(test), C(production), lower case, other characters replaced by C(_)),
    and every host in the group C(lifetime).
  - Each host gets the variables C(lifetime_environment_key), C(lifetime_environment_name), C(lifetime_host_name),
    C(lifetime_platform_version), C(lifetime_environment_type), C(lifetime_order), C(lifetime_use_https),
    C(lifetime_is_cloud_environment), C(lifetime_is_offline), C(lifetime_application_server), C(lifetime_database_provider),
    C(lifetime_number_of_front_ends) and C(lifetime_deployment_zones).
  - LifeTime sends C(IsOffline) for some environments only; C(lifetime_is_offline) is false when it is absent. An
    environment whose type is empty joins no type group.
  - C(ansible_host) is the environment's host name and C(ansible_connection) is C(local), because the modules of this
    collection talk to the LifeTime API from the controller and OutSystems servers are usually not reachable over SSH.
  - C(ansible_python_interpreter) is C({{ ansible_playbook_python }}), the Python that runs ansible-playbook (where
    C(requests) is installed), so that the modules do not run with whatever C(python3) comes first on the PATH.
  - Override any of these three with O(compose), in a C(host_vars) file or with C(-e).
  - When LifeTime cannot be read (wrong URL, wrong token, no answer) the plugin fails with the reason. Ansible itself
    turns a failed inventory source into a warning and goes on with no hosts; set E(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=True)
    (C([inventory] any_unparsed_is_failed = true) in C(ansible.cfg)) to make it fail the run. AWX inventory syncs fail already.
  - The configuration file name must end in C(.lifetime.yml) or C(.lifetime.yaml).
  - The connection options are the same as the modules' and fall back to the same E(LIFETIME_URL), E(LIFETIME_TOKEN)
    and other environment variables, so a file holding only the C(plugin) line is enough when they are set.
options:
  plugin:
    description: The name of this plugin. Must be C(outsystems.lifetime.lifetime).
    type: str
    required: true
    choices: [outsystems.lifetime.lifetime]
  deployment_zones:
    description:
      - Read each environment's deployment zones into C(lifetime_deployment_zones) (one request per environment).
      - Where deployment zones are not licensed (LifeTime answers 403, as on OutSystems Cloud), the list is empty
        and a warning says so.
    type: bool
    default: true
extends_documentation_fragment:
  - outsystems.lifetime.connection.PLUGINS
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
# infrastructure.lifetime.yml -- with LIFETIME_URL and LIFETIME_TOKEN set, this line is the whole file:
plugin: outsystems.lifetime.lifetime

# other.lifetime.yml -- explicit connection, a group per platform version, and a cache
# plugin: outsystems.lifetime.lifetime
# lifetime_url: http://127.0.0.1:8080
# lifetime_token: demo-token
# deployment_zones: false
# keyed_groups:
#   - key: lifetime_platform_version
#     prefix: platform
# groups:
#   protected: lifetime_environment_type == 'Production'
# compose:
#   lifetime_url_of_environment: "'https://' ~ lifetime_host_name"
# cache: true
# cache_plugin: ansible.builtin.jsonfile
# cache_connection: ~/.cache/lifetime-inventory
# cache_timeout: 600
"""

import re

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake
from ansible_collections.outsystems.lifetime.plugins.plugin_utils.plugin_options import with_plugin_client

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core before 2.19 templates every inventory string
    def trust_as_template(value):
        return value

ALL_GROUP = "lifetime"
# The modules run on the controller, with the Python that runs ansible-playbook (not the first python3 on the PATH).
PLAYBOOK_PYTHON = trust_as_template("{{ ansible_playbook_python }}")
NOT_LICENSED = "not licensed"


def group_name(text):
    """``Production`` -> ``production``, ``User Acceptance`` -> ``user_acceptance``."""
    return re.sub(r"[^a-z0-9_]+", "_", str(text).strip().lower()).strip("_") or "unknown"


def host_vars(environment, zones):
    """The inventory variables of one environment record (as LifeTime returns it)."""
    return {
        "ansible_host": field(environment, "HostName", "hostName") or record_name(environment),
        "ansible_connection": "local",
        "ansible_python_interpreter": PLAYBOOK_PYTHON,
        "lifetime_environment_key": record_key(environment),
        "lifetime_environment_name": record_name(environment),
        "lifetime_host_name": field(environment, "HostName", "hostName"),
        "lifetime_platform_version": field(environment, "OSVersion", "osVersion"),
        "lifetime_environment_type": field(environment, "EnvironmentType", "environmentType"),
        "lifetime_order": field(environment, "Order", "order"),
        "lifetime_use_https": field(environment, "UseHTTPS", "useHTTPS"),
        "lifetime_is_cloud_environment": field(environment, "IsCloudEnvironment", "isCloudEnvironment"),
        "lifetime_is_offline": bool(field(environment, "IsOffline", "isOffline")),
        "lifetime_application_server": field(environment, "ApplicationServer", "applicationServer"),
        "lifetime_database_provider": field(environment, "DatabaseProvider", "databaseProvider"),
        "lifetime_number_of_front_ends": field(environment, "NumberOfFrontEnds", "numberOfFrontEnds"),
        "lifetime_deployment_zones": to_snake(zones or []),
    }


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "outsystems.lifetime.lifetime"

    def verify_file(self, path):
        if not super(InventoryModule, self).verify_file(path):
            return False
        return path.endswith((".lifetime.yml", ".lifetime.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        try:
            self._read_config_data(path)
        except AnsibleError as exc:
            if "lifetime_url" not in str(exc) and "lifetime_token" not in str(exc):
                raise
            raise AnsibleParserError("outsystems.lifetime.lifetime inventory %s: %s Set lifetime_url and lifetime_token in the file, "
                                     "or LIFETIME_URL and LIFETIME_TOKEN in the environment." % (path, exc))

        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache")
        data = None
        if use_cache and cache:
            try:
                data = self._cache[cache_key]
            except KeyError:
                data = None
        if data is None:
            data = self._fetch()
            if use_cache:
                self._cache[cache_key] = data
        self._populate(data)

    def _fetch(self):
        """Environments, and their deployment zones, as plain data (what the inventory cache stores)."""
        def fetch(client):
            environments = client.get_list(endpoints.ENVIRONMENTS)
            result = []
            for environment in sorted(environments, key=lambda env: (field(env, "Order", "order") or 0, record_name(env) or "")):
                zones = []
                zones_note = None
                if self.get_option("deployment_zones"):
                    zones, zones_note = self._zones(client, environment)
                result.append({"environment": environment, "zones": zones, "zones_note": zones_note})
            return result

        return with_plugin_client(self, fetch, AnsibleParserError, "outsystems.lifetime.lifetime inventory", "outsystems.lifetime.lifetime inventory")

    @staticmethod
    def _zones(client, environment):
        try:
            return client.get_list(endpoints.path(endpoints.DEPLOYMENT_ZONES, environment_key=record_key(environment))), None
        except LifetimeApiError as exc:
            if exc.status == 403:
                return [], NOT_LICENSED
            raise

    def _populate(self, data):
        strict = self.get_option("strict")
        self.inventory.add_group(ALL_GROUP)
        for item in data:
            environment = item["environment"]
            name = record_name(environment) or record_key(environment)
            if item.get("zones_note") == NOT_LICENSED:
                self.display.warning("LifeTime refused the deployment zones of environment '%s' (HTTP 403): deployment zones "
                                     "are not licensed on this infrastructure; lifetime_deployment_zones is empty." % name)
            self.inventory.add_host(name, group=ALL_GROUP)
            kind = field(environment, "EnvironmentType", "environmentType")
            if kind:
                group = self.inventory.add_group(group_name(kind))
                self.inventory.add_child(group, name)
            variables = host_vars(environment, item["zones"])
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option("compose"), variables, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), variables, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), variables, name, strict=strict)
