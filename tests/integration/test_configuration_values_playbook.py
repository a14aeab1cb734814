"""configuration_value through real ansible-playbook: values reach the simulator; a secret is in no output, even with -vvv and --diff."""

SECRET = "https://payments-qa.example.com/api?key=S3cr3t-Payments-Key"
LOOP_SECRET = "Erp-T0ken-In-A-Loop"

PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: A secret effective URL
      outsystems.lifetime.configuration_value:
        module: Orders
        environment: Test
        key: rest-payments
        name: PaymentsAPI
        type: REST_Endpoint
        value: "{{ payments_url }}"
        secret: true
      register: secret_set

    - name: The same in check mode
      outsystems.lifetime.configuration_value:
        module: Orders
        environment: Production
        key: rest-payments
        type: rest_endpoint
        value: "{{ payments_url }}"
        secret: true
      check_mode: true

    - name: A secret the server refuses
      outsystems.lifetime.configuration_value:
        module: HROnboarding
        environment: Test
        key: rest-payments
        type: rest_endpoint
        value: "{{ payments_url }}"
        secret: true
      ignore_errors: true
      register: refused

    - name: Secret and plain values in one loop
      outsystems.lifetime.configuration_value:
        module: "{{ item.module }}"
        environment: Test
        key: "{{ item.key }}"
        name: "{{ item.name }}"
        type: "{{ item.type }}"
        value: "{{ item.value }}"
        secret: "{{ item.secret | default(false) }}"
      loop:
        - {module: Orders, key: sp-pagesize, name: PageSize, type: site_property, value: "50"}
        - {module: Inventory, key: soap-erp, name: ErpService, type: soap_endpoint, value: "https://erp.example.com/ws?t={{ erp_token }}", secret: true}
      loop_control:
        label: "{{ item.module }} {{ item.name }}"
      # Ansible itself prints each loop item with -v: hide the results of the secret items.
      no_log: "{{ item.secret | default(false) }}"
      register: looped

    - name: What was registered
      ansible.builtin.debug:
        var: secret_set

    - name: Fail when the refusal was not reported
      ansible.builtin.assert:
        that:
          - refused is failed
          - "'is not deployed' in refused.msg"
          - secret_set.configuration_values[0].value == '********'
          - looped.results[0].configuration_values[0].value == '50'
"""


def test_values_are_set_and_secrets_never_shown(playbook, simulator):
    run = playbook(PLAYBOOK, extra_vars={"payments_url": SECRET, "erp_token": LOOP_SECRET}, verbosity=3, diff=True)
    assert run.returncode == 0, run
    values = dict((v["environment_name"] + " " + v["key"], v["value"]) for v in simulator.property_values())
    assert values == {"Test rest-payments": SECRET, "Test sp-pagesize": "50", "Test soap-erp": "https://erp.example.com/ws?t=" + LOOP_SECRET}
    assert "S3cr3t" not in run.output and LOOP_SECRET not in run.output
    assert "Orders in Test: site_property PageSize (sp-pagesize)" in run.output  # the plain value's diff is shown
    puts = simulator.mutating_requests()
    assert len(puts) == 4 and all(entry["method"] == "PUT" for entry in puts)  # none from check mode; the refused one was sent
