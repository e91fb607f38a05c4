"""The SQLite store: its migrations and the SQL of everything but the kept summaries (summaries.py).

One writer process opens it with `Store.open` (WAL, busy timeout, migrations
applied); readers such as the dashboard use `Store.open_readonly`, a `mode=ro`
connection that can never write. Times are stored as ISO 8601 text in UTC.
Raw messages are kept as bytes before anything interprets them, so history can be
re-scored without re-probing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

import sqlite_utils
from sqlite_utils.migrations import Migrations

from supportbench import __version__
from supportbench.errors import StoreError
from supportbench.judging.records import Judgement, Outcome, ProbeFacts
from supportbench.judging.review import Review
from supportbench.message.match import probe_lines, quotable_lines
from supportbench.message.parse import body_text
from supportbench.ranking.ranks import ProbeOutcome
from supportbench.store.rows import (
    BounceRow,
    EventRow,
    HealthRow,
    HistoryRow,
    InterpretedRow,
    LinkedMessageRow,
    NewOutboxRow,
    OutboxRow,
    ProbeRefRow,
    ProbeToEvaluate,
    StateCountRow,
    UnreadableRow,
    UnreadMessageRow,
    VendorOverviewRow,
)

BUSY_TIMEOUT_MS = 10_000
_IDS_PER_QUERY = 500  # well under SQLite's limit on a statement's parameters
EvaluationScope = Literal["all", "changeable", "new"]  # which probes an evaluation reads
# A message is stored once per (mailbox, folder, UIDVALIDITY, UID): re-fetching is harmless.
_INSERT_MESSAGE = """
    INSERT INTO messages (mailbox, folder, folder_role, uidvalidity, uid, internal_date,
                          fetched_at, message_id, size, sha256, raw)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (mailbox, folder, uidvalidity, uid) DO NOTHING
"""
_UPSERT_MARK = (
    "INSERT INTO folder_marks VALUES (?, ?, ?, ?) ON CONFLICT (mailbox, folder) "
    "DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid"
)
migrations = Migrations("supportbench")


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('probe', 'follow_up')),
            parent_id INTEGER REFERENCES outbox(id),
            vendor_id TEXT NOT NULL,
            probe_id TEXT NOT NULL,
            shopper_id TEXT NOT NULL,
            language TEXT NOT NULL,
            to_address TEXT NOT NULL,
            message_id TEXT NOT NULL UNIQUE,
            reference TEXT NOT NULL,
            subject TEXT NOT NULL,
            -- pending: recorded before SMTP; deferred: a temporary failure, retried at
            -- next_attempt_at; uncertain: a crash left it pending and no Sent copy was found.
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'deferred', 'failed', 'uncertain')),
            created_at TEXT NOT NULL,
            due_at TEXT,
            sent_at TEXT,
            smtp_response TEXT,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            raw BLOB
        )
        """
    )
    db.execute("CREATE INDEX outbox_vendor ON outbox(vendor_id, created_at)")
    db.execute("CREATE INDEX outbox_state ON outbox(state)")
    # A follow-up repeats its probe's reference; probes never share one.
    db.execute("CREATE UNIQUE INDEX outbox_reference ON outbox(reference) WHERE kind = 'probe'")
    db.execute("CREATE INDEX outbox_parent ON outbox(parent_id)")
    db.execute(
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            mailbox TEXT NOT NULL,
            folder TEXT NOT NULL,
            folder_role TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            internal_date TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            message_id TEXT,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            raw BLOB NOT NULL,
            UNIQUE (mailbox, folder, uidvalidity, uid)
        )
        """
    )
    db.execute("CREATE INDEX messages_sha ON messages(mailbox, sha256)")
    db.execute(
        """
        CREATE TABLE folder_marks (
            mailbox TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL,
            PRIMARY KEY (mailbox, folder)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE classifications (
            message_pk INTEGER PRIMARY KEY REFERENCES messages(id),
            kind TEXT NOT NULL CHECK (kind IN ('bounce', 'auto_reply', 'human', 'unrelated')),
            reasons TEXT NOT NULL,
            bounce TEXT,
            classified_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE links (
            message_pk INTEGER PRIMARY KEY REFERENCES messages(id),
            outbox_id INTEGER NOT NULL REFERENCES outbox(id),
            method TEXT NOT NULL,
            confidence REAL NOT NULL,
            linked_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX links_outbox ON links(outbox_id)")
    db.execute(
        """
        CREATE TABLE evaluations (
            outbox_id INTEGER NOT NULL REFERENCES outbox(id),
            standard TEXT NOT NULL,
            score REAL,
            result TEXT NOT NULL,
            evaluated_at TEXT NOT NULL,
            PRIMARY KEY (outbox_id, standard)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            level TEXT NOT NULL,
            kind TEXT NOT NULL,
            vendor_id TEXT,
            detail TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX events_at ON events(at)")


@migrations(name="0002_probe_facts")
def _probe_facts(db: sqlite_utils.Database) -> None:
    # What happened to each probe, judged by no standard yet; `final` once nothing can change it
    # but a new message. `evaluations` (0001) holds each standard's verdict per criterion.
    db.execute(
        """
        CREATE TABLE probe_facts (
            outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),
            vendor_id TEXT NOT NULL,
            probe_id TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            facts TEXT NOT NULL,
            final INTEGER NOT NULL,
            analysed_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX probe_facts_vendor ON probe_facts(vendor_id, sent_at)")
    db.execute("CREATE INDEX evaluations_standard ON evaluations(standard, outbox_id)")


OUTCOME_COLUMNS = ("decided", "replied", "hours", "business_hours", "within_deadline", "completeness",
                   "etiquette_passed", "etiquette_judged")  # fmt: skip


@migrations(name="0003_outcome_columns_and_catalog")
def _outcome_columns(db: sqlite_utils.Database) -> None:
    # What ranking needs of each verdict, as columns: the leaderboard of 100,000 probes reads
    # no JSON. `catalog` keeps the config's vendors, probes and standards as of the last
    # evaluation, so a reader (the dashboard) needs the store alone.
    for column, kind in zip(OUTCOME_COLUMNS, ("INTEGER", "INTEGER", "REAL", "REAL", "INTEGER", "REAL", "INTEGER",
                                               "INTEGER"), strict=True):  # fmt: skip
        db.execute(f"ALTER TABLE evaluations ADD COLUMN {column} {kind}")
        path = "$.outcome." + column
        db.execute(f"UPDATE evaluations SET {column} = json_extract(result, ?)", [path])
    db.execute(
        """
        CREATE TABLE catalog (
            kind TEXT NOT NULL CHECK (kind IN ('vendor', 'probe', 'standard', 'setting')),
            id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        )
        """
    )


@migrations(name="0004_outbox_quotable_lines")
def _quotable_lines(db: sqlite_utils.Database) -> None:
    # Matching compares replies with the distinctive lines of every probe sent. Kept beside the
    # bytes when a message is written: re-reading 100,000 probes' bodies whenever mail arrives
    # took seconds. Rows written before this migration get theirs here.
    _add_outbox_column_from_raw(db, "quotable", _lines_json)


@migrations(name="0005_no_message_content_index")
def _no_content_index(db: sqlite_utils.Database) -> None:
    # Stored bytes are looked up by digest only after a UIDVALIDITY change, which is rare, and
    # then all of a folder's digests are read at once. The index, kept up to date at every
    # insert in random order, made storing a first sync's messages cost about a quarter more.
    db.execute("DROP INDEX messages_sha")


@migrations(name="0006_outbox_version")
def _outbox_version(db: sqlite_utils.Database) -> None:
    # A number that changes whenever any outbox row does, whichever connection wrote it: a
    # long-running `run` keeps its probe index until the probes change, instead of building
    # it again for every message that arrives.
    db.execute("CREATE TABLE versions (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    db.execute("INSERT INTO versions VALUES ('outbox', 0)")
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER outbox_{event.lower()} AFTER {event} ON outbox
                BEGIN UPDATE versions SET value = value + 1 WHERE name = 'outbox'; END"""
        )


@migrations(name="0007_verdicts_stored_once")
def _verdicts_once(db: sqlite_utils.Database) -> None:
    # A verdict's score and outcome live in their columns (0003) only; the JSON keeps what has
    # no column, the verdict per criterion. Reports and the dashboard read the same columns.
    db.execute("ALTER TABLE evaluations RENAME COLUMN result TO criteria")
    db.execute("UPDATE evaluations SET criteria = json_extract(criteria, '$.criteria')")


@migrations(name="0008_outbox_body_text")
def _body_text(db: sqlite_utils.Database) -> None:
    # A probe's text as analysis reads it (is the question quoted back?), kept when the row is
    # written: every evaluation used to parse every probe's bytes again.
    _add_outbox_column_from_raw(db, "body", body_text)


@migrations(name="0009_unreadable_kind")
def _unreadable_kind(db: sqlite_utils.Database) -> None:
    # A message the reader fails on is kept `unreadable` with the reason, never blocking the
    # messages around it, and read again by a newer reader (`reader` names the version).
    db.execute(
        """
        CREATE TABLE classifications_new (
            message_pk INTEGER PRIMARY KEY REFERENCES messages(id),
            kind TEXT NOT NULL CHECK (kind IN ('bounce', 'auto_reply', 'human', 'unrelated', 'unreadable')),
            reasons TEXT NOT NULL,
            bounce TEXT,
            classified_at TEXT NOT NULL,
            reader TEXT
        )
        """
    )
    db.execute("INSERT INTO classifications_new SELECT *, NULL FROM classifications")
    db.execute("DROP TABLE classifications")
    db.execute("ALTER TABLE classifications_new RENAME TO classifications")


@migrations(name="0010_health")
def _health(db: sqlite_utils.Database) -> None:
    # What each part of a running `run` last did, for `status` and the dashboard to show.
    db.execute(
        """
        CREATE TABLE health (
            component TEXT PRIMARY KEY,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT
        )
        """
    )


@migrations(name="0011_health_detail")
def _health_detail(db: sqlite_utils.Database) -> None:
    # What a part of `run` found when it last succeeded (a watcher: its folders, and how).
    db.execute("ALTER TABLE health ADD COLUMN detail TEXT")


@migrations(name="0012_alerts_sent")
def _alerts_sent(db: sqlite_utils.Database) -> None:
    # Each alert mailed to the analysts once: its key, and when it went.
    db.execute("CREATE TABLE alerts_sent (key TEXT PRIMARY KEY, sent_at TEXT NOT NULL)")


@migrations(name="0013_outcome_covering_index")
def _outcome_covering_index(db: sqlite_utils.Database) -> None:
    # The leaderboard reads every probe's outcome under one standard: with this index SQLite answers
    # from it alone and never pages in the wide criteria JSON beside each outcome.
    columns = ", ".join(OUTCOME_COLUMNS)
    db.execute(f"CREATE INDEX evaluations_outcomes ON evaluations(standard, outbox_id, score, {columns})")
    db.execute("DROP INDEX evaluations_standard")  # the first two columns of the new one


@migrations(name="0014_reviews")
def _reviews(db: sqlite_utils.Database) -> None:
    # The analysts' reviews: kept beside the judge's verdicts, never written over them (see judging/review.py).
    db.execute(
        """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            message_pk INTEGER NOT NULL REFERENCES messages(id),
            outbox_id INTEGER NOT NULL REFERENCES outbox(id),
            item TEXT NOT NULL,
            machine TEXT NOT NULL,
            decided TEXT NOT NULL,
            language TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('queue', 'sample')),
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX reviews_message ON reviews(message_pk, item)")
    db.execute("CREATE INDEX reviews_outbox ON reviews(outbox_id, at)")


@migrations(name="0015_outcome_facts_index")
def _outcome_facts_index(db: sqlite_utils.Database) -> None:
    # What the leaderboard reads of each probe's facts beside its outcome: with the facts' JSON
    # in the same rows, looking the columns up in the table pages in all of it (twice as slow).
    db.execute("CREATE INDEX probe_facts_outcome ON probe_facts(outbox_id, vendor_id, probe_id, sent_at)")


@migrations(name="0016_vendor_summaries")
def _vendor_summaries(db: sqlite_utils.Database) -> None:
    # Each vendor's leaderboard row under each standard, kept by the writer so that a reader need
    # not read every probe (see store/summaries.py). A standard's mark says its summaries are all
    # there, for the standard as written in the mark; a pending vendor's probes changed since its
    # summaries were made (its generation counts the changes, so a refresh that raced a change
    # leaves the vendor pending). A store migrated here has no marks: the next evaluation makes all.
    db.execute(
        "CREATE TABLE vendor_summaries (standard TEXT NOT NULL, vendor_id TEXT NOT NULL, summary TEXT NOT NULL, "
        "PRIMARY KEY (standard, vendor_id)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE summary_marks (standard TEXT PRIMARY KEY, fingerprint TEXT NOT NULL)")
    db.execute("CREATE TABLE summaries_pending (vendor_id TEXT PRIMARY KEY, generation INTEGER NOT NULL)")


@migrations(name="0017_reviews_moved_index")
def _reviews_moved_index(db: sqlite_utils.Database) -> None:
    # Which probes a review moved a message to, looked up for every probe an evaluation considers:
    # without it each probe scanned every review (100,000 probes and 1,000 moves: 28 s, then 0.3 s).
    db.execute("CREATE INDEX reviews_moved ON reviews(decided, at) WHERE item = 'link'")


def _add_outbox_column_from_raw(db: sqlite_utils.Database, column: str, value_of: Callable[[bytes], str]) -> None:
    """A new text column of the outbox, filled for the rows already written from their bytes."""
    db.execute(f"ALTER TABLE outbox ADD COLUMN {column} TEXT")
    last = 0
    while rows := db.execute(
        "SELECT id, raw FROM outbox WHERE id > ? AND raw IS NOT NULL ORDER BY id LIMIT 1000", [last]
    ).fetchall():  # in slices: a large outbox's bytes never all in memory
        db.conn.executemany(f"UPDATE outbox SET {column} = ? WHERE id = ?", [(value_of(raw), pk) for pk, raw in rows])
        last = rows[-1][0]


def _lines_json(raw: bytes) -> str:
    return _compact_json(list(probe_lines(raw)))


class OutcomeRow(ProbeOutcome):
    """One probe's verdict under one standard as stored (its `criteria` when asked for), with what
    filters need of the probe. Reports and the dashboard read verdicts as these rows only."""

    probe_id: str
    sent_at: str
    outbox_id: int


@dataclass(frozen=True)
class Evaluated:
    """One probe's facts and its verdict under every standard, serialised where they were computed.

    (A rescore computes in worker processes: JSON text crosses back more cheaply than dicts.)
    """

    outbox_id: int
    vendor_id: str
    probe_id: str
    sent_at: datetime
    facts_json: str
    final: bool
    results: dict[str, tuple[Any, ...]]  # standard name -> (score, *OUTCOME_COLUMNS, criteria as JSON)

    @classmethod
    def of(
        cls,
        outbox_id: int,
        vendor_id: str,
        probe_id: str,
        sent_at: datetime,
        facts: ProbeFacts,
        final: bool,
        results: dict[str, Judgement],
    ) -> Evaluated:
        return cls(
            outbox_id,
            vendor_id,
            probe_id,
            sent_at,
            _compact_json(facts),
            final,
            {
                standard: (result["score"], *_outcome_values(result["outcome"]), _compact_json(result["criteria"]))
                for standard, result in results.items()
            },
        )


def _outcome_values(outcome: Outcome) -> tuple[Any, ...]:
    """The outcome's columns, in OUTCOME_COLUMNS order."""
    values: Mapping[str, Any] = outcome
    return tuple(values[column] for column in OUTCOME_COLUMNS)


def _to_evaluate(scope: EvaluationScope) -> str:
    """FROM and WHERE of the sent probes an evaluation of `scope` reads."""
    # New mail linked to it, or a review since it was analysed (of one of its messages, or of a
    # message moved to it: a moved message's review names the probe it left).
    new = """(f.outbox_id IS NULL OR EXISTS (
               SELECT 1 FROM links l WHERE l.outbox_id = o.id AND l.linked_at > f.analysed_at)
             OR EXISTS (SELECT 1 FROM reviews r WHERE r.outbox_id = o.id AND r.at > f.analysed_at)
             OR EXISTS (SELECT 1 FROM reviews r WHERE r.item = 'link' AND r.decided = CAST(o.id AS TEXT)
                        AND r.at > f.analysed_at))"""
    stale = {"all": "1", "new": new, "changeable": f"(f.final = 0 OR {new})"}[scope]
    return f"""FROM outbox o LEFT JOIN probe_facts f ON f.outbox_id = o.id
               WHERE o.kind = 'probe' AND o.state IN ('sent', 'uncertain') AND {stale}"""


# Made once: json.dumps with any option set builds a new encoder at every call, a third of
# what it costs to encode a classification's reasons.
_JSON_TEXT = json.JSONEncoder(ensure_ascii=False)
_JSON_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _compact_json(value: Any) -> str:
    return _JSON_COMPACT.encode(value)


def iso(moment: datetime) -> str:
    """An aware datetime as UTC ISO text; naive datetimes are a programming error."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to the store")
    return moment.astimezone(UTC).isoformat()


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _message_values(message: StoredMessage, fetched_at: str) -> list[Any]:
    return [
        message.mailbox,
        message.folder,
        message.folder_role,
        message.uidvalidity,
        message.uid,
        iso(message.internal_date),
        fetched_at,
        message.message_id,
        len(message.raw),
        hashlib.sha256(message.raw).hexdigest(),
        message.raw,
    ]


class Interpreted(NamedTuple):
    """What the classifier and matcher concluded about one stored message, as the store keeps it.

    Made with `Interpreted.of`, where the message is interpreted: in a first sync that is a
    worker process, so the JSON is written there and not in the one process that writes the
    store.
    """

    message_pk: int
    kind: str
    reasons_json: str  # a JSON list of strings
    bounce_json: str | None  # a JSON object: recipient, status, permanent
    link: tuple[int, str, float] | None  # (outbox id, method, confidence)

    @classmethod
    def of(
        cls,
        message_pk: int,
        kind: str,
        reasons: list[str],
        bounce: Mapping[str, object] | None,
        link: tuple[int, str, float] | None,
    ) -> Interpreted:
        return cls(message_pk, kind, _JSON_TEXT.encode(reasons), json.dumps(bounce) if bounce else None, link)


@dataclass(frozen=True)
class StoredMessage:
    """A raw inbound message as fetched, before any interpretation."""

    mailbox: str
    folder: str
    folder_role: str
    uidvalidity: int
    uid: int
    internal_date: datetime
    raw: bytes
    message_id: str | None = None


def _reader(path: Path, options: str) -> sqlite_utils.Database:
    uri = f"{path.resolve().as_uri()}?{options}"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(connection)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opening is lazy: read, to know it works
    return db


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def explain(exc: sqlite3.Error, otherwise: str = "the store reported an error") -> str:
    """What a failure of SQLite means for the user's data, and what to do about it."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"the store is busy: another process held its write lock for over {BUSY_TIMEOUT_MS // 1000} s "
                "(another supportbench command, or a backup); nothing was lost: run the command again")  # fmt: skip
    if "full" in text:
        return ("the disk is full; the store is intact (the unfinished write was undone): free some space and run "
                "the command again")  # fmt: skip
    if "malformed" in text or "corrupt" in text:
        return (f"the store file is damaged ({exc}); what it held is still in it: copy the file aside and run "
                "`sqlite3 COPY .recover | sqlite3 NEW.db`, then point `database:` at NEW.db")  # fmt: skip
    if "readonly" in text or "read-only" in text:
        return f"the store cannot be written by this user ({exc}): check the file's and its folder's permissions"
    return f"{otherwise} ({exc})"


class Store:
    """A connection to the store; all reads and writes of the project go through here."""

    def __init__(self, db: sqlite_utils.Database, path: Path, readonly: bool) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._identity = _file_identity(path)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open for writing (the one writer process), creating and migrating as needed."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: cannot make the folder for the database ({exc})") from None
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            db = sqlite_utils.Database(connection)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
            # NORMAL survives a crash of this process; the commits that must also survive a power
            # loss (a `pending` outbox row) are made FULL one by one (`add_pending`).
            db.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: {explain(exc, 'cannot open as a supportbench database')}") from None
        except (OSError, ValueError) as exc:  # a NUL in the name, a folder in the way
            raise StoreError(f"{path}: cannot open ({exc})") from None
        return cls(db, path, readonly=False)

    @classmethod
    def open_readonly(cls, path: Path | str) -> Store:
        """Open for reading only (URI mode=ro); the file must exist and be migrated.

        In a folder this user cannot write, SQLite cannot make the WAL's shared-memory file that a
        reader needs while no writer is open; the file is then read as it stands (`immutable`):
        everything a writer checkpointed, which a writer that closed has done with all of it.
        """
        path = Path(path)
        if not path.exists():
            raise StoreError(f"{path}: no database here yet (run the demo, or `supportbench run`)")
        try:
            try:
                db = _reader(path, "mode=ro")
            except sqlite3.OperationalError as exc:
                if "unable to open" not in str(exc):
                    raise
                db = _reader(path, "mode=ro&immutable=1")
            pending = migrations.pending(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: {explain(exc, 'not a supportbench database')}") from None
        if pending:
            raise StoreError(f"{path}: database needs migrating; open it once with a supportbench command that writes")
        return cls(db, path, readonly=True)

    def close(self) -> None:
        self.db.conn.close()

    def gone(self) -> str | None:
        """Why the file at `path` is no longer the one this connection writes (deleted, or another
        file moved there), or None. Writing on would go to a file nobody will ever read."""
        identity = _file_identity(self.path)
        if identity is None:
            return f"{self.path} was deleted while in use"
        if identity != self._identity:
            return f"{self.path} was replaced by another file while in use"
        return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        return str(self.db.execute("PRAGMA journal_mode").fetchone()[0])

    def applied_migrations(self) -> list[str]:
        return [migration.name for migration in migrations.applied(self.db)]

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of a query as dicts, each typed by the calling method's record (`rows.py`)."""
        return list(self.db.query(sql, params))

    def _rows_among(self, sql: str, ids: Sequence[int]) -> list[Any]:
        """`_rows` of `sql`, whose `{ids}` stands for a list of `ids`, asked a few hundred ids at a
        time (SQLite bounds a statement's parameters); the rows in the order of the chunks."""
        rows: list[Any] = []
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = list(ids[start : start + _IDS_PER_QUERY])
            rows += self._rows(sql.format(ids=", ".join("?" * len(chunk))), chunk)
        return rows

    # -- outbox --------------------------------------------------------------------

    def add_pending(self, row: NewOutboxRow) -> int:
        """Record a probe as pending before any SMTP conversation; returns its id.

        Synced to disk before it returns (synchronous FULL for this one commit): after a power
        loss a probe that may have reached the vendor is still known, and never sent again.
        Costs about 2-3 ms a probe (benchmarks/send.py).
        """
        table = self.db.table("outbox")
        self.db.execute("PRAGMA synchronous = FULL")
        try:
            text = body_text(row["raw"])
            quotable = _compact_json(list(quotable_lines(text)))
            table.insert({"state": "pending", "attempts": 0, "body": text, "quotable": quotable, **row})
        finally:
            self.db.execute("PRAGMA synchronous = NORMAL")
        assert table.last_pk is not None
        return int(table.last_pk)

    def mark_sent(self, outbox_id: int, sent_at: datetime, smtp_response: str) -> None:
        """The server accepted it; the bytes it accepted were stored when the row became pending."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?, smtp_response = ?, error = NULL WHERE id = ?",
                [iso(sent_at), smtp_response, outbox_id],
            )

    def mark_state(self, outbox_id: int, state: str, error: str | None = None) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE outbox SET state = ?, error = ? WHERE id = ?", [state, error, outbox_id])

    def begin_attempt(self, outbox_id: int) -> int:
        """Mark a row in flight (pending) before talking to SMTP; returns the attempt number."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_attempt_at = NULL WHERE id = ?",
                [outbox_id],
            )
        return int(self.db.execute("SELECT attempts FROM outbox WHERE id = ?", [outbox_id]).fetchone()[0])

    def mark_deferred(self, outbox_id: int, error: str, next_attempt_at: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET state = 'deferred', error = ?, next_attempt_at = ? WHERE id = ?",
                [error, iso(next_attempt_at), outbox_id],
            )

    def outbox_history(self, since: datetime) -> list[HistoryRow]:
        """Rows created since `since`, plus each vendor's latest probe (schedules need it)."""
        sql = """
            SELECT vendor_id, probe_id, kind, state, created_at FROM outbox WHERE created_at >= ?
            UNION
            SELECT vendor_id, probe_id, kind, state, max(created_at) FROM outbox
            WHERE kind = 'probe' AND state != 'failed' GROUP BY vendor_id
        """
        return self._rows(sql, [iso(since)])

    def due_retries(self, now: datetime) -> list[OutboxRow]:
        return self.outbox_rows("state = 'deferred' AND next_attempt_at <= ?", [iso(now)])

    def follow_up_candidates(self) -> list[OutboxRow]:
        """Sent probes with no human reply linked to them or to their follow-ups."""
        return self.outbox_rows(
            """kind = 'probe' AND state = 'sent' AND NOT EXISTS (
                   SELECT 1 FROM links JOIN classifications USING (message_pk)
                   WHERE classifications.kind = 'human'
                     AND links.outbox_id IN (
                         SELECT id FROM outbox AS o WHERE o.id = outbox.id OR o.parent_id = outbox.id)
               )"""
        )

    def follow_ups_of(self, outbox_id: int) -> list[OutboxRow]:
        return self.outbox_rows("parent_id = ? AND state != 'failed'", [outbox_id])

    def vendor_overview(self) -> list[VendorOverviewRow]:
        """Per vendor: probes that went out, and what came back to them, by kind and folder."""
        sql = """
            SELECT o.vendor_id,
                   count(DISTINCT CASE WHEN o.kind = 'probe' AND o.state IN ('sent', 'uncertain')
                                       THEN o.id END) AS probes,
                   count(DISTINCT CASE WHEN c.kind = 'human' THEN l.outbox_id END) AS answered,
                   sum(c.kind = 'human') AS human, sum(c.kind = 'auto_reply') AS auto_replies,
                   sum(c.kind = 'bounce') AS bounces, sum(m.folder_role = 'junk') AS in_junk
            FROM outbox o
            LEFT JOIN links l ON l.outbox_id = o.id
            LEFT JOIN classifications c ON c.message_pk = l.message_pk
            LEFT JOIN messages m ON m.id = l.message_pk
            GROUP BY o.vendor_id ORDER BY o.vendor_id
        """
        return self._rows(sql)

    def status_counts(self) -> list[StateCountRow]:
        sql = """
            SELECT vendor_id, kind, state, count(*) AS n, max(created_at) AS latest
            FROM outbox GROUP BY vendor_id, kind, state ORDER BY vendor_id
        """
        return self._rows(sql)

    def outbox_row(self, outbox_id: int) -> OutboxRow:
        row: OutboxRow = dict(self.db.table("outbox").get(outbox_id))  # type: ignore[assignment]  # every column
        return row

    def outbox_rows(self, where: str = "1", params: list[object] | None = None) -> list[OutboxRow]:
        return self._rows(f"SELECT * FROM outbox WHERE {where} ORDER BY id", params or [])

    # -- inbound messages ----------------------------------------------------------

    def stored_digests(self, mailbox: str, folder: str) -> set[str]:
        """The SHA-256 of every message stored from a folder (a UIDVALIDITY change renumbers, not renews)."""
        sql = "SELECT sha256 FROM messages WHERE mailbox = ? AND folder = ?"
        return {row[0] for row in self.db.execute(sql, [mailbox, folder])}

    def folder_mark(self, mailbox: str, folder: str) -> tuple[int, int] | None:
        """(UIDVALIDITY, last UID) seen in a folder, or None before the first sync."""
        row = self.db.execute(
            "SELECT uidvalidity, last_uid FROM folder_marks WHERE mailbox = ? AND folder = ?", [mailbox, folder]
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def set_folder_mark(self, mailbox: str, folder: str, uidvalidity: int, last_uid: int) -> None:
        with self.db.atomic():
            self.db.execute(
                _UPSERT_MARK,
                [mailbox, folder, uidvalidity, last_uid],
            )

    def store_batch(
        self, messages: list[StoredMessage], fetched_at: datetime, mark: tuple[str, str, int, int]
    ) -> list[tuple[int, StoredMessage]]:
        """Store raw messages and advance the folder mark in one transaction; returns the new ones with their ids."""
        new, stamp = [], iso(fetched_at)
        with self.db.atomic():
            for message in messages:
                cursor = self.db.execute(_INSERT_MESSAGE, _message_values(message, stamp))
                if cursor.rowcount == 1:  # 0: this UID was stored already
                    assert cursor.lastrowid is not None
                    new.append((cursor.lastrowid, message))
            self.db.execute(_UPSERT_MARK, list(mark))
        return new

    def ids_to_interpret(self, reader: str = __version__, every_unreadable: bool = False) -> list[int]:
        """Messages never interpreted, and those left `unreadable` by another reader than `reader`
        (or by any, with `every_unreadable`), in id order. Ids only, from an index: a scan of the
        table itself reads every message's bytes."""
        sql = """SELECT id FROM messages WHERE id NOT IN (
                     SELECT message_pk FROM classifications
                     WHERE kind != 'unreadable' OR (reader IS ? AND NOT ?)) ORDER BY id"""
        return [row[0] for row in self.db.execute(sql, [reader, every_unreadable])]

    def messages_to_interpret(self, ids: list[int]) -> list[UnreadMessageRow]:
        """These messages with their bytes, in id order (at most a few hundred at once: memory)."""
        sql = """SELECT id, mailbox, folder, folder_role, internal_date, raw FROM messages
                 WHERE id IN ({ids}) ORDER BY id"""
        return self._rows_among(sql, ids)

    def save_interpretations(self, rows: list[Interpreted], at: datetime, reader: str = __version__) -> None:
        """Classifications and links for many messages in one transaction, replacing earlier ones.

        Rescoring is idempotent: a message's old link goes even when it has no new one.
        """
        stamp = iso(at)
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO classifications VALUES (?, ?, ?, ?, ?, ?)",
                [(r.message_pk, r.kind, r.reasons_json, r.bounce_json, stamp, reader) for r in rows],
            )
            # A new link replaces the old one in place; only messages left without one need a delete.
            self.db.conn.executemany(
                "DELETE FROM links WHERE message_pk = ?", [(r.message_pk,) for r in rows if r.link is None]
            )
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
                [(r.message_pk, *r.link, stamp) for r in rows if r.link is not None],
            )

    def outbox_version(self) -> int:
        """A number that changes with every write to the outbox (read it before reading the rows)."""
        return int(self.db.execute("SELECT value FROM versions WHERE name = 'outbox'").fetchone()[0])

    def probe_ref_rows(self) -> list[ProbeRefRow]:
        """What matching needs of each sent message; the bytes only of rows whose lines were never kept."""
        sql = """SELECT id, parent_id, vendor_id, message_id, reference, to_address, sent_at, created_at, quotable,
                        CASE WHEN quotable IS NULL THEN raw END AS raw
                 FROM outbox WHERE state IN ('sent', 'uncertain') ORDER BY id"""
        return self._rows(sql)

    def interpreted_messages(self, ids: Sequence[int] | None = None) -> list[InterpretedRow]:
        """Every stored message (of `ids`) with its kind and link (None where unmatched)."""
        sql = """
            SELECT m.id, m.mailbox, m.folder, m.folder_role, m.internal_date, m.message_id,
                   c.kind, c.reasons, c.bounce, l.outbox_id, l.method, l.confidence
            FROM messages m LEFT JOIN classifications c ON c.message_pk = m.id
            LEFT JOIN links l ON l.message_pk = m.id {among} ORDER BY m.id
        """
        if ids is None:
            return self._rows(sql.format(among=""))
        return self._rows_among(sql.format(among="WHERE m.id IN ({ids})"), ids)

    def permanent_bounces(self) -> list[BounceRow]:
        """Every permanent bounce linked to a probe or follow-up, and every recipient refused for good when
        sending, oldest first."""
        sql = """
            SELECT o.vendor_id, o.to_address, m.internal_date AS at,
                   json_extract(c.bounce, '$.recipient') AS recipient, json_extract(c.bounce, '$.status') AS status,
                   json_extract(c.bounce, '$.reason') AS reason, 'bounced' AS how
            FROM links l JOIN classifications c ON c.message_pk = l.message_pk
            JOIN messages m ON m.id = l.message_pk JOIN outbox o ON o.id = l.outbox_id
            WHERE c.kind = 'bounce' AND json_extract(c.bounce, '$.permanent') = 1
            UNION ALL
            -- Refused at RCPT for good (mail/smtp words it "recipient refused (...)"; a temporary
            -- refusal given up on reads "gave up after"): the same typo, found before sending.
            SELECT vendor_id, to_address, created_at AS at, to_address AS recipient, NULL AS status, error AS reason,
                   'refused' AS how
            FROM outbox WHERE state = 'failed' AND error LIKE '%recipient refused (%' AND error NOT LIKE 'gave up%'
            ORDER BY at
        """
        return self._rows(sql)

    def unreadable_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM classifications WHERE kind = 'unreadable'").fetchone()[0])

    def unreadable_messages(self) -> list[UnreadableRow]:
        """Messages the reader failed on, oldest first, with the reason it gave."""
        sql = """
            SELECT m.id, m.mailbox, m.folder, m.internal_date, json_extract(c.reasons, '$[0]') AS reason, c.reader
            FROM classifications c JOIN messages m ON m.id = c.message_pk
            WHERE c.kind = 'unreadable' ORDER BY m.id
        """
        return self._rows(sql)

    # -- evaluation ------------------------------------------------------------------

    def probes_to_evaluate(
        self, scope: EvaluationScope, after_id: int = 0, limit: int = 1000, only: Sequence[int] | None = None
    ) -> list[ProbeToEvaluate]:
        """Sent probes in id order from `after_id`, by `scope` (of those in `only`, when given):

        - "all": every one (a rescore);
        - "new": never analysed, or a message was linked to it or reviewed since (after mail arrives);
        - "changeable": those, and every probe not yet final, whose verdicts time alone changes.
        """
        among = f"AND o.id IN ({','.join(str(int(i)) for i in only)})" if only is not None else ""
        sql = f"""
            SELECT o.id, o.vendor_id, o.probe_id, o.language, o.subject, o.sent_at, o.created_at, o.shopper_id, o.body
            {_to_evaluate(scope)} {among} AND o.id > ? ORDER BY o.id LIMIT ?
        """
        return self._rows(sql, [after_id, limit])

    def count_to_evaluate(self, scope: EvaluationScope) -> int:
        """How many probes `probes_to_evaluate` will give for `scope` (a progress bar's length)."""
        return int(self.db.execute(f"SELECT count(*) {_to_evaluate(scope)}").fetchone()[0])

    def linked_messages(self, outbox_ids: list[int]) -> list[LinkedMessageRow]:
        """Every message linked to these probes, raw included, oldest first: as the matcher linked
        them, unless an analyst's review moved one (to another probe, or to none)."""
        if not outbox_ids:
            return []
        marks = ",".join("?" * len(outbox_ids))
        sql = f"""
            SELECT l.outbox_id, m.id, m.folder_role, m.internal_date, m.raw, c.kind, c.bounce
            FROM links l JOIN messages m ON m.id = l.message_pk JOIN classifications c ON c.message_pk = m.id
            WHERE l.outbox_id IN ({marks})
              AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.message_pk = l.message_pk AND r.item = 'link')
            UNION ALL
            SELECT CAST(r.decided AS INTEGER), m.id, m.folder_role, m.internal_date, m.raw, c.kind, c.bounce
            FROM reviews r JOIN messages m ON m.id = r.message_pk JOIN classifications c ON c.message_pk = m.id
            WHERE r.item = 'link' AND r.decided IN ({marks})
              AND r.id = (SELECT max(id) FROM reviews x WHERE x.message_pk = r.message_pk AND x.item = 'link')
            ORDER BY 4
        """
        return self._rows(sql, [*outbox_ids, *(str(i) for i in outbox_ids)])

    def add_reviews(self, reviews: Sequence[Review]) -> None:
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT INTO reviews (at, reviewer, message_pk, outbox_id, item, machine, decided, language, mode, "
                "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (r.at, r.reviewer, r.message_pk, r.outbox_id, r.item, json.dumps(r.machine),
                     json.dumps(r.decided), r.language, r.mode, r.note)
                    for r in reviews
                ],
            )  # fmt: skip

    def reviews(self, message_pks: Sequence[int] | None = None) -> list[Review]:
        """Every review (of these messages), oldest first."""
        if message_pks is None:
            rows = self._rows("SELECT * FROM reviews")
        else:
            rows = self._rows_among("SELECT * FROM reviews WHERE message_pk IN ({ids})", message_pks)
        return [
            Review(
                reviewer=row["reviewer"], at=row["at"], message_pk=row["message_pk"], outbox_id=row["outbox_id"],
                item=row["item"], machine=json.loads(row["machine"]), decided=json.loads(row["decided"]),
                language=row["language"], mode=row["mode"], note=row["note"],
            )
            for row in sorted(rows, key=lambda row: row["id"])
        ]  # fmt: skip

    def review_mark(self) -> int:
        """The latest review's id (0 before any): changes whenever anyone records a review."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM reviews").fetchone()[0])

    def message_raw(self, message_pk: int) -> bytes | None:
        row = self.db.execute("SELECT raw FROM messages WHERE id = ?", [message_pk]).fetchone()
        return bytes(row[0]) if row else None

    def save_evaluations(self, rows: list[Evaluated], at: datetime) -> None:
        stamp = iso(at)
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO probe_facts VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (r.outbox_id, r.vendor_id, r.probe_id, iso(r.sent_at), r.facts_json, int(r.final), stamp)
                    for r in rows
                ],
            )  # fmt: skip
            self.db.conn.executemany("DELETE FROM evaluations WHERE outbox_id = ?", [(r.outbox_id,) for r in rows])
            self.db.conn.executemany(
                "INSERT INTO evaluations (outbox_id, standard, score, criteria, evaluated_at, "
                + ", ".join(OUTCOME_COLUMNS)
                + ") VALUES (?, ?, ?, ?, ?, "
                + ", ".join("?" * len(OUTCOME_COLUMNS))
                + ")",
                [
                    (r.outbox_id, standard, values[0], values[-1], stamp, *values[1:-1])
                    for r in rows
                    for standard, values in r.results.items()
                ],
            )
            # In the same transaction: a reader never takes these vendors' old summaries for current.
            self.db.conn.executemany(
                "INSERT INTO summaries_pending VALUES (?, 1) ON CONFLICT DO UPDATE SET generation = generation + 1",
                [(vendor,) for vendor in sorted({r.vendor_id for r in rows})],
            )

    def probe_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM outbox WHERE kind = 'probe'").fetchone()[0])

    def outcomes(
        self,
        standard: str,
        since: datetime | None = None,
        vendor_id: str | None = None,
        with_criteria: bool = False,
        until: datetime | None = None,
    ) -> list[OutcomeRow]:
        """Every probe's verdict under `standard` sent from `since` to before `until` (of one vendor,
        or all), oldest first: the outcome columns, and the verdict per criterion when asked for
        (its JSON is the costly part, which the leaderboard does without)."""
        criteria = ", e.criteria" if with_criteria else ""
        # Every vendor's: the covering index; one vendor's: its probes by the vendor's index.
        index = "probe_facts_vendor" if vendor_id is not None else "probe_facts_outcome"
        sql = f"""
            SELECT f.vendor_id, f.probe_id, f.sent_at, e.outbox_id, e.score, e.decided, e.replied, e.hours,
                   e.business_hours, e.within_deadline, e.completeness, e.etiquette_passed, e.etiquette_judged
                   {criteria}
            FROM evaluations e JOIN probe_facts f INDEXED BY {index} ON f.outbox_id = e.outbox_id
            WHERE e.standard = ? AND f.sent_at >= ? AND (? IS NULL OR f.sent_at < ?)
              {"AND f.vendor_id = ?" if vendor_id is not None else ""} ORDER BY f.sent_at
        """
        end = iso(until) if until else None
        params = [standard, iso(since) if since else "", end, end, *([vendor_id] if vendor_id is not None else [])]
        found = self.db.conn.execute(sql, params).fetchall()
        # A dict display per row, the flags made bools as it is built: the leaderboard reads
        # 100,000 of these, and building them is most of what reading them costs.
        outcomes: list[OutcomeRow] = [
            {"vendor_id": vendor, "probe_id": probe, "sent_at": sent_at, "outbox_id": outbox_id, "score": score,
             "decided": decided == 1, "replied": replied == 1, "hours": hours, "business_hours": business_hours,
             "within_deadline": None if within is None else within == 1, "completeness": completeness,
             "etiquette_passed": passed, "etiquette_judged": judged}
            for vendor, probe, sent_at, outbox_id, score, decided, replied, hours, business_hours, within,
            completeness, passed, judged, *_ in found
        ]  # fmt: skip
        if with_criteria:
            for outcome, row in zip(outcomes, found, strict=True):
                outcome["criteria"] = json.loads(row[-1])
        return outcomes

    def save_catalog(self, kind: str, items: Mapping[str, Mapping[str, object]]) -> None:
        """Replace the catalog's entries of `kind`; nothing is written when they are unchanged
        (every evaluation saves the catalog, and most find it as the last one left it)."""
        rows = {key: _compact_json(data) for key, data in items.items()}
        stored = self.db.query("SELECT id, data FROM catalog WHERE kind = ?", [kind])
        if {row["id"]: row["data"] for row in stored} == rows:
            return
        with self.db.atomic():
            self.db.execute("DELETE FROM catalog WHERE kind = ?", [kind])
            self.db.conn.executemany(
                "INSERT INTO catalog VALUES (?, ?, ?)",
                [(kind, key, data) for key, data in rows.items()],
            )

    def catalog(self, kind: str) -> dict[str, dict[str, object]]:
        rows = self.db.query("SELECT id, data FROM catalog WHERE kind = ? ORDER BY id", [kind])
        return {row["id"]: json.loads(row["data"]) for row in rows}

    def probe_facts(self, vendor_id: str | None = None) -> list[ProbeFacts]:
        """Every probe's facts (of one vendor: by the vendor's index), oldest first."""
        where, params = ("WHERE vendor_id = ?", [vendor_id]) if vendor_id is not None else ("", [])
        rows = self.db.query(f"SELECT facts FROM probe_facts {where} ORDER BY sent_at", params)
        facts: list[ProbeFacts] = [json.loads(row["facts"]) for row in rows]
        return facts

    def probe_facts_of(self, outbox_ids: Sequence[int]) -> list[ProbeFacts]:
        rows = self._rows_among("SELECT facts FROM probe_facts WHERE outbox_id IN ({ids})", outbox_ids)
        facts: list[ProbeFacts] = [json.loads(row["facts"]) for row in rows]
        return facts

    def evaluated_standards(self) -> list[str]:
        return [row["standard"] for row in self.db.query("SELECT DISTINCT standard FROM evaluations ORDER BY 1")]

    def message_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM messages").fetchone()[0])

    # -- health of `run` -------------------------------------------------------------

    def record_success(self, component: str, at: datetime, detail: str | None = None) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO health (component, last_success, detail) VALUES (?, ?, ?) "
                "ON CONFLICT (component) DO UPDATE SET last_success = excluded.last_success, "
                "detail = coalesce(excluded.detail, detail)",
                [component, iso(at), detail],
            )

    def record_failure(self, component: str, at: datetime, error: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO health (component, last_error, last_error_at) VALUES (?, ?, ?) "
                "ON CONFLICT (component) DO UPDATE SET last_error = excluded.last_error, "
                "last_error_at = excluded.last_error_at",
                [component, error[:1000], iso(at)],
            )

    def health(self) -> list[HealthRow]:
        return self._rows(
            "SELECT component, last_success, last_error, last_error_at, detail FROM health ORDER BY component"
        )

    def sent_alert_keys(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT key FROM alerts_sent")}

    def record_alerts_sent(self, keys: Iterable[str], at: datetime) -> None:
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO alerts_sent (key, sent_at) VALUES (?, ?)", [(key, iso(at)) for key in keys]
            )

    # -- events ----------------------------------------------------------------------

    def log_event(
        self, at: datetime, level: str, kind: str, detail: Mapping[str, object], vendor_id: str | None = None
    ) -> None:
        """Record something an operator must be able to see later (a guard's refusal, a failure)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO events (at, level, kind, vendor_id, detail) VALUES (?, ?, ?, ?, ?)",
                [iso(at), level, kind, vendor_id, _JSON_TEXT.encode(detail)],
            )

    def latest_events(self, vendor_id: str) -> list[EventRow]:
        """The vendor's events of its latest moment (what its last attempt recorded)."""
        rows = self.db.execute(
            "SELECT id, at, level, kind, vendor_id, detail FROM events WHERE vendor_id = ? AND at = "
            "(SELECT max(at) FROM events WHERE vendor_id = ?) ORDER BY id",
            [vendor_id, vendor_id],
        )
        return [
            EventRow(id=pk, at=at, level=level, kind=kind, vendor_id=vendor, detail=json.loads(detail))
            for pk, at, level, kind, vendor, detail in rows
        ]

    def events(self, kind: str | None = None) -> list[EventRow]:
        where, params = ("kind = ?", [kind]) if kind else ("1", [])
        rows = self.db.execute(
            f"SELECT id, at, level, kind, vendor_id, detail FROM events WHERE {where} ORDER BY id", params
        )
        return [
            EventRow(id=pk, at=at, level=level, kind=kind, vendor_id=vendor_id, detail=json.loads(detail))
            for pk, at, level, kind, vendor_id, detail in rows
        ]
