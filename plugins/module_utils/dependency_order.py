# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deployment order from producer -> consumer dependencies: producers first, level by level.

Level 0 holds the applications none of whose producers is in scope; level n those whose producers are all in
levels below n. Within a level the order is by name (case-insensitive), then by key: a person reads the order and
it is the same on every run. (OutSystems' pipeline orders a level by application key instead.) Producers outside
the applications in scope do not order anything and are left out. A cycle is reported, naming its applications in
order, never looped over.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class DependencyCycle(ValueError):
    """The dependencies of the applications in scope form a cycle; ``cycle`` names them, the first repeated last."""

    def __init__(self, cycle):
        super(DependencyCycle, self).__init__("the applications depend on each other in a cycle, so no deployment order exists: %s" % (
            " -> ".join(cycle)))
        self.cycle = cycle


def levels(producers, names=None):
    """The keys of ``producers`` ({key: iterable of producer keys}) in levels, each sorted by name then key.

    ``names`` ({key: name}) gives the sort order and the names in a cycle's message; a key is its own name otherwise.
    """
    names = names or {}
    scope = set(producers)
    waiting = dict((key, set(found) & scope - {key}) for key, found in producers.items())
    self_dependent = sorted(key for key, found in producers.items() if key in set(found))
    if self_dependent:
        raise DependencyCycle([names.get(self_dependent[0], self_dependent[0])] * 2)
    placed, result = set(), []
    while waiting:
        ready = [key for key, found in waiting.items() if found <= placed]
        if not ready:
            raise DependencyCycle([names.get(key, key) for key in find_cycle(waiting, names)])
        ready.sort(key=lambda key: (str(names.get(key, key)).lower(), str(key)))
        result.append(ready)
        placed.update(ready)
        for key in ready:
            del waiting[key]
    return result


def order(producers, names=None):
    """The keys of ``producers`` in deployment order (the levels one after the other)."""
    return [key for level in levels(producers, names) for key in level]


def find_cycle(waiting, names):
    """One cycle among keys that all wait for another (each has a producer left): follow producers until one repeats.

    The walk starts from the first key by name and always takes the first producer by name, so the same
    dependencies name the same cycle.
    """
    def by_name(key):
        return (str(names.get(key, key)).lower(), str(key))

    key = sorted(waiting, key=by_name)[0]
    path, seen = [], {}
    while key not in seen:
        seen[key] = len(path)
        path.append(key)
        key = sorted((producer for producer in waiting[key] if producer in waiting), key=by_name)[0]
    return path[seen[key]:] + [key]
