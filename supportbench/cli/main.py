"""The `supportbench` command line.

Thin: parse arguments, call the library, print. The project's one error family
(`SupportbenchError`) is caught here and printed as one line per problem with exit
status 1, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Sized
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import yaml

from supportbench.cli.review import review as review_group
from supportbench.cli.serving import serve_streamlit
from supportbench.cli.starter import PROVIDERS
from supportbench.cli.vendors import vendors as vendors_group
from supportbench.config.standards import DEFAULT_STANDARD
from supportbench.config.targets import Config, load_config
from supportbench.errors import ConfigError, SupportbenchError
from supportbench.store.database import Store, explain
from supportbench.timing.clock import SystemClock

if TYPE_CHECKING:
    from supportbench.store.database import EvaluationScope

DEFAULT_CONFIG = "targets.yaml"
REPORT_FORMATS = ("table", "markdown", "csv", "json", "pdf")
LAB_STATE_FILE = Path(os.environ.get("SUPPORTBENCH_LAB_STATE", "/tmp/supportbench-lab/state.json"))


def _load(path: str) -> Config:
    return load_config(Path(path))


config_option = click.option(
    "-c", "--config", "config_path", default=DEFAULT_CONFIG, show_default=True, help="The targets.yaml to use."
)
db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), help="The SQLite store (default: from targets.yaml)."
)


def _say_plan(config: Config) -> None:
    """When each vendor's results stop being provisional, if sending started now."""
    from supportbench.outbound.preview import preview

    standard = config.all_standards.get(DEFAULT_STANDARD) or next(iter(config.all_standards.values()))
    now = SystemClock().now()
    click.echo(f"  plan: results stop being provisional ({standard.min_probes} decided probes under "
               f"{standard.name}) if sending starts now:")  # fmt: skip
    if config.safety.paused:
        click.echo("    (sending is paused by safety.paused: true; this is the plan once it is set to false)")
        config = config.model_copy(update={"safety": config.safety.model_copy(update={"paused": False})})
    for vendor in config.vendors:
        if vendor.paused:
            click.echo(f"    {vendor.id}: paused")
            continue
        planned = preview(vendor, config, standard, now)
        when = f"about {planned.decided_by:%Y-%m-%d}" if planned.decided_by else "never: the caps hold the probes back"
        click.echo(f"    {vendor.id}: {when}")


def _unset_secrets(config: Config) -> list[str]:
    """The variables the shoppers' sign-ins name that hold nothing here (their values never shown)."""
    from supportbench.mail.credentials import needed_variables

    wanted = [name for s in config.shoppers for settings in (s.smtp, s.imap) for name in needed_variables(settings)]
    return [name for name in dict.fromkeys(wanted) if not os.environ.get(name)]


def _count(items: Sized, noun: str, plural: str | None = None) -> str:
    """How many, with the noun agreeing: "1 shopper", "2 shoppers", "2 mailboxes"."""
    return f"{len(items)} {noun if len(items) == 1 else plural or noun + 's'}"


def _open(config_path: str, db_path: str | None) -> tuple[Config, Store]:
    """The config, and the store opened to write with the config's catalog saved in it."""
    from supportbench.store.catalog import save_config

    config = _load(config_path)
    store = Store.open(Path(db_path) if db_path else config.database)
    try:
        save_config(store, config)
    except BaseException:
        store.close()
        raise
    return config, store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="supportbench")
def main() -> None:
    """supportbench: a mystery-shopper benchmark of customer support by e-mail."""


main.add_command(vendors_group)
main.add_command(review_group)


@main.command()
@click.argument("config_path", default=DEFAULT_CONFIG, metavar="[TARGETS.YAML]")
@click.option("--connect", is_flag=True, help="Also log in to each shopper's SMTP and IMAP servers.")
def check(config_path: str, connect: bool) -> None:
    """Validate targets.yaml and report every problem at once."""
    config = _load(config_path)
    languages = Counter(vendor.language for vendor in config.vendors)
    by_language = ", ".join(f"{code} {count}" for code, count in sorted(languages.items()))
    click.echo(
        f"{config_path}: OK: {_count(config.shoppers, 'shopper')}, {_count(config.vendors, 'vendor')} "
        f"({by_language}), {_count(config.probes, 'probe')}, {_count(config.standards, 'custom standard')}"
    )
    _say_plan(config)
    unset = _unset_secrets(config)
    if unset and not connect:
        click.echo(f"  note: not set in this environment (needed to send and read): {', '.join(unset)}")
    if connect:
        from supportbench.cli.connectivity import check_connections

        findings = check_connections(config)
        for finding in findings:
            mark = "ok  " if finding.ok else "FAIL"
            click.echo(f"  {mark} {finding.shopper:<12} {finding.server:<32} {finding.detail}")
        if not all(finding.ok for finding in findings):
            raise SupportbenchError("some shopper mailboxes cannot be reached (see FAIL above)")


@main.command()
@click.argument("vendor")
@click.option("--probe", "probe_id", help="Which of the vendor's probes (default: the next in rotation).")
@click.option("--dry-run", is_flag=True, help="Render and print what would be sent; send nothing, record nothing.")
@config_option
@db_option
def send(vendor: str, probe_id: str | None, dry_run: bool, config_path: str, db_path: str | None) -> None:
    """Send one probe to VENDOR now, through every safety guard."""
    import asyncio

    from supportbench.outbound.sending import Sender

    config, store = _open(config_path, db_path)
    with store:
        known = [v.id for v in config.vendors]
        if vendor not in known:
            raise SupportbenchError(f"no vendor {vendor!r} in {config_path}: known are {', '.join(known)}")
        result = asyncio.run(Sender(config, store).send_probe(vendor, SystemClock().now(), probe_id, dry_run=dry_run))
    if result.message is not None:
        for name, value in result.message.items():
            if not name.lower().startswith("content-"):
                click.echo(f"{name}: {value}")
        click.echo("\n" + result.message.get_content().rstrip())
        click.echo(f"\n(dry run: nothing sent; probe {result.probe_id}, reference {result.reference})")
        return
    click.echo(f"{result.vendor_id}: {result.state} {result.reference or ''} {result.detail}".rstrip())
    if result.state in ("refused", "failed"):
        sys.exit(1)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--provider", type=click.Choice(PROVIDERS), default="other", show_default=True,
              help="The shopper mailbox's provider.")  # fmt: skip
def init(folder: Path, provider: str) -> None:
    """Start a project in FOLDER: a commented targets.yaml that passes `check`, to fill in."""
    from supportbench.cli.starter import write_starter

    path = write_starter(folder, provider)
    click.echo(f"wrote {path}: fill in the lines marked FILL IN, then `supportbench check {path}`")


@main.command("auth")
@click.argument("shopper_id", metavar="SHOPPER")
@config_option
def auth_command(shopper_id: str, config_path: str) -> None:
    """Give SHOPPER's mailbox OAuth2 consent once; prints the refresh token to export."""
    from supportbench.cli.authorize import authorize

    config = _load(config_path)
    known = [shopper.id for shopper in config.shoppers]
    if shopper_id not in known:
        raise SupportbenchError(f"no shopper {shopper_id!r} in {config_path}: known are {', '.join(known)}")
    grant, variable = authorize(config.shopper(shopper_id), lambda line: click.echo(line, err=True))
    click.echo(f"Signed in. Put this refresh token in the environment variable {variable} (shown once, "
               "stored nowhere):", err=True)  # fmt: skip
    click.echo(grant.refresh_token)


@main.command("run")
@config_option
@db_option
@click.option("-v", "--verbose", is_flag=True, help="Log every scheduling decision.")
@click.option(
    "--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Log here, rotated at 10 MB (5 kept)."
)
@click.option("--json-logs", is_flag=True, help="One JSON object per log line, for a log collector.")
def run_scheduler(config_path: str, db_path: str | None, verbose: bool, log_file: Path | None, json_logs: bool) -> None:
    """Send probes on schedule and watch the mailboxes for replies, until Ctrl-C."""
    import asyncio

    from supportbench import logs
    from supportbench.outbound.sending import Sender
    from supportbench.pipeline.scheduler import ProbeScheduler, run_until_signalled

    try:
        logs.configure(verbose, log_file, json_logs)
    except OSError as exc:
        raise SupportbenchError(f"{log_file}: cannot write the log here ({exc.strerror})") from None
    config, store = _open(config_path, db_path)
    with store:
        sender, now = Sender(config, store), SystemClock().now()
        active = [vendor for vendor in config.vendors if not vendor.paused and not config.safety.paused]
        upcoming = min((sender.next_due(vendor, now) for vendor in active), default=None)
        when = "none scheduled" if upcoming is None else f"next send {max(upcoming, now):%Y-%m-%d %H:%M} UTC"
        mailboxes = _count(config.shoppers, "mailbox", "mailboxes")
        summary = (f"running: {_count(active, 'vendor')} to probe ({when}), {mailboxes} watched, store "
                   f"{store.path}; Ctrl-C stops after sends under way")  # fmt: skip
        scheduler = ProbeScheduler(sender, SystemClock())
        # Said once SIGHUP and SIGTERM are handled: before that, a reload asked for at once would kill `run`.
        asyncio.run(run_until_signalled(scheduler, store.path, lambda: _load(config_path), lambda: click.echo(summary)))


@main.command()
@config_option
@db_option
def status(config_path: str, db_path: str | None) -> None:
    """The outbox per vendor: pending, sent, deferred, uncertain, failed, follow-ups, next due."""
    from supportbench.cli.status import outbox_table
    from supportbench.outbound.sending import Sender

    config, store = _open(config_path, db_path)
    with store:
        click.echo(outbox_table(config, store, Sender(config, store), SystemClock().now()))


@main.command()
@config_option
@db_option
@click.option("--shopper", "shopper_ids", multiple=True, help="Only this shopper's mailbox (repeatable).")
def fetch(config_path: str, db_path: str | None, shopper_ids: tuple[str, ...]) -> None:
    """Read each shopper's INBOX and Junk once: store new mail raw, classify it, link it to probes."""
    from supportbench.inbound.intake import sync_and_interpret
    from supportbench.mail import imap

    config, store = _open(config_path, db_path)
    with store:
        done, known = 0, {row["id"] for row in store.interpreted_messages() if row["kind"] is not None}
        for shopper in config.shoppers:
            if shopper_ids and shopper.id not in shopper_ids:
                continue
            with imap.logged_in(shopper.imap) as client, _Progress(f"{shopper.id}: fetching and classifying") as bar:
                intake = sync_and_interpret(client, store, config, shopper.id, SystemClock().now, bar.update)
            done += intake.interpreted
            for result in intake.folders:
                click.echo(
                    f"{shopper.id} {result.folder.name}: {result.new} new"
                    + (" (UIDVALIDITY changed: re-read without duplicates)" if result.uidvalidity_changed else "")
                )
        _evaluate(store, config, "changeable")
        interpreted = store.interpreted_messages()
        kinds = Counter(row["kind"] for row in interpreted)
        click.echo(
            f"interpreted {done} new messages; in store: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        )
        unmatched = [
            r for r in interpreted if r["kind"] in ("human", "auto_reply", "bounce") and r["outbox_id"] is None
        ]
        for row in unmatched:
            if row["id"] not in known:  # only what this fetch read: the rest was listed before
                click.echo(
                    f"  unmatched {row['kind']}: message {row['id']} {row['message_id'] or ''} ({row['folder']})"
                )
        if unmatched:
            click.echo(f"{len(unmatched)} unmatched in the store in all (`supportbench status` has the counts)")


def _evaluate(store: Store, config: Config, scope: EvaluationScope) -> None:
    from supportbench.pipeline.evaluation import evaluate

    total = store.count_to_evaluate(scope)
    with _Progress("evaluating probes") as progress:
        summary = evaluate(store, config, SystemClock().now(), scope, lambda n: progress.update(n, total, step=True))
    click.echo(f"evaluated {summary.evaluated} probes under {len(config.all_standards)} standards")
    if summary.skipped_vendors:
        click.echo(f"  not evaluated (vendor no longer in the config): {', '.join(summary.skipped_vendors)}")


@main.command()
@config_option
@db_option
@click.option("--max-age", default=15, show_default=True, help="Minutes a mailbox may go unread before it counts.")
def health(config_path: str, db_path: str | None, max_age: int) -> None:
    """For a supervisor: exit 0 when every part of `run` is doing its work, else 1 saying why."""
    from datetime import timedelta

    from supportbench.store.database import from_iso
    from supportbench.store.rows import failing

    with Store.open_readonly(Path(db_path) if db_path else _load(config_path).database) as store:
        rows = store.health()
    now, problems = SystemClock().now(), []
    if not rows:
        problems.append("nothing recorded: is `supportbench run` running on this store?")
    for row in rows:
        if failing(row):
            problems.append(f"{row['component']}: failing since {row['last_error_at']}: {row['last_error']}")
        elif row["component"].startswith("watcher:") and (
            row["last_success"] is None or now - from_iso(row["last_success"]) > timedelta(minutes=max_age)
        ):
            problems.append(f"{row['component']}: no successful read for over {max_age} min")
    for problem in problems:
        click.echo(f"FAIL {problem}")
    if problems:
        sys.exit(1)
    click.echo(f"ok: {', '.join(row['component'] for row in rows)}")


@main.command()
@config_option
@db_option
@click.option("--vendor", "vendor_id", help="Only this vendor's events.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only events on or after this date (UTC).")
def events(config_path: str, db_path: str | None, vendor_id: str | None, since: Any) -> None:
    """What happened that an operator should know: refusals, failures, reconciliations, oldest first."""
    with Store.open_readonly(Path(db_path) if db_path else _load(config_path).database) as store:
        found = store.events()
    start = since.replace(tzinfo=UTC).isoformat() if since else ""
    shown = [e for e in found if e["at"] >= start and (vendor_id is None or e["vendor_id"] == vendor_id)]
    for event in shown:
        detail = " ".join(f"{key}={value}" for key, value in event["detail"].items())
        click.echo(f"{event['at'][:19].replace('T', ' ')}  {event['level']:<7} {event['kind']:<16} "
                   f"{event['vendor_id'] or '-':<16} {detail}".rstrip())  # fmt: skip
    click.echo(
        f"{len(shown)} event{'' if len(shown) == 1 else 's'}"
        + (f" of {len(found)}" if len(shown) != len(found) else "")
    )


@main.command()
@config_option
@db_option
@click.option("--standard", "standard_name", default=DEFAULT_STANDARD, show_default=True, help="Which standard ranks.")
@click.option(
    "--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only probes sent on or after this date (UTC)."
)
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only probes sent up to this date (UTC), "
              "that day included.")  # fmt: skip
@click.option("--format", "output", type=click.Choice(REPORT_FORMATS), default="table", show_default=True)
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (needed for pdf).")  # fmt: skip
def report(config_path: str, db_path: str | None, standard_name: str, since: Any, until: Any, output: str,
           output_path: Path | None) -> None:  # fmt: skip
    """The ranking of vendors under a standard, for a period: a table, Markdown, CSV, JSON or a one-page PDF."""
    from datetime import timedelta

    from supportbench.reports.board import choose_standard, load_report

    if output == "pdf" and output_path is None:
        raise SupportbenchError("a PDF is written to a file: give --output board.pdf")
    start = since.replace(tzinfo=UTC) if since else None
    end = until.replace(tzinfo=UTC) + timedelta(days=1) if until else None
    if start and end and end <= start:
        raise SupportbenchError("--until is before --since: nothing to report")
    # With --db the store says it all (its catalog keeps the vendors and standards); else targets.yaml names it.
    with Store.open_readonly(Path(db_path) if db_path else _load(config_path).database) as store:
        board = load_report(store, choose_standard(store, standard_name), start, end, SystemClock().now())
    if output == "pdf":
        from supportbench.reports.pdf import board_pdf

        written: bytes | str = board_pdf(board)
    else:
        from supportbench.reports.text import render

        written = render(board, output)
    if output_path is None:
        click.echo(written)
        return
    from supportbench.cli.files import write_atomically

    write_atomically(output_path, written)
    click.echo(f"wrote {output_path}", err=True)


@main.command()
@config_option
@db_option
def rescore(config_path: str, db_path: str | None) -> None:
    """Recompute every probe's facts and verdicts from the stored raw messages (and read again any
    message that could not be read before)."""
    from supportbench.inbound.replies import process_new_messages

    config, store = _open(config_path, db_path)
    with store:
        read_again = process_new_messages(store, config, SystemClock().now(), retry_unreadable=True)
        if read_again:
            click.echo(f"read {read_again} messages again")
        _evaluate(store, config, "all")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, per line, in the order given.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Also match against the probes in this store.")
@click.option(
    "-c",
    "--config",
    "config_path",
    default=DEFAULT_CONFIG,
    show_default=True,
    help="The targets.yaml whose vendors matching uses (with --db).",
)
@click.option(
    "--probe", "probe_id", help="Judge each file as a reply to this probe: a probe id, or with --db an outbox id."
)
def inspect(
    files: tuple[Path, ...], as_json: bool, db_path: str | None, config_path: str, probe_id: str | None
) -> None:
    """What the benchmark sees in MESSAGE.eml files (a folder: its .eml files, subfolders too):
    kind, reasons, bounce, threading, match, reply text."""
    from supportbench.cli.inspection import (
        as_text,
        expand,
        inspect_file,
        probe_from_config,
        probe_from_store,
    )
    from supportbench.inbound.replies import Probes, vendor_index
    from supportbench.message.match import VendorIndex

    probes, vendors, judged_as = None, VendorIndex([]), None
    config = _load(config_path) if db_path or probe_id else None
    if db_path and config:
        vendors = vendor_index(config)
        with Store.open_readonly(db_path) as store:
            probes = Probes().index(store)
            if probe_id and probe_id.isdigit():
                rows = store.outbox_rows("id = ? AND kind = 'probe'", [int(probe_id)])
                if not rows:
                    raise SupportbenchError(f"--probe {probe_id}: no probe with this outbox id in {db_path}")
                judged_as = probe_from_store(config, rows[0])
    if probe_id and config and judged_as is None:
        judged_as = probe_from_config(config, probe_id)
    failed = 0
    for path in expand(list(files)):
        report = inspect_file(path, probes, vendors, judged_as)
        failed += "error" in report
        click.echo(json.dumps(report, ensure_ascii=False) if as_json else as_text(report))
    if failed:
        sys.exit(1)


def _invocation() -> str:
    """How the user can run this command again: `supportbench` if that is on PATH, else its path."""
    program = Path(sys.argv[0]).resolve()
    if program.name != "supportbench":
        return f"{Path(sys.executable).name} -m supportbench"
    on_path = shutil.which("supportbench")
    if on_path and Path(on_path).resolve() == program:
        return "supportbench"
    return os.path.relpath(program) if Path.cwd() in program.parents else str(program)


class _Progress:
    """A progress bar that appears once the total is known, on a terminal only."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.done = 0

    def __enter__(self) -> _Progress:
        return self

    def update(self, done: int, total: int, step: bool = False) -> None:
        if self.bar is None and total > 0:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.done = self.done + done if step else done
        if self.bar is not None:
            self.bar.update(self.done - self.bar.pos)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@main.command()
@click.option("--vendors", default=13, show_default=True, type=click.IntRange(1, 200), help="Simulated vendors.")
@click.option("--weeks", default=6, show_default=True, type=click.IntRange(1, 26), help="Simulated weeks, up to now.")
@click.option("--db", "db_path", default="supportbench-demo.db", show_default=True, type=click.Path(dir_okay=False),
              help="Where the demo's store is written (replaced on each run).")  # fmt: skip
@click.option("--verify", is_flag=True, help="Compare what was measured with what the simulated vendors did.")
@click.option("--seed", default=2026, show_default=True, help="Seed of the simulated vendors' choices.")
def demo(vendors: int, weeks: int, db_path: str, verify: bool, seed: int) -> None:
    """Weeks of mystery shopping in minutes: simulated vendors and clock, everything else real."""
    from supportbench.reports.board import choose_standard, load_report
    from supportbench.reports.text import render
    from supportbench.simulation.demo import DemoOptions, demo_config_path, run_demo
    from supportbench.simulation.truth import check

    options = DemoOptions(vendors=vendors, weeks=weeks, seed=seed, db=Path(db_path))
    with _Progress("simulated hours") as progress:
        run = run_demo(options, click.echo, progress.update)
    click.echo(f"{run.probes_sent} probes sent, {len(run.delivered)} replies delivered by the simulated vendors")
    with Store.open_readonly(run.store_path) as store:
        standard = choose_standard(store, DEFAULT_STANDARD)
        click.echo("")
        click.echo(render(load_report(store, standard, None, None, SystemClock().now()), "table"))
        click.echo("")
        click.echo("what each simulated vendor really does:")
        for vendor in run.config.vendors:
            click.echo(f"  {vendor.name:<24} {vendor.language}  {vendor.tags['behaviour']}")
        if verify:
            outbox_ids = {row["message_id"]: row["id"] for row in store.outbox_rows("kind = 'probe'")}
            measures = check(run.delivered, run.bounced_probes, store.interpreted_messages(), outbox_ids,
                             store.probe_facts())  # fmt: skip
    click.echo("")
    opening = f"{_invocation()} dashboard --db {run.store_path}"
    click.echo(f"the store is {run.store_path}; see it in the dashboard:  {opening}")
    click.echo(f"review its verdicts:  {_invocation()} review serve -c {demo_config_path(run.store_path)} "
               "--reviewer you@example.com")  # fmt: skip
    if verify:
        click.echo("truth check (pipeline against what the simulated vendors did):")
        for measure in measures:
            click.echo("  " + measure.describe())
            for line in measure.disagreements[:5]:
                click.echo("      " + line)
        if not all(m.exact for m in measures if m.name != "completeness"):
            raise SupportbenchError("the benchmark disagrees with the simulated vendors on kinds, matches or times")


@main.command()
@config_option
@click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), help="The store to show (default: from targets.yaml)."
)
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1024, 65535))
@click.option("--address", default="127.0.0.1", show_default=True, help="Listen address (loopback by default).")
def dashboard(config_path: str, db_path: str | None, port: int, address: str) -> None:
    """Start the dashboard (Streamlit) on the store, read-only."""
    if db_path is None:
        db_path = str(_load(config_path).database)
    if not Path(db_path).exists():
        raise SupportbenchError(f"{db_path}: no database here yet (run `supportbench demo`, or `supportbench run`)")
    os.environ["SUPPORTBENCH_DB"] = str(Path(db_path).resolve())
    click.echo(f"dashboard on http://{address}:{port}/ (store {db_path}, read-only); Ctrl-C stops it")
    serve_streamlit("app.py", port, address)


@main.group()
def lab() -> None:
    """The local mail lab: real Postfix and Dovecot on loopback, for trying things out."""


@lab.command("up")
@click.option(
    "--shopper",
    "shopper_address",
    default="shopper@shopper.test",
    show_default=True,
    help="The shopper mailbox to create.",
)
@click.option(
    "--mailbox",
    "mailboxes",
    multiple=True,
    metavar="ADDRESS",
    help="Another mailbox to create (repeatable), e.g. support@acme.test.",
)
def lab_up(shopper_address: str, mailboxes: tuple[str, ...]) -> None:
    """Start the lab, print a ready-to-use `shoppers:` block, stay up until interrupted."""
    from supportbench.lab import MailLab
    from supportbench.lab.servers import write_state

    if LAB_STATE_FILE.exists():
        raise SupportbenchError(f"a lab is already up (state in {LAB_STATE_FILE}): run `supportbench lab down` first")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with MailLab() as mail_lab:
        shopper = mail_lab.add_user(shopper_address)
        created = [mail_lab.add_user(address) for address in mailboxes]
        write_state(mail_lab.state(), LAB_STATE_FILE)
        try:
            block = {"shoppers": [mail_lab.shopper_settings(shopper, "Lab Shopper", "SUPPORTBENCH_LAB_PASSWORD")]}
            click.echo("# The lab is up. Paste this into targets.yaml and export the password:")
            click.echo(f"export SUPPORTBENCH_LAB_PASSWORD='{shopper.password}'")
            click.echo(yaml.safe_dump(block, sort_keys=False, allow_unicode=True), nl=False)
            for user in created:
                click.echo(f"# mailbox {user.address} password {user.password}")
            ports = mail_lab.ports
            click.echo(
                f"# submission 127.0.0.1:{ports.submission} (STARTTLS), inbound SMTP 127.0.0.1:{ports.smtp}, "
                f"IMAP 127.0.0.1:{ports.imap} (STARTTLS) / {ports.imaps} (TLS), CA {mail_lab.ca_file}"
            )
            click.echo("# Ctrl-C or `supportbench lab down` stops it.")
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
        finally:
            LAB_STATE_FILE.unlink(missing_ok=True)
    click.echo("lab stopped")


@lab.command("down")
def lab_down() -> None:
    """Stop a lab started with `supportbench lab up`."""
    from supportbench.lab.servers import stop_from_state

    if stop_from_state(LAB_STATE_FILE):
        click.echo("lab stopped")
    else:
        click.echo("no lab is up")


def run() -> None:
    """Console entry point: the error family becomes one line per problem and exit 1."""
    try:
        main(standalone_mode=False)
    except ConfigError as exc:
        click.echo(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    except SupportbenchError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except sqlite3.Error as exc:
        if os.environ.get("SUPPORTBENCH_DEBUG"):
            raise
        click.echo(f"error: {explain(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("SUPPORTBENCH_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in supportbench; run again with SUPPORTBENCH_DEBUG=1 for the details", err=True)
        sys.exit(2)
