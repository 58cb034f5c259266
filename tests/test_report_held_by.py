"""The summary and its PDF say who held a conversation started in pestcli (it said "Gevoerd door —")."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from pestcli.report.build import load_summary
from pestcli.report.markdown import render_markdown
from pestcli.report.pdf import write_pdf
from pestcli.store import end_conversation, fill_demo, list_cases, open_store, start_conversation

TODAY = date(2026, 11, 23)


@pytest.fixture
def summary(tmp_path, protocol, monkeypatch):
    """The summary of a demo case with a conversation started and ended as the conversation screen does."""
    import pestcli.store.conversations as conversations

    monkeypatch.setattr(conversations, "user_name", lambda: "Marieke Jansen")
    with open_store(tmp_path / "pestcli.db", daily_backup=False) as store:
        fill_demo(store, today=TODAY)
        case = next(c for c in list_cases(store) if c.status == "open")
        talk = start_conversation(store, case.id, "bijlage-6", step=2, started_at=datetime(2026, 11, 23, 9, 0))
        end_conversation(store, talk.id, datetime(2026, 11, 23, 9, 20))
        return load_summary(store, protocol, case.id, TODAY), talk.id


def test_the_pdf_says_who_held_the_conversation(summary, tmp_path):
    built, talk_id = summary
    [block] = [c for c in built.conversations if c.conversation_id == talk_id]
    assert block.held_by == "Marieke Jansen"
    path = write_pdf(built, tmp_path / "samenvatting.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Gevoerd door Marieke Jansen" in text or "Gevoerd door: Marieke Jansen" in text


def test_the_markdown_says_who_held_it(summary):
    built, _ = summary
    assert "- Gevoerd door: Marieke Jansen" in render_markdown(built)
