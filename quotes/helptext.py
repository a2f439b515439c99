"""Help text that reads as a person would write it: Typer's own shows type placeholders
(`<bool>`, `<list[str]>`, `{NAME}`) beside names that already say what to give."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup


class _PlainArgument(TyperArgument):
    """An argument shown as people write one: `NAME`, `[PATH]...`; no `{NAME}`, no `<list[str]>`."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Command(TyperCommand):
    """A command whose help reads as a person would write it: no type placeholders ("<bool>",
    "<list[str]>") where the name already says what to give."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


class _Group(TyperGroup, _Command):
    pass


def plain_help(typer_app: typer.Typer) -> None:
    """Every command of the app, and of its sub-apps, with `_Command`'s help."""
    typer_app.info.cls = typer_app.info.cls or _Group
    for info in typer_app.registered_commands:
        info.cls = _Command
    for group in typer_app.registered_groups:
        plain_help(group.typer_instance)
