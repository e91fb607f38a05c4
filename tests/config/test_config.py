"""targets.yaml: the example validates; bad configs give every problem, located, with the fix."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from supportbench.config.targets import load_config, parse_config
from supportbench.errors import ConfigError
from tests.helpers import EXAMPLE_CONFIG, MINIMAL


def test_example_targets_validate_with_every_language() -> None:
    config = load_config(EXAMPLE_CONFIG)
    assert {vendor.language for vendor in config.vendors} >= {"en", "pl", "ru", "fi", "ro"}
    assert len(config.probes) >= 3
    assert all(len(probe.questions) >= 1 for probe in config.probes)
    assert config.database.parent == EXAMPLE_CONFIG.parent  # resolved next to the file


def test_minimal_config_parses_durations_and_hours() -> None:
    config = parse_config(MINIMAL)
    vendor = config.vendors[0]
    assert vendor.schedule.every == timedelta(days=7)
    assert vendor.weekly_hours.intervals(0) == ((540, 1020),)
    assert vendor.weekly_hours.intervals(5) == ()
    assert config.safety.per_vendor.min_interval == timedelta(days=5)


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture text does not contain {old!r}"
    return text.replace(old, new, 1)


# (description, edit of MINIMAL, expected location, words expected in the message, line)
BAD_CONFIGS = [
    ("bad hours", ('"09:00-17:00"', '"9-5"'), "vendors[0].hours.mon-fri", 'must look like "09:00-17:00"', 14),
    ("hours backwards", ('"09:00-17:00"', '"17:00-09:00"'), "vendors[0].hours.mon-fri", "ends before it starts", 14),
    (
        "day named twice",
        ('{mon-fri: "09:00-17:00"}', '{mon-fri: "09:00-17:00", fri: closed}'),
        "vendors[0].hours",
        "fri is given twice",
        14,
    ),
    ("unknown day", ("mon-fri", "monday-fri"), "vendors[0].hours.monday-fri", "not a day or day range", 14),
    (
        "typo key",
        ("    timezone: Europe/London", "    timzone: Europe/London"),
        "vendors[0].timzone",
        "did you mean 'timezone'",
        12,
    ),
    ("unknown time zone", ("Europe/London", "Europe/Londn"), "vendors[0].timezone", "not an IANA time zone", 12),
    ("unknown country", ("country: GB", "country: XX"), "vendors[0].country", "ISO 3166-1 country code", 13),
    ("unknown language", ("language: en", "language: english"), "vendors[0].language", "not a supported language", 11),
    ("unknown probe", ("probes: [hello]", "probes: [helo]"), "vendors[0].probes[0]", "no probe with id 'helo'", 15),
    ("unknown shopper", ("shopper: alex", "shopper: alec"), "vendors[0].shopper", "no shopper with id 'alec'", 17),
    ("bad duration", ("every: 7d", "every: 7 days"), "vendors[0].schedule.every", "not a duration", 16),
    ("bad cron", ("{every: 7d}", '{cron: "61 * * * *"}'), "vendors[0].schedule.cron", "not a cron expression", 16),
    ("two schedules", ("{every: 7d}", '{every: 7d, cron: "0 9 * * mon"}'), "vendors[0].schedule", "exactly one", 16),
    (
        "literal password",
        ("password_env: ALEX_PW}\n    imap", "password: hunter2}\n    imap"),
        "shoppers[0].smtp.password",
        "secrets must not be written",
        5,
    ),
    (
        "password in env field",
        ("password_env: ALEX_PW}\n    imap", "password_env: 'hunter2!'}\n    imap"),
        "shoppers[0].smtp.password_env",
        "not the password itself",
        5,
    ),
    (
        "header injection",
        ("name: Alex Morgan", 'name: "Alex\\r\\nBcc: x@y.example"'),
        "shoppers[0].name",
        "line breaks",
        3,
    ),
    (
        "subject injection",
        ('subject: "A question"', 'subject: "Hi\\nBcc: x@y.example"'),
        "probes[0].variants.en.subject",
        "line breaks",
        22,
    ),
    (
        "unknown placeholder",
        ("{vendor_name}", "{vendor}"),
        "probes[0].variants.en.body",
        "unknown placeholder {vendor}",
        22,
    ),
    (
        "format spec in a placeholder",
        ("{reference}", "{reference:>300000000}"),
        "probes[0].variants.en.body",
        "placeholder {reference:>300000000} is not allowed",
        22,
    ),
    (
        "attribute in a placeholder",
        ("{vendor_name}", "{vendor_name.__class__}"),
        "probes[0].variants.en.body",
        "is not allowed",
        22,
    ),
    (
        "conversion in a placeholder",
        ("{vendor_name}", "{vendor_name!r}"),
        "probes[0].variants.en.body",
        "not allowed",
        22,
    ),
    (
        "address ending in a line break",
        ("support@acme.example", '"support@acme.example\\n"'),
        "vendors[0].address",
        "not an e-mail address",
        10,
    ),
    ("id ending in a line break", ("id: acme", '"id": "acme\\n"'), "vendors[0].id", "not a valid id", 8),
    (
        "huge duration",
        ("every: 7d", "every: 99999999999999d"),
        "vendors[0].schedule.every",
        "longer than 3660 days",
        16,
    ),
    ("probes as a number", ("probes: [hello]", "probes: 5"), "vendors[0].probes", "valid list", 15),
    ("probes as a list of lists", ("probes: [hello]", "probes: [[hello]]"), "vendors[0].probes[0]", "valid string", 15),
    ("NUL in the database path", ("shoppers:\n", 'database: "sb\\0.db"\nshoppers:\n'), "database", "NUL", 1),
    ("bad category", ("category: pre-sales", "category: presales"), "probes[0].category", "must be one of", 20),
    ("bad address", ("support@acme.example", "support-at-acme"), "vendors[0].address", "not an e-mail address", 10),
    (
        "missing terms for a language",
        ("{en: [[phone, call]]}", "{pl: [[telefon]]}"),
        "probes[0].questions",
        "no answered_if terms for en",
        23,
    ),
    ("bad port", ("port: 587", "port: 70000"), "shoppers[0].smtp.port", "less than or equal to 65535", 5),
    ("bad security", ("security: tls", "security: ssl"), "shoppers[0].imap.security", "must be one of", 6),
    ("missing field", ("    country: GB\n", ""), "vendors[0].country", "is required but missing", 8),
    ("empty value", ("country: GB", "country:"), "vendors[0].country", "has no value", 13),
    (
        "duplicate key",
        ("    language: en\n", "    language: en\n    language: pl\n"),
        "vendors[0].language",
        "given twice",
        12,
    ),
]


@pytest.mark.parametrize(
    ("edit", "location", "words", "line"), [case[1:] for case in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS]
)
def test_bad_config_is_located_and_explained(edit: tuple[str, str], location: str, words: str, line: int) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(_edit(MINIMAL, *edit), source="targets.yaml")
    matching = [problem for problem in raised.value.problems if problem.startswith(location + ":")]
    assert matching, f"no problem at {location}: {raised.value.problems}"
    assert any(words in problem for problem in matching), matching
    assert any(problem.endswith(f"(targets.yaml line {line})") for problem in matching), matching


def test_every_problem_is_reported_at_once() -> None:
    text = _edit(
        _edit(_edit(MINIMAL, "Europe/London", "Mars/Base"), "country: GB", "country: XX"),
        "probes: [hello]",
        "probes: [nope]",
    )
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    locations = {problem.split(":")[0] for problem in raised.value.problems}
    assert {"vendors[0].timezone", "vendors[0].country", "vendors[0].probes[0]"} <= locations
    lines = [int(re.search(r"line (\d+)\)$", problem).group(1)) for problem in raised.value.problems]  # type: ignore[union-attr]
    assert lines == sorted(lines)


def test_duplicate_ids_and_addresses_across_vendors() -> None:
    data = yaml.safe_load(MINIMAL)
    data["vendors"].append(dict(data["vendors"][0]))
    with pytest.raises(ConfigError) as raised:
        parse_config(yaml.safe_dump(data))
    text = "\n".join(raised.value.problems)
    assert "vendors[1].id: duplicate id 'acme' (also vendors[0])" in text
    assert "vendors[1].address: address 'support@acme.example' is already used by vendors[0].address" in text


def test_vendor_language_needs_a_variant_of_each_probe() -> None:
    text = _edit(MINIMAL, "language: en", "language: pl")
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert any("probe 'hello' has no 'pl' variant" in problem for problem in raised.value.problems)


def test_secret_values_never_appear_in_messages() -> None:
    text = _edit(MINIMAL, "password_env: ALEX_PW}\n    imap", "password: S3cr3t-Value}\n    imap")
    text = _edit(text, "password_env: ALEX_PW}", "password_env: 'An0ther-S3cret!'}")
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    joined = "\n".join(raised.value.problems)
    assert "S3cr3t-Value" not in joined and "An0ther-S3cret" not in joined


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("shoppers: [\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("", "must be a mapping"),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 50 levels deep"),
        ("a: " + "{b: " * 60 + "1" + "}" * 60 + "\n", "nested more than 50 levels deep"),
        (  # "billion laughs": nine levels of nine aliases each
            "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 10)),
            "more than 1,000,000 values once its aliases are expanded",
        ),
        ("a: &a [1, *a]\n", "a cycle"),
        ("a: &a {b: *a}\n", "a cycle"),
    ],
)
def test_unparseable_files_get_one_clear_problem(text: str, words: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert len(raised.value.problems) == 1 and words in raised.value.problems[0]


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "targets.yaml")


def test_a_custom_standards_error_is_located_at_its_own_index() -> None:
    data = yaml.safe_load(MINIMAL)
    data["standards"] = ["not a mapping", {"name": "mine", "extends": "nope", "deadline_hours": 4}]
    with pytest.raises(ConfigError) as raised:
        parse_config(yaml.safe_dump(data))
    text = "\n".join(raised.value.problems)
    assert "standards[1].extends: no standard named 'nope'" in text and "standards[0].extends" not in text


@pytest.mark.parametrize("subject", ["=?utf-8?q?K=0D=0ABcc:_x@y.example?=", "=?utf-8?b?SGkNCkJjYzogeEB5LmV4YW1wbGU=?="])
def test_a_subject_that_decodes_to_a_line_break_is_refused(subject: str) -> None:
    text = MINIMAL.replace('subject: "A question"', f"subject: '{subject}'")
    assert subject in text  # the edit took
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert any("line breaks" in problem and ".subject" in problem for problem in raised.value.problems)


def test_what_vendors_share_is_written_once_under_an_x_key_and_merged_in() -> None:
    shared = 'x-uk: &uk\n  language: en\n  timezone: Europe/London\n  country: GB\n  hours: {mon-fri: "09:00-17:00"}\n'
    text = shared + _edit(
        MINIMAL,
        '    language: en\n    timezone: Europe/London\n    country: GB\n    hours: {mon-fri: "09:00-17:00"}\n',
        "    <<: *uk\n",
    )
    vendor = parse_config(text).vendors[0]
    assert (vendor.language, vendor.timezone, vendor.country, vendor.hours) == (
        "en", "Europe/London", "GB", {"mon-fri": "09:00-17:00"}
    )  # fmt: skip
    with pytest.raises(ConfigError) as unknown:
        parse_config("y-uk: 1\n" + MINIMAL)
    assert any(problem.startswith("y-uk:") for problem in unknown.value.problems)  # only x- keys are free
