#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: team_info
short_description: List LifeTime teams with their members and applications
version_added: 0.1.0
description:
  - Returns the teams of a LifeTime infrastructure, or one of them by name or key, each with its members (and their
    role in the team) and its applications.
options:
  name:
    description:
      - The name or key of one team. When omitted, every team is returned.
    type: str
    aliases: [team, key]
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every team
  outsystems.lifetime.team_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: teams

- name: The Platform team
  outsystems.lifetime.team_info:
    name: Platform
  register: platform
"""

RETURN = r"""
teams:
  description: The teams, sorted by name, with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The team key.
      type: str
    name:
      description: The team name.
      type: str
      sample: Platform
    description:
      description: The team description, when LifeTime returns it.
      type: str
    users:
      description: The members (user_key, username, name, role_key, role_name).
      type: list
      elements: dict
    applications:
      description: The applications (key, name).
      type: list
      elements: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import sorted_by
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import to_snake


def gather(module):
    teams = module.lookups.records(endpoints.TEAMS, {"IncludeUsers": True, "IncludeApplications": True})
    if module.params["name"]:
        teams = [pick("team", teams, module.params["name"])]
    module.exit_json(changed=False, teams=to_snake(sorted_by(teams, "name", "Name")))


def main():
    module = LifetimeModule(argument_spec=dict(name=dict(type="str", aliases=["team", "key"])), supports_check_mode=True)
    module.run(gather)


if __name__ == "__main__":
    main()
