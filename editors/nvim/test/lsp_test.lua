-- Headless Neovim test of the quotelens plugin against the real server.
-- Run by tests/editors/run.sh: nvim --headless -u NONE -i NONE -l (or -c 'luafile') this file.
-- Environment: QUOTELENS_PLUGIN (editors/nvim), QUOTELENS_CMD (server binary),
-- QUOTELENS_FIXTURE (the article), QUOTELENS_EXPECT (expectations JSON),
-- QUOTELENS_MODE (`enable`: lsp/quotelens.lua + vim.lsp.enable; `setup`: require('quotelens').setup{}).
local env = function(name)
  local v = os.getenv(name)
  if not v or v == '' then
    io.stderr:write('missing environment variable ' .. name .. '\n')
    vim.cmd('cquit 2')
  end
  return v
end

local passed, failed = 0, 0
local function check(ok, what, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('ok   ' .. what .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. what .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function finish()
  io.stdout:write(string.format('nvim %s: %d passed, %d failed\n', tostring(vim.version and vim.version().minor or '?'), passed, failed))
  io.stdout:flush()
  if failed > 0 then
    vim.cmd('cquit 1')
  end
  -- A normal quit: Neovim stops its clients (shutdown, exit); the script then checks that the
  -- server exited by itself with status 0 and nothing is left running.
  vim.cmd('qall!')
end

local ok_run, err = pcall(function()
  local plugin = env('QUOTELENS_PLUGIN')
  local cmd = env('QUOTELENS_CMD')
  local fixture = env('QUOTELENS_FIXTURE')
  local expect_file = env('QUOTELENS_EXPECT')
  local mode = env('QUOTELENS_MODE')
  local decode = vim.json and vim.json.decode or vim.fn.json_decode
  local expect = decode(table.concat(vim.fn.readfile(expect_file), '\n'))

  vim.opt.runtimepath:prepend(plugin)
  vim.cmd('runtime! plugin/quotelens.lua')
  -- The help file is well-formed and documents the command.
  vim.cmd('helptags ' .. vim.fn.fnameescape(plugin .. '/doc'))
  check(pcall(vim.cmd, 'help :QuotelensSpeakers'), ':help :QuotelensSpeakers opens the help')
  vim.cmd('silent! helpclose')
  vim.cmd('filetype on')

  if mode == 'enable' then
    vim.lsp.config('quotelens', { cmd = { cmd, 'lsp' } })
    vim.lsp.enable('quotelens')
  else
    require('quotelens').setup({ cmd = { cmd, 'lsp' } })
  end

  -- What the server shows the user (window/showMessage): there must be no warning or error.
  local shown = {}
  local show_message = vim.lsp.handlers['window/showMessage']
  vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, config)
    table.insert(shown, result)
    return show_message(err, result, ctx, config)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo.filetype == 'markdown', 'the fixture is a markdown buffer', vim.bo.filetype)

  local attached = vim.wait(15000, function()
    return #require('quotelens').clients(bufnr) > 0
  end, 50)
  check(attached, 'a quotelens client attaches to the buffer')

  -- Diagnostics from the server.
  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function has_diag(line, code)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == line and code_of(d) == code then
        return true
      end
    end
    return false
  end
  local all = vim.wait(15000, function()
    for _, e in ipairs(expect.diagnostics) do
      if not has_diag(e.line, e.code) then
        return false
      end
    end
    return true
  end, 50)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(got, d.lnum .. ':' .. tostring(code_of(d)) .. ':' .. tostring(d.source))
  end
  check(all, 'diagnostics appear on the expected lines', table.concat(got, ', '))
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    check(d.source == 'quotelens', 'diagnostic source is quotelens', tostring(d.source))
    break
  end

  -- Hover, as the user asks for it (K): the floating window names the speaker.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local function float_text()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n'), w
      end
    end
  end
  for _, h in ipairs(expect.hovers) do
    local row, col
    for i, l in ipairs(lines) do
      local s = l:find(h.needle, 1, true)
      if s then
        row, col = i, s - 1
        break
      end
    end
    check(row ~= nil, 'hover target found: ' .. h.needle)
    if row then
      vim.api.nvim_win_set_cursor(0, { row, col + 2 })
      vim.lsp.buf.hover()
      local text
      vim.wait(5000, function()
        text = float_text()
        return text ~= nil and text ~= ''
      end, 50)
      check(text and text:find(h.speaker, 1, true) ~= nil, 'hover on "' .. h.needle .. '" names ' .. h.speaker, text)
      local _, w = float_text()
      if w then
        vim.api.nvim_win_close(w, true)
      end
    end
  end

  -- :QuotelensSpeakers fills the location list.
  vim.cmd('QuotelensSpeakers')
  local filled = vim.wait(5000, function()
    return #vim.fn.getloclist(0) > 0 or (vim.fn.getloclist(0, { winid = 0 }).winid or 0) ~= 0
  end, 50)
  -- After :lopen the location list window is current; its list is the same list.
  local items = vim.fn.getloclist(0)
  check(filled and #items > 0, ':QuotelensSpeakers fills the location list', tostring(#items))
  local texts = {}
  for _, it in ipairs(items) do
    table.insert(texts, it.text)
    local line = vim.api.nvim_buf_get_lines(bufnr, it.lnum - 1, it.lnum, false)[1] or ''
    local at = line:sub(it.col, it.col + 2)
    check(at == '“' or at:sub(1, 1) == '"', 'location ' .. it.lnum .. ':' .. it.col .. ' points at an opening quotation mark', at)
  end
  local joined = table.concat(texts, '\n')
  for _, name in ipairs(expect.speakers) do
    check(joined:find(name .. ': ', 1, true) ~= nil, 'location list names ' .. name, joined)
  end
  check(joined:find('unattributed: ', 1, true) ~= nil, 'location list has the unattributed quote')
  check(#items == expect.quotes, 'location list has every speech quote', #items .. ' vs ' .. expect.quotes)
  -- Back to the article's window (:lopen moved the cursor into the location list).
  vim.cmd('lclose')
  vim.api.nvim_set_current_win(vim.fn.bufwinid(bufnr))
  local client = require('quotelens').clients(bufnr)[1]

  -- Inlay hints: on by themselves after attaching (0.10+; Neovim 0.7 has none).
  if vim.lsp.inlay_hint then
    local function hints()
      return vim.lsp.inlay_hint.get({ bufnr = bufnr })
    end
    check(vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }), 'inlay hints are enabled for the buffer')
    vim.wait(10000, function()
      return #hints() > 0
    end, 50)
    local function label(h)
      if type(h.label) == 'string' then
        return h.label
      end
      local parts = {}
      for _, p in ipairs(h.label) do
        table.insert(parts, p.value)
      end
      return table.concat(parts)
    end
    for _, e in ipairs(expect.inlayHints) do
      local line = vim.api.nvim_buf_get_lines(bufnr, e.line, e.line + 1, false)[1] or ''
      local s = line:find(e.after, 1, true)
      local found, seen = false, {}
      for _, item in ipairs(hints()) do
        local h = item.inlay_hint
        if h.position.line == e.line then
          local byte = vim.str_byteindex(line, client.offset_encoding, h.position.character, false)
          table.insert(seen, byte .. ':' .. label(h))
          if s and byte == s - 1 + #e.after and label(h):find(e.contains, 1, true) then
            found = true
          end
        end
      end
      check(found, 'inlay hint "' .. e.contains .. '" after "' .. e.after .. '" on line ' .. (e.line + 1), table.concat(seen, ', '))
    end
  else
    io.stdout:write(string.format('skip inlay hints: Neovim %d.%d has no vim.lsp.inlay_hint (0.10+)\n', vim.version().major, vim.version().minor))
  end

  -- Code lenses: "N quotes · W words" above each speaker's first mention.
  local function lenses()
    return vim.lsp.codelens.get(bufnr) or {}
  end
  vim.wait(10000, function()
    return #lenses() >= #expect.codeLenses
  end, 50)
  local seen = {}
  for _, l in ipairs(lenses()) do
    table.insert(seen, l.range.start.line .. ':' .. tostring(l.command and l.command.title))
  end
  for _, e in ipairs(expect.codeLenses) do
    local found = false
    for _, l in ipairs(lenses()) do
      local title = l.command and l.command.title or ''
      if l.range.start.line == e.line and title:find('^' .. e.quotes .. ' quotes? · %d+ words?$') then
        found = l.command.command == 'quotelens.showReferences'
      end
    end
    check(found, 'code lens "' .. e.quotes .. ' quote(s) · … words" above ' .. e.speaker .. ' on line ' .. (e.line + 1), table.concat(seen, ', '))
  end
  -- Running the lens with the most locations (as a user does: cursor on its line,
  -- vim.lsp.codelens.run()) fills the quickfix list with the speaker's mentions and quotes.
  local most = expect.codeLenses[1]
  for _, e in ipairs(expect.codeLenses) do
    if e.locations > most.locations then
      most = e
    end
  end
  vim.fn.setqflist({}, 'r', { title = 'empty', items = {} })
  vim.api.nvim_win_set_cursor(0, { most.line + 1, 0 })
  vim.lsp.codelens.run()
  local qf
  vim.wait(5000, function()
    qf = vim.fn.getqflist({ title = 1, items = 1 })
    return #qf.items > 0
  end, 50)
  check(#qf.items == most.locations, 'the code lens of ' .. most.speaker .. ' fills the quickfix list with ' .. most.locations .. ' locations',
    #qf.items .. ' items, title ' .. tostring(qf.title))
  local in_buffer = #qf.items > 0
  for _, it in ipairs(qf.items) do
    in_buffer = in_buffer and it.bufnr == bufnr and it.lnum >= 1
  end
  check(in_buffer, 'every quickfix item points into the article')
  check(vim.fn.getwininfo(vim.fn.win_getid())[1].quickfix == 1, 'the quickfix window opens')
  vim.cmd('cclose')
  vim.api.nvim_set_current_win(vim.fn.bufwinid(bufnr))

  -- Rename a speaker at one of their names through the client: every name mention changes in
  -- the buffer, nothing else does.
  local r = expect.rename
  local row = vim.api.nvim_buf_get_lines(bufnr, r.line, r.line + 1, false)[1]
  vim.api.nvim_win_set_cursor(0, { r.line + 1, vim.str_byteindex(row, r.character, true) })
  vim.lsp.buf.rename(r.to)
  local function text()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  end
  vim.wait(5000, function()
    return text() ~= table.concat(lines, '\n') .. '\n'
  end, 50)
  check(text() == r.text, 'renaming ' .. r.old .. ' to ' .. r.to .. ' changes every name mention and nothing else', text())

  local complaints = {}
  for _, m in ipairs(shown) do
    if m.type <= 2 then
      table.insert(complaints, m.message)
    end
  end
  check(#complaints == 0, 'the server shows no warning or error', table.concat(complaints, '; '))
end)

if not ok_run then
  check(false, 'test script error', tostring(err))
end
finish()
