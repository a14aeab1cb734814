"""The deployment order from producer dependencies: levels, the order within a level, cycles."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.dependency_order import DependencyCycle, levels, order


def test_the_pipelines_example_orders_producers_first_and_drops_keys_out_of_scope():
    # OutSystems' pipeline documents {C: {A, X}, A: {}, B: {A}} -> [A, X, B, C] -> deployed as A, B, C.
    assert order({"C": {"A", "X"}, "A": set(), "B": {"A"}}) == ["A", "B", "C"]


def test_within_a_level_the_order_is_by_name_not_by_key():
    producers = {"k3": [], "k1": ["k3"], "k2": ["k3"], "k0": []}
    names = {"k3": "Shared Components", "k1": "Orders", "k2": "Customer Portal", "k0": "inventory"}
    assert levels(producers, names) == [["k0", "k3"], ["k2", "k1"]]
    # The same dependencies given in another order give the same order.
    assert levels(dict(reversed(list(producers.items()))), names) == [["k0", "k3"], ["k2", "k1"]]


def test_a_chain_gives_one_level_each():
    assert levels({"D": ["C"], "C": ["B"], "B": ["A"], "A": []}) == [["A"], ["B"], ["C"], ["D"]]


def test_a_cycle_is_reported_with_its_applications_in_order_and_not_looped():
    producers = {"a": ["b"], "b": ["c"], "c": ["a"], "d": [], "e": ["d", "a"]}
    names = {"a": "Orders", "b": "Billing", "c": "Customers", "d": "Shared", "e": "Portal"}
    with pytest.raises(DependencyCycle) as caught:
        order(producers, names)
    assert caught.value.cycle == ["Billing", "Customers", "Orders", "Billing"]
    assert "Billing -> Customers -> Orders -> Billing" in str(caught.value)


def test_an_application_that_depends_on_itself_is_a_cycle():
    with pytest.raises(DependencyCycle) as caught:
        order({"a": ["a"], "b": []}, {"a": "Orders"})
    assert caught.value.cycle == ["Orders", "Orders"]
