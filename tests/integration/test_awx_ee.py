"""AWX / Automation Platform pieces: the execution environment definition, the credential type, the example job playbook."""

import subprocess
import sys
from pathlib import Path

import yaml

from testlib.collection import BIN, REPO

AWX = REPO / "docs" / "awx"


def test_ansible_builder_create_makes_a_build_context(tmp_path):
    context = tmp_path / "context"
    completed = subprocess.run([str(BIN / "ansible-builder"), "create", "--file", str(REPO / "meta" / "execution-environment.yml"),
                                "--context", str(context), "--output-filename", "Containerfile"],
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    containerfile = (context / "Containerfile").read_text()
    assert "quay.io/centos/centos:stream9" in containerfile
    assert "ansible-core>=2.16,<2.20" in containerfile
    build = context / "_build"
    for name in ("requirements.txt", "bindep.txt", "requirements.yml"):
        assert (build / name).is_file() and not (build / name).is_symlink(), name
    assert "requests" in (build / "requirements.txt").read_text()
    assert "ca-certificates" in (build / "bindep.txt").read_text()
    galaxy = yaml.safe_load((build / "requirements.yml").read_text())
    assert [collection["name"] for collection in galaxy["collections"]] == ["outsystems.lifetime"]
    assert "introspect.py introspect --user-pip=requirements.txt --user-bindep=bindep.txt" in containerfile


def test_meta_copies_match_the_root_requirement_files():
    for name in ("requirements.txt", "bindep.txt"):
        assert (REPO / "meta" / name).read_text() == (REPO / name).read_text(), name


def test_introspection_of_the_installed_collection_finds_its_requirements(installed_collection):
    """What ansible-builder does inside the image for any EE that installs this collection from Galaxy."""
    import ansible_builder

    script = Path(ansible_builder.__file__).parent / "_target_scripts" / "introspect.py"
    completed = subprocess.run([sys.executable, str(script), "introspect", str(installed_collection)],
                               capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "requests>=2.28  # from collection outsystems.lifetime" in completed.stdout
    assert "ca-certificates [platform:rpm platform:dpkg]  # from collection outsystems.lifetime" in completed.stdout


def test_credential_type_injects_the_variables_the_plugins_read():
    credential = yaml.safe_load((AWX / "credential_type.yml").read_text())
    fields = dict((field["id"], field) for field in credential["inputs"]["fields"])
    assert sorted(fields) == ["lifetime_token", "lifetime_url", "validate_certs"]
    assert fields["lifetime_token"]["secret"] is True
    assert fields["validate_certs"]["type"] == "boolean"
    assert sorted(credential["inputs"]["required"]) == ["lifetime_token", "lifetime_url"]
    assert credential["injectors"]["env"] == {
        "LIFETIME_URL": "{{ lifetime_url }}",
        "LIFETIME_TOKEN": "{{ lifetime_token }}",
        "LIFETIME_VALIDATE_CERTS": "{{ validate_certs }}",
    }
    fragment = (REPO / "plugins" / "doc_fragments" / "connection.py").read_text()
    for variable in credential["injectors"]["env"]:
        assert "name: %s" % variable in fragment, variable


def test_workflow_nodes_refer_to_defined_templates():
    data = yaml.safe_load((AWX / "job_templates.yml").read_text())
    templates = set(template["name"] for template in data["job_templates"]) | {"Regression tests on Test"}
    nodes = dict((node["identifier"], node) for node in data["workflow"]["nodes"])
    for node in nodes.values():
        assert node.get("unified_job_template") in templates or "approval_node" in node, node
        for following in node.get("success_nodes", []):
            assert following in nodes
    for template in data["job_templates"]:
        assert (AWX / template["playbook"]).is_file() or (REPO / "playbooks" / template["playbook"]).is_file()


def test_workflow_promotes_the_same_versions_with_awx_style_credentials(playbook, simulator, tmp_path):
    """The example job playbook, run twice as the workflow does, with the environment the credential injects."""
    awx_env = {"LIFETIME_VALIDATE_CERTS": "True"}  # AWX renders the boolean input like this
    manifest = tmp_path / "manifest.yml"
    first = playbook(AWX / "promote.yml", env=awx_env, extra_vars={
        "manifest_path": str(manifest), "promote_source_environment": "Development", "promote_target_environment": "Test",
        "promote_applications": ["Orders", "Mobile Banking"]})
    assert first.returncode == 0, first
    handed_over = yaml.safe_load(manifest.read_text())
    second = playbook(AWX / "promote.yml", env=awx_env, extra_vars={
        "manifest_path": str(tmp_path / "manifest-production.yml"), "lifetime_manifest": handed_over,
        "promote_source_environment": "Test", "promote_target_environment": "Production"})
    assert second.returncode == 0, second
    after = yaml.safe_load((tmp_path / "manifest-production.yml").read_text())
    # The same versions; from_version* record what each environment ran before (Production: Orders 2.0.0, Mobile Banking 3.0.0).
    shipped = ("name", "key", "version", "version_key")
    assert [{k: app[k] for k in shipped} for app in after["applications"]] == [{k: app[k] for k in shipped} for app in handed_over["applications"]]
    assert {app["name"]: app["from_version"] for app in after["applications"]} == {"Orders": "2.0.0", "Mobile Banking": "3.0.0"}
    assert after["target_environment"] == "Production"
    versions = dict((app["name"], app["version"]) for app in handed_over["applications"])
    assert versions == {"Orders": "2.1.0", "Mobile Banking": "3.1.0"}
    assert {name: simulator.state.running_version("Production", name) for name in versions} == versions
