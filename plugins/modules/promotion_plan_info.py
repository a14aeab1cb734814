#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: promotion_plan_info
short_description: Decide what a promotion deploys, without changing anything
version_added: 0.1.0
description:
  - Returns the applications and versions a promotion from one environment to another deploys, those the target already
    runs (skipped), and every problem of the request at once. Nothing is created or changed.
  - The applications are those of O(applications), of O(manifest), or, when neither is given, every application that runs a
    newer version in the source than in the target (or is modified in the source, with O(tag_modified)).
  - The decision is the one the M(outsystems.lifetime.deployment) module makes (same code), so the version asked or the one the
    source runs, skipping an application the target already runs at that version, unmodified, in the asked zone.
  - Pass the result to M(outsystems.lifetime.deployment) O(outsystems.lifetime.deployment#module:plan) so the deployment does
    not read the environments and applications again. The promote role does this.
options:
  source_environment:
    description: Name or key of the environment the applications come from (or its label in the O(manifest)).
    type: str
    required: true
  target_environment:
    description: Name or key of the environment the applications go to (or its label in the O(manifest)).
    type: str
    required: true
  applications:
    description:
      - Names or keys of the applications to promote (a comma-separated string works too).
      - With O(manifest), only these entries of the manifest.
    type: list
    elements: str
  manifest:
    description:
      - Path of a manifest, the collection's (YAML or JSON, C(applications) with C(name), C(key), C(version), C(version_key))
        or OutSystems' Trigger Pipeline manifest (C(ApplicationVersions)). Exactly those versions are deployed.
      - Its C(environments) (Trigger C(EnvironmentDefinitions)) let O(source_environment) and O(target_environment) name an
        environment by its label.
    type: path
  include_test_applications:
    description:
      - Whether the O(manifest) entries marked as test applications (C(is_test_application), the Trigger manifest's
        C(IsTestApplication)) are promoted. With V(false) they are left out, with a note, as OutSystems' pipeline does
        without C(--include_test_apps); the pipeline playbook's Production stage does this.
    type: bool
    default: true
  tag_modified:
    description:
      - The applications modified in the source since their last version will be tagged first (by the caller), so they are
        selected with RV(selected[].tag=true) even when the target runs their last version.
      - Not with O(manifest) versions, which are deployed as given.
    type: bool
    default: false
  deployment_zones:
    description: Application name or key to the deployment zone (name or key) it goes to in the target.
    type: dict
  version_labels:
    description:
      - Name every version selected or skipped (and the one it replaces in the target) by its label, reading one versions list
        per such application when LifeTime sends keys only (as its documentation shows). Without it, a label the decision did
        not need is null, and no request is sent for it.
    type: bool
    default: false
  option_prefix:
    description:
      - Prefix of the option names in the problems, for a role that takes these options under its own variable names (the
        promote role passes C(promote_)).
    type: str
notes:
  - Requests do not grow with the number of applications; one environment list and one application list with their status
    per environment. A versions list is read only for an application whose versions must be compared by label (when
    O(applications) and O(manifest) are not given and the source and target run different versions on a LifeTime that
    names running versions by key only, as documented), or whose manifest version runs in no environment. The target's
    zones are read only when a zone is asked or an application is new in the target.
  - Version labels the decision did not need are left out (null) rather than read one application at a time, unless
    O(version_labels=true).
seealso:
  - module: outsystems.lifetime.deployment
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: What would move from Development to Test
  outsystems.lifetime.promotion_plan_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    source_environment: Development
    target_environment: Test
  register: plan

- name: Deploy exactly that plan (no second lookup of environments and applications)
  outsystems.lifetime.deployment:
    plan:
      source_environment: "{{ plan.source_environment }}"
      target_environment: "{{ plan.target_environment }}"
      applications: "{{ plan.selected }}"
  when: plan.selected | length > 0

- name: Two applications by name (a comma-separated string works too); a manifest would pin their versions
  outsystems.lifetime.promotion_plan_info:
    source_environment: Test
    target_environment: Production
    applications: Customer Portal,Orders
    # manifest: release.yml   (the collection's manifest, or OutSystems' Trigger Pipeline manifest)
  register: release
"""

RETURN = r"""
source_environment:
  description: The source environment (C(key), C(name)); null when it was not found.
  returned: always
  type: dict
  sample: {key: 4d1e..., name: Development}
target_environment:
  description: The target environment (C(key), C(name)); null when it was not found.
  returned: always
  type: dict
selected:
  description: The applications to deploy (or to tag first, then deploy), in the catalog's or the list's order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The application name.
      type: str
    key:
      description: The application key.
      type: str
    version:
      description: The version to deploy; null when LifeTime named it by key only and the decision did not need its label.
      type: str
    version_key:
      description: The key of the version to deploy (with RV(selected[].tag), the version tagging starts from; may be empty).
      type: str
    from_version:
      description: The version the target runs (null when it runs none, or when only its key is known).
      type: str
    from_version_key:
      description: The key of the version the target runs (empty when it runs none).
      type: str
    modified:
      description: Whether the application is modified in the source since its last version.
      type: bool
    tag:
      description: Whether the caller tags it first (O(tag_modified) and modified in the source).
      type: bool
    zone:
      description: The deployment zone name, when known (asked, or the target's default for an application new there).
      type: str
    zone_key:
      description: The deployment zone key sent with the plan (empty keeps the application's zone in the target).
      type: str
    is_test_application:
      description: Whether the O(manifest) marks it as a test application (false without a manifest).
      type: bool
skipped:
  description: The applications asked that the target already runs at that version, unmodified (same fields, and C(reason)).
  returned: always
  type: list
  elements: dict
decided:
  description: The entries of RV(selected) and RV(skipped) together, in the order asked (the list's, the manifest's or the catalog's).
  returned: always
  type: list
  elements: dict
problems:
  description: Every problem of the request (the task fails when there is one, with all of them in its message).
  returned: always
  type: list
  elements: str
notes:
  description: What a person should know (an application modified in the source and promoted without those changes, or left out).
  returned: always
  type: list
  elements: str
unverified:
  description: The manifest versions that run in no environment (found in the application's versions list).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import load_manifest
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.promotion_plan import PromotionPlan


def read_manifest(path):
    """manifests.load_manifest's answer for the file, or a problem when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            text = handle.read()
    except (IOError, OSError) as exc:
        problem = "the manifest '%s' does not exist" % path if getattr(exc, "errno", None) == 2 else "the manifest '%s' cannot be read: %s" % (path, exc)
        return dict(format=None, applications=[], environments=[], problems=[problem])
    return load_manifest(text, path)


def decide(module):
    params = module.params
    plan = PromotionPlan(module.lookups, prefix=params["option_prefix"] or "", version_labels=params["version_labels"])
    manifest = read_manifest(params["manifest"]) if params["manifest"] else None
    plan.run(params["source_environment"], params["target_environment"], applications=params["applications"], manifest=manifest,
             manifest_path=params["manifest"], tag_modified=params["tag_modified"], deployment_zones=params["deployment_zones"],
             include_test_applications=params["include_test_applications"])
    result = plan.result()
    if result["problems"]:
        count = len(result["problems"])
        module.fail_json(msg="\n  - ".join(["The promotion request is not valid (%d problem%s):" % (count, "" if count == 1 else "s")]
                                           + result["problems"]), **result)
    module.exit_json(changed=False, **result)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            source_environment=dict(type="str", required=True),
            target_environment=dict(type="str", required=True),
            applications=dict(type="list", elements="str"),
            manifest=dict(type="path"),
            include_test_applications=dict(type="bool", default=True),
            tag_modified=dict(type="bool", default=False),
            deployment_zones=dict(type="dict"),
            version_labels=dict(type="bool", default=False),
            option_prefix=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    module.run(decide)


if __name__ == "__main__":
    main()
