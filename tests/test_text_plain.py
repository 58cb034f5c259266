"""pestcli.text.plain: control characters out, every script and emoji kept."""

from pestcli.text import plain


def test_escape_sequences_and_nul_are_left_out():
    assert plain("Jansen\x1b[2J\x1b]0;PWNED\x07") == "Jansen[2J]0;PWNED"
    assert plain("a\x00b\x9bc\x7f") == "abc"


def test_tabs_newlines_scripts_and_emoji_stay():
    text = "Regel 1\n\tRegel 2 — Zoë 😀 שלום مرحبا"
    assert plain(text) == text


def test_bidi_overrides_are_left_out():
    assert plain("abc\u202edcba\u2066x\u2069") == "abcdcbax"
