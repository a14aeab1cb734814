#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_matrix_report
short_description: Write the report of what runs where - every application by environment - as HTML and Markdown
version_added: 0.1.0
description:
  - Reads what M(outsystems.lifetime.application_matrix_info) reads (the same requests) and writes it, on the host the
    module runs on, as C(report.html) (a table with the drift between adjacent environments highlighted) and
    C(report.md) (a Markdown table) in the directory O(path). The C(report) playbook runs it.
  - A file is written only when its text differs from the file already there, whole or not at all (a temporary file
    renamed over it), with mode C(0644); the directory is created with mode C(0755) when it does not exist.
  - The page says when it was generated (O(generated)), to the minute by default, so a second run in another minute
    rewrites the files; give O(generated) a fixed text for a report that changes only when LifeTime does.
  - For a report in another layout, register M(outsystems.lifetime.application_matrix_info) and format its result
    with a template of your own.
options:
  path:
    description:
      - The directory the files are written into (created when missing). A relative path is relative to the working
        directory of the module, which for a local connection is the directory ansible-playbook runs in.
    type: path
    required: true
  formats:
    description:
      - Which files to write - V(html) writes C(report.html), V(markdown) writes C(report.md).
    type: list
    elements: str
    choices: [html, markdown]
    default: [html, markdown]
  title:
    description:
      - The report's title, at the top of both files.
    type: str
    default: OutSystems LifeTime — applications by environment
  generated:
    description:
      - The time the report says it was generated.
      - Defaults to the current time in UTC, to the minute (for example C(2026-12-01 09:30 UTC)).
    type: str
  version_labels:
    description:
      - Name each running version by reading the versions of the applications whose statuses lack labels, one request
        each, as M(outsystems.lifetime.application_matrix_info) does. With V(false) a version LifeTime gives by key
        only is shown by its key, and the module sends two requests whatever the number of applications.
    type: bool
    default: true
attributes:
  check_mode:
    description: Reads LifeTime and the files already there, and tells which files would change; writes nothing.
    support: full
  diff_mode:
    description: Returns each file's text before and after, for the files that change.
    support: full
  action_group:
    description: Use C(group/outsystems.lifetime.lifetime) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - outsystems.lifetime.lifetime
extends_documentation_fragment:
  - outsystems.lifetime.connection
seealso:
  - module: outsystems.lifetime.application_matrix_info
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Write report.html and report.md into /tmp/lifetime-report
  outsystems.lifetime.application_matrix_report:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    path: /tmp/lifetime-report
  register: report

- name: Name the applications that differ between each pair of adjacent environments
  ansible.builtin.debug:
    msg: "{{ item.from }} -> {{ item.to }}: {{ item.applications | join(', ') or 'no difference' }}"
  loop: "{{ report.drift }}"
  loop_control:
    label: "{{ item.from }} -> {{ item.to }}"

- name: Only the Markdown table, dated by the pipeline's run, rewritten only when LifeTime changes
  outsystems.lifetime.application_matrix_report:
    path: /tmp/lifetime-report
    formats: [markdown]
    generated: nightly report
"""

RETURN = r"""
files:
  description: One per format written or checked, in the order of O(formats).
  returned: always
  type: list
  elements: dict
  contains:
    format:
      description: V(html) or V(markdown).
      type: str
    path:
      description: The file's path.
      type: str
      sample: /tmp/lifetime-report/report.html
    changed:
      description: Whether the file was written (in check mode, whether it would be).
      type: bool
environments:
  description: The environment names, in promotion order (the report's columns).
  returned: always
  type: list
  elements: str
  sample: [Development, Test, Production]
application_count:
  description: The number of applications in the report (its rows).
  returned: always
  type: int
  sample: 6
drift:
  description: One per pair of adjacent environments, as M(outsystems.lifetime.application_matrix_info) returns it.
  returned: always
  type: list
  elements: dict
  contains:
    from:
      description: The environment on the left.
      type: str
      sample: Test
    to:
      description: The environment on the right.
      type: str
      sample: Production
    applications:
      description: The names of the applications whose version differs between them, sorted by name.
      type: list
      elements: str
      sample: [Customer Portal, Orders]
"""

import time

from ansible_collections.outsystems.lifetime.plugins.module_utils.application_matrix import read_matrix
from ansible_collections.outsystems.lifetime.plugins.module_utils.matrix_report import write_reports
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def report(module):
    matrix = read_matrix(module.lookups, module.client, module.params["version_labels"])
    generated = module.params["generated"]
    if generated is None:
        generated = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    files, diffs = write_reports(module.params["path"], module.params["formats"], matrix, module.params["title"], generated,
                                 check_mode=module.check_mode)
    result = dict(files=files, environments=[env["name"] for env in matrix["environments"]], application_count=len(matrix["rows"]),
                  drift=matrix["drift"])
    if module._diff and diffs:
        result["diff"] = diffs
    module.exit_json(changed=any(entry["changed"] for entry in files), **result)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            path=dict(type="path", required=True),
            formats=dict(type="list", elements="str", choices=["html", "markdown"], default=["html", "markdown"]),
            title=dict(type="str", default=u"OutSystems LifeTime \u2014 applications by environment"),
            generated=dict(type="str"),
            version_labels=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    module.run(report)


if __name__ == "__main__":
    main()
