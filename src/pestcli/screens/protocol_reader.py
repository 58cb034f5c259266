"""The protocol reader: the school's protocol at hand, with contents and search.

On the left a search field and the table of contents; on the right the
chosen part as Markdown. Typing (three letters or more) narrows the contents to
the parts that hold every typed word and shows those parts with the words in
bold. The pages themselves come from ``protocol_pages``.
"""

from __future__ import annotations

from typing import cast

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Markdown, Static, Tree
from textual.widgets.tree import TreeNode

from pestcli.app_access import pest_app
from pestcli.screens.protocol_pages import Page, page_markdown, protocol_pages, search_pages
from pestcli.text import shorten
from pestcli.widgets.keys_footer import KeysFooter

#: At most this many found parts are shown together on the right.
MAX_RESULTS = 20
#: Fewer letters than this do not search yet (nearly every part would match).
MIN_SEARCH = 3
#: Seconds of quiet typing before the search runs.
SEARCH_DELAY = 0.2


def with_ancestors(pages: tuple[Page, ...], found: set[str]) -> set[str]:
    """The ids in ``found`` and of every page above one of them."""
    keep: set[str] = set()

    def visit(page: Page) -> bool:
        below = [visit(child) for child in page.children]
        if page.id in found or any(below):
            keep.add(page.id)
            return True
        return False

    for page in pages:
        visit(page)
    return keep


class ContentsTree(Tree[str]):
    """The table of contents: a title too long for its line ends with "…" at a word.

    Never cut mid-word and never scrolled sideways; the chosen part's full
    title is the heading of the text on the right.
    """

    def label_room(self, node: TreeNode[str]) -> int:
        """The cells a node's line has for its label (after the indentation)."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        indent = (depth - (0 if self.show_root else 1)) * self.guide_depth
        return self.scrollable_content_region.width - indent

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label, shortened at a word boundary when it does not fit its line."""
        text = super().render_label(node, base_style, style)
        room = self.label_room(node)
        if room <= 0 or text.cell_len <= room:
            return text
        # Textual types the label str | Text, but TreeNode always keeps it as a Text (process_label).
        label = cast(Text, node.label)
        prefix = text.cell_len - label.cell_len
        shown = text[:prefix]
        shown.append(shorten(label.plain, room - prefix), style)
        return shown

    def on_resize(self) -> None:
        """Another width: measure the lines again."""
        self._invalidate()


class ProtocolReaderScreen(Screen[None]):
    """Read and search the protocol: contents on the left, text on the right."""

    AUTO_FOCUS = "#reader-search"
    BINDINGS = [
        Binding("escape", "back", "Terug", id="reader_back"),
        Binding("ctrl+f", "focus_search", "Zoeken", id="reader_search"),
        Binding("ctrl+o", "focus_contents", "Inhoud", id="reader_contents"),
        Binding("ctrl+r", "focus_text", "Tekst", id="reader_text"),
        Binding("down", "focus_contents", "Naar de inhoud", show=False, id="reader_down"),
    ]

    def __init__(self) -> None:
        super().__init__(id="protocol-reader")
        self.pages: tuple[Page, ...] = ()
        self.by_id: dict[str, Page] = {}
        self.query_text = ""
        self.wanted: str | None = None
        self.shown: str | None = None
        self.rendering = False
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Search field, contents and the text pane."""
        yield Header()
        with Horizontal(id="reader-body"):
            with Vertical(id="reader-nav"):
                yield Input(placeholder="Zoek in het protocol…", id="reader-search")
                yield Static("", id="reader-count")
                tree = ContentsTree(Text("Protocol"), id="reader-toc")
                tree.show_root = False
                yield tree
            with VerticalScroll(id="reader-text"):
                yield Markdown("", id="reader-markdown", open_links=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Build the pages and the contents, and show the first page."""
        self.title = "Protocol lezen"
        self.sub_title = pest_app(self).protocol.document.name
        self.pages = protocol_pages(pest_app(self).protocol)
        self.by_id = {page.id: page for top in self.pages for page, _ in top.walk()}
        self._fill_tree(None)
        if self.pages:
            self._show(page_markdown(self.pages[0]))

    # --- contents ------------------------------------------------------------
    def _fill_tree(self, keep: set[str] | None) -> None:
        """Fill the contents with every page, or only those whose id is in ``keep``."""
        tree = self.query_one("#reader-toc", Tree)
        tree.clear()

        def add(parent: TreeNode[str], page: Page) -> None:
            shown = [c for c in page.children if keep is None or c.id in keep]
            if shown:
                node = parent.add(Text(page.title), data=page.id, expand=keep is not None)
                for child in shown:
                    add(node, child)
            else:
                parent.add_leaf(Text(page.title), data=page.id)

        for page in self.pages:
            if keep is None or page.id in keep:
                add(tree.root, page)

    @on(Tree.NodeHighlighted, "#reader-toc")
    def _node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """Show the highlighted part of the contents."""
        self.show_page(event.node.data)

    @on(Tree.NodeSelected, "#reader-toc")
    def _node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """Show the chosen part (also when it was already highlighted)."""
        self.show_page(event.node.data)

    def show_page(self, page_id: str | None) -> None:
        """Show one page with everything below it, found words in bold."""
        page = self.by_id.get(page_id or "")
        if page is not None:
            self._show(page_markdown(page, self.query_text))

    # --- search --------------------------------------------------------------
    @on(Input.Changed, "#reader-search")
    def _search_changed(self, event: Input.Changed) -> None:
        """Search once the mentor pauses typing."""
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.search(value))

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search field moves to the contents."""
        self.action_focus_contents()

    def search(self, query: str) -> None:
        """Filter the contents and show every part that holds the words of ``query``."""
        self.query_text = query.strip() if len(query.strip()) >= MIN_SEARCH else ""
        count = self.query_one("#reader-count", Static)
        if not self.query_text:
            count.update("Typ minstens drie letters om te zoeken." if query.strip() else "")
            self._fill_tree(None)
            self._show(page_markdown(self.pages[0]) if self.pages else "")
            return
        found = search_pages(self.pages, self.query_text)
        self._fill_tree(with_ancestors(self.pages, {page.id for page, _ in found}))
        if not found:
            count.update("Niets gevonden.")
            self._show(f"Niets gevonden voor “{self.query_text}”. Probeer een ander woord.")
            return
        count.update("1 onderdeel gevonden." if len(found) == 1 else f"{len(found)} onderdelen gevonden.")
        shown = [page_markdown(page, self.query_text, level=2, with_children=False, path=path,
                               only_matching=True)
                 for page, path in found[:MAX_RESULTS]]
        if len(found) > MAX_RESULTS:
            shown.append(f"*En nog {len(found) - MAX_RESULTS} onderdelen: typ meer woorden.*")
        self._show("\n\n---\n\n".join(shown))

    def _show(self, markdown: str) -> None:
        """Put Markdown in the text pane (the newest wins when typing is quick)."""
        self.wanted = markdown
        if not self.rendering:
            self.rendering = True
            self._render_newest()

    @work(group="reader-render")
    async def _render_newest(self) -> None:
        """Render one text at a time until the pane shows the newest one.

        Textual's Markdown mixes two documents when a second update starts
        before the first is mounted, so updates are awaited one by one.
        """
        try:
            while self.shown != self.wanted:
                target = self.wanted
                if target is None:  # nothing asked yet: shown is None too
                    break
                await self.query_one("#reader-markdown", Markdown).update(target)
                self.shown = target
                self.query_one("#reader-text", VerticalScroll).scroll_home(animate=False)
        finally:
            self.rendering = False

    # --- actions -------------------------------------------------------------
    def action_back(self) -> None:
        """Go back to where the mentor was."""
        self.dismiss()

    def action_focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.query_one("#reader-search", Input).focus()

    def action_focus_contents(self) -> None:
        """Move to the table of contents, the cursor on its first line if it had none."""
        tree = self.query_one("#reader-toc", Tree)
        tree.focus()
        if tree.cursor_line < 0 and tree.root.children:
            tree.cursor_line = 0

    def action_focus_text(self) -> None:
        """Move to the text, to scroll it with the arrow keys."""
        self.query_one("#reader-text", VerticalScroll).focus()
