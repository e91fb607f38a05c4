"""Vendors from a spreadsheet: located problems per row and column, comments kept, a faithful round trip."""

from __future__ import annotations

import random
import textwrap

import pytest

from supportbench.config.targets import parse_config
from supportbench.config.vendorcsv import COLUMNS, read_vendor_rows
from supportbench.config.vendorimport import export_vendors, import_vendors
from supportbench.config.yamledit import splice_list
from supportbench.errors import ConfigError
from tests.helpers import MINIMAL

# The fields of MINIMAL's vendor other than its id, name and address, shared under an anchor.
_FIELDS = MINIMAL.split("    address: support@acme.example\n")[1].split("\nprobes:")[0] + "\n"
SHARED = "# shared by the UK desks\nx-uk: &uk\n" + textwrap.indent(textwrap.dedent(_FIELDS), "  ") + "\n"
WITH_SHARED = MINIMAL.replace("vendors:\n", SHARED + "vendors:\n  # ours\n")
WITH_SHARED = WITH_SHARED.replace("  - id: hello", "  # the one\n  - id: hello")
HEADER = "id,name,address,language,timezone,country,hours,probes,schedule,shopper\n"


def problems_of(csv_text: str, config_text: str = MINIMAL, **options: object) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        import_vendors(config_text, "targets.yaml", csv_text, "vendors.csv", **options)  # type: ignore[arg-type]
    return raised.value.problems


def test_every_bad_cell_is_named_by_its_spreadsheet_row_and_column() -> None:
    rows = (
        "bolt,Bolt,bolt@bolt.example,en,Europe/London,GB,mon-fri 09:00-17:00,hello,every 7d,alex\n"
        "Bad Id,Bad,bad@bad.example,en,Europe/London,GB,mon-fri 09:00-17:00,hello,every 7d,alex\n"
        "cog,Cog,bolt@bolt.example,en,Mars/Olympus,GB,mon-fri 25:00-17:00,nope,every 7d,zoe\n"
        "dot,Dot,support@acme.example,xx,Europe/London,GB,mon-fri 09:00-17:00,hello,fortnightly please,alex\n"
    )
    problems = problems_of(HEADER + rows)
    row3, row4, row5 = ([p for p in problems if p.startswith(f"vendors.csv row {n}")] for n in (3, 4, 5))
    assert len(row3) == 1 and "column id" in row3[0]
    assert any("column address" in p and "already used by row 2" in p for p in row4)
    assert any("column timezone" in p for p in row4) and any("column hours" in p for p in row4)
    assert any("column probes" in p and "no probe with id 'nope'" in p for p in row4)
    assert any("column shopper" in p and "no shopper with id 'zoe'" in p for p in row4)
    assert any("column address" in p and "vendors[0].address in targets.yaml" in p for p in row5)
    assert any("column schedule" in p and "is not a schedule" in p for p in row5)
    assert not any("row 2" in p.partition(":")[0] for p in problems)  # the good row is not blamed
    assert problems == sorted(problems, key=lambda p: int(p.split("row ")[1].split(",")[0].split(":")[0]))


def test_the_header_is_checked_before_any_row() -> None:
    problems = problems_of("id,name,adress,language\nacme,Acme,a@a.example,en\n")
    assert any("column 3: unknown column 'adress'; did you mean 'address'?" in p for p in problems)
    assert any(p.startswith("vendors.csv row 1: missing columns") and "timezone" in p for p in problems)
    assert problems_of("") == ["vendors.csv: empty; the first row names the columns: " + ", ".join(COLUMNS)]
    assert problems_of(HEADER) == ["vendors.csv: no vendor rows under the header"]


def test_a_row_longer_than_the_header_is_refused_rather_than_shifted() -> None:
    # Semicolon-separated sheet whose hours cell was not quoted: its "; sat closed" spills into the next column.
    text = "id;name;address;hours\nbolt;Bolt;bolt@bolt.example;mon-fri 08:00-16:00; sat closed\n"
    assert problems_of(text, WITH_SHARED, defaults="x-uk") == ["vendors.csv row 2: 5 cells but 4 columns in the header"]


def test_spreadsheet_dialects_read_alike() -> None:
    comma = 'id,name,address,hours\nbolt,Bolt,b@b.example,"mon-fri 08:00-16:00; sat closed"\n'
    semicolon = "\ufeff" + 'id;name;address;hours\r\nbolt;Bolt;b@b.example;"mon-fri 08:00-16:00; sat closed"\r\n\r\n'
    tab = "id\tname\taddress\thours\nbolt\tBolt\tb@b.example\tmon-fri 08:00-16:00; sat closed\n"
    read = [read_vendor_rows(text, "v.csv", {"language", "timezone", "country", "probes", "schedule", "shopper"})
            for text in (comma, semicolon, tab)]  # fmt: skip
    assert read[0] == read[1] == read[2] and read[0][1] == []
    assert read[0][0][0].cells["hours"] == {"mon-fri": "08:00-16:00", "sat": "closed"}


def test_rows_merge_a_shared_block_and_the_file_keeps_its_comments() -> None:
    csv_text = ("id,name,address,hours,tags\n"
                'bolt,Bolt Łódź,bolt@bolt.example,"mon-fri 08:00-12:00, 13:00-16:00; sat closed",segment=b2c\n'
                "cog,Cog,cog@cog.example,,\n")  # fmt: skip
    imported = import_vendors(WITH_SHARED, "targets.yaml", csv_text, "vendors.csv", defaults="x-uk")
    assert imported.added == ["bolt", "cog"]
    comments = [line for line in WITH_SHARED.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in imported.text.splitlines() for line in comments)
    assert imported.text.startswith(WITH_SHARED.split("\nvendors:")[0])
    assert imported.text.count("<<: *uk") == 2
    config = parse_config(imported.text)
    bolt, cog = config.vendor("bolt"), config.vendor("cog")
    assert bolt.hours == {"mon-fri": "08:00-12:00, 13:00-16:00", "sat": "closed"} and bolt.name == "Bolt Łódź"
    assert bolt.tags == {"segment": "b2c"} and cog.hours == {"mon-fri": "09:00-17:00"} and cog.shopper == "alex"
    assert [vendor.id for vendor in config.vendors] == ["acme", "bolt", "cog"]


def test_a_problem_in_a_shared_value_says_where_it_came_from() -> None:
    text = WITH_SHARED.replace("  shopper: alex\n\n", "  shopper: zoe\n\n")
    problems = problems_of("id,name,address\nbolt,Bolt,b@b.example\n", text, defaults="x-uk")
    assert any(p.startswith("vendors.csv row 2, column shopper (from x-uk): no shopper") for p in problems)
    assert problems_of("id,name\n", MINIMAL, defaults="x-uk") == [
        "targets.yaml: no block 'x-uk' to share values from; blocks here: none"
    ]
    after = MINIMAL + SHARED
    assert problems_of("id,name\n", after, defaults="x-uk") == [
        "targets.yaml line 27: x-uk comes after vendors (line 7); YAML needs it above the entries that merge it: "
        "move the block up"
    ]


def test_replace_puts_the_sheet_in_place_of_the_vendors() -> None:
    csv_text = HEADER + "bolt,Bolt,support@acme.example,en,Europe/London,GB,mon 09:00-12:00,hello,7d,alex\n"
    imported = import_vendors(MINIMAL, "targets.yaml", csv_text, "vendors.csv", replace=True)
    assert [vendor.id for vendor in parse_config(imported.text).vendors] == ["bolt"]


def random_vendor(rng: random.Random, index: int) -> dict[str, object]:
    vendor: dict[str, object] = {
        "id": f"v{index}", "name": rng.choice(["Acme, Ltd", 'Bolt "&" Co', "Księgarnia Pod Dębem", "Кофе; Чай"]),
        "address": f"help{index}@v{index}.example", "language": "en", "timezone": "Europe/London", "country": "GB",
        "hours": rng.choice([{"mon-fri": "09:00-17:00"}, {"mon-thu": "08:00-12:30, 13:30-16:00", "fri": "closed"}]),
        "probes": ["hello"], "schedule": rng.choice([{"every": "14d"}, {"cron": "30 10 * * tue"}]), "shopper": "alex",
    }  # fmt: skip
    if rng.random() < 0.5:
        vendor |= {"alternate_addresses": [f"sales{index}@v{index}.example"], "tags": {"segment": "b2b", "x": "y"}}
    if rng.random() < 0.3:
        vendor |= {"paused": True, "open_on_holidays": rng.random() < 0.5, "subdivision": "SCT"}
    return vendor


def test_export_then_import_gives_back_the_same_vendors() -> None:
    import yaml

    rng = random.Random(7)
    data = yaml.safe_load(MINIMAL)
    data["vendors"] = [random_vendor(rng, index) for index in range(25)]
    original = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    exported = export_vendors(original, "targets.yaml")
    reimported = import_vendors(original, "targets.yaml", exported, "vendors.csv", replace=True)
    assert parse_config(reimported.text).vendors == parse_config(original).vendors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nvendors:\n- id: x\n# next\nb: 2\n", "a: 1\nvendors:\n- id: x\n\n- id: y\n# next\nb: 2\n"),
        ("a: 1\nvendors: []  # none yet\nb: 2", "a: 1\nvendors:\n  - id: y\nb: 2\n"),
        ("a: 1\n", "a: 1\n\nvendors:\n  - id: y\n"),
        (
            "vendors:\n    - id: x\n      n: 1\n\n\nb: 2\n",
            "vendors:\n    - id: x\n      n: 1\n\n    - id: y\n\n\nb: 2\n",
        ),
    ],
)
def test_entries_are_spliced_after_the_last_item(text: str, expected: str) -> None:
    assert splice_list(text, "vendors", ["id: y\n"]) == expected


def test_a_one_line_list_is_not_rewritten() -> None:
    with pytest.raises(ConfigError, match="line 2: vendors is written on one line"):
        splice_list("a: 1\nvendors: [{id: x}]\n", "vendors", ["id: y\n"], source="t.yaml")
