# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Attributes of a module that changes LifeTime.
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check mode and predict whether it would change anything, without sending any change to LifeTime.
    support: full
  diff_mode:
    description: Returns the whole record before and after the change, with secrets masked, in diff mode.
    support: full
  action_group:
    description: Use C(group/outsystems.lifetime.lifetime) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - outsystems.lifetime.lifetime
"""

    # Attributes of a module that only reads LifeTime.
    INFO_MODULE = r"""
attributes:
  check_mode:
    description: Only reads LifeTime, so it runs the same in check mode.
    support: full
  diff_mode:
    description: Changes nothing, so there is no diff.
    support: N/A
  action_group:
    description: Use C(group/outsystems.lifetime.lifetime) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - outsystems.lifetime.lifetime
"""
