-- quotelens for Neovim 0.11+: `vim.lsp.enable('quotelens')` (the nvim-lspconfig runtime
-- convention: this file returns the client config). Override with vim.lsp.config('quotelens', {...}).
return {
  cmd = { 'quotelens', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'quotelens.toml', '.git' },
  -- Server settings (see :help quotelens-settings); a quotelens.toml at the root wins over them.
  settings = { quotelens = {} },
}
