"""The quotelens language server driven by pytest-lsp, a client library nobody here wrote,
with the recorded client capabilities of VS Code and Neovim.

Run from the repository root after `cargo build --release`:
    python3 -m pytest tests/clients
QUOTELENS_BIN overrides the binary (default: target/release/quotelens).
"""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "common" / "fixtures"
BIN = os.environ.get("QUOTELENS_BIN", str(ROOT / "target" / "release" / "quotelens"))
CLIENTS = ["visual-studio-code", "neovim@v0.10.0", "neovim"]


def columns(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text: str, index: int, encoding: str) -> types.Position:
    """The LSP position of a character index in `text`."""
    before = text[:index]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return types.Position(line=line, character=columns(text[start:index], encoding))


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[BIN, "lsp"],
        server_env={**os.environ, "QUOTELENS_LOG": "warn"},
    ),
    params=CLIENTS,
)
async def client(request, lsp_client: LanguageClient):
    # Real editors accept dynamic registrations (the server watches quotelens.toml); the test
    # client does not implement the request, so accept it here.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params):
        lsp_client.quotelens_registrations = params.registrations

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri=FIXTURES.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=FIXTURES.as_uri(), name="fixtures")],
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.quotelens_init = result
    yield
    # Waits for the process to end: a server that ignores `exit` hangs the test here.
    await lsp_client.shutdown_session()


def encoding_of(client: LanguageClient) -> str:
    return client.quotelens_init.capabilities.position_encoding or "utf-16"


def pulls(client: LanguageClient) -> bool:
    return client.quotelens_init.capabilities.diagnostic_provider is not None


async def open_fixture(client: LanguageClient, name: str) -> tuple[str, str]:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="plaintext", version=1, text=text
            )
        )
    )
    return uri, text


async def diagnostics(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return list(report.items)
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def test_capabilities_follow_the_client(client: LanguageClient):
    caps = client.quotelens_init.capabilities
    offered = client.capabilities.general and client.capabilities.general.position_encodings
    expected = offered[0] if offered else "utf-16"
    assert caps.position_encoding == expected
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.hover_provider
    assert caps.document_symbol_provider
    # Pull only with refresh: otherwise a settings change could not renew what was pulled.
    declares_pull = (
        client.capabilities.text_document is not None
        and client.capabilities.text_document.diagnostic is not None
        and client.capabilities.workspace is not None
        and client.capabilities.workspace.diagnostics is not None
        and bool(client.capabilities.workspace.diagnostics.refresh_support)
    )
    assert pulls(client) == declares_pull
    watches = (
        client.capabilities.workspace is not None
        and client.capabilities.workspace.did_change_watched_files is not None
        and client.capabilities.workspace.did_change_watched_files.dynamic_registration
    )
    if watches:
        # The server asks to be told when quotelens.toml changes.
        for _ in range(200):
            if hasattr(client, "quotelens_registrations"):
                break
            await asyncio.sleep(0.05)
        [registration] = client.quotelens_registrations
        assert registration.method == "workspace/didChangeWatchedFiles"
        assert registration.register_options["watchers"][0]["globPattern"] == "**/quotelens.toml"


async def test_diagnostics_hover_and_symbols_on_a_unicode_article(client: LanguageClient):
    uri, text = await open_fixture(client, "unicode.txt")
    enc = encoding_of(client)

    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["unclosed-quote"]
    d = found[0]
    assert d.source == "quotelens"
    assert d.code_description.href.endswith("#unclosed-quote")
    end = len(text.rstrip())
    assert d.range.start == position(text, end - 1, enc)
    assert d.range.end == position(text, end, enc)

    at = text.index("🌉 старше")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position(text, at, enc),
        )
    )
    assert "Helen Okoro" in hover.contents.value
    start = text.index('"Мост')
    close = text.index('всех,"') + len('всех,"')
    assert hover.range.start == position(text, start, enc)
    assert hover.range.end == position(text, close, enc)

    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [s.name for s in symbols] == ["Helen Okoro"]
    assert len(symbols[0].children) == 2


async def test_edits_and_the_analysis_request(client: LanguageClient):
    uri, text = await open_fixture(client, "bridge.txt")
    enc = encoding_of(client)
    await diagnostics(client, uri)
    # Type an unclosed quotation at the end, one character at a time.
    typed = '\n"Мост 🌉 will wait, Okoro said.'
    version = 1
    for ch in typed:
        version += 1
        pos = position(text, len(text), enc)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=pos, end=pos), text=ch
                    )
                ],
            )
        )
        text += ch
    state = await client.protocol.send_request_async(
        "quotelens/debug/document", {"textDocument": {"uri": uri}}
    )
    assert state.text == text
    assert state.version == version

    if pulls(client):
        found = await diagnostics(client, uri)
    else:
        while True:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if client.diagnostics.get(uri) and any(
                d.code == "unclosed-quote" for d in client.diagnostics[uri]
            ):
                break
        found = client.diagnostics[uri]
    assert "unclosed-quote" in [d.code for d in found]

    analysis = await client.protocol.send_request_async(
        "quotelens/analysis", {"textDocument": {"uri": uri}}
    )
    speakers = sorted(s.name for s in analysis.speakers)
    assert speakers == ["Daniel Reyes", "Grace Lindqvist", "Helen Okoro"]


async def test_hints_rename_and_a_quick_fix(client: LanguageClient):
    uri, text = await open_fixture(client, "bridge.txt")
    enc = encoding_of(client)
    ident = types.TextDocumentIdentifier(uri=uri)
    end = types.Range(start=position(text, 0, enc), end=position(text, len(text), enc))

    if client.quotelens_init.capabilities.inlay_hint_provider:
        hints = await client.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=ident, range=end)
        )
        labels = [h.label for h in hints if h.label.startswith("\u2014")]
        # "He was asked whether ..." is a reported question whose asker the text never names.
        assert labels == [
            "\u2014 Okoro",
            "\u2014 Okoro",
            "\u2014 Reyes",
            "\u2014 ?",
            "\u2014 Reyes",
            "\u2014 Lindqvist",
        ]

    at = text.index("Reyes said") + 1
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=ident, position=position(text, at, enc), new_name="Rivera"
        )
    )
    if edit.document_changes:
        edits = [e for change in edit.document_changes for e in change.edits]
    else:
        edits = edit.changes[uri]
    # "Daniel Reyes" keeps its first name: only the surnames change.
    assert [e.new_text for e in edits] == ["Rivera", "Rivera"]

    # Open an article with an unclosed quote and apply the fix the server offers.
    uri, text = await open_fixture(client, "unicode.txt")
    [d] = await diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    titles = [a.title for a in actions]
    assert titles[0] == 'Close the quotation with "'
    assert "Ignore quotelens findings in this file" in titles
