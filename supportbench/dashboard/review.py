"""supportbench review: analysts confirm or correct the judge's verdicts, one message at a time.

Run with `supportbench review serve -c targets.yaml --reviewer ADDRESS` (or with sign-in on,
as the signed-in analyst). A separate app from the dashboard: the marketing pages stay
read-only, and only this one writes, and only reviews (`pipeline.review.record_reviews`), each
re-judging at once the probes it touches. Who may review: `dashboard.analysts` in targets.yaml.

Two lists: the queue (the least certain verdicts first) and a random sample of N messages per
vendor (for an agreement figure that is not biased toward hard cases); every review says which.
The form is made for the keyboard. Where the judge was right, Ctrl+Enter saves at once; to
correct a verdict, Tab to it, arrows and Space to choose, Tab on to the note and Enter saves.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from supportbench.config.targets import Config, load_config
from supportbench.dashboard.data import REFRESH_SECONDS, agreement_rows, allowed, inert_markdown
from supportbench.dashboard.signin import signed_in_address
from supportbench.errors import StoreError, SupportbenchError
from supportbench.judging.agreement import reviewed_agreement, reviewer_disagreements
from supportbench.judging.review import KINDS, Mode, Value
from supportbench.judging.reviewqueue import ReviewUnit, doubts, queue, sample
from supportbench.message.parse import parse_message
from supportbench.pipeline.review import record_reviews, review_units, reviews_against_the_judge_now
from supportbench.store.database import Store, explain

SAVED = "review_saved"  # session key: what the last save did, said on the next run
SKIPPED = "review_skipped"
LISTS: dict[Mode, str] = {"queue": "the least certain first", "sample": "a random sample per vendor"}


def main() -> None:
    st.set_page_config(page_title="supportbench review", layout="wide")
    st.title("supportbench review")
    config = _config()
    reviewer = _reviewer(config)
    if reviewer is None:
        st.stop()
    path = os.environ.get("SUPPORTBENCH_DB") or str(config.database)
    if not Path(path).exists():
        st.info(f"{path}: no store here yet, so nothing to review.")
        st.stop()
    st.caption(f"Reviewing as **{reviewer}**. Each decision is kept beside the judge's verdict, never over it, and "
               "the probe is judged again at once.")  # fmt: skip
    mode, listed, of = _sidebar(path, reviewer)
    if said := st.session_state.pop(SAVED, None):
        st.success(said)
    skipped = st.session_state.setdefault(SKIPPED, set())
    waiting = [unit for unit in listed if unit.message_pk not in skipped]
    st.sidebar.caption(f"{of - len(listed)} of {of} reviewed" + (f", {len(skipped)} skipped" if skipped else ""))
    if not waiting:
        st.info("Nothing left to review in this list." + (" Skipped messages come back after a restart of the page."
                                                          if skipped else ""))  # fmt: skip
    else:
        _review(config, path, waiting[0], reviewer, mode)
    _agreement(path)


def _config() -> Config:
    try:
        return load_config(Path(os.environ.get("SUPPORTBENCH_CONFIG", "targets.yaml")))
    except SupportbenchError as exc:
        st.error(str(exc))
        st.stop()
        raise  # st.stop ends the run; this line only tells mypy so


def _reviewer(config: Config) -> str | None:
    """Who is reviewing: the signed-in, verified address (sign-in on), else the `--reviewer` given
    to `review serve`; either must be on `dashboard.analysts` when that list is set."""
    access = config.dashboard
    if access.login:
        who = signed_in_address("review verdicts")
        if who is None:
            return None
    else:
        who = os.environ.get("SUPPORTBENCH_REVIEWER") or None
        if not who:
            st.error("No reviewer: start it with `supportbench review serve --reviewer YOUR-ADDRESS`, or turn "
                     "sign-in on in targets.yaml.")  # fmt: skip
            return None
    if (access.login or access.analysts) and not allowed(who, access.analysts):
        st.error(f"{who} is not on the analysts' list (`dashboard.analysts` in targets.yaml), so may not review "
                 "verdicts. The dashboard shows the results read-only.")  # fmt: skip
        return None
    return who


@st.cache_data(ttl=REFRESH_SECONDS, max_entries=4, show_spinner=False)  # one list per review mark: keep few
def _units(path: str, mark: int) -> list[ReviewUnit]:
    """Every message there is to review. `mark` changes with every review saved, by anyone, so no
    reviewer works from verdicts another has just changed; the TTL brings in what `run` judged."""
    with Store.open_readonly(path) as store:
        return review_units(store)


def _review_mark(path: str) -> int:
    with Store.open_readonly(path) as store:
        return store.review_mark()


def _sidebar(path: str, reviewer: str) -> tuple[Mode, list[ReviewUnit], int]:
    """The list chosen: its units still to review, and how many it holds in all."""
    mode: Mode = st.sidebar.radio("Review", list(LISTS), format_func=LISTS.__getitem__, key="mode")
    units = _units(path, _review_mark(path))
    if mode == "queue":
        st.sidebar.caption("Messages whose verdicts rest on the weakest evidence come first. Agreement measured on "
                           "them understates the judge: the sample gives the fair figure.")  # fmt: skip
        return mode, queue(units, reviewer), len(units)
    per_vendor = int(st.sidebar.number_input("Messages per vendor", 1, 100, 3, key="per_vendor"))
    seed = int(st.sidebar.number_input("Sample seed", 0, 10**6, 1, key="seed"))
    drawn = sample(units, per_vendor, seed)
    return mode, [unit for unit in drawn if (reviewer, "sample") not in unit.reviewed], len(drawn)


def _review(config: Config, path: str, unit: ReviewUnit, reviewer: str, mode: Mode) -> None:
    facts = unit.facts
    vendor = next((v for v in config.vendors if v.id == unit.vendor_id), None)
    message = next((m for m in facts["messages"] if m["message_pk"] == unit.message_pk), None)
    st.subheader(f"{vendor.name if vendor else unit.vendor_id} \u00b7 {facts['probe_id']} \u00b7 {unit.language}")
    reasons = "; ".join(reason for reason, _ in doubts(unit)) or "nothing in its evidence looks weak"
    st.caption("Drawn at random for the sample." if mode == "sample" else f"Why it is here: {reasons}.")
    left, right = st.columns(2)
    with left:
        if message is None:  # a review took it from every probe: only its bytes are left to read
            st.caption("A review says this message answers no probe, so no probe reads it now.")
            st.markdown(inert_markdown(_as_received(path, unit.message_pk)))
        else:
            st.markdown(inert_markdown(f"From {message['from']}, {message['arrived_at'][:16].replace('T', ' ')} "
                                       f"UTC, in {message['folder']}. Subject: {message['subject']}"))  # fmt: skip
            words = [w for q in facts["questions_first"] for w in q["evidence"]] if unit.judged_for_questions else []
            st.markdown("**New text** (evidence highlighted)")
            st.markdown(inert_markdown(message.get("text", "(a bounce: see the whole message)"), words))
            with st.expander("The whole message as received"):
                st.markdown(inert_markdown(_as_received(path, unit.message_pk)))
    with right:
        _form(config, path, unit, reviewer, mode)


def _as_received(path: str, message_pk: int) -> str:
    with Store.open_readonly(path) as store:
        raw = store.message_raw(message_pk)
    if raw is None:
        return "(not in the store)"
    parsed = parse_message(raw)
    return f"From: {parsed.from_name} <{parsed.from_address}>\nSubject: {parsed.subject}\n\n{parsed.text}"


def _form(config: Config, path: str, unit: ReviewUnit, reviewer: str, mode: Mode) -> None:
    # Each choice starts at the judge's verdict, not at an earlier reviewer's: each review is the
    # reviewer's own word on what the judge decided (earlier reviewers are named, their words kept).
    judge, now, pk = unit.machine(), unit.in_force(), unit.message_pk
    probes = _vendor_probes(path, unit.vendor_id)
    earlier = sorted({who for who, _ in unit.reviewed if who != reviewer})
    st.caption("Shown as the judge decided" + (f" (also reviewed by {', '.join(earlier)})" if earlier else "")
               + ". Ctrl+Enter saves as shown. To correct: Tab to a choice, arrows and Space to pick, Tab to the "
               "note, Enter.")  # fmt: skip
    with st.form(f"review-{pk}", border=True):
        decided: dict[str, Value] = {}
        decided["kind"] = st.segmented_control(
            "Kind", KINDS, default=str(judge["kind"]), required=True, format_func=lambda kind: kind.replace("_", "-"),
            key=f"kind-{pk}",
        )  # fmt: skip
        choices: list[int | None] = [*probes, None]
        decided["link"] = st.selectbox(
            "Answers the probe", choices, index=choices.index(judge["link"]) if judge["link"] in choices else 0,
            format_func=lambda outbox: probes.get(outbox, "no probe of ours") if outbox else "no probe of ours",
            key=f"link-{pk}",
        )  # fmt: skip
        if unit.judged_for_questions:
            asked = {q.id: q.asks.get("en") or next(iter(q.asks.values()), q.id) for p in config.probes
                     if p.id == unit.facts["probe_id"] for q in p.questions}  # fmt: skip
            for question in unit.facts["questions_first"]:
                item = f"question:{question['id']}"
                decided[item] = st.segmented_control(
                    f"Answers “{asked.get(question['id'], question['id'])}”", (True, False),
                    default=bool(judge[item]), required=True, format_func=_yes_no, key=f"{item}-{pk}",
                    help=f"The judge: {question.get('sentence') or 'no sentence answers it'}",
                )  # fmt: skip
        cells = st.columns(2)  # the checks side by side: the whole form on one screen
        for index, name in enumerate(unit.checks):
            item = f"check:{name}"
            check = unit.facts["checks"][name]
            decided[item] = cells[index % 2].segmented_control(
                name.replace("_", " ").capitalize(), (True, False), default=bool(judge[item]), required=True,
                format_func=lambda passed: "pass" if passed else "fail", key=f"{item}-{pk}",
                help=f"The judge: {check.get('machine_evidence', check['evidence'])}",
            )  # fmt: skip
        note = st.text_input("Note (optional)", key=f"note-{pk}")
        save = st.form_submit_button("Save and next", type="primary", shortcut="ctrl+enter")
    if st.button("Skip", key=f"skip-{pk}"):
        st.session_state[SKIPPED].add(pk)
        st.rerun()
    if save:
        reviews = unit.reviews(decided, reviewer, datetime.now(UTC).isoformat(timespec="seconds"), mode, note)
        try:
            with Store.open(path) as store:
                record_reviews(store, config, reviews, datetime.now(UTC))
        except StoreError as exc:
            st.error(f"Not saved: {exc}. Your choices are still in the form: save again.")
            return
        except sqlite3.Error as exc:
            st.error(f"Not saved: {explain(exc)}. Your choices are still in the form: save again.")
            return
        changed = sum(review.decided != now[review.item] for review in reviews)
        st.session_state[SAVED] = (f"Saved {len(reviews)} decisions on message {pk} ({changed} changed a verdict); "
                                   "its probes were judged again.")  # fmt: skip
        st.rerun()


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False)  # probes sent since come in with the next refresh
def _vendor_probes(path: str, vendor_id: str) -> dict[int, str]:
    """The vendor's probes a message could answer: outbox id -> what to call it."""
    with Store.open_readonly(path) as store:
        rows = store.outbox_rows("kind = 'probe' AND vendor_id = ? AND sent_at IS NOT NULL", [vendor_id])
    return {row["id"]: f"#{row['id']} {row['probe_id']}, sent {str(row['sent_at'])[:16].replace('T', ' ')}"
            for row in rows}  # fmt: skip


def _agreement(path: str) -> None:
    with Store.open_readonly(path) as store:
        reviews, judged_now = store.reviews(), reviews_against_the_judge_now(store)
    with st.expander(f"Agreement so far ({len(reviews)} decisions)"):
        rows = agreement_rows(reviewed_agreement(judged_now))
        st.dataframe(pd.DataFrame(rows) if rows else [{"agreement": "nothing reviewed yet"}], hide_index=True)
        split = reviewer_disagreements(reviews)
        if split:
            st.markdown(f"**Where analysts disagree** ({len(split)} items; the latest word is in force)")
            st.dataframe(
                [{"message": found[0].message_pk, "item": found[0].item,
                  **{review.reviewer: _yes_no(review.decided) if isinstance(review.decided, bool) else review.decided
                     for review in found}} for found in split],
                hide_index=True,
            )  # fmt: skip


main()
