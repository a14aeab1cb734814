"""Named LifeTime server variants the simulator can play: each profile is a dict of flags.

``documented`` (the default) answers as OutSystems' documentation prints the exchanges
(tests/contract/exchanges.jsonl); ``swagger`` adds the fields only the swagger has.
"""

DEFAULT_PROFILE = "documented"

PROFILES = {
    "documented": {
        "version_label": False,  # BaseApplicationVersionLabel in an application's status per environment
        "details_url": False,  # DetailsURL on applications and environments
    },
    "swagger": {
        "version_label": True,
        "details_url": True,
    },
}


def profile_flags(name=None):
    """The flags of the profile ``name`` (the default one when None); ValueError names the valid profiles."""
    name = name or DEFAULT_PROFILE
    if name not in PROFILES:
        raise ValueError("unknown simulator profile '{0}': use one of {1}".format(name, ", ".join(sorted(PROFILES))))
    return dict(PROFILES[name])
