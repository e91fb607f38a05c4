"""targets.yaml: the analyst's one file, validated once at load.

`load_config(path)` returns a `Config` or raises `ConfigError` listing every problem
at once, each located and saying the fix, e.g.
`vendors[2].hours.mon-fri: must look like "09:00-17:00" (targets.yaml line 41)`.
Unknown keys are errors (a typo must not pass silently), and so is any literal
secret: passwords come from the environment, named by `password_env`.
"""

from __future__ import annotations

import difflib
import re
import string
import types
import typing
from datetime import timedelta
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from supportbench.config.providers import with_preset
from supportbench.config.standards import BUILT_IN as BUILT_IN_STANDARDS
from supportbench.config.standards import CRITERIA, CustomStandard, Deadline, resolve
from supportbench.config.standards import Standard as StandardSpec
from supportbench.config.yamlsource import Path as YamlPath
from supportbench.config.yamlsource import YamlSyntaxError, format_path, parse_yaml
from supportbench.errors import ConfigError
from supportbench.languages import check_language
from supportbench.timing.businesstime import BusinessCalendar, public_holidays
from supportbench.timing.durations import parse_duration
from supportbench.timing.hours import WeeklyHours, build_weekly_hours, parse_day_hours, parse_days

# -- value types ---------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
SECRET_KEYS = frozenset({"password", "passwd", "pass", "secret", "token", "api_key", "apikey"})
TEMPLATE_FIELDS = frozenset({"shopper_name", "shopper_first_name", "shopper_signature", "vendor_name", "reference"})
ProbeCategory = Literal[
    "pre-sales",
    "post-sales-problem",
    "obvious-question",
    "unclear-question",
    "account",
    "billing",
    "technical",
]


def _identifier(value: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    return value


def _address(value: str) -> str:
    if not _ADDRESS.fullmatch(value):  # not `match` with `$`, which lets a final line break through
        raise ValueError(f"{value!r} is not an e-mail address like support@example.com")
    return value.lower()


def _header_text(value: str) -> str:
    # A CR or LF here would let the config inject mail headers; refuse at load, in any spelling:
    # an RFC 2047 encoded word ("=?utf-8?q?K=0D=0ABcc:...?=") decodes to one.
    if _CONTROL.search(value) or _CONTROL.search(_decoded_words(value)):
        raise ValueError("must not contain line breaks or control characters (they would break the mail header)")
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _decoded_words(value: str) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return value  # not valid encoded words: the text itself is what a client shows


def _env_name(value: str) -> str:
    # Never echo the value: if it is not a variable name it may be a password.
    if not _ENV_NAME.fullmatch(value):
        raise ValueError(
            "must name an environment variable (like SHOPPER_PASSWORD) that holds the password, not the password itself"
        )
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{value!r} is not an IANA time zone: use a name like Europe/Warsaw or America/New_York"
        ) from None
    return value


@cache
def _holiday_countries() -> dict[str, list[str]]:
    import holidays

    return {code: list(subdivisions) for code, subdivisions in holidays.list_supported_countries().items()}


def _country(value: str) -> str:
    if value.upper() not in _holiday_countries():
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 country code known to the holidays calendar (e.g. PL, GB, FI)"
        )
    return value.upper()


def _duration(value: Any) -> Any:
    # Analysts write "7d"; pydantic would read a bare number as seconds.
    return parse_duration(str(value)) if isinstance(value, str | int) else value


def _cron(value: str) -> str:
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value)
    except ValueError as exc:
        raise ValueError(f'{value!r} is not a cron expression ({exc}): e.g. "30 10 * * mon"') from None
    return value


def _day_key(value: str) -> str:
    parse_days(value)
    return value


def _day_hours(value: str) -> str:
    parse_day_hours(value)
    return value


def _database_path(value: Path) -> Path:
    if "\x00" in str(value):
        raise ValueError("must not contain a NUL character")
    if value.is_dir():
        raise ValueError(
            f"{str(value)!r} is a folder: name the database file in it, e.g. {str(value / 'supportbench.db')!r}"
        )
    return value


def _template(value: str) -> str:
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(value)
                  if name is not None]  # fmt: skip
    except ValueError as exc:
        raise ValueError(f"is not a valid template ({exc}); write a literal brace as {{{{ or }}}}") from None
    for name, spec, conversion in fields:
        # Only plain {name}: a format spec can build a subject of any size, an attribute or index
        # reaches into the objects behind the values.
        if spec or conversion or not re.fullmatch(r"\w+", name):
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValueError(f"placeholder {written} is not allowed: write plain names such as {{vendor_name}}")
    unknown = sorted({name for name, _, _ in fields} - TEMPLATE_FIELDS)
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in sorted(TEMPLATE_FIELDS))
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}: use {allowed}")
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
Address = Annotated[str, AfterValidator(_address)]
HeaderText = Annotated[str, AfterValidator(_header_text)]
EnvName = Annotated[str, AfterValidator(_env_name)]
TimeZone = Annotated[str, AfterValidator(_time_zone)]
Country = Annotated[str, AfterValidator(_country)]
Language = Annotated[str, AfterValidator(check_language)]
Duration = Annotated[timedelta, BeforeValidator(_duration)]
DayKey = Annotated[str, AfterValidator(_day_key)]
DayHours = Annotated[str, AfterValidator(_day_hours)]
Template = Annotated[str, AfterValidator(_template)]
TermGroup = Annotated[list[str], Field(min_length=1)] | str


class Strict(BaseModel):
    """Every section forbids unknown keys, so a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -- sections ------------------------------------------------------------------------


class OAuthSettings(Strict):
    """Where an access token comes from: a refresh-token grant at the provider's token endpoint
    (client id, secret and refresh token read from the environment), or a command that prints
    one. A fresh token is asked for every connection; none is ever written down."""

    token_url: str | None = None
    client_id_env: EnvName | None = None
    client_secret_env: EnvName | None = None  # public clients (device code, loopback) have none
    refresh_token_env: EnvName | None = None
    scope: str = ""
    token_command: str | None = None  # e.g. "oama access alex@contoso.com"; its output is the token
    # Where `supportbench auth` asks for consent once: a device-code endpoint (Microsoft), or an
    # authorization page that redirects to this machine (Google). The presets fill them in.
    device_url: str | None = None
    authorize_url: str | None = None

    @field_validator("token_url", "device_url", "authorize_url")
    @classmethod
    def _https(cls, url: str | None) -> str | None:
        # Plain HTTP only to this machine (the mail lab's token endpoint): a token is a secret.
        if url is not None and not re.match(r"https://|http://(127\.0\.0\.1|localhost)[:/]", url):
            raise ValueError(f"{url!r} must be an https:// URL")
        return url

    @model_validator(mode="after")
    def _one_source(self) -> OAuthSettings:
        grant = self.token_url is not None or self.client_id_env is not None or self.refresh_token_env is not None
        if self.token_command is not None and grant:
            raise ValueError("give token_command, or token_url with client_id_env and refresh_token_env: not both")
        if self.token_command is None and not (self.token_url and self.client_id_env and self.refresh_token_env):
            raise ValueError(
                "needs token_url, client_id_env and refresh_token_env (a refresh-token grant), or token_command"
            )
        return self


class ServerSettings(Strict):
    host: str
    port: int = Field(ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str
    # password: password_env names the variable holding it; xoauth2/oauthbearer: `oauth` says
    # where tokens come from; none: no sign-in (a relay that trusts this machine; SMTP only).
    auth: Literal["password", "xoauth2", "oauthbearer", "none"] = "password"
    password_env: EnvName | None = None
    oauth: OAuthSettings | None = None
    ca_file: Path | None = None
    timeout_seconds: float = Field(default=30.0, gt=0, le=600)

    @model_validator(mode="after")
    def _credentials_for_auth(self) -> ServerSettings:
        if self.auth == "password" and self.password_env is None:
            raise ValueError("auth: password needs password_env: NAME (the variable that holds the password)")
        if self.auth in ("xoauth2", "oauthbearer") and self.oauth is None:
            raise ValueError(f"auth: {self.auth} needs an oauth: section saying where tokens come from")
        return self


class ImapSettings(ServerSettings):
    # Found by their special-use flags, else by the usual names; set these when neither works.
    junk_folder: str | None = None
    sent_folder: str | None = None


class Shopper(Strict):
    id: Identifier
    name: HeaderText
    address: Address
    timezone: TimeZone = "UTC"
    signature: str = ""
    # gmail, microsoft365, outlook, yahoo, icloud or fastmail: their hosts, ports and sign-in
    # filled in (config/providers.py); anything written here by hand wins.
    provider: Literal["gmail", "microsoft365", "outlook", "yahoo", "icloud", "fastmail"] | None = None
    smtp: ServerSettings
    imap: ImapSettings
    # File a copy of each probe in the Sent folder over IMAP. Gmail and Exchange file their own
    # (their presets turn this off); plain SMTP servers do not.
    save_sent_copy: bool = True

    @model_validator(mode="before")
    @classmethod
    def _preset(cls, data: Any) -> Any:
        return with_preset(data)

    @model_validator(mode="after")
    def _imap_signs_in(self) -> Shopper:
        if self.imap.auth == "none":
            raise ValueError("imap.auth: none is for SMTP relays only; an IMAP mailbox always needs a sign-in")
        return self

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class Schedule(Strict):
    every: Duration | None = None
    cron: Annotated[str, AfterValidator(_cron)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Schedule:
        if (self.every is None) == (self.cron is None):
            raise ValueError('give exactly one of every (e.g. "7d") or cron (e.g. "30 10 * * mon")')
        return self


class Vendor(Strict):
    id: Identifier
    name: HeaderText
    address: Address
    alternate_addresses: list[Address] = []
    language: Language
    timezone: TimeZone
    country: Country
    subdivision: str | None = None
    hours: dict[DayKey, DayHours]
    tags: dict[str, str] = {}
    probes: list[str] = Field(min_length=1)
    schedule: Schedule
    shopper: str
    paused: bool = False
    own: bool = False  # the analyst's own company: highlighted in the dashboard and reports
    # A desk that states it works on public holidays (a 24/7 line, say) keeps them as business time.
    open_on_holidays: bool = False

    @field_validator("hours")
    @classmethod
    def _check_week(cls, hours: dict[str, str]) -> dict[str, str]:
        build_weekly_hours(hours)
        return hours

    @model_validator(mode="after")
    def _check_subdivision(self) -> Vendor:
        if self.subdivision is not None:
            known = _holiday_countries().get(self.country, [])
            if self.subdivision.upper() not in known:
                hint = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "") if known else "none"
                raise ValueError(f"subdivision {self.subdivision!r} is not one of {self.country}'s: {hint}")
        return self

    @property
    def weekly_hours(self) -> WeeklyHours:
        return build_weekly_hours(self.hours)

    @property
    def calendar(self) -> BusinessCalendar:
        holidays = frozenset() if self.open_on_holidays else public_holidays(self.country, self.subdivision)
        return BusinessCalendar(self.weekly_hours, ZoneInfo(self.timezone), holidays)

    @property
    def all_addresses(self) -> list[str]:
        return [self.address, *self.alternate_addresses]

    @property
    def domains(self) -> set[str]:
        return {address.rpartition("@")[2] for address in self.all_addresses}


class Variant(Strict):
    subject: Annotated[HeaderText, AfterValidator(_template)]
    body: Template

    @model_validator(mode="after")
    def _carries_reference(self) -> Variant:
        # The reference lets a reply be matched when a help desk drops the thread headers.
        if "{reference}" not in self.subject + self.body:
            raise ValueError("neither subject nor body has {reference}: add it so replies can always be matched")
        return self


class Question(Strict):
    id: Identifier
    asks: dict[Language, str] = {}
    # The kind of answer the question calls for, recognised in any wording (judging/answers.py).
    expects: Literal["phone", "link", "amount", "duration", "date", "statement", "question"] | None = None
    answered_if: dict[Language, Annotated[list[TermGroup], Field(min_length=1)]]


class Probe(Strict):
    id: Identifier
    category: ProbeCategory
    variants: dict[Language, Variant] = Field(min_length=1)
    questions: list[Question] = []

    @field_validator("questions")
    @classmethod
    def _terms_for_every_language(cls, questions: list[Question], info: ValidationInfo) -> list[Question]:
        # Variants are validated first; if they failed, there is nothing to compare with.
        languages = set(info.data.get("variants") or {})
        for question in questions:
            missing = sorted(languages - set(question.answered_if))
            if missing:
                raise ValueError(
                    f"question {question.id!r} has no answered_if terms for {', '.join(missing)}: "
                    "every language the probe is written in needs them"
                )
        return questions


class Standard(Strict):
    """An analyst's own standard: a name, a deadline, and criteria weights (see `standards.CRITERIA`)."""

    name: Identifier
    description: str = ""
    source: str = ""
    extends: str | None = None
    deadline_hours: float | None = Field(default=None, gt=0)
    deadline_business_hours: float | None = Field(default=None, gt=0)
    deadline_business_days: int | None = Field(default=None, ge=1, le=30)
    cutoff_days: float | None = Field(default=None, gt=0)
    min_probes: int | None = Field(default=None, ge=1)
    weights: dict[str, Annotated[float, Field(ge=0)]] = {}

    @field_validator("name")
    @classmethod
    def _not_built_in(cls, name: str) -> str:
        if name in BUILT_IN_STANDARDS:
            raise ValueError(f"{name!r} is a built-in standard: give yours another name and `extends: {name}`")
        return name

    @field_validator("weights")
    @classmethod
    def _known_criteria(cls, weights: dict[str, float]) -> dict[str, float]:
        for criterion in weights:
            if criterion not in CRITERIA:
                hint = difflib.get_close_matches(criterion, CRITERIA, n=1)
                raise ValueError(
                    f"unknown criterion {criterion!r}"
                    + (f": did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(CRITERIA)}")
                )
        return weights

    @model_validator(mode="after")
    def _one_deadline(self) -> Standard:
        given = [d for d in (self.deadline_hours, self.deadline_business_hours, self.deadline_business_days) if d]
        if len(given) > 1:
            raise ValueError("give one of deadline_hours, deadline_business_hours, deadline_business_days")
        return self

    def as_custom(self) -> CustomStandard:
        deadline = None
        if self.deadline_hours:
            deadline = Deadline(self.deadline_hours, "hours")
        elif self.deadline_business_hours:
            deadline = Deadline(self.deadline_business_hours, "business_hours")
        elif self.deadline_business_days:
            deadline = Deadline(self.deadline_business_days, "business_days")
        return CustomStandard(
            name=self.name,
            description=self.description,
            source=self.source,
            extends=self.extends,
            deadline=deadline,
            cutoff_hours=self.cutoff_days * 24 if self.cutoff_days else None,
            weights=dict(self.weights),
            min_probes=self.min_probes,
        )


class VendorCaps(Strict):
    max_probes: int = Field(default=2, ge=1)
    window: Duration = timedelta(days=28)
    min_interval: Duration = timedelta(days=5)


class FollowUp(Strict):
    # Counted in the vendor's business days: sent Monday 10:00 with 2 -> due after Wednesday's close.
    after_business_days: int = Field(default=2, ge=1, le=30)
    max: int = Field(default=1, ge=0, le=3)
    to_alternate: bool = False


class Retry(Strict):
    """Temporary SMTP failures (4xx, timeouts, dropped connections) are retried with backoff."""

    max_attempts: int = Field(default=6, ge=1, le=20)
    first_delay: Duration = timedelta(minutes=1)
    max_delay: Duration = timedelta(hours=1)


class Safety(Strict):
    paused: bool = False
    daily_cap: int = Field(default=50, ge=1)
    per_vendor: VendorCaps = VendorCaps()
    # When a real customer plausibly writes, in the shopper's time zone.
    send_windows: dict[DayKey, DayHours] = {"mon-fri": "09:00-18:00"}
    repeat_after: Duration = timedelta(days=90)
    jitter: Duration = timedelta(minutes=45)
    follow_up: FollowUp = FollowUp()
    retry: Retry = Retry()

    @field_validator("send_windows")
    @classmethod
    def _check_windows(cls, windows: dict[str, str]) -> dict[str, str]:
        build_weekly_hours(windows)
        return windows

    @property
    def send_window_hours(self) -> WeeklyHours:
        return build_weekly_hours(self.send_windows)


class DashboardAccess(Strict):
    """Who may open the dashboard. Off by default (a local demo); see the README to turn it on."""

    # Sign in with Streamlit's OIDC login (st.login); the provider is set in .streamlit/secrets.toml.
    login: bool = False
    # E-mail addresses ("ann@example.com") or whole domains ("@example.com") that may see results.
    allow: list[str] = []
    # Those who may review verdicts (`supportbench review serve`), in the same form.
    analysts: list[str] = []

    @field_validator("allow", "analysts")
    @classmethod
    def _addresses_or_domains(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            if not re.fullmatch(r"[^@\s]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", entry):
                raise ValueError(f"{entry!r} is neither an address (ann@example.com) nor a domain (@example.com)")
        return [entry.lower() for entry in entries]

    @model_validator(mode="after")
    def _login_needs_someone(self) -> DashboardAccess:
        if self.login and not self.allow:
            raise ValueError(
                "login is on but allow is empty: nobody could see the dashboard; list addresses or domains"
            )
        return self


class Notify(Strict):
    """Where alerts are mailed: a vendor paused by a bounce, a part of `run` failing, a message
    that could not be read. Sent through a shopper's own SMTP, each alert once."""

    to: list[Address] = Field(min_length=1)
    shopper: str | None = None  # whose mailbox sends them; the first shopper when not given


class Config(Strict):
    database: Annotated[Path, AfterValidator(_database_path)] = Path("supportbench.db")
    shoppers: list[Shopper] = Field(min_length=1)
    vendors: list[Vendor] = Field(min_length=1)
    probes: list[Probe] = Field(min_length=1)
    standards: list[Standard] = []
    safety: Safety = Safety()
    dashboard: DashboardAccess = DashboardAccess()
    notify: Notify | None = None

    @model_validator(mode="before")
    @classmethod
    def _without_extension_keys(cls, data: Any) -> Any:
        # Top-level keys starting with "x-" hold what vendors share, for YAML anchors and merge
        # keys (`x-uk: &uk {...}`, then `<<: *uk` in a vendor); they are not settings.
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if not str(key).startswith("x-")}
        return data

    def vendor(self, vendor_id: str) -> Vendor:
        for vendor in self.vendors:
            if vendor.id == vendor_id:
                return vendor
        raise KeyError(vendor_id)

    def probe(self, probe_id: str) -> Probe:
        for probe in self.probes:
            if probe.id == probe_id:
                return probe
        raise KeyError(probe_id)

    def shopper(self, shopper_id: str) -> Shopper:
        for shopper in self.shoppers:
            if shopper.id == shopper_id:
                return shopper
        raise KeyError(shopper_id)

    @property
    def all_standards(self) -> dict[str, StandardSpec]:
        """Built-in standards and the analyst's, `extends` resolved."""
        return resolve(standard.as_custom() for standard in self.standards)


# -- loading -------------------------------------------------------------------------


def load_config(path: Path | str) -> Config:
    """Read, parse and validate targets.yaml; relative paths in it are resolved against its folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found (pass the path of your targets.yaml)"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot be read ({exc})"]) from None
    config = parse_config(text, source=path.name)
    if not config.database.is_absolute():
        config = config.model_copy(update={"database": path.parent / config.database})
    return config


def parse_config(text: str, source: str = "targets.yaml") -> Config:
    """Validate YAML text; every problem is reported at once, sorted by line."""
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as exc:
        where = f" line {exc.line}, column {exc.column}" if exc.line else ""
        raise ConfigError([f"{source}{where}: not valid YAML: {exc}"]) from None
    if not isinstance(document.data, dict):
        raise ConfigError([f"{source}: must be a mapping with shoppers, vendors and probes at the top level"])

    problems: list[tuple[int, str]] = []

    def report(path: YamlPath, message: str, line: int | None = None) -> None:
        line = line or document.line_of(path)
        where = f" ({source} line {line})" if line else f" ({source})"
        problems.append((line or 0, f"{format_path(path)}: {message}{where}"))

    for path, line in document.duplicate_keys:
        report(path, "is given twice; YAML would silently keep only the last one", line)
    config, found = validate_data(document.data)
    for path, message in found:
        report(path, message)
    if problems or config is None:
        raise ConfigError([message for _, message in sorted(problems, key=lambda item: item[0])])
    return config


def validate_data(data: dict[str, Any]) -> tuple[Config | None, list[tuple[YamlPath, str]]]:
    """The config made of parsed YAML data, or every problem with the path it is at."""
    problems: list[tuple[YamlPath, str]] = []
    secret_paths = _literal_secrets(data)
    for path in secret_paths:
        problems.append((path, "secrets must not be written in targets.yaml: use password_env: NAME and export NAME"))
    problems.extend(_cross_reference_problems(data))
    try:
        return Config.model_validate(data), problems
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            # pydantic marks a bad dict key with a trailing "[key]"; the key itself is the place.
            location = tuple(part for part in error["loc"] if part != "[key]")
            if error["type"] == "extra_forbidden" and location in secret_paths:
                continue
            problems.append((location, _explain(error, location)))
    return None, problems


def _explain(error: Any, location: tuple[str | int, ...]) -> str:
    """Turn pydantic's wording into the fix a user needs."""
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(location[:-1])
        guess = difflib.get_close_matches(str(location[-1]), known, n=1)
        if guess:
            return f"unknown key; did you mean {guess[0]!r}?"
        return "unknown key" + (f"; allowed here: {', '.join(sorted(known))}" if known else "")
    if kind == "missing":
        return "is required but missing"
    if error.get("input", ...) is None and kind.endswith("_type"):
        return "has no value: give one after the colon (YAML reads an empty value as null)"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _known_keys(location: tuple[str | int, ...]) -> list[str]:
    """The field names of the model found at `location` in Config, for 'did you mean'."""
    annotation: Any = Config
    for part in location:
        annotation = _unwrap(annotation)
        if isinstance(part, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] to reach the model or container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = members[0]
        else:
            return annotation


def _literal_secrets(data: Any, path: tuple[str | int, ...] = ()) -> set[tuple[str | int, ...]]:
    found: set[tuple[str | int, ...]] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            child = (*path, key)
            if str(key).lower() in SECRET_KEYS and value not in (None, ""):
                found.add(child)
            found |= _literal_secrets(value, child)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found |= _literal_secrets(item, (*path, index))
    return found


def _cross_reference_problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Duplicate ids and references between sections, checked on the raw data.

    Done outside pydantic so these are reported even when other fields are invalid.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []

    def ids(section: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in seen:
                    problems.append(
                        ((section, index, "id"), f"duplicate id {item['id']!r} (also {section}[{seen[item['id']]}])")
                    )
                else:
                    seen[item["id"]] = index
        return seen

    shopper_ids = ids("shoppers")
    probe_ids = ids("probes")
    vendor_ids = ids("vendors")
    del vendor_ids  # only checked for duplicates
    probes_by_id = {
        probe["id"]: probe for probe in data.get("probes") or [] if isinstance(probe, dict) and "id" in probe
    }

    addresses: dict[str, tuple[str | int, ...]] = {}
    vendors = data.get("vendors")
    for index, vendor in enumerate(vendors if isinstance(vendors, list) else []):
        if not isinstance(vendor, dict):
            continue
        shopper = vendor.get("shopper")
        if isinstance(shopper, str) and shopper not in shopper_ids:
            problems.append(
                (
                    (("vendors", index, "shopper")),
                    f"no shopper with id {shopper!r}: known shoppers are {_names(shopper_ids)}",
                )
            )
        language = vendor.get("language")
        listed = vendor.get("probes")
        for position, probe_id in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(probe_id, str):
                continue  # the type is pydantic's to report
            if probe_id not in probe_ids:
                problems.append(
                    (
                        ("vendors", index, "probes", position),
                        f"no probe with id {probe_id!r}: known probes are {_names(probe_ids)}",
                    )
                )
                continue
            variants = probes_by_id[probe_id].get("variants")
            if isinstance(language, str) and isinstance(variants, dict) and language not in variants:
                problems.append(
                    (
                        ("vendors", index, "probes", position),
                        f"probe {probe_id!r} has no {language!r} variant for this {language} vendor: "
                        f"add probes[{probe_ids[probe_id]}].variants.{language}",
                    )
                )
        for key in ("address", "alternate_addresses"):
            values = vendor.get(key)
            for position, address in enumerate(values if isinstance(values, list) else [values]):
                if not isinstance(address, str):
                    continue
                where: tuple[str | int, ...] = ("vendors", index, key) + ((position,) if key != "address" else ())
                earlier = addresses.get(address.lower())
                if earlier is not None:
                    problems.append((where, f"address {address!r} is already used by {format_path(earlier)}"))
                else:
                    addresses[address.lower()] = where
    notify = data.get("notify")
    sender = notify.get("shopper") if isinstance(notify, dict) else None
    if isinstance(sender, str) and sender not in shopper_ids:
        problems.append(
            (("notify", "shopper"), f"no shopper with id {sender!r}: known shoppers are {_names(shopper_ids)}")
        )
    problems.extend(_standard_problems(data.get("standards")))
    return problems


def _standard_problems(standards: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """`extends` must name a built-in or another custom standard, without a cycle."""
    # Indexed as written: a malformed entry before a custom standard must not shift its location.
    listed = standards if isinstance(standards, list) else []
    items = [(index, item) for index, item in enumerate(listed) if isinstance(item, dict)]
    parents = {item.get("name"): item.get("extends") for _, item in items}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for index, item in items:
        parent = item.get("extends")
        if parent is None:
            continue
        if parent not in parents and parent not in BUILT_IN_STANDARDS:
            known = ", ".join([*BUILT_IN_STANDARDS, *(str(name) for name in parents if name)])
            problems.append((("standards", index, "extends"), f"no standard named {parent!r}: known are {known}"))
            continue
        seen = {item.get("name")}
        while parent in parents:
            if parent in seen:
                problems.append(
                    (("standards", index, "extends"), f"standards extend each other in a cycle via {parent!r}")
                )
                break
            seen.add(parent)
            parent = parents[parent]
    return problems


def _names(ids: dict[str, int]) -> str:
    return ", ".join(sorted(ids)) or "(none)"
