#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: content_security_policy
short_description: Set the content security policy of a LifeTime environment
version_added: 0.1.0
description:
  - Compares the content security policy (CSP) directives of an environment with the ones asked, and sets them only
    when they differ.
  - The applications of the environment apply a new policy once they are republished; the result says whether LifeTime
    reports that a recompilation is needed (RV(needs_recompilation)).
  - Needs LifeTime 11.10.3 or later.
options:
  environment:
    description:
      - The name or key of the environment.
    type: str
    required: true
  directives:
    description:
      - The directives to set, by name, each with its sources.
      - Names are V(base_uri), V(child_src), V(connect_src), V(default_src), V(font_src), V(img_src), V(media_src),
        V(object_src), V(plugin_types), V(script_src), V(style_src), V(frame_ancestors), V(report_to) and V(other)
        (LifeTime's C(DefaultSrc) spelling is accepted too).
      - A value is a string of sources (C('self' https://cdn.example.com)) or a list of them; sources are compared
        ignoring repeated spaces.
      - An empty string, an empty list or null unsets the directive for the environment.
      - Directives not given are left alone, unless O(exclusive=true).
    type: dict
    default: {}
  exclusive:
    description:
      - Unset every directive not given in O(directives).
    type: bool
    default: false
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Allow scripts and images from the CDN in Production
  outsystems.lifetime.content_security_policy:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Production
    directives:
      default_src: "'self'"
      script_src:
        - "'self'"
        - https://cdn.example.com
      img_src: "'self' data: https://cdn.example.com"
  register: csp

- name: Republish the applications when LifeTime says so
  ansible.builtin.debug:
    msg: Production needs its applications republished
  when: csp.needs_recompilation
"""

RETURN = r"""
directives:
  description: Every directive of the environment after the task (in check mode, as it would be), by snake_case name,
    each with C(csp_directive_id), C(value) and C(is_set_for_env).
  returned: always
  type: dict
  sample: {"default_src": {"csp_directive_id": 4, "value": "'self'", "is_set_for_env": true}}
needs_recompilation:
  description: Whether LifeTime reports that the environment's applications need to be republished for the policy to
    apply. Null when nothing was set (or in check mode, where LifeTime is not asked).
  returned: always
  type: bool
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, snake_name, to_snake

DIRECTIVES = ("BaseUri", "ChildSrc", "ConnectSrc", "DefaultSrc", "FontSrc", "ImgSrc", "MediaSrc", "ObjectSrc",
              "PluginTypes", "ScriptSrc", "StyleSrc", "FrameAncestors", "ReportTo", "Other")


def directive_name(given, known):
    """The CSPDirectives field for a snake_case or CamelCase name; ValueError naming the valid ones."""
    text = str(given).strip()
    for name in list(known) + [name for name in DIRECTIVES if name not in known]:
        if text.lower() in (name.lower(), snake_name(name)):
            return name
    raise ValueError("CSP directive '%s' is not known. Valid directives: %s" % (
        given, ", ".join(snake_name(name) for name in DIRECTIVES)))


def sources(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return " ".join(str(value).split())


def is_set(directive):
    return bool(field(directive, "IsSetForEnv", "isSetForEnv"))


def same(one, other):
    if is_set(one) != is_set(other):
        return False
    return not is_set(one) or sources(field(one, "Value", "value")) == sources(field(other, "Value", "value"))


def manage(module):
    params = module.params
    env = module.lookups.environment(params["environment"])
    path = endpoints.path(endpoints.CONTENT_SECURITY_POLICIES, environment_key=record_key(env))  # for messages
    current = dict(module.client.get(endpoints.path(endpoints.CONTENT_SECURITY_POLICIES, environment_key=record_key(env))) or {})
    wanted = {}
    for given, value in (params["directives"] or {}).items():
        name = directive_name(given, current)
        if name in wanted:
            raise ValueError("CSP directive '%s' is given twice" % snake_name(name))
        wanted[name] = sources(value)

    after = {}
    for name in list(current) + [name for name in wanted if name not in current]:
        now = dict(current.get(name) or {})
        if name in wanted or params["exclusive"]:
            value = wanted.get(name, "")
            now["Value"] = value
            now["IsSetForEnv"] = bool(value)
        after[name] = now
    changed = any(not same(current.get(name) or {}, after[name]) for name in after)

    needs_recompilation = None
    if changed and not module.check_mode:
        answer = module.client.put(endpoints.path(endpoints.CONTENT_SECURITY_POLICIES, environment_key=record_key(env)), body=after)
        if isinstance(answer, dict):
            if answer.get("Success") is False:
                problems = answer.get("ErrorDirectives") or []
                raise LifetimeApiError("PUT /%s: LifeTime refused the content security policy of '%s': %s%s" % (
                    path, record_name(env), answer.get("ErrorMessage") or "no details given",
                    " (directives: %s)" % ", ".join(problems) if problems else ""), "PUT", "/" + path, 200, problems)
            needs_recompilation = answer.get("NeedsRecompilation")
    module.exit_result(changed, before={"Environment": record_name(env), "Directives": current},
                       after={"Environment": record_name(env), "Directives": after},
                       directives=to_snake(after), needs_recompilation=needs_recompilation)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            environment=dict(type="str", required=True),
            directives=dict(type="dict", default={}),
            exclusive=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
