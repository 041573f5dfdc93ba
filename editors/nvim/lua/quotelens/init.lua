-- quotelens: who said each quotation, in Neovim. `require('quotelens').setup{}` works on
-- Neovim 0.7 and later; on 0.11+ it goes through vim.lsp.config/vim.lsp.enable.
local M = {}

M.defaults = {
  cmd = { 'quotelens', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'quotelens.toml', '.git' },
  settings = {},
  -- Turned on for quotelens buffers when the client attaches.
  inlay_hints = true, -- speakers after quotes (Neovim 0.10+)
  codelens = true, -- "3 quotes · 24 words" above each speaker's first mention
}

M.config = vim.deepcopy(M.defaults)

local has_011 = vim.fn.has('nvim-0.11') == 1

--- The directory holding the nearest root marker above the buffer's file, else the file's own.
local function root_dir(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = file ~= '' and vim.fn.fnamemodify(file, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(markers) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found == '' then
      found = vim.fn.findfile(marker, dir .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git/?$', ''):gsub('/$', '')
    end
  end
  return dir
end

--- Clients of quotelens attached to a buffer, on every supported Neovim.
function M.clients(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'quotelens' })
  end
  local out = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'quotelens' then
      table.insert(out, client)
    end
  end
  return out
end

local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

-- Neovim < 0.8 has no vim.lsp.start: one client per root, attached by hand.
local started = {}
local function start_compat(config, bufnr)
  local key = config.root_dir
  local id = started[key]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.get_client_by_id(id).is_stopped() then
    id = vim.lsp.start_client(config)
    started[key] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- When a quotelens client attaches to a buffer: inlay hints on, code lenses kept fresh.
--- Called from the LspAttach autocommand (plugin/quotelens.lua) on 0.8+, from on_attach before.
function M.attach(client, bufnr)
  local caps = client.server_capabilities or {}
  if M.config.inlay_hints and vim.fn.has('nvim-0.10') == 1 and caps.inlayHintProvider then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
  if M.config.codelens and caps.codeLensProvider then
    local group = vim.api.nvim_create_augroup('quotelens_codelens_' .. bufnr, { clear = true })
    local function refresh()
      -- Before 0.10 refresh() works on the current buffer, which is bufnr in these events.
      if vim.api.nvim_get_current_buf() == bufnr then
        vim.lsp.codelens.refresh({ bufnr = bufnr })
      end
    end
    vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
      group = group,
      buffer = bufnr,
      callback = refresh,
    })
    refresh()
  end
end

--- The client-side command of the server's code lens, `quotelens.showReferences`: arguments
--- (document URI, lens position, locations), as for VS Code's editor.action.showReferences.
--- Fills the quickfix list with the locations and opens it, as vim.lsp.buf.references() does.
function M.show_references(command, ctx)
  local args = command.arguments or {}
  local locations = args[3]
  if type(locations) ~= 'table' then
    vim.notify('quotelens.showReferences: no locations in the command', vim.log.levels.WARN)
    return
  end
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or 'utf-16'
  local items = vim.lsp.util.locations_to_items(locations, encoding)
  vim.fn.setqflist({}, ' ', { title = 'quotelens: ' .. (command.title or 'references'), items = items })
  vim.cmd('botright copen')
end

local function client_config(bufnr)
  local c = M.config
  local config = {
    name = 'quotelens',
    cmd = c.cmd,
    root_dir = root_dir(bufnr, c.root_markers),
    settings = { quotelens = c.settings },
    init_options = c.settings,
  }
  if vim.fn.has('nvim-0.8') == 0 then
    config.on_attach = M.attach -- no LspAttach autocommand before 0.8
  end
  return config
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if opts and opts.filetypes then
    M.config.filetypes = opts.filetypes
  end
  if has_011 then
    vim.lsp.config('quotelens', {
      cmd = M.config.cmd,
      filetypes = M.config.filetypes,
      root_markers = M.config.root_markers,
      settings = { quotelens = M.config.settings },
      init_options = M.config.settings,
    })
    vim.lsp.enable('quotelens')
    return
  end
  local group = vim.api.nvim_create_augroup('quotelens', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      local config = client_config(args.buf)
      if vim.lsp.start then
        vim.lsp.start(config, { bufnr = args.buf })
      else
        start_compat(config, args.buf)
      end
    end,
  })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      vim.api.nvim_exec_autocmds('FileType', { group = group, buffer = buf })
    end
  end
end

--- Location list items: each speaker's quotes (most quoted speaker first), unattributed last.
--- Pure: `lines` are the buffer's lines, so it is tested without a server.
function M.speaker_items(analysis, bufnr, lines)
  local speech = {}
  for _, q in ipairs(analysis.quotes or {}) do
    if q.kind == 'speech' then
      table.insert(speech, q)
    end
  end
  table.sort(speech, function(a, b)
    return a.start < b.start
  end)
  local by_speaker, order = {}, {}
  for _, q in ipairs(speech) do
    local id = (q.speaker_id ~= nil and q.speaker_id ~= vim.NIL) and q.speaker_id or 'none'
    if not by_speaker[id] then
      by_speaker[id] = {}
      table.insert(order, id)
    end
    table.insert(by_speaker[id], q)
  end
  local names = {}
  for _, s in ipairs(analysis.speakers or {}) do
    names[s.id] = s.name
  end
  table.sort(order, function(a, b)
    if (a == 'none') ~= (b == 'none') then
      return b == 'none'
    end
    if #by_speaker[a] ~= #by_speaker[b] then
      return #by_speaker[a] > #by_speaker[b]
    end
    return by_speaker[a][1].start < by_speaker[b][1].start
  end)
  local items = {}
  for _, id in ipairs(order) do
    local name = id == 'none' and 'unattributed' or (names[id] or '?')
    for _, q in ipairs(by_speaker[id]) do
      local line = lines[q.line] or ''
      -- The analysis counts columns in code points; the location list wants bytes.
      local col = vim.fn.byteidxcomp(line, q.column - 1)
      local text = q.text:gsub('%s+', ' ')
      table.insert(items, {
        bufnr = bufnr,
        lnum = q.line,
        col = (col >= 0 and col or 0) + 1,
        text = name .. ': ' .. text,
        type = id == 'none' and 'W' or 'I',
      })
    end
  end
  return items
end

--- :QuotelensSpeakers: fill the window's location list with each speaker's quotes and open it.
function M.speakers(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local win = vim.api.nvim_get_current_win()
  local client = M.clients(bufnr)[1]
  if not client then
    vim.notify('quotelens: no quotelens server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  request(client, 'quotelens/analysis', params, function(err, result)
    if err or type(result) ~= 'table' then
      vim.notify('quotelens: ' .. (err and (err.message or vim.inspect(err)) or 'this buffer is not analysed'), vim.log.levels.WARN)
      return
    end
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local items = M.speaker_items(result, bufnr, lines)
    vim.fn.setloclist(win, {}, ' ', { title = 'quotelens speakers', items = items })
    if opts.open ~= false and vim.api.nvim_win_is_valid(win) then
      vim.api.nvim_set_current_win(win)
      vim.cmd('lopen')
    end
  end, bufnr)
end

return M
