"""`supportbench vendors import|export`: the vendor list to and from a spreadsheet."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from supportbench.errors import SupportbenchError


def read_text(path: Path) -> str:
    """A file's text, or one line saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SupportbenchError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise SupportbenchError(f"{path}: not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8") from None
    except OSError as exc:
        raise SupportbenchError(f"{path}: cannot be read ({exc.strerror})") from None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` whole or not at all: a crash mid-write never leaves half a targets.yaml."""
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            Path(temporary).chmod(mode)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SupportbenchError(f"{path}: cannot write it ({exc.strerror}); nothing was changed") from None


@click.group("vendors")
def vendors() -> None:
    """The vendor list to and from a spreadsheet (CSV)."""


@vendors.command("import")
@click.argument("csv_path", type=click.Path(dir_okay=False, path_type=Path), metavar="VENDORS.CSV")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("targets.yaml"), show_default=True, help="The targets.yaml to add them to.")  # fmt: skip
@click.option("--defaults", help="A shared block of targets.yaml (e.g. x-uk) for the columns a row leaves out.")
@click.option("--replace", is_flag=True, help="Put the CSV's vendors in place of those in targets.yaml.")
def import_command(csv_path: Path, config_path: Path, defaults: str | None, replace: bool) -> None:
    """Add the vendors of VENDORS.CSV (one row each) to targets.yaml, checked first; comments kept."""
    from supportbench.config.vendorimport import import_vendors

    imported = import_vendors(read_text(config_path), config_path.name, read_text(csv_path), csv_path.name,
                              defaults=defaults, replace=replace)  # fmt: skip
    write_atomically(config_path, imported.text)
    verb = "now lists" if replace else "gained"
    count = len(imported.added)
    click.echo(f"{config_path}: {verb} {count} vendor{'' if count == 1 else 's'} from {csv_path}: "
               f"{', '.join(imported.added)}")  # fmt: skip


@vendors.command("export")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("targets.yaml"), show_default=True, help="The targets.yaml to read.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def export_command(config_path: Path, output: Path | None) -> None:
    """The vendors of targets.yaml as CSV, one row each, for a spreadsheet."""
    from supportbench.config.vendorimport import export_vendors

    text = export_vendors(read_text(config_path), config_path.name)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    click.echo(f"wrote {output}", err=True)
