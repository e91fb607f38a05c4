"""`supportbench review serve|export`: analysts review verdicts; their reviews as a labelled corpus."""

from __future__ import annotations

import os
from pathlib import Path

import click

from supportbench.cli.serving import serve_streamlit
from supportbench.config.targets import load_config
from supportbench.errors import SupportbenchError

CONFIG = click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                      default=Path("targets.yaml"), show_default=True,
                      help="The targets.yaml the store was made with.")  # fmt: skip
DATABASE = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="The SQLite store (default: from targets.yaml).")  # fmt: skip


@click.group("review")
def review() -> None:
    """Analysts confirm or correct verdicts; the benchmark reports how often it agreed."""


@review.command("serve")
@CONFIG
@DATABASE
@click.option("--reviewer", help="Who reviews (an address on dashboard.analysts), when sign-in is off.")
@click.option("--port", default=8502, show_default=True, type=click.IntRange(1024, 65535))
@click.option("--address", default="127.0.0.1", show_default=True, help="Listen address (loopback by default).")
def serve_command(config_path: Path, db_path: Path | None, reviewer: str | None, port: int, address: str) -> None:
    """Start the review page (Streamlit): the least certain verdicts first, or a random sample."""
    config = load_config(config_path)
    database = db_path or config.database
    if not database.exists():
        raise SupportbenchError(f"{database}: no store here yet (run `supportbench demo`, or `supportbench run`)")
    if not config.dashboard.login and not reviewer:
        raise SupportbenchError("say who reviews: --reviewer ADDRESS (or turn sign-in on in targets.yaml, "
                                "dashboard: {login: true, analysts: [...]})")  # fmt: skip
    os.environ["SUPPORTBENCH_CONFIG"] = str(config_path.resolve())
    os.environ["SUPPORTBENCH_DB"] = str(database.resolve())
    if reviewer:
        os.environ["SUPPORTBENCH_REVIEWER"] = reviewer
    click.echo(f"review page on http://{address}:{port}/ (store {database}); Ctrl-C stops it")
    serve_streamlit("review.py", port, address)


@review.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@CONFIG
@DATABASE
def export_command(folder: Path, config_path: Path, db_path: Path | None) -> None:
    """Write the reviewed messages to FOLDER as a labelled corpus (raw .eml files and labels.jsonl)."""
    from supportbench.pipeline.review import LABELS, export_reviews
    from supportbench.store.database import Store

    database = db_path or load_config(config_path).database
    with Store.open_readonly(database) as store:
        count = export_reviews(store, folder)
    click.echo(f"{folder}: {count} reviewed message{'' if count == 1 else 's'} and {LABELS}")
