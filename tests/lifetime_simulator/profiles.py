"""Named server variants: how a given LifeTime answers where servers differ.

A profile is a set of flags over FLAGS (every flag off by default = the documented answers).
Select one with `Simulator(profile=NAME)`, `--profile NAME` on the command line, or
`POST /_sim/profile {"name": NAME}`; `GET /_sim/health` shows the active one.
To add a variant or a field: add a flag to FLAGS (one line, with what it does) and name it in
the profiles that have it (one line per flag).
"""

DEFAULT_PROFILE = "documented"

# flag: what the simulator does when it is on
FLAGS = {
    "log_type": "deployment log entries carry the swagger's Type (Info, Warning, Error) besides Instant and Message",
    "binary_modules": "binary plans list ModulesInBinary in each ApplicationsToDeploy entry (swagger ApplicationInBinary)",
    "one_plan_per_target": "before LifeTime 11.24: a start is refused (400) while another plan to the same target runs",
    "version_label": "application statuses (AppStatusInEnvs) carry the swagger's BaseApplicationVersionLabel",
    "details_url": "applications, environments and deployment plans carry the swagger's DetailsURL",
    "version_environment": "application versions carry the swagger's EnvironmentKey (where the version runs, or \"\")",
}

PROFILES = {
    # Answers as OutSystems' documentation shows them (tests/contract/exchanges.jsonl).
    "documented": {},
    # A LifeTime older than 11.24: no parallel deployments to one target.
    "lifetime-11.23": {
        "one_plan_per_target": True,
    },
    # Adds what the swagger has and no documented answer shows.
    "swagger": {
        "log_type": True,
        "binary_modules": True,
        "version_label": True,
        "details_url": True,
        "version_environment": True,
    },
}


class UnknownProfile(ValueError):
    """The profile name is not one the simulator knows."""


class Profile:
    """The active profile: its name and flags."""

    def __init__(self, name=DEFAULT_PROFILE):
        if name not in PROFILES:
            raise UnknownProfile("unknown profile '{0}'; known: {1}".format(name, ", ".join(PROFILES)))
        unknown = set(PROFILES[name]) - set(FLAGS)
        if unknown:
            raise UnknownProfile("profile '{0}' sets unknown flags: {1}".format(name, ", ".join(sorted(unknown))))
        self.name = name
        self.flags = dict(PROFILES[name])

    def has(self, flag):
        if flag not in FLAGS:
            raise KeyError("unknown profile flag '{0}'".format(flag))
        return bool(self.flags.get(flag))

    def describe(self):
        return {"name": self.name, "flags": sorted(flag for flag, on in self.flags.items() if on)}
