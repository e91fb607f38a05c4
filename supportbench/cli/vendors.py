"""`supportbench vendors import|export`: the vendor list to and from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from supportbench.cli.files import read_text, write_atomically


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
