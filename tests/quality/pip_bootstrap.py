"""A stand-in for the pip bootstrap script ansible-test downloads from its own file server.

ansible-test creates each sanity venv without pip and fetches get-pip.py from a host that is not a
package registry; where only the registries are reachable that download fails. This script does the
same job from the standard library: ensurepip, then pip installs the packages ansible-test asked for.
ansible-test runs pip with no configuration file, so the machine's CA bundle is passed explicitly;
the pip it installs (24.2 or later) then uses the system trust store by itself.
"""

import ensurepip
import os
import ssl
import subprocess
import sys

GET_PIP_ONLY_OPTIONS = ("--no-setuptools", "--no-wheel")


def main():
    ensurepip.bootstrap(upgrade=True)
    arguments = [argument for argument in sys.argv[1:] if argument not in GET_PIP_ONLY_OPTIONS]
    bundle = ssl.get_default_verify_paths().openssl_cafile
    if bundle and os.path.exists(bundle):
        arguments = ["--cert", bundle] + arguments
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet"] + arguments, check=True)


if __name__ == "__main__":
    main()
