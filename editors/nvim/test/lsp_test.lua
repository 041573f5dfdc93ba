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
end)

if not ok_run then
  check(false, 'test script error', tostring(err))
end
finish()
