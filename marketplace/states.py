"""Named sets of states, declared on the state enums themselves.

A rule such as "a project can be edited while it is a draft or published" has one home: the enum,
`ProjectState.EDITABLE`, and the model's predicate built on it, `project.is_editable`. Views, services,
selectors, templates and the API read that set; none keeps its own tuple (`tests/test_one_home.py`).
"""


class StateSet:
    """A tuple of an enum's members, declared in the enum's body by their names.

    Inside the body of an `Enum` the members do not exist yet, and any plain value would become a member; a
    descriptor is neither, so `EDITABLE = StateSet("DRAFT", "PUBLISHED")` reads back as
    `(ProjectState.DRAFT, ProjectState.PUBLISHED)`, usable with `in` and with `state__in=`.
    """

    def __init__(self, *names: str):
        self.names = names

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner):
        # Resolved on each read (a handful of names): the members exist by then, whichever way the enum is used.
        return tuple(owner[name] for name in self.names)
