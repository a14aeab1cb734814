# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a deployment task gives the engine (Options) and gets back (Outcome, or a DeploymentError carrying the
result), and the one way a deployment task ends (report). No requests here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError


class DeploymentError(LifetimeError):
    """A deployment that cannot go on; ``result`` holds what the task reports with the failure."""

    def __init__(self, message, result=None):
        super(DeploymentError, self).__init__(message)
        self.result = result or {}


class Options:
    """How to run a plan: every choice the engine makes for a task, with the modules' defaults.

    wait, wait_timeout (seconds, bounds every wait), two_step ("continue" or "stop"), on_timeout ("fail" or "abort"),
    db_mappings (list of {extension, logical_database, database}), allow_conflicts, redeploy_outdated,
    continue_with_errors, continue_intervention.
    """

    DEFAULTS = dict(wait=True, wait_timeout=3600, two_step="continue", on_timeout="fail", db_mappings=None, allow_conflicts=False,
                    redeploy_outdated=True, continue_with_errors=False, continue_intervention=False)

    def __init__(self, **values):
        unknown = sorted(set(values) - set(self.DEFAULTS))
        if unknown:
            raise TypeError("unknown deployment option(s): %s" % ", ".join(unknown))
        for name, default in self.DEFAULTS.items():
            setattr(self, name, values.get(name, default))

    @classmethod
    def from_params(cls, params):
        """The options a module's parameters give (the ones it does not have keep their defaults)."""
        return cls(**dict((name, params[name]) for name in cls.DEFAULTS if name in params))


def deployment_argument_spec():
    """The options ``deployment`` and ``binary_deployment`` share for starting and waiting."""
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=3600),
        two_step=dict(type="str", default="continue", choices=["continue", "stop"]),
        on_timeout=dict(type="str", default="fail", choices=["fail", "abort"]),
    )


class Outcome:
    """What a task that went through reports: changed, the result fields (with ``warnings``), and the diff."""

    def __init__(self, changed, result, before=None, after=None):
        self.changed = changed
        self.result = result
        self.before = before
        self.after = after


def report(module, work):
    """End the task with what ``work()`` (an Outcome) or its DeploymentError says: the one way deployment tasks end.

    The engine's warnings become the task's warnings. Other errors are left to ``module.run``.
    """
    try:
        outcome = work()
    except DeploymentError as exc:
        result = dict(exc.result)
        for warning in result.pop("warnings", None) or []:
            module.warn(warning)
        module.fail_json(msg=str(exc), **result)
    result = dict(outcome.result)
    for warning in result.pop("warnings", None) or []:
        module.warn(warning)
    module.exit_result(outcome.changed, before=outcome.before, after=outcome.after, **result)
