"""Start, use and stop the mail lab: real Postfix and Dovecot on loopback high ports.

Everything an instance needs (configuration, TLS certificates, queue, mailboxes,
logs) lives under one directory; no system service or file is touched. The lab
needs root (Postfix and Dovecot drop privileges to their own users) and the Debian
packages that `scripts/setup` installs.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from supportbench.errors import LabError
from supportbench.lab import configs
from supportbench.lab.configs import LabLayout, LabPorts
from supportbench.lab.oauth import ISSUER, TokenEndpoint, dovecot_key
from supportbench.waiting import WaitTimeoutError, wait_for

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
POSTQUEUE = "/usr/sbin/postqueue"
POSTFIX = "/usr/sbin/postfix"
SIEVEC = "/usr/bin/sievec"
REQUIRED_BINARIES = {DOVECOT: "dovecot-imapd", POSTFIX: "postfix", SIEVEC: "dovecot-sieve"}
MAIL_USER = "nobody"  # Dovecot refuses uid 0 for mailboxes; any unprivileged uid works.
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class MailUser:
    """A mailbox in the lab, with the password to reach it over SMTP and IMAP."""

    address: str
    password: str


@dataclass(frozen=True)
class LabState:
    """What `lab down` needs to find a lab started by `lab up` in another process."""

    root: str
    owner_pid: int  # the `lab up` process, which stops the lab cleanly on SIGTERM
    dovecot_pid: int
    ports: dict[str, int]
    ca_file: str


def free_ports(count: int) -> list[int]:
    """Distinct TCP ports on 127.0.0.1 that nothing listens on right now.

    The probe sockets stay open until all are chosen: closed one by one, the kernel may hand
    the same port out twice, and two servers of the lab would then fight over it.
    """
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def port_open(port: int) -> bool:
    """True when something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def check_prerequisites() -> None:
    """Raise a `LabError` saying what to do when the lab cannot run on this machine."""
    missing = sorted({pkg for path, pkg in REQUIRED_BINARIES.items() if not Path(path).exists()})
    if missing:
        raise LabError(
            f"the mail lab needs Debian packages that are not installed ({', '.join(missing)}): "
            "run scripts/setup as root"
        )
    if os.geteuid() != 0:
        raise LabError("the mail lab must run as root (Postfix and Dovecot drop privileges themselves)")


class MailLab:
    """One running instance of the lab. Use as a context manager or call start()/stop()."""

    def __init__(self, root: Path | None = None, folders: configs.Folders = configs.STANDARD_FOLDERS) -> None:
        self._owns_root = root is None
        self.folders = folders
        self.root = Path(root or tempfile.mkdtemp(prefix="supportbench-lab-"))
        self._dovecot: subprocess.Popen[bytes] | None = None
        self._users: dict[str, MailUser] = {}
        self.layout: LabLayout | None = None
        self.oauth = TokenEndpoint(secrets.token_bytes(32))

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> MailLab:
        """Write the configuration, start Dovecot then Postfix, wait until both answer."""
        check_prerequisites()
        mail_user = _passwd_ids(MAIL_USER)
        self.layout = LabLayout(
            root=self.root,
            ports=LabPorts(*free_ports(5)),
            mail_uid=mail_user[0],
            mail_gid=mail_user[1],
            instance=secrets.token_hex(4),
            folders=self.folders,
        )
        try:
            self._write_files(self.layout)
            self.oauth.start()
            self._start_dovecot(self.layout)
            self._start_postfix(self.layout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop both servers; remove the directory if the lab created it."""
        layout = self.layout
        if layout is not None and (layout.postfix_queue_dir / "pid" / "master.pid").exists():
            subprocess.run(
                [POSTFIX, "-c", str(layout.postfix_conf_dir), "stop"],
                capture_output=True,
                check=False,
                timeout=30,
            )
        if self._dovecot is not None and self._dovecot.poll() is None:
            self._dovecot.terminate()
            try:
                self._dovecot.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._dovecot.kill()
                self._dovecot.wait()
        self._dovecot = None
        self.oauth.stop()
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def restart_dovecot(self) -> None:
        """Stop and start the IMAP server on the same ports, dropping every client (tests of reconnection).

        Dovecot's master leaves running IMAP sessions alive when it stops; a real restart
        or crash does not, so every process of this instance is stopped. The master is frozen
        first: killed children are respawned at once (anvil, auth), and a child born after the
        list of its children was read would outlive it and hold its socket, so that the new
        master refused to start ("Socket already exists").
        """
        layout = self._require_layout()
        if self._dovecot is not None:
            master = self._dovecot.pid
            os.kill(master, signal.SIGSTOP)
            wait_for(lambda: _process_state(master) in ("T", "t", None), timeout=15, what="Dovecot's master to stop")
            for pid in [*_descendants(master), master]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self._dovecot.wait(timeout=15)
            wait_for(lambda: not port_open(layout.ports.imaps), timeout=15, what="Dovecot to stop listening")
        self._start_dovecot(layout)

    def __enter__(self) -> MailLab:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- users -------------------------------------------------------------------

    def add_user(self, address: str, password: str | None = None) -> MailUser:
        """Create one mailbox (idempotent); see `add_users`."""
        return self.add_users([address], password)[0]

    def add_users(self, addresses: list[str], password: str | None = None) -> list[MailUser]:
        """Create mailboxes (idempotent) and return once Dovecot can log each of them in."""
        layout = self._require_layout()
        new: list[MailUser] = []
        for address in (address.lower() for address in addresses):
            domain = address.rpartition("@")[2]
            if not any(domain.endswith("." + tld) for tld in configs.LAB_TOP_LEVEL_DOMAINS):
                raise LabError(f"lab addresses must use a .test or .example domain, not {address!r}")
            if address not in self._users and all(user.address != address for user in new):
                new.append(MailUser(address, password or secrets.token_hex(12)))
        if new:
            with layout.users_file.open("a", encoding="utf-8") as users:
                users.writelines(f"{user.address}:{{PLAIN}}{user.password}::::::\n" for user in new)
            # Dovecot re-reads the file at most once a second: wait until its auth knows them.
            for user in new:
                wait_for(lambda: self._authenticates(user), timeout=15, what=f"Dovecot to know {user.address}")  # noqa: B023
                self._users[user.address] = user
        return [self._users[address.lower()] for address in addresses]

    # -- connection settings -------------------------------------------------------

    @property
    def ports(self) -> LabPorts:
        return self._require_layout().ports

    @property
    def ca_file(self) -> Path:
        return self._require_layout().ca_file

    def state(self) -> LabState:
        layout = self._require_layout()
        assert self._dovecot is not None
        return LabState(
            root=str(self.root),
            owner_pid=os.getpid(),
            dovecot_pid=self._dovecot.pid,
            ports=asdict(layout.ports),
            ca_file=str(layout.ca_file),
        )

    def oauth_shopper_settings(
        self, user: MailUser, name: str, client_id_env: str, refresh_token_env: str, auth: str = "xoauth2"
    ) -> tuple[dict[str, object], dict[str, str]]:
        """A `shoppers:` entry that signs in with OAuth2 tokens from the lab's endpoint, and the
        environment it needs (a client id, and a refresh token granted for `user`)."""
        settings = self.shopper_settings(user, name, "UNUSED")
        oauth = {"token_url": self.oauth.url, "client_id_env": client_id_env, "refresh_token_env": refresh_token_env}
        for server in ("smtp", "imap"):
            entry = settings[server]
            assert isinstance(entry, dict)
            entry.pop("password_env")
            entry.update(auth=auth, oauth=oauth)
        client_id = f"lab-client-{secrets.token_hex(3)}"
        return settings, {client_id_env: client_id, refresh_token_env: self.oauth.grant(user.address, client_id)}

    def shopper_settings(self, user: MailUser, name: str, password_env: str) -> dict[str, object]:
        """A `shoppers:` entry for targets.yaml that reaches this lab as `user`."""
        ports = self.ports
        return {
            "id": user.address.split("@")[0].replace(".", "-"),
            "name": name,
            "address": user.address,
            "smtp": {
                "host": "127.0.0.1",
                "port": ports.submission,
                "security": "starttls",
                "username": user.address,
                "password_env": password_env,
                "ca_file": str(self.ca_file),
            },
            "imap": {
                "host": "127.0.0.1",
                "port": ports.imaps,
                "security": "tls",
                "username": user.address,
                "password_env": password_env,
                "ca_file": str(self.ca_file),
            },
        }

    # -- internals -----------------------------------------------------------------

    def queue_is_empty(self) -> bool:
        """True when Postfix holds no mail (everything delivered or bounced)."""
        layout = self._require_layout()
        result = subprocess.run(
            [POSTQUEUE, "-c", str(layout.postfix_conf_dir), "-p"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        return "Mail queue is empty" in result.stdout

    def change_uidvalidity(self, address: str, folder: str) -> None:
        """Give a folder a new UIDVALIDITY, as a server migration or restore does."""
        status = self._doveadm("-f", "flow", "mailbox", "status", "-u", address, "uidvalidity", folder)
        if status.returncode != 0:
            raise LabError(f"doveadm mailbox status failed: {status.stderr.strip()}")
        current = int(status.stdout.split("uidvalidity=")[1].split()[0])
        update = self._doveadm("mailbox", "update", "-u", address, "--uid-validity", str(current + 1000), folder)
        if update.returncode != 0:
            raise LabError(f"could not change the UIDVALIDITY of {address} {folder}: {update.stderr.strip()}")

    def log_tails(self, lines: int = 40) -> dict[str, str]:
        """The end of each server's log, for a failing test to show what the servers saw."""
        layout = self._require_layout()
        return {"postfix": _tail(layout.postfix_log, lines), "dovecot": _tail(layout.dovecot_log, lines)}

    def _authenticates(self, user: MailUser) -> bool:
        # no-penalty: a probe that misses must not delay the real logins that follow.
        result = self._doveadm("auth", "test", "-x", "no-penalty", "--", user.address, user.password)
        return result.returncode == 0

    def _doveadm(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run doveadm against this instance's Dovecot."""
        command = [DOVEADM, "-c", str(self._require_layout().dovecot_conf), *arguments]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)

    def _require_layout(self) -> LabLayout:
        if self.layout is None:
            raise LabError("the mail lab is not running: call start() first")
        return self.layout

    def _write_files(self, layout: LabLayout) -> None:
        import trustme  # only the lab needs it

        # Postfix and Dovecot drop privileges, so their users must traverse the tree.
        self.root.chmod(0o755)
        for directory in (
            layout.cert_file.parent,
            layout.users_file.parent,
            layout.postfix_conf_dir,
            layout.postfix_data_dir,
            layout.postfix_queue_dir,
            layout.dovecot_log.parent,
        ):
            directory.mkdir(parents=True, exist_ok=True)
            directory.chmod(0o755)
        layout.mail_dir.mkdir(exist_ok=True)
        os.chown(layout.mail_dir, layout.mail_uid, layout.mail_gid)
        layout.postfix_data_dir.chmod(0o700)
        os.chown(layout.postfix_data_dir, *_passwd_ids("postfix"))

        authority = trustme.CA()
        server_cert = authority.issue_cert("localhost", "127.0.0.1", "mail.lab.test")
        authority.cert_pem.write_to_path(str(layout.ca_file))
        server_cert.private_key_pem.write_to_path(str(layout.key_file))
        with layout.cert_file.open("wb") as chain:
            for blob in server_cert.cert_chain_pems:
                chain.write(blob.bytes())
        layout.key_file.chmod(0o600)

        layout.users_file.touch(mode=0o644)
        layout.users_file.chmod(0o644)  # read by Dovecot's unprivileged auth worker
        layout.dovecot_conf.write_text(configs.dovecot_conf(layout), encoding="utf-8")
        layout.sieve_file.write_text(configs.junk_filter_sieve(layout.junk_folder), encoding="utf-8")
        layout.oauth2_conf.write_text(configs.oauth2_conf(layout, ISSUER), encoding="utf-8")
        layout.oauth2_conf.chmod(0o644)
        layout.oauth2_key_file.parent.mkdir(parents=True, exist_ok=True)
        layout.oauth2_key_file.write_text(dovecot_key(self.oauth.key), encoding="ascii")
        for path in (layout.oauth2_key_file, *layout.oauth2_key_file.parents[:3]):
            path.chmod(0o755 if path.is_dir() else 0o644)  # read by Dovecot's unprivileged auth worker
        # Compile the Sieve rule now: the mail user cannot write next to it later.
        _run([SIEVEC, str(layout.sieve_file)], what="compile the lab's Sieve rule")

        (layout.postfix_conf_dir / "main.cf").write_text(configs.postfix_main_cf(layout), encoding="utf-8")
        (layout.postfix_conf_dir / "master.cf").write_text(configs.postfix_master_cf(layout), encoding="utf-8")
        layout.domains_table.write_text(configs.domains_table(), encoding="utf-8")

    def _start_dovecot(self, layout: LabLayout) -> None:
        log = layout.dovecot_log.open("ab")
        self._dovecot = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(layout.dovecot_conf)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, not the server
        )
        log.close()
        dovecot = self._dovecot
        try:
            wait_for(
                lambda: (
                    dovecot.poll() is not None
                    or (
                        all(port_open(p) for p in (layout.ports.imap, layout.ports.imaps, layout.ports.lmtp))
                        and layout.sasl_socket.exists()
                    )
                ),
                timeout=START_TIMEOUT,
                what="Dovecot to listen",
            )
        except WaitTimeoutError as exc:
            raise LabError(f"Dovecot did not start: {exc}\n{_tail(layout.dovecot_log)}") from None
        if dovecot.poll() is not None:
            raise LabError(f"Dovecot exited at start (status {dovecot.returncode}):\n{_tail(layout.dovecot_log)}")

    def _start_postfix(self, layout: LabLayout) -> None:
        conf = str(layout.postfix_conf_dir)
        # `postfix start` creates the queue with the right owners, then daemonizes master.
        _run([POSTFIX, "-c", conf, "start"], what="start Postfix", log=layout.postfix_log)
        try:
            wait_for(
                lambda: port_open(layout.ports.submission) and port_open(layout.ports.smtp),
                timeout=START_TIMEOUT,
                what="Postfix to listen",
            )
        except WaitTimeoutError as exc:
            raise LabError(f"Postfix did not start: {exc}\n{_tail(layout.postfix_log)}") from None


def _process_state(pid: int) -> str | None:
    """The state letter in /proc (R, S, T...), None once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return None


def _descendants(root: int) -> list[int]:
    """Every process below `root`, from /proc (children may have left its process group)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name may contain spaces or parentheses: split after the last ')'.
            fields = stat.read_text().rpartition(")")[2].split()
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _passwd_ids(user: str) -> tuple[int, int]:
    import pwd

    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise LabError(f"system user {user!r} is missing: run scripts/setup as root") from None
    return entry.pw_uid, entry.pw_gid


def _run(argv: list[str], *, what: str, log: Path | None = None) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    if result.returncode != 0:
        details = (result.stdout + result.stderr).strip()
        if log is not None:
            details += "\n" + _tail(log)
        raise LabError(f"could not {what} (exit {result.returncode}): {details}")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


def write_state(state: LabState, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(state), indent=2), encoding="utf-8")


def stop_from_state(path: Path) -> bool:
    """Stop a lab recorded by `lab up` in another process; False if none was recorded.

    The owning process is asked to stop (it cleans up after itself); if it died
    without cleaning up, its servers are stopped here.
    """
    if not path.exists():
        return False
    state = LabState(**json.loads(path.read_text(encoding="utf-8")))
    if _alive(state.owner_pid):
        os.kill(state.owner_pid, signal.SIGTERM)
        try:
            wait_for(lambda: not path.exists(), timeout=60, what="`lab up` to stop the lab")
            return True
        except WaitTimeoutError:
            pass  # fall through and stop the servers ourselves
    conf = Path(state.root) / "postfix" / "conf"
    if conf.exists():
        subprocess.run([POSTFIX, "-c", str(conf), "stop"], capture_output=True, check=False, timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.kill(state.dovecot_pid, signal.SIGTERM)
    path.unlink(missing_ok=True)
    shutil.rmtree(state.root, ignore_errors=True)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
